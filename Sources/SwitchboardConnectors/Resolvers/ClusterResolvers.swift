import SwitchboardGraphQL

/// The admin's fields about the cluster's workers, answered by the router's `ClusterAdministration`.
/// (`Tenant.placement` is bound with the other `Tenant` fields, in ObjectResolvers, and calls `placement` here.)
enum ClusterResolvers {
    static let queryFields: [String: FieldBinding] = [
        "workers": .resolver { _, _, context in
            try context.requireAdmin("workers")
            return try await cluster(context).workers()
        },
        "tenantPlacement": .resolver { _, args, context in
            try context.requireAdmin("tenantPlacement")
            let tenantID = try Arguments.string(args["tenantId"], "tenantId")
            let cluster = try cluster(context)
            guard try await tenantExists(tenantID, context) else { return nil }
            return cluster.placement(of: tenantID)
        },
        "shards": .resolver { _, _, context in
            try context.requireAdmin("shards")
            let cluster = try cluster(context)
            let tenantIDs = try await context.transaction(.allTenants) { transaction in
                try await TenantStore.allIDs(in: transaction)
            }
            return cluster.shards(of: tenantIDs)
        },
    ]

    /// `Tenant.placement`: admin only (FORBIDDEN for a tenant), null outside a cluster.
    static func placement(of tenant: TenantRecord, _ context: ConnectorContext) throws -> ClusterTenantPlacement? {
        try context.requireAdmin("placement")
        return context.services.cluster.withLock { $0 }?.placement(of: tenant.id)
    }

    static let mutationFields: [String: FieldBinding] = [
        "moveTenant": .resolver { _, args, context in
            try context.requireAdmin("moveTenant")
            let tenantID = try Arguments.string(args["tenantId"], "tenantId")
            let workerID = try Arguments.string(args["workerId"], "workerId")
            let cluster = try cluster(context)
            guard try await tenantExists(tenantID, context) else {
                throw ConnectorError.notFound("tenant", id: tenantID)
            }
            return try await cluster.moveTenant(tenantID, to: workerID)
        },
        "setWorkerCount": .resolver { _, args, context in
            try context.requireAdmin("setWorkerCount")
            guard case .int(let count)? = args["count"] else { throw ConnectorError.badInput("count must be an Int.") }
            return try await cluster(context).setWorkerCount(count)
        },
    ]

    static let types: ResolverRegistry = [
        "Worker": [
            "id": .property(ClusterWorkerInfo.self) { $0.id },
            "pid": .property(ClusterWorkerInfo.self) { $0.pid },
            "state": .property(ClusterWorkerInfo.self) { $0.state },
            "tenantCount": .property(ClusterWorkerInfo.self) { $0.tenantCount },
            "requests": .property(ClusterWorkerInfo.self) { $0.requests },
            "restarts": .property(ClusterWorkerInfo.self) { $0.restarts },
            "keyFingerprints": .property(ClusterWorkerInfo.self) { $0.keyFingerprints },
        ],
        "Shard": [
            "workerId": .property(ClusterShard.self) { $0.workerID },
            "tenantCount": .property(ClusterShard.self) { $0.tenantIDs.count },
            "pinnedCount": .property(ClusterShard.self) { $0.pinnedCount },
            "tenants": .resolver { source, args, context in
                let shard = try ObjectResolvers.cast(source, ClusterShard.self)
                let (limit, offset) = try Arguments.page(args)
                let page = Array(shard.tenantIDs.dropFirst(offset).prefix(limit))
                return try await context.transaction(.allTenants) { transaction in
                    try await TenantStore.find(ids: page, in: transaction)
                }
            },
        ],
        "TenantPlacement": [
            "tenantId": .property(ClusterTenantPlacement.self) { $0.tenantID },
            "workerId": .property(ClusterTenantPlacement.self) { $0.workerID },
            "pinned": .property(ClusterTenantPlacement.self) { $0.pinned },
        ],
    ]

    private static func cluster(_ context: ConnectorContext) throws -> any ClusterAdministration {
        guard let cluster = context.services.cluster.withLock({ $0 }) else {
            throw ConnectorError(.clusterNotEnabled, "This server runs without workers (serve --workers N).")
        }
        return cluster
    }

    private static func tenantExists(_ tenantID: String, _ context: ConnectorContext) async throws -> Bool {
        try await context.transaction(.allTenants) { transaction in
            try await TenantStore.find(tenantID, in: transaction)
        } != nil
    }
}
