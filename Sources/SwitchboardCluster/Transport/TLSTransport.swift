import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// The PEM files of one side of a mutual-TLS link: its certificate (chain), its private key, and the certificate of
/// the authority that signs both sides' certificates (the only trust root: the system's roots are never used).
public struct ClusterTLSFiles: Sendable, Equatable {
    public var certificate: String
    public var privateKey: String
    public var certificateAuthority: String

    public init(certificate: String, privateKey: String, certificateAuthority: String) {
        self.certificate = certificate
        self.privateKey = privateKey
        self.certificateAuthority = certificateAuthority
    }
}

/// A TLS set-up that cannot work: a file missing or unreadable, a PEM that does not parse. The message names the
/// file and what is wrong with it, never what it holds.
public struct TLSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    init(_ message: String) {
        self.message = message
    }
}

/// A worker on another host: TCP with mutual TLS 1.3, both sides' certificates signed by one private CA.
///
/// - The worker side (`listen`) is a TLS server that requires a client certificate that chains to the CA; the
///   client's name is not checked (a router is any holder of a certificate from that CA; keep the CA private to
///   the cluster).
/// - The router side (`connect`) presents its certificate and checks the worker's against the CA and against the
///   name it dials: `serverName` when given, else `host` — an IP address must then be an IP SAN of the worker's
///   certificate, a DNS name a DNS SAN.
///
/// Frames go through only once the handshake has completed: the frame pipeline (`initializer`) is added behind a
/// gate that waits for it, and a peer that does not complete it within `handshakeTimeout` is disconnected.
public struct TLSTransport: ClusterTransport {
    public enum Role: Sendable {
        /// Listens: a TLS server requiring client certificates.
        case worker
        /// Connects: a TLS client presenting its certificate.
        case router
    }

    public let host: String
    public let port: Int
    public let role: Role
    /// The name the worker's certificate must carry (router side), when it is not `host`.
    public let serverName: String?
    /// How long a new connection may take to complete its handshake.
    public var handshakeTimeout: Duration = .seconds(10)
    /// How long a router waits for the TCP connection itself.
    public var connectTimeout: Duration = .seconds(5)
    /// How many connections a worker lets handshake at once; more are closed at once (a router needs one).
    public var maxPendingHandshakes = 32
    private let context: NIOSSLContext
    private let logger: Logger

    /// The largest PEM file read (a certificate chain or a key is a few kilobytes).
    static let maxFileSize = 1 << 20

    public init(host: String, port: Int, role: Role, files: ClusterTLSFiles, serverName: String? = nil,
                logger: Logger = Logger(label: "switchboard.cluster.tls")) throws(TLSConfigurationError) {
        guard !host.isEmpty else { throw TLSConfigurationError("the host is empty") }
        guard (0...65_535).contains(port) else { throw TLSConfigurationError("the port \(port) is not 0 to 65535") }
        if let serverName {
            guard Self.isValidServerName(serverName) else {
                throw TLSConfigurationError(
                    "the TLS server name \"\(serverName)\" is not a DNS name (an IP address is checked as the host)")
            }
        }
        self.host = host
        self.port = port
        self.role = role
        self.serverName = serverName
        self.context = try Self.makeContext(role: role, files: files)
        self.logger = logger
    }

    public var description: String {
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        return "tls:\(address)"
    }

    /// The name sent (SNI) and checked against the worker's certificate: nil for an IP address, whose check is
    /// against the certificate's IP SANs.
    var expectedServerName: String? {
        if let serverName { return serverName }
        return Self.isIPAddress(host) ? nil : host
    }

    public func connect(
        group: any EventLoopGroup, initializer: @escaping @Sendable (any Channel) throws -> Void
    ) async throws -> any Channel {
        let context = self.context
        let name = expectedServerName
        let established = group.any().makePromise(of: Void.self)
        let timeout = TimeAmount.nanoseconds(FrameConnection.nanoseconds(handshakeTimeout))
        let logger = self.logger
        let channel: any Channel
        do {
            channel = try await Self.keepingAlive(ClientBootstrap(group: group))
                .connectTimeout(.nanoseconds(FrameConnection.nanoseconds(connectTimeout)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers([
                            try NIOSSLClientHandler(context: context, serverHostname: name),
                            TLSHandshakeGate(timeout: timeout, established: established, logger: logger,
                                             initializer: initializer),
                        ])
                    }
                }
                .connect(host: host, port: port)
                .get()
        } catch {
            established.fail(error)
            throw error
        }
        do {
            try await established.futureResult.get()
        } catch {
            try? await channel.close()
            throw error
        }
        return channel
    }

