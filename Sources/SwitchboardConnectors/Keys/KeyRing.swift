import Foundation
import SwitchboardCrypto
import Synchronization

/// The keys a process holds: the master key (reloadable) and the tenant data keys it has unwrapped.
///
/// Unwrapped data keys are cached (in guarded memory) by tenant and version: a key's bytes never change for a
/// given version, a master key rotation only rewraps them. The cache is bounded in size and time: a tenant's
/// entries go at once when the tenant is deleted or its key rotated in this process, and within the time to live
/// when that happens in another process (after which the key exists nowhere).
///
/// When a wrapped key does not open with the master key held, the master key may have been rotated by another
/// process (`switchboard rotate-master-key` beside a running server): the ring then reads its source once more
/// and, if that gives another key, retries with it.
///
/// A worker of a cluster holds no master key: its ring is made with a `TenantKeyProvider` (`init(provider:)`), which
/// hands out the data keys the router granted, and everything that needs the master key (creating or rotating a
/// tenant's key, the server secrets) fails with `KeyRing.NoMasterKey`.
public final class KeyRing: Sendable {
    public let source: MasterKeySource
    private let master: Mutex<MasterKey?>
    private let provider: (any TenantKeyProvider)?
    private let cache: Mutex<[CacheKey: CacheEntry]>
    private let cacheCapacity: Int
    private let cacheTimeToLive: Duration
    private let retirementObservers = Mutex<[@Sendable (_ tenantID: String, _ keptVersion: Int?) -> Void]>([])

    /// Thrown by what needs the master key in a ring that has none (a worker's).
    public struct NoMasterKey: Error, Sendable, CustomStringConvertible {
        public var description: String { "this process holds no master key: it receives tenant keys from its router" }
    }

    public static let defaultCacheCapacity = 1024
    public static let defaultCacheTimeToLive: Duration = .seconds(600)

    private struct CacheKey: Hashable {
        let tenantID: String
        let version: Int
    }

    private struct CacheEntry {
        let key: TenantDataKey
        let expires: ContinuousClock.Instant
    }

    /// Reads the master key from `source`.
    public convenience init(
        source: MasterKeySource, cacheCapacity: Int = defaultCacheCapacity,
        cacheTimeToLive: Duration = defaultCacheTimeToLive
    ) throws {
        try self.init(
            masterKey: source.load(), source: source, cacheCapacity: cacheCapacity, cacheTimeToLive: cacheTimeToLive)
    }

    /// A ring holding `masterKey`, which reloads from `source` (by default: nowhere else, the same key).
    public init(
        masterKey: MasterKey, source: MasterKeySource? = nil, cacheCapacity: Int = defaultCacheCapacity,
        cacheTimeToLive: Duration = defaultCacheTimeToLive
    ) {
        self.source = source ?? .fixed(masterKey)
        self.master = Mutex(masterKey)
        self.provider = nil
        self.cache = Mutex([:])
        self.cacheCapacity = max(1, cacheCapacity)
        self.cacheTimeToLive = cacheTimeToLive
    }

    /// A ring without a master key, whose data keys all come from `provider` (which keeps them: the ring caches
    /// none itself, so that a key the provider drops is gone from the process).
    public init(provider: any TenantKeyProvider) {
        self.source = MasterKeySource(description: "no source (this process holds no master key)") {
            throw NoMasterKey()
        }
        self.master = Mutex(nil)
        self.provider = provider
        self.cache = Mutex([:])
        self.cacheCapacity = 1
        self.cacheTimeToLive = .zero
    }

    /// The master key held now; nil in a ring made with a provider.
    public var masterKey: MasterKey? { master.withLock { $0 } }

    /// The master key, or `NoMasterKey` for a ring made with a provider.
    func requireMasterKey() throws(NoMasterKey) -> MasterKey {
        guard let key = masterKey else { throw NoMasterKey() }
        return key
    }

