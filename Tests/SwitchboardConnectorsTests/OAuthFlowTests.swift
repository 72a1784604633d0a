import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import SwitchboardCrypto
import SwitchboardGraphQL
import Synchronization
import Testing

/// The OAuth flow on a real graph and database, with the provider's token endpoint played by a recording client
/// (Tests/integration covers the real HTTP client, the routes over HTTP and the stand-in).
/// Serialized: the tests share one token endpoint, whose refresh count and next failure are per suite.
@Suite(.serialized) struct OAuthFlowTests {
    static let returnURL = "https://app.example/connected"
    static let redirectURL = "https://sb.example/oauth/callback"

    /// The token endpoint of gitlab (`token.test`): grants, refreshes with rotation, and fails on demand.
    final class TokenEndpoint: Sendable {
        let refreshes = Mutex(0)
        let nextFailure = Mutex<(status: Int, body: String)?>(nil)
        /// The code verifier sent with each code.
        let verifiers = Mutex<[String: String]>([:])

        func answer(_ request: OutboundRequest) async throws -> OutboundResponse {
            let form = Dictionary(
                (URLComponents(string: "?" + String(decoding: request.body, as: UTF8.self))?.queryItems ?? [])
                    .map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
            if let failure = nextFailure.withLock({ failure in defer { failure = nil }; return failure }) {
                return OutboundResponse(status: failure.status, body: Array(failure.body.utf8))
            }
            if form["grant_type"] == "refresh_token" {
                let count = refreshes.withLock { count in count += 1; return count }
                // Slow enough for concurrent callers to pile up behind this one.
                try await Task.sleep(for: .milliseconds(200))
                return Self.tokens("at-\(count + 1)", refresh: "rt-\(count + 1)", expiresIn: 3600)
            }
            verifiers.withLock { $0[form["code"] ?? ""] = form["code_verifier"] }
            return Self.tokens("at-1", refresh: "rt-1", expiresIn: 60)
        }

        static func tokens(_ access: String, refresh: String, expiresIn: Int) -> OutboundResponse {
            OutboundResponse(
                status: 200, headers: [HTTPHeader(name: "content-type", value: "application/json")],
                body: Array(#"{"access_token":"\#(access)","refresh_token":"\#(refresh)","expires_in":\#(expiresIn)}"#.utf8))
        }
    }

    static let provider = TokenEndpoint()
    static let environment = Task {
        let catalog = try ProviderCatalog.bundled()
        return try await TestGraph.make(
            providerConfiguration: try ProviderConfiguration(
                platformApps: ["gitlab": ["clientId": "gl-client", "clientSecret": "gl-secret-0123456789"]],
                endpoints: ["gitlab": .init(authorizeURL: "https://authorize.test/oauth/authorize",
                                            tokenURL: "https://token.test/oauth/token")],
                oauthRedirectURL: redirectURL, allowedReturnOrigins: ["https://app.example"], catalog: catalog),
            http: RecordingHTTPClient { request in try await provider.answer(request) })
    }

    static let start = """
        mutation($input: StartOAuthInput!) { startOAuth(input: $input) { authorizationUrl state codeChallengeMethod } }
        """

    func start(_ env: TestGraph, _ tenant: TestGraph.Tenant) async -> (url: String, state: String) {
        let payload = await env.data(Self.start, as: tenant.principal, variables: [
            "input": ["providerId": "gitlab", "returnUrl": .string(Self.returnURL)],
        ])["startOAuth"]
        return (payload["authorizationUrl"].string ?? "", payload["state"].string ?? "")
    }

    func callback(_ env: TestGraph, _ query: String) async throws -> TenantHTTPResponse {
        let request = TenantHTTPRequest(method: "GET", path: "/oauth/callback", query: query)
        let route = try #require(env.graph.tenantRouteName(method: "GET", path: "/oauth/callback"))
        guard let tenantID = try await env.graph.tenantOfRouteRequest(request, route: route) else {
            return TenantHTTPResponse(status: 404)
        }
        return await env.graph.serveTenantRoute(request, route: route, tenantID: tenantID)
    }

    func location(_ response: TenantHTTPResponse) -> String? {
        response.headers.first { $0.name == "location" }?.value
    }

    func errorCode(_ response: TenantHTTPResponse) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let errors = object?["errors"] as? [[String: Any]]
        return (errors?.first?["extensions"] as? [String: String])?["code"]
    }

    @Test func theFlowConnectsWithPKCEAndStoresOnlyTheStatesHash() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let (url, state) = await start(env, tenant)
        let query = try #require(URLComponents(string: url)?.queryItems)
        let challenge = try #require(query.first { $0.name == "code_challenge" }?.value)
        #expect(url.hasPrefix("https://authorize.test/oauth/authorize?"))
        #expect(query.contains { $0.name == "state" && $0.value == state })
        #expect(query.contains { $0.name == "client_id" && $0.value == "gl-client" })

        let stored = try await env.pool.query("SELECT state_hash FROM oauth_states WHERE tenant_id = $1", [.text(tenant.id)])
        #expect(try stored.map { try $0.string("state_hash") } == [OAuthSecrets.stateHash(state)])

        let code = "code-" + OAuthSecrets.newState()
        let response = try await callback(env, "code=\(code)&state=\(state)")
        #expect(response.status == 302)
        let redirect = try #require(location(response))
        #expect(redirect.hasPrefix(Self.returnURL + "?status=connected&connectorId=tc_"))
        // The verifier sent with the code is the one whose challenge went to the provider.
        let verifier = try #require(Self.provider.verifiers.withLock { $0[code] })
        #expect(OAuthSecrets.codeChallengeS256(verifier) == challenge)

        let connectors = await env.data(
            "{ viewer { connectors { status tokenExpiresAt credentials { field maskedValue } } } }", as: tenant.principal)
        let connector = connectors["viewer"]["connectors"][0]
        #expect(connector["status"] == "ACTIVE")
        #expect(connector["tokenExpiresAt"].string != nil)
        #expect(connector["credentials"] == [
            ["field": "accessToken", "maskedValue": "••••"], ["field": "refreshToken", "maskedValue": "••••"],
        ])
        // Used once only.
        let again = try await callback(env, "code=\(code)&state=\(state)")
        #expect(again.status == 400 && errorCode(again) == "OAUTH_STATE_USED")
    }

    @Test func badExpiredAndDeniedStatesStoreNothing() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        #expect(try await callback(env, "code=x&state=\(OAuthSecrets.newState())").status == 404)
        #expect(try await callback(env, "code=x&state=short").status == 404)

        let (_, expired) = await start(env, tenant)
        _ = try await env.pool.query(
            "UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE tenant_id = $1", [.text(tenant.id)])
        let refused = try await callback(env, "code=x&state=\(expired)")
        #expect(refused.status == 400 && errorCode(refused) == "OAUTH_STATE_EXPIRED")

        let (_, denied) = await start(env, tenant)
        let response = try await callback(env, "error=access_denied&state=\(denied)")
        #expect(location(response) == Self.returnURL + "?status=error&error=access_denied")
        let (_, missing) = await start(env, tenant)
        let invalid = try await callback(env, "state=\(missing)")
        #expect(invalid.status == 400 && errorCode(invalid) == "OAUTH_CALLBACK_INVALID")
        let rows = try await env.pool.query("SELECT 1 FROM tenant_connectors WHERE tenant_id = $1", [.text(tenant.id)])
        #expect(rows.isEmpty)
    }

    @Test func concurrentRefreshesInOneProcessSendOneRequestAndSaveTheRotatedToken() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let (_, state) = await start(env, tenant)
        let redirect = try #require(location(try await callback(env, "code=c&state=\(state)")))
        let connectorID = try #require(URLComponents(string: redirect)?.queryItems?.first { $0.name == "connectorId" }?.value)
        // Connected with a token that expires in 60 s: within the 300 s margin.
        let before = Self.provider.refreshes.withLock { $0 }
        let outcomes = try await withThrowingTaskGroup(of: RefreshOutcome.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await TokenRefresher.refreshIfDue(
                        tenantID: tenant.id, connectorID: connectorID, services: env.graph.services)
                }
            }
            return try await group.reduce(into: [RefreshOutcome]()) { $0.append($1) }
        }
        #expect(Self.provider.refreshes.withLock { $0 } == before + 1)
        #expect(outcomes.contains(.refreshed))
        #expect(!outcomes.contains { if case .failed = $0 { true } else { false } })
        let credentials = try #require(try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: connectorID))
        #expect(credentials["refreshToken"] == "rt-\(before + 2)")
        #expect(credentials["accessToken"] == "at-\(before + 2)")

        // invalid_grant: EXPIRED with the reason.
        Self.provider.nextFailure.withLock { $0 = (400, #"{"error":"invalid_grant"}"#) }
        let failed = try await TokenRefresher.refreshIfDue(
            tenantID: tenant.id, connectorID: connectorID, force: true, services: env.graph.services)
        #expect(failed == .failed(code: "invalid_grant"))
        let connector = await env.data(
            "query($id: ID!) { connector(id: $id) { status tokenError } }", as: tenant.principal,
            variables: ["id": .string(connectorID)])["connector"]
        #expect(connector == ["status": "EXPIRED", "tokenError": "invalid_grant"])
    }

    @Test func theBackgroundPassRetriesAPassingFailureOnceItsDelayHasGoneBy() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let (_, state) = await start(env, tenant)
        let redirect = try #require(location(try await callback(env, "code=c&state=\(state)")))
        let connectorID = try #require(URLComponents(string: redirect)?.queryItems?.first { $0.name == "connectorId" }?.value)
        let services = env.graph.services
        func status() async -> GraphQLValue {
            await env.data("query($id: ID!) { connector(id: $id) { status } }", as: tenant.principal,
                           variables: ["id": .string(connectorID)])["connector"]["status"]
        }

        // The provider fails (500): the connector is ERROR, not EXPIRED.
        Self.provider.nextFailure.withLock { $0 = (500, "{}") }
        let failed = try await TokenRefresher.refreshIfDue(
            tenantID: tenant.id, connectorID: connectorID, force: true, services: services)
        #expect(failed != .refreshed && failed != .notNeeded)
        #expect(await status() == "ERROR")

        // Within the retry delay (300 s by default) the pass leaves it alone.
        #expect(await TokenRefresher.refreshDue(tenantID: tenant.id, services: services) == (0, 0))
        #expect(await status() == "ERROR")

        // Once the delay has gone by (here: as the failure was recorded 10 minutes ago), the pass refreshes it and the
        // connector is ACTIVE again.
        _ = try await env.pool.query(
            """
            UPDATE oauth_tokens SET last_failed_at = last_failed_at - interval '10 minutes'
            WHERE tenant_id = $1 AND connector_id = $2
            """, [.text(tenant.id), .text(connectorID)])
        #expect(await TokenRefresher.refreshDue(tenantID: tenant.id, services: services) == (1, 0))
        #expect(await status() == "ACTIVE")
    }

    @Test func aFlowStartedBeforeATenantKeyRotationCompletesAfterIt() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let (_, state) = await start(env, tenant)
        let rotated = await env.data(
            "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion } }", as: .admin,
            variables: ["id": .string(tenant.id)])
        #expect(rotated["rotateTenantKey"]["keyVersion"] == 2)
        let versions = try await env.pool.query(
            "SELECT key_version FROM oauth_states WHERE tenant_id = $1", [.text(tenant.id)])
        #expect(try versions.map { try $0.int("key_version") } == [2])
        // The verifier was resealed with the new key: the callback opens it.
        let response = try await callback(env, "code=after-rotation&state=\(state)")
        #expect(location(response)?.hasPrefix(Self.returnURL + "?status=connected") == true)
    }

    @Test func startRefusesOtherOriginsAndNonOAuthProviders() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        for (provider, returnURL) in [("gitlab", "https://evil.example/x"), ("gitlab", "app.example/x"),
                                      ("openai", Self.returnURL)] {
            let codes = await env.errorCodes(Self.start, as: tenant.principal, variables: [
                "input": ["providerId": .string(provider), "returnUrl": .string(returnURL)],
            ])
            #expect(codes == ["BAD_USER_INPUT"], "\(provider) \(returnURL)")
        }
        // bitbucket has no platform app and the tenant no override.
        let codes = await env.errorCodes(Self.start, as: tenant.principal, variables: [
            "input": ["providerId": "bitbucket", "returnUrl": .string(Self.returnURL)],
        ])
        #expect(codes == ["OAUTH_NOT_CONFIGURED"])
    }
}
