import Foundation
import SwitchboardCrypto
import SwitchboardPostgres

/// The versioned data keys of tenants, in `tenant_keys`, wrapped by the master key.
struct TenantKeys: Sendable {
    let keyRing: KeyRing

    /// The tenant's current data key. Takes a share lock on the tenant's row until the transaction ends, so that
    /// a rotation of the tenant's key (which locks the row for update) cannot retire this key while credentials
    /// sealed with it are being written. Nil when the tenant does not exist (in this transaction's scope).
    func currentKey(tenantID: String, in transaction: PostgresTransaction) async throws -> TenantDataKey? {
        // Two statements, not one join: a lock that waited for a rotation returns the tenant row as the rotation
        // left it, but a join in the same statement would still look for its key in the snapshot taken before
        // the rotation committed (and find none). The second statement's snapshot sees the new key.
        let tenant = try await transaction.query(
            "SELECT key_version FROM tenants WHERE id = $1 FOR SHARE", [.text(tenantID)])
        guard let version = try tenant.first?.int("key_version") else { return nil }
        let key = try await transaction.query(
            "SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1 AND version = $2",
            [.text(tenantID), .int(version)])
        guard let wrapped = key.first else { throw CryptoError.authenticationFailed }
        return try await keyRing.resolveTenantKey(
            tenantID: tenantID, version: version, wrapped: Data(try wrapped.bytes("wrapped_key")))
    }

    /// Creates the first data key (version 1) of a new tenant, whose row the transaction just inserted.
    func createFirstKey(tenantID: String, in transaction: PostgresTransaction) async throws {
        try await ServerSecrets.lockCurrentMasterKey(in: transaction, keyRing: keyRing)
        let (key, wrapped) = try keyRing.newTenantKey(tenantID: tenantID, version: 1)
        _ = try await transaction.query(
            "INSERT INTO tenant_keys (tenant_id, version, wrapped_key) VALUES ($1, $2, $3)",
            [.text(tenantID), .int(1), .bytea([UInt8](wrapped))])
        keyRing.remember(key, tenantID: tenantID)
    }

    struct Rotation: Sendable {
        let tenant: TenantRecord
        let keyVersion: Int
        let resealedCredentials: Int
    }

    /// Gives the tenant a new data key, seals every credential and override of the tenant again with it, and
    /// deletes the older versions: all in one transaction, scoped to the tenant. Nil when there is no such tenant.
    func rotate(tenantID: String, database: Database) async throws -> Rotation? {
        let rotation = try await database.transaction(.tenant(tenantID)) { transaction -> Rotation? in
            try await ServerSecrets.lockCurrentMasterKey(in: transaction, keyRing: keyRing)
            // The row lock makes writers of credentials (which take a share lock) wait for this rotation.
            let tenantRows = try await transaction.query(
                "SELECT \(TenantRecord.columns) FROM tenants WHERE id = $1 FOR UPDATE", [.text(tenantID)])
            guard tenantRows.first != nil else { return nil }

            var keys: [Int: TenantDataKey] = [:]
            for row in try await transaction.query(
                "SELECT version, wrapped_key FROM tenant_keys WHERE tenant_id = $1", [.text(tenantID)])
            {
                let version = try row.int("version")
                keys[version] = try await keyRing.resolveTenantKey(
                    tenantID: tenantID, version: version, wrapped: Data(try row.bytes("wrapped_key")))
            }
            let newVersion = (keys.keys.max() ?? 0) + 1
            let (newKey, wrapped) = try keyRing.newTenantKey(tenantID: tenantID, version: newVersion)
            _ = try await transaction.query(
                "INSERT INTO tenant_keys (tenant_id, version, wrapped_key) VALUES ($1, $2, $3)",
                [.text(tenantID), .int(newVersion), .bytea([UInt8](wrapped))])

            var resealed = 0
            for table in SealedTable.allCases {
                resealed += try await reseal(
                    table, tenantID: tenantID, oldKeys: keys, newKey: newKey, in: transaction)
            }

            let updated = try await transaction.query(
                "UPDATE tenants SET key_version = $2 WHERE id = $1 RETURNING \(TenantRecord.columns)",
                [.text(tenantID), .int(newVersion)])
            _ = try await transaction.query(
                "DELETE FROM tenant_keys WHERE tenant_id = $1 AND version <> $2", [.text(tenantID), .int(newVersion)])
            keyRing.remember(newKey, tenantID: tenantID)
            return Rotation(
                tenant: try TenantRecord(row: updated[0]), keyVersion: newVersion, resealedCredentials: resealed)
        }
        if let rotation { keyRing.forget(tenantID: tenantID, keepingVersion: rotation.keyVersion) }
        return rotation
    }

    /// The tables of sealed values, and how each binds its values (the "connector" of the associated data).
    enum SealedTable: CaseIterable {
        case connectorCredentials
        case credentialOverrides
        /// The PKCE code verifiers of OAuth flows under way.
        case oauthStates

        var name: String {
            switch self {
            case .connectorCredentials: "connector_credentials"
            case .credentialOverrides: "credential_overrides"
            case .oauthStates: "oauth_states"
            }
        }

        /// The column that, with the field, identifies a value within the tenant.
        var ownerColumn: String {
            switch self {
            case .connectorCredentials: "connector_id"
            case .credentialOverrides: "provider_id"
            case .oauthStates: "state_hash"
            }
        }

        func binding(owner: String) -> String {
            switch self {
            case .connectorCredentials: owner
            case .credentialOverrides: CredentialSealing.overrideBinding(providerID: owner)
            case .oauthStates: CredentialSealing.oauthStateBinding(stateHash: owner)
            }
        }
    }

    /// Reseals every value of one table of the tenant with `newKey`, in one UPDATE.
    private func reseal(
        _ table: SealedTable, tenantID: String, oldKeys: [Int: TenantDataKey], newKey: TenantDataKey,
        in transaction: PostgresTransaction
    ) async throws -> Int {
        let rows = try await transaction.query(
            "SELECT \(table.ownerColumn) AS owner, field, sealed FROM \(table.name) WHERE tenant_id = $1",
            [.text(tenantID)])
        guard !rows.isEmpty else { return 0 }
        var owners: [String?] = []
        var fields: [String?] = []
        var sealedHex: [String?] = []
        for row in rows {
            let owner = try row.string("owner")
            let field = try row.string("field")
            let sealed = try SealedValue(encoded: Data(try row.bytes("sealed")))
            guard let oldKey = oldKeys[sealed.keyVersion] else { throw CryptoError.authenticationFailed }
            let resealed = try CredentialCipher.reseal(
                sealed, from: oldKey, to: newKey, tenantID: tenantID, connectorID: table.binding(owner: owner),
                field: field)
            owners.append(owner)
            fields.append(field)
            sealedHex.append(Hex.encode(resealed.encoded))
        }
        // bytea travels as hex text inside a text array: one statement however many values.
        let updated = try await transaction.query(
            """
            UPDATE \(table.name) AS t SET sealed = decode(u.sealed, 'hex'), key_version = $2
            FROM unnest($3::text[], $4::text[], $5::text[]) AS u(owner, field, sealed)
            WHERE t.tenant_id = $1 AND t.\(table.ownerColumn) = u.owner AND t.field = u.field
            """,
            [.text(tenantID), .int(newKey.version), .textArray(owners), .textArray(fields), .textArray(sealedHex)])
        return updated.affectedRows
    }
}

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ data: Data) -> String {
        var out = [UInt8]()
        out.reserveCapacity(data.count * 2)
        for byte in data {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
