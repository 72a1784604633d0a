import Foundation
import SwitchboardPostgres
import Testing

@Suite struct PostgresConfigurationTests {
    @Test func readsAURLWithASocketDirectory() throws {
        let configuration = try PostgresConfiguration("postgresql://app@/switchboard?host=/var/run/sb%20pg")
        #expect(configuration.user == "app")
        #expect(configuration.database == "switchboard")
        #expect(configuration.host == "/var/run/sb pg")
        #expect(configuration.port == nil)
    }

    @Test func readsAURLWithHostPortAndOptions() throws {
        let configuration = try PostgresConfiguration(
            "postgres://app:pw@db.example.com:6543/main?sslmode=require&connect_timeout=3")
        #expect(configuration.host == "db.example.com")
        #expect(configuration.port == 6543)
        #expect(configuration["sslmode"] == "require")
        #expect(configuration.connectTimeout == .seconds(3))
    }

    @Test func readsAKeyValueString() throws {
        let configuration = try PostgresConfiguration("host=/tmp/pg dbname=switchboard user=postgres")
        #expect(configuration.host == "/tmp/pg")
        #expect(configuration.database == "switchboard")
        #expect(configuration.user == "postgres")
    }

    @Test func descriptionNeverShowsThePassword() throws {
        let secret = "Tr0ub4dor&3-horse"
        let fromURL = try PostgresConfiguration("postgresql://app:\(secret)@db.example.com/main")
        let fromPairs = try PostgresConfiguration("host=db.example.com password='\(secret)' dbname=main")
        var fromParts = PostgresConfiguration(host: "db.example.com", user: "app", password: secret, database: "main")
        fromParts.poolSize = 3
        for configuration in [fromURL, fromPairs, fromParts] {
            for text in [String(describing: configuration), String(reflecting: configuration), "\(configuration)"] {
                #expect(!text.contains(secret))
                #expect(text.contains("password=<redacted>"))
                #expect(text.contains("db.example.com"))
            }
        }
    }

    @Test func aParseErrorDoesNotEchoThePassword() throws {
        // libpq's message quotes the bad token, which here is the password itself.
        let error = #expect(throws: PostgresError.self) {
            try PostgresConfiguration("postgresql://app:s3cr%ZZet@db.example.com/main")
        }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error.map { !String(describing: $0).contains("s3cr") } == true)
    }

    @Test func aConnectionErrorDoesNotShowThePassword() async throws {
        let secret = "NeverPrintMe-4242"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("no-postgres-here").path
        let pool = try PostgresPool(url: "postgresql://app:\(secret)@/main?host=\(directory)&connect_timeout=2")
        defer { pool.close() }
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error?.kind == .connection)
        #expect(error.map { !String(describing: $0).contains(secret) && !$0.message.contains(secret) } == true)
        #expect(error.map { String(describing: $0).contains("no-postgres-here") } == true)
    }
}
