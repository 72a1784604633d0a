import SwitchboardCatalog
import SwitchboardGraphQL
import SwitchboardPostgres

/// The root query fields about a tenant's own data (the caller's tenant) and, for the admin, about tenants.
enum QueryResolvers {
    static let fields: [String: FieldBinding] = [
        "viewer": .resolver { _, _, context in
            let tenantID = try context.requireTenant("viewer")
            return try await loadTenant(tenantID, context)
        },
        "connectors": .resolver { _, args, context in
            let tenantID = try context.requireTenant("connectors")
            let filter = try connectorFilter(args["where"], context.catalog)
            let (limit, offset) = try Arguments.page(args)
            return try await context.transaction(.tenant(tenantID)) { transaction in
                try await ConnectorStore.list(
                    tenantID: tenantID, filter: filter, limit: limit, offset: offset, in: transaction)
            }
        },
        "connectorCount": .resolver { _, args, context in
            let tenantID = try context.requireTenant("connectorCount")
            let filter = try connectorFilter(args["where"], context.catalog)
            return try await context.transaction(.tenant(tenantID)) { transaction in
                try await ConnectorStore.count(tenantID: tenantID, filter: filter, in: transaction)
            }
        },
        "connector": .resolver { _, args, context in
            let tenantID = try context.requireTenant("connector")
            let id = try Arguments.string(args["id"], "id")
            return try await context.transaction(.tenant(tenantID)) { transaction in
                try await ConnectorStore.find(tenantID: tenantID, id: id, in: transaction)
            }
        },
        "credentialInfo": .resolver { _, args, context in
            let tenantID = try context.requireTenant("credentialInfo")
            let providerID = try Arguments.string(args["providerId"], "providerId")
            guard let provider = context.catalog.provider(id: providerID) else {
                throw ConnectorError.providerNotFound(providerID)
            }
            return try await context.transaction(.tenant(tenantID)) { transaction in
                try await credentialInfo(provider, tenantID: tenantID, context, in: transaction)
            }
        },
        "projects": .resolver { _, _, context in
            let tenantID = try context.requireTenant("projects")
            return try await context.transaction(.tenant(tenantID)) { transaction in
                try await ProjectStore.projects(ofTenants: [tenantID], in: transaction)
            }
        },
        "project": .resolver { _, args, context in
            let tenantID = try context.requireTenant("project")
            let id = try Arguments.string(args["id"], "id")
            return try await context.transaction(.tenant(tenantID)) { transaction in
                try await ProjectStore.find(tenantID: tenantID, id: id, in: transaction)
            }
        },
        "tenants": .resolver { _, args, context in
            try context.requireAdmin("tenants")
            let (limit, offset) = try Arguments.page(args)
            return try await context.transaction(.allTenants) { transaction in
                try await TenantStore.list(limit: limit, offset: offset, in: transaction)
            }
        },
        "tenant": .resolver { _, args, context in
            try context.requireAdmin("tenant")
            let id = try Arguments.string(args["id"], "id")
            return try await context.transaction(.allTenants) { transaction in
                try await TenantStore.find(id, in: transaction)
            }
        },
    ]

    /// The caller's tenant record (once per request). A tenant deleted since its token was checked is NOT_FOUND.
    static func loadTenant(_ tenantID: String, _ context: ConnectorContext) async throws -> TenantRecord {
        if let cached = context.cache.tenant(tenantID) { return cached }
        let tenant = try await context.transaction(.tenant(tenantID)) { transaction in
            try await TenantStore.find(tenantID, in: transaction)
        }
        guard let tenant else { throw ConnectorError.notFound("tenant", id: tenantID) }
        context.cache.remember(tenant)
        return tenant
    }

    /// `ConnectorFilter` from the `where` argument; the category becomes the catalog's providers of it.
    static func connectorFilter(_ value: GraphQLValue?, _ catalog: ProviderCatalog) throws -> ConnectorFilter {
        let input = try Arguments.object(value, "where")
        var filter = ConnectorFilter()
        if let status = try CatalogResolvers.enumArgument(input["status"], ConnectorStatus.self, "where.status") {
            filter.status = status
        }
        if let category = try CatalogResolvers.enumArgument(
            input["category"], ProviderCategory.self, "where.category")
        {
            filter.providerIDs = catalog.providers(category: category).map(\.id)
        }
        filter.enabled = Arguments.optionalBool(input["enabled"])
        filter.providerID = try Arguments.optionalString(input["providerId"], "where.providerId")
        if let name = try Arguments.optionalString(input["name"], "where.name"), !name.isEmpty {
            filter.nameContains = name
        }
        return filter
    }

    /// Where the tenant's credentials for `provider` come from, in `CredentialResolver`'s order: its connector's
    /// own credentials, else its override, else the platform's (HYBRID providers with a platform app), else none.
    static func credentialInfo(
        _ provider: Provider, tenantID: String, _ context: ConnectorContext, in transaction: PostgresTransaction
    ) async throws -> CredentialInfoRecord {
        let source = try await CredentialResolver.source(
            provider, tenantID: tenantID, services: context.services, in: transaction)
        return CredentialInfoRecord(
            providerID: provider.id, source: source, canOverride: provider.supportsTenantOverride)
    }
}
