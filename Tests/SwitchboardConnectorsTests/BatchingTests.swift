import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardPostgres
import Testing

/// Nested lists load in batches: the statements of a request grow with the depth of its query, not with the
/// number of rows.
@Suite struct BatchingTests {
    static let environment = Task { try await TestGraph.make() }

    static let nestedQuery = """
        { viewer { connectors { provider { name category } projects { name } }
                   projects { connectors { providerName tenantConnector { name } } } } }
        """

    /// A tenant with `connectors` connectors, `projects` projects, and every connector enabled in every project.
    func populate(_ env: TestGraph, connectors: Int, projects: Int) async throws -> TestGraph.Tenant {
        let tenant = try await env.tenant()
        let providers = try ProviderCatalog.bundled().providers.prefix(connectors).map(\.id)
        var connectorIDs: [String] = []
        for provider in providers { connectorIDs.append(await env.createConnector(tenant, provider: provider)) }
        for index in 0..<projects {
            let project = await env.createProject(tenant, name: "Project \(index)")
            for connector in connectorIDs {
                _ = await env.enableProjectConnector(tenant, project: project, connector: connector)
            }
        }
        return tenant
    }

    func count(_ env: TestGraph, _ tenant: TestGraph.Tenant) async -> (GraphQLValue, Int) {
        let (result, count) = await withStatementCounting {
            await env.run(Self.nestedQuery, as: tenant.principal)
        }
        #expect(result.errors.isEmpty, "\(result.errors)")
        return (result.data ?? .null, count)
    }

    @Test func statementsDoNotGrowWithRows() async throws {
        let env = try await Self.environment.value
        let small = try await populate(env, connectors: 1, projects: 1)
        let large = try await populate(env, connectors: 20, projects: 5)

        let (smallData, smallCount) = await count(env, small)
        let (largeData, largeCount) = await count(env, large)
        #expect(smallData["viewer"]["connectors"].list.count == 1)
        let connectors = largeData["viewer"]["connectors"].list
        #expect(connectors.count == 20)
        #expect(connectors.allSatisfy { $0["projects"].list.count == 5 })
        #expect(connectors.allSatisfy { $0["provider"]["name"].string != nil })
        let projects = largeData["viewer"]["projects"].list
        #expect(projects.count == 5)
        #expect(projects.allSatisfy { $0["connectors"].list.count == 20 })
        #expect(projects.allSatisfy { $0["connectors"].list.allSatisfy { $0["tenantConnector"]["name"].string != nil } })

        // Six loads (viewer; its connectors; its projects; the connectors' projects; the projects' connectors;
        // their tenant connectors), each one transaction: BEGIN, the role and tenant settings, SELECT, COMMIT.
        #expect(smallCount == 6 * 4)
        #expect(largeCount == smallCount)
    }

    @Test func theAdminsNestedQueriesAreBatchedAcrossTenants() async throws {
        let env = try await Self.environment.value
        for _ in 0..<3 { _ = try await populate(env, connectors: 2, projects: 2) }
        let query = "{ tenants(limit: 200) { name connectors { credentials { field } projects { name } } projects { name } } }"
        let (result, count) = await withStatementCounting { await env.run(query, as: .admin) }
        #expect(result.errors.isEmpty)
        #expect((result.data?["tenants"].list.count ?? 0) >= 3)
        // tenants; their connectors; their projects; the connectors' credentials; the connectors' projects.
        #expect(count == 5 * 4)
    }
}
