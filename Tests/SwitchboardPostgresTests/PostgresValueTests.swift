import Foundation
import SwitchboardPostgres
import Testing

@Suite struct PostgresValueTests {
    @Test func everyTypeRoundTripsThroughATable() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        let table = TestDatabase.uniqueName("values")
        _ = try await pool.query(
            """
            CREATE TABLE \(table) (id int PRIMARY KEY, t text, i bigint, b bool, d float8, y bytea, u uuid,
                                   ts timestamptz, j jsonb)
            """)
        let allBytes = (0...255).map { UInt8($0) } + [0, 0, 255]
        let uuid = UUID()
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let text = "Zürich — 東京 🚀 \"quoted\" \\ back\\slash\ttab\nnewline"
        _ = try await pool.query(
            "INSERT INTO \(table) (id, t, i, b, d, y, u, ts, j) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8)",
            [.text(text), .int(Int.min), .bool(true), .double(0.1), .bytea(allBytes), .uuid(uuid),
             .timestamptz(date), .json(#"{"b": [1, 2.5, null], "a": "é"}"#)])
        _ = try await pool.query(
            "INSERT INTO \(table) (id, t, i, b, d, y, u, ts, j) VALUES (2, $1, $2, $3, $4, $5, $6, $7, $8)",
            [nil, nil, nil, nil, nil, nil, nil, nil])

        let rows = try await pool.query("SELECT * FROM \(table) ORDER BY id")
        #expect(rows.count == 2)
        let full = rows[0]
        #expect(try full.string("t") == text)
        #expect(try full.int("i") == Int.min)
        #expect(try full.bool("b") == true)
        #expect(try full.double("d") == 0.1)
        #expect(try full.bytes("y") == allBytes)
        #expect(try full["y", as: Data.self] == Data(allBytes))
        #expect(try full.uuid("u") == uuid)
        #expect(abs(try full.date("ts").timeIntervalSince(date)) < 0.000_001)
        #expect(try full.string("j") == #"{"a": "é", "b": [1, 2.5, null]}"#)

        let empty = rows[1]
        for column in ["t", "i", "b", "d", "y", "u", "ts", "j"] {
            #expect(try empty.isNull(column))
        }
        #expect(try empty["t", as: String?.self] == nil)
        #expect(try empty["i", as: Int?.self] == nil)
        #expect(try empty["y", as: [UInt8]?.self] == nil)
        #expect(try empty["ts", as: Date?.self] == nil)
        #expect(try full["i", as: Int?.self] == Int.min)
        let error = #expect(throws: PostgresError.self) { try empty.string("t") }
        #expect(error?.kind == .decoding)
    }

    @Test func anInjectionLookingStringIsStoredVerbatim() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        let table = TestDatabase.uniqueName("students")
        _ = try await pool.query("CREATE TABLE \(table) (name text NOT NULL)")
        let name = "Robert'); DROP TABLE \(table); -- $1 \\' \" ; SELECT pg_sleep(10);"
        _ = try await pool.query("INSERT INTO \(table) (name) VALUES ($1)", [.text(name)])
        let rows = try await pool.query("SELECT name FROM \(table) WHERE name = $1", [.text(name)])
        #expect(rows.count == 1)
        #expect(try rows[0].string("name") == name)
        let count = try await pool.query("SELECT count(*) AS n FROM \(table)")
        #expect(try count[0].int("n") == 1)
    }

    @Test func scalarsRoundTripThroughSelect() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        for value in [0, 1, -1, Int.max, Int.min, 42] {
            let rows = try await pool.query("SELECT $1 AS v", [.int(value)])
            #expect(try rows[0].int("v") == value)
        }
        for value in [0.0, -0.0, 1.5, 0.1, 1e-300, -2.5e300, .pi, .infinity, -.infinity] {
            let rows = try await pool.query("SELECT $1 AS v", [.double(value)])
            #expect(try rows[0].double("v") == value)
        }
        let nan = try await pool.query("SELECT $1 AS v", [.double(.nan)])
        #expect(try nan[0].double("v").isNaN)
        let literals = try await pool.query(
            "SELECT $1::text AS s, $2 AS i, $3 AS b, $4 AS d, $5::text AS n", ["abc", 42, false, 2.25, nil])
        #expect(try literals[0].string("s") == "abc")
        #expect(try literals[0].int("i") == 42)
        #expect(try literals[0].bool("b") == false)
        #expect(try literals[0].double("d") == 2.25)
        #expect(try literals[0]["n", as: String?.self] == nil)
        let empty = try await pool.query("SELECT $1::text AS s, $2::bytea AS y", [.text(""), .bytea([])])
        #expect(try empty[0].string("s") == "")
        #expect(try empty[0].bytes("y") == [])
    }

