import Foundation
import SwitchboardCrypto
import SwitchboardPostgres

/// Opens stored credentials, for the code that calls providers with them (verification, API calls). Nothing in
/// the graph's responses goes through here: responses show the masks stored at write time.
struct CredentialVault: Sendable {
    let database: Database
    let keyRing: KeyRing

    /// The credentials of a connector in clear, by field; nil when the tenant has no such connector. A value that
    /// was altered, or copied from another row, tenant or field, fails with `CryptoError.authenticationFailed`.
    func connectorCredentials(tenantID: String, connectorID: String) async throws -> [String: String]? {
        try await open(.connectorCredentials, tenantID: tenantID, owner: connectorID) { transaction in
            try await ConnectorStore.find(tenantID: tenantID, id: connectorID, in: transaction) != nil
        }
    }

    /// The tenant's override of a provider's credentials in clear; nil when there is none.
    func overrideCredentials(tenantID: String, providerID: String) async throws -> [String: String]? {
        let values = try await open(.credentialOverrides, tenantID: tenantID, owner: providerID) { _ in true }
        return values?.isEmpty == false ? values : nil
    }

    private func open(
        _ table: TenantKeys.SealedTable, tenantID: String, owner: String,
        exists: (PostgresTransaction) async throws -> Bool
    ) async throws -> [String: String]? {
        try await database.transaction(.tenant(tenantID)) { transaction in
            guard try await exists(transaction) else { return nil }
            return try await Self.open(table, tenantID: tenantID, owner: owner, keyRing: keyRing, in: transaction)
        }
    }

    /// The values of one owner (a connector, or a provider's override) in clear, by field; empty when it has none.
    static func open(
        _ table: TenantKeys.SealedTable, tenantID: String, owner: String, keyRing: KeyRing,
        in transaction: PostgresTransaction
    ) async throws -> [String: String] {
        let sealed = try await CredentialStore.sealed(table: table, tenantID: tenantID, owner: owner, in: transaction)
        guard !sealed.isEmpty else { return [:] }
        var keys: [Int: TenantDataKey] = [:]
        for row in try await transaction.query(
            "SELECT version, wrapped_key FROM tenant_keys WHERE tenant_id = $1", [.text(tenantID)])
        {
            let version = try row.int("version")
            keys[version] = try await keyRing.resolveTenantKey(
                tenantID: tenantID, version: version, wrapped: Data(try row.bytes("wrapped_key")))
        }
        var values: [String: String] = [:]
        for (field, encoded) in sealed {
            let value = try SealedValue(encoded: encoded)
            guard let key = keys[value.keyVersion] else { throw CryptoError.authenticationFailed }
            values[field] = try CredentialCipher.openString(
                value, key: key, tenantID: tenantID, connectorID: table.binding(owner: owner), field: field)
        }
        return values
    }
}
