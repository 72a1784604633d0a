import Foundation
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardPostgres
import Testing

/// The audit log: events written by the connector mutations in their own transaction, with no secret in them.
@Suite struct AuditLogTests {
    static let environment = Task { try await TestGraph.make() }

    struct Row: Equatable {
        let kind: String
        let connectorID: String?
        let providerID: String?
        let actor: String
        let details: GraphQLValue
    }

    /// The tenant's events, oldest first, read as the superuser (around row-level security).
    func events(_ env: TestGraph, _ tenant: TestGraph.Tenant) async throws -> [Row] {
        try await env.pool.query(
            """
            SELECT kind, connector_id, provider_id, actor, details::text AS details FROM audit_events
            WHERE tenant_id = $1 ORDER BY created_at, id
            """, [.text(tenant.id)]
        ).map { row in
            Row(kind: try row.string("kind"), connectorID: try row.decode("connector_id", as: String?.self),
                providerID: try row.decode("provider_id", as: String?.self), actor: try row.string("actor"),
                details: try parseJSON(try row.string("details")))
        }
    }

    @Test func kindsAreTheIssuesNames() {
        #expect(AuditEventKind.allCases.map(\.rawValue) == [
            "connector.connected", "connector.disconnected", "connector.enabled", "connector.disabled",
            "connector.updated", "oauth.started", "oauth.completed", "oauth.refreshed", "oauth.failed",
            "webhook.received", "webhook.failed", "connector.verified",
        ])
    }

    @Test func everyConnectorMutationRecordsItsEventWithoutSecrets() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let id = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        await env.data(
            "mutation($id: ID!) { updateConnector(id: $id, input: {name: \"Renamed\"}) { id } }",
            as: tenant.principal, variables: ["id": .string(id)])
        await env.data(
            "mutation($id: ID!) { toggleConnector(id: $id, enabled: false) { id } }",
            as: tenant.principal, variables: ["id": .string(id)])
        // Already off: no change, no event.
        await env.data(
            "mutation($id: ID!) { toggleConnector(id: $id, enabled: false) { id } }",
            as: tenant.principal, variables: ["id": .string(id)])
        await env.data(
            "mutation($id: ID!) { toggleConnector(id: $id, enabled: true) { id } }",
            as: tenant.principal, variables: ["id": .string(id)])
        let secret = "0123456789abcdef0123456789abcdef01234567"
        await env.data(
            """
            mutation { setCredentialOverride(input: {providerId: "github",
              override: {clientId: "Iv1.0123456789abcdef", clientSecret: "\(secret)"}}) { source } }
            """, as: tenant.principal)
        await env.data("mutation { clearCredentialOverride(providerId: \"github\") { source } }", as: tenant.principal)
        // Nothing to clear: no event.
        await env.data("mutation { clearCredentialOverride(providerId: \"github\") { source } }", as: tenant.principal)
        await env.data("mutation($id: ID!) { deleteConnector(id: $id) }", as: tenant.principal,
                       variables: ["id": .string(id)])

        let rows = try await events(env, tenant)
        #expect(rows.map(\.kind) == [
            "connector.connected", "connector.updated", "connector.disabled", "connector.enabled",
            "connector.updated", "connector.updated", "connector.disconnected",
        ])
        #expect(rows[0] == Row(kind: "connector.connected", connectorID: id, providerID: "openai", actor: "tenant",
                               details: ["fields": "apiKey", "status": "ACTIVE"]))
        #expect(rows[1].details == ["name": "Renamed"])
        #expect(rows[2].details == ["status": "DISABLED"])
        #expect(rows[4] == Row(kind: "connector.updated", connectorID: nil, providerID: "github", actor: "tenant",
                               details: ["fields": "clientId,clientSecret", "override": "set"]))
        #expect(rows[5].details == ["override": "cleared"])
        #expect(rows[6] == Row(kind: "connector.disconnected", connectorID: id, providerID: "openai",
                               actor: "tenant", details: [:]))
        let all = try await env.pool.query(
            "SELECT string_agg(details::text, ' ') AS text FROM audit_events WHERE tenant_id = $1",
            [.text(tenant.id)])[0].string("text")
        #expect(!all.contains(openAIKey) && !all.contains(secret))
    }

    @Test func aFailingMutationWritesNoEvent() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        _ = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        // The second connector of a provider fails inside the transaction: no second event.
        let codes = await env.errorCodes(
            "mutation { createConnector(input: {providerId: \"openai\"}) { id } }", as: tenant.principal)
        #expect(codes == ["CONNECTOR_ALREADY_CONNECTED"])
        #expect(try await events(env, tenant).map(\.kind) == ["connector.connected"])
        // Bad credentials on update: refused, no event.
        let id = try #require(try await env.pool.query(
            "SELECT id FROM tenant_connectors WHERE tenant_id = $1", [.text(tenant.id)]).first?.string("id"))
        let invalid = await env.errorCodes(
            "mutation($id: ID!) { updateConnector(id: $id, input: {credentials: {apiKey: \"nope\"}}) { id } }",
            as: tenant.principal, variables: ["id": .string(id)])
        #expect(invalid == ["CREDENTIALS_INVALID"])
        #expect(try await events(env, tenant).count == 1)
    }

    @Test func recordBoundsDetailsAndRefusesUnknownActors() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let database = Database(pool: env.pool)
        var details: [String: String] = [:]
        for index in 0..<50 { details[String(format: "k%02d", index)] = String(repeating: "x", count: 1_000) + "\0" }
        try await database.transaction(.tenant(tenant.id)) { transaction in
            try await AuditLog.record(
                AuditEvent(kind: .webhookFailed, connectorID: "tc_x", providerID: "github", actor: "provider",
                           details: details),
                tenantID: tenant.id, in: transaction)
        }
        let row = try #require(try await events(env, tenant).first)
        guard case .object(let stored) = row.details else { Issue.record("details are not an object"); return }
        #expect(stored.count == AuditLog.maximumDetails)
        #expect(stored["k00"]?.string?.count == AuditLog.maximumDetailLength)
        #expect(row.actor == "provider")

        await #expect(throws: ConnectorError.self) {
            try await database.transaction(.tenant(tenant.id)) { transaction in
                try await AuditLog.record(AuditEvent(kind: .webhookFailed, actor: "someone"), tenantID: tenant.id,
                                          in: transaction)
            }
        }
        // The application role may insert events, never rewrite them.
        await #expect(throws: PostgresError.self) {
            try await database.transaction(.tenant(tenant.id)) { transaction in
                _ = try await transaction.query(
                    "UPDATE audit_events SET kind = 'connector.enabled' WHERE tenant_id = $1", [.text(tenant.id)])
            }
        }
    }
}
