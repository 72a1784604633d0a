import Foundation
import SwitchboardPostgres
import Testing

@Suite struct PostgresErrorTests {
    @Test func aUniqueViolationCarriesItsSQLStateAndNotTheValue() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        let table = TestDatabase.uniqueName("accounts")
        _ = try await pool.query("CREATE TABLE \(table) (email text CONSTRAINT \(table)_email UNIQUE)")
        let email = "alice-secret@example.com"
        _ = try await pool.query("INSERT INTO \(table) (email) VALUES ($1)", [.text(email)])
        let error = await #expect(throws: PostgresError.self) {
            try await pool.query("INSERT INTO \(table) (email) VALUES ($1)", [.text(email)])
        }
        #expect(error?.kind == .server)
        #expect(error?.sqlState == .uniqueViolation)
        #expect(error?.isUniqueViolation == true)
        #expect(error?.constraint == "\(table)_email")
        #expect(error?.table == table)
        #expect(error.map { $0.message.contains("duplicate key value violates unique constraint") } == true)
        #expect(error.map { !String(describing: $0).contains(email) } == true)
    }

    @Test func aValueQuotedInAServerMessageIsRedacted() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        let error = await #expect(throws: PostgresError.self) {
            try await pool.query("SELECT $1::uuid", [.text("not-a-uuid-but-a-secret")])
        }
        #expect(error?.sqlState == .invalidTextRepresentation)
        #expect(error?.message == #"invalid input syntax for type uuid: "<redacted>""#)
    }

    @Test func syntaxAndMissingTableErrorsHaveTheirCodes() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        let syntax = await #expect(throws: PostgresError.self) { try await pool.query("SELEC 1") }
        #expect(syntax?.sqlState == .syntaxError)
        #expect(syntax?.sqlState?.errorClass == "42")
        let missing = await #expect(throws: PostgresError.self) {
            try await pool.query("SELECT * FROM \(TestDatabase.uniqueName("nowhere"))")
        }
        #expect(missing?.sqlState == .undefinedTable)
        // The connection is fine afterwards.
        #expect(try await pool.query("SELECT 1 AS one")[0].int("one") == 1)
    }

    @Test func aStatementTimeoutCancelsTheStatement() async throws {
        let pool = try TestDatabase.pool(poolSize: 1) { $0.statementTimeout = .milliseconds(100) }
        defer { pool.close() }
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT pg_sleep(2)") }
        #expect(error?.sqlState == .queryCanceled)
    }

    @Test func cancellingTheTaskCancelsTheRunningStatement() async throws {
        let pool = try TestDatabase.pool(poolSize: 1)
        let observer = try TestDatabase.pool(poolSize: 1)
        defer {
            pool.close()
            observer.close()
        }
        let marker = TestDatabase.uniqueName("cancel_me")
        // Generous times: the whole suite runs in parallel on two cores. The statement would run 60 s;
        // a cancel must end it long before that.
        let sql = "SELECT pg_sleep(60) /* \(marker) */"
        let start = ContinuousClock.now
        let task = Task { try await pool.query(sql) }
        // Cancel once the server runs it, so that the cancel request (not a check before sending) stops it.
        var running = false
        while !running && ContinuousClock.now - start < .seconds(30) {
            let rows = try await observer.query(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE query = $1 AND state = 'active'", [.text(sql)])
            running = try rows[0].int("n") == 1
            if !running { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(running)
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - start < .seconds(45))
        guard case .failure(let error) = result else {
            Issue.record("the cancelled statement completed")
            return
        }
        #expect((error as? PostgresError)?.sqlState == .queryCanceled)
        // The connection survives the cancellation.
        #expect(try await pool.query("SELECT 2 AS two")[0].int("two") == 2)
    }
}
