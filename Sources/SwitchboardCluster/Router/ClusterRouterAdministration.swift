import SwitchboardConnectors

/// The router as the graph's `ClusterAdministration`: the admin's `workers`, `tenantPlacement`, `shards`,
/// `Tenant.placement`, `moveTenant` and `setWorkerCount`.
extension ClusterRouter: ClusterAdministration {
    public func workers() async -> [ClusterWorkerInfo] {
        await workerStatuses().map { status in
            ClusterWorkerInfo(
                id: status.workerID, pid: status.pid.map(Int.init), state: status.phase.rawValue,
                tenantCount: status.stats?.tenantsServed, requests: status.stats.map { Int(clamping: $0.requests) },
                restarts: status.restarts, keyFingerprints: status.stats?.keys.map(\.fingerprint) ?? [])
        }
    }

    public func placement(of tenantID: String) -> ClusterTenantPlacement? {
        let map = shardMap
        guard let owner = map.owner(of: tenantID) else { return nil }
        return ClusterTenantPlacement(tenantID: tenantID, workerID: owner, pinned: map.isPinned(tenantID))
    }

    public func shards(of tenantIDs: [String]) -> [ClusterShard] {
        let map = shardMap
        var shards = Dictionary(uniqueKeysWithValues: map.workers.map {
            ($0, ClusterShard(workerID: $0, tenantIDs: [], pinnedCount: 0))
        })
        for tenantID in tenantIDs.sorted() {
            guard let owner = map.owner(of: tenantID) else { continue }
            shards[owner]?.tenantIDs.append(tenantID)
            if map.isPinned(tenantID) { shards[owner]?.pinnedCount += 1 }
        }
        return map.workers.compactMap { shards[$0] }
    }

    /// Pins the tenant in the shard map (the same pin as `cluster_pins`) through the placement gate: its requests
    /// under way finish on the old worker, the next ones go to the new one, none fails.
    public func moveTenant(_ tenantID: String, to workerID: String) async throws -> ClusterTenantPlacement {
        try await pin(tenantID, to: workerID)
        return ClusterTenantPlacement(tenantID: tenantID, workerID: workerID, pinned: true)
    }

    public func setWorkerCount(_ count: Int) async throws -> [ClusterWorkerInfo] {
        try await changeWorkerCount(to: count)
        return await workers()
    }
}
