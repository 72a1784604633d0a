import Synchronization

/// A bounded pool of PostgreSQL connections.
///
/// Connections open on demand up to `configuration.poolSize`; beyond that callers wait in line (first come, first
/// served) for at most `configuration.acquireTimeout`, then fail with `.poolTimeout`. A connection the server closed
/// is reconnected before its next use, and a transaction left open by a caller is rolled back before the next one.
/// Every statement runs on the connection's own thread: awaiting a query never blocks the cooperative pool.
public final class PostgresPool: PostgresQueryable, Sendable {
    public let configuration: PostgresConfiguration

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<LibPQConnection, any Error>
    }

    private struct State {
        var idle: [LibPQConnection] = []
        /// Connections that exist or are being opened (idle or lent out).
        var open = 0
        var waiters: [Waiter] = []
        /// Callers between the decision to wait and their return from `waitInLine`.
        var waiting: Set<Int> = []
        /// Waiters whose timeout or cancellation came before they were in line.
        var abandoned: [Int: any Error] = [:]
        var closed = false
    }

    private let state = Mutex(State())
    private let statements = Atomic<Int>(0)
    private let ids = Atomic<Int>(0)

    public init(configuration: PostgresConfiguration) {
        self.configuration = configuration
    }

    /// `PostgresPool(configuration: PostgresConfiguration(url))`.
    public convenience init(url: String) throws(PostgresError) {
        self.init(configuration: try PostgresConfiguration(url))
    }

    deinit {
        let idle = state.withLock { state in
            defer { state.idle = [] }
            return state.idle
        }
        idle.forEach { $0.close() }
    }

    /// Statements sent through this pool since it was created.
    public var statementCount: Int { statements.load(ordering: .relaxed) }

    /// Connections open now (idle or in use).
    public var openConnectionCount: Int { state.withLock { $0.open } }

    // MARK: Running statements

    /// Runs one statement on any connection, outside an explicit transaction.
    public func query(_ sql: String, _ parameters: [PostgresValue?]) async throws -> PostgresRows {
        try await withConnection { try await $0.query(sql, parameters) }
    }

    /// Lends a connection to `body` for several statements in one session; it returns to the pool afterwards.
    public func withConnection<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let lease = try await checkOut()
        defer { checkIn(lease) }
        return try await body(PostgresConnection(lease: lease))
    }

    /// Runs `body` inside BEGIN … COMMIT on one connection; an error thrown by `body` (or by COMMIT) rolls it
    /// back and is rethrown. With a `tenantID`, `app.tenant_id` is set for this transaction only (row-level
    /// security policies read it with `current_setting('app.tenant_id')`).
    public func transaction<T>(
        tenantID: String? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        let lease = try await checkOut()
        defer { checkIn(lease) }
        return try await lease.transaction(tenantID: tenantID, body)
    }

    /// `transaction(tenantID:)`: a transaction in which row-level security sees `tenantID`.
    public func withTenant<T>(
        _ tenantID: String,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        try await transaction(tenantID: tenantID, body)
    }

    /// Fails the callers in line, closes idle connections, and closes the others as they come back.
    public func close() {
        let (idle, waiters) = state.withLock { state in
            state.closed = true
            defer {
                state.open -= state.idle.count
                state.idle = []
                state.waiters = []
            }
            return (state.idle, state.waiters)
        }
        idle.forEach { $0.close() }
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError(kind: .poolClosed, message: "the pool is closed"))
        }
    }

    func countStatement() {
        statements.add(1, ordering: .relaxed)
        PostgresStatementCounter.countStatement()
    }

    // MARK: Lending connections

    private enum Decision {
        case use(LibPQConnection)
        case open(id: Int)
        case wait
        case fail(PostgresError)
    }

    private func checkOut() async throws -> ConnectionLease {
        try Task.checkCancellation()
        let decision = state.withLock { decide(&$0) }
        let connection: LibPQConnection
        switch decision {
        case .use(let idle):
            idle.scheduleHealthCheck()
            connection = idle
        case .open(let id):
            connection = try await openConnection(id: id)
        case .wait:
            connection = try await waitInLine()
        case .fail(let error):
            throw error
        }
        return ConnectionLease(pool: self, connection: connection)
    }

    private func decide(_ state: inout State) -> Decision {
        if state.closed { return .fail(PostgresError(kind: .poolClosed, message: "the pool is closed")) }
        if let idle = state.idle.popLast() { return .use(idle) }
        if state.open < max(1, configuration.poolSize) {
            state.open += 1
            return .open(id: ids.add(1, ordering: .relaxed).newValue)
        }
        return .wait
    }

    private func openConnection(id: Int) async throws -> LibPQConnection {
        let connection = LibPQConnection(id: id, configuration: configuration)
        do {
            try await connection.open()
            return connection
        } catch {
            connection.close()
            slotFreed()
            throw error
        }
    }

    /// A connection slot came free without a connection to hand over: open one for the first caller in line.
    private func slotFreed() {
        let next = state.withLock { state -> (Waiter, Int)? in
            guard !state.waiters.isEmpty else {
                state.open -= 1
                return nil
            }
            return (state.waiters.removeFirst(), ids.add(1, ordering: .relaxed).newValue)
        }
        guard let (waiter, id) = next else { return }
        Task {
            do {
                waiter.continuation.resume(returning: try await self.openConnection(id: id))
            } catch {
                waiter.continuation.resume(throwing: error)
            }
        }
    }

    private func waitInLine() async throws -> LibPQConnection {
        let id = ids.add(1, ordering: .relaxed).newValue
        state.withLock { _ = $0.waiting.insert(id) }
        let timeout = configuration.acquireTimeout
        let poolSize = configuration.poolSize
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            self?.abandon(
                waiter: id,
                with: PostgresError(
                    kind: .poolTimeout,
                    message: "no PostgreSQL connection came free within \(timeout) (pool size \(poolSize))"))
        }
        defer {
            timer.cancel()
            state.withLock { state in
                state.waiting.remove(id)
                state.abandoned.removeValue(forKey: id)
            }
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                enum Outcome {
                    case queued
                    case resume(Result<LibPQConnection, any Error>)
                    case open(Int)
                }
                let outcome = state.withLock { state -> Outcome in
                    if let error = state.abandoned.removeValue(forKey: id) { return .resume(.failure(error)) }
                    // Things may have changed since the decision to wait.
                    switch decide(&state) {
                    case .use(let idle): return .resume(.success(idle))
                    case .open(let newID): return .open(newID)
                    case .fail(let error): return .resume(.failure(error))
                    case .wait:
                        state.waiters.append(Waiter(id: id, continuation: continuation))
                        return .queued
                    }
                }
                switch outcome {
                case .queued:
                    break
                case .resume(let result):
                    if case .success(let idle) = result { idle.scheduleHealthCheck() }
                    continuation.resume(with: result)
                case .open(let newID):
                    Task {
                        do {
                            continuation.resume(returning: try await self.openConnection(id: newID))
                        } catch {
                            continuation.resume(throwing: error)
                        }
                    }
                }
            }
        } onCancel: {
            self.abandon(waiter: id, with: CancellationError())
        }
    }

    /// Takes a caller out of line with `error` (timeout, cancellation); remembers it if it is not in line yet, and
    /// ignores it once the caller was served.
    private func abandon(waiter id: Int, with error: any Error) {
        let waiter = state.withLock { state -> Waiter? in
            if let index = state.waiters.firstIndex(where: { $0.id == id }) {
                return state.waiters.remove(at: index)
            }
            if state.waiting.contains(id) { state.abandoned[id] = error }
            return nil
        }
        waiter?.continuation.resume(throwing: error)
    }

    fileprivate func checkIn(_ lease: ConnectionLease) {
        guard lease.end() else { return }
        let connection = lease.connection
        connection.scheduleCleanUp()
        enum Next {
            case idle
            case handOver(Waiter)
            case close
        }
        let next = state.withLock { state -> Next in
            if state.closed {
                state.open -= 1
                return .close
            }
            if !state.waiters.isEmpty { return .handOver(state.waiters.removeFirst()) }
            state.idle.append(connection)
            return .idle
        }
        switch next {
        case .idle:
            break
        case .handOver(let waiter):
            connection.scheduleHealthCheck()
            waiter.continuation.resume(returning: connection)
        case .close:
            connection.close()
        }
    }
}
