import Foundation
import SwitchboardGraphQL
import SwitchboardPostgres

/// An audit event as stored.
struct AuditEventRecord: Sendable {
    let tenantID: String
    let id: String
    let kind: String
    let connectorID: String?
    let providerID: String?
    let actor: String
    let details: GraphQLValue
    let createdAt: Date

    static let columns = "tenant_id, id, kind, connector_id, provider_id, actor, details::text AS details, created_at, "
        + Cursor.timeExpression + " AS cursor_time"

    init(row: PostgresRow) throws {
        tenantID = try row.string("tenant_id")
        id = try row.string("id")
        kind = try row.string("kind")
        connectorID = try row.decode("connector_id", as: String?.self)
        providerID = try row.decode("provider_id", as: String?.self)
        actor = try row.string("actor")
        details = try StoredJSON.decode(try row.string("details")) ?? .object([:])
        createdAt = try row.date("created_at")
    }
}

/// The filter of `auditEvents`.
struct AuditEventFilter: Sendable {
    var kinds: [String]?
    var connectorID: String?
    var providerID: String?
    var since: Date?
    var until: Date?
    /// The admin's choice of tenant; nil: every tenant.
    var tenantID: String?

    static func read(_ value: GraphQLValue?) throws -> AuditEventFilter {
        let input = try Arguments.object(value, "filter")
        var filter = AuditEventFilter()
        if case .list(let items)? = input["kinds"] {
            filter.kinds = try items.map { item in
                let kind = try Arguments.string(item, "filter.kinds")
                guard AuditEventKind(rawValue: kind) != nil else {
                    throw ConnectorError.badInput(
                        "filter.kinds: \(kind) is not an audit event kind (one of "
                            + AuditEventKind.allCases.map(\.rawValue).joined(separator: ", ") + ").")
                }
                return kind
            }
        }
        filter.connectorID = try Arguments.optionalString(input["connectorId"], "filter.connectorId")
        filter.providerID = try Arguments.optionalString(input["providerId"], "filter.providerId")
        filter.since = try date(input["since"], "filter.since")
        filter.until = try date(input["until"], "filter.until")
        filter.tenantID = try Arguments.optionalString(input["tenantId"], "filter.tenantId")
        return filter
    }

    static func date(_ value: GraphQLValue?, _ name: String) throws -> Date? {
        guard let text = try Arguments.optionalString(value, name) else { return nil }
        guard let date = RFC3339.parse(text) else {
            throw ConnectorError.badInput("\(name) is not an RFC 3339 date-time.")
        }
        return date
    }
}

/// `auditEvents`: a tenant reads its own events; the admin reads any tenant's (`filter.tenantId`) or every
/// tenant's. Newest first, in pages of `first` (1 to 200) after the cursor `after`.
enum AuditQueries {
    static let queryFields: [String: FieldBinding] = [
        "auditEvents": .resolver { _, args, context in
            let filter = try AuditEventFilter.read(args["filter"])
            let (first, after) = try CursorPage<AuditEventRecord>.arguments(args, kind: .auditEvent)
            let scope: DataScope
            var tenantID: String?
            switch context.principal {
            case .tenant(let id):
                if let asked = filter.tenantID, asked != id {
                    throw ConnectorError(.forbidden, "filter.tenantId is the admin's; a tenant reads its own events.")
                }
                scope = .tenant(id)
                tenantID = id
            case .admin:
                scope = .allTenants
                tenantID = filter.tenantID
            }
            var conditions = SQLConditions(firstParameter: 2)
            if let tenantID { conditions.add([.text(tenantID)]) { "tenant_id = \($0[0])" } }
            if let kinds = filter.kinds { conditions.add([.textArray(kinds)]) { "kind = ANY(\($0[0])::text[])" } }
            if let connector = filter.connectorID { conditions.add([.text(connector)]) { "connector_id = \($0[0])" } }
            if let provider = filter.providerID { conditions.add([.text(provider)]) { "provider_id = \($0[0])" } }
            if let since = filter.since {
                conditions.add([.text(RFC3339.format(since))]) { "created_at >= \($0[0])::timestamptz" }
            }
            if let until = filter.until {
                conditions.add([.text(RFC3339.format(until))]) { "created_at < \($0[0])::timestamptz" }
            }
            conditions.after(after)
            let rows = try await context.transaction(scope) { transaction in
                try await transaction.query(
                    """
                    SELECT \(AuditEventRecord.columns) FROM audit_events WHERE true\(conditions.sql)
                    ORDER BY created_at DESC, id DESC LIMIT $1
                    """, [.int(first + 1)] + conditions.parameters
                ).map { row in
                    (try AuditEventRecord(row: row), try Cursor(row: row))
                }
            }
            return CursorPage(rows: rows, first: first)
        },
    ]

    static let types: ResolverRegistry = {
        var types = CursorPage<AuditEventRecord>.types(connection: "AuditEventConnection", edge: "AuditEventEdge")
        types["AuditEvent"] = [
            "id": .property(AuditEventRecord.self) { $0.id },
            "tenantId": .property(AuditEventRecord.self) { $0.tenantID },
            "kind": .property(AuditEventRecord.self) { $0.kind },
            "connectorId": .property(AuditEventRecord.self) { $0.connectorID },
            "providerId": .property(AuditEventRecord.self) { $0.providerID },
            "actor": .property(AuditEventRecord.self) { $0.actor },
            "details": .property(AuditEventRecord.self) { $0.details },
            "createdAt": .property(AuditEventRecord.self) { $0.createdAt },
        ]
        return types
    }()
}