    public func listen(
        group: any EventLoopGroup, initializer: @escaping @Sendable (any Channel) throws -> Void
    ) async throws -> any Channel {
        let context = self.context
        let timeout = TimeAmount.nanoseconds(FrameConnection.nanoseconds(handshakeTimeout))
        let logger = self.logger
        let pending = HandshakeSlots(limit: maxPendingHandshakes)
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_keepalive), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(Self.keepIdle, value: 15)
            .childChannelOption(Self.keepInterval, value: 5)
            .childChannelOption(Self.keepCount, value: 3)
            .childChannelInitializer { channel in
                guard pending.take() else {
                    logger.warning("TLS connection refused: too many handshakes under way", metadata: [
                        "peer": .string(channel.remoteAddress.map { "\($0)" } ?? "unknown"),
                    ])
                    return channel.close()
                }
                return channel.eventLoop.makeCompletedFuture {
                    let gate = TLSHandshakeGate(timeout: timeout, established: nil, logger: logger,
                                                initializer: initializer, onEnd: { pending.release() })
                    do {
                        try channel.pipeline.syncOperations.addHandlers([NIOSSLServerHandler(context: context), gate])
                    } catch {
                        gate.abandon()
                        throw error
                    }
                }
            }
            .bind(host: host, port: port)
            .get()
    }

    // MARK: Sockets

    // A peer that vanishes without closing (its host down, the network cut) is noticed within about 30 s, so that a
    // router reconnects and a worker takes its router's next connection.
    private static let keepIdle = ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_KEEPIDLE))
    private static let keepInterval = ChannelOptions.Types.SocketOption(
        level: .tcp, name: .init(rawValue: TCP_KEEPINTVL))
    private static let keepCount = ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_KEEPCNT))

    private static func keepingAlive(_ bootstrap: ClientBootstrap) -> ClientBootstrap {
        bootstrap
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelOption(keepIdle, value: 15)
            .channelOption(keepInterval, value: 5)
            .channelOption(keepCount, value: 3)
    }

    // MARK: Configuration

    /// Reads and parses `files` as `role` would, to report a bad set-up before anything starts.
    public static func check(_ files: ClusterTLSFiles, role: Role) throws(TLSConfigurationError) {
        _ = try makeContext(role: role, files: files)
    }

    /// TLS 1.3 only; the CA file is the only trust root. The worker requires a client certificate and checks its
    /// chain, not its name (`noHostnameVerification`: on a server, full verification would match the router's
    /// certificate against the router's IP address, which a client certificate does not carry).
    static func makeContext(role: Role, files: ClusterTLSFiles) throws(TLSConfigurationError) -> NIOSSLContext {
        let chain = try certificates(files.certificate, what: "certificate")
        let key = try privateKey(files.privateKey)
        let roots = try certificates(files.certificateAuthority, what: "CA certificate")
        var configuration: TLSConfiguration
        switch role {
        case .worker:
            configuration = .makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            configuration.certificateVerification = .noHostnameVerification
        case .router:
            configuration = .makeClientConfiguration()
            configuration.certificateChain = chain.map { .certificate($0) }
            configuration.privateKey = .privateKey(key)
            configuration.certificateVerification = .fullVerification
        }
        configuration.trustRoots = .certificates(roots)
        configuration.minimumTLSVersion = .tlsv13
        configuration.renegotiationSupport = .none
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSConfigurationError(
                "the private key \(files.privateKey) does not fit the certificate \(files.certificate) (\(error))")
        }
    }

    static func certificates(_ path: String, what: String) throws(TLSConfigurationError) -> [NIOSSLCertificate] {
        let bytes = try read(path, what: what)
        let parsed: [NIOSSLCertificate]
        do {
            parsed = try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw TLSConfigurationError("the \(what) file \(path) is not a PEM certificate")
        }
        guard !parsed.isEmpty else { throw TLSConfigurationError("the \(what) file \(path) holds no PEM certificate") }
        return parsed
    }

    static func privateKey(_ path: String) throws(TLSConfigurationError) -> NIOSSLPrivateKey {
        let bytes = try read(path, what: "private key")
        do {
            return try NIOSSLPrivateKey(bytes: bytes, format: .pem)
        } catch {
            // The key's bytes are never part of the message.
            throw TLSConfigurationError(
                "the private key file \(path) is not an unencrypted PEM private key")
        }
    }

    private static func read(_ path: String, what: String) throws(TLSConfigurationError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TLSConfigurationError("the \(what) file \(path) does not exist")
        }
        guard !isDirectory.boolValue else { throw TLSConfigurationError("the \(what) file \(path) is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TLSConfigurationError("the \(what) file \(path) cannot be read")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxFileSize + 1) ?? Data()
        } catch {
            throw TLSConfigurationError("the \(what) file \(path) cannot be read")
        }
        guard data.count <= maxFileSize else {
            throw TLSConfigurationError("the \(what) file \(path) is larger than \(maxFileSize) bytes")
        }
        guard !data.isEmpty else { throw TLSConfigurationError("the \(what) file \(path) is empty") }
        return Array(data)
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// A DNS name as SNI takes it: 1 to 253 bytes of letters, digits, `-` and `.`, not an IP address.
    public static func isValidServerName(_ name: String) -> Bool {
        guard (1...253).contains(name.utf8.count), !isIPAddress(name) else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
                true
            default:
                false
            }
        }
    }
}

