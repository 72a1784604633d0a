import Foundation
import SwitchboardPostgres
import Testing

private struct Boom: Error {}

@Suite struct PostgresPoolTests {
    @Test func aTransactionCommitsWhatItsBodyDid() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        let table = TestDatabase.uniqueName("tx")
        _ = try await pool.query("CREATE TABLE \(table) (n int)")
        let inserted = try await pool.transaction { transaction in
            _ = try await transaction.query("INSERT INTO \(table) VALUES ($1)", [1])
            return try await transaction.query("INSERT INTO \(table) VALUES ($1), ($2)", [2, 3]).affectedRows
        }
        #expect(inserted == 2)
        #expect(try await pool.query("SELECT count(*) AS n FROM \(table)")[0].int("n") == 3)
    }

    @Test func aThrowingBodyRollsBackAndRethrows() async throws {
        let pool = try TestDatabase.pool(poolSize: 1)
        defer { pool.close() }
        let table = TestDatabase.uniqueName("rollback")
        _ = try await pool.query("CREATE TABLE \(table) (n int)")
        await #expect(throws: Boom.self) {
            try await pool.transaction { transaction in
                _ = try await transaction.query("INSERT INTO \(table) VALUES (1)")
                throw Boom()
            }
        }
        #expect(try await pool.query("SELECT count(*) AS n FROM \(table)")[0].int("n") == 0)
        // A failed statement the body swallowed still aborts the transaction: COMMIT reports it.
        let aborted = await #expect(throws: PostgresError.self) {
            try await pool.transaction { transaction in
                _ = try await transaction.query("INSERT INTO \(table) VALUES (2)")
                _ = try? await transaction.query("SELECT 1/0")
            }
        }
        #expect(aborted?.kind == .transactionAborted)
        #expect(try await pool.query("SELECT count(*) AS n FROM \(table)")[0].int("n") == 0)
    }

    @Test func twentyConcurrentCallersShareFourConnections() async throws {
        let pool = try TestDatabase.pool(poolSize: 4)
        defer { pool.close() }
        let pids = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<20 {
                group.addTask {
                    let rows = try await pool.query(
                        "SELECT pg_backend_pid() AS pid, $1::int AS i FROM pg_sleep(0.05)", [.int(index)])
                    #expect(try rows[0].int("i") == index)
                    #expect(pool.openConnectionCount <= 4)
                    return try rows[0].int("pid")
                }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(pids.count <= 4)
        #expect(pids.count >= 2)
        // Later callers reuse those connections.
        let again = try await pool.withConnection { try await $0.backendPID() }
        #expect(pids.contains(again))
        #expect(pool.openConnectionCount <= 4)
    }

    @Test func aCallerWaitingTooLongGetsAPoolTimeout() async throws {
        let pool = try TestDatabase.pool(poolSize: 1) { $0.acquireTimeout = .milliseconds(200) }
        defer { pool.close() }
        try await pool.withConnection { connection in
            _ = try await connection.query("SELECT 1")
            let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
            #expect(error?.kind == .poolTimeout)
        }
        // Once the connection is back, callers get it again.
        #expect(try await pool.query("SELECT 3 AS three")[0].int("three") == 3)
    }

    @Test func waitersAreServedInTurnWhenConnectionsComeBack() async throws {
        let pool = try TestDatabase.pool(poolSize: 1) { $0.acquireTimeout = .seconds(10) }
        defer { pool.close() }
        let table = TestDatabase.uniqueName("turns")
        _ = try await pool.query("CREATE TABLE \(table) (n int)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await pool.transaction { transaction in
                        _ = try await transaction.query("INSERT INTO \(table) VALUES ($1)", [.int(index)])
                        try await Task.sleep(for: .milliseconds(10))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await pool.query("SELECT count(*) AS n FROM \(table)")[0].int("n") == 8)
        #expect(pool.openConnectionCount == 1)
    }

    @Test func statementsAreCountedPerTaskAndPerPool() async throws {
        let pool = try TestDatabase.pool(poolSize: 2)
        defer { pool.close() }
        let before = pool.statementCount
        let (value, count) = try await withStatementCounting {
            _ = try await pool.query("SELECT 1")
            _ = try await pool.query("SELECT 2")
            return try await pool.query("SELECT 3 AS n")[0].int("n")
        }
        #expect(value == 3)
        #expect(count == 3)
        // BEGIN, set_config, two statements, COMMIT.
        let (_, transactionCount) = try await withStatementCounting {
            try await pool.transaction(tenantID: "t1") { transaction in
                _ = try await transaction.query("SELECT 1")
                _ = try await transaction.query("SELECT 2")
            }
        }
        #expect(transactionCount == 5)
        // Concurrent tasks each count their own; an enclosing counter sees them all.
        let (counts, total) = try await withStatementCounting {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for statements in 1...4 {
                    group.addTask {
                        try await withStatementCounting {
                            for _ in 0..<statements { _ = try await pool.query("SELECT 1") }
                        }.count
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }.sorted()
            }
        }
        #expect(counts == [1, 2, 3, 4])
        #expect(total == 10)
        #expect(pool.statementCount - before == 3 + 5 + 10)
        // Outside a counting scope nothing is counted for the task, but the pool still counts.
        #expect(PostgresStatementCounter.current == nil)
    }

    @Test func theTenantIsSetForTheTransactionOnly() async throws {
        let pool = try TestDatabase.pool(poolSize: 1)
        defer { pool.close() }
        let seen = try await pool.withTenant("tenant-a") { transaction in
            try await transaction.query("SELECT current_setting('app.tenant_id') AS t")[0].string("t")
        }
        #expect(seen == "tenant-a")
        // Same connection (pool of one), after the transaction: the setting is gone.
        let after = try await pool.query("SELECT current_setting('app.tenant_id', true) AS t")
        #expect((try after[0]["t", as: String?.self] ?? "") == "")
        let other = try await pool.transaction(tenantID: "tenant-b") { transaction in
            try await transaction.query("SELECT current_setting('app.tenant_id') AS t")[0].string("t")
        }
        #expect(other == "tenant-b")
    }

    @Test func rowLevelSecurityFollowsTheTransactionsTenant() async throws {
        let pool = try TestDatabase.pool(poolSize: 2)
        defer { pool.close() }
        let table = TestDatabase.uniqueName("secrets")
        let role = TestDatabase.uniqueName("app_role")
        _ = try await pool.query("CREATE ROLE \(role) NOLOGIN")
        try await pool.withConnection { connection in
            try await connection.executeScript(
                """
                CREATE TABLE \(table) (tenant_id text NOT NULL, value text NOT NULL);
                ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON \(table)
                    USING (tenant_id = current_setting('app.tenant_id', true));
                GRANT SELECT ON \(table) TO \(role);
                INSERT INTO \(table) VALUES ('a', 'a1'), ('a', 'a2'), ('b', 'b1');
                """)
        }
        for (tenant, expected) in [("a", ["a1", "a2"]), ("b", ["b1"]), ("c", [])] {
            let values = try await pool.withTenant(tenant) { transaction in
                _ = try await transaction.query("SET LOCAL ROLE \(role)")
                return try await transaction.query("SELECT value FROM \(table) ORDER BY value")
                    .map { try $0.string("value") }
            }
            #expect(values == expected)
        }
        try await pool.withConnection { try await $0.executeScript("DROP TABLE \(table); DROP ROLE \(role)") }
    }

    @Test func aConnectionTheServerClosedIsReplaced() async throws {
        let pool = try TestDatabase.pool(poolSize: 1)
        let killer = try TestDatabase.pool(poolSize: 1)
        defer {
            pool.close()
            killer.close()
        }
        let first = try await pool.withConnection { try await $0.backendPID() }
        let terminated = try await killer.query("SELECT pg_terminate_backend($1::int) AS ok", [.int(first)])
        #expect(try terminated[0].bool("ok"))
        try await Task.sleep(for: .milliseconds(200))
        let second = try await pool.withConnection { try await $0.backendPID() }
        #expect(second != first)
        #expect(try await pool.query("SELECT 4 AS four")[0].int("four") == 4)

        // Lost in the middle of a transaction: the transaction fails, and is not continued on a new session.
        let table = TestDatabase.uniqueName("lost")
        _ = try await pool.query("CREATE TABLE \(table) (n int)")
        let error = await #expect(throws: PostgresError.self) {
            try await pool.transaction { transaction in
                _ = try await transaction.query("INSERT INTO \(table) VALUES (1)")
                let pid = try await transaction.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
                _ = try await killer.query("SELECT pg_terminate_backend($1::int)", [.int(pid)])
                try await Task.sleep(for: .milliseconds(200))
                _ = try await transaction.query("INSERT INTO \(table) VALUES (2)")
            }
        }
        #expect(error?.kind == .connection)
        #expect(try await pool.query("SELECT count(*) AS n FROM \(table)")[0].int("n") == 0)
    }

    @Test func aTransactionLeftOpenIsRolledBackBeforeTheNextCaller() async throws {
        let pool = try TestDatabase.pool(poolSize: 1)
        defer { pool.close() }
        let table = TestDatabase.uniqueName("left_open")
        _ = try await pool.query("CREATE TABLE \(table) (n int)")
        try await pool.withConnection { connection in
            _ = try await connection.query("BEGIN")
            _ = try await connection.query("INSERT INTO \(table) VALUES (1)")
        }
        #expect(try await pool.query("SELECT count(*) AS n FROM \(table)")[0].int("n") == 0)
        // Outside a transaction block, SAVEPOINT is refused: the next caller is not inside the leftover one.
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SAVEPOINT probe") }
        #expect(error?.sqlState == SQLState("25P01"))
    }

    @Test func aHandleKeptBeyondItsClosureIsRefused() async throws {
        let pool = try TestDatabase.pool(poolSize: 1)
        defer { pool.close() }
        let kept = try await pool.transaction { $0 }
        let error = await #expect(throws: PostgresError.self) { try await kept.query("SELECT 1") }
        #expect(error?.kind == .misuse)
        let connection = try await pool.withConnection { $0 }
        let misuse = await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
        #expect(misuse?.kind == .misuse)
    }

    @MainActor @Test func closuresRunInTheCallersIsolation() async throws {
        let pool = try TestDatabase.pool(poolSize: 1)
        defer { pool.close() }
        // A non-Sendable local, mutated from the transaction's closure: the closure runs on the main actor.
        var seen: [Int] = []
        try await pool.transaction { transaction in
            MainActor.assertIsolated()
            seen.append(try await transaction.query("SELECT 7 AS n")[0].int("n"))
        }
        try await pool.withConnection { connection in
            seen.append(try await connection.query("SELECT 8 AS n")[0].int("n"))
        }
        #expect(seen == [7, 8])
    }

    @Test func aClosedPoolRefusesWork() async throws {
        let pool = try TestDatabase.pool(poolSize: 1)
        _ = try await pool.query("SELECT 1")
        pool.close()
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error?.kind == .poolClosed)
        #expect(pool.openConnectionCount == 0)
    }
}
