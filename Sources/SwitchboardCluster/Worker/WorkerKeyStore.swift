import Logging
import SwitchboardConnectors
import SwitchboardCrypto
import Synchronization

/// A worker's tenant data keys: only those its router granted, in guarded memory, for a limited time.
///
/// A key the graph needs and does not find here is asked of the router over the connection (`keyRequest`); the
/// grant comes sealed to this connection's session key and is opened straight into `sodium_malloc` memory. Keys go
/// when the router revokes them (the tenant deleted, its key rotated, the tenant placed elsewhere), when their time
/// to live runs out, and all at once when the router's connection ends: a worker without a router holds nothing.
public final class WorkerKeyStore: TenantKeyProvider {
    public static let defaultTimeToLive: Duration = .seconds(600)
    public static let requestTimeout: Duration = .seconds(10)

    private let timeToLive: Duration
    private let logger: Logger
    private let state = Mutex(State())

    private struct KeyID: Hashable {
        let tenantID: String
        let version: Int
    }

    private struct Entry {
        let key: TenantDataKey
        let expires: ContinuousClock.Instant
    }

    private struct Session {
        let connection: FrameConnection
        let keyPair: KeySealing.SessionKeyPair
    }

    private struct State {
        var keys: [KeyID: Entry] = [:]
        var session: Session?
        /// Counts revocations by tenant: a grant that was under way when its tenant's keys were revoked must not
        /// put a key back (it serves the request that asked for it, and is not kept).
        var revocations: [String: UInt64] = [:]
        var sessionNumber: UInt64 = 0
    }

    /// Why the worker has no key for a tenant.
    public struct KeyUnavailable: Error, Sendable, CustomStringConvertible {
        public let tenantID: String
        public let reason: String
        public var description: String { "no data key for tenant \(tenantID): \(reason)" }
    }

    public init(timeToLive: Duration = defaultTimeToLive, logger: Logger) {
        self.timeToLive = timeToLive
        self.logger = logger
    }

    /// Starts a session with a router: keys are asked of `connection` and sealed to `keyPair`.
    func attach(_ connection: FrameConnection, keyPair: KeySealing.SessionKeyPair) {
        state.withLock { state in
            state.keys.removeAll()
            state.session = Session(connection: connection, keyPair: keyPair)
            state.sessionNumber &+= 1
        }
    }

    /// Ends the session: every key goes (their guarded memory is wiped as the last reference to each goes).
    func detach() {
        state.withLock { state in
            state.keys.removeAll()
            state.session = nil
            state.sessionNumber &+= 1
        }
    }

    public func tenantKey(tenantID: String, version: Int) async throws -> TenantDataKey {
        let id = KeyID(tenantID: tenantID, version: version)
        let now = ContinuousClock.now
        let lookup = state.withLock { state -> (TenantDataKey?, Session?, UInt64, UInt64) in
            if let entry = state.keys[id] {
                if entry.expires > now { return (entry.key, nil, 0, 0) }
                state.keys.removeValue(forKey: id)
            }
            return (nil, state.session, state.revocations[tenantID] ?? 0, state.sessionNumber)
        }
        if let key = lookup.0 { return key }
        guard let session = lookup.1 else { throw KeyUnavailable(tenantID: tenantID, reason: "no router connected") }
        let answer: ClusterMessage
        do {
            answer = try await session.connection.request(
                .keyRequest(KeyRequest(tenantID: tenantID, version: version)), timeout: Self.requestTimeout)
        } catch {
            throw KeyUnavailable(tenantID: tenantID, reason: "the router did not answer (\(error))")
        }
        switch answer {
        case .keyGrant(let grant) where grant.tenantID == tenantID && grant.version == version:
            let key = try session.keyPair.open(grant.sealedKey, version: version)
            state.withLock { state in
                guard state.sessionNumber == lookup.3, (state.revocations[tenantID] ?? 0) == lookup.2 else { return }
                state.keys[id] = Entry(key: key, expires: ContinuousClock.now + timeToLive)
            }
            logger.debug("Key granted", metadata: [
                "tenant.id": .string(tenantID), "key.version": .stringConvertible(version),
                "key.fingerprint": .string(key.fingerprint),
            ])
            return key
        case .keyRefusal(let refusal):
            throw KeyUnavailable(tenantID: tenantID, reason: "refused by the router: \(refusal.reason)")
        case .failure(let message):
            throw KeyUnavailable(tenantID: tenantID, reason: message)
        default:
            throw KeyUnavailable(tenantID: tenantID, reason: "unexpected \(answer.kind) answer")
        }
    }

    /// Drops a tenant's keys: all, or all but `keptVersion`.
    func revoke(tenantID: String, keptVersion: Int?) {
        let dropped = state.withLock { state -> Int in
            state.revocations[tenantID, default: 0] &+= 1
            let doomed = state.keys.keys.filter { $0.tenantID == tenantID && $0.version != keptVersion }
            for id in doomed { state.keys.removeValue(forKey: id) }
            return doomed.count
        }
        logger.debug("Keys revoked", metadata: [
            "tenant.id": .string(tenantID), "keys.dropped": .stringConvertible(dropped),
        ])
    }

    /// The keys held now (expired ones dropped first), by fingerprint.
    var heldKeys: [HeldKey] {
        let now = ContinuousClock.now
        return state.withLock { state in
            for (id, entry) in state.keys where entry.expires <= now { state.keys.removeValue(forKey: id) }
            return state.keys.map { id, entry in
                HeldKey(tenantID: id.tenantID, version: id.version, fingerprint: entry.key.fingerprint)
            }.sorted { ($0.tenantID, $0.version) < ($1.tenantID, $1.version) }
        }
    }
}
