import Foundation
import SwitchboardCrypto

/// A credential value ready to store: sealed with the tenant's key, and its mask computed now so that reads never
/// decrypt.
struct SealedField: Sendable {
    let field: String
    let sealed: Data
    let masked: String
    let keyVersion: Int
}

/// Sealing of credentials (of connectors) and overrides (of providers) with a tenant's data key.
enum CredentialSealing {
    /// What overrides are bound to in place of a connector id: a provider id cannot begin like a connector id
    /// (`tc_`), so an override and a credential never share a binding.
    static func overrideBinding(providerID: String) -> String { "override:" + providerID }

    /// What the code verifier of an OAuth flow is bound to: its state's hash (64 hex digits after a prefix no
    /// connector id or override binding has).
    static func oauthStateBinding(stateHash: String) -> String { "oauth-state:" + stateHash }

    /// Seals each value for one field of `owner` (a connector id, or an override binding), in field order.
    static func seal(
        _ values: [String: String], key: TenantDataKey, tenantID: String, owner: String
    ) -> [SealedField] {
        values.keys.sorted().map { field in
            let value = values[field]!
            let sealed = CredentialCipher.seal(value, key: key, tenantID: tenantID, connectorID: owner, field: field)
            return SealedField(field: field, sealed: sealed.encoded, masked: maskSecret(value), keyVersion: key.version)
        }
    }
}
