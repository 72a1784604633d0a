import Hummingbird
import Logging
import NIOCore
@testable import SwitchboardCluster
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardServer
import Synchronization
import Testing

/// What the router does with a tenant's request when its worker answers, dies under it, or is not there: a query
/// lost with its worker is sent once more to the next process, a mutation never is, and a worker that does not
/// come back in time makes the request fail with WORKER_UNAVAILABLE (503, `Retry-After: 1`).
@Suite(.serialized) struct ForwardingTests {
    func info(_ operation: OperationType) -> GraphQLRequestInfo {
        GraphQLRequestInfo(requestID: "req-1", operationType: operation, operationName: nil,
                           logger: Logger(label: "test"))
    }

    static let query = GraphQLRequestParameters(query: "{ viewer { id } }")
    static let mutation = GraphQLRequestParameters(
        query: "mutation($n: String!) { createProject(input: {name: $n}) { id } }", variables: ["n": .string("p")])

    /// A fake worker that answers every execute request with `body`, and counts them.
    final class AnsweringWorker: Sendable {
        let body: String
        let received = Mutex<[ExecuteRequest]>([])
        init(body: String) { self.body = body }

        func handle(_ frame: ClusterFrame, _ connection: FrameConnection) {
            guard case .executeRequest(let request) = frame.message else { return }
            received.withLock { $0.append(request) }
            connection.answer(frame, with: .executeResponse(ExecuteResponse(
                status: 200, contentType: "application/graphql-response+json; charset=utf-8",
                body: ByteBuffer(string: body))))
        }
    }

    /// A fake worker that dies (closes its connection) as soon as a request reaches it, after which `replacement`
    /// becomes the link's worker, as a restarted process would.
    final class DyingWorker: Sendable {
        let fixture: RouterFixture
        let link: WorkerLink
        let replacement: AnsweringWorker
        let received = Mutex(0)
        let pairs = Mutex<[ConnectedPair]>([])

        init(_ fixture: RouterFixture, link: WorkerLink, replacement: AnsweringWorker) {
            self.fixture = fixture
            self.link = link
            self.replacement = replacement
        }

        func handle(_ frame: ClusterFrame, _ connection: FrameConnection) {
            guard case .executeRequest = frame.message else { return }
            received.withLock { $0 += 1 }
            connection.close()
            Task {
                try await connection.closeFuture.get()
                try await Task.sleep(for: .milliseconds(100))
                let replacement = self.replacement
                let next = try await fixture.connect(link) { frame, connection in replacement.handle(frame, connection) }
                pairs.withLock { $0.append(next) }
            }
        }

        func close() async {
            for pair in pairs.withLock({ $0 }) { await pair.close() }
        }
    }

