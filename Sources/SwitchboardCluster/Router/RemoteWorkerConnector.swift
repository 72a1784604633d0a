import Foundation
import Logging
import NIOCore
import Synchronization

/// A worker that runs on its own (`switchboard worker --listen HOST:PORT …`), perhaps on another host: the router
/// connects to it over TLS but neither spawns nor restarts it.
public struct RemoteWorker: Sendable, Equatable, CustomStringConvertible {
    public var id: String
    public var host: String
    public var port: Int

    public init(id: String, host: String, port: Int) {
        self.id = id
        self.host = host
        self.port = port
    }

    public var description: String { "\(id)=\(HostAndPort.format(host: host, port: port))" }

    /// `ID=HOST:PORT` as `--remote-worker` takes it (an IPv6 address in brackets: `r1=[::1]:7400`).
    public static func parse(_ text: String) throws(HostAndPort.ParseError) -> RemoteWorker {
        guard let equals = text.firstIndex(of: "=") else {
            throw HostAndPort.ParseError("\"\(text)\" is not ID=HOST:PORT")
        }
        let id = String(text[..<equals])
        guard ShardMapStore.isValidWorkerID(id) else {
            throw HostAndPort.ParseError("the worker id \"\(id)\" is not 1 to 64 letters, digits, '_', '.' or '-'")
        }
        // Local ids come and go with the worker count (`setWorkerCount`): a remote `w9` would clash with one.
        guard !ShardMapStore.isLocalWorkerID(id) else {
            throw HostAndPort.ParseError("the worker id \"\(id)\" has the form of a local worker's (w1…wN)")
        }
        let address = try HostAndPort.parse(String(text[text.index(after: equals)...]))
        guard address.port > 0 else { throw HostAndPort.ParseError("the port of \(id) must be 1 to 65535") }
        return RemoteWorker(id: id, host: address.host, port: address.port)
    }
}

