import Synchronization

/// Whatever runs statements: the pool (any connection), a lent connection, a transaction. Code that only sends
/// statements can take a `some PostgresQueryable` and run inside or outside a transaction alike.
public protocol PostgresQueryable: Sendable {
    /// Sends one statement; `$1`, `$2`… in `sql` take `parameters` in order (nil is NULL).
    func query(_ sql: String, _ parameters: [PostgresValue?]) async throws -> PostgresRows
}

extension PostgresQueryable {
    public func query(_ sql: String) async throws -> PostgresRows {
        try await query(sql, [])
    }
}

/// A connection lent by `PostgresPool.withConnection`, valid until that closure returns.
public struct PostgresConnection: PostgresQueryable {
    let lease: ConnectionLease

    public func query(_ sql: String, _ parameters: [PostgresValue?]) async throws -> PostgresRows {
        try await lease.query(sql, parameters, validity: nil)
    }

    /// Sends a script of statements separated by semicolons, without parameters (schema changes, migrations).
    public func executeScript(_ sql: String) async throws {
        try await lease.executeScript(sql, validity: nil)
    }

    /// BEGIN … COMMIT on this connection, as `PostgresPool.transaction` does.
    public func transaction<T>(
        tenantID: String? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        try await lease.transaction(tenantID: tenantID, body)
    }

    /// The server process serving this connection (`pg_backend_pid()`), for diagnostics and tests.
    public func backendPID() async throws -> Int {
        try await query("SELECT pg_backend_pid() AS pid")[0].int("pid")
    }
}

/// The handle a transaction's closure receives, valid until that closure returns.
public struct PostgresTransaction: PostgresQueryable {
    let lease: ConnectionLease
    let validity: Validity
    /// The tenant set with `set_config('app.tenant_id', …)` for this transaction, if any.
    public let tenantID: String?

    public func query(_ sql: String, _ parameters: [PostgresValue?]) async throws -> PostgresRows {
        try await lease.query(sql, parameters, validity: validity)
    }

    /// Sends a script of statements separated by semicolons, without parameters (schema changes, migrations).
    public func executeScript(_ sql: String) async throws {
        try await lease.executeScript(sql, validity: validity)
    }
}

/// A flag that a handle checks before each statement, so that a handle kept beyond its closure cannot send
/// statements on a connection that is by then someone else's (or outside its transaction).
final class Validity: Sendable {
    private let valid = Atomic<Bool>(true)

    /// Marks the handle spent; true the first time only.
    func end() -> Bool { valid.exchange(false, ordering: .acquiringAndReleasing) }

    func check(_ what: String) throws(PostgresError) {
        guard valid.load(ordering: .acquiring) else {
            throw PostgresError(kind: .misuse, message: "\(what) was used after its closure returned")
        }
    }
}

/// One loan of a pooled connection: the statements of `PostgresConnection` and `PostgresTransaction` go through it,
/// counted, and it refuses them once the loan is over.
final class ConnectionLease: Sendable {
    let pool: PostgresPool
    let connection: LibPQConnection
    private let validity = Validity()

    init(pool: PostgresPool, connection: LibPQConnection) {
        self.pool = pool
        self.connection = connection
    }

    /// Ends the loan; true the first time only.
    func end() -> Bool { validity.end() }

    func query(
        _ sql: String, _ parameters: [PostgresValue?], validity handle: Validity?, cancellable: Bool = true
    ) async throws -> PostgresRows {
        try validity.check("a PostgreSQL connection")
        try handle?.check("a PostgreSQL transaction")
        if cancellable { try Task.checkCancellation() }
        var encoded: [EncodedParameter?] = []
        encoded.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            encoded.append(try parameter?.encoded(position: index + 1))
        }
        pool.countStatement()
        return PostgresRows(storage: try await connection.execute(sql, encoded, cancellable: cancellable))
    }

    func executeScript(_ sql: String, validity handle: Validity?) async throws {
        try validity.check("a PostgreSQL connection")
        try handle?.check("a PostgreSQL transaction")
        try Task.checkCancellation()
        pool.countStatement()
        _ = try await connection.executeScript(sql)
    }

    func transaction<T>(
        tenantID: String?,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        try Task.checkCancellation()
        // BEGIN, COMMIT and ROLLBACK are not cancellable: a cancel request must not land on the rollback that
        // cleans up after a cancelled body.
        _ = try await query("BEGIN", [], validity: nil, cancellable: false)
        let transaction = PostgresTransaction(lease: self, validity: Validity(), tenantID: tenantID)
        var committing = false
        do {
            if let tenantID {
                _ = try await query(
                    "SELECT set_config('app.tenant_id', $1, true)", [.text(tenantID)], validity: nil)
            }
            let result = try await body(transaction)
            _ = transaction.validity.end()
            committing = true
            let commit = try await query("COMMIT", [], validity: nil, cancellable: false)
            // COMMIT of a transaction in which a statement failed (and the body went on) rolls back instead.
            if commit.commandTag == "ROLLBACK" {
                throw PostgresError(
                    kind: .transactionAborted,
                    message: "a statement failed inside the transaction, so COMMIT rolled it back")
            }
            return result
        } catch {
            _ = transaction.validity.end()
            if !committing {
                _ = try? await query("ROLLBACK", [], validity: nil, cancellable: false)
            }
            throw error
        }
    }
}
