import Foundation
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres

/// A connector's inbound webhook endpoint. Its URL's secret is stored only as its SHA-256 (`secret_hash`): the
/// secret is 32 random bytes, which need no key to be safe from guessing, so the router can find the endpoint
/// without any tenant key or server secret.
struct WebhookEndpointRecord: Sendable {
    let tenantID: String
    let id: String
    let connectorID: String
    let createdAt: Date

    static let columns = "tenant_id, id, connector_id, created_at"

    init(row: PostgresRow) throws {
        tenantID = try row.string("tenant_id")
        id = try row.string("id")
        connectorID = try row.string("connector_id")
        createdAt = try row.date("created_at")
    }
}

/// A delivery as stored.
struct WebhookEventRecord: Sendable {
    let tenantID: String
    let id: String
    let connectorID: String
    let providerID: String
    let deliveryID: String
    let eventType: String?
    /// The body when it is JSON.
    let payload: GraphQLValue?
    /// The body when it is not JSON.
    let body: [UInt8]?
    let size: Int
    let receivedAt: Date

    static let columns = """
        tenant_id, id, connector_id, provider_id, delivery_id, event_type, payload::text AS payload, body, size,
        created_at, \(Cursor.timeExpression) AS cursor_time
        """

    init(row: PostgresRow) throws {
        tenantID = try row.string("tenant_id")
        id = try row.string("id")
        connectorID = try row.string("connector_id")
        providerID = try row.string("provider_id")
        deliveryID = try row.string("delivery_id")
        eventType = try row.decode("event_type", as: String?.self)
        payload = try StoredJSON.decode(try row.decode("payload", as: String?.self))
        body = try row.decode("body", as: [UInt8]?.self)
        size = try row.int("size")
        receivedAt = try row.date("created_at")
    }
}

/// Statements on `webhook_endpoints` and `webhook_events`.
enum WebhookStore {
    /// The path of every endpoint: `/webhooks/<secret>`.
    static let pathPrefix = "/webhooks/"

    /// The stored form of a URL secret; nil for anything that cannot be one (43 base64url characters), so that
    /// arbitrary bytes never reach a statement.
    static func secretHash(_ secret: Substring) -> String? {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        guard secret.utf8.count == 43, secret.utf8.allSatisfy(alphabet.contains) else { return nil }
        return MessageAuthentication.hex(MessageAuthentication.sha256(Array(secret.utf8)))
    }

    /// Inserts the connector's endpoint, whose secret hashes to `secretHash` (delete the old one first: a connector
    /// has one endpoint, and the old URL stops working at once).
    static func insertEndpoint(
        tenantID: String, connectorID: String, secretHash: String, in transaction: PostgresTransaction
    ) async throws -> WebhookEndpointRecord {
        let rows = try await transaction.query(
            """
            INSERT INTO webhook_endpoints (tenant_id, id, connector_id, secret_hash) VALUES ($1, $2, $3, $4)
            RETURNING \(WebhookEndpointRecord.columns)
            """,
            [.text(tenantID), .text(OpaqueID.generate(.webhookEndpoint)), .text(connectorID), .text(secretHash)])
        return try WebhookEndpointRecord(row: rows[0])
    }

    static func deleteEndpoint(
        tenantID: String, connectorID: String, in transaction: PostgresTransaction
    ) async throws -> Bool {
        try await transaction.query(
            "DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND connector_id = $2",
            [.text(tenantID), .text(connectorID)]
        ).affectedRows > 0
    }

    /// The endpoints of the given connectors.
    static func endpoints(connectors keys: [TenantKey], in transaction: PostgresTransaction) async throws
        -> [WebhookEndpointRecord]
    {
        try await transaction.query(
            """
            SELECT \(WebhookEndpointRecord.columns) FROM webhook_endpoints
            WHERE tenant_id = ANY($1::text[]) AND connector_id = ANY($2::text[])
            """, keys.parameters
        ).map(WebhookEndpointRecord.init(row:))
    }

    /// The tenant whose endpoint has this secret, across tenants (the router's lookup, in the bypass scope).
    static func tenant(secretHash: String, in transaction: PostgresTransaction) async throws -> String? {
        try await transaction.query(
            "SELECT tenant_id FROM webhook_endpoints WHERE secret_hash = $1", [.text(secretHash)]
        ).first?.string("tenant_id")
    }

    /// The tenant's endpoint with this secret.
    static func endpoint(
        tenantID: String, secretHash: String, in transaction: PostgresTransaction
    ) async throws -> WebhookEndpointRecord? {
        try await transaction.query(
            "SELECT \(WebhookEndpointRecord.columns) FROM webhook_endpoints WHERE tenant_id = $1 AND secret_hash = $2",
            [.text(tenantID), .text(secretHash)]
        ).first.map(WebhookEndpointRecord.init(row:))
    }

    /// Stores a delivery; nil when the connector already has one with this delivery id (a replay).
    static func insertEvent(
        tenantID: String, connectorID: String, endpointID: String, providerID: String, deliveryID: String,
        eventType: String?, payload: String?, body: [UInt8]?, size: Int, in transaction: PostgresTransaction
    ) async throws -> String? {
        let id = OpaqueID.generate(.webhookEvent)
        let rows = try await transaction.query(
            """
            INSERT INTO webhook_events (tenant_id, id, connector_id, endpoint_id, provider_id, delivery_id,
                event_type, payload, body, size)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (tenant_id, connector_id, delivery_id) DO NOTHING
            RETURNING id
            """,
            [.text(tenantID), .text(id), .text(connectorID), .text(endpointID), .text(providerID),
             .text(deliveryID), eventType.map { PostgresValue.text($0) }, payload.map { PostgresValue.json($0) },
             body.map { PostgresValue.bytea($0) }, .int(size)])
        return try rows.first?.string("id")
    }

    /// Migration 8. An endpoint and its deliveries go with their connector. `delivery_id` is unique per connector:
    /// the de-duplication key of replays.
    static let migration = """
        CREATE TABLE webhook_endpoints (
            tenant_id text NOT NULL,
            id text NOT NULL,
            connector_id text NOT NULL,
            secret_hash text NOT NULL UNIQUE,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, connector_id),
            FOREIGN KEY (tenant_id, connector_id) REFERENCES tenant_connectors (tenant_id, id) ON DELETE CASCADE
        );

        CREATE TABLE webhook_events (
            tenant_id text NOT NULL,
            id text NOT NULL,
            connector_id text NOT NULL,
            endpoint_id text NOT NULL,
            provider_id text NOT NULL,
            delivery_id text NOT NULL,
            event_type text,
            payload jsonb,
            body bytea,
            size integer NOT NULL CHECK (size >= 0),
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, connector_id, delivery_id),
            CHECK ((payload IS NULL) <> (body IS NULL)),
            FOREIGN KEY (tenant_id, connector_id) REFERENCES tenant_connectors (tenant_id, id) ON DELETE CASCADE
        );
        CREATE INDEX webhook_events_newest ON webhook_events (tenant_id, created_at DESC, id DESC);
        CREATE INDEX webhook_events_connector ON webhook_events (tenant_id, connector_id, created_at DESC, id DESC);
        GRANT SELECT, INSERT, DELETE ON webhook_endpoints, webhook_events TO switchboard_app;

        """ + ConnectorMigrations.tenantIsolation(of: "webhook_endpoints")
        + ConnectorMigrations.tenantIsolation(of: "webhook_events")
}
