import Foundation
import SwitchboardCrypto
import SwitchboardPostgres

/// Sealing and opening the OAuth flow's secrets with the tenant's data key: the code verifier of a state, and a
/// connector's tokens (credential fields, bound to the tenant, the connector and the field like any credential).
enum OAuthSealing {
    /// The tenant's current key, share-locking the tenant row (see `TenantKeys.currentKey`).
    static func currentKey(
        tenantID: String, services: ConnectorServices, in transaction: PostgresTransaction
    ) async throws -> TenantDataKey {
        guard let key = try await services.tenantKeys.currentKey(tenantID: tenantID, in: transaction) else {
            throw ConnectorError.notFound("tenant", id: tenantID)
        }
        return key
    }

    /// The tenant's key of `version` (a value sealed before a rotation finished may name the older one).
    static func key(
        version: Int, tenantID: String, services: ConnectorServices, in transaction: PostgresTransaction
    ) async throws -> TenantDataKey {
        let rows = try await transaction.query(
            "SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1 AND version = $2",
            [.text(tenantID), .int(version)])
        guard let row = rows.first else { throw CryptoError.authenticationFailed }
        return try await services.keyRing.resolveTenantKey(
            tenantID: tenantID, version: version, wrapped: Data(try row.bytes("wrapped_key")))
    }

    static func openVerifier(
        _ record: OAuthStateRecord, tenantID: String, services: ConnectorServices, in transaction: PostgresTransaction
    ) async throws -> String {
        let sealed = try SealedValue(encoded: record.sealedVerifier)
        let key = try await key(version: sealed.keyVersion, tenantID: tenantID, services: services, in: transaction)
        return try CredentialCipher.openString(
            sealed, key: key, tenantID: tenantID,
            connectorID: CredentialSealing.oauthStateBinding(stateHash: record.stateHash), field: "codeVerifier")
    }

    /// The credential fields of a grant, sealed; masked with `OAuthStore.tokenMask` (nothing of a token shows).
    static func sealTokens(
        _ grant: OAuthTokenGrant, key: TenantDataKey, tenantID: String, connectorID: String
    ) -> [SealedField] {
        var values = [OAuthStore.accessTokenField: grant.accessToken]
        if let refresh = grant.refreshToken { values[OAuthStore.refreshTokenField] = refresh }
        if let user = grant.userAccessToken { values[OAuthStore.userAccessTokenField] = user }
        return CredentialSealing.seal(values, key: key, tenantID: tenantID, owner: connectorID).map {
            SealedField(field: $0.field, sealed: $0.sealed, masked: OAuthStore.tokenMask, keyVersion: $0.keyVersion)
        }
    }

    /// A connector's stored refresh token, opened; nil when it has none.
    static func refreshToken(
        tenantID: String, connectorID: String, services: ConnectorServices, in transaction: PostgresTransaction
    ) async throws -> String? {
        let rows = try await transaction.query(
            "SELECT sealed FROM connector_credentials WHERE tenant_id = $1 AND connector_id = $2 AND field = $3",
            [.text(tenantID), .text(connectorID), .text(OAuthStore.refreshTokenField)])
        guard let row = rows.first else { return nil }
        let sealed = try SealedValue(encoded: Data(try row.bytes("sealed")))
        let key = try await key(version: sealed.keyVersion, tenantID: tenantID, services: services, in: transaction)
        return try CredentialCipher.openString(
            sealed, key: key, tenantID: tenantID, connectorID: connectorID, field: OAuthStore.refreshTokenField)
    }
}
