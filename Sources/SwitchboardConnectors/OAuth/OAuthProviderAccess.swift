import Foundation
import SwitchboardCatalog
import SwitchboardCrypto
import SwitchboardPostgres

/// A request to a provider's token endpoint, and its answer.
struct TokenEndpointRequest: Sendable {
    var url: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
}

struct TokenEndpointResponse: Sendable {
    var status: Int
    var contentType: String?
    var body: [UInt8]
}

/// The OAuth client of a provider for one tenant: the tenant's own app (its override) or the platform's.
struct OAuthClient: Sendable {
    var clientID: String
    var clientSecret: String?
}

/// Where the OAuth flow meets the server's provider configuration (`ProviderConfiguration`: endpoint overrides,
/// the redirect URL, the allowed return origins, the platform's apps), credential resolution and the outbound HTTP
/// client: the one file that knows them, so that the flow itself reads as the RFCs describe it.
enum OAuthProviderAccess {
    /// The provider's authorize and token URLs, with the server's overrides applied.
    static func endpoints(
        _ provider: Provider, _ oauth: OAuthSettings, services: ConnectorServices
    ) -> (authorizeURL: String, tokenURL: String) {
        let endpoints = services.providerConfiguration.endpoints(for: provider)
        return (endpoints.authorizeURL ?? oauth.authorizeURL, endpoints.tokenURL ?? oauth.tokenURL)
    }

    /// The public URL of `/oauth/callback` that providers redirect to; nil when the server has none configured.
    static func redirectURL(services: ConnectorServices) -> String? {
        services.providerConfiguration.oauthRedirectURL
    }

    /// Whether `origin` (`scheme://host[:port]`, lowercase) may receive the redirect that ends a flow.
    static func allowsReturnOrigin(_ origin: String, services: ConnectorServices) -> Bool {
        services.providerConfiguration.allowedReturnOrigins.contains(origin)
    }

    /// The OAuth client for the tenant, in the order of credential resolution: a `clientId` among the resolved
    /// credentials (the connector's own, the tenant's override, or the platform's app for a HYBRID provider); once
    /// connected, the connector's credentials are its tokens, so the app then comes from the override, else the
    /// platform. Nil when there is none (a TENANT_MANAGED provider never falls back to the platform).
    static func client(
        _ provider: Provider, tenantID: String, services: ConnectorServices, in transaction: PostgresTransaction
    ) async throws -> OAuthClient? {
        func client(_ values: [String: String]) -> OAuthClient? {
            guard let id = values["clientId"], !id.isEmpty else { return nil }
            return OAuthClient(clientID: id, clientSecret: values["clientSecret"].flatMap { $0.isEmpty ? nil : $0 })
        }
        let resolved = try await CredentialResolver.resolve(
            provider, tenantID: tenantID, services: services, in: transaction)
        if let found = client(resolved.values) { return found }
        guard resolved.source == .tenant else { return nil }
        let override = try await CredentialVault.open(
            .credentialOverrides, tenantID: tenantID, owner: provider.id, keyRing: services.keyRing, in: transaction)
        if let found = client(override) { return found }
        guard provider.credentialMode == .hybrid else { return nil }
        return services.providerConfiguration.platformApp(provider.id).flatMap(client)
    }

    /// Sends a request to a token endpoint with the server's HTTP client (bounded in time and size). A failure to
    /// get an answer is `provider_unavailable`, described by the URL's origin only.
    static func send(
        _ request: TokenEndpointRequest, services: ConnectorServices
    ) async throws -> TokenEndpointResponse {
        let outbound = OutboundRequest(
            method: "POST", url: request.url,
            headers: request.headers.map { HTTPHeader(name: $0.name, value: $0.value) },
            body: request.body, timeout: TokenRequests.timeout)
        do {
            let response = try await services.http.send(outbound)
            return TokenEndpointResponse(status: response.status, contentType: response.header("content-type"),
                                         body: response.body)
        } catch {
            // ProviderHTTPError describes itself by the origin only; anything else is not described at all.
            throw OAuthFailure(
                code: OAuthFailure.providerUnavailable,
                detail: (error as? ProviderHTTPError)?.description ?? "the token endpoint could not be reached")
        }
    }
}
