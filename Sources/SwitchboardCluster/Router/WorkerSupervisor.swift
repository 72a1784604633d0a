import Foundation
import Logging
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// How the router starts and restarts its workers.
public struct SupervisionSettings: Sendable {
    /// The executable to spawn with the `worker` subcommand (by default this one).
    public var executable: String
    /// The environment of the router, from which the workers' is made (less the secrets; see `WorkerProcess`).
    public var environment: [String: String]
    /// The first restart waits this long; each quick death doubles it, up to `maximumBackoff`.
    public var initialBackoff: Duration = .milliseconds(100)
    public var maximumBackoff: Duration = .seconds(2)
    /// A worker that ran this long before dying restarts after `initialBackoff` again.
    public var stableAfter: Duration = .seconds(10)
    /// How long a new process may take to accept the router's connection and say hello before it is killed.
    public var startTimeout: Duration = .seconds(30)
    /// How long a draining worker may take to finish its requests before it is killed.
    public var drainTimeout: Duration = .seconds(10)

    /// By default: this executable, and this process's environment.
    public init(executable: String? = nil, environment: [String: String]? = nil) {
        self.executable = executable ?? WorkerProcess.currentExecutable()
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }
}

/// Spawns one process per worker slot, connects to it, restarts it when it dies, and drains them all at shutdown.
///
/// Each slot has a task that loops: spawn → connect (retrying while the worker binds its socket) → hello → wait
/// for the process to end → back off → spawn again. A dead worker's connection closes at once (the kernel closes
/// its socket), which fails the requests in flight to it; requests that arrive meanwhile wait for the new process
/// (`WorkerLink.readyConnection`).
///
/// The slots change while the router runs: `add` starts new ones, `retire` drains one and ends its supervision.
/// The supervisor is the only owner of the `WorkerSet`'s membership, except for the remote workers' links, which
/// are in the set from the start and which it leaves alone (it neither waits for, retires nor drains them).
final class WorkerSupervisor: Sendable {
    let workers: WorkerSet
    private let settings: SupervisionSettings
    private let makeLink: @Sendable (_ workerID: String) -> WorkerLink
    private let workerArguments: @Sendable (WorkerLink) -> [String]
    private let workerEnvironment: [String: String]
    private let group: any EventLoopGroup
    private let logger: Logger
    private let onFrame: @Sendable (ClusterFrame, FrameConnection, WorkerLink) -> Void
    private let metrics: ClusterMetrics?
    /// Each slot's supervision task, by worker id.
    private let tasks = Mutex<[String: Task<Void, Never>]>([:])
    private let stopping = Atomic<Bool>(false)

    init(
        workers: WorkerSet, settings: SupervisionSettings,
        makeLink: @escaping @Sendable (_ workerID: String) -> WorkerLink,
        workerArguments: @escaping @Sendable (WorkerLink) -> [String],
        extraEnvironment: [String: String], group: any EventLoopGroup, logger: Logger, metrics: ClusterMetrics? = nil,
        onFrame: @escaping @Sendable (ClusterFrame, FrameConnection, WorkerLink) -> Void
    ) {
        self.workers = workers
        self.settings = settings
        self.makeLink = makeLink
        self.workerArguments = workerArguments
        self.workerEnvironment = WorkerProcess.childEnvironment(settings.environment, adding: extraEnvironment)
        self.group = group
        self.logger = logger
        self.onFrame = onFrame
        self.metrics = metrics
    }

    /// Adds a slot for each id that has none and starts supervising it; returns the new slots. Nothing is added
    /// once the supervisor stops.
    @discardableResult
    func add(_ ids: [String]) -> [WorkerLink] {
        guard !isStopping else { return [] }
        var added: [WorkerLink] = []
        for id in ids {
            let link = makeLink(id)
            guard workers.insert(link) else { continue }
            added.append(link)
            tasks.withLock { $0[id] = Task { await self.supervise(link) } }
        }
        return added
    }

    /// Waits until every one of `links` is ready, or `timeout` passes; true when all are.
    func waitUntilReady(_ links: [WorkerLink], timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        for link in links {
            let left = deadline - ContinuousClock.now
            guard left > .zero, await link.readyConnection(within: left) != nil else { return false }
        }
        return true
    }

