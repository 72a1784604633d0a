import SwitchboardGraphQL
import SwitchboardPostgres

/// The lifecycle changes the audit log records; raw values are the names the API shows (`auditEvents.kind`).
public enum AuditEventKind: String, Sendable, CaseIterable {
    case connectorConnected = "connector.connected"
    case connectorDisconnected = "connector.disconnected"
    case connectorEnabled = "connector.enabled"
    case connectorDisabled = "connector.disabled"
    case connectorUpdated = "connector.updated"
    case oauthStarted = "oauth.started"
    case oauthCompleted = "oauth.completed"
    case oauthRefreshed = "oauth.refreshed"
    case oauthFailed = "oauth.failed"
    case webhookReceived = "webhook.received"
    case webhookFailed = "webhook.failed"
    case connectorVerified = "connector.verified"
}

/// One lifecycle change of a tenant's connectors, as the audit log records it.
public struct AuditEvent: Sendable {
    public var kind: AuditEventKind
    public var connectorID: String?
    public var providerID: String?
    /// "tenant", "admin", "system" (background work) or "provider" (callbacks, webhooks).
    public var actor: String
    /// Non-secret details only (status, reason, scopes, delivery id…): never a token, key, credential, code or
    /// state. Bounded when recorded (`AuditLog.maximumDetails`, `maximumDetailLength`).
    public var details: [String: String]

    public init(
        kind: AuditEventKind, connectorID: String? = nil, providerID: String? = nil, actor: String = "tenant",
        details: [String: String] = [:]
    ) {
        self.kind = kind
        self.connectorID = connectorID
        self.providerID = providerID
        self.actor = actor
        self.details = details
    }
}

/// The audit log: `audit_events`, one row per lifecycle change, written in the same transaction as the change (so
/// that a change rolled back leaves no event, and an event cannot be lost after its change committed). Rows are
/// only inserted: the application role may not update them (the tenant's deletion removes them with the tenant).
enum AuditLog {
    static let actors: Set<String> = ["tenant", "admin", "system", "provider"]
    /// At most this many details per event, each value cut to `maximumDetailLength` characters.
    static let maximumDetails = 32
    static let maximumDetailLength = 500

    /// Records `event` for `tenantID` in `transaction`.
    static func record(_ event: AuditEvent, tenantID: String, in transaction: PostgresTransaction) async throws {
        guard actors.contains(event.actor) else {
            throw ConnectorError(.internalServerError, "audit event with an unknown actor \"\(event.actor)\"")
        }
        var details = OrderedDictionary<String, GraphQLValue>()
        for (name, value) in event.details.sorted(by: { $0.key < $1.key }).prefix(maximumDetails) {
            details[clean(name)] = .string(clean(value))
        }
        _ = try await transaction.query(
            """
            INSERT INTO audit_events (tenant_id, id, kind, connector_id, provider_id, actor, details)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            [.text(tenantID), .text(OpaqueID.generate(.auditEvent)), .text(event.kind.rawValue),
             event.connectorID.map { PostgresValue.text($0) }, event.providerID.map { PostgresValue.text($0) },
             .text(event.actor),
             .json(GraphQLValue.object(details).jsonString)])
    }

    /// A detail as stored: at most `maximumDetailLength` characters, without NUL (which jsonb cannot hold).
    private static func clean(_ text: String) -> String {
        String(text.replacingOccurrences(of: "\0", with: "").prefix(maximumDetailLength))
    }

    /// Migration 7: `audit_events`. `connector_id` is no foreign key: the event of a connector's deletion outlives
    /// the connector. Newest first by (created_at, id), the order of `auditEvents`' pages.
    static let migration = """
        CREATE TABLE audit_events (
            tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            id text NOT NULL,
            kind text NOT NULL,
            connector_id text,
            provider_id text,
            actor text NOT NULL CHECK (actor IN ('tenant', 'admin', 'system', 'provider')),
            details jsonb NOT NULL DEFAULT '{}',
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (tenant_id, id)
        );
        CREATE INDEX audit_events_newest ON audit_events (tenant_id, created_at DESC, id DESC);
        GRANT SELECT, INSERT, DELETE ON audit_events TO switchboard_app;

        """ + ConnectorMigrations.tenantIsolation(of: "audit_events")
}
