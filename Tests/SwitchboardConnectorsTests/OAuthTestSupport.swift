import Foundation
@testable import SwitchboardConnectors
import SwitchboardCrypto

extension TestGraph {
    /// Rows in the OAuth tables for `tenant`, written as the flow writes them: a pending state (its verifier sealed
    /// with the tenant's key) and tokens for `connectorID` (sealed credentials and their `oauth_tokens` row).
    func addOAuthRows(_ tenant: Tenant, connectorID: String) async throws {
        let services = graph.services
        try await services.database.transaction(.tenant(tenant.id)) { transaction in
            let key = try await OAuthSealing.currentKey(tenantID: tenant.id, services: services, in: transaction)
            let hash = OAuthSecrets.stateHash(OAuthSecrets.newState())
            let verifier = CredentialSealing.seal(
                ["codeVerifier": OAuthSecrets.newCodeVerifier()], key: key, tenantID: tenant.id,
                owner: CredentialSealing.oauthStateBinding(stateHash: hash))[0]
            _ = try await OAuthStore.insertState(
                tenantID: tenant.id, stateHash: hash, providerID: "github", verifier: verifier,
                redirectURI: "https://sb.example/oauth/callback", returnURL: "https://app.example/done",
                scopes: ["repo"], lifetimeSeconds: 600, in: transaction)
            let grant = OAuthTokenGrant(
                accessToken: "at-" + OAuthSecrets.newState(), refreshToken: "rt-" + OAuthSecrets.newState(),
                expiresIn: 3600, scopes: ["repo"], userAccessToken: nil)
            try await OAuthStore.saveTokens(
                tenantID: tenant.id, connectorID: connectorID,
                fields: OAuthSealing.sealTokens(grant, key: key, tenantID: tenant.id, connectorID: connectorID),
                replacing: OAuthStore.tokenFields, expiresIn: 3600, scopes: ["repo"], refreshTokenRotated: false,
                isRefresh: false, in: transaction)
        }
    }
}
