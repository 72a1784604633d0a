import Foundation
@testable import SwitchboardConnectors
import SwitchboardCrypto
import Synchronization
import Testing

/// The key ring on its own (no database).
@Suite struct KeyRingTests {
    /// A key source whose key can be replaced, like a key file rewritten by a rotation.
    final class ReplaceableKey: Sendable {
        let key: Mutex<MasterKey>
        init(_ key: MasterKey) { self.key = Mutex(key) }
        var source: MasterKeySource { MasterKeySource(description: "a test key") { self.key.withLock { $0 } } }
    }

    @Test func aWrappedKeyThatDoesNotOpenMakesTheRingReloadItsSourceOnce() throws {
        let old = MasterKey.generate()
        let new = MasterKey.generate()
        let file = ReplaceableKey(old)
        let ring = try KeyRing(source: file.source)
        let dataKey = try TenantDataKey.generate(version: 1)
        let wrappedWithNew = dataKey.wrap(with: new, tenantID: "ten_a")

        // The source still gives the old key: the failure stands.
        #expect(throws: CryptoError.authenticationFailed) {
            _ = try ring.tenantKey(tenantID: "ten_a", version: 1, wrapped: wrappedWithNew)
        }
        // The key file now holds the new key: one reload, and it opens.
        file.key.withLock { $0 = new }
        let opened = try ring.tenantKey(tenantID: "ten_a", version: 1, wrapped: wrappedWithNew)
        #expect(opened == dataKey)
        #expect(ring.masterKey == new)
        ring.reloadMasterKey(old)
        #expect(ring.masterKey == old)
    }

    @Test func unwrappedKeysAreCachedForTheirTimeToLiveOnly() throws {
        let master = MasterKey.generate()
        let dataKey = try TenantDataKey.generate(version: 3)
        let wrapped = dataKey.wrap(with: master, tenantID: "ten_a")
        var tampered = wrapped
        tampered[tampered.count - 1] ^= 1

        let caching = KeyRing(masterKey: master)
        #expect(try caching.tenantKey(tenantID: "ten_a", version: 3, wrapped: wrapped) == dataKey)
        // Served from the cache: the bytes given are not even looked at.
        #expect(try caching.tenantKey(tenantID: "ten_a", version: 3, wrapped: tampered) == dataKey)
        #expect(caching.cachedKeys(of: "ten_a") == 1)
        caching.forget(tenantID: "ten_a")
        #expect(caching.cachedKeys(of: "ten_a") == 0)
        #expect(throws: CryptoError.authenticationFailed) {
            _ = try caching.tenantKey(tenantID: "ten_a", version: 3, wrapped: tampered)
        }

        let expiring = KeyRing(masterKey: master, cacheTimeToLive: .zero)
        #expect(try expiring.tenantKey(tenantID: "ten_a", version: 3, wrapped: wrapped) == dataKey)
        #expect(throws: CryptoError.authenticationFailed) {
            _ = try expiring.tenantKey(tenantID: "ten_a", version: 3, wrapped: tampered)
        }
    }

    @Test func theCacheIsBounded() throws {
        let master = MasterKey.generate()
        let ring = KeyRing(masterKey: master, cacheCapacity: 4)
        for index in 0..<10 {
            let key = try TenantDataKey.generate(version: 1)
            _ = try ring.tenantKey(tenantID: "ten_\(index)", version: 1, wrapped: key.wrap(with: master, tenantID: "ten_\(index)"))
        }
        #expect((0..<10).map { ring.cachedKeys(of: "ten_\($0)") }.reduce(0, +) == 4)
        #expect(ring.cachedKeys(of: "ten_9") == 1)
    }
}
