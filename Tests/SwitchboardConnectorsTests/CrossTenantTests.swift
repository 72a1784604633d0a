import Foundation
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import Testing

/// A tenant never sees, counts or changes another tenant's rows, whatever id it sends: another tenant's id behaves
/// exactly like an id that never existed, through every field, alias and fragment.
@Suite struct CrossTenantTests {
    static let environment = Task { try await TestGraph.make() }

    struct Populated {
        let tenant: TestGraph.Tenant
        let connector: String
        let project: String
        let projectConnector: String
    }

    func populate(_ env: TestGraph, _ name: String, provider: String) async throws -> Populated {
        let tenant = try await env.tenant(name)
        let connector = await env.createConnector(
            tenant, provider: provider, credentials: provider == "openai" ? ["apiKey": .string(openAIKey)] : nil)
        let project = await env.createProject(tenant, name: "\(name) project")
        let projectConnector = await env.enableProjectConnector(tenant, project: project, connector: connector)
        return Populated(tenant: tenant, connector: connector, project: project, projectConnector: projectConnector)
    }

    static let everything = """
        { viewer { id name connectors { id name status credentials { field maskedValue } projects { id } }
            projects { id name connectors { id enabled config tenantConnector { id } } } }
          connectorCount }
        """

    @Test func anotherTenantsIdsAreNotFoundEverywhere() async throws {
        let env = try await Self.environment.value
        let a = try await populate(env, "A", provider: "github")
        let b = try await populate(env, "B", provider: "openai")
        await env.data(
            #"mutation { setCredentialOverride(input: {providerId: "openai", override: {apiKey: "\#(openAIKey)"}}) { source } }"#,
            as: b.tenant.principal)
        let bBefore = await env.data(Self.everything, as: b.tenant.principal)
        let aBefore = await env.data(Self.everything, as: a.tenant.principal)
        let variables: [String: GraphQLValue] = [
            "c": .string(b.connector), "p": .string(b.project), "pc": .string(b.projectConnector),
            "ownProject": .string(a.project), "ownConnector": .string(a.connector),
        ]

        // Reads, through aliases and fragments: null, as for ids that never existed.
        let reads = await env.data(
            """
            query($c: ID!, $p: ID!) {
              connector(id: $c) { id }
              other: connector(id: $c) { ...Connector }
              project(id: $p) { ...Project }
              alias: project(id: $p) { id connectors { id } }
              ... on Query { inline: connector(id: $c) { name } }
              ...Roots
            }
            fragment Connector on TenantConnector { id name credentials { maskedValue } projects { id } }
            fragment Project on Project { id name connectors { tenantConnector { ...Connector } } }
            fragment Roots on Query { viaFragment: connector(id: $c) { id } count: connectorCount
              byProvider: connectors(where: {providerId: "openai"}) { id } }
            """, as: a.tenant.principal, variables: variables)
        #expect(reads == [
            "connector": nil, "other": nil, "project": nil, "alias": nil, "inline": nil, "viaFragment": nil, "count": 1,
            "byProvider": [],
        ])

        // Mutations: NOT_FOUND where a missing id is an error, false where the answer is whether it existed.
        for document in [
            #"mutation($c: ID!) { updateConnector(id: $c, input: {name: "stolen"}) { id } }"#,
            #"mutation($c: ID!) { updateConnector(id: $c, input: {credentials: {apiKey: "sk-aaaaaaaaaaaaaaaaaaaaaaaa"}}) { id } }"#,
            "mutation($c: ID!) { toggleConnector(id: $c, enabled: false) { id } }",
            "mutation($c: ID!, $ownProject: ID!) { enableProjectConnector(input: {projectId: $ownProject, tenantConnectorId: $c}) { id } }",
            "mutation($p: ID!, $ownConnector: ID!) { enableProjectConnector(input: {projectId: $p, tenantConnectorId: $ownConnector}) { id } }",
            "mutation($pc: ID!) { updateProjectConnector(id: $pc, config: {x: 1}) { id } }",
            "mutation($pc: ID!) { updateProjectConnector(id: $pc) { config } }",
        ] {
            let result = await env.run(document, as: a.tenant.principal, variables: variables)
            #expect(result.errors.map(\.connectorErrorCode) == [.notFound], "\(document)")
            #expect(result.data == .null)
        }
        let booleans = await env.data(
            """
            mutation($c: ID!, $p: ID!, $pc: ID!) {
              deleteConnector(id: $c) disableProjectConnector(id: $pc) deleteProject(id: $p)
              again: deleteConnector(id: $c)
            }
            """, as: a.tenant.principal, variables: variables)
        #expect(booleans == ["deleteConnector": false, "disableProjectConnector": false, "deleteProject": false, "again": false])

        // The same messages as for ids that never existed (the id is the one sent).
        let foreign = await env.run(
            #"mutation($c: ID!) { toggleConnector(id: $c, enabled: true) { id } }"#, as: a.tenant.principal,
            variables: ["c": .string(b.connector)])
        let missingID = OpaqueID.generate(.tenantConnector)
        let missing = await env.run(
            #"mutation($c: ID!) { toggleConnector(id: $c, enabled: true) { id } }"#, as: a.tenant.principal,
            variables: ["c": .string(missingID)])
        #expect(foreign.errors.first?.message.replacingOccurrences(of: b.connector, with: "ID")
            == missing.errors.first?.message.replacingOccurrences(of: missingID, with: "ID"))

        // B's override does not show in A's credential info, and nothing of B changed.
        let info = await env.data(#"{ credentialInfo(providerId: "openai") { source } }"#, as: a.tenant.principal)
        #expect(info["credentialInfo"]["source"] == "NONE")
        #expect(await env.data(Self.everything, as: b.tenant.principal) == bBefore)
        #expect(await env.data(Self.everything, as: a.tenant.principal) == aBefore)
        #expect(aBefore["viewer"]["connectors"].list.map { $0["id"] } == [.string(a.connector)])
        #expect(aBefore["connectorCount"] == 1)
    }

    @Test func connectorCountNeverCountsAnotherTenantsRows() async throws {
        let env = try await Self.environment.value
        let a = try await env.tenant("A")
        let b = try await env.tenant("B")
        for provider in ["github", "gitlab", "stripe"] { _ = await env.createConnector(b, provider: provider) }
        _ = await env.createConnector(a, provider: "github")
        // (filter, A's count, B's count); GitHub and GitLab need no form, so they are ACTIVE, Stripe PENDING.
        let expected: [(String, Int, Int)] = [
            ("", 1, 3), (#"(where: {providerId: "gitlab"})"#, 0, 1), ("(where: {category: SOURCE_CONTROL})", 1, 2),
            ("(where: {status: PENDING})", 0, 1), ("(where: {status: ACTIVE})", 1, 2),
        ]
        for (filter, countA, countB) in expected {
            #expect(await env.data("{ connectorCount\(filter) }", as: a.principal)["connectorCount"].int == countA, "\(filter)")
            #expect(await env.data("{ connectorCount\(filter) }", as: b.principal)["connectorCount"].int == countB, "\(filter)")
        }
    }

    @Test func theSameProviderIdsAndNamesInTwoTenantsStayApart() async throws {
        let env = try await Self.environment.value
        let a = try await populate(env, "A", provider: "openai")
        let b = try await populate(env, "B", provider: "openai")
        let aView = await env.data(
            "{ viewer { connectors { id projects { id } } projects { id connectors { id tenantConnector { id } } } } }",
            as: a.tenant.principal)
        #expect(aView == ["viewer": [
            "connectors": [["id": .string(a.connector), "projects": [["id": .string(a.project)]]]],
            "projects": [["id": .string(a.project), "connectors": [
                ["id": .string(a.projectConnector), "tenantConnector": ["id": .string(a.connector)]],
            ]]],
        ]])
        #expect(a.connector != b.connector)
    }
}
