import Logging
import SwitchboardConnectors

/// Changes of placement while traffic flows: refreshing the shard map, moving a tenant, changing the worker count.
///
/// Every change goes the same way, under `placementLock` (one at a time, in this router):
/// 1. workers the new map has and this router does not are spawned, and waited for (bounded);
/// 2. the `PlacementGate` holds back new requests of the tenants whose owner changes, and waits (bounded) for
///    theirs under way on the old workers to finish;
/// 3. the change is written to PostgreSQL (the pin, the worker count), if it is this router's own;
/// 4. the map is swapped, and the held requests go to their new workers, which the key broker now grants keys to;
/// 5. the old workers are told to drop the moved tenants' keys, and workers the map no longer has are drained and
///    stopped.
///
/// Several routers on one database agree because the map lives there: each reads it every
/// `shardMapRefreshInterval` and follows it with the same steps, spawning or retiring its own `w1` … `wN`.
/// Remote workers (`--remote-worker`) are in the map and the worker set too, but never spawned or retired: their
/// links stay, and `RemoteWorkerConnector` keeps them connected.
extension ClusterRouter {
    /// The code-level bounds of `setWorkerCount`.
    public static let workerCountRange = 1...64

    /// Lets the router spawn and retire workers when the map asks for it.
    func attach(_ supervisor: WorkerSupervisor) {
        self.supervisor.withLock { $0 = supervisor }
    }

    /// Stops spawning and retiring workers (the cluster stopped).
    func detachSupervisor() {
        supervisor.withLock { $0 = nil }
    }

    /// Reads the shard map again and follows it (pins and worker counts set through another router or by hand).
    public func refreshShardMap() async throws {
        try await placementLock.withLock {
            let fresh = try await store.load()
            let hasSupervisor = supervisor.withLock { $0 != nil }
            let localSlots = workers.ids.filter(ShardMapStore.isLocalWorkerID)
            let localTarget = Set(fresh.workers.filter(ShardMapStore.isLocalWorkerID))
            guard fresh != gate.map || (hasSupervisor && localSlots != localTarget) else { return }
            try await follow(fresh)
        }
    }

    /// Refreshes the shard map every `settings.shardMapRefreshInterval` until cancelled.
    func refreshPeriodically() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: settings.shardMapRefreshInterval)
            do {
                try await refreshShardMap()
            } catch {
                if Task.isCancelled { return }
                logger.warning("Shard map refresh failed", metadata: ["error": .string(String(describing: error))])
            }
        }
    }

    /// Pins `tenantID` to `workerID` without failing any of its requests (see the type's steps).
    func pin(_ tenantID: String, to workerID: String) async throws {
        try await placementLock.withLock {
            let base = try await store.load()
            guard base.workers.contains(workerID) else {
                throw ConnectorError(.badUserInput, "There is no worker \"\(workerID)\".")
            }
            var pins = base.pins
            pins[tenantID] = workerID
            try await follow(ShardMap(workers: base.workers, pins: pins)) {
                try await store.pin(tenantID: tenantID, to: workerID)
            }
        }
    }

    /// Makes the cluster `count` local workers (`w1` … `wN`) without failing any request: new workers are started
    /// before tenants move to them, surplus ones drained after their tenants left. Remote workers stay.
    func changeWorkerCount(to count: Int) async throws {
        guard Self.workerCountRange.contains(count) else {
            throw ConnectorError(
                .badUserInput,
                "count must be between \(Self.workerCountRange.lowerBound) and \(Self.workerCountRange.upperBound); "
                    + "it is \(count).")
        }
        try await placementLock.withLock {
            let base = try await store.load()
            let remote = base.workers.filter { !ShardMapStore.isLocalWorkerID($0) }
            let target = ShardMap(workers: ShardMapStore.workerIDs(count: count) + remote, pins: base.pins)
            try await follow(target) { try await store.setWorkerCount(count) }
        }
    }

    /// Moves to `target` (the caller holds `placementLock`), running `commit` between the drain and the swap.
    private func follow(_ target: ShardMap, commit: () async throws -> Void = {}) async throws {
        let supervisor = self.supervisor.withLock { $0 }
        if let supervisor {
            // Only local ids are spawned: a remote id this router was not given has no link here.
            let missing = target.workers.filter { workers.link($0) == nil && ShardMapStore.isLocalWorkerID($0) }
            if !missing.isEmpty {
                logger.info("Starting workers", metadata: ["workers": .string(missing.joined(separator: ","))])
                let added = supervisor.add(missing)
                if await !supervisor.waitUntilReady(added, timeout: settings.workerStartWait) {
                    logger.warning("New workers not ready in time; their tenants wait for them", metadata: [
                        "workers": .string(missing.joined(separator: ",")),
                    ])
                }
            }
        }
        let change = try await gate.move(to: target, drainTimeout: settings.moveDrainTimeout, commit: commit)
        if !change.drainedInTime {
            logger.warning("Tenants moved before their requests under way finished", metadata: [
                "tenants": .stringConvertible(change.drainedTenants.count),
            ])
        }
        for link in workers.all {
            for tenantID in link.grantedTenants where target.owner(of: tenantID) != link.workerID {
                if link.revoke(tenantID: tenantID, keptVersion: nil) {
                    metrics.keyEvent(.revoke, worker: link.workerID)
                }
            }
        }
        if let supervisor, !target.workers.isEmpty {
            for id in workers.ids.subtracting(target.workers).filter(ShardMapStore.isLocalWorkerID).sorted() {
                logger.info("Retiring worker", metadata: ["worker.id": .string(id)])
                await supervisor.retire(id)
            }
        }
    }
}
