import SwitchboardGraphQL
import SwitchboardPostgres

/// The filter of `connectors(where:)` and `connectorCount(where:)`, with the category already turned into the
/// catalog's provider ids.
struct ConnectorFilter: Sendable {
    var status: ConnectorStatus?
    var enabled: Bool?
    var providerID: String?
    /// The providers of the requested category.
    var providerIDs: [String]?
    /// A case-insensitive substring of the name.
    var nameContains: String?

    /// ` AND …` conditions, with their parameters numbered from `first`.
    func conditions(firstParameter first: Int) -> (sql: String, parameters: [PostgresValue?]) {
        var sql = ""
        var parameters: [PostgresValue?] = []
        func add(_ condition: (Int) -> String, _ value: PostgresValue) {
            parameters.append(value)
            sql += " AND " + condition(first + parameters.count - 1)
        }
        if let status { add({ "status = $\($0)" }, .text(status.rawValue)) }
        if let enabled { add({ "enabled = $\($0)" }, .bool(enabled)) }
        if let providerID { add({ "provider_id = $\($0)" }, .text(providerID)) }
        if let providerIDs { add({ "provider_id = ANY($\($0)::text[])" }, .textArray(providerIDs)) }
        if let nameContains { add({ "strpos(lower(name), lower($\($0)::text)) > 0" }, .text(nameContains)) }
        return (sql, parameters)
    }
}

/// Statements on `tenant_connectors`. Every statement names the tenant, and row-level security checks it again.
enum ConnectorStore {
    static func list(
        tenantID: String, filter: ConnectorFilter, limit: Int, offset: Int, in transaction: PostgresTransaction
    ) async throws -> [ConnectorRecord] {
        let (conditions, parameters) = filter.conditions(firstParameter: 4)
        return try await transaction.query(
            """
            SELECT \(ConnectorRecord.columns) FROM tenant_connectors WHERE tenant_id = $1\(conditions)
            ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3
            """, [.text(tenantID), .int(limit), .int(offset)] + parameters
        ).map(ConnectorRecord.init(row:))
    }

    static func count(
        tenantID: String, filter: ConnectorFilter, in transaction: PostgresTransaction
    ) async throws -> Int {
        let (conditions, parameters) = filter.conditions(firstParameter: 2)
        let rows = try await transaction.query(
            "SELECT count(*) AS count FROM tenant_connectors WHERE tenant_id = $1\(conditions)",
            [.text(tenantID)] + parameters)
        return try rows[0].int("count")
    }

    static func find(
        tenantID: String, id: String, forUpdate: Bool = false, in transaction: PostgresTransaction
    ) async throws -> ConnectorRecord? {
        guard OpaqueID.isWellFormed(id, .tenantConnector) else { return nil }
        let rows = try await transaction.query(
            "SELECT \(ConnectorRecord.columns) FROM tenant_connectors WHERE tenant_id = $1 AND id = $2"
                + (forUpdate ? " FOR UPDATE" : ""), [.text(tenantID), .text(id)])
        return try rows.first.map(ConnectorRecord.init(row:))
    }

    static func findID(
        tenantID: String, providerID: String, in transaction: PostgresTransaction
    ) async throws -> String? {
        let rows = try await transaction.query(
            "SELECT id FROM tenant_connectors WHERE tenant_id = $1 AND provider_id = $2",
            [.text(tenantID), .text(providerID)])
        return try rows.first?.string("id")
    }

    /// The connectors of several tenants, newest first (one statement for a level of `Tenant.connectors`).
    static func connectors(
        ofTenants tenantIDs: [String], in transaction: PostgresTransaction
    ) async throws -> [ConnectorRecord] {
        try await transaction.query(
            """
            SELECT \(ConnectorRecord.columns) FROM tenant_connectors WHERE tenant_id = ANY($1::text[])
            ORDER BY created_at DESC, id DESC
            """, [.textArray(tenantIDs)]
        ).map(ConnectorRecord.init(row:))
    }

    /// The connectors with the given (tenant, id) keys (one statement for a level of
    /// `ProjectConnector.tenantConnector`).
    static func connectors(
        keys: [TenantKey], in transaction: PostgresTransaction
    ) async throws -> [ConnectorRecord] {
        try await transaction.query(
            """
            SELECT \(ConnectorRecord.columns) FROM tenant_connectors
            WHERE tenant_id = ANY($1::text[]) AND id = ANY($2::text[])
            """, keys.parameters
        ).map(ConnectorRecord.init(row:))
    }

    /// Inserts a connector; nil when the tenant already has one for this provider.
    static func insert(
        tenantID: String, id: String, providerID: String, name: String, status: ConnectorStatus,
        config: GraphQLValue?, in transaction: PostgresTransaction
    ) async throws -> ConnectorRecord? {
        let rows = try await transaction.query(
            """
            INSERT INTO tenant_connectors (tenant_id, id, provider_id, name, status, enabled, config)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (tenant_id, provider_id) DO NOTHING
            RETURNING \(ConnectorRecord.columns)
            """,
            [.text(tenantID), .text(id), .text(providerID), .text(name), .text(status.rawValue),
             .bool(status != .disabled), StoredJSON.encode(config)])
        return try rows.first.map(ConnectorRecord.init(row:))
    }

    /// Writes the new state of a connector (name, status, enabled, config) and returns it.
    static func update(
        _ record: ConnectorRecord, name: String, status: ConnectorStatus, config: GraphQLValue?,
        in transaction: PostgresTransaction
    ) async throws -> ConnectorRecord? {
        let rows = try await transaction.query(
            """
            UPDATE tenant_connectors SET name = $3, status = $4, enabled = $5, config = $6,
                updated_at = clock_timestamp()
            WHERE tenant_id = $1 AND id = $2
            RETURNING \(ConnectorRecord.columns)
            """,
            [.text(record.tenantID), .text(record.id), .text(name), .text(status.rawValue),
             .bool(status != .disabled), StoredJSON.encode(config)])
        return try rows.first.map(ConnectorRecord.init(row:))
    }

    /// Deletes a connector like `delete` and returns its provider's id; nil when there was no such connector.
    static func deleteReturningProvider(
        tenantID: String, id: String, in transaction: PostgresTransaction
    ) async throws -> String? {
        guard OpaqueID.isWellFormed(id, .tenantConnector) else { return nil }
        return try await transaction.query(
            "DELETE FROM tenant_connectors WHERE tenant_id = $1 AND id = $2 RETURNING provider_id",
            [.text(tenantID), .text(id)]
        ).first?.string("provider_id")
    }

    /// Deletes a connector; its credentials and project connectors go with it (cascade).
    static func delete(tenantID: String, id: String, in transaction: PostgresTransaction) async throws -> Bool {
        guard OpaqueID.isWellFormed(id, .tenantConnector) else { return false }
        return try await transaction.query(
            "DELETE FROM tenant_connectors WHERE tenant_id = $1 AND id = $2", [.text(tenantID), .text(id)]
        ).affectedRows > 0
    }
}

/// Keys of rows of several tenants, for `tenant_id = ANY($1) AND id = ANY($2)` statements; the rows that come
/// back are matched to the keys by (tenant, id), so a pair made of one key's tenant and another's id never counts.
struct TenantKey: Hashable, Sendable {
    let tenantID: String
    let id: String
}

extension Array where Element == TenantKey {
    var parameters: [PostgresValue?] {
        [.textArray(Set(map(\.tenantID)).sorted()), .textArray(Set(map(\.id)).sorted())]
    }
}