    @Test func timestampsKeepMicrosecondsAndReadOffsets() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        for seconds in [0.0, 1_700_000_000.000_001, 946_684_799.999_999, -86_400.5, 4_102_444_800.25] {
            let date = Date(timeIntervalSince1970: seconds)
            let rows = try await pool.query("SELECT $1 AS v", [.timestamptz(date)])
            #expect(abs(try rows[0].date("v").timeIntervalSince1970 - seconds) < 0.000_001)
        }
        // The server's text in another time zone, a plain timestamp (UTC) and a date (midnight UTC).
        let rows = try await pool.query(
            """
            SELECT '2024-03-01 12:00:00+05:30'::timestamptz::text AS zoned,
                   '2024-03-01 06:30:00'::timestamp AS plain, '2024-03-01'::date AS day
            """)
        let expected = Date(timeIntervalSince1970: 1_709_274_600)
        #expect(try rows[0].date("zoned") == expected)
        #expect(try rows[0].date("plain") == expected)
        #expect(try rows[0].date("day") == Date(timeIntervalSince1970: 1_709_251_200))
        let shifted = try await pool.transaction { transaction in
            _ = try await transaction.query("SET LOCAL TimeZone = 'Asia/Kolkata'")
            return try await transaction.query("SELECT $1 AS v", [.timestamptz(expected)])
        }
        #expect(try shifted[0].string("v") == "2024-03-01 12:00:00+05:30")
        #expect(try shifted[0].date("v") == expected)
    }

    @Test func arraysCarryNullsQuotesAndUUIDs() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        let strings: [String?] = ["plain", "with,comma", "{braces}", "\"quoted\"", "back\\slash", "NULL", nil, "", "é"]
        let rows = try await pool.query(
            "SELECT value, ordinality FROM unnest($1::text[]) WITH ORDINALITY AS u(value, ordinality) ORDER BY 2",
            [.textArray(strings)])
        #expect(try rows.map { try $0["value", as: String?.self] } == strings)

        let ids = [UUID(), UUID(), UUID()]
        let found = try await pool.query(
            "SELECT count(*) AS n FROM unnest($1::uuid[]) AS u(id) WHERE id = ANY($2)",
            [.uuidArray(ids + [nil]), .uuidArray([ids[0], ids[2]])])
        #expect(try found[0].int("n") == 2)
        let sum = try await pool.query("SELECT sum(x) AS s FROM unnest($1) AS x", [.intArray([1, 2, nil, 39])])
        #expect(try sum[0].int("s") == 42)
    }

    @Test func aNulCharacterInTextIsRefusedBeforeSending() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        let before = pool.statementCount
        let error = await #expect(throws: PostgresError.self) {
            try await pool.query("SELECT $1::text", [.text("a\u{0}b")])
        }
        #expect(error?.kind == .invalidParameter)
        #expect(pool.statementCount == before)
    }

    @Test func readingAColumnAsTheWrongTypeFailsWithoutTheValue() async throws {
        let pool = try TestDatabase.pool()
        defer { pool.close() }
        let rows = try await pool.query("SELECT 'sk_live_secret'::text AS token, 1 AS one")
        let error = #expect(throws: PostgresError.self) { try rows[0].int("token") }
        #expect(error?.kind == .decoding)
        #expect(error.map { !String(describing: $0).contains("sk_live") } == true)
        #expect(throws: PostgresError.self) { try rows[0].string("missing") }
        #expect(throws: PostgresError.self) { try rows[0].decode(5, as: String.self) }
        #expect(try rows[0][1, as: Int.self] == 1)
        #expect(rows.columnNames == ["token", "one"])
    }
}
