import Foundation
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardPostgres
import Testing

/// Row-level security stands behind the application's checks: statements that forget the tenant still see and
/// touch only the transaction's tenant.
@Suite struct RowLevelSecurityTests {
    static let environment = Task { try await TestGraph.make() }

    /// Two tenants, each with a connector (with credentials), an override, a project and a project connector.
    func twoPopulatedTenants(_ env: TestGraph) async throws -> (TestGraph.Tenant, TestGraph.Tenant) {
        let a = try await env.tenant("A")
        let b = try await env.tenant("B")
        for tenant in [a, b] {
            let connector = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
            let project = await env.createProject(tenant, name: "Web")
            _ = await env.enableProjectConnector(tenant, project: project, connector: connector)
            await env.data(
                """
                mutation { setCredentialOverride(input: {providerId: "github",
                  override: {clientId: "Iv1.0123456789abcdef", clientSecret: "0123456789abcdef0123456789abcdef01234567"}}) { source } }
                """, as: tenant.principal)
            // A webhook endpoint with one stored delivery (the tables of migration 8), written directly.
            try await Database(pool: env.pool).transaction(.tenant(tenant.id)) { transaction in
                let endpoint = try await WebhookStore.insertEndpoint(
                    tenantID: tenant.id, connectorID: connector, secretHash: OpaqueID.generate(.webhookEndpoint),
                    in: transaction)
                _ = try await WebhookStore.insertEvent(
                    tenantID: tenant.id, connectorID: connector, endpointID: endpoint.id, providerID: "openai",
                    deliveryID: "d1", eventType: "push", payload: "{}", body: nil, size: 2, in: transaction)
            }
        }
        return (a, b)
    }

    @Test func theApplicationRoleIsSubjectToRowLevelSecurity() async throws {
        let env = try await Self.environment.value
        let role = try await env.pool.query(
            "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'switchboard_app'")
        #expect(role.count == 1)
        #expect(try role[0].bool("rolsuper") == false)
        #expect(try role[0].bool("rolbypassrls") == false)
        #expect(try role[0].bool("rolcanlogin") == false)

        let tables = try await env.pool.query(
            """
            SELECT relname, relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner) AS owner FROM pg_class
            WHERE relname = ANY($1::text[]) AND relkind = 'r'
            """, [.textArray(["tenants"] + ConnectorMigrations.tenantTables)])
        #expect(tables.count == ConnectorMigrations.tenantTables.count + 1)
        for table in tables {
            let name = try table.string("relname")
            #expect(try table.bool("relrowsecurity"), "\(name)")
            #expect(try table.bool("relforcerowsecurity"), "\(name)")
            #expect(try table.string("owner") != Database.applicationRole)
        }
        // Every tenant table leads its primary key with tenant_id.
        let keys = try await env.pool.query(
            """
            SELECT c.relname, a.attname FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
            WHERE i.indisprimary AND c.relname = ANY($1::text[])
            """, [.textArray(ConnectorMigrations.tenantTables)])
        #expect(keys.count == ConnectorMigrations.tenantTables.count)
        for key in keys {
            let table = try key.string("relname")
            #expect(try key.string("attname") == "tenant_id", "\(table)")
        }
    }

    @Test func statementsWithoutTenantFilterSeeOnlyTheTransactionsTenant() async throws {
        let env = try await Self.environment.value
        let (a, b) = try await twoPopulatedTenants(env)
        let database = Database(pool: env.pool)
        for table in ConnectorMigrations.tenantTables {
            let tenants = try await database.transaction(.tenant(a.id)) { transaction in
                let user = try await transaction.query("SELECT current_user AS user")[0].string("user")
                #expect(user == Database.applicationRole)
                return Set(try await transaction.query("SELECT tenant_id FROM \(table)").map { try $0.string("tenant_id") })
            }
            #expect(tenants == [a.id], "\(table)")
            // The superuser that the pool connects as sees both: the policies are what hides B.
            let all = Set(try await env.pool.query(
                "SELECT tenant_id FROM \(table) WHERE tenant_id = ANY($1::text[])", [.textArray([a.id, b.id])]
            ).map { try $0.string("tenant_id") })
            #expect(all == [a.id, b.id], "\(table)")
        }
        let tenantIDs = try await database.transaction(.tenant(a.id)) { transaction in
            try await transaction.query("SELECT id FROM tenants").map { try $0.string("id") }
        }
        #expect(tenantIDs == [a.id])
    }

    @Test func updatesAndDeletesWithoutTenantFilterTouchOnlyTheTransactionsTenant() async throws {
        let env = try await Self.environment.value
        let (a, b) = try await twoPopulatedTenants(env)
        let renamed = try await Database(pool: env.pool).transaction(.tenant(a.id)) { transaction in
            try await transaction.query("UPDATE tenant_connectors SET name = 'renamed'").affectedRows
        }
        #expect(renamed == 1)
        let deleted = try await Database(pool: env.pool).transaction(.tenant(a.id)) { transaction in
            try await transaction.query("DELETE FROM projects").affectedRows
        }
        #expect(deleted == 1)
        let bName = try await env.pool.query(
            "SELECT name FROM tenant_connectors WHERE tenant_id = $1", [.text(b.id)])[0].string("name")
        #expect(bName == "OpenAI")
        let bProjects = try await env.pool.query("SELECT id FROM projects WHERE tenant_id = $1", [.text(b.id)])
        #expect(bProjects.count == 1)
    }

    @Test func rowsOfAnotherTenantCannotBeWritten() async throws {
        let env = try await Self.environment.value
        let (a, b) = try await twoPopulatedTenants(env)
        await #expect(throws: PostgresError.self) {
            try await Database(pool: env.pool).transaction(.tenant(a.id)) { transaction in
                _ = try await transaction.query(
                    "INSERT INTO projects (tenant_id, id, name) VALUES ($1, $2, 'intruder')",
                    [.text(b.id), .text(OpaqueID.generate(.project))])
            }
        }
        await #expect(throws: PostgresError.self) {
            try await Database(pool: env.pool).transaction(.tenant(a.id)) { transaction in
                _ = try await transaction.query("UPDATE projects SET tenant_id = $1", [.text(b.id)])
            }
        }
    }

    @Test func withoutTenantOrBypassNothingIsVisible() async throws {
        let env = try await Self.environment.value
        _ = try await twoPopulatedTenants(env)
        let count = try await env.pool.transaction { transaction in
            _ = try await transaction.query("SELECT set_config('role', 'switchboard_app', true)")
            return try await transaction.query("SELECT count(*) AS n FROM tenant_connectors")[0].int("n")
        }
        #expect(count == 0)
        let all = try await Database(pool: env.pool).transaction(.allTenants) { transaction in
            try await transaction.query("SELECT count(*) AS n FROM tenant_connectors")[0].int("n")
        }
        #expect(all >= 2)
    }
}
