import Synchronization
import SwitchboardPostgres

/// How many tenants each worker serves, by the shard map, for the `switchboard_worker_tenants` gauge.
///
/// Counted when the metrics are read, from every tenant id in the database (read as `switchboard_app` with the
/// row-level security bypass for this transaction only, as the admin's cross-tenant reads are), at most every
/// `maxAge` so that a scraper in a loop costs one query per interval, and at most `limit` tenants.
final class TenantCensus: Sendable {
    let pool: PostgresPool
    let maxAge: Duration
    let limit: Int
    private let last = Mutex<(at: ContinuousClock.Instant, tenantIDs: [String])?>(nil)

    init(pool: PostgresPool, maxAge: Duration = .seconds(5), limit: Int = 1_000_000) {
        self.pool = pool
        self.maxAge = maxAge
        self.limit = limit
    }

    /// The tenants per worker of `map`.
    func count(by map: ShardMap) async throws -> [String: Int] {
        Self.count(try await tenantIDs(), by: map)
    }

    static func count(_ tenantIDs: [String], by map: ShardMap) -> [String: Int] {
        var counts: [String: Int] = [:]
        for worker in map.workers { counts[worker] = 0 }
        for tenantID in tenantIDs {
            if let owner = map.owner(of: tenantID) { counts[owner, default: 0] += 1 }
        }
        return counts
    }

    private func tenantIDs() async throws -> [String] {
        let now = ContinuousClock.now
        if let cached = last.withLock({ $0 }), now - cached.at < maxAge { return cached.tenantIDs }
        let limit = self.limit
        let ids = try await pool.transaction { transaction in
            _ = try await transaction.query(
                "SELECT set_config('role', 'switchboard_app', true), set_config('app.bypass_rls', 'on', true)")
            return try await transaction.query("SELECT id FROM tenants ORDER BY id LIMIT $1", [.int(limit)])
                .map { try $0.string("id") }
        }
        last.withLock { $0 = (now, ids) }
        return ids
    }
}
