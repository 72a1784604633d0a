@testable import SwitchboardCluster
import Testing

/// Rendezvous placement: stable, even, and minimal under changes of the worker set; pins first.
@Suite struct ShardMapTests {
    static let tenants = (0..<10_000).map { "ten_synthetic\($0)" }

    static func workers(_ count: Int) -> [String] { (1...count).map { "w\($0)" } }

    static func placement(_ map: ShardMap) -> [String: String] {
        var placement: [String: String] = [:]
        for tenant in tenants { placement[tenant] = map.owner(of: tenant) }
        return placement
    }

    @Test(arguments: 1...7)
    func addingAWorkerMovesAboutItsShareAndOnlyToIt(count: Int) {
        let before = Self.placement(ShardMap(workers: Self.workers(count)))
        let after = Self.placement(ShardMap(workers: Self.workers(count + 1)))
        let newcomer = "w\(count + 1)"
        let moved = Self.tenants.filter { before[$0] != after[$0] }
        // No tenant moves between two old workers: every move goes to the newcomer.
        #expect(moved.allSatisfy { after[$0] == newcomer })
        // About 1/(N+1) of them move: within 15% of the expectation (10,000 tenants; the spread is about 1-3%).
        let expected = Double(Self.tenants.count) / Double(count + 1)
        #expect(abs(Double(moved.count) - expected) < expected * 0.15, "moved \(moved.count), expected ~\(Int(expected))")
    }

    @Test func tenantsSpreadEvenlyOverTheWorkers() {
        let placement = Self.placement(ShardMap(workers: Self.workers(4)))
        var counts: [String: Int] = [:]
        for worker in placement.values { counts[worker, default: 0] += 1 }
        #expect(counts.count == 4)
        for (worker, count) in counts {
            #expect(abs(count - 2_500) < 250, "\(worker) has \(count)")
        }
    }

    @Test func removingAWorkerMovesOnlyItsTenants() {
        let before = Self.placement(ShardMap(workers: Self.workers(5)))
        let after = Self.placement(ShardMap(workers: ["w1", "w2", "w4", "w5"]))
        for tenant in Self.tenants where before[tenant] != "w3" {
            #expect(after[tenant] == before[tenant])
        }
        #expect(Self.tenants.filter { before[$0] == "w3" }.allSatisfy { after[$0] != "w3" })
    }

    @Test func placementDependsOnIdsOnlyNotOnOrderOrProcess() {
        let a = ShardMap(workers: ["w3", "w1", "w2", "w2"])
        let b = ShardMap(workers: ["w1", "w2", "w3"])
        #expect(a.workers == ["w1", "w2", "w3"])
        #expect(Self.placement(a) == Self.placement(b))
        // A fixed value (computed apart, in Python): a change of the hash would move the tenants of running clusters.
        #expect(ShardMap.weight(tenantID: "ten_a", workerID: "w1") == 0x7bed_5612_9903_3c4e)
        #expect(ShardMap.weight(tenantID: "ten_a", workerID: "w1") != ShardMap.weight(tenantID: "w1", workerID: "ten_a"))
    }

    @Test func pinsOverrideTheHashWhileTheirWorkerIsActive() {
        let hashed = ShardMap(workers: Self.workers(3))
        let tenant = Self.tenants.first { hashed.owner(of: $0) != "w2" }!
        let pinned = ShardMap(workers: Self.workers(3), pins: [tenant: "w2"])
        #expect(pinned.owner(of: tenant) == "w2")
        #expect(pinned.isPinned(tenant))
        // Other tenants are not disturbed.
        #expect(Self.tenants.prefix(500).filter { $0 != tenant }.allSatisfy { pinned.owner(of: $0) == hashed.owner(of: $0) })
        // A pin to a worker outside the set is ignored: the hash places the tenant.
        let orphaned = ShardMap(workers: ["w1", "w3"], pins: [tenant: "w2"])
        #expect(!orphaned.isPinned(tenant))
        #expect(orphaned.owner(of: tenant) == ShardMap.rendezvousOwner(of: tenant, among: ["w1", "w3"]))
        #expect(ShardMap(workers: []).owner(of: tenant) == nil)
    }

    @Test func workerIDsAreChecked() {
        #expect(ShardMapStore.isValidWorkerID("w1"))
        #expect(ShardMapStore.isValidWorkerID("eu-west.worker_7"))
        #expect(!ShardMapStore.isValidWorkerID(""))
        #expect(!ShardMapStore.isValidWorkerID("w 1"))
        #expect(!ShardMapStore.isValidWorkerID(String(repeating: "w", count: 65)))
    }
}