/// Why a TLS connection ended before it could carry frames.
public struct TLSHandshakeError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Sits behind the TLS handler until the handshake completes: then adds the frame pipeline (`initializer`) and
/// steps aside. A handshake that fails, or does not complete in time, closes the connection, so that a peer without
/// a valid certificate never reaches the frame decoder (nor takes the worker's one router slot).
///
/// On the router's side (`established` given) the connection counts as made only once the worker's first bytes
/// arrive (it speaks first: its hello). In TLS 1.3 the client's handshake completes before the server has checked
/// the client's certificate; a worker that refuses it answers with an alert instead, which then fails the connect
/// rather than a connection already handed over. Refusals are logged on the worker's side; the router's caller
/// reports the error it gets.
final class TLSHandshakeGate: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private enum Stage {
        case handshaking
        /// The router's side: handshake done, waiting for the worker's first bytes.
        case awaitingPeer
        case open
        case failed
    }

    private let timeout: TimeAmount
    private let established: EventLoopPromise<Void>?
    private let logger: Logger
    private let initializer: @Sendable (any Channel) throws -> Void
    private let onEnd: @Sendable () -> Void
    private var timer: Scheduled<Void>?
    private var stage = Stage.handshaking

    /// `established`: the router's side, completed once the connection carries frames. `onEnd` runs once, when the
    /// connection has passed the gate or failed.
    init(timeout: TimeAmount, established: EventLoopPromise<Void>?, logger: Logger,
         initializer: @escaping @Sendable (any Channel) throws -> Void, onEnd: @escaping @Sendable () -> Void = {}) {
        self.timeout = timeout
        self.established = established
        self.logger = logger
        self.initializer = initializer
        self.onEnd = onEnd
    }

    private var isSettled: Bool { stage == .open || stage == .failed }

    /// Gives up on a connection whose pipeline could not be made (the gate may never have been added).
    func abandon() {
        settle(.failed)
    }

    private func settle(_ final: Stage) {
        guard !isSettled else { return }
        stage = final
        timer?.cancel()
        timer = nil
        onEnd()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            fail(context, TLSHandshakeError(message: "the TLS handshake did not complete in time"))
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        guard !isSettled else { return }
        settle(.failed)
        established?.fail(TLSHandshakeError(message: "the connection closed before its TLS handshake completed"))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard stage == .handshaking, case .handshakeCompleted? = event as? TLSUserEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if established != nil {
            stage = .awaitingPeer
        } else {
            open(context, passing: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch stage {
        case .open:
            context.fireChannelRead(data)
        case .awaitingPeer:
            // The frame pipeline is added behind this handler, which passes the bytes on to it and leaves.
            open(context, passing: data)
        case .handshaking, .failed:
            // The TLS handler passes on nothing before its handshake completes; should it ever, nothing goes further.
            fail(context, TLSHandshakeError(message: "data before the TLS handshake completed"))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !isSettled else {
            context.fireErrorCaught(error)
            return
        }
        fail(context, error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !isSettled {
            fail(context, TLSHandshakeError(message: "the connection closed before its TLS handshake completed"))
        }
        context.fireChannelInactive()
    }

    /// Adds the frame pipeline behind this handler, hands it `data` (the worker's first bytes), and leaves.
    private func open(_ context: ChannelHandlerContext, passing data: NIOAny?) {
        settle(.open)
        do {
            try initializer(context.channel)
        } catch {
            established?.fail(error)
            context.close(promise: nil)
            return
        }
        established?.succeed()
        if let data { context.fireChannelRead(data) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func fail(_ context: ChannelHandlerContext, _ error: any Error) {
        guard !isSettled else { return }
        settle(.failed)
        if established == nil {
            logger.warning("TLS connection refused", metadata: [
                "peer": .string(context.channel.remoteAddress.map { "\($0)" } ?? "unknown"),
                "error": .string(String(describing: error)),
            ])
        }
        established?.fail(error)
        context.close(promise: nil)
    }
}

/// A count of connections under handshake, bounded.
final class HandshakeSlots: Sendable {
    private let count = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot; false when all are taken.
    func take() -> Bool {
        var current = count.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = count.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    func release() {
        count.subtract(1, ordering: .acquiringAndReleasing)
    }
}