    /// Waits until every slot it supervises is ready, or `timeout` passes; true when all are.
    func waitUntilReady(timeout: Duration) async -> Bool {
        await waitUntilReady(supervisedLinks, timeout: timeout)
    }

    /// The slots it spawned, not the remote workers' links.
    private var supervisedLinks: [WorkerLink] {
        let ids = tasks.withLock { Set($0.keys) }
        return workers.all.filter { ids.contains($0.workerID) }
    }

    /// Takes slot `id` out of the set, drains its worker (it finishes its requests and exits; killed if it does
    /// not in time) and waits for its supervision to end. Its tenants must have been moved away first.
    func retire(_ id: String) async {
        guard tasks.withLock({ $0[id] != nil }), let link = workers.remove(id) else { return }
        await drain(link)
        if let task = tasks.withLock({ $0.removeValue(forKey: id) }) { await task.value }
        logger.info("Worker retired", metadata: ["worker.id": .string(id)])
    }

    /// Drains every worker (they finish their requests, answer `drained` and exit), kills those that do not in
    /// time, and ends the supervision tasks.
    func stop() async {
        stopping.store(true, ordering: .sequentiallyConsistent)
        await withTaskGroup(of: Void.self) { group in
            for link in supervisedLinks {
                group.addTask { await self.drain(link) }
            }
        }
        for task in tasks.withLock({ Array($0.values) }) { await task.value }
    }

    private var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    private func drain(_ link: WorkerLink) async {
        let connection = link.beginDraining()
        let process = link.process
        if let connection {
            do {
                let answer = try await connection.request(.drain, timeout: settings.drainTimeout)
                if answer != .drained {
                    logger.warning("Worker answered drain with \(answer.kind)", metadata: [
                        "worker.id": .string(link.workerID),
                    ])
                }
            } catch {
                logger.warning("Worker did not drain in time; killing it", metadata: [
                    "worker.id": .string(link.workerID), "error": .string(String(describing: error)),
                ])
                process?.signal(SIGKILL)
            }
        } else if let process {
            // Not connected (starting up or just restarted): nothing to drain.
            process.signal(SIGTERM)
        }
    }

    // MARK: One slot

