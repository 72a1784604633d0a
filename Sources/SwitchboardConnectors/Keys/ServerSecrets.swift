import Foundation
import SwitchboardCrypto
import SwitchboardPostgres

/// Secrets of the server itself, stored wrapped by the master key in `server_secrets`.
///
/// The one there is now is the key of the token hashes: random, created by the first server that starts on a
/// database, so that tenant tokens stay valid across master key rotations (a hash keyed by the master key itself
/// would not). The row also records the fingerprint of the master key that wraps every key of the database.
enum ServerSecrets {
    static let tokenHashKey = "token_hash_key"

    /// The associated-data name a server secret is wrapped under (as a tenant key of version 1 is under its
    /// tenant's id). Tenant ids start with `ten_`, so the two can never be confused.
    static func binding(_ name: String) -> String { "switchboard:server-secret:" + name }

    struct MasterKeyMismatch: Error, CustomStringConvertible {
        let held: String
        let stored: String
        let source: String
        var description: String {
            "the master key from \(source) (fingerprint \(held)) is not the one that wraps this database's keys"
                + " (fingerprint \(stored))"
        }
    }

    /// The token hasher of this database: its key unwrapped, or created and stored if there is none yet.
    static func tokenHasher(database: Database, keyRing: KeyRing) async throws -> TokenHasher {
        let master = try keyRing.requireMasterKey()
        let stored = try await database.transaction(.allTenants) { transaction in
            let candidate = SecureBytes(randomCount: TokenHasher.keyByteCount)
            let wrapped = try TenantDataKey(bytes: candidate, version: 1)
                .wrap(with: master, tenantID: binding(tokenHashKey))
            // Two servers starting at once: the first insert wins and both use its key.
            _ = try await transaction.query(
                """
                INSERT INTO server_secrets (name, wrapped, master_fingerprint) VALUES ($1, $2, $3)
                ON CONFLICT (name) DO NOTHING
                """,
                [.text(tokenHashKey), .bytea([UInt8](wrapped)), .text(master.fingerprint)])
            let rows = try await transaction.query(
                "SELECT wrapped, master_fingerprint FROM server_secrets WHERE name = $1", [.text(tokenHashKey)])
            return (wrapped: Data(try rows[0].bytes("wrapped")), fingerprint: try rows[0].string("master_fingerprint"))
        }
        let key: TenantDataKey
        do {
            key = try keyRing.withMasterKey { master in
                try TenantDataKey.unwrap(stored.wrapped, with: master, tenantID: binding(tokenHashKey), version: 1)
            }
        } catch CryptoError.authenticationFailed {
            throw MasterKeyMismatch(
                held: keyRing.masterKey?.fingerprint ?? "none", stored: stored.fingerprint,
                source: keyRing.source.description)
        }
        return try TokenHasher(key: key.bytes)
    }

    /// Before writing a wrapped key: makes sure the master key held is the database's (reloading it from its
    /// source once if not), and holds a share lock on the record until the transaction ends, so that a master
    /// key rotation (which updates it) cannot run between this check and the commit.
    static func lockCurrentMasterKey(in transaction: PostgresTransaction, keyRing: KeyRing) async throws {
        let rows = try await transaction.query(
            "SELECT master_fingerprint FROM server_secrets WHERE name = $1 FOR SHARE", [.text(tokenHashKey)])
        guard let row = rows.first else { return }
        let stored = try row.string("master_fingerprint")
        let master = try keyRing.requireMasterKey()
        if master.fingerprint == stored { return }
        _ = try? keyRing.reloadMasterKeyFromSource()
        let held = try keyRing.requireMasterKey().fingerprint
        guard held == stored else {
            throw MasterKeyMismatch(held: held, stored: stored, source: keyRing.source.description)
        }
    }
}
