import SwitchboardCatalog
import SwitchboardPostgres

/// The credentials to call a provider with for one tenant, and where they come from.
struct ResolvedCredentials: Sendable {
    var source: CredentialInfoRecord.Source
    /// The opened values by field (`apiKey`, `clientId`, `clientSecret`…). Secrets: never logged, never in a
    /// response or an error.
    var values: [String: String]
    /// The tenant's connector of the provider, when it has one (whatever the source).
    var connectorID: String?

    static let none = ResolvedCredentials(source: .none, values: [:], connectorID: nil)
}

/// Which credentials a tenant's calls to a provider use. The order, first match wins:
///
/// 1. `TENANT`: the credentials stored on the tenant's connector of the provider;
/// 2. `TENANT_OVERRIDE`: the tenant's override of the platform's credentials ("bring your own app or key");
/// 3. `PLATFORM`: the platform's own app or key from the server's provider configuration, for a HYBRID provider
///    only (a TENANT_MANAGED provider never falls back to the platform);
/// 4. `NONE`.
///
/// `credentialInfo` reports `source(…)`, which follows the same order without opening anything, so that what a
/// frontend is told is exactly what a call will use.
enum CredentialResolver {
    /// The credentials for `provider`, opened with the tenant's keys, in the caller's transaction (scoped to the
    /// tenant).
    static func resolve(
        _ provider: Provider, tenantID: String, services: ConnectorServices, in transaction: PostgresTransaction
    ) async throws -> ResolvedCredentials {
        let connectorID = try await ConnectorStore.findID(
            tenantID: tenantID, providerID: provider.id, in: transaction)
        if let connectorID {
            let values = try await CredentialVault.open(
                .connectorCredentials, tenantID: tenantID, owner: connectorID, keyRing: services.keyRing,
                in: transaction)
            if !values.isEmpty {
                return ResolvedCredentials(source: .tenant, values: values, connectorID: connectorID)
            }
        }
        let override = try await CredentialVault.open(
            .credentialOverrides, tenantID: tenantID, owner: provider.id, keyRing: services.keyRing, in: transaction)
        if !override.isEmpty {
            return ResolvedCredentials(source: .tenantOverride, values: override, connectorID: connectorID)
        }
        if let platform = platformValues(provider, services.providerConfiguration) {
            return ResolvedCredentials(source: .platform, values: platform, connectorID: connectorID)
        }
        return ResolvedCredentials(source: .none, values: [:], connectorID: connectorID)
    }

    /// Where `resolve` would take the credentials from, without opening them (no tenant key needed).
    static func source(
        _ provider: Provider, tenantID: String, services: ConnectorServices, in transaction: PostgresTransaction
    ) async throws -> CredentialInfoRecord.Source {
        let sources = try await CredentialStore.sources(tenantID: tenantID, providerID: provider.id, in: transaction)
        if sources.connectorCredentials { return .tenant }
        if sources.override { return .tenantOverride }
        if provider.credentialMode == .hybrid, services.providerConfiguration.hasPlatformApp(provider.id) {
            return .platform
        }
        return .none
    }

    /// The platform's values for a HYBRID provider; nil for a TENANT_MANAGED one whatever the configuration says
    /// (the configuration refuses such apps at start; this keeps the rule where it is used as well).
    private static func platformValues(
        _ provider: Provider, _ configuration: ProviderConfiguration
    ) -> [String: String]? {
        guard provider.credentialMode == .hybrid else { return nil }
        return configuration.platformApp(provider.id)
    }
}
