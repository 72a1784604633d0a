@testable import SwitchboardCluster
import SwitchboardConnectors
import Synchronization
import Testing

/// The placement gate: a tenant's requests under way finish on its old worker before the map changes, its new
/// requests wait (bounded) and then go to the new worker, and tenants that do not move never wait.
@Suite struct PlacementGateTests {
    static let twoWorkers = ShardMap(workers: ["w1", "w2"])
    /// Two tenants of `twoWorkers`: one placed on w1 (the one moved in these tests) and one on w2.
    static let moving = (0..<100).map { "ten_\($0)" }.first { twoWorkers.owner(of: $0) == "w1" }!
    static let staying = (0..<100).map { "ten_\($0)" }.first { twoWorkers.owner(of: $0) == "w2" }!
    static let moved = ShardMap(workers: ["w1", "w2"], pins: [moving: "w2"])

    /// Polls `condition` for up to 10 s (a loaded machine may take its time to run a task).
    func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<1_000 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test func aMoveWaitsForTheTenantsRequestsUnderWayThenSendsTheHeldOnesToTheNewWorker() async throws {
        let gate = PlacementGate(map: Self.twoWorkers)
        #expect(await gate.admit(Self.moving, within: .seconds(1)) == .admitted(workerID: "w1"))
        let committed = Box(false)
        let move = Task {
            try await gate.move(to: Self.moved, drainTimeout: .seconds(5)) { committed.set(true) }
        }
        #expect(try await eventually { gate.isChanging })
        // The move is pending: a new request of the moving tenant waits at the gate…
        let held = Task { await gate.admit(Self.moving, within: .seconds(5)) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!committed.value)
        // …while another tenant's goes through at once.
        #expect(await gate.admit(Self.staying, within: .zero) == .admitted(workerID: "w2"))
        gate.release(Self.staying)
        #expect(gate.inFlight(Self.moving) == 1)

        // The request under way ends: the change is committed, and the held request goes to the new worker.
        gate.release(Self.moving)
        let change = try await move.value
        #expect(committed.value)
        #expect(change.drainedTenants == [Self.moving] && change.drainedInTime)
        #expect(change.previous == Self.twoWorkers)
        #expect(await held.value == .admitted(workerID: "w2"))
        #expect(gate.map == Self.moved)
    }

