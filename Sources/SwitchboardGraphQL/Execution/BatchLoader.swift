import Synchronization

/// A per-request loader for batch resolvers: loads the keys it has not seen with one call, and remembers
/// every value for the rest of the request (create one per request, e.g. in the context).
///
/// The executor already hands a batch resolver all the parents of a level; the loader adds caching across
/// fields and levels, so that an entity asked for twice is loaded once.
public final class BatchLoader<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    public typealias Load = @Sendable ([Key]) async throws -> [Key: Value]

    private let loadKeys: Load
    private let cache = Mutex<[Key: Value?]>([:])

    /// `load` gets distinct keys that are not cached yet; a key missing from its answer loads as nil.
    public init(load: @escaping Load) {
        self.loadKeys = load
    }

    /// The values of `keys`, in order (nil where there is none), loading the uncached ones in one call.
    public func loadMany(_ keys: [Key]) async throws -> [Value?] {
        let missing: [Key] = cache.withLock { cached in
            var seen = Set<Key>()
            return keys.filter { cached[$0] == nil && seen.insert($0).inserted }
        }
        if !missing.isEmpty {
            let loaded = try await loadKeys(missing)
            cache.withLock { cached in
                for key in missing { cached[key] = .some(loaded[key]) }
            }
        }
        return cache.withLock { cached in keys.map { cached[$0] ?? nil } }
    }

    /// The value of one key.
    public func load(_ key: Key) async throws -> Value? {
        try await loadMany([key])[0]
    }

    /// Forgets every cached value.
    public func clear() {
        cache.withLock { $0.removeAll() }
    }
}
