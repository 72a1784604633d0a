import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres
import Testing

/// The graph as a deployment would run it: connected as an ordinary user that owns its database (not a
/// superuser), which the migrations make a member of `switchboard_app`.
@Suite struct ApplicationUserTests {
    @Test func theGraphRunsAsAnOrdinaryUserAndRowLevelSecurityHolds() async throws {
        let base = try TestGraph.baseConfiguration()
        let superuser = PostgresPool(configuration: base)
        defer { superuser.close() }
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let user = "sbuser_" + suffix
        let database = "sbowned_" + suffix
        _ = try await superuser.query("CREATE ROLE \(user) LOGIN CREATEROLE")
        _ = try await superuser.query("CREATE DATABASE \(database) OWNER \(user)")
        var configuration = base
        configuration.user = user
        configuration.database = database
        let pool = PostgresPool(configuration: configuration)

        let graph = try await ConnectorGraph.start(
            pool: pool, masterKeySource: .fixed(MasterKey.generate()), catalog: try ProviderCatalog.bundled())
        let isSuperuser = try await pool.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")[0]
            .bool("rolsuper")
        #expect(!isSuperuser)

        let (a, _) = try await graph.createTenant(name: "A")
        let (b, _) = try await graph.createTenant(name: "B")
        for tenant in [a, b] {
            let result = await graph.execute(
                #"mutation { createConnector(input: {providerId: "openai", credentials: {apiKey: "\#(openAIKey)"}}) { id } }"#,
                as: .tenant(tenant.id))
            #expect(result.errors.isEmpty, "\(result.errors)")
        }
        let visible = try await Database(pool: pool).transaction(.tenant(a.id)) { transaction in
            try await transaction.query("SELECT tenant_id FROM connector_credentials").map { try $0.string("tenant_id") }
        }
        #expect(visible == [a.id])
        // Even the owner of the tables sees nothing without a tenant: the policies are forced.
        let owned = try await pool.query("SELECT count(*) AS n FROM tenant_connectors")[0].int("n")
        #expect(owned == 0)
        // The database and its user stay, like every suite's database: DROP DATABASE waits for a checkpoint,
        // and the test cluster is thrown away whole.
        pool.close()
    }
}
