import Foundation
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import Testing

/// Projects and project connectors through the graph.
@Suite struct ProjectTests {
    static let environment = Task { try await TestGraph.make() }

    @Test func projectsAreCreatedListedAndDeleted() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let created = await env.data(
            #"mutation { createProject(input: {name: " Website "}) { id name connectors { id } createdAt } }"#,
            as: tenant.principal)["createProject"]
        let web = try #require(created["id"].string)
        #expect(web.hasPrefix("prj_"))
        #expect(created["name"] == "Website")
        #expect(created["connectors"] == [])
        let api = await env.createProject(tenant, name: "API")
        let listed = await env.data("{ projects { id name } }", as: tenant.principal)
        #expect(listed["projects"] == [["id": .string(web), "name": "Website"], ["id": .string(api), "name": "API"]])
        let one = await env.data(
            "query($id: ID!) { project(id: $id) { name } }", as: tenant.principal, variables: ["id": .string(api)])
        #expect(one["project"] == ["name": "API"])
        #expect(await env.errorCodes(#"mutation { createProject(input: {name: ""}) { id } }"#, as: tenant.principal)
            == ["BAD_USER_INPUT"])

        let deleted = await env.data(
            "mutation($id: ID!) { deleteProject(id: $id) }", as: tenant.principal, variables: ["id": .string(web)])
        #expect(deleted["deleteProject"] == true)
        let again = await env.data(
            "mutation($id: ID!) { deleteProject(id: $id) }", as: tenant.principal, variables: ["id": .string(web)])
        #expect(again["deleteProject"] == false)
        let gone = await env.data(
            "query($id: ID!) { project(id: $id) { name } }", as: tenant.principal, variables: ["id": .string(web)])
        #expect(gone["project"] == .null)
    }

    @Test func projectConnectorsAreEnabledUpdatedAndDisabled() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let project = await env.createProject(tenant, name: "App")
        let github = await env.createConnector(tenant, provider: "github", name: "Org GitHub")
        let enabled = await env.data(
            """
            mutation($p: ID!, $c: ID!) {
              enableProjectConnector(input: {projectId: $p, tenantConnectorId: $c, config: {repo: "org/app"}}) {
                id providerName config enabled project { id name } tenantConnector { id name }
              }
            }
            """, as: tenant.principal, variables: ["p": .string(project), "c": .string(github)])
        let projectConnector = enabled["enableProjectConnector"]
        let id = try #require(projectConnector["id"].string)
        #expect(id.hasPrefix("pc_"))
        #expect(projectConnector["providerName"] == "GitHub")
        #expect(projectConnector["config"] == ["repo": "org/app"])
        #expect(projectConnector["enabled"] == true)
        #expect(projectConnector["project"] == ["id": .string(project), "name": "App"])
        #expect(projectConnector["tenantConnector"] == ["id": .string(github), "name": "Org GitHub"])

        let updated = await env.data(
            #"mutation($id: ID!) { updateProjectConnector(id: $id, config: {repo: "org/other", branch: "main"}) { config } }"#,
            as: tenant.principal, variables: ["id": .string(id)])
        #expect(updated["updateProjectConnector"]["config"] == ["repo": "org/other", "branch": "main"])

        let disabled = await env.data(
            "mutation($id: ID!) { disableProjectConnector(id: $id) }", as: tenant.principal,
            variables: ["id": .string(id)])
        #expect(disabled["disableProjectConnector"] == true)
        let afterDisable = await env.data(
            """
            query($p: ID!, $c: ID!) {
              project(id: $p) { connectors { id enabled config } }
              connector(id: $c) { projects { id } }
            }
            """, as: tenant.principal, variables: ["p": .string(project), "c": .string(github)])
        #expect(afterDisable["project"]["connectors"] == [
            ["id": .string(id), "enabled": false, "config": ["repo": "org/other", "branch": "main"]],
        ])
        #expect(afterDisable["connector"]["projects"] == [])

        // Enabling again reuses the project connector and keeps its configuration.
        let again = await env.data(
            "mutation($p: ID!, $c: ID!) { enableProjectConnector(input: {projectId: $p, tenantConnectorId: $c}) { id enabled config } }",
            as: tenant.principal, variables: ["p": .string(project), "c": .string(github)])
        #expect(again["enableProjectConnector"] == [
            "id": .string(id), "enabled": true, "config": ["repo": "org/other", "branch": "main"],
        ])
        let projects = await env.data(
            "query($c: ID!) { connector(id: $c) { projects { id } } }", as: tenant.principal,
            variables: ["c": .string(github)])
        #expect(projects["connector"]["projects"] == [["id": .string(project)]])
    }

    @Test func unknownProjectsAndConnectorsAreNotFound() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let project = await env.createProject(tenant, name: "App")
        let connector = await env.createConnector(tenant, provider: "github")
        let enable = "mutation($p: ID!, $c: ID!) { enableProjectConnector(input: {projectId: $p, tenantConnectorId: $c}) { id } }"
        let missingProject = await env.run(
            enable, as: tenant.principal,
            variables: ["p": .string(OpaqueID.generate(.project)), "c": .string(connector)])
        #expect(missingProject.errors.map(\.connectorErrorCode) == [.notFound])
        #expect(missingProject.errors.first?.message.hasPrefix("No project with id") == true)
        let missingConnector = await env.run(
            enable, as: tenant.principal,
            variables: ["p": .string(project), "c": .string(OpaqueID.generate(.tenantConnector))])
        #expect(missingConnector.errors.map(\.connectorErrorCode) == [.notFound])
        #expect(missingConnector.errors.first?.message.hasPrefix("No connector with id") == true)
        let unknown = OpaqueID.generate(.projectConnector)
        #expect(await env.errorCodes(
            "mutation($id: ID!) { updateProjectConnector(id: $id, config: {}) { id } }", as: tenant.principal,
            variables: ["id": .string(unknown)]) == ["NOT_FOUND"])
        let disabled = await env.data(
            "mutation($id: ID!) { disableProjectConnector(id: $id) }", as: tenant.principal,
            variables: ["id": .string(unknown)])
        #expect(disabled["disableProjectConnector"] == false)
    }
}
