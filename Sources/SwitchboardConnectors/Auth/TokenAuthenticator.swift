import SwitchboardCrypto
import SwitchboardPostgres
import Synchronization

/// Turns a bearer token into a principal.
///
/// The admin token is compared with the configured one in constant time (through their keyed hashes, which have
/// the same length whatever the tokens'). A tenant token is looked up by its keyed hash, the only form in which
/// tokens are stored. Successful lookups are cached for a short time, by hash (never by token); deleting a tenant
/// in this process removes its entries at once, and other processes forget them within the time to live.
public final class TokenAuthenticator: Sendable {
    public static let defaultTimeToLive: Duration = .seconds(30)
    public static let defaultCacheCapacity = 1024
    /// The shortest admin token accepted: anything shorter could be guessed.
    public static let minimumAdminTokenLength = 16

    private let database: Database
    private let hasher: TokenHasher
    private let adminTokenHash: String?
    private let timeToLive: Duration
    private let capacity: Int
    private let acceptsTokens: Bool
    private let state = Mutex(CacheState())

    private struct Entry {
        let tenantID: String
        let expires: ContinuousClock.Instant
    }

    private struct CacheState {
        var entries: [String: Entry] = [:]
        /// Tenants deleted in this process lately: a lookup that was under way when one was deleted must not put
        /// its token back in the cache.
        var forgotten: [String: ContinuousClock.Instant] = [:]
    }

    init(
        database: Database, hasher: TokenHasher, adminToken: String?, timeToLive: Duration, capacity: Int,
        acceptsTokens: Bool = true
    ) {
        self.database = database
        self.hasher = hasher
        self.adminTokenHash = adminToken.map { hasher.hash($0) }
        self.timeToLive = timeToLive
        self.capacity = max(1, capacity)
        self.acceptsTokens = acceptsTokens
    }

    /// An authenticator that refuses every token: a cluster worker's, whose requests come authenticated by the
    /// router (the key of the token hashes is a server secret that only the master key opens).
    static func refusingEveryToken(database: Database) throws -> TokenAuthenticator {
        TokenAuthenticator(
            database: database, hasher: try TokenHasher(key: SecureBytes(randomCount: TokenHasher.keyByteCount)),
            adminToken: nil, timeToLive: .zero, capacity: 1, acceptsTokens: false)
    }

    /// The principal of `bearerToken` (the part after `Bearer `). Throws `ConnectorError` UNAUTHENTICATED for no
    /// token or an unknown one; the message never repeats the token.
    public func authenticate(bearerToken: String?) async throws -> Principal {
        guard let token = bearerToken?.trimmingSpaces, !token.isEmpty else {
            throw ConnectorError(.unauthenticated, "Authentication required: send Authorization: Bearer TOKEN.")
        }
        guard acceptsTokens else { throw Self.invalidToken }
        let hash = hasher.hash(token)
        if let adminTokenHash, constantTimeEquals(hash, adminTokenHash) { return .admin }
        guard token.hasPrefix(TokenHasher.defaultPrefix) else { throw Self.invalidToken }
        let now = ContinuousClock.now
        if let entry = state.withLock({ $0.entries[hash] }), entry.expires > now { return .tenant(entry.tenantID) }

        let rows = try await database.transaction(.allTenants) { transaction in
            try await transaction.query("SELECT id FROM tenants WHERE token_hash = $1", [.text(hash)])
        }
        guard let row = rows.first else { throw Self.invalidToken }
        let tenantID = try row.string("id")
        remember(hash: hash, tenantID: tenantID, now: now)
        return .tenant(tenantID)
    }

    /// The keyed hash under which a token is stored.
    func hash(_ token: String) -> String { hasher.hash(token) }

    /// Forgets the cached tokens of a tenant (deleted, or its token replaced).
    public func forgetTenant(_ tenantID: String) {
        let now = ContinuousClock.now
        state.withLock { state in
            for (hash, entry) in state.entries where entry.tenantID == tenantID {
                state.entries.removeValue(forKey: hash)
            }
            for (id, until) in state.forgotten where until <= now { state.forgotten.removeValue(forKey: id) }
            state.forgotten[tenantID] = now + timeToLive
        }
    }

    /// How many tokens are cached (for tests).
    var cachedTokenCount: Int { state.withLock { $0.entries.count } }

    private func remember(hash: String, tenantID: String, now: ContinuousClock.Instant) {
        state.withLock { state in
            if let until = state.forgotten[tenantID], until > now { return }
            if state.entries.count >= capacity {
                for (key, entry) in state.entries where entry.expires <= now { state.entries.removeValue(forKey: key) }
            }
            if state.entries.count >= capacity,
                let oldest = state.entries.min(by: { $0.value.expires < $1.value.expires })?.key
            {
                state.entries.removeValue(forKey: oldest)
            }
            state.entries[hash] = Entry(tenantID: tenantID, expires: now + timeToLive)
        }
    }

    private static let invalidToken = ConnectorError(.unauthenticated, "The token is not valid.")
}

extension String {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    var trimmingSpaces: String {
        var characters = Substring(self)
        while let first = characters.first, first == " " || first == "\t" { characters.removeFirst() }
        while let last = characters.last, last == " " || last == "\t" { characters.removeLast() }
        return String(characters)
    }
}
