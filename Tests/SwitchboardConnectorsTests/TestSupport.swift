import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres
import Testing

/// The admin token of the test graphs.
let testAdminToken = "test-admin-token-0123456789"

/// A connector graph on a PostgreSQL database of its own (`SWITCHBOARD_TEST_DATABASE_URL`, which `ops/test.sh`
/// sets after starting a throwaway cluster; without it the tests fail, they never skip). Each suite makes one and
/// its tests share it, each test with tenants of its own.
struct TestGraph: Sendable {
    let graph: ConnectorGraph
    /// The pool the graph uses. It connects as the cluster's superuser, which row-level security does not
    /// restrict: tests use it to look at and tamper with the stored rows directly.
    let pool: PostgresPool
    let configuration: PostgresConfiguration

    static func make(
        masterKeySource: MasterKeySource = .fixed(MasterKey.generate()),
        providerConfiguration: ProviderConfiguration = .empty,
        http: any ProviderHTTPClient = AsyncHTTPProviderClient(),
        errorReporter: (@Sendable (any Error) -> Void)? = nil
    ) async throws -> TestGraph {
        let configuration = try await freshDatabase()
        let pool = PostgresPool(configuration: configuration)
        let graph = try await ConnectorGraph.start(
            pool: pool, masterKeySource: masterKeySource, catalog: try ProviderCatalog.bundled(),
            providerConfiguration: providerConfiguration, http: http, adminToken: testAdminToken,
            errorReporter: errorReporter)
        return TestGraph(graph: graph, pool: pool, configuration: configuration)
    }

    static func baseConfiguration() throws -> PostgresConfiguration {
        let url = try #require(
            ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            "PostgreSQL is required: run ops/test.sh, which starts it")
        var configuration = try PostgresConfiguration(url)
        configuration.poolSize = 4
        return configuration
    }

    /// Creates a database with a random name and returns its configuration.
    static func freshDatabase() async throws -> PostgresConfiguration {
        var configuration = try baseConfiguration()
        let admin = PostgresPool(configuration: configuration)
        defer { admin.close() }
        let name = "sbgraph_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        _ = try await admin.query("CREATE DATABASE \(name)")
        configuration.database = name
        return configuration
    }

    // MARK: Tenants

    struct Tenant: Sendable {
        let id: String
        let token: String
        var principal: Principal { .tenant(id) }
    }

    func tenant(_ name: String = "Tenant") async throws -> Tenant {
        let (record, token) = try await graph.createTenant(name: name)
        return Tenant(id: record.id, token: token)
    }

    // MARK: Running documents

    /// Executes `document` for `principal`.
    func run(
        _ document: String, as principal: Principal, variables: [String: GraphQLValue]? = nil
    ) async -> ExecutionResult {
        await graph.execute(document, variables: variables, as: principal)
    }

    /// Executes `document` and returns its data, recording an issue for any error.
    @discardableResult
    func data(
        _ document: String, as principal: Principal, variables: [String: GraphQLValue]? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async -> GraphQLValue {
        let result = await run(document, as: principal, variables: variables)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.message))", sourceLocation: sourceLocation)
        return result.data ?? .null
    }

    /// Executes `document`, expecting errors; returns their codes.
    func errorCodes(
        _ document: String, as principal: Principal, variables: [String: GraphQLValue]? = nil
    ) async -> [String] {
        let result = await run(document, as: principal, variables: variables)
        return result.errors.map { $0.connectorErrorCode?.rawValue ?? "no code: \($0.message)" }
    }

    /// Creates a connector through the graph and returns its id.
    func createConnector(
        _ tenant: Tenant, provider: String, credentials: GraphQLValue? = nil, name: String? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async -> String {
        var input: OrderedDictionary<String, GraphQLValue> = ["providerId": .string(provider)]
        if let credentials { input["credentials"] = credentials }
        if let name { input["name"] = .string(name) }
        let data = await data(
            "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }",
            as: tenant.principal, variables: ["input": .object(input)], sourceLocation: sourceLocation)
        return data["createConnector"]["id"].string ?? ""
    }

    func createProject(_ tenant: Tenant, name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async
        -> String
    {
        let data = await data(
            "mutation($name: String!) { createProject(input: {name: $name}) { id } }", as: tenant.principal,
            variables: ["name": .string(name)], sourceLocation: sourceLocation)
        return data["createProject"]["id"].string ?? ""
    }

    func enableProjectConnector(
        _ tenant: Tenant, project: String, connector: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async -> String {
        let data = await data(
            """
            mutation($p: ID!, $c: ID!) {
              enableProjectConnector(input: {projectId: $p, tenantConnectorId: $c}) { id }
            }
            """, as: tenant.principal, variables: ["p": .string(project), "c": .string(connector)],
            sourceLocation: sourceLocation)
        return data["enableProjectConnector"]["id"].string ?? ""
    }
}

/// A valid-looking OpenAI key (the catalog's pattern: `sk-` and 20 or more characters).
let openAIKey = "sk-proj-abcdefghijklmnopqrstuvwxyz123456"

extension GraphQLValue {
    subscript(key: String) -> GraphQLValue {
        if case .object(let object) = self { return object[key] ?? .null }
        return .null
    }

    subscript(index: Int) -> GraphQLValue {
        if case .list(let items) = self, items.indices.contains(index) { return items[index] }
        return .null
    }

    var string: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    var int: Int? {
        if case .int(let int) = self { return int }
        return nil
    }

    var bool: Bool? {
        if case .boolean(let bool) = self { return bool }
        return nil
    }

    var list: [GraphQLValue] {
        if case .list(let items) = self { return items }
        return []
    }
}
