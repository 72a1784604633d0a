import Foundation
import Logging
import NIOCore
import NIOPosix
@testable import SwitchboardCluster
import Synchronization
import Testing

/// One connection, many requests at once: answers find their requests whatever their order, and a connection
/// that ends fails what waits on it, saying whether each request had left.
@Suite struct FrameConnectionTests {
    @Test func concurrentRequestsGetTheirOwnAnswersInAnyOrder() async throws {
        // The server answers each execute request after a delay that reverses their order, echoing the body.
        let pair = try await ConnectedPair.make(serverFrames: { frame, connection in
            guard case .executeRequest(let request) = frame.message else { return }
            let delay = 100 - Int(request.requestID)!
            Task {
                try? await Task.sleep(for: .milliseconds(delay * 2))
                connection.answer(frame, with: .executeResponse(
                    ExecuteResponse(status: 200, contentType: "text/plain", body: request.body)))
            }
        })
        let answers = try await withThrowingTaskGroup(of: (Int, ClusterMessage).self) { group in
            for index in 0..<50 {
                group.addTask {
                    let request = ExecuteRequest(tenantID: "ten_\(index)", requestID: String(index), operation: .query,
                                                 mediaType: .json, body: ByteBuffer(string: "body \(index)"))
                    return (index, try await pair.client.request(.executeRequest(request), timeout: .seconds(10)))
                }
            }
            var answers: [Int: ClusterMessage] = [:]
            for try await (index, answer) in group { answers[index] = answer }
            return answers
        }
        #expect(answers.count == 50)
        for (index, answer) in answers {
            guard case .executeResponse(let response) = answer else {
                Issue.record("unexpected \(answer.kind)")
                continue
            }
            #expect(String(buffer: response.body) == "body \(index)")
        }
        #expect(pair.client.pendingRequests == 0)
        await pair.close()
    }

    @Test func aClosedConnectionFailsWaitingRequestsAsDeliveredAndNewOnesAsNot() async throws {
        let received = Mutex(0)
        let pair = try await ConnectedPair.make(serverFrames: { _, _ in
            received.withLock { $0 += 1 }
        })
        let waiting = Task { try await pair.client.request(.statsRequest) }
        // The request reaches the server, which never answers; then the server goes away.
        while received.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        pair.server.close()
        await #expect(throws: ConnectionError.closed(delivered: true)) { try await waiting.value }
        try await pair.client.closeFuture.get()
        await #expect(throws: ConnectionError.closed(delivered: false)) {
            try await pair.client.request(.statsRequest)
        }
        #expect(pair.client.isClosed)
        await pair.close()
    }

    @Test func aRequestWithoutAnswerTimesOutAndALateAnswerIsDropped() async throws {
        let late = Mutex<ClusterFrame?>(nil)
        let pair = try await ConnectedPair.make(serverFrames: { frame, connection in
            if frame.message == .drain {
                connection.answer(frame, with: .drained)
            } else {
                late.withLock { $0 = frame }
            }
        })
        await #expect(throws: ConnectionError.timedOut) {
            try await pair.client.request(.statsRequest, timeout: .milliseconds(100))
        }
        #expect(pair.client.pendingRequests == 0)
        // The answer arrives after all: nothing waits for it, and the connection carries on. (On a loaded machine
        // the request may time out before the server has even read it: wait for it to arrive first.)
        let deadline = ContinuousClock.now + .seconds(10)
        while late.withLock({ $0 }) == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        let frame = try #require(late.withLock { $0 })
        pair.server.answer(frame, with: .statsResponse(
            WorkerStats(workerID: "w1", pid: 1, tenantsServed: 0, requests: 0, inFlight: 0, keys: [])))
        #expect(try await pair.client.request(.drain, timeout: .seconds(5)) == .drained)
        #expect(!pair.client.isClosed)
        await pair.close()
    }

    @Test func framesThatAreNotAnswersReachTheHandlerInOrder() async throws {
        let seen = Mutex<[String]>([])
        let pair = try await ConnectedPair.make(serverFrames: { frame, _ in
            if case .keyRevoke(let revoke) = frame.message { seen.withLock { $0.append(revoke.tenantID) } }
        })
        for index in 0..<100 { pair.client.send(.keyRevoke(KeyRevoke(tenantID: "ten_\(index)"))) }
        for _ in 0..<200 where seen.withLock({ $0.count }) < 100 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(seen.withLock { $0 } == (0..<100).map { "ten_\($0)" })
        await pair.close()
    }

    @Test func theHandlerIsCalledAtTheSameStackDepthFrameAfterFrame() async throws {
        // The handler once sat in the connection's Mutex as a bare closure, and every read through `withLock`
        // wrapped it in two more thunks: each frame was handled deeper in the stack than the one before (a worker
        // slowed down with every request until its event loop's stack overflowed). The depth must not grow.
        let depths = Mutex<[UInt]>([])
        let pair = try await ConnectedPair.make(serverFrames: { _, _ in
            var marker = 0
            let address = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
            depths.withLock { $0.append(address) }
        })
        let count = 5_000
        for index in 0..<count { pair.client.send(.keyRevoke(KeyRevoke(tenantID: "ten_\(index)"))) }
        for _ in 0..<1_000 where depths.withLock({ $0.count }) < count { try await Task.sleep(for: .milliseconds(10)) }
        let seen = depths.withLock { $0 }
        #expect(seen.count == count)
        // Two thunks a frame would be about 1 MB after 5,000 frames; the same depth give or take a few frames.
        let spread = (seen.max() ?? 0) - (seen.min() ?? 0)
        #expect(spread < 16 * 1024, "the handler's stack moved by \(spread) bytes over \(count) frames")
        await pair.close()
    }

    @Test func garbageFromThePeerClosesTheConnection() async throws {
        var template = Array("/tmp/sbct.XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let transport = UnixSocketTransport(path: directory + "/s.sock")
        let accepted = Mutex<FrameConnection?>(nil)
        let listener = try await transport.listen(group: MultiThreadedEventLoopGroup.singleton) { channel in
            let connection = try FrameConnection.install(on: channel, logger: Logger(label: "test")) { _, _ in }
            accepted.withLock { $0 = connection }
        }
        // A client without the codec: raw bytes, a frame announcing 4 GiB.
        let raw = try await transport.connect(group: MultiThreadedEventLoopGroup.singleton) { _ in }
        var garbage = ByteBuffer()
        garbage.writeInteger(UInt32.max)
        garbage.writeInteger(UInt8(1))
        try await raw.writeAndFlush(garbage)
        var server: FrameConnection?
        for _ in 0..<200 where server == nil {
            server = accepted.withLock { $0 }
            if server == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        try await #require(server).closeFuture.get()
        #expect(server?.isClosed == true)
        // The server closed the connection: the raw client sees it end.
        try await raw.closeFuture.get()
        try? await listener.close()
    }
}
