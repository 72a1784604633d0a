import SwitchboardPostgres

/// The shard map in PostgreSQL (`cluster_workers`, `cluster_pins`; see the migration in SwitchboardConnectors):
/// shared by every router on the database, read at start and again at intervals.
public struct ShardMapStore: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Whether `id` may name a worker (the table's check: 1 to 64 of letters, digits, `_`, `.`, `-`).
    public static func isValidWorkerID(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard (1...64).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// The active workers and every pin.
    public func load() async throws -> ShardMap {
        let (workers, pins) = try await pool.transaction { transaction in
            let workers = try await transaction.query("SELECT id FROM cluster_workers WHERE active ORDER BY id")
                .map { try $0.string("id") }
            var pins: [String: String] = [:]
            for row in try await transaction.query("SELECT tenant_id, worker_id FROM cluster_pins") {
                pins[try row.string("tenant_id")] = try row.string("worker_id")
            }
            return (workers, pins)
        }
        return ShardMap(workers: workers, pins: pins)
    }

    /// Makes `ids` the active worker set: new ids are added, the others marked inactive (their pins stay, and
    /// apply again if they come back).
    public func setActiveWorkers(_ ids: [String]) async throws {
        try await pool.transaction { transaction in try await Self.setActiveWorkers(ids, in: transaction) }
    }

    private static func setActiveWorkers(_ ids: [String], in transaction: PostgresTransaction) async throws {
        _ = try await transaction.query(
            """
            INSERT INTO cluster_workers (id, active) SELECT unnest($1::text[]), true
            ON CONFLICT (id) DO UPDATE SET active = true, updated_at = now() WHERE NOT cluster_workers.active
            """, [.textArray(ids)])
        _ = try await transaction.query(
            "UPDATE cluster_workers SET active = false, updated_at = now() WHERE active AND id <> ALL($1::text[])",
            [.textArray(ids)])
    }

    /// The ids of a cluster of `count` workers: `w1` … `wN`, the same in every router.
    public static func workerIDs(count: Int) -> [String] {
        count < 1 ? [] : (1...count).map { "w\($0)" }
    }

    /// The worker count stored in `cluster_settings`, which every router on the database follows; nil before the
    /// first router starts.
    public func workerCount() async throws -> Int? {
        try await pool.query("SELECT worker_count FROM cluster_settings").first.map { try $0.int("worker_count") }
    }

    /// Stores a new worker count and makes `w1` … `wN` the active worker set, in one transaction. Every router on
    /// the database follows it: the last count set (by `setWorkerCount`, or a router starting with `--workers N`)
    /// wins, and no router keeps a worker set of its own against it.
    public func setWorkerCount(_ count: Int) async throws {
        try await pool.transaction { transaction in
            _ = try await transaction.query(
                """
                INSERT INTO cluster_settings (worker_count) VALUES ($1)
                ON CONFLICT (singleton) DO UPDATE SET worker_count = EXCLUDED.worker_count, updated_at = now()
                """, [.int(count)])
            try await Self.setActiveWorkers(Self.workerIDs(count: count), in: transaction)
        }
    }

    /// Places `tenantID` on `workerID` whatever the hash says (the worker must be known to the table).
    public func pin(tenantID: String, to workerID: String) async throws {
        _ = try await pool.query(
            """
            INSERT INTO cluster_pins (tenant_id, worker_id) VALUES ($1, $2)
            ON CONFLICT (tenant_id) DO UPDATE SET worker_id = EXCLUDED.worker_id, created_at = now()
            """, [.text(tenantID), .text(workerID)])
    }

    /// Gives `tenantID` back to the hash. True when it had a pin.
    public func unpin(tenantID: String) async throws -> Bool {
        try await pool.query("DELETE FROM cluster_pins WHERE tenant_id = $1", [.text(tenantID)]).affectedRows > 0
    }
}
