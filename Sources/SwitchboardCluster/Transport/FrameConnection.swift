import Logging
import NIOCore
import Synchronization

/// Why a request over a connection got no answer.
public enum ConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection closed first. `delivered`: the request had been handed to the socket, so the peer may
    /// have acted on it; when false it certainly did not.
    case closed(delivered: Bool)
    /// No answer within the time allowed (the request may have been acted on).
    case timedOut
    /// The peer answered with a frame that does not answer this request.
    case unexpectedAnswer(FrameKind)

    public var description: String {
        switch self {
        case .closed(let delivered): delivered ? "the connection closed before the answer" : "the connection is closed"
        case .timedOut: "no answer in time"
        case .unexpectedAnswer(let kind): "unexpected \(kind) frame in answer"
        }
    }
}

/// One multiplexed connection between a router and a worker, whichever side opened it.
///
/// `request` sends a frame with a new id and suspends until the frame that answers it arrives (any number may be
/// under way at once). Every frame that is not an answer goes to `onFrame`, in the order it arrived, on the
/// connection's event loop: it must not block, and hands slow work (executing GraphQL, reading the database) to a
/// task of its own, answering with `answer(_:with:)` when done. A frame that does not decode closes the connection,
/// as does `close()`; requests still waiting then fail with `ConnectionError.closed`.
public final class FrameConnection: Sendable {
    public let channel: any Channel
    private let logger: Logger
    private let state = Mutex(State())
    private let onFrameHandler = Mutex<FrameHandler?>(nil)

    /// The handler of frames that are not answers, in a box: a closure kept directly in the `Mutex` would be
    /// re-abstracted through `withLock`'s `inout` on every read and written back wrapped in two more thunks, so
    /// that each frame received made the next call one layer deeper (a worker grew slower with every request, and
    /// would in time overflow its event loop's stack).
    private final class FrameHandler: Sendable {
        let handle: @Sendable (ClusterFrame, FrameConnection) -> Void

        init(_ handle: @escaping @Sendable (ClusterFrame, FrameConnection) -> Void) {
            self.handle = handle
        }
    }

    private struct Pending {
        let continuation: CheckedContinuation<ClusterMessage, any Error>
        var written = false
        var timeout: Scheduled<Void>?
    }

    private struct State {
        var nextID: UInt64 = 1
        var pending: [UInt64: Pending] = [:]
        var closed = false
    }

    /// Use `FrameConnection.install(on:logger:onFrame:)`, which also puts the handlers in the channel's pipeline.
    private init(channel: any Channel, logger: Logger) {
        self.channel = channel
        self.logger = logger
    }

    /// Adds the frame codec and the connection's handler to `channel`'s pipeline (call on its event loop, from a
    /// channel initializer). `onFrame` receives every frame that is not an answer.
    public static func install(
        on channel: any Channel, logger: Logger,
        onFrame: @escaping @Sendable (ClusterFrame, FrameConnection) -> Void
    ) throws -> FrameConnection {
        let connection = FrameConnection(channel: channel, logger: logger)
        connection.onFrameHandler.withLock { $0 = FrameHandler(onFrame) }
        try channel.pipeline.syncOperations.addHandlers([
            ByteToMessageHandler(FrameDecoder()),
            MessageToByteHandler(FrameEncoder()),
            FrameConnectionHandler(connection: connection),
        ])
        return connection
    }

    /// Replaces the handler of frames that are not answers (a router sets its own once the hello is in).
    public func setOnFrame(_ onFrame: @escaping @Sendable (ClusterFrame, FrameConnection) -> Void) {
        onFrameHandler.withLock { $0 = FrameHandler(onFrame) }
    }

    /// Whether the connection is closed (or closing).
    public var isClosed: Bool { state.withLock { $0.closed } }

    /// How many of this side's requests await their answer.
    public var pendingRequests: Int { state.withLock { $0.pending.count } }

    /// Completes once the connection is closed.
    public var closeFuture: EventLoopFuture<Void> { channel.closeFuture }

