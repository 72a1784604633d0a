import SwitchboardCrypto
import SwitchboardGraphQL

/// The admin's mutations of tenants.
enum TenantMutations {
    static let fields: [String: FieldBinding] = [
        "createTenant": .resolver { _, args, context in
            context.cache.clear()
            try context.requireAdmin("createTenant")
            let input = try Arguments.object(args["input"], "input")
            let name = try Arguments.name(try Arguments.string(input["name"], "input.name"), "input.name")
            let (tenant, token) = try await create(name: name, services: context.services)
            return CreateTenantPayloadRecord(tenant: tenant, token: token)
        },

        "deleteTenant": .resolver { _, args, context in
            context.cache.clear()
            try context.requireAdmin("deleteTenant")
            let id = try Arguments.string(args["id"], "id")
            return try await delete(id: id, services: context.services)
        },

        "rotateTenantKey": .resolver { _, args, context in
            context.cache.clear()
            try context.requireAdmin("rotateTenantKey")
            let id = try Arguments.string(args["id"], "id")
            guard OpaqueID.isWellFormed(id, .tenant),
                let rotation = try await context.services.tenantKeys.rotate(
                    tenantID: id, database: context.database)
            else { throw ConnectorError.notFound("tenant", id: id) }
            return RotateTenantKeyPayloadRecord(
                tenant: rotation.tenant, keyVersion: rotation.keyVersion,
                resealedCredentials: rotation.resealedCredentials)
        },
    ]

    /// Creates a tenant with its first data key and a new API token, which is returned here only (the database
    /// keeps its keyed hash).
    static func create(name: String, services: ConnectorServices) async throws -> (TenantRecord, String) {
        let id = OpaqueID.generate(.tenant)
        let token = TokenHasher.generateToken(prefix: TokenHasher.defaultPrefix)
        let tenant = try await services.database.transaction(.tenant(id)) { transaction in
            let tenant = try await TenantStore.insert(
                id: id, name: name, tokenHash: services.authenticator.hash(token), in: transaction)
            try await services.tenantKeys.createFirstKey(tenantID: id, in: transaction)
            return tenant
        }
        return (tenant, token)
    }

    /// Deletes a tenant, everything it owns and its data keys (which shreds its credentials, wherever copies of
    /// the ciphertexts may be). Its token stops working at once in this process.
    static func delete(id: String, services: ConnectorServices) async throws -> Bool {
        let deleted = try await services.database.transaction(.allTenants) { transaction in
            try await TenantStore.delete(id, in: transaction)
        }
        services.authenticator.forgetTenant(id)
        services.keyRing.forget(tenantID: id)
        return deleted
    }
}
