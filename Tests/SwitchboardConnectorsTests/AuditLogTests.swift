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

    // MARK: auditEvents

    static let page = """
        query($filter: AuditEventFilter, $first: Int, $after: String) {
          auditEvents(filter: $filter, first: $first, after: $after) {
            edges { cursor node { id tenantId kind connectorId providerId actor details createdAt } }
            nodes { id }
            pageInfo { hasNextPage endCursor }
          }
        }
        """

    /// Every page of `filter` for `principal`, `first` at a time; the kinds in order.
    func allPages(
        _ env: TestGraph, as principal: Principal, filter: GraphQLValue = .null, first: Int
    ) async -> (kinds: [String], pages: Int) {
        var kinds: [String] = []
        var after: GraphQLValue = .null
        var pages = 0
        while pages < 50 {
            let data = await env.data(Self.page, as: principal,
                                      variables: ["filter": filter, "first": .int(first), "after": after])
            let connection = data["auditEvents"]
            pages += 1
            kinds += connection["edges"].list.map { $0["node"]["kind"].string ?? "" }
            #expect(connection["nodes"].list.count == connection["edges"].list.count)
            guard connection["pageInfo"]["hasNextPage"] == true else {
                #expect(connection["pageInfo"]["endCursor"].string == connection["edges"].list.last?["cursor"].string)
                break
            }
            after = connection["pageInfo"]["endCursor"]
        }
        return (kinds, pages)
    }

    @Test func auditEventsArePagedNewestFirstAndFiltered() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let other = try await env.tenant("Other")
        let openai = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        for enabled in [false, true, false, true] {
            await env.data("mutation($id: ID!, $e: Boolean!) { toggleConnector(id: $id, enabled: $e) { id } }",
                           as: tenant.principal, variables: ["id": .string(openai), "e": .boolean(enabled)])
        }
        _ = await env.createConnector(tenant, provider: "ollama")
        _ = await env.createConnector(other, provider: "ollama")
        let expected = [
            "connector.connected", "connector.enabled", "connector.disabled", "connector.enabled",
            "connector.disabled", "connector.connected",
        ]
        for first in [1, 2, 4, 6, 50] {
            let (kinds, pages) = await allPages(env, as: tenant.principal, first: first)
            #expect(kinds == expected, "first: \(first)")
            // Exactly as many pages as needed: the last full page already says no more follow.
            #expect(pages == (expected.count + first - 1) / first)
        }
        // Filters.
        let disabled = await allPages(env, as: tenant.principal, filter: ["kinds": ["connector.disabled"]], first: 50)
        #expect(disabled.kinds == ["connector.disabled", "connector.disabled"])
        let ofOpenAI = await allPages(env, as: tenant.principal, filter: ["connectorId": .string(openai)], first: 2)
        #expect(ofOpenAI.kinds.count == 5)
        let ofOllama = await allPages(env, as: tenant.principal, filter: ["providerId": "ollama"], first: 50)
        #expect(ofOllama.kinds == ["connector.connected"])
        let future = await allPages(env, as: tenant.principal, filter: ["since": "2999-01-01T00:00:00Z"], first: 50)
        #expect(future.kinds.isEmpty)
        let past = await allPages(env, as: tenant.principal, filter: ["until": "2000-01-01T00:00:00Z"], first: 50)
        #expect(past.kinds.isEmpty)
        let now = await allPages(env, as: tenant.principal,
                                 filter: ["since": "2000-01-01T00:00:00Z", "until": "2999-01-01T00:00:00Z"], first: 50)
        #expect(now.kinds == expected)

        // The admin reads one tenant's events, or everyone's; a tenant only its own.
        let admin = await allPages(env, as: .admin, filter: ["tenantId": .string(other.id)], first: 50)
        #expect(admin.kinds == ["connector.connected"])
        let data = await env.data(Self.page, as: .admin, variables: ["filter": ["tenantId": .string(other.id)]])
        #expect(data["auditEvents"]["nodes"].list.count == 1)
        #expect(data["auditEvents"]["edges"][0]["node"]["tenantId"].string == other.id)
        #expect(data["auditEvents"]["edges"][0]["node"]["details"] == ["fields": "", "status": "ACTIVE"])
        let codes = await env.errorCodes(
            Self.page, as: tenant.principal, variables: ["filter": ["tenantId": .string(other.id)]])
        #expect(codes == ["FORBIDDEN"])
    }

    @Test func badCursorsFirstAndKindsAreBadUserInput() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        _ = await env.createConnector(tenant, provider: "ollama")
        let forged = Cursor(time: "2026-01-01T00:00:00.000000Z", id: "tc_aaaaaaaaaaaaaaaaaaaaaaaaaa").encoded
        for variables: [String: GraphQLValue] in [
            ["after": "not a cursor"], ["after": "!!!"], ["after": .string(forged)],
            ["after": .string(String(repeating: "A", count: 500))],
            ["first": 0], ["first": 201], ["first": -1],
            ["filter": ["kinds": ["connector.exploded"]]],
        ] {
            let codes = await env.errorCodes(Self.page, as: tenant.principal, variables: variables)
            #expect(codes == ["BAD_USER_INPUT"], "\(variables)")
        }
        // A real cursor round-trips.
        let cursor = Cursor(time: "2026-11-22T00:31:45.123456Z", id: "aud_abcdefghijklmnopqrstuvwxyz")
        #expect(try Cursor.decode(cursor.encoded, kind: .auditEvent) == cursor)
        #expect(throws: ConnectorError.self) { try Cursor.decode(cursor.encoded, kind: .webhookEvent) }
        #expect(!cursor.encoded.contains("=") && !cursor.encoded.contains("+") && !cursor.encoded.contains("/"))
    }
}
