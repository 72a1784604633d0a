import SwitchboardConnectors

/// The router as the graph's `ClusterAdministration`: the admin's `workers`, `tenantPlacement` and `moveTenant`.
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

    /// Pins the tenant in the shard map (the same pin as `cluster_pins`) and reads the map again at once, so that
    /// this router sends the tenant's next request to its new worker and the old one drops the tenant's keys.
    public func moveTenant(_ tenantID: String, to workerID: String) async throws -> ClusterTenantPlacement {
        guard links.contains(where: { $0.workerID == workerID }) else {
            throw ConnectorError(.badUserInput, "There is no worker \"\(workerID)\".")
        }
        try await store.pin(tenantID: tenantID, to: workerID)
        try await refreshShardMap()
        return ClusterTenantPlacement(tenantID: tenantID, workerID: workerID, pinned: true)
    }
}
