import CLibPQ
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection (`PGconn*`) and the thread that drives it.
///
/// Thread safety: the `PGconn*` is touched only by jobs running on `thread`, which runs one job at a time, so the
/// connection needs no lock of its own (libpq is thread-safe as long as one `PGconn` is not used by two threads at
/// once). The only state other threads reach is the cancel handle, behind `cancelState`'s mutex. Callers receive
/// copies (`ResultStorage`) and never a libpq pointer.
final class LibPQConnection: @unchecked Sendable {
    let id: Int
    private let thread: BlockingThread
    private let parameters: [PostgresConfiguration.Parameter]
    private let secrets: [String]
    /// Only read or written on `thread`.
    private var connection: OpaquePointer?

    /// What a cancel request needs: libpq's cancel handle (thread-safe to use) and which operation runs now.
    private struct CancelState {
        var handle: CancelHandle?
        var runningOperation: Int?
        /// An operation cancelled while still queued behind others: it is not sent at all.
        var cancelledBeforeStart: Int?
    }

    /// libpq's `PGcancel*`: made for use from another thread than the connection's (PQcancel is thread-safe);
    /// it is created, used and freed only under `cancelState`'s lock.
    private struct CancelHandle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private let cancelState = Mutex(CancelState())
    private static let operationIDs = Atomic<Int>(0)

    init(id: Int, configuration: PostgresConfiguration) {
        self.id = id
        self.thread = BlockingThread(name: "postgres-connection-\(id)")
        self.parameters = configuration.connectionParameters()
        self.secrets = configuration.secrets
    }

    // MARK: Operations for awaiting callers

    /// Opens the connection (blocking in libpq, on the connection's thread).
    func open() async throws {
        try await thread.run { try self.connectBlocking() }
    }

    /// Sends one statement with its parameters (PQexecParams). When the awaiting task is cancelled while the
    /// statement runs, a cancel request goes to the server (when `cancellable`), which fails it with 57014.
    func execute(_ sql: String, _ parameters: [EncodedParameter?], cancellable: Bool = true) async throws
        -> ResultStorage
    {
        let operation = Self.operationIDs.add(1, ordering: .relaxed).newValue
        let run = { try await self.thread.run { try self.executeBlocking(sql, parameters, operation: operation) } }
        guard cancellable else { return try await run() }
        return try await withTaskCancellationHandler(operation: run) {
            self.requestCancel(of: operation)
        }
    }

    /// Sends a script of one or more statements without parameters (PQexec), as migrations need.
    func executeScript(_ sql: String) async throws -> ResultStorage {
        let operation = Self.operationIDs.add(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await thread.run { try self.executeScriptBlocking(sql, operation: operation) }
        } onCancel: {
            self.requestCancel(of: operation)
        }
    }

    /// Queues, ahead of the next user's statements, a check that the connection still works; a connection the
    /// server closed (restart, `pg_terminate_backend`, network) is reconnected in place.
    func scheduleHealthCheck() {
        thread.submit { self.reconnectIfBrokenBlocking() }
    }

    /// Queues, after the last user's statements, a rollback of any transaction left open.
    func scheduleCleanUp() {
        thread.submit { self.rollBackLeftoverTransactionBlocking() }
    }

    /// Closes the connection and ends its thread, after the jobs already queued.
    func close() {
        thread.submit { self.finishBlocking() }
        thread.stop()
    }

    // MARK: Blocking work, on `thread` only

    private func connectBlocking() throws(PostgresError) {
        finishBlocking()
        let keywords = parameters.map { strdup($0.keyword) }
        let values = parameters.map { strdup($0.value) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordPointers = keywords.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        let conn = PQconnectdbParams(keywordPointers, valuePointers, 0)
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let message = conn.map { errorMessage(of: $0) } ?? "out of memory"
            if let conn { PQfinish(conn) }
            throw PostgresError(kind: .connection, message: "could not connect to PostgreSQL: \(message)")
        }
        // Notices (and the server's goodbye on an idle connection) would otherwise go to stderr.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        connection = conn
        replaceCancelHandle()
    }