    @Test func aTenantsRequestGoesToItsWorkerAndItsAnswerBackAsItIs() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w2")
        let w2 = AnsweringWorker(body: #"{"data":{"from":"w2"}}"#)
        let w1 = AnsweringWorker(body: #"{"data":{"from":"w1"}}"#)
        let pair2 = try await fixture.connect(fixture.link("w2")) { w2.handle($0, $1) }
        let pair1 = try await fixture.connect(fixture.link("w1")) { w1.handle($0, $1) }
        let response = await fixture.router.forward(
            Self.query, tenantID: tenant.id, request: info(.query), mediaType: .json)
        #expect(response.status == .ok)
        #expect(String(buffer: response.body) == #"{"data":{"from":"w2"}}"#)
        #expect(response.headers[.contentType] == "application/graphql-response+json; charset=utf-8")
        let sent = try #require(w2.received.withLock { $0.first })
        #expect(sent.tenantID == tenant.id && sent.requestID == "req-1" && sent.operation == .query)
        #expect(sent.mediaType == .json)
        let parameters = try sent.body.withUnsafeReadableBytes { try GraphQLRequestParameters(jsonBody: $0) }
        #expect(parameters == Self.query)
        #expect(w1.received.withLock { $0.isEmpty })
        await pair1.close()
        await pair2.close()
    }

    @Test func aQueryLostWithItsWorkerIsSentOnceMoreToTheNextProcess() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w1")
        let link = fixture.link("w1")
        let replacement = AnsweringWorker(body: #"{"data":{"again":true}}"#)
        let dying = DyingWorker(fixture, link: link, replacement: replacement)
        let first = try await fixture.connect(link) { dying.handle($0, $1) }
        let response = await fixture.router.forward(
            Self.query, tenantID: tenant.id, request: info(.query), mediaType: .graphQLResponseJSON)
        #expect(response.status == .ok)
        #expect(String(buffer: response.body) == #"{"data":{"again":true}}"#)
        #expect(dying.received.withLock { $0 } == 1)
        #expect(replacement.received.withLock { $0.count } == 1)
        await first.close()
        await dying.close()
    }

    @Test func aMutationLostWithItsWorkerIsNeverSentAgain() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w1")
        let link = fixture.link("w1")
        let replacement = AnsweringWorker(body: #"{"data":{}}"#)
        let dying = DyingWorker(fixture, link: link, replacement: replacement)
        let first = try await fixture.connect(link) { dying.handle($0, $1) }
        let response = await fixture.router.forward(
            Self.mutation, tenantID: tenant.id, request: info(.mutation), mediaType: .graphQLResponseJSON)
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] == "1")
        let body = try parseJSON(String(buffer: response.body))
        guard case .object(let object) = body, case .list(let errors)? = object["errors"],
            case .object(let error)? = errors.first, case .object(let extensions)? = error["extensions"]
        else {
            Issue.record("not an error response: \(String(buffer: response.body))")
            return
        }
        #expect(extensions["code"] == .string("WORKER_UNAVAILABLE"))
        // Give the replacement time to come up: the mutation must not reach it.
        try await Task.sleep(for: .milliseconds(300))
        #expect(dying.received.withLock { $0 } == 1)
        #expect(replacement.received.withLock { $0.isEmpty })
        await first.close()
        await dying.close()
    }

    @Test func aMutationWaitsForAWorkerThatIsRestartingAndGoesToItOnce() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w1")
        let link = fixture.link("w1")
        // The worker died before the request: its connection is closed and the link knows it.
        let dead = try await fixture.connect(link) { _, _ in }
        dead.server.close()
        try await dead.client.closeFuture.get()
        for _ in 0..<100 where link.phase == .ready { try await Task.sleep(for: .milliseconds(5)) }
        #expect(link.phase == .down)

        let worker = AnsweringWorker(body: #"{"data":{"createProject":{"id":"prj_1"}}}"#)
        let forwarded = Task {
            await fixture.router.forward(Self.mutation, tenantID: tenant.id, request: info(.mutation),
                                         mediaType: .graphQLResponseJSON)
        }
        try await Task.sleep(for: .milliseconds(200))
        let pair = try await fixture.connect(link) { worker.handle($0, $1) }
        let response = await forwarded.value
        #expect(response.status == .ok)
        #expect(worker.received.withLock { $0.count } == 1)
        await dead.close()
        await pair.close()
    }

    @Test func aWorkerThatDoesNotComeBackInTimeMakesTheRequestFailFast() async throws {
        var settings = RoutingSettings()
        settings.unavailableWait = .milliseconds(200)
        let fixture = try await RouterFixture.make(settings: settings)
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w2")
        let start = ContinuousClock.now
        let response = await fixture.router.forward(
            Self.query, tenantID: tenant.id, request: info(.query), mediaType: .json)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] == "1")
        #expect(String(buffer: response.body).contains("WORKER_UNAVAILABLE"))
    }

    @Test func theAdminsRequestsRunInTheRouter() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w1")
        let executor = ClusterExecutor(router: fixture.router, endpoint: try GraphQLEndpoint(schema: fixture.graph.schema))
        let parameters = GraphQLRequestParameters(query: "{ tenants { id } }")
        let document = try parse(parameters.query)
        // No worker is connected: the admin's query does not need one.
        let response = await executor.execute(parameters, document: document, principal: .admin,
                                              request: info(.query), mediaType: .json)
        #expect(response.status == .ok)
        #expect(String(buffer: response.body).contains(tenant.id))
    }
}
