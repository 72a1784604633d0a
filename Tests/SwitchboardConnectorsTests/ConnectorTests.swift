import Foundation
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardPostgres
import Testing

/// Tenant connectors through the graph: create, read, filter, update, toggle, delete, and their error codes.
@Suite struct ConnectorTests {
    static let environment = Task { try await TestGraph.make() }

    static let connectorFields = """
        id providerId providerName category status enabled name config createdAt updatedAt
        credentials { field maskedValue } provider { id name }
        """

    @Test func createConnectorWithCompleteCredentialsIsActiveAndShowsOnlyMasks() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let data = await env.data(
            """
            mutation($input: CreateConnectorInput!) { createConnector(input: $input) { \(Self.connectorFields) } }
            """, as: tenant.principal,
            variables: ["input": [
                "providerId": "openai", "name": "  Production AI  ",
                "credentials": ["apiKey": .string(openAIKey), "organization": "org-abc123"],
                "config": ["model": "gpt-5", "temperature": 0.2],
            ]])
        let connector = data["createConnector"]
        #expect(connector["id"].string?.hasPrefix("tc_") == true)
        #expect(connector["providerId"] == "openai")
        #expect(connector["providerName"] == "OpenAI")
        #expect(connector["category"] == "AI")
        #expect(connector["status"] == "ACTIVE")
        #expect(connector["enabled"] == true)
        #expect(connector["name"] == "Production AI")
        #expect(connector["config"] == ["model": "gpt-5", "temperature": 0.2])
        #expect(connector["provider"] == ["id": "openai", "name": "OpenAI"])
        #expect(connector["credentials"] == [
            ["field": "apiKey", "maskedValue": "sk-…3456"],
            ["field": "organization", "maskedValue": "••••"],
        ])
        #expect(connector["createdAt"].string?.hasSuffix("Z") == true)
        // The secret is nowhere in the response, nor in the database in clear.
        #expect(!data.jsonString.contains(openAIKey))
        let stored = try await env.pool.query(
            "SELECT sealed, masked FROM connector_credentials WHERE tenant_id = $1", [.text(tenant.id)])
        #expect(stored.count == 2)
        for row in stored {
            let sealed = try row.bytes("sealed")
            #expect(sealed.count > openAIKey.utf8.count)
            #expect(!Data(sealed).contains(Data(openAIKey.utf8)))
            #expect(try row.string("masked") != openAIKey)
        }
        let opened = try await env.graph.connectorCredentials(
            tenantID: tenant.id, connectorID: connector["id"].string ?? "")
        #expect(opened == ["apiKey": openAIKey, "organization": "org-abc123"])
    }

    @Test func createConnectorWithoutCredentialsIsPendingUnlessNoneAreNeeded() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let pending = await env.data(
            #"mutation { createConnector(input: {providerId: "stripe"}) { status enabled name credentials { field } } }"#,
            as: tenant.principal)
        #expect(pending["createConnector"] == ["status": "PENDING", "enabled": true, "name": "Stripe", "credentials": []])
        // Ollama's one required field has a default: nothing is missing.
        let ready = await env.data(
            #"mutation { createConnector(input: {providerId: "ollama"}) { status } }"#, as: tenant.principal)
        #expect(ready["createConnector"]["status"] == "ACTIVE")
    }

    @Test func invalidCredentialsAreRefusedFieldByField() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let result = await env.run(
            """
            mutation { createConnector(input: {providerId: "stripe",
              credentials: {secretKey: "pk_live_not_a_secret_key", webhookSecret: "whsec_ok1", color: "blue"}}) { id } }
            """, as: tenant.principal)
        #expect(result.data == .null)
        let error = try #require(result.errors.first)
        #expect(error.connectorErrorCode == .credentialsInvalid)
        #expect(error.path == [.key("createConnector")])
        #expect(error.extensions?["fields"] == [
            ["field": "secretKey", "code": "PATTERN_MISMATCH", "message": "Secret key does not have the expected format"],
            ["field": "color", "code": "UNKNOWN_FIELD", "message": "Unknown field color; expected secretKey, webhookSecret"],
        ])
        #expect(!error.message.contains("pk_live_not_a_secret_key"))
        let missing = await env.run(
            #"mutation { createConnector(input: {providerId: "stripe", credentials: {webhookSecret: "whsec_abc"}}) { id } }"#,
            as: tenant.principal)
        #expect(missing.errors.first?.extensions?["fields"]?[0]["code"] == "REQUIRED")
        let count = await env.data("{ connectorCount }", as: tenant.principal)
        #expect(count["connectorCount"] == 0)
    }

    @Test func connectingAProviderTwiceFailsAndUnknownProvidersAreNotFound() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let first = await env.createConnector(tenant, provider: "github")
        let again = await env.run(
            #"mutation { createConnector(input: {providerId: "github", name: "Second"}) { id } }"#, as: tenant.principal)
        #expect(again.errors.map(\.connectorErrorCode) == [.connectorAlreadyConnected])
        #expect(again.errors.first?.message.contains(first) == true)
        #expect(await env.errorCodes(
            #"mutation { createConnector(input: {providerId: "nonexistent"}) { id } }"#, as: tenant.principal)
            == ["PROVIDER_NOT_FOUND"])
        // Another tenant may connect the same provider.
        let other = try await env.tenant()
        #expect(await env.createConnector(other, provider: "github").hasPrefix("tc_"))
    }

    @Test func badNamesAndConfigsAreBadUserInput() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        for input in [
            #"{providerId: "github", name: "   "}"#,
            #"{providerId: "github", config: [1, 2]}"#,
            #"{providerId: "github", config: "text"}"#,
            #"{providerId: "github", config: {nested: "\u0000"}}"#,
            #"{providerId: "github", credentials: "sk-123"}"#,
            #"{providerId: "github", name: "\#(String(repeating: "x", count: 201))"}"#,
        ] {
            #expect(await env.errorCodes("mutation { createConnector(input: \(input)) { id } }", as: tenant.principal)
                == ["BAD_USER_INPUT"], "\(input)")
        }
    }

    @Test func connectorsAreListedNewestFirstFilteredAndPaged() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let github = await env.createConnector(tenant, provider: "github", name: "Code")
        let stripe = await env.createConnector(tenant, provider: "stripe", name: "Billing")
        let openai = await env.createConnector(
            tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)], name: "AI Billing helper")
        await env.data(
            "mutation($id: ID!) { toggleConnector(id: $id, enabled: false) { status } }", as: tenant.principal,
            variables: ["id": .string(github)])

        func ids(_ arguments: String) async -> [String] {
            let data = await env.data("{ connectors\(arguments) { id } }", as: tenant.principal)
            return data["connectors"].list.compactMap { $0["id"].string }
        }
        func count(_ arguments: String) async -> Int? {
            await env.data("{ connectorCount\(arguments) }", as: tenant.principal)["connectorCount"].int
        }
        #expect(await ids("") == [openai, stripe, github])
        #expect(await ids("(limit: 2)") == [openai, stripe])
        #expect(await ids("(limit: 2, offset: 2)") == [github])
        #expect(await ids("(offset: 5)") == [])
        #expect(await ids("(where: {status: PENDING})") == [stripe])
        #expect(await ids("(where: {status: DISABLED})") == [github])
        #expect(await ids("(where: {enabled: true})") == [openai, stripe])
        #expect(await ids("(where: {category: PAYMENTS})") == [stripe])
        #expect(await ids("(where: {category: DATABASE})") == [])
        #expect(await ids(#"(where: {providerId: "openai"})"#) == [openai])
        #expect(await ids(#"(where: {name: "billing"})"#) == [openai, stripe])
        #expect(await ids(#"(where: {name: "BILLING", status: ACTIVE})"#) == [openai])
        #expect(await ids(#"(where: {name: "%"})"#) == [])
        #expect(await count("") == 3)
        #expect(await count("(where: {enabled: false})") == 1)
        #expect(await count(#"(where: {name: "billing", category: AI})"#) == 1)
    }

    @Test func limitsAndOffsetsAreBounded() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        for arguments in ["(limit: 0)", "(limit: 201)", "(limit: -1)", "(offset: -1)"] {
            #expect(await env.errorCodes("{ connectors\(arguments) { id } }", as: tenant.principal)
                == ["BAD_USER_INPUT"], "\(arguments)")
        }
        let max = await env.run("{ connectors(limit: 200) { id } }", as: tenant.principal)
        #expect(max.errors.isEmpty)
        let admin = await env.errorCodes("{ tenants(limit: 500) { id } }", as: .admin)
        #expect(admin == ["BAD_USER_INPUT"])
    }

    @Test func connectorByIdAndUnknownIds() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let id = await env.createConnector(tenant, provider: "github")
        let found = await env.data(
            "query($id: ID!) { connector(id: $id) { id name } }", as: tenant.principal, variables: ["id": .string(id)])
        #expect(found["connector"] == ["id": .string(id), "name": "GitHub"])
        for unknown in [OpaqueID.generate(.tenantConnector), "tc_nope", "", "prj_" + id.dropFirst(3), "x\u{0}y"] {
            let result = await env.run(
                "query($id: ID!) { connector(id: $id) { id } }", as: tenant.principal,
                variables: ["id": .string(unknown)])
            #expect(result.data?["connector"] == .null, "\(unknown)")
            #expect(result.errors.allSatisfy { $0.connectorErrorCode == .badUserInput }, "\(unknown)")
        }
    }

    @Test func updateConnectorReplacesNameConfigCredentialsAndStatus() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let id = await env.createConnector(tenant, provider: "stripe")
        let before = await env.data(
            "query($id: ID!) { connector(id: $id) { updatedAt } }", as: tenant.principal, variables: ["id": .string(id)])
        try await Task.sleep(for: .milliseconds(5))  // updatedAt shows milliseconds
        let updated = await env.data(
            """
            mutation($id: ID!) {
              updateConnector(id: $id, input: {name: "Payments", config: {account: "acct_1"},
                credentials: {secretKey: "sk_live_0123456789abcdef"}}) {
                name status enabled config credentials { field maskedValue } updatedAt
              }
            }
            """, as: tenant.principal, variables: ["id": .string(id)])["updateConnector"]
        #expect(updated["name"] == "Payments")
        #expect(updated["status"] == "ACTIVE")
        #expect(updated["config"] == ["account": "acct_1"])
        #expect(updated["credentials"] == [["field": "secretKey", "maskedValue": "sk_…cdef"]])
        #expect(updated["updatedAt"] != before["connector"]["updatedAt"])

        // Only what is given changes; config: null clears the configuration.
        let second = await env.data(
            """
            mutation($id: ID!) { updateConnector(id: $id, input: {config: null, status: ERROR}) {
              name status enabled config credentials { field } } }
            """, as: tenant.principal, variables: ["id": .string(id)])["updateConnector"]
        #expect(second == [
            "name": "Payments", "status": "ERROR", "enabled": true, "config": nil, "credentials": [["field": "secretKey"]],
        ])
        let invalid = await env.run(
            #"mutation($id: ID!) { updateConnector(id: $id, input: {credentials: {secretKey: "nope"}}) { id } }"#,
            as: tenant.principal, variables: ["id": .string(id)])
        #expect(invalid.errors.map(\.connectorErrorCode) == [.credentialsInvalid])
        let credentials = try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: id)
        #expect(credentials == ["secretKey": "sk_live_0123456789abcdef"])
        #expect(await env.errorCodes(
            #"mutation($id: ID!) { updateConnector(id: $id, input: {name: "x"}) { id } }"#, as: tenant.principal,
            variables: ["id": .string(OpaqueID.generate(.tenantConnector))]) == ["NOT_FOUND"])
    }

    @Test func toggleConnectorDisablesAndRestoresTheStatus() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let active = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        let pending = await env.createConnector(tenant, provider: "stripe")
        func toggle(_ id: String, _ enabled: Bool) async -> GraphQLValue {
            await env.data(
                "mutation($id: ID!, $on: Boolean!) { toggleConnector(id: $id, enabled: $on) { status enabled } }",
                as: tenant.principal, variables: ["id": .string(id), "on": .boolean(enabled)])["toggleConnector"]
        }
        #expect(await toggle(active, false) == ["status": "DISABLED", "enabled": false])
        #expect(await toggle(active, false) == ["status": "DISABLED", "enabled": false])
        #expect(await toggle(active, true) == ["status": "ACTIVE", "enabled": true])
        #expect(await toggle(active, true) == ["status": "ACTIVE", "enabled": true])
        #expect(await toggle(pending, false) == ["status": "DISABLED", "enabled": false])
        #expect(await toggle(pending, true) == ["status": "PENDING", "enabled": true])
        #expect(await env.errorCodes(
            "mutation($id: ID!) { toggleConnector(id: $id, enabled: true) { id } }", as: tenant.principal,
            variables: ["id": .string(OpaqueID.generate(.tenantConnector))]) == ["NOT_FOUND"])
    }

    @Test func deleteConnectorRemovesItsCredentialsAndProjectConnectors() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let id = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        let project = await env.createProject(tenant, name: "App")
        _ = await env.enableProjectConnector(tenant, project: project, connector: id)
        let deleted = await env.data(
            "mutation($id: ID!) { deleteConnector(id: $id) }", as: tenant.principal, variables: ["id": .string(id)])
        #expect(deleted["deleteConnector"] == true)
        let again = await env.data(
            "mutation($id: ID!) { deleteConnector(id: $id) }", as: tenant.principal, variables: ["id": .string(id)])
        #expect(again["deleteConnector"] == false)
        for table in ["connector_credentials", "project_connectors", "tenant_connectors"] {
            let rows = try await env.pool.query("SELECT 1 FROM \(table) WHERE tenant_id = $1", [.text(tenant.id)])
            #expect(rows.isEmpty, "\(table)")
        }
        let projects = await env.data("{ projects { name connectors { id } } }", as: tenant.principal)
        #expect(projects["projects"] == [["name": "App", "connectors": []]])
    }

    @Test func everyMutationRunsInOneTransaction() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        // Make the credentials insert fail after the connector insert succeeded: a CHECK that rejects this tenant's
        // credentials, for the length of this test. The connector row must be rolled back with it.
        let constraint = "reject_" + tenant.id
        _ = try await env.pool.query(
            "ALTER TABLE connector_credentials ADD CONSTRAINT \(constraint) CHECK (tenant_id <> '\(tenant.id)') NOT VALID")
        let result = await env.run(
            "mutation($key: String!) { createConnector(input: {providerId: \"openai\", credentials: {apiKey: $key}}) { id } }",
            as: tenant.principal, variables: ["key": .string(openAIKey)])
        _ = try await env.pool.query("ALTER TABLE connector_credentials DROP CONSTRAINT \(constraint)")
        #expect(result.errors.map(\.connectorErrorCode) == [.internalServerError])
        #expect(result.errors.first?.message == "Internal server error.")
        let connectors = try await env.pool.query("SELECT 1 FROM tenant_connectors WHERE tenant_id = $1", [.text(tenant.id)])
        #expect(connectors.isEmpty)
    }
}
