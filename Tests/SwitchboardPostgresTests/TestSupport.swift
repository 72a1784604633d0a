import Foundation
import SwitchboardPostgres
import Testing

/// The PostgreSQL the tests run against: `SWITCHBOARD_TEST_DATABASE_URL`, which `ops/test.sh` sets after starting
/// a throwaway cluster with `ops/pg-cluster.sh`. Without it the tests fail; they never skip.
enum TestDatabase {
    static func configuration(poolSize: Int = 4) throws -> PostgresConfiguration {
        let url = try #require(
            ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            "PostgreSQL is required: run ops/test.sh, which starts it")
        var configuration = try PostgresConfiguration(url)
        configuration.poolSize = poolSize
        return configuration
    }

    static func pool(poolSize: Int = 4, _ adjust: (inout PostgresConfiguration) -> Void = { _ in }) throws
        -> PostgresPool
    {
        var configuration = try configuration(poolSize: poolSize)
        adjust(&configuration)
        return PostgresPool(configuration: configuration)
    }

    /// Runs `body` against a database of its own, dropped afterwards (migration tests need an empty schema).
    static func withFreshDatabase(_ body: (PostgresConfiguration) async throws -> Void) async throws {
        let admin = try pool(poolSize: 1)
        defer { admin.close() }
        let name = uniqueName("sbtest")
        _ = try await admin.query("CREATE DATABASE \(name)")
        var configuration = try configuration()
        configuration.database = name
        do {
            try await body(configuration)
        } catch {
            _ = try? await admin.query("DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
        _ = try await admin.query("DROP DATABASE \(name) WITH (FORCE)")
    }

    /// A lower-case identifier nobody else uses (tests run in parallel in one database).
    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    }
}
