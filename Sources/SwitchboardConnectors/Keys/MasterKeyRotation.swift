import Foundation
import SwitchboardCrypto
import SwitchboardPostgres

/// Rotation of the master key: every tenant data key and server secret is unwrapped with the old key and wrapped
/// with the new one, in one transaction under an advisory lock. No credential is touched (they are sealed with the
/// tenant keys, whose bytes do not change), and tenant tokens stay valid (their hash key is a server secret).
///
/// A server that runs during the rotation keeps the old key until something fails to open with it; it then
/// reloads its key from its source (a key file) and retries. So the order for a command run beside a server is:
/// keep the new key somewhere safe, `rotate`, then replace the key file. `rotateKeyFile(pool:path:)` does exactly
/// that, and can be run again after a crash at any point.
public enum MasterKeyRotation {
    /// The advisory lock key: "SWBDMKEY" in ASCII.
    public static let lockKey = 0x5357_4244_4D4B_4559

    public struct Report: Sendable, Hashable, CustomStringConvertible {
        public let tenantKeys: Int
        public let serverSecrets: Int
        public let oldFingerprint: String
        public let newFingerprint: String
        /// The database was already under the new key (a rotation run again after it committed): nothing changed.
        public let alreadyRotated: Bool

        public var description: String {
            if alreadyRotated { return "the keys are already wrapped by the master key \(newFingerprint)" }
            return "rewrapped \(tenantKeys) tenant keys and \(serverSecrets) server secrets: master key"
                + " \(oldFingerprint) → \(newFingerprint)"
        }
    }

    public struct RotationError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Rewraps every key of the database from `old` to `new` (applying the migrations first, if any are pending).
    public static func rotate(pool: PostgresPool, from old: MasterKey, to new: MasterKey) async throws -> Report {
        try await ConnectorMigrations.migrate(pool)
        let oldFingerprint = old.fingerprint
        let newFingerprint = new.fingerprint
        guard old != new else {
            throw RotationError(message: "the new master key is the current one (fingerprint \(oldFingerprint))")
        }
        return try await Database(pool: pool).transaction(.allTenants) { transaction in
            _ = try await transaction.query("SELECT pg_advisory_xact_lock($1)", [.int(lockKey)])
            // Locking the server secrets makes writers of wrapped keys (who share-lock them) wait for the rotation.
            let secrets = try await transaction.query(
                "SELECT name, wrapped, master_fingerprint FROM server_secrets ORDER BY name FOR UPDATE")
            let fingerprints = Set(try secrets.map { try $0.string("master_fingerprint") })
            if !secrets.isEmpty, fingerprints == [newFingerprint] {
                return Report(
                    tenantKeys: 0, serverSecrets: 0, oldFingerprint: oldFingerprint, newFingerprint: newFingerprint,
                    alreadyRotated: true)
            }
            if let other = fingerprints.first(where: { $0 != oldFingerprint }) {
                throw RotationError(
                    message: "the database's keys are wrapped by the master key \(other), not by the key given as"
                        + " the current one (\(oldFingerprint))")
            }

            var tenants: [String?] = []
            var versions: [Int?] = []
            var rewrapped: [String?] = []
            for row in try await transaction.query("SELECT tenant_id, version, wrapped_key FROM tenant_keys") {
                let tenantID = try row.string("tenant_id")
                let version = try row.int("version")
                do {
                    let wrapped = try TenantDataKey.rewrap(
                        Data(try row.bytes("wrapped_key")), from: old, to: new, tenantID: tenantID, version: version)
                    rewrapped.append(Hex.encode(wrapped))
                } catch CryptoError.authenticationFailed {
                    throw RotationError(
                        message: "the data key version \(version) of tenant \(tenantID) does not open with the"
                            + " current master key; nothing was changed")
                }
                tenants.append(tenantID)
                versions.append(version)
            }
            if !tenants.isEmpty {
                _ = try await transaction.query(
                    """
                    UPDATE tenant_keys AS k SET wrapped_key = decode(u.wrapped, 'hex')
                    FROM unnest($1::text[], $2::int8[], $3::text[]) AS u(tenant_id, version, wrapped)
                    WHERE k.tenant_id = u.tenant_id AND k.version = u.version
                    """, [.textArray(tenants), .intArray(versions), .textArray(rewrapped)])
            }

            for row in secrets {
                let name = try row.string("name")
                let wrapped: Data
                do {
                    wrapped = try TenantDataKey.rewrap(
                        Data(try row.bytes("wrapped")), from: old, to: new, tenantID: ServerSecrets.binding(name),
                        version: 1)
                } catch CryptoError.authenticationFailed {
                    throw RotationError(
                        message: "the server secret \(name) does not open with the current master key; nothing was"
                            + " changed")
                }
                _ = try await transaction.query(
                    """
                    UPDATE server_secrets SET wrapped = $2, master_fingerprint = $3, updated_at = now()
                    WHERE name = $1
                    """, [.text(name), .bytea([UInt8](wrapped)), .text(newFingerprint)])
            }
            return Report(
                tenantKeys: tenants.count, serverSecrets: secrets.count, oldFingerprint: oldFingerprint,
                newFingerprint: newFingerprint, alreadyRotated: false)
        }
    }

    /// Rotates the master key kept in the key file at `path`: a new random key is first saved next to it
    /// (`path.next`, mode 0600), then the database is rotated, then the new key replaces the file. Run again after
    /// an interruption, it picks up the saved new key and finishes.
    public static func rotateKeyFile(pool: PostgresPool, path: String) async throws -> Report {
        let pendingPath = path + ".next"
        let old = try MasterKey.load(file: path)
        let new: MasterKey
        if FileManager.default.fileExists(atPath: pendingPath) {
            new = try MasterKey.load(file: pendingPath)
        } else {
            new = MasterKey.generate()
            try new.save(to: pendingPath)
        }
        let report: Report
        if old == new {
            // The previous run replaced the file but stopped before removing the pending copy.
            report = Report(
                tenantKeys: 0, serverSecrets: 0, oldFingerprint: old.fingerprint, newFingerprint: new.fingerprint,
                alreadyRotated: true)
        } else {
            report = try await rotate(pool: pool, from: old, to: new)
            try new.save(to: path, replacing: true)
        }
        try? FileManager.default.removeItem(atPath: pendingPath)
        return report
    }
}
