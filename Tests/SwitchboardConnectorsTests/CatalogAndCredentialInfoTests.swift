import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import Testing

/// The provider catalog through the graph, credential info and credential overrides.
@Suite struct CatalogAndCredentialInfoTests {
    /// The platform has its own OpenAI key and GitHub app; Stripe is TENANT_MANAGED (the configuration refuses a
    /// platform app for it).
    static let environment = Task {
        try await TestGraph.make(providerConfiguration: try ProviderConfiguration(
            platformApps: [
                "openai": ["apiKey": "sk-platform-abcdefghijklmnopqrstuvwxyz"],
                "github": ["clientId": "Iv1.platform", "clientSecret": "platform-secret-0123456789"],
            ],
            catalog: ProviderCatalog.bundled()))
    }

    @Test func providersAreFilteredAndSearched() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let catalog = try ProviderCatalog.bundled()
        func ids(_ arguments: String) async -> [String] {
            let data = await env.data("{ providers\(arguments) { id } }", as: tenant.principal)
            return data["providers"].list.compactMap { $0["id"].string }
        }
        #expect(await ids("") == catalog.providers.map(\.id))
        #expect(await ids("(category: PAYMENTS)") == catalog.providers(category: .payments).map(\.id))
        #expect(await ids("(category: PAYMENTS)").contains("stripe"))
        #expect(await ids("(authType: CONNECTION_STRING)") == catalog.providers(authType: .connectionString).map(\.id))
        #expect(await ids(#"(search: "GITHUB")"#).contains("github"))
        #expect(await ids(#"(category: AI, search: "zzzz-nothing")"#) == [])
        // The admin may browse the catalog too.
        let admin = await env.data("{ providers(category: AI) { id } }", as: .admin)
        #expect(admin["providers"].list.count == catalog.providers(category: .ai).count)
    }

    @Test func providerShowsItsFormAndOAuthSettings() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let data = await env.data(
            """
            {
              openai: provider(id: "openai") { id name description category authType capabilities credentialMode
                supportsTenantOverride docsUrl oauth { authorizeUrl }
                formFields { name label type required secret help placeholder options } }
              github: provider(id: "github") { authType oauth { authorizeUrl tokenUrl scopes usesPkce } formFields { name } }
              missing: provider(id: "nope") { id }
            }
            """, as: tenant.principal)
        let openai = data["openai"]
        #expect(openai["name"] == "OpenAI")
        #expect(openai["category"] == "AI")
        #expect(openai["authType"] == "API_KEY")
        #expect(openai["credentialMode"] == "HYBRID")
        #expect(openai["supportsTenantOverride"] == true)
        #expect(openai["capabilities"].list.contains("chat"))
        #expect(openai["docsUrl"].string?.hasPrefix("https://") == true)
        #expect(openai["oauth"] == .null)
        #expect(openai["formFields"][0] == [
            "name": "apiKey", "label": "API key", "type": "PASSWORD", "required": true, "secret": true,
            "help": "A project or service-account key from platform.openai.com/api-keys.", "placeholder": "sk-proj-…",
            "options": nil,
        ])
        #expect(data["github"]["oauth"] == [
            "authorizeUrl": "https://github.com/login/oauth/authorize",
            "tokenUrl": "https://github.com/login/oauth/access_token",
            "scopes": ["repo", "read:user", "user:email", "admin:repo_hook"], "usesPkce": true,
        ])
        #expect(data["github"]["formFields"] == [])
        #expect(data["missing"] == .null)
    }

    @Test func providerGroupsFollowTheCategoryOrder() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let data = await env.data("{ providerGroups { category providers { id category } } }", as: tenant.principal)
        let groups = data["providerGroups"].list
        #expect(groups.map { $0["category"].string ?? "" } == ProviderCategory.allCases.map(\.rawValue))
        for group in groups {
            #expect(!group["providers"].list.isEmpty)
            #expect(group["providers"].list.allSatisfy { $0["category"] == group["category"] })
        }
    }

    @Test func credentialInfoFollowsConnectorOverrideAndPlatform() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        func info(_ provider: String) async -> GraphQLValue {
            await env.data(
                "query($p: ID!) { credentialInfo(providerId: $p) { providerId source isConfigured canOverride } }",
                as: tenant.principal, variables: ["p": .string(provider)])["credentialInfo"]
        }
        // HYBRID with platform credentials: PLATFORM until the tenant brings its own.
        #expect(await info("openai") == [
            "providerId": "openai", "source": "PLATFORM", "isConfigured": true, "canOverride": true,
        ])
        // TENANT_MANAGED: the platform's credentials never count.
        #expect(await info("stripe") == [
            "providerId": "stripe", "source": "NONE", "isConfigured": false, "canOverride": false,
        ])
        // HYBRID without platform credentials configured.
        #expect(await info("vercel") == [
            "providerId": "vercel", "source": "NONE", "isConfigured": false, "canOverride": true,
        ])

        let override = await env.data(
            """
            mutation { setCredentialOverride(input: {providerId: "openai", override: {apiKey: "\(openAIKey)"}}) {
              providerId source isConfigured canOverride } }
            """, as: tenant.principal)
        #expect(override["setCredentialOverride"]["source"] == "TENANT_OVERRIDE")
        #expect(await info("openai")["source"] == "TENANT_OVERRIDE")
        #expect(try await env.graph.overrideCredentials(tenantID: tenant.id, providerID: "openai") == ["apiKey": openAIKey])

        // A connector without credentials does not change the source; one with credentials does.
        let connector = await env.createConnector(tenant, provider: "openai")
        #expect(await info("openai")["source"] == "TENANT_OVERRIDE")
        await env.data(
            "mutation($id: ID!, $key: String!) { updateConnector(id: $id, input: {credentials: {apiKey: $key}}) { id } }",
            as: tenant.principal, variables: ["id": .string(connector), "key": .string(openAIKey)])
        #expect(await info("openai")["source"] == "TENANT")

        let cleared = await env.data(
            #"mutation { clearCredentialOverride(providerId: "openai") { source } }"#, as: tenant.principal)
        #expect(cleared["clearCredentialOverride"]["source"] == "TENANT")
        await env.data(
            "mutation($id: ID!) { deleteConnector(id: $id) }", as: tenant.principal, variables: ["id": .string(connector)])
        #expect(await info("openai")["source"] == "PLATFORM")
        #expect(try await env.graph.overrideCredentials(tenantID: tenant.id, providerID: "openai") == nil)
    }

    @Test func overridesAreCheckedAgainstTheProvider() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        #expect(await env.errorCodes(
            #"mutation { setCredentialOverride(input: {providerId: "stripe", override: {secretKey: "sk_live_abc"}}) { source } }"#,
            as: tenant.principal) == ["FORBIDDEN"])
        #expect(await env.errorCodes(
            #"mutation { setCredentialOverride(input: {providerId: "nope", override: {a: "b"}}) { source } }"#,
            as: tenant.principal) == ["PROVIDER_NOT_FOUND"])
        let invalid = await env.run(
            #"mutation { setCredentialOverride(input: {providerId: "github", override: {clientId: "abc"}}) { source } }"#,
            as: tenant.principal)
        #expect(invalid.errors.map(\.connectorErrorCode) == [.credentialsInvalid])
        #expect(invalid.errors.first?.extensions?["fields"] == [
            ["field": "clientSecret", "code": "REQUIRED", "message": "Client secret is required"],
        ])
        #expect(await env.errorCodes(#"{ credentialInfo(providerId: "nope") { source } }"#, as: tenant.principal)
            == ["PROVIDER_NOT_FOUND"])
        #expect(await env.errorCodes(
            #"mutation { clearCredentialOverride(providerId: "nope") { source } }"#, as: tenant.principal)
            == ["PROVIDER_NOT_FOUND"])
        // Masks are stored for overrides too; the secret is not.
        await env.data(
            """
            mutation { setCredentialOverride(input: {providerId: "github",
              override: {clientId: "Iv1.0123456789abcdef", clientSecret: "ghs_0123456789abcdefghij"}}) { source } }
            """, as: tenant.principal)
        let rows = try await env.pool.query(
            "SELECT field, masked FROM credential_overrides WHERE tenant_id = $1 ORDER BY field", [.text(tenant.id)])
        #expect(try rows.map { try $0.string("masked") } == ["Iv…cdef", "ghs_…ghij"])
    }
}