    private func supervise(_ link: WorkerLink) async {
        var backoff = settings.initialBackoff
        while !isStopping && !link.isShuttingDown {
            let started = ContinuousClock.now
            let process: WorkerProcessHandle
            do {
                if let unix = link.transport as? UnixSocketTransport { unlink(unix.path) }
                process = try WorkerProcess.spawn(
                    executable: settings.executable, arguments: workerArguments(link), environment: workerEnvironment)
            } catch {
                logger.error("Could not start worker", metadata: [
                    "worker.id": .string(link.workerID), "error": .string(String(describing: error)),
                ])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, settings.maximumBackoff)
                continue
            }
            let pid = process.pid
            link.processStarted(process)
            // Retired while it was being spawned: it gets no connection, so it is told to stop here.
            if link.isShuttingDown { process.signal(SIGTERM) }
            logger.info("Worker started", metadata: [
                "worker.id": .string(link.workerID), "pid": .stringConvertible(pid),
            ])

            let exited = Task { await process.waitForExit() }
            let connectTask = Task { await self.connect(link, process: process) }
            let status = await exited.value
            connectTask.cancel()
            await connectTask.value

            let restart = !isStopping && !link.isShuttingDown
            link.processExited(status: status, willRestart: restart)
            guard restart else {
                logger.info("Worker stopped", metadata: [
                    "worker.id": .string(link.workerID), "exit.status": .stringConvertible(status),
                ])
                break
            }
            metrics?.workerRestarted(link.workerID)
            if ContinuousClock.now - started >= settings.stableAfter { backoff = settings.initialBackoff }
            logger.warning("Worker exited; restarting", metadata: [
                "worker.id": .string(link.workerID), "pid": .stringConvertible(pid),
                "exit.status": .stringConvertible(status), "backoff_ms": .stringConvertible(milliseconds(backoff)),
            ])
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, settings.maximumBackoff)
        }
        link.markStopped()
    }

    /// Connects to the new process, retrying while it binds its socket, and waits for its hello. A process that
    /// neither connects nor says hello within the start timeout is killed (and restarted).
    private func connect(_ link: WorkerLink, process: WorkerProcessHandle) async {
        let pid = process.pid
        let deadline = ContinuousClock.now + settings.startTimeout
        var delay: Duration = .milliseconds(10)
        while !Task.isCancelled {
            guard ContinuousClock.now < deadline else {
                logger.error("Worker did not start in time; killing it", metadata: [
                    "worker.id": .string(link.workerID),
                ])
                process.signal(SIGKILL)
                return
            }
            let hello: HelloWaiter
            let channel: any Channel
            do {
                (hello, channel) = try await HelloWaiter.connect(
                    link, group: group, logger: logger, onFrame: onFrame)
            } catch {
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .milliseconds(200))
                continue
            }
            guard let (message, connection) = await hello.wait(timeout: deadline - ContinuousClock.now) else {
                logger.error("Worker connected but said no hello; killing it", metadata: [
                    "worker.id": .string(link.workerID),
                ])
                try? await channel.close()
                process.signal(SIGKILL)
                return
            }
            guard message.protocolVersion == FrameFormat.protocolVersion, message.workerID == link.workerID,
                message.pid == pid
            else {
                logger.error("Worker's hello does not match; killing it", metadata: [
                    "worker.id": .string(link.workerID), "hello.worker.id": .string(message.workerID),
                    "hello.pid": .stringConvertible(message.pid),
                    "hello.protocol": .stringConvertible(message.protocolVersion),
                ])
                connection.close()
                process.signal(SIGKILL)
                return
            }
            connection.closeFuture.whenComplete { _ in link.connectionClosed(connection) }
            if link.becameReady(connection, hello: message) {
                logger.info("Worker ready", metadata: [
                    "worker.id": .string(link.workerID), "pid": .stringConvertible(pid),
                ])
            } else {
                connection.close()
            }
            return
        }
    }

    private func milliseconds(_ duration: Duration) -> Int64 {
        FrameConnection.nanoseconds(duration) / 1_000_000
    }
}

/// Waits for the first frame of a new connection, the worker's hello (local and remote workers alike).
final class HelloWaiter: Sendable {
    /// Connects to `link`'s worker with a pipeline whose first hello goes to the returned waiter and every other
    /// frame to `onFrame`.
    static func connect(
        _ link: WorkerLink, group: any EventLoopGroup, logger: Logger,
        onFrame: @escaping @Sendable (ClusterFrame, FrameConnection, WorkerLink) -> Void
    ) async throws -> (HelloWaiter, any Channel) {
        let hello = HelloWaiter()
        let channel = try await link.transport.connect(group: group) { channel in
            let connection = try FrameConnection.install(on: channel, logger: logger) { frame, connection in
                guard case .hello(let message) = frame.message, hello.isWaiting else {
                    onFrame(frame, connection, link)
                    return
                }
                hello.received(message, on: connection)
            }
            hello.connected(connection)
        }
        return (hello, channel)
    }

    private struct State {
        var connection: FrameConnection?
        var hello: (WorkerHello, FrameConnection)?
        var continuation: CheckedContinuation<(WorkerHello, FrameConnection)?, Never>?
        var done = false
    }

    private let state = Mutex(State())

    var isWaiting: Bool { state.withLock { !$0.done } }

    func connected(_ connection: FrameConnection) {
        state.withLock { $0.connection = connection }
        connection.closeFuture.whenComplete { _ in self.finish(nil) }
    }

    func received(_ hello: WorkerHello, on connection: FrameConnection) {
        finish((hello, connection))
    }

    func wait(timeout: Duration) async -> (WorkerHello, FrameConnection)? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> (WorkerHello, FrameConnection)?? in
                if state.done { return .some(state.hello) }
                state.continuation = continuation
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
            Task {
                try? await Task.sleep(for: timeout)
                self.finish(nil)
            }
        }
    }

    private func finish(_ result: (WorkerHello, FrameConnection)?) {
        let continuation = state.withLock { state -> CheckedContinuation<(WorkerHello, FrameConnection)?, Never>? in
            guard !state.done else { return nil }
            state.done = true
            state.hello = result
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: result)
    }
}
