/// One step of the database schema: applied once, in version order, and recorded in `schema_migrations`.
public struct Migration: Sendable, Hashable {
    public let version: Int
    public let name: String
    /// One or more statements (a script); they run inside the migrating transaction.
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// A migration that failed or cannot be applied; the transaction was rolled back, so none of this run's migrations
/// remain applied.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    public let version: Int?
    public let message: String
    /// The error PostgreSQL reported, if it was PostgreSQL's.
    public let underlying: PostgresError?

    public var description: String {
        let what = version.map { "migration \($0)" } ?? "migrations"
        return "\(what): \(message)" + (underlying.map { " (\($0))" } ?? "")
    }
}

/// Applies versioned migrations at start.
///
/// All pending migrations run in one transaction that first takes `pg_advisory_xact_lock(lockKey)`: a second
/// process migrating the same database at the same time waits for the first, then finds everything applied. Each
/// applied migration is recorded in `schema_migrations(version, name, applied_at)`.
public struct Migrator: Sendable {
    /// The advisory lock key: "SWBDMIGR" in ASCII.
    public static let defaultLockKey = 0x5357_4244_4D49_4752

    public let migrations: [Migration]
    public let lockKey: Int

    public init(_ migrations: [Migration], lockKey: Int = Migrator.defaultLockKey) {
        self.migrations = migrations
        self.lockKey = lockKey
    }

    /// Applies the migrations not applied yet and returns them (empty when the schema is up to date).
    @discardableResult
    public func migrate(_ pool: PostgresPool) async throws -> [Migration] {
        try checkOrder()
        return try await pool.transaction { transaction in
            _ = try await transaction.query("SELECT pg_advisory_xact_lock($1)", [.int(lockKey)])
            _ = try await transaction.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version bigint PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let rows = try await transaction.query("SELECT version FROM schema_migrations")
            let applied = Set(try rows.map { try $0.int("version") })
            let pending = migrations.filter { !applied.contains($0.version) }
            if let first = pending.first, let newest = applied.max(), first.version < newest {
                throw MigrationError(
                    version: first.version,
                    message: "\(first.name) is not applied but the later migration \(newest) is; add new migrations"
                        + " after the last one", underlying: nil)
            }
            for migration in pending {
                do {
                    try await transaction.executeScript(migration.sql)
                } catch let error as PostgresError {
                    throw MigrationError(version: migration.version, message: "\(migration.name) failed", underlying: error)
                }
                _ = try await transaction.query(
                    "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                    [.int(migration.version), .text(migration.name)])
            }
            return pending
        }
    }

    private func checkOrder() throws(MigrationError) {
        var previous: Int?
        for migration in migrations {
            if let previous, migration.version <= previous {
                throw MigrationError(
                    version: migration.version,
                    message: "versions must increase (\(migration.version) follows \(previous))", underlying: nil)
            }
            previous = migration.version
        }
    }
}
