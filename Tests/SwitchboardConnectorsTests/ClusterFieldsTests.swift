@testable import SwitchboardConnectors
import SwitchboardGraphQL
import Testing

/// The admin's fields about workers: a tenant gets FORBIDDEN, and a graph without a cluster (no `--workers`)
/// answers CLUSTER_NOT_ENABLED; with one attached, they answer from it.
@Suite struct ClusterFieldsTests {
    static let environment = Task { try await TestGraph.make() }

    static let documents = [
        "{ workers { id } }",
        #"{ tenantPlacement(tenantId: "ten_x") { workerId } }"#,
        #"mutation { moveTenant(tenantId: "ten_x", workerId: "w1") { workerId } }"#,
        "{ shards { workerId tenantCount tenants { id } } }",
        "mutation { setWorkerCount(count: 2) { id } }",
    ]

    @Test(arguments: documents)
    func aTenantIsForbidden(document: String) async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        #expect(await env.errorCodes(document, as: tenant.principal) == ["FORBIDDEN"])
    }

    @Test(arguments: documents)
    func withoutWorkersTheAdminGetsClusterNotEnabled(document: String) async throws {
        let env = try await Self.environment.value
        #expect(await env.errorCodes(document, as: .admin) == ["CLUSTER_NOT_ENABLED"])
    }
}
