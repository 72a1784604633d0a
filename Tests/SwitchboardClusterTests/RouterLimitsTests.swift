import Hummingbird
import Logging
import NIOCore
@testable import SwitchboardCluster
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardServer
import Synchronization
import Testing

/// The router's limits: a tenant over its rate gets 429, a worker with too many requests under way makes the next
/// one fail at once with 503, and a worker that does not answer in time makes it fail with 504, never sent again.
@Suite(.serialized) struct RouterLimitsTests {
    func info(_ operation: OperationType) -> GraphQLRequestInfo {
        GraphQLRequestInfo(requestID: "req-1", operationType: operation, operationName: nil,
                           logger: Logger(label: "test"))
    }

    static let query = GraphQLRequestParameters(query: "{ viewer { id } }")
    static let mutation = GraphQLRequestParameters(
        query: "mutation($n: String!) { createProject(input: {name: $n}) { id } }", variables: ["n": .string("p")])

    /// A fake worker that never answers, and counts what reaches it.
    final class SilentWorker: Sendable {
        let received = Mutex(0)
        func handle(_ frame: ClusterFrame, _ connection: FrameConnection) {
            guard case .executeRequest = frame.message else { return }
            received.withLock { $0 += 1 }
        }
    }

    func errorCode(_ response: HTTPGraphQLResponse) throws -> String? {
        let body = try parseJSON(String(buffer: response.body))
        guard case .object(let object) = body, case .list(let errors)? = object["errors"],
            case .object(let error)? = errors.first, case .object(let extensions)? = error["extensions"],
            case .string(let code)? = extensions["code"]
        else { return nil }
        return code
    }

    @Test func aTenantOverItsRateIsAnswered429WithRetryAfter() async throws {
        var settings = RoutingSettings()
        settings.rateLimit = RateLimitSettings(requestsPerSecond: 0.5, burst: 2)
        settings.unavailableWait = .milliseconds(1)
        let fixture = try await RouterFixture.make(settings: settings)
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w1")
        // No worker is connected: the first two are let through (and fail with 503), the third is refused.
        for _ in 0..<2 {
            let response = await fixture.router.forward(Self.query, tenantID: tenant.id, request: info(.query),
                                                        mediaType: .json)
            #expect(response.status == .serviceUnavailable)
        }
        let response = await fixture.router.forward(Self.query, tenantID: tenant.id, request: info(.query),
                                                    mediaType: .json)
        #expect(response.status == .tooManyRequests)
        #expect(response.headers[.retryAfter] == "2")
        #expect(try errorCode(response) == "RATE_LIMITED")
        #expect(String(buffer: response.body).contains(#""message":"Rate limit exceeded""#))
    }

    @Test func aWorkerWithTooManyRequestsUnderWayMakesTheNextFailAtOnce() async throws {
        var settings = RoutingSettings()
        settings.maxInFlightPerWorker = 2
        settings.unavailableWait = .milliseconds(50)
        let fixture = try await RouterFixture.make(settings: settings)
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w1")
        let worker = SilentWorker()
        let pair = try await fixture.connect(fixture.link("w1")) { worker.handle($0, $1) }
        let router = fixture.router
        let pending = (0..<2).map { _ in
            Task { await router.forward(Self.query, tenantID: tenant.id, request: info(.query), mediaType: .json) }
        }
        for _ in 0..<200 where worker.received.withLock({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(router.requestsInFlight(on: "w1") == 2)
        let start = ContinuousClock.now
        let response = await router.forward(Self.query, tenantID: tenant.id, request: info(.query), mediaType: .json)
        #expect(ContinuousClock.now - start < .milliseconds(500))
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] == "1")
        #expect(try errorCode(response) == "WORKER_UNAVAILABLE")
        #expect(worker.received.withLock { $0 } == 2)
        await pair.close()
        for task in pending { _ = await task.value }
        #expect(router.requestsInFlight(on: "w1") == 0)
    }

    @Test func aMutationThatTimesOutIsAnswered504AndNotSentAgain() async throws {
        var settings = RoutingSettings()
        settings.requestTimeout = .milliseconds(200)
        let fixture = try await RouterFixture.make(settings: settings)
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w2")
        let worker = SilentWorker()
        let pair = try await fixture.connect(fixture.link("w2")) { worker.handle($0, $1) }
        let response = await fixture.router.forward(Self.mutation, tenantID: tenant.id, request: info(.mutation),
                                                    mediaType: .graphQLResponseJSON)
        #expect(response.status == .gatewayTimeout)
        #expect(try errorCode(response) == "TIMEOUT")
        try await Task.sleep(for: .milliseconds(100))
        #expect(worker.received.withLock { $0 } == 1)
        #expect(fixture.router.requestsInFlight(on: "w2") == 0)
        await pair.close()
    }
}