    /// Sends `message` as a new request and returns the peer's answer. A `failure` answer is returned as such:
    /// the caller knows what it means for its request.
    public func request(_ message: ClusterMessage, timeout: Duration? = nil) async throws -> ClusterMessage {
        let id = state.withLock { state -> UInt64 in
            defer { state.nextID &+= 1 }
            return state.nextID
        }
        return try await withCheckedThrowingContinuation { continuation in
            let accepted = state.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.pending[id] = Pending(continuation: continuation)
                return true
            }
            guard accepted else {
                continuation.resume(throwing: ConnectionError.closed(delivered: false))
                return
            }
            // The timer and the write in one trip to the event loop: each call from another thread wakes the loop
            // (a syscall and a context switch), and this is the router's hot path.
            let loop = channel.eventLoop
            let start: @Sendable () -> Void = { [self] in
                if let timeout {
                    let scheduled = loop.scheduleTask(in: .nanoseconds(Self.nanoseconds(timeout))) {
                        self.fail(id, with: .timedOut)
                    }
                    state.withLock { $0.pending[id]?.timeout = scheduled }
                }
                let promise = loop.makePromise(of: Void.self)
                promise.futureResult.whenComplete { result in
                    switch result {
                    case .success: self.state.withLock { $0.pending[id]?.written = true }
                    case .failure: self.fail(id, with: .closed(delivered: false))
                    }
                }
                channel.writeAndFlush(ClusterFrame(requestID: id, message: message), promise: promise)
            }
            if loop.inEventLoop { start() } else { loop.execute(start) }
        }
    }

    /// Sends `message` as the answer to the peer's `frame`.
    public func answer(_ frame: ClusterFrame, with message: ClusterMessage) {
        send(ClusterFrame(requestID: frame.requestID, message: message))
    }

    /// Sends a frame that expects no answer (a hello, a key revoke: id 0).
    public func send(_ message: ClusterMessage) {
        send(ClusterFrame(requestID: 0, message: message))
    }

    private func send(_ frame: ClusterFrame) {
        channel.writeAndFlush(frame, promise: nil)
    }

    /// Closes the connection; requests under way fail.
    public func close() {
        channel.close(promise: nil)
    }

    // MARK: From the channel handler

    fileprivate func received(_ frame: ClusterFrame) {
        if frame.message.kind.isAnswer {
            let pending = state.withLock { $0.pending.removeValue(forKey: frame.requestID) }
            guard let pending else {
                // Answers to requests that timed out arrive late; anything else is the peer's confusion.
                logger.debug("Answer to no pending request", metadata: [
                    "frame.kind": .string(frame.message.kind.description),
                    "frame.id": .stringConvertible(frame.requestID),
                ])
                return
            }
            pending.timeout?.cancel()
            pending.continuation.resume(returning: frame.message)
            return
        }
        onFrameHandler.withLock { $0 }?.handle(frame, self)
    }

    fileprivate func closed() {
        let pending = state.withLock { state -> [UInt64: Pending] in
            state.closed = true
            defer { state.pending = [:] }
            return state.pending
        }
        for (_, entry) in pending {
            entry.timeout?.cancel()
            entry.continuation.resume(throwing: ConnectionError.closed(delivered: entry.written))
        }
    }

    fileprivate func failed(_ error: any Error) {
        logger.error("Cluster connection failed; closing it", metadata: [
            "error": .string(String(describing: error)),
        ])
    }

    private func fail(_ id: UInt64, with error: ConnectionError) {
        guard let pending = state.withLock({ $0.pending.removeValue(forKey: id) }) else { return }
        pending.timeout?.cancel()
        pending.continuation.resume(throwing: error)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// The last handler of a connection's pipeline: frames to the connection, and the end of the connection.
private final class FrameConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ClusterFrame

    let connection: FrameConnection

    init(connection: FrameConnection) {
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connection.received(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.closed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        connection.failed(error)
        context.close(promise: nil)
    }
}