    @Test func aFailedCommitKeepsTheOldMapAndLetsTheHeldRequestsGoToTheOldWorker() async throws {
        let gate = PlacementGate(map: Self.twoWorkers)
        #expect(await gate.admit(Self.moving, within: .zero) == .admitted(workerID: "w1"))
        struct Refused: Error {}
        let move = Task {
            try await gate.move(to: Self.moved, drainTimeout: .seconds(5)) { throw Refused() }
        }
        #expect(try await eventually { gate.isChanging })
        let held = Task { await gate.admit(Self.moving, within: .seconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        gate.release(Self.moving)
        await #expect(throws: Refused.self) { try await move.value }
        #expect(await held.value == .admitted(workerID: "w1"))
        #expect(gate.map == Self.twoWorkers)
    }

    @Test func aRequestHeldLongerThanItMayWaitTimesOut() async throws {
        let gate = PlacementGate(map: Self.twoWorkers)
        #expect(await gate.admit(Self.moving, within: .zero) == .admitted(workerID: "w1"))
        let move = Task { try await gate.move(to: Self.moved, drainTimeout: .seconds(5)) }
        #expect(try await eventually { gate.isChanging })
        let clock = ContinuousClock()
        let started = clock.now
        #expect(await gate.admit(Self.moving, within: .milliseconds(200)) == .timedOut)
        #expect(clock.now - started >= .milliseconds(200))
        gate.release(Self.moving)
        _ = try await move.value
        #expect(await gate.admit(Self.moving, within: .zero) == .admitted(workerID: "w2"))
    }

    @Test func aRequestThatDoesNotFinishDelaysTheMoveOnlyUpToTheDrainTimeout() async throws {
        let gate = PlacementGate(map: Self.twoWorkers)
        #expect(await gate.admit(Self.moving, within: .zero) == .admitted(workerID: "w1"))
        let clock = ContinuousClock()
        let started = clock.now
        let change = try await gate.move(to: Self.moved, drainTimeout: .milliseconds(200))
        #expect(clock.now - started >= .milliseconds(200))
        #expect(!change.drainedInTime)
        #expect(gate.map == Self.moved)
        // Its late release is harmless.
        gate.release(Self.moving)
        #expect(gate.inFlight(Self.moving) == 0)
    }

    @Test func aMoveWithNothingUnderWayCommitsAtOnceAndTenantsWithoutWorkersAreRefused() async throws {
        let gate = PlacementGate(map: ShardMap(workers: []))
        #expect(await gate.admit(Self.moving, within: .seconds(1)) == .noWorker)
        let change = try await gate.move(to: Self.twoWorkers, drainTimeout: .seconds(5))
        #expect(change.drainedTenants.isEmpty && change.drainedInTime)
        #expect(await gate.admit(Self.moving, within: .zero) == .admitted(workerID: "w1"))
        #expect(gate.inFlight(Self.moving) == 1)
    }

    @Test func growingTheWorkerSetHoldsOnlyTheTenantsThatMove() async throws {
        let three = ShardMap(workers: ["w1", "w2", "w3"])
        let tenants = (0..<300).map { "ten_\($0)" }
        let gate = PlacementGate(map: Self.twoWorkers)
        for tenant in tenants { _ = await gate.admit(tenant, within: .zero) }
        let move = Task { try await gate.move(to: three, drainTimeout: .seconds(5)) }
        #expect(try await eventually { gate.isChanging })
        let movers = tenants.filter { three.owner(of: $0) != Self.twoWorkers.owner(of: $0) }
        #expect(movers.allSatisfy { three.owner(of: $0) == "w3" })
        #expect((60...140).contains(movers.count))
        // Those that stay go on as before; release them all: the move completes.
        for tenant in tenants where !movers.contains(tenant) {
            #expect(await gate.admit(tenant, within: .zero) == .admitted(workerID: Self.twoWorkers.owner(of: tenant)!))
            gate.release(tenant)
        }
        for tenant in tenants { gate.release(tenant) }
        let change = try await move.value
        #expect(change.drainedTenants == Set(movers))
        #expect(await gate.admit(movers[0], within: .zero) == .admitted(workerID: "w3"))
    }

    @Test func changesOfPlacementTakeTheLockOneAtATime() async throws {
        let lock = AsyncLock()
        let inside = Box((now: 0, most: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await lock.withLock {
                        inside.update { $0.now += 1; $0.most = max($0.most, $0.now) }
                        try? await Task.sleep(for: .milliseconds(5))
                        inside.update { $0.now -= 1 }
                    }
                }
            }
        }
        #expect(inside.value.most == 1)
    }

    @Test func theWorkerCountIsStoredWithTheActiveWorkerSet() async throws {
        let fixture = try await RouterFixture.make(workers: ["w1", "w2"])
        defer { fixture.close() }
        let store = fixture.router.store
        #expect(try await store.workerCount() == nil)
        try await store.setWorkerCount(3)
        #expect(try await store.workerCount() == 3)
        #expect(try await store.load().workers == ["w1", "w2", "w3"])
        try await store.setWorkerCount(1)
        #expect(try await store.workerCount() == 1)
        #expect(try await store.load().workers == ["w1"])
        #expect(ShardMapStore.workerIDs(count: 3) == ["w1", "w2", "w3"])
    }

    @Test func aWorkerCountLeavesTheRemoteWorkersActive() async throws {
        let fixture = try await RouterFixture.make(workers: ["w1", "r1"])
        defer { fixture.close() }
        let store = fixture.router.store
        // A router starting: its remote workers replace the others (r2 was a remote worker no longer given).
        try await store.setActiveWorkers(["w1", "r1", "r2"])
        try await store.setWorkerCount(2, remoteWorkers: ["r1"])
        #expect(try await store.load().workers == ["r1", "w1", "w2"])
        // setWorkerCount through any router: the local count changes, the active remote workers stay.
        try await fixture.router.changeWorkerCount(to: 1)
        #expect(try await store.workerCount() == 1)
        #expect(try await store.load().workers == ["r1", "w1"])
        #expect(fixture.router.shardMap.workers == ["r1", "w1"])
        #expect(fixture.router.workers.ids == ["w1", "r1"])
        // Remote workers only (`--workers 0`): no count is stored (the table holds 1 … 256).
        try await store.setWorkerCount(0, remoteWorkers: ["r1"])
        #expect(try await store.workerCount() == nil)
        #expect(try await store.load().workers == ["r1"])
        #expect(ShardMapStore.isLocalWorkerID("w12") && !ShardMapStore.isLocalWorkerID("w")
            && !ShardMapStore.isLocalWorkerID("r1") && !ShardMapStore.isLocalWorkerID("w1a"))
    }

    @Test func movingATenantPinsItAndChangingTheCountChecksItsBounds() async throws {
        let fixture = try await RouterFixture.make(workers: ["w1", "w2"])
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w1")
        let placement = try await fixture.router.moveTenant(tenant.id, to: "w2")
        #expect(placement == ClusterTenantPlacement(tenantID: tenant.id, workerID: "w2", pinned: true))
        #expect(fixture.router.shardMap.owner(of: tenant.id) == "w2")
        #expect(try await fixture.router.store.load().pins[tenant.id] == "w2")
        await #expect(throws: ConnectorError.self) { try await fixture.router.moveTenant(tenant.id, to: "w7") }
        for count in [0, 65] {
            let error = await #expect(throws: ConnectorError.self) {
                try await fixture.router.changeWorkerCount(to: count)
            }
            #expect(error?.code == .badUserInput)
        }
        // Without a supervisor (links driven by hand) the map still follows: shards list every tenant once.
        let shards = fixture.router.shards(of: [tenant.id])
        #expect(shards.map(\.workerID) == ["w1", "w2"])
        #expect(shards[1].tenantIDs == [tenant.id] && shards[1].pinnedCount == 1)
    }
}

/// A value shared with tasks.
private final class Box<Value: Sendable>: Sendable {
    private let state: Mutex<Value>
    init(_ value: Value) { state = Mutex(value) }
    var value: Value { state.withLock { $0 } }
    func set(_ value: Value) { state.withLock { $0 = value } }
    func update(_ body: (inout Value) -> Void) { state.withLock { body(&$0) } }
}
