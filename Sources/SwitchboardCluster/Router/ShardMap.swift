/// Which worker serves which tenant: rendezvous hashing over the worker set, explicit pins first.
///
/// Rendezvous (highest random weight) hashing gives each (tenant, worker) pair a pseudo-random weight and places the
/// tenant on the worker of highest weight. Adding a worker moves exactly the tenants for which the newcomer now
/// weighs most, about 1/(N+1) of them, and each of those moves to the newcomer: no tenant moves between two old
/// workers. Removing a worker moves only its own tenants. The weights depend on the ids alone, so every router
/// over the same database places every tenant the same way.
public struct ShardMap: Sendable, Equatable {
    /// The worker ids tenants are spread over, sorted.
    public let workers: [String]
    /// Explicit placements, by tenant id. A pin to a worker outside `workers` is ignored (the tenant falls back
    /// to the hash) until that worker is back.
    public let pins: [String: String]

    private let workerSet: Set<String>

    public init(workers: [String], pins: [String: String] = [:]) {
        let unique = Array(Set(workers)).sorted()
        self.workers = unique
        self.workerSet = Set(unique)
        self.pins = pins
    }

    /// The worker of `tenantID`; nil when there is no worker at all.
    public func owner(of tenantID: String) -> String? {
        if let pinned = pins[tenantID], workerSet.contains(pinned) { return pinned }
        return Self.rendezvousOwner(of: tenantID, among: workers)
    }

    /// Whether `tenantID`'s placement comes from an effective pin.
    public func isPinned(_ tenantID: String) -> Bool {
        guard let pinned = pins[tenantID] else { return false }
        return workerSet.contains(pinned)
    }

    /// The worker of highest weight for `tenantID` (ties, which need a 64-bit collision, go to the smaller id).
    public static func rendezvousOwner(of tenantID: String, among workers: [String]) -> String? {
        var best: (worker: String, weight: UInt64)?
        for worker in workers {
            let weight = Self.weight(tenantID: tenantID, workerID: worker)
            if let current = best {
                if weight > current.weight || (weight == current.weight && worker < current.worker) {
                    best = (worker, weight)
                }
            } else {
                best = (worker, weight)
            }
        }
        return best?.worker
    }

    /// The weight of a (tenant, worker) pair: FNV-1a over `worker id, 0, tenant id`, then the MurmurHash3 64-bit
    /// finalizer, whose avalanche makes weights of similar ids (`w1`, `w2`) independent. Stable across processes
    /// and versions, unlike Swift's seeded `Hasher`: placements are shared by every router.
    public static func weight(tenantID: String, workerID: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for byte in workerID.utf8 { mix(byte) }
        mix(0)
        for byte in tenantID.utf8 { mix(byte) }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }
}
