import Logging
import NIOCore
@testable import SwitchboardCluster
import SwitchboardGraphQL
import SwitchboardServer
import Synchronization
import Testing

/// `moveTenant` through the router while a request of the tenant is under way: the move waits for it on the old
/// worker, the tenant's next request waits for the move and then goes to the new worker; nothing fails.
@Suite(.serialized) struct OnlineMoveTests {
    /// A fake worker that holds every execute request until `answerAll`.
    final class HoldingWorker: Sendable {
        private let held = Mutex<[(ClusterFrame, FrameConnection)]>([])

        var count: Int { held.withLock { $0.count } }

        func handle(_ frame: ClusterFrame, _ connection: FrameConnection) {
            guard case .executeRequest = frame.message else { return }
            held.withLock { $0.append((frame, connection)) }
        }

        func answerAll() {
            for (frame, connection) in held.withLock({ $0 }) {
                connection.answer(frame, with: .executeResponse(ExecuteResponse(
                    status: 200, contentType: "application/json",
                    body: ByteBuffer(string: #"{"data":{"from":"w1"}}"#))))
            }
        }
    }

    func info(_ operation: OperationType, _ id: String) -> GraphQLRequestInfo {
        GraphQLRequestInfo(requestID: id, operationType: operation, operationName: nil, logger: Logger(label: "test"))
    }

    @Test func aMoveWaitsForTheRequestUnderWayAndTheNextRequestGoesToTheNewWorker() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let router = fixture.router
        let tenant = try await fixture.tenant(on: "w1")
        let w1 = HoldingWorker()
        let w2 = ForwardingTests.AnsweringWorker(body: #"{"data":{"from":"w2"}}"#)
        let pair1 = try await fixture.connect(fixture.link("w1")) { w1.handle($0, $1) }
        let pair2 = try await fixture.connect(fixture.link("w2")) { w2.handle($0, $1) }

        let first = Task {
            await router.forward(ForwardingTests.mutation, tenantID: tenant.id, request: info(.mutation, "first"),
                                 mediaType: .json)
        }
        for _ in 0..<1_000 where w1.count == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(w1.count == 1)
        let move = Task { try await router.moveTenant(tenant.id, to: "w2") }
        for _ in 0..<1_000 where !router.gate.isChanging { try await Task.sleep(for: .milliseconds(10)) }
        #expect(router.gate.isChanging)
        let second = Task {
            await router.forward(ForwardingTests.query, tenantID: tenant.id, request: info(.query, "second"),
                                 mediaType: .json)
        }
        try await Task.sleep(for: .milliseconds(200))
        // Still under way on w1: the pin is not written, the second request waits, w2 has seen nothing.
        #expect(try await router.store.load().pins[tenant.id] == nil)
        #expect(router.shardMap.owner(of: tenant.id) == "w1")
        #expect(w2.received.withLock { $0.isEmpty })

        w1.answerAll()
        let answered = await first.value
        #expect(answered.status == .ok && String(buffer: answered.body) == #"{"data":{"from":"w1"}}"#)
        _ = try await move.value
        let moved = await second.value
        #expect(moved.status == .ok && String(buffer: moved.body) == #"{"data":{"from":"w2"}}"#)
        #expect(w2.received.withLock { $0.map(\.requestID) } == ["second"])
        #expect(w1.count == 1)
        #expect(try await router.store.load().pins[tenant.id] == "w2")
        await pair1.close()
        await pair2.close()
    }

    @Test func aRequestHeldLongerThanTheMoveWaitIsAnsweredWorkerUnavailable() async throws {
        var settings = RoutingSettings()
        settings.moveWait = .milliseconds(200)
        settings.moveDrainTimeout = .seconds(2)
        let fixture = try await RouterFixture.make(settings: settings)
        defer { fixture.close() }
        let router = fixture.router
        let tenant = try await fixture.tenant(on: "w1")
        let w1 = HoldingWorker()
        let pair1 = try await fixture.connect(fixture.link("w1")) { w1.handle($0, $1) }
        let first = Task {
            await router.forward(ForwardingTests.query, tenantID: tenant.id, request: info(.query, "first"),
                                 mediaType: .json)
        }
        for _ in 0..<1_000 where w1.count == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let move = Task { try await router.moveTenant(tenant.id, to: "w2") }
        for _ in 0..<1_000 where !router.gate.isChanging { try await Task.sleep(for: .milliseconds(10)) }
        #expect(router.gate.isChanging)
        let held = await router.forward(ForwardingTests.query, tenantID: tenant.id, request: info(.query, "held"),
                                        mediaType: .json)
        #expect(held.status == .serviceUnavailable)
        #expect(String(buffer: held.body).contains("WORKER_UNAVAILABLE"))
        #expect(String(buffer: held.body).contains("moving"))
        w1.answerAll()
        #expect(await first.value.status == .ok)
        _ = try await move.value
        await pair1.close()
    }
}
