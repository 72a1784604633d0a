import Foundation
import Synchronization

/// The router's view of one worker slot (`w1`…): its current process, its connection once the worker said hello,
/// the tenants whose keys it was granted, and the requests that wait for it to be ready.
///
/// The supervisor moves a slot through its phases; request forwarding only reads it (`readyConnection`).
public final class WorkerLink: Sendable {
    public let workerID: String
    public let transport: any ClusterTransport
    private let state = Mutex(LinkState())

    public enum Phase: String, Sendable {
        /// A process is starting, or the router is connecting to it.
        case starting
        /// Connected, hello received: requests go through.
        case ready
        /// The process died or its connection closed; a new one will start after a backoff.
        case down
        /// The router is shutting down: draining this worker.
        case draining
        /// Stopped for good.
        case stopped
    }

    private struct LinkState {
        var phase = Phase.starting
        var connection: FrameConnection?
        var hello: WorkerHello?
        var process: WorkerProcessHandle?
        var restarts = 0
        var lastExitStatus: Int32?
        var grantedTenants = Set<String>()
        var waiters: [Int: CheckedContinuation<FrameConnection?, Never>] = [:]
        var nextWaiter = 0
    }

    init(workerID: String, transport: any ClusterTransport) {
        self.workerID = workerID
        self.transport = transport
    }

    public var phase: Phase { state.withLock { $0.phase } }
    /// The process the router spawned, else (a remote worker) the pid its hello gave.
    public var pid: Int32? { state.withLock { $0.process?.pid ?? $0.hello?.pid } }
    var process: WorkerProcessHandle? { state.withLock { $0.process } }
    public var restarts: Int { state.withLock { $0.restarts } }
    public var lastExitStatus: Int32? { state.withLock { $0.lastExitStatus } }
    var connection: FrameConnection? { state.withLock { $0.phase == .ready ? $0.connection : nil } }
    var sessionPublicKey: [UInt8]? { state.withLock { $0.hello?.sessionPublicKey } }

    /// The connection once the worker is ready, waiting up to `timeout` for it (a worker that is restarting comes
    /// back within a second or so). Nil if it is not ready by then, or stops.
    func readyConnection(within timeout: Duration) async -> FrameConnection? {
        enum Outcome {
            case ready(FrameConnection)
            case gone
            case wait(Int)
        }
        let outcome = state.withLock { state -> Outcome in
            switch state.phase {
            case .ready:
                // A connection that just closed is still here until its close is processed: wait for the next.
                if let connection = state.connection, !connection.isClosed { return .ready(connection) }
                defer { state.nextWaiter += 1 }
                return .wait(state.nextWaiter)
            case .draining, .stopped: return .gone
            case .starting, .down:
                defer { state.nextWaiter += 1 }
                return .wait(state.nextWaiter)
            }
        }
        switch outcome {
        case .ready(let connection): return connection
        case .gone: return nil
        case .wait(let ticket):
            return await withCheckedContinuation { continuation in
                state.withLock { $0.waiters[ticket] = continuation }
                Task {
                    try? await Task.sleep(for: timeout)
                    self.resumeWaiter(ticket, with: nil)
                }
            }
        }
    }

    private func resumeWaiter(_ ticket: Int, with connection: FrameConnection?) {
        state.withLock { $0.waiters.removeValue(forKey: ticket) }?.resume(returning: connection)
    }

    private func resumeAllWaiters(with connection: FrameConnection?) {
        let waiters = state.withLock { state -> [CheckedContinuation<FrameConnection?, Never>] in
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: connection) }
    }

    // MARK: Supervision

    /// A new process started for this slot (nil: one the router did not spawn, as in tests).
    func processStarted(_ process: WorkerProcessHandle?) {
        state.withLock { state in
            state.process = process
            if state.phase != .draining && state.phase != .stopped { state.phase = .starting }
        }
    }

    /// The worker said hello on `connection`: requests may go through.
    func becameReady(_ connection: FrameConnection, hello: WorkerHello) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard state.phase == .starting else { return false }
            state.phase = .ready
            state.connection = connection
            state.hello = hello
            state.grantedTenants = []
            return true
        }
        if accepted { resumeAllWaiters(with: connection) }
        return accepted
    }

    /// The connection ended (the process is dying, or already dead).
    func connectionClosed(_ connection: FrameConnection) {
        state.withLock { state in
            guard state.connection === connection else { return }
            state.connection = nil
            state.hello = nil
            state.grantedTenants = []
            if state.phase == .ready { state.phase = .down }
        }
    }

    func processExited(status: Int32, willRestart: Bool) {
        state.withLock { state in
            state.process = nil
            state.lastExitStatus = status
            state.connection = nil
            state.hello = nil
            state.grantedTenants = []
            if willRestart {
                state.phase = .down
                state.restarts += 1
            }
        }
    }

    /// Begins the shutdown: nothing new is sent; returns the connection to drain, if there is one.
    func beginDraining() -> FrameConnection? {
        let connection = state.withLock { state -> FrameConnection? in
            let connection = state.phase == .ready ? state.connection : nil
            state.phase = .draining
            return connection
        }
        resumeAllWaiters(with: nil)
        return connection
    }

    /// A remote worker's connection was lost and the router will connect again: counted as a restart.
    func reconnecting() {
        state.withLock { state in
            guard state.phase != .draining && state.phase != .stopped else { return }
            state.restarts += 1
        }
    }

    func markStopped() {
        state.withLock { $0.phase = .stopped }
        resumeAllWaiters(with: nil)
    }

    var isShuttingDown: Bool { state.withLock { $0.phase == .draining || $0.phase == .stopped } }

    // MARK: Keys

    /// Records that the worker was granted a key of `tenantID` (so that it is told when to drop it).
    func recordGrant(tenantID: String, on connection: FrameConnection) {
        state.withLock { state in
            guard state.connection === connection else { return }
            state.grantedTenants.insert(tenantID)
        }
    }

    /// Tells the worker to drop a tenant's keys, if it was granted any; true when it was told.
    @discardableResult
    func revoke(tenantID: String, keptVersion: Int?) -> Bool {
        let connection = state.withLock { state -> FrameConnection? in
            guard state.grantedTenants.contains(tenantID) else { return nil }
            if keptVersion == nil { state.grantedTenants.remove(tenantID) }
            return state.connection
        }
        guard let connection else { return false }
        connection.send(.keyRevoke(KeyRevoke(tenantID: tenantID, keptVersion: keptVersion)))
        return true
    }

    /// The tenants whose keys it was granted on its current connection.
    var grantedTenants: Set<String> { state.withLock { $0.grantedTenants } }
}
