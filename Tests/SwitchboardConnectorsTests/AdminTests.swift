import Foundation
@testable import SwitchboardConnectors
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres
import Testing

/// Authentication, roles, and the admin's tenant operations.
@Suite struct AdminTests {
    static let environment = Task { try await TestGraph.make() }

    @Test func tokensAuthenticateTheirTenantAndNothingElseAuthenticates() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let authenticator = env.graph.authenticator
        #expect(try await authenticator.authenticate(bearerToken: tenant.token) == .tenant(tenant.id))
        #expect(try await authenticator.authenticate(bearerToken: " \(tenant.token) ") == .tenant(tenant.id))
        #expect(try await authenticator.authenticate(bearerToken: testAdminToken) == .admin)
        #expect(tenant.token.hasPrefix("sbt_"))
        for bad in [nil, "", "   ", "sbt_" + String(repeating: "A", count: 43), tenant.token + "x", "Bearer " + tenant.token,
                    testAdminToken.uppercased(), String(tenant.token.dropLast())] {
            await #expect(throws: ConnectorError(.unauthenticated, bad.map { $0.trimmingSpaces.isEmpty } ?? true
                ? "Authentication required: send Authorization: Bearer TOKEN." : "The token is not valid.")) {
                try await authenticator.authenticate(bearerToken: bad)
            }
        }
        // Tokens are stored only as keyed hashes.
        let stored = try await env.pool.query("SELECT token_hash FROM tenants WHERE id = $1", [.text(tenant.id)])
        let hash = try stored[0].string("token_hash")
        #expect(hash == authenticator.hash(tenant.token))
        #expect(hash.count == 64 && !hash.contains(tenant.token))
    }

    @Test func theAdminTokenMustBeLongEnough() async throws {
        // Refused before the database is touched.
        let pool = PostgresPool(configuration: try TestGraph.baseConfiguration())
        await #expect(throws: ConnectorGraph.ConfigurationError.self) {
            _ = try await ConnectorGraph.start(
                pool: pool, masterKeySource: .fixed(MasterKey.generate()), catalog: try .bundled(), adminToken: "short")
        }
    }

    @Test func adminFieldsAreForbiddenToTenantsAndTenantFieldsToTheAdmin() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        for document in [
            "{ tenants { id } }", #"{ tenant(id: "ten_x") { id } }"#,
            #"mutation { createTenant(input: {name: "x"}) { token } }"#,
            "mutation($id: ID!) { deleteTenant(id: $id) }", "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion } }",
        ] {
            let result = await env.run(document, as: tenant.principal, variables: ["id": .string(tenant.id)])
            #expect(result.errors.map(\.connectorErrorCode) == [.forbidden], "\(document)")
            #expect(result.errors.first?.message.contains("requires the admin token") == true)
        }
        for document in [
            "{ viewer { id } }", "{ connectors { id } }", "{ connectorCount }", #"{ connector(id: "tc_x") { id } }"#,
            #"{ credentialInfo(providerId: "github") { source } }"#, "{ projects { id } }", #"{ project(id: "p") { id } }"#,
            #"mutation { createConnector(input: {providerId: "github"}) { id } }"#,
            #"mutation { createProject(input: {name: "x"}) { id } }"#,
        ] {
            let result = await env.run(document, as: .admin)
            #expect(result.errors.map(\.connectorErrorCode) == [.forbidden], "\(document)")
            #expect(result.errors.first?.message.contains("belongs to no tenant") == true)
        }
        // The tenant's own data is untouched by the refused admin mutations.
        let viewer = await env.data("{ viewer { id name } }", as: tenant.principal)
        #expect(viewer["viewer"] == ["id": .string(tenant.id), "name": "Tenant"])
    }

    @Test func theAdminCreatesListsAndReadsTenants() async throws {
        let env = try await Self.environment.value
        let created = await env.data(
            """
            mutation { createTenant(input: {name: "Acme Corp"}) {
              token tenant { id name createdAt projects { id } connectors { id } } } }
            """, as: .admin)["createTenant"]
        let id = try #require(created["tenant"]["id"].string)
        let token = try #require(created["token"].string)
        #expect(id.hasPrefix("ten_"))
        #expect(created["tenant"]["name"] == "Acme Corp")
        #expect(created["tenant"]["projects"] == [])
        #expect(try await env.graph.authenticator.authenticate(bearerToken: token) == .tenant(id))

        let acme = TestGraph.Tenant(id: id, token: token)
        let connector = await env.createConnector(acme, provider: "github")
        let project = await env.createProject(acme, name: "Site")
        _ = await env.enableProjectConnector(acme, project: project, connector: connector)

        let read = await env.data(
            """
            query($id: ID!) { tenant(id: $id) { name projects { name connectors { providerName } }
              connectors { id projects { name } } } }
            """, as: .admin, variables: ["id": .string(id)])
        #expect(read["tenant"] == [
            "name": "Acme Corp", "projects": [["name": "Site", "connectors": [["providerName": "GitHub"]]]],
            "connectors": [["id": .string(connector), "projects": [["name": "Site"]]]],
        ])
        let missing = await env.data(
            "query($id: ID!) { tenant(id: $id) { id } }", as: .admin,
            variables: ["id": .string(OpaqueID.generate(.tenant))])
        #expect(missing["tenant"] == .null)

        let listed = await env.data("{ tenants(limit: 200) { id name connectors { providerId } } }", as: .admin)
        let mine = listed["tenants"].list.first { $0["id"] == .string(id) }
        #expect(mine == ["id": .string(id), "name": "Acme Corp", "connectors": [["providerId": "github"]]])
        #expect(await env.errorCodes(#"mutation { createTenant(input: {name: " "}) { token } }"#, as: .admin)
            == ["BAD_USER_INPUT"])
    }

    @Test func tenantsArePaged() async throws {
        let env = try await Self.environment.value
        for index in 0..<3 { _ = try await env.tenant("Paged \(index)") }
        // Other suites create and delete tenants in the same database meanwhile: a page is compared with a listing
        // read just before it, again until no tenant came or went in between.
        var pages: [(all: [GraphQLValue], page: [GraphQLValue])] = []
        for _ in 0..<5 {
            let all = await env.data("{ tenants(limit: 200) { id } }", as: .admin)["tenants"].list
            let page = await env.data("{ tenants(limit: 2, offset: 1) { id } }", as: .admin)["tenants"].list
            pages.append((all, page))
            if all.count >= 3, page == Array(all[1...2]) { break }
        }
        let last = try #require(pages.last)
        try #require(last.all.count >= 3)
        #expect(last.page == Array(last.all[1...2]))
    }

    @Test func deletingATenantDeletesItsDataAndKeysAndStopsItsToken() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let survivor = try await env.tenant()
        for owner in [tenant, survivor] {
            let connector = await env.createConnector(owner, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
            let project = await env.createProject(owner, name: "P")
            _ = await env.enableProjectConnector(owner, project: project, connector: connector)
        }
        // Authenticated once, so the token is in the cache.
        #expect(try await env.graph.authenticator.authenticate(bearerToken: tenant.token) == .tenant(tenant.id))
        let sealedBefore = try await env.pool.query(
            "SELECT connector_id, field, sealed FROM connector_credentials WHERE tenant_id = $1", [.text(tenant.id)])
        #expect(sealedBefore.count == 1)
        for owner in [tenant, survivor] {
            let connector = try #require(try await env.pool.query(
                "SELECT id FROM tenant_connectors WHERE tenant_id = $1", [.text(owner.id)]).first?.string("id"))
            try await env.addOAuthRows(owner, connectorID: connector)
        }

        let deleted = await env.data(
            "mutation($id: ID!) { deleteTenant(id: $id) }", as: .admin, variables: ["id": .string(tenant.id)])
        #expect(deleted["deleteTenant"] == true)
        await #expect(throws: ConnectorError.self) {
            try await env.graph.authenticator.authenticate(bearerToken: tenant.token)
        }
        for table in ["tenants"] {
            #expect(try await env.pool.query("SELECT 1 FROM \(table) WHERE id = $1", [.text(tenant.id)]).isEmpty)
        }
        for table in ConnectorMigrations.tenantTables {
            let rows = try await env.pool.query("SELECT 1 FROM \(table) WHERE tenant_id = $1", [.text(tenant.id)])
            #expect(rows.isEmpty, "\(table)")
            let others = try await env.pool.query("SELECT 1 FROM \(table) WHERE tenant_id = $1", [.text(survivor.id)])
            #expect(!others.isEmpty || ["credential_overrides", "webhook_endpoints", "webhook_events"].contains(table),
                    "\(table)")
        }
        // The key is gone from this process too: a copy of the ciphertext can no longer be opened by anyone.
        #expect(env.graph.keyRing.cachedKeys(of: tenant.id) == 0)
        let again = await env.data(
            "mutation($id: ID!) { deleteTenant(id: $id) }", as: .admin, variables: ["id": .string(tenant.id)])
        #expect(again["deleteTenant"] == false)
        // A request still carrying the deleted tenant finds nothing.
        #expect(await env.errorCodes("{ viewer { id } }", as: tenant.principal) == ["NOT_FOUND"])
        #expect(await env.data("{ connectorCount }", as: tenant.principal)["connectorCount"] == 0)
    }
}
