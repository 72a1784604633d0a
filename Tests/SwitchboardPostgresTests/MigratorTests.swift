import Foundation
import SwitchboardPostgres
import Testing

@Suite struct MigratorTests {
    static let migrations = [
        Migration(version: 1, name: "create_tenants", sql: "CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL)"),
        Migration(
            version: 2, name: "create_projects",
            sql: """
                CREATE TABLE projects (tenant_id uuid NOT NULL REFERENCES tenants, id uuid NOT NULL, name text,
                                       PRIMARY KEY (tenant_id, id));
                CREATE INDEX projects_name ON projects (tenant_id, name);
                """),
    ]

    @Test func appliesPendingMigrationsOnceAndInOrder() async throws {
        try await TestDatabase.withFreshDatabase { configuration in
            let pool = PostgresPool(configuration: configuration)
            defer { pool.close() }
            let first = try await Migrator(Self.migrations).migrate(pool)
            #expect(first.map(\.version) == [1, 2])
            let second = try await Migrator(Self.migrations).migrate(pool)
            #expect(second.isEmpty)

            let third = Migration(version: 5, name: "add_slug", sql: "ALTER TABLE projects ADD COLUMN slug text")
            let applied = try await Migrator(Self.migrations + [third]).migrate(pool)
            #expect(applied == [third])

            let recorded = try await pool.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY 1")
            #expect(try recorded.map { try $0.int("version") } == [1, 2, 5])
            #expect(try recorded.map { try $0.string("name") } == ["create_tenants", "create_projects", "add_slug"])
            #expect(try abs(recorded[0].date("applied_at").timeIntervalSinceNow) < 60)
            _ = try await pool.query("SELECT tenant_id, id, name, slug FROM projects")
        }
    }

    @Test func twoPoolsMigratingAtOnceApplyEachMigrationOnce() async throws {
        try await TestDatabase.withFreshDatabase { configuration in
            let pools = (0..<2).map { _ in PostgresPool(configuration: configuration) }
            defer { pools.forEach { $0.close() } }
            // Slow enough that the two runs overlap: the second waits on the advisory lock.
            let slow = Self.migrations + [Migration(version: 3, name: "slow", sql: "SELECT pg_sleep(0.3)")]
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for pool in pools {
                    group.addTask { try await Migrator(slow).migrate(pool).map(\.version) }
                }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            #expect(applied.sorted { $0.count < $1.count } == [[], [1, 2, 3]])
            let count = try await pools[0].query("SELECT count(*) AS n FROM schema_migrations")
            #expect(try count[0].int("n") == 3)
        }
    }

    @Test func aFailingMigrationLeavesNothingOfItsRun() async throws {
        try await TestDatabase.withFreshDatabase { configuration in
            let pool = PostgresPool(configuration: configuration)
            defer { pool.close() }
            let broken = Self.migrations + [Migration(version: 3, name: "broken", sql: "ALTER TABLE nowhere ADD x int")]
            let error = await #expect(throws: MigrationError.self) { try await Migrator(broken).migrate(pool) }
            #expect(error?.version == 3)
            #expect(error?.underlying?.sqlState == .undefinedTable)
            #expect(error.map { String(describing: $0).contains("broken") } == true)
            let left = try await pool.query(
                "SELECT to_regclass('tenants') IS NULL AS no_tenants, to_regclass('schema_migrations') IS NULL AS no_log")
            #expect(try left[0].bool("no_tenants"))
            #expect(try left[0].bool("no_log"))
            // The fixed list then applies in full.
            #expect(try await Migrator(Self.migrations).migrate(pool).count == 2)
        }
    }

    @Test func refusesVersionsOutOfOrder() async throws {
        try await TestDatabase.withFreshDatabase { configuration in
            let pool = PostgresPool(configuration: configuration)
            defer { pool.close() }
            let unordered = [Self.migrations[1], Self.migrations[0]]
            await #expect(throws: MigrationError.self) { try await Migrator(unordered).migrate(pool) }
            // A migration slipped in below one already applied is refused rather than run late.
            let late = Migration(version: 10, name: "late", sql: "SELECT 1")
            try await Migrator([Self.migrations[0], late]).migrate(pool)
            let error = await #expect(throws: MigrationError.self) {
                try await Migrator(Self.migrations + [late]).migrate(pool)
            }
            #expect(error?.version == 2)
        }
    }
}
