import Logging
@testable import SwitchboardCluster
import SwitchboardCrypto
import Synchronization
import Testing

/// Keys sealed to a session open only with that session's key pair, and a worker's key store holds only what
/// its router granted, for as long as it is allowed to.
@Suite struct WorkerKeyStoreTests {
    @Test func aSealedKeyOpensOnlyWithItsSessionAndUnaltered() throws {
        let session = KeySealing.SessionKeyPair()
        let other = KeySealing.SessionKeyPair()
        let key = try TenantDataKey.generate(version: 3)
        let sealed = try KeySealing.seal(key, to: session.publicKey)
        #expect(sealed.count == KeySealing.sealedByteCount)
        // Sealing is randomized (an ephemeral key each time), and the sealed bytes do not contain the key.
        #expect(try KeySealing.seal(key, to: session.publicKey) != sealed)
        let opened = try session.open(sealed, version: 3)
        #expect(opened == key)
        #expect(opened.fingerprint == key.fingerprint)
        #expect(throws: CryptoError.authenticationFailed) { _ = try other.open(sealed, version: 3) }
        var tampered = sealed
        tampered[40] ^= 1
        #expect(throws: CryptoError.authenticationFailed) { _ = try session.open(tampered, version: 3) }
        #expect(throws: CryptoError.authenticationFailed) { _ = try session.open(Array(sealed.dropLast()), version: 3) }
        #expect(throws: CryptoError.self) { _ = try KeySealing.seal(key, to: [1, 2, 3]) }
    }

    /// A fake router: grants the keys of `keys` (sealed to the store's session), refuses the others, counts asks.
    final class FakeRouter: Sendable {
        let keys: [String: TenantDataKey]
        let asked = Mutex<[KeyRequest]>([])
        let publicKey = Mutex<[UInt8]>([])

        init(keys: [String: TenantDataKey]) { self.keys = keys }

        func handle(_ frame: ClusterFrame, _ connection: FrameConnection) {
            guard case .keyRequest(let request) = frame.message else { return }
            asked.withLock { $0.append(request) }
            if let key = keys[request.tenantID], key.version == request.version,
                let sealed = try? KeySealing.seal(key, to: publicKey.withLock { $0 })
            {
                connection.answer(frame, with: .keyGrant(
                    KeyGrant(tenantID: request.tenantID, version: request.version, sealedKey: sealed)))
            } else {
                connection.answer(frame, with: .keyRefusal(KeyRefusal(tenantID: request.tenantID, reason: "not yours")))
            }
        }
    }

    @Test func grantedKeysAreKeptUntilRevokedAndRefusalsFail() async throws {
        let mine = try TenantDataKey.generate(version: 1)
        let router = FakeRouter(keys: ["ten_mine": mine])
        // The worker's side is the pair's server (it accepted the router's connection); the router is the client.
        let pair = try await ConnectedPair.make(serverFrames: { _, _ in }, clientFrames: { frame, connection in
            router.handle(frame, connection)
        })
        let store = WorkerKeyStore(logger: Logger(label: "test"))
        let session = KeySealing.SessionKeyPair()
        router.publicKey.withLock { $0 = session.publicKey }
        store.attach(pair.server, keyPair: session)

        #expect(try await store.tenantKey(tenantID: "ten_mine", version: 1) == mine)
        #expect(try await store.tenantKey(tenantID: "ten_mine", version: 1) == mine)
        #expect(router.asked.withLock { $0.count } == 1)
        #expect(store.heldKeys == [HeldKey(tenantID: "ten_mine", version: 1, fingerprint: mine.fingerprint)])

        await #expect(throws: WorkerKeyStore.KeyUnavailable.self) {
            try await store.tenantKey(tenantID: "ten_theirs", version: 1)
        }
        #expect(store.heldKeys.count == 1)

        // Revoked but for another version: kept. Revoked: gone, and asked for again next time.
        store.revoke(tenantID: "ten_mine", keptVersion: 1)
        #expect(store.heldKeys.count == 1)
        store.revoke(tenantID: "ten_mine", keptVersion: nil)
        #expect(store.heldKeys.isEmpty)
        #expect(try await store.tenantKey(tenantID: "ten_mine", version: 1) == mine)
        #expect(router.asked.withLock { $0.count } == 3)

        // The router's connection ends: nothing is held, nothing can be had.
        store.detach()
        #expect(store.heldKeys.isEmpty)
        await #expect(throws: WorkerKeyStore.KeyUnavailable.self) {
            try await store.tenantKey(tenantID: "ten_mine", version: 1)
        }
        await pair.close()
    }

    @Test func keysExpire() async throws {
        let mine = try TenantDataKey.generate(version: 2)
        let router = FakeRouter(keys: ["ten_mine": mine])
        let pair = try await ConnectedPair.make(serverFrames: { _, _ in }, clientFrames: { frame, connection in
            router.handle(frame, connection)
        })
        let store = WorkerKeyStore(timeToLive: .milliseconds(50), logger: Logger(label: "test"))
        let session = KeySealing.SessionKeyPair()
        router.publicKey.withLock { $0 = session.publicKey }
        store.attach(pair.server, keyPair: session)
        _ = try await store.tenantKey(tenantID: "ten_mine", version: 2)
        #expect(store.heldKeys.count == 1)
        try await Task.sleep(for: .milliseconds(80))
        #expect(store.heldKeys.isEmpty)
        _ = try await store.tenantKey(tenantID: "ten_mine", version: 2)
        #expect(router.asked.withLock { $0.count } == 2)
        await pair.close()
    }
}
