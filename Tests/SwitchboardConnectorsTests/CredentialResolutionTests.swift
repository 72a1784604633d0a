import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import Testing

/// Credential resolution: tenant connector credentials, then the tenant's override, then the platform's app
/// (HYBRID only), else none; and `credentialInfo` telling exactly that.
@Suite struct CredentialResolutionTests {
    static let platformOpenAIKey = "sk-platform-abcdefghijklmnopqrstuvwxyz"
    static let platformGitHub = ["clientId": "Iv1.platform", "clientSecret": "platform-secret-0123456789"]

    static let environment = Task {
        try await TestGraph.make(providerConfiguration: try ProviderConfiguration(
            platformApps: ["openai": ["apiKey": platformOpenAIKey], "github": platformGitHub],
            catalog: ProviderCatalog.bundled()))
    }

    /// What `CredentialResolver.resolve` gives, and what `credentialInfo` says, for one provider.
    func resolution(
        _ providerID: String, _ tenant: TestGraph.Tenant, _ env: TestGraph
    ) async throws -> (resolved: ResolvedCredentials, info: GraphQLValue) {
        let provider = try #require(env.graph.catalog.provider(id: providerID))
        let services = env.graph.services
        let resolved = try await services.database.transaction(.tenant(tenant.id)) { transaction in
            try await CredentialResolver.resolve(provider, tenantID: tenant.id, services: services, in: transaction)
        }
        let info = await env.data(
            "query($p: ID!) { credentialInfo(providerId: $p) { providerId source isConfigured canOverride } }",
            as: tenant.principal, variables: ["p": .string(providerID)])["credentialInfo"]
        #expect(info["source"].string == resolved.source.rawValue, "credentialInfo must tell what resolution uses")
        #expect(info["isConfigured"].bool == (resolved.source != .none))
        return (resolved, info)
    }

    @Test func hybridProviderGoesFromPlatformToOverrideToTenant() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()

        var (resolved, info) = try await resolution("openai", tenant, env)
        #expect(resolved.source == .platform && resolved.values == ["apiKey": Self.platformOpenAIKey])
        #expect(resolved.connectorID == nil)
        #expect(info == ["providerId": "openai", "source": "PLATFORM", "isConfigured": true, "canOverride": true])

        let overrideKey = "sk-override-abcdefghijklmnopqrstuvwxyz"
        await env.data(
            #"mutation($k: String!) { setCredentialOverride(input: {providerId: "openai", override: {apiKey: $k}}) { source } }"#,
            as: tenant.principal, variables: ["k": .string(overrideKey)])
        (resolved, _) = try await resolution("openai", tenant, env)
        #expect(resolved.source == .tenantOverride && resolved.values == ["apiKey": overrideKey])

        // A connector without credentials of its own leaves the override in charge.
        let connector = await env.createConnector(tenant, provider: "openai")
        (resolved, _) = try await resolution("openai", tenant, env)
        #expect(resolved.source == .tenantOverride && resolved.connectorID == connector)

        await env.data(
            "mutation($id: ID!, $k: String!) { updateConnector(id: $id, input: {credentials: {apiKey: $k}}) { id } }",
            as: tenant.principal, variables: ["id": .string(connector), "k": .string(openAIKey)])
        (resolved, _) = try await resolution("openai", tenant, env)
        #expect(resolved.source == .tenant && resolved.values == ["apiKey": openAIKey])
        #expect(resolved.connectorID == connector)

        // Back down the order as the tenant's own credentials go.
        await env.data("mutation($id: ID!) { deleteConnector(id: $id) }", as: tenant.principal,
                       variables: ["id": .string(connector)])
        (resolved, _) = try await resolution("openai", tenant, env)
        #expect(resolved.source == .tenantOverride)
        await env.data(#"mutation { clearCredentialOverride(providerId: "openai") { source } }"#, as: tenant.principal)
        (resolved, _) = try await resolution("openai", tenant, env)
        #expect(resolved.source == .platform)
    }

    @Test func oauthPlatformAppAndTenantOwnApp() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        var (resolved, _) = try await resolution("github", tenant, env)
        #expect(resolved.source == .platform && resolved.values == Self.platformGitHub)

        let own = ["clientId": "Iv1.tenant", "clientSecret": "tenant-secret-abcdefghij"]
        await env.data(
            """
            mutation($id: String!, $secret: String!) {
              setCredentialOverride(input: {providerId: "github", override: {clientId: $id, clientSecret: $secret}}) { source }
            }
            """, as: tenant.principal,
            variables: ["id": .string(own["clientId"]!), "secret": .string(own["clientSecret"]!)])
        (resolved, _) = try await resolution("github", tenant, env)
        #expect(resolved.source == .tenantOverride && resolved.values == own)
    }

    @Test func hybridProviderWithoutPlatformAppIsNone() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let (resolved, info) = try await resolution("vercel", tenant, env)
        #expect(resolved.source == .none && resolved.values.isEmpty)
        #expect(info == ["providerId": "vercel", "source": "NONE", "isConfigured": false, "canOverride": true])
    }

    @Test func tenantManagedProviderNeverFallsBackAndRefusesOverrides() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        var (resolved, info) = try await resolution("stripe", tenant, env)
        #expect(resolved.source == .none)
        #expect(info == ["providerId": "stripe", "source": "NONE", "isConfigured": false, "canOverride": false])

        let codes = await env.errorCodes(
            #"mutation { setCredentialOverride(input: {providerId: "stripe", override: {secretKey: "sk_test_abc"}}) { source } }"#,
            as: tenant.principal)
        #expect(codes == ["FORBIDDEN"])

        let stripeKey = "sk_test_tenantOwnKey123"
        _ = await env.createConnector(tenant, provider: "stripe", credentials: ["secretKey": .string(stripeKey)])
        (resolved, info) = try await resolution("stripe", tenant, env)
        #expect(resolved.source == .tenant && resolved.values == ["secretKey": stripeKey])
        #expect(info["isConfigured"] == true)
    }

    @Test func resolutionIsPerTenant() async throws {
        let env = try await Self.environment.value
        let (a, b) = (try await env.tenant("A"), try await env.tenant("B"))
        await env.data(
            #"mutation { setCredentialOverride(input: {providerId: "openai", override: {apiKey: "sk-tenant-a-abcdefghijklmnopqrst"}}) { source } }"#,
            as: a.principal)
        #expect(try await resolution("openai", a, env).resolved.source == .tenantOverride)
        #expect(try await resolution("openai", b, env).resolved.source == .platform)
    }
}
