import Foundation
import SwitchboardPostgres

/// Statements on `connector_credentials` and `credential_overrides`. Reads return masks only; the sealed values
/// are read by key rotation and by `CredentialVault`, which opens them.
enum CredentialStore {
    /// The masked credentials of the given connectors, by field name.
    static func masked(
        connectors keys: [TenantKey], in transaction: PostgresTransaction
    ) async throws -> [(connector: TenantKey, credential: MaskedCredentialRecord)] {
        try await transaction.query(
            """
            SELECT tenant_id, connector_id, field, masked FROM connector_credentials
            WHERE tenant_id = ANY($1::text[]) AND connector_id = ANY($2::text[])
            ORDER BY field
            """, keys.parameters
        ).map { row in
            (TenantKey(tenantID: try row.string("tenant_id"), id: try row.string("connector_id")),
             MaskedCredentialRecord(field: try row.string("field"), maskedValue: try row.string("masked")))
        }
    }

    /// The names of the fields a connector has credentials for.
    static func fieldNames(
        tenantID: String, connectorID: String, in transaction: PostgresTransaction
    ) async throws -> Set<String> {
        Set(try await transaction.query(
            "SELECT field FROM connector_credentials WHERE tenant_id = $1 AND connector_id = $2",
            [.text(tenantID), .text(connectorID)]
        ).map { try $0.string("field") })
    }

    /// Replaces a connector's credentials with `fields`.
    static func replace(
        tenantID: String, connectorID: String, with fields: [SealedField], in transaction: PostgresTransaction
    ) async throws {
        _ = try await transaction.query(
            "DELETE FROM connector_credentials WHERE tenant_id = $1 AND connector_id = $2",
            [.text(tenantID), .text(connectorID)])
        try await insert(
            into: "connector_credentials", ownerColumn: "connector_id", tenantID: tenantID, owner: connectorID,
            fields: fields, in: transaction)
    }

    /// Replaces the tenant's override of a provider's credentials with `fields`.
    static func replaceOverride(
        tenantID: String, providerID: String, with fields: [SealedField], in transaction: PostgresTransaction
    ) async throws {
        _ = try await clearOverride(tenantID: tenantID, providerID: providerID, in: transaction)
        try await insert(
            into: "credential_overrides", ownerColumn: "provider_id", tenantID: tenantID, owner: providerID,
            fields: fields, in: transaction)
    }

    static func clearOverride(
        tenantID: String, providerID: String, in transaction: PostgresTransaction
    ) async throws -> Bool {
        try await transaction.query(
            "DELETE FROM credential_overrides WHERE tenant_id = $1 AND provider_id = $2",
            [.text(tenantID), .text(providerID)]
        ).affectedRows > 0
    }

    /// Whether the tenant's connector of the provider has credentials, and whether the tenant overrides the
    /// provider's platform credentials.
    static func sources(
        tenantID: String, providerID: String, in transaction: PostgresTransaction
    ) async throws -> (connectorCredentials: Bool, override: Bool) {
        let row = try await transaction.query(
            """
            SELECT
                EXISTS (SELECT 1 FROM connector_credentials c
                        JOIN tenant_connectors t ON t.tenant_id = c.tenant_id AND t.id = c.connector_id
                        WHERE t.tenant_id = $1 AND t.provider_id = $2) AS tenant,
                EXISTS (SELECT 1 FROM credential_overrides WHERE tenant_id = $1 AND provider_id = $2) AS override
            """, [.text(tenantID), .text(providerID)])[0]
        return (try row.bool("tenant"), try row.bool("override"))
    }

    /// The sealed values of one owner (a connector, or a provider's override), by field.
    static func sealed(
        table: TenantKeys.SealedTable, tenantID: String, owner: String, in transaction: PostgresTransaction
    ) async throws -> [String: Data] {
        var values: [String: Data] = [:]
        for row in try await transaction.query(
            "SELECT field, sealed FROM \(table.name) WHERE tenant_id = $1 AND \(table.ownerColumn) = $2",
            [.text(tenantID), .text(owner)])
        {
            values[try row.string("field")] = Data(try row.bytes("sealed"))
        }
        return values
    }

    private static func insert(
        into table: String, ownerColumn: String, tenantID: String, owner: String, fields: [SealedField],
        in transaction: PostgresTransaction
    ) async throws {
        guard !fields.isEmpty else { return }
        _ = try await transaction.query(
            """
            INSERT INTO \(table) (tenant_id, \(ownerColumn), field, sealed, masked, key_version)
            SELECT $1, $2, u.field, decode(u.sealed, 'hex'), u.masked, u.key_version
            FROM unnest($3::text[], $4::text[], $5::text[], $6::int8[]) AS u(field, sealed, masked, key_version)
            """,
            [.text(tenantID), .text(owner), .textArray(fields.map(\.field)),
             .textArray(fields.map { Hex.encode($0.sealed) }), .textArray(fields.map(\.masked)),
             .intArray(fields.map(\.keyVersion))])
    }
}
