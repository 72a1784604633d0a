import Foundation
import SwitchboardPostgres
import Testing

@Suite struct EmbeddedPostgresTests {
    /// A short directory under /tmp: the socket path must stay under 108 bytes, and as root the `postgres` user
    /// must be able to reach it.
    private func temporaryDirectory() -> String {
        "/tmp/sb-embedded-" + UUID().uuidString.prefix(8).lowercased()
    }

    @Test(.timeLimit(.minutes(2)))
    func startQueryStopAndStartAgainKeepsTheData() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let embedded = EmbeddedPostgres(directory: directory)

        let url = try await embedded.start()
        #expect(url == "postgresql://postgres@/switchboard?host=\(directory)")
        #expect(embedded.serverIsRunning())
        let pool = try PostgresPool(url: url)
        _ = try await pool.query("CREATE TABLE kept (note text)")
        _ = try await pool.query("INSERT INTO kept VALUES ($1)", ["written before the restart"])
        // Only the Unix socket in the directory: no TCP.
        let listen = try await pool.query("SELECT current_setting('listen_addresses') AS l, current_database() AS d")
        #expect(try listen[0].string("l") == "")
        #expect(try listen[0].string("d") == "switchboard")
        pool.close()

        try await embedded.stop()
        #expect(!embedded.serverIsRunning())
        #expect(!FileManager.default.fileExists(atPath: directory + "/.s.PGSQL.5432"))

        // A postmaster.pid left by a crash, naming a live process that is not the server, does not block a start.
        try "\(getpid())\n\(directory)/data\n".write(
            toFile: directory + "/data/postmaster.pid", atomically: false, encoding: .utf8)
        #expect(!embedded.serverIsRunning())

        let again = try await EmbeddedPostgres(directory: directory).start()
        #expect(again == url)
        let reopened = try PostgresPool(url: again)
        let rows = try await reopened.query("SELECT note FROM kept")
        #expect(try rows.map { try $0.string("note") } == ["written before the restart"])
        reopened.close()

        // A start while it runs reuses the running server.
        #expect(try await embedded.start() == url)
        try await embedded.stop()
        try await embedded.stop()
        #expect(!embedded.serverIsRunning())
    }

    @Test func missingServerBinariesSayHowToInstallThem() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let embedded = EmbeddedPostgres(directory: directory, binDirectory: "/nonexistent/postgresql/bin")
        let error = await #expect(throws: EmbeddedPostgresError.self) { try await embedded.start() }
        #expect(error.map { $0.message.hasPrefix("PostgreSQL server binaries not found; install them: apt-get install postgresql") } == true)
    }

    @Test func aDirectoryTooDeepForASocketIsRefusedClearly() async throws {
        let directory = "/tmp/" + String(repeating: "d", count: 100)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let error = await #expect(throws: EmbeddedPostgresError.self) {
            try await EmbeddedPostgres(directory: directory).start()
        }
        #expect(error.map { $0.message.contains("longer than 107 bytes") } == true)
    }

    @Test func theURLEncodesTheDirectory() {
        let embedded = EmbeddedPostgres(directory: "/tmp/with space/pg")
        #expect(embedded.connectionURL == "postgresql://postgres@/switchboard?host=/tmp/with%20space/pg")
    }
}
