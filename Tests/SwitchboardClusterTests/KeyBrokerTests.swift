import NIOCore
@testable import SwitchboardCluster
import SwitchboardConnectors
import SwitchboardCrypto
import SwitchboardGraphQL
import Synchronization
import Testing

/// The router grants a tenant's key only to the worker of the tenant's shard, sealed to that worker's session;
/// it refuses and logs any other request, and tells workers to drop keys that are no longer theirs to hold.
@Suite(.serialized) struct KeyBrokerTests {
    /// Asks the router for a key over `pair`, as a worker would.
    func ask(_ pair: ConnectedPair, tenantID: String, version: Int = 1) async throws -> ClusterMessage {
        try await pair.server.request(.keyRequest(KeyRequest(tenantID: tenantID, version: version)),
                                      timeout: .seconds(10))
    }

    @Test func theOwnerGetsItsTenantsKeySealedToItsSession() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w1")
        let session = KeySealing.SessionKeyPair()
        let pair = try await fixture.connect(fixture.link("w1"), session: session) { _, _ in }
        defer { Task { await pair.close() } }

        guard case .keyGrant(let grant) = try await ask(pair, tenantID: tenant.id) else {
            Issue.record("no grant")
            return
        }
        let expected = try #require(try await fixture.graph.tenantDataKey(tenantID: tenant.id, version: 1))
        #expect(try session.open(grant.sealedKey, version: 1) == expected)
        #expect(fixture.link("w1").grantedTenants == [tenant.id])

        // The log names the tenant, the worker and the key's fingerprint, never the key.
        let keyHex = expected.bytes.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        let granted = fixture.logs.all.filter { $0.contains("Key granted") }
        #expect(granted.count == 1)
        #expect(granted[0].contains("tenant.id=\(tenant.id)") && granted[0].contains("worker.id=w1"))
        #expect(granted[0].contains("key.fingerprint=\(expected.fingerprint)"))
        #expect(!fixture.logs.all.joined().contains(keyHex))

        // A version that does not exist is refused.
        #expect(try await ask(pair, tenantID: tenant.id, version: 9)
            == .keyRefusal(KeyRefusal(tenantID: tenant.id, reason: "no such tenant key")))
    }

    @Test func anotherShardsKeyIsRefusedAndTheAttemptLogged() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let theirs = try await fixture.tenant(on: "w2")
        let pair = try await fixture.connect(fixture.link("w1")) { _, _ in }
        defer { Task { await pair.close() } }

        let answer = try await ask(pair, tenantID: theirs.id)
        #expect(answer == .keyRefusal(KeyRefusal(tenantID: theirs.id, reason: "the tenant is not in this worker's shard")))
        #expect(fixture.link("w1").grantedTenants.isEmpty)
        let refused = fixture.logs.all.filter { $0.contains("Key request refused") }
        #expect(refused.count == 1)
        #expect(refused.first?.hasPrefix("warning") == true)
        #expect(refused.first?.contains("tenant.id=\(theirs.id)") == true)
        #expect(refused.first?.contains("worker.id=w1") == true)
        #expect(refused.first?.contains("tenant.owner=w2") == true)
        #expect(!fixture.logs.all.contains { $0.contains("Key granted") })
    }

    @Test func rotatingOrDeletingATenantOrMovingItAwayRevokesItsKeys() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let first = try await fixture.tenant(on: "w1")
        let second = try await fixture.tenant(on: "w1")
        let revokes = Mutex<[KeyRevoke]>([])
        let pair = try await fixture.connect(fixture.link("w1")) { frame, _ in
            if case .keyRevoke(let revoke) = frame.message { revokes.withLock { $0.append(revoke) } }
        }
        defer { Task { await pair.close() } }
        _ = try await ask(pair, tenantID: first.id)
        _ = try await ask(pair, tenantID: second.id)

        func waitForRevokes(_ count: Int) async throws -> [KeyRevoke] {
            for _ in 0..<300 where revokes.withLock({ $0.count }) < count { try await Task.sleep(for: .milliseconds(10)) }
            return revokes.withLock { $0 }
        }

        // A rotation by the admin: keep the new version only.
        let rotated = await fixture.graph.execute(
            "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion } }", variables: ["id": .string(first.id)],
            as: .admin)
        #expect(rotated.errors.isEmpty)
        #expect(try await waitForRevokes(1) == [KeyRevoke(tenantID: first.id, keptVersion: 2)])

        // The second tenant is pinned to the other worker: once the router reads the shard map, w1 drops its keys.
        try await fixture.router.store.pin(tenantID: second.id, to: "w2")
        try await fixture.router.refreshShardMap()
        #expect(try await waitForRevokes(2).last == KeyRevoke(tenantID: second.id, keptVersion: nil))
        #expect(try await ask(pair, tenantID: second.id) == .keyRefusal(
            KeyRefusal(tenantID: second.id, reason: "the tenant is not in this worker's shard")))

        // Deleting the first tenant: every version goes.
        #expect(try await fixture.graph.deleteTenant(id: first.id))
        #expect(try await waitForRevokes(3).last == KeyRevoke(tenantID: first.id, keptVersion: nil))
    }

    @Test func theShardMapIsStoredAndPinsOverrideTheHash() async throws {
        let fixture = try await RouterFixture.make(workers: ["w1", "w2", "w3"])
        defer { fixture.close() }
        let store = fixture.router.store
        #expect(try await store.load().workers == ["w1", "w2", "w3"])
        let tenant = try await fixture.tenant(on: "w3")
        try await store.pin(tenantID: tenant.id, to: "w1")
        var map = try await store.load()
        #expect(map.owner(of: tenant.id) == "w1")
        // Fewer workers: w3 becomes inactive, its row (and any pin to it) stays.
        try await store.setActiveWorkers(["w1", "w2"])
        map = try await store.load()
        #expect(map.workers == ["w1", "w2"])
        #expect(map.owner(of: tenant.id) == "w1")
        #expect(try await store.unpin(tenantID: tenant.id))
        #expect(try await !store.unpin(tenantID: tenant.id))
        map = try await store.load()
        #expect(map.owner(of: tenant.id) == ShardMap.rendezvousOwner(of: tenant.id, among: ["w1", "w2"]))
        // A deleted tenant's pin goes with it.
        try await store.pin(tenantID: tenant.id, to: "w2")
        #expect(try await fixture.graph.deleteTenant(id: tenant.id))
        #expect(try await store.load().pins.isEmpty)
    }
}