/// `HOST:PORT`, with an IPv6 address in brackets.
public enum HostAndPort {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        init(_ message: String) { self.message = message }
    }

    public static func parse(_ text: String) throws(ParseError) -> (host: String, port: Int) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw ParseError("\"\(text)\" is not [IPV6]:PORT")
            }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                throw ParseError("\"\(text)\" is not HOST:PORT (an IPv6 address goes in brackets)")
            }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, host.utf8.count <= 253 else { throw ParseError("\"\(text)\" has no valid host") }
        guard port.utf8.count <= 5, let number = Int(port), (0...65_535).contains(number) else {
            throw ParseError("\"\(text)\" has no port from 0 to 65535")
        }
        return (String(host), number)
    }

    static func format(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// How the router keeps its remote workers connected.
public struct RemoteWorkerSettings: Sendable {
    /// The router's client identity and the CA that signed the workers' certificates.
    public var tls: ClusterTLSFiles
    /// The name every worker's certificate must carry, when it is not the host dialled (`--tls-server-name`).
    public var serverName: String?
    /// The first reconnection waits this long; each failed one doubles it, up to `maximumBackoff`.
    public var initialBackoff: Duration = .milliseconds(100)
    public var maximumBackoff: Duration = .seconds(2)
    /// How long a connected worker may take to say hello.
    public var helloTimeout: Duration = .seconds(10)
    /// How long, at shutdown, the requests under way to a remote worker may take before the router hangs up.
    public var drainTimeout: Duration = .seconds(10)
    /// How long the router's start waits for its remote workers (it starts anyway, and keeps trying).
    public var startWait: Duration = .seconds(5)

    public init(tls: ClusterTLSFiles, serverName: String? = nil) {
        self.tls = tls
        self.serverName = serverName
    }
}

/// Keeps one TLS connection to each remote worker: connect → hello → serve until the connection drops → back off
/// → connect again. The links go through the same phases as a local worker's (`starting`, `ready`, `down`), so a
/// request for a tenant of a remote worker that is away waits for it briefly, then gets WORKER_UNAVAILABLE.
///
/// At shutdown the router lets the requests under way finish and hangs up; it never drains a remote worker (which
/// would make it exit): the worker drops the router's keys and waits for its next connection.
final class RemoteWorkerConnector: Sendable {
    let links: [WorkerLink]
    private let settings: RemoteWorkerSettings
    private let group: any EventLoopGroup
    private let logger: Logger
    private let onFrame: @Sendable (ClusterFrame, FrameConnection, WorkerLink) -> Void
    private let metrics: ClusterMetrics?
    private let tasks = Mutex<[Task<Void, Never>]>([])
    private let stopping = Atomic<Bool>(false)

    init(links: [WorkerLink], settings: RemoteWorkerSettings, group: any EventLoopGroup, logger: Logger,
         metrics: ClusterMetrics? = nil,
         onFrame: @escaping @Sendable (ClusterFrame, FrameConnection, WorkerLink) -> Void) {
        self.links = links
        self.settings = settings
        self.group = group
        self.logger = logger
        self.onFrame = onFrame
        self.metrics = metrics
    }

    func start() {
        let started = links.map { link in Task { await self.maintain(link) } }
        tasks.withLock { $0 = started }
    }

    /// Waits up to `timeout` for every remote worker; returns the ids of those not ready by then.
    func waitUntilReady(timeout: Duration) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        var missing: [String] = []
        for link in links {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                missing.append(link.workerID)
                continue
            }
            if await link.readyConnection(within: left) == nil { missing.append(link.workerID) }
        }
        return missing
    }

    /// Lets the requests under way finish (up to the drain timeout), then closes every connection.
    func stop() async {
        stopping.store(true, ordering: .sequentiallyConsistent)
        await withTaskGroup(of: Void.self) { group in
            for link in links {
                group.addTask { await self.hangUp(link) }
            }
        }
        let running = tasks.withLock { $0 }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    private var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    private func hangUp(_ link: WorkerLink) async {
        guard let connection = link.beginDraining() else { return }
        let deadline = ContinuousClock.now + settings.drainTimeout
        while connection.pendingRequests > 0, !connection.isClosed, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        connection.close()
        try? await connection.closeFuture.get()
    }

    // MARK: One worker

    private func maintain(_ link: WorkerLink) async {
        var backoff = settings.initialBackoff
        var failures = 0
        while !isStopping {
            link.processStarted(nil)
            if let connection = await connect(link, quietly: failures > 0) {
                failures = 0
                backoff = settings.initialBackoff
                try? await connection.closeFuture.get()
                guard !isStopping else { break }
                link.reconnecting()
                // Counted as a local worker's restart is, in `restarts` and `switchboard_worker_restarts_total`.
                metrics?.workerRestarted(link.workerID)
                logger.warning("Remote worker connection lost; reconnecting", metadata: [
                    "worker.id": .string(link.workerID), "transport": .string(link.transport.description),
                ])
            } else {
                failures += 1
            }
            guard !isStopping else { break }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, settings.maximumBackoff)
        }
        link.markStopped()
    }

    /// Connects and waits for the hello; nil when either fails. The first failure of a series is a warning, the
    /// next ones (`quietly`: the worker is still away) are debug lines.
    private func connect(_ link: WorkerLink, quietly: Bool) async -> FrameConnection? {
        let level: Logger.Level = quietly ? .debug : .warning
        let hello: HelloWaiter
        let channel: any Channel
        do {
            (hello, channel) = try await HelloWaiter.connect(link, group: group, logger: logger, onFrame: onFrame)
        } catch {
            logger.log(level: level, "Cannot reach remote worker", metadata: [
                "worker.id": .string(link.workerID), "transport": .string(link.transport.description),
                "error": .string(String(describing: error)),
            ])
            return nil
        }
        guard let (message, connection) = await hello.wait(timeout: settings.helloTimeout) else {
            // A worker that refuses the router's certificate closes the connection right after the handshake.
            logger.log(level: level, "Remote worker closed the connection or said no hello", metadata: [
                "worker.id": .string(link.workerID), "transport": .string(link.transport.description),
            ])
            try? await channel.close()
            return nil
        }
        guard message.protocolVersion == FrameFormat.protocolVersion, message.workerID == link.workerID else {
            logger.error("Remote worker's hello does not match; hanging up", metadata: [
                "worker.id": .string(link.workerID), "hello.worker.id": .string(message.workerID),
                "hello.protocol": .stringConvertible(message.protocolVersion),
            ])
            connection.close()
            return nil
        }
        connection.closeFuture.whenComplete { _ in link.connectionClosed(connection) }
        guard link.becameReady(connection, hello: message) else {
            connection.close()
            return nil
        }
        logger.info("Remote worker ready", metadata: [
            "worker.id": .string(link.workerID), "transport": .string(link.transport.description),
            "pid": .stringConvertible(message.pid),
        ])
        return connection
    }
}
