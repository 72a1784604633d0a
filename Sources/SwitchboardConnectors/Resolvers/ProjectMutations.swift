import SwitchboardGraphQL

/// The mutations of projects and project connectors, each in one transaction scoped to the caller's tenant.
enum ProjectMutations {
    static let fields: [String: FieldBinding] = [
        "createProject": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("createProject")
            let input = try Arguments.object(args["input"], "input")
            let name = try Arguments.name(try Arguments.string(input["name"], "input.name"), "input.name")
            return try await context.transaction(.tenant(tenantID)) { transaction in
                try await ProjectStore.insert(tenantID: tenantID, name: name, in: transaction)
            }
        },

        "deleteProject": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("deleteProject")
            let id = try Arguments.string(args["id"], "id")
            return try await context.transaction(.tenant(tenantID)) { transaction in
                try await ProjectStore.delete(tenantID: tenantID, id: id, in: transaction)
            }
        },

        "enableProjectConnector": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("enableProjectConnector")
            let input = try Arguments.object(args["input"], "input")
            let projectID = try Arguments.string(input["projectId"], "input.projectId")
            let connectorID = try Arguments.string(input["tenantConnectorId"], "input.tenantConnectorId")
            let config = try Arguments.config(input["config"], "input.config")
            return try await context.transaction(.tenant(tenantID)) { transaction in
                guard try await ProjectStore.find(tenantID: tenantID, id: projectID, in: transaction) != nil else {
                    throw ConnectorError.notFound("project", id: projectID)
                }
                guard try await ConnectorStore.find(tenantID: tenantID, id: connectorID, in: transaction) != nil else {
                    throw ConnectorError.notFound("connector", id: connectorID)
                }
                return try await ProjectStore.enable(
                    tenantID: tenantID, projectID: projectID, tenantConnectorID: connectorID, config: config,
                    in: transaction)
            }
        },

        "updateProjectConnector": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("updateProjectConnector")
            let id = try Arguments.string(args["id"], "id")
            let config = try Arguments.config(args["config"])
            return try await context.transaction(.tenant(tenantID)) { transaction in
                let record = if let config {
                    try await ProjectStore.updateConfig(tenantID: tenantID, id: id, config: config, in: transaction)
                } else {
                    // No config argument: nothing to change.
                    try await ProjectStore.findProjectConnector(tenantID: tenantID, id: id, in: transaction)
                }
                guard let record else { throw ConnectorError.notFound("project connector", id: id) }
                return record
            }
        },

        "disableProjectConnector": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("disableProjectConnector")
            let id = try Arguments.string(args["id"], "id")
            return try await context.transaction(.tenant(tenantID)) { transaction in
                try await ProjectStore.disable(tenantID: tenantID, id: id, in: transaction)
            }
        },
    ]
}