    /// Calls `observer` whenever keys of a tenant are dropped here (the tenant deleted, or its key rotated: then
    /// `keptVersion` is the version that stays). A router uses it to make its workers drop them too.
    public func onKeysRetired(_ observer: @escaping @Sendable (_ tenantID: String, _ keptVersion: Int?) -> Void) {
        retirementObservers.withLock { $0.append(observer) }
    }

    /// Replaces the master key held (cached data keys stay valid: their bytes do not depend on it).
    public func reloadMasterKey(_ key: MasterKey) {
        master.withLock { $0 = key }
    }

    /// Reads the source again; true when it gave a key other than the one held.
    @discardableResult
    public func reloadMasterKeyFromSource() throws -> Bool {
        guard provider == nil else { throw NoMasterKey() }
        let fresh = try source.load()
        return master.withLock { held in
            guard held != fresh else { return false }
            held = fresh
            return true
        }
    }

    /// Runs `body` with the master key; if it fails to open something (`.authenticationFailed`), reloads the
    /// master key from the source once and, if it changed, runs `body` again with the new key.
    func withMasterKey<T>(_ body: (MasterKey) throws -> T) throws -> T {
        let held = try requireMasterKey()
        do {
            return try body(held)
        } catch CryptoError.authenticationFailed {
            guard (try? reloadMasterKeyFromSource()) == true else { throw CryptoError.authenticationFailed }
            return try body(try requireMasterKey())
        }
    }

    /// The data key of `tenantID` at `version`: from the provider in a ring made with one, else as
    /// `tenantKey(tenantID:version:wrapped:)` gives it (`wrapped` is then what the database stores).
    func resolveTenantKey(tenantID: String, version: Int, wrapped: Data) async throws -> TenantDataKey {
        if let provider { return try await provider.tenantKey(tenantID: tenantID, version: version) }
        return try tenantKey(tenantID: tenantID, version: version, wrapped: wrapped)
    }

    /// The data key of `tenantID` at `version`, from the cache or unwrapped from `wrapped`.
    func tenantKey(tenantID: String, version: Int, wrapped: Data) throws -> TenantDataKey {
        let cacheKey = CacheKey(tenantID: tenantID, version: version)
        if let cached = cache.withLock({ $0[cacheKey] }), cached.expires > .now { return cached.key }
        let key = try withMasterKey { master in
            try TenantDataKey.unwrap(wrapped, with: master, tenantID: tenantID, version: version)
        }
        remember(key, tenantID: tenantID)
        return key
    }

    /// A new random data key for `tenantID`, and its wrapped form under the current master key.
    func newTenantKey(tenantID: String, version: Int) throws -> (key: TenantDataKey, wrapped: Data) {
        let master = try requireMasterKey()
        let key = try TenantDataKey.generate(version: version)
        return (key, key.wrap(with: master, tenantID: tenantID))
    }

    func remember(_ key: TenantDataKey, tenantID: String) {
        let now = ContinuousClock.now
        cache.withLock { cache in
            if cache.count >= cacheCapacity {
                for (cacheKey, entry) in cache where entry.expires <= now { cache.removeValue(forKey: cacheKey) }
            }
            if cache.count >= cacheCapacity, let soonest = cache.min(by: { $0.value.expires < $1.value.expires })?.key {
                cache.removeValue(forKey: soonest)
            }
            cache[CacheKey(tenantID: tenantID, version: key.version)] = CacheEntry(
                key: key, expires: now + cacheTimeToLive)
        }
    }

    /// Drops the cached keys of `tenantID`, all of them or all but `version`.
    func forget(tenantID: String, keepingVersion version: Int? = nil) {
        cache.withLock { cache in
            for key in cache.keys where key.tenantID == tenantID && key.version != version {
                cache.removeValue(forKey: key)
            }
        }
        for observer in retirementObservers.withLock({ $0 }) { observer(tenantID, version) }
    }

    /// How many data keys of `tenantID` are cached.
    func cachedKeys(of tenantID: String) -> Int {
        cache.withLock { $0.keys.filter { $0.tenantID == tenantID }.count }
    }
}
