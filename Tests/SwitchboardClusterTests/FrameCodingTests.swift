import Logging
import NIOCore
import NIOEmbedded
@testable import SwitchboardCluster
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardServer
import Testing

/// The frame format: every message round-trips, incomplete frames wait, and malformed ones are refused with a
/// clear error and nothing half-read.
@Suite struct FrameCodingTests {
    static let sealed = [UInt8](repeating: 7, count: KeySealing.sealedByteCount)

    static let samples: [ClusterMessage] = [
        .hello(WorkerHello(workerID: "w1", pid: 4242, sessionPublicKey: [UInt8](repeating: 1, count: 32))),
        .executeRequest(ExecuteRequest(
            tenantID: "ten_abc", requestID: "req-1", operation: .mutation, mediaType: .json,
            body: ByteBuffer(string: #"{"query":"{ viewer { id } }"}"#))),
        .executeRequest(ExecuteRequest(
            tenantID: "ten_é", requestID: "", operation: .subscription, mediaType: .graphQLResponseJSON,
            body: ByteBuffer())),
        .executeResponse(ExecuteResponse(
            status: 200, contentType: "application/graphql-response+json; charset=utf-8",
            body: ByteBuffer(string: #"{"data":{}}"#))),
        .keyRequest(KeyRequest(tenantID: "ten_abc", version: 3)),
        .keyGrant(KeyGrant(tenantID: "ten_abc", version: 3, sealedKey: sealed)),
        .keyRefusal(KeyRefusal(tenantID: "ten_abc", reason: "not yours")),
        .keyRevoke(KeyRevoke(tenantID: "ten_abc", keptVersion: 4)),
        .keyRevoke(KeyRevoke(tenantID: "ten_abc", keptVersion: nil)),
        .statsRequest,
        .statsResponse(WorkerStats(
            workerID: "w2", pid: 99, tenantsServed: 5, requests: 1 << 40, inFlight: 2,
            keys: [HeldKey(tenantID: "ten_a", version: 1, fingerprint: "0123456789abcdef"),
                   HeldKey(tenantID: "ten_b", version: 7, fingerprint: "fedcba9876543210")])),
        .statsResponse(WorkerStats(workerID: "w2", pid: -1, tenantsServed: 0, requests: 0, inFlight: 0, keys: [])),
        .drain,
        .drained,
        .failure("the worker is draining"),
        .routeRequest(RouteRequest(tenantID: "ten_abc", route: "webhook.delivery", request: TenantHTTPRequest(
            method: "POST", path: "/webhooks/abc", query: "a=1&b=%20",
            headers: [HTTPHeader(name: "X-Hub-Signature-256", value: "sha256=00"),
                      HTTPHeader(name: "content-type", value: "application/json")],
            body: Array(#"{"zen":"é"}"#.utf8) + [0, 255], requestID: "req-9"))),
        .routeRequest(RouteRequest(tenantID: "ten_abc", route: "oauth.refresh-due",
                                   request: TenantHTTPRequest(method: "POST", path: ""))),
        .routeResponse(TenantHTTPResponse(status: 302, headers: [HTTPHeader(name: "Location", value: "https://x/")])),
        .routeResponse(TenantHTTPResponse(status: 200, headers: [], body: Array("ok".utf8))),
    ]

    func encoded(_ frame: ClusterFrame) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        try frame.encode(into: &buffer)
        return buffer
    }

    @Test func everyMessageRoundTrips() throws {
        #expect(Set(Self.samples.map(\.kind)) == Set(FrameKind.allCases))
        for (index, message) in Self.samples.enumerated() {
            let frame = ClusterFrame(requestID: UInt64(index) * 0x1_0000_0001, message: message)
            var buffer = try encoded(frame)
            let decoded = try ClusterFrame.decode(from: &buffer)
            #expect(decoded == frame, "\(message.kind)")
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test func theLayoutIsLengthKindIDPayload() throws {
        let buffer = try encoded(ClusterFrame(requestID: 0x0102_0304_0506_0708, message: .drain))
        #expect(Array(buffer.readableBytesView) == [0, 0, 0, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8])
        let request = try encoded(ClusterFrame(requestID: 1, message: .keyRequest(KeyRequest(tenantID: "t", version: 2))))
        #expect(Array(request.readableBytesView) == [0, 0, 0, 18, 4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 116, 0, 0, 0, 2])
    }

    @Test func anIncompleteFrameWaitsAndConsumesNothing() throws {
        let frames = Self.samples.enumerated().map { ClusterFrame(requestID: UInt64($0.offset + 1), message: $0.element) }
        var all = ByteBuffer()
        for frame in frames { try frame.encode(into: &all) }
        // Fed one byte at a time, the decoder yields each frame exactly when its last byte arrives.
        var pending = ByteBuffer()
        var decoded: [ClusterFrame] = []
        for byte in all.readableBytesView {
            pending.writeInteger(byte)
            while let frame = try ClusterFrame.decode(from: &pending) { decoded.append(frame) }
        }
        #expect(decoded == frames)
        #expect(pending.readableBytes == 0)

        var partial = try encoded(frames[1])
        partial.moveWriterIndex(to: partial.writerIndex - 1)
        let before = partial.readerIndex
        #expect(try ClusterFrame.decode(from: &partial) == nil)
        #expect(partial.readerIndex == before)
    }

    @Test func anOversizedLengthIsRefusedBeforeTheFrameArrives() {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(FrameFormat.maxFrameLength + 1))
        #expect(throws: WireError.frameTooLarge(length: FrameFormat.maxFrameLength + 1)) {
            _ = try ClusterFrame.decode(from: &buffer)
        }
        var huge = ByteBuffer()
        huge.writeInteger(UInt32.max)
        #expect(throws: WireError.frameTooLarge(length: Int(UInt32.max))) { _ = try ClusterFrame.decode(from: &huge) }
    }

    @Test func aMessageTooLargeToSendIsRefusedWithNothingWritten() throws {
        let body = ByteBuffer(repeating: 0x20, count: FrameFormat.maxFrameLength)
        let frame = ClusterFrame(requestID: 1, message: .executeResponse(
            ExecuteResponse(status: 200, contentType: "application/json", body: body)))
        var buffer = ByteBuffer(string: "kept")
        #expect(throws: WireError.self) { try frame.encode(into: &buffer) }
        #expect(buffer.readableBytes == 4)
        // The largest frame that fits passes.
        let fitting = ClusterFrame(requestID: 1, message: .executeResponse(ExecuteResponse(
            status: 200, contentType: "", body: ByteBuffer(repeating: 0x20, count: FrameFormat.maxFrameLength - 9 - 2 - 4 - 4))))
        var exact = ByteBuffer()
        try fitting.encode(into: &exact)
        #expect(exact.readableBytes == 4 + FrameFormat.maxFrameLength)
        #expect(try ClusterFrame.decode(from: &exact) == fitting)
    }

    /// A frame made by hand: length, kind, id 1, payload.
    func rawFrame(kind: UInt8, payload: [UInt8], length: Int? = nil) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(length ?? (9 + payload.count)))
        buffer.writeInteger(kind)
        buffer.writeInteger(UInt64(1))
        buffer.writeBytes(payload)
        return buffer
    }

    func text(_ string: String) -> [UInt8] {
        let bytes = Array(string.utf8)
        return withUnsafeBytes(of: UInt32(bytes.count).bigEndian, Array.init) + bytes
    }

    func u32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }

    @Test func malformedFramesAreRefusedWithWhatIsWrong() {
        let cases: [(ByteBuffer, WireError)] = [
            (rawFrame(kind: 0, payload: []), .unknownKind(0)),
            (rawFrame(kind: 200, payload: []), .unknownKind(200)),
            (rawFrame(kind: 8, payload: [], length: 8), .frameTooShort(length: 8)),
            (rawFrame(kind: 8, payload: [1, 2, 3]), .trailingBytes(kind: .statsRequest, count: 3)),
            (rawFrame(kind: 4, payload: text("ten_a")), .truncated(kind: .keyRequest, field: "version")),
            (rawFrame(kind: 4, payload: text("ten_a") + u32(0)), .invalidValue(kind: .keyRequest, field: "version", reason: "is 0")),
            (rawFrame(kind: 4, payload: u32(10) + [1, 2]), .truncated(kind: .keyRequest, field: "tenant id")),
            (rawFrame(kind: 4, payload: text("") + u32(1)), .invalidValue(kind: .keyRequest, field: "tenant id", reason: "is empty")),
            (rawFrame(kind: 4, payload: u32(2) + [0xC3, 0x28] + u32(1)), .invalidText(kind: .keyRequest, field: "tenant id")),
            (rawFrame(kind: 4, payload: text(String(repeating: "x", count: 257)) + u32(1)),
             .invalidValue(kind: .keyRequest, field: "tenant id", reason: "has 257 bytes, more than 256")),
            (rawFrame(kind: 5, payload: text("ten_a") + u32(1) + u32(32) + [UInt8](repeating: 0, count: 32)),
             .invalidValue(kind: .keyGrant, field: "sealed key", reason: "has 32 bytes, not 80")),
            (rawFrame(kind: 2, payload: text("ten_a") + text("r") + [9, 0] + u32(0)),
             .invalidValue(kind: .executeRequest, field: "operation", reason: "is 9, not 0, 1 or 2")),
            (rawFrame(kind: 2, payload: text("ten_a") + text("r") + [0, 2] + u32(0)),
             .invalidValue(kind: .executeRequest, field: "media type", reason: "is 2, not 0 or 1")),
            (rawFrame(kind: 3, payload: [0x03, 0xE8] + text("") + u32(0)),
             .invalidValue(kind: .executeResponse, field: "status", reason: "is 1000, not an HTTP status")),
            (rawFrame(kind: 9, payload: text("w1") + u32(1) + u32(0) + [0, 0, 0, 0, 0, 0, 0, 0] + u32(0) + u32(1_000_000)),
             .truncated(kind: .statsResponse, field: "keys")),
        ]
        for (frame, expected) in cases {
            var buffer = frame
            #expect(throws: expected) { _ = try ClusterFrame.decode(from: &buffer) }
        }
    }

    @Test func errorsDescribeThemselvesWithoutThePayload() {
        let error = WireError.invalidValue(kind: .keyGrant, field: "sealed key", reason: "has 32 bytes, not 80")
        #expect(error.description == "key grant frame: sealed key has 32 bytes, not 80")
        #expect(WireError.frameTooLarge(length: 20_000_000).description
            == "frame of 20000000 bytes refused: the limit is 16777216 bytes")
    }

    @Test func theNIOCodecSplitsAStreamIntoFramesAndClosesOnGarbage() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([
            ByteToMessageHandler(FrameDecoder()), MessageToByteHandler(FrameEncoder()),
        ])
        // Outbound: a frame becomes its bytes.
        try channel.writeOutbound(ClusterFrame(requestID: 5, message: .statsRequest))
        let written = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(Array(written.readableBytesView) == [0, 0, 0, 9, 8, 0, 0, 0, 0, 0, 0, 0, 5])

        // Inbound: two frames split at odd places.
        var stream = ByteBuffer()
        let first = ClusterFrame(requestID: 1, message: .keyRequest(KeyRequest(tenantID: "ten_a", version: 1)))
        let second = ClusterFrame(requestID: 2, message: .failure("no"))
        try first.encode(into: &stream)
        try second.encode(into: &stream)
        let cut = stream.readableBytes - 3
        try channel.writeInbound(stream.getSlice(at: 0, length: 5)!)
        #expect(try channel.readInbound(as: ClusterFrame.self) == nil)
        try channel.writeInbound(stream.getSlice(at: 5, length: cut - 5)!)
        #expect(try channel.readInbound(as: ClusterFrame.self) == first)
        #expect(try channel.readInbound(as: ClusterFrame.self) == nil)
        try channel.writeInbound(stream.getSlice(at: cut, length: 3)!)
        #expect(try channel.readInbound(as: ClusterFrame.self) == second)

        // Garbage: the decoder's error reaches the pipeline.
        var garbage = ByteBuffer()
        garbage.writeBytes([0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3])
        #expect(throws: WireError.frameTooLarge(length: Int(UInt32.max))) { try channel.writeInbound(garbage) }
        _ = try? channel.finish()
    }
}

/// A worker never tries to send a response larger than a frame: that would end its connection.
@Suite struct ResponseSizeTests {
    @Test func aResponseTooLargeForAFrameIsReplacedByAnError() throws {
        let small = HTTPGraphQLResponse.result(.ok, .json, ExecutionResult(data: .object(["a": .string("b")])))
        let kept = ClusterWorker.fitting(small, mediaType: .json, limit: 100, logger: Logger(label: "test"))
        #expect(kept.status == .ok && kept.body == small.body)
        let large = HTTPGraphQLResponse.result(
            .ok, .json, ExecutionResult(data: .object(["a": .string(String(repeating: "x", count: 200))])))
        let replaced = ClusterWorker.fitting(large, mediaType: .json, limit: 100, logger: Logger(label: "test"))
        #expect(replaced.status == .internalServerError)
        #expect(String(buffer: replaced.body).contains("INTERNAL_SERVER_ERROR"))
        // The real limit leaves room for the frame's other fields.
        var frame = ByteBuffer()
        try ClusterFrame(requestID: 1, message: .executeResponse(ExecuteResponse(
            status: 500, contentType: String(repeating: "t", count: 256),
            body: ByteBuffer(repeating: 0x20, count: ClusterWorker.maxResponseBody)))).encode(into: &frame)
        #expect(frame.readableBytes == 4 + FrameFormat.maxFrameLength)
    }
}
