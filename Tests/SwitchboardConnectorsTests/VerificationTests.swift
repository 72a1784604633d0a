import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import Synchronization
import Testing

/// A `ProviderHTTPClient` that records what it is asked to send and answers with `answer`.
final class RecordingHTTPClient: ProviderHTTPClient {
    let sent = Mutex<[OutboundRequest]>([])
    let answer: @Sendable (OutboundRequest) async throws -> OutboundResponse

    init(answer: @escaping @Sendable (OutboundRequest) async throws -> OutboundResponse) {
        self.answer = answer
    }

    func send(_ request: OutboundRequest) async throws -> OutboundResponse {
        sent.withLock { $0.append(request) }
        return try await answer(request)
    }

    var requests: [OutboundRequest] { sent.withLock { $0 } }
}

/// `verifyConnector`: the catalog's request with the resolved credentials, the status it sets, what it never
/// shows. The provider is a recording client here; Tests/integration covers the real client and the stand-in.
@Suite struct VerificationTests {
    static let platformOpenAIKey = "sk-platform-abcdefghijklmnopqrstuvwxyz"
    /// Answers by the URL's last path segment: `…/status/<code>` style hosts are the test's way to pick an answer.
    static let client = RecordingHTTPClient { request in
        let host = URLComponents(string: request.url)?.host ?? ""
        switch host {
        case "ok.test": return OutboundResponse(status: 200, body: Array(#"{"ok": true}"#.utf8))
        case "refuse.test":
            // A provider that quotes the credential back: the server must not pass it on.
            let quoted = request.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ";")
            return OutboundResponse(status: 401, body: Array("bad credential: \(quoted) \(request.url)".utf8))
        case "broken.test": return OutboundResponse(status: 500, body: Array("stack trace".utf8))
        case "slow.test":
            throw ProviderHTTPError(.timedOut, origin: "http://slow.test", "The provider did not answer within 1 s")
        case "notok.test": return OutboundResponse(status: 200, body: Array(#"{"ok": false}"#.utf8))
        default: return OutboundResponse(status: 404)
        }
    }

    static let environment = Task {
        let catalog = try ProviderCatalog.bundled()
        return try await TestGraph.make(
            providerConfiguration: try ProviderConfiguration(
                platformApps: ["openai": ["apiKey": platformOpenAIKey]],
                endpoints: [
                    "openai": .init(verificationURL: "https://ok.test/v1/models"),
                    "anthropic": .init(verificationURL: "https://refuse.test/v1/models"),
                    "groq": .init(verificationURL: "https://broken.test/openai/v1/models"),
                    "mistral": .init(verificationURL: "https://slow.test/v1/models"),
                    "telegram": .init(verificationURL: "https://notok.test/bot{botToken}/getMe"),
                ],
                verificationTimeout: .seconds(1), catalog: catalog),
            http: client)
    }

    static let verify = """
        mutation($id: ID!) { verifyConnector(id: $id) {
          success error checkedAt status credentialSource connector { id status statusReason lastVerifiedAt } } }
        """

    func verify(_ connector: String, _ tenant: TestGraph.Tenant, _ env: TestGraph) async -> GraphQLValue {
        await env.data(Self.verify, as: tenant.principal, variables: ["id": .string(connector)])["verifyConnector"]
    }

    func sent(toHost host: String) -> [OutboundRequest] {
        Self.client.requests.filter { URLComponents(string: $0.url)?.host == host }
    }

    @Test func successSetsActiveAndSendsTheCredentialWhereTheCatalogSays() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let connector = await env.createConnector(
            tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        let result = await verify(connector, tenant, env)
        #expect(result["success"] == true && result["error"] == .null && result["status"] == "ACTIVE")
        #expect(result["credentialSource"] == "TENANT")
        #expect(result["connector"]["statusReason"] == .null && result["connector"]["lastVerifiedAt"].string != nil)
        #expect(result["checkedAt"] == result["connector"]["lastVerifiedAt"])

        // Other tests verify at the same time: this one's request is the one with its key.
        let bearer = HTTPHeader(name: "authorization", value: "Bearer \(openAIKey)")
        let request = try #require(sent(toHost: "ok.test").first { $0.headers.contains(bearer) })
        #expect(request.method == "GET" && request.url == "https://ok.test/v1/models")
        #expect(request.timeout == .seconds(1))
    }

    @Test func platformCredentialsAreUsedWhenTheTenantHasNone() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let connector = await env.createConnector(tenant, provider: "openai")
        let result = await verify(connector, tenant, env)
        #expect(result["success"] == true && result["credentialSource"] == "PLATFORM")
        let platform = HTTPHeader(name: "authorization", value: "Bearer \(Self.platformOpenAIKey)")
        #expect(sent(toHost: "ok.test").contains { $0.headers.contains(platform) })
    }

    @Test func refusedCredentialsFailWithoutEchoingAnything() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let key = "sk-ant-secret-abcdefghijklmnopqrstuvwxyz"
        let connector = await env.createConnector(tenant, provider: "anthropic", credentials: ["apiKey": .string(key)])
        let result = await verify(connector, tenant, env)
        #expect(result["success"] == false && result["status"] == "FAILED")
        #expect(result["error"] == "The provider refused the credentials (HTTP 401).")
        #expect(result["connector"]["statusReason"] == result["error"])
        let text = result.jsonString
        #expect(!text.contains(key) && !text.contains("bad credential"))

        // The audit event of the check, written with the status: what happened, no value, no provider body.
        let events = try await env.pool.query(
            "SELECT details::text AS details FROM audit_events WHERE tenant_id = $1 AND kind = 'connector.verified'",
            [.text(tenant.id)])
        #expect(events.count == 1)
        guard case .object(let object) = try parseJSON(try events[0].string("details")) else {
            Issue.record("details are not an object")
            return
        }
        let details = Dictionary(uniqueKeysWithValues: object.map { ($0.0, $0.1.string ?? "") })
        #expect(details == [
            "credentialSource": "TENANT", "httpStatus": "401", "previousStatus": "ACTIVE",
            "reason": "The provider refused the credentials (HTTP 401).", "status": "FAILED", "success": "false",
        ])
        #expect(sent(toHost: "refuse.test").contains { $0.headers.contains(HTTPHeader(name: "x-api-key", value: key)) })
    }

    @Test func otherAnswersAndTimeoutsAreErrors() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let groq = await env.createConnector(
            tenant, provider: "groq", credentials: ["apiKey": "gsk_abcdefghijklmnopqrstuvwxyz0123"])
        var result = await verify(groq, tenant, env)
        #expect(result["status"] == "ERROR" && result["error"] == "The provider answered HTTP 500.")
        #expect(!result.jsonString.contains("stack trace"))

        let mistral = await env.createConnector(
            tenant, provider: "mistral", credentials: ["apiKey": "abcdefghijklmnopqrstuvwxyz012345"])
        result = await verify(mistral, tenant, env)
        #expect(result["status"] == "ERROR" && result["error"] == "The provider did not answer within 1 s.")

        // A success field that is not true (Slack-style `ok: false`) means refused; the credential is in the path.
        let token = "123456789:AAabcdefghijklmnopqrstuvwxyz0123456"
        let telegram = await env.createConnector(
            tenant, provider: "telegram", credentials: ["botToken": .string(token)])
        result = await verify(telegram, tenant, env)
        #expect(result["status"] == "FAILED" && result["error"] == "The provider answered HTTP 200 without ok: true.")
        #expect(sent(toHost: "notok.test").last?.url == "https://notok.test/bot\(token)/getMe")
    }

    @Test func missingValuesAndOAuthWithoutTokenArePendingWithoutACall() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        // Anthropic: HYBRID without a platform app, and the tenant gave no key.
        let anthropic = await env.createConnector(tenant, provider: "anthropic")
        var result = await verify(anthropic, tenant, env)
        #expect(result["status"] == "PENDING" && result["error"] == "The credentials lack a value for apiKey.")
        #expect(result["credentialSource"] == "NONE")
        let github = await env.createConnector(tenant, provider: "github")
        result = await verify(github, tenant, env)
        #expect(result["status"] == "PENDING")
        #expect(result["error"] == "GitHub is not connected yet: there is no OAuth access token.")
        // Neither was sent (other tests run at the same time: look for these two requests only).
        #expect(!sent(toHost: "refuse.test").contains { !$0.headers.contains { $0.name == "x-api-key" } })
        #expect(sent(toHost: "api.github.com").isEmpty)
    }

    @Test func providersWithoutHTTPVerificationAreUnsupported() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let postgres = await env.createConnector(
            tenant, provider: "postgresql", credentials: ["connectionString": "postgres://u:p@db.test/app"])
        #expect(await env.errorCodes(Self.verify, as: tenant.principal, variables: ["id": .string(postgres)])
            == ["VERIFICATION_UNSUPPORTED"])
        let s3 = await env.createConnector(tenant, provider: "aws-s3")
        #expect(await env.errorCodes(Self.verify, as: tenant.principal, variables: ["id": .string(s3)])
            == ["VERIFICATION_UNSUPPORTED"])
        let status = await env.data(
            "query($id: ID!) { connector(id: $id) { status lastVerifiedAt } }", as: tenant.principal,
            variables: ["id": .string(postgres)])["connector"]
        #expect(status == ["status": "ACTIVE", "lastVerifiedAt": nil])
    }

    @Test func aDisabledConnectorStaysDisabledAndOthersCannotVerify() async throws {
        let env = try await Self.environment.value
        let (tenant, other) = (try await env.tenant("A"), try await env.tenant("B"))
        let connector = await env.createConnector(
            tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        await env.data("mutation($id: ID!) { toggleConnector(id: $id, enabled: false) { status } }",
                       as: tenant.principal, variables: ["id": .string(connector)])
        let result = await verify(connector, tenant, env)
        #expect(result["success"] == true && result["status"] == "DISABLED")
        #expect(await env.errorCodes(Self.verify, as: other.principal, variables: ["id": .string(connector)])
            == ["NOT_FOUND"])
        #expect(await env.errorCodes(Self.verify, as: .admin, variables: ["id": .string(connector)]) == ["FORBIDDEN"])
    }

    @Test func aReasonGoesWhenTheStatusChangesForAnotherReason() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let connector = await env.createConnector(
            tenant, provider: "anthropic", credentials: ["apiKey": "sk-ant-wrong-abcdefghijklmnopqrstuvwxyz"])
        #expect(await verify(connector, tenant, env)["connector"]["statusReason"] != .null)
        let updated = await env.data(
            """
            mutation($id: ID!) {
              updateConnector(id: $id, input: {credentials: {apiKey: "sk-ant-new-abcdefghijklmnopqrstuvwxyz"}}) {
                status statusReason lastVerifiedAt } }
            """, as: tenant.principal, variables: ["id": .string(connector)])["updateConnector"]
        #expect(updated["status"] == "ACTIVE" && updated["statusReason"] == .null)
        #expect(updated["lastVerifiedAt"].string != nil)
    }

    @Test func judgeAndSuccessField() {
        let ok = OutboundResponse(status: 200, body: Array(#"{"a": {"ok": true}, "b": "true"}"#.utf8))
        #expect(ConnectorVerification.judge(ok, expected: [200], successField: "a.ok").success)
        #expect(!ConnectorVerification.judge(ok, expected: [200], successField: "b").success)
        #expect(!ConnectorVerification.judge(ok, expected: [200], successField: "missing").success)
        func judge(_ status: Int, expected: [Int] = [200]) -> VerificationOutcome {
            ConnectorVerification.judge(OutboundResponse(status: status), expected: expected, successField: nil)
        }
        #expect(judge(201, expected: [200, 201]).success)
        #expect(judge(403).status == .failed)
        #expect(judge(302).status == .error)
        #expect(ConnectorVerification.values(
            config: ["region": "eu", "port": 5432, "nested": ["x": 1]], credentials: ["region": "us", "apiKey": "k"])
            == ["region": "us", "port": "5432", "apiKey": "k"])
    }
}