    private func executeBlocking(_ sql: String, _ parameters: [EncodedParameter?], operation: Int) throws
        -> ResultStorage
    {
        let conn = try openConnection()
        let count = parameters.count
        var types = [Oid](repeating: 0, count: count)
        var lengths = [Int32](repeating: 0, count: count)
        var formats = [Int32](repeating: 0, count: count)
        var values = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        defer { values.forEach { $0?.deallocate() } }
        for (index, parameter) in parameters.enumerated() {
            guard let parameter else { continue }
            types[index] = parameter.type
            formats[index] = parameter.format
            lengths[index] = Int32(parameter.bytes.count)
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, parameter.bytes.count))
            parameter.bytes.withUnsafeBufferPointer { bytes in
                if let base = bytes.baseAddress {
                    UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: bytes.count)
                }
            }
            values[index] = buffer
        }
        let constValues = values.map { UnsafePointer($0) }
        try start(operation)
        let result = PQexecParams(conn, sql, Int32(count), types, constValues, lengths, formats, 0)
        setRunning(nil)
        defer { PQclear(result) }
        return try read(result, of: conn, redacting: parameters.compactMap { $0?.textForRedaction })
    }

    private func executeScriptBlocking(_ sql: String, operation: Int) throws -> ResultStorage {
        let conn = try openConnection()
        try start(operation)
        let result = PQexec(conn, sql)
        setRunning(nil)
        defer { PQclear(result) }
        return try read(result, of: conn, redacting: [])
    }

    /// The live connection. A lost one is not reconnected here, in the middle of a loan: the statements after it
    /// would run outside the transaction they belong to. The health check at the next checkout reconnects it.
    private func openConnection() throws(PostgresError) -> OpaquePointer {
        guard let connection else { throw PostgresError(kind: .connection, message: "the connection is closed") }
        guard PQstatus(connection) == CONNECTION_OK else {
            throw PostgresError(kind: .connection, message: "the connection to PostgreSQL was lost")
        }
        return connection
    }

    private func reconnectIfBrokenBlocking() {
        guard let conn = connection else { return }
        if isAlive(conn) { return }
        PQreset(conn)
        if PQstatus(conn) == CONNECTION_OK { replaceCancelHandle() }
    }

    /// An idle connection has nothing to read: readable data is a notice, or the server closing it. Reads what
    /// is there (without blocking) and reports whether the connection survived it.
    private func isAlive(_ conn: OpaquePointer) -> Bool {
        guard PQstatus(conn) == CONNECTION_OK else { return false }
        var descriptor = pollfd(fd: PQsocket(conn), events: Int16(POLLIN), revents: 0)
        var rounds = 0
        while rounds < 8, poll(&descriptor, 1, 0) > 0 {
            rounds += 1
            if PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK { return false }
            while let notification = PQnotifies(conn) { PQfreemem(notification) }
        }
        return PQstatus(conn) == CONNECTION_OK
    }

    private func rollBackLeftoverTransactionBlocking() {
        guard let conn = connection, PQstatus(conn) == CONNECTION_OK else { return }
        switch PQtransactionStatus(conn) {
        case PQTRANS_IDLE:
            return
        case PQTRANS_INTRANS, PQTRANS_INERROR:
            PQclear(PQexec(conn, "ROLLBACK"))
            if PQtransactionStatus(conn) == PQTRANS_IDLE { return }
        default:
            break
        }
        // Mid-statement, COPY, or a ROLLBACK that failed: a new session is the only clean state.
        PQreset(conn)
        if PQstatus(conn) == CONNECTION_OK { replaceCancelHandle() }
    }

    private func finishBlocking() {
        cancelState.withLock { state in
            if let handle = state.handle { PQfreeCancel(handle.pointer) }
            state.handle = nil
        }
        if let connection { PQfinish(connection) }
        connection = nil
    }

    // MARK: Results and errors

    private func read(_ result: OpaquePointer?, of conn: OpaquePointer, redacting parameters: [String]) throws
        -> ResultStorage
    {
        guard let result else {
            throw PostgresError(kind: .connection, message: errorMessage(of: conn))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return copy(result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            // Leave COPY mode by starting a new session once this statement's caller is done.
            thread.submit { self.rollBackLeftoverTransactionBlocking() }
            throw PostgresError(kind: .misuse, message: "COPY is not supported by this client")
        default:
            throw serverError(result, of: conn, redacting: parameters)
        }
    }

    private func copy(_ result: OpaquePointer) -> ResultStorage {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var names: [String] = []
        var types: [UInt32] = []
        for column in 0..<columnCount {
            names.append(String(cString: PQfname(result, Int32(column))))
            types.append(PQftype(result, Int32(column)))
        }
        var cells: [String?] = []
        cells.reserveCapacity(rowCount * columnCount)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) != 0 {
                    cells.append(nil)
                } else {
                    let length = Int(PQgetlength(result, Int32(row), Int32(column)))
                    let value = PQgetvalue(result, Int32(row), Int32(column))
                    let bytes = UnsafeRawBufferPointer(start: value, count: length)
                    cells.append(String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        let tag = String(cString: PQcmdStatus(result))
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return ResultStorage(
            columnNames: names, columnTypes: types, cells: cells, rowCount: rowCount, commandTag: tag,
            affectedRows: affected)
    }

    private func serverError(_ result: OpaquePointer, of conn: OpaquePointer, redacting parameters: [String])
        -> PostgresError
    {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        guard let sqlState = field("C") else {
            // No SQLSTATE: libpq itself failed (the connection broke, the server sent something unexpected).
            return PostgresError(kind: .connection, message: errorMessage(of: conn))
        }
        let message = PostgresError.redact(field("M") ?? "unknown error", parameters: parameters, secrets: secrets)
        let kind: PostgresError.Kind = PQstatus(conn) == CONNECTION_OK ? .server : .connection
        return PostgresError(
            kind: kind, message: message, sqlState: SQLState(sqlState), constraint: field("n"), table: field("t"),
            column: field("c"))
    }

    private func errorMessage(of conn: OpaquePointer) -> String {
        let raw = PQerrorMessage(conn).map { String(cString: $0) } ?? ""
        let trimmed = raw.trimmingSuffix(while: { $0 == "\n" || $0 == " " })
        return PostgresError.redact(trimmed.isEmpty ? "connection failed" : trimmed, secrets: secrets)
    }

    // MARK: Cancellation

    private func replaceCancelHandle() {
        guard let connection else { return }
        let handle = PQgetCancel(connection).map(CancelHandle.init)
        cancelState.withLock { state in
            if let old = state.handle { PQfreeCancel(old.pointer) }
            state.handle = handle
        }
    }

    /// Marks `operation` as the one running, unless it was cancelled while it waited.
    private func start(_ operation: Int) throws(CancellationError) {
        try cancelState.withLock { state throws(CancellationError) in
            if state.cancelledBeforeStart == operation {
                state.cancelledBeforeStart = nil
                throw CancellationError()
            }
            state.runningOperation = operation
        }
    }

    private func setRunning(_ operation: Int?) {
        cancelState.withLock { $0.runningOperation = operation }
    }

    /// Cancels `operation`: a queued one is dropped when its turn comes; a running one gets a cancel request to the
    /// server, which fails it with 57014. PQcancel opens a connection of its own and blocks, so it runs on a
    /// short-lived thread rather than in the cancelled task's context.
    private func requestCancel(of operation: Int) {
        let running = cancelState.withLock { state -> Bool in
            if state.runningOperation == operation { return true }
            state.cancelledBeforeStart = operation
            return false
        }
        guard running else { return }
        Thread.detachNewThread { [self] in
            cancelState.withLock { state in
                guard state.runningOperation == operation, let handle = state.handle else { return }
                var buffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(handle.pointer, &buffer, Int32(buffer.count))
            }
        }
    }
}
