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

/// Where the OAuth flow meets the server's configuration and the outbound HTTP client: the one file that knows
/// them, so that the flow itself reads as the RFCs describe it.
enum OAuthProviderAccess {
    /// The provider's authorize and token URLs, with the server's overrides applied.
    static func endpoints(
        _ provider: Provider, _ oauth: OAuthSettings, services: ConnectorServices
    ) -> (authorizeURL: String, tokenURL: String) {
        (oauth.authorizeURL, oauth.tokenURL)
    }

    /// The public URL of `/oauth/callback` that providers redirect to; nil when the server has none configured.
    static func redirectURL(services: ConnectorServices) -> String? {
        nil
    }

    /// Whether `origin` (`scheme://host[:port]`, lowercase) may receive the redirect that ends a flow.
    static func allowsReturnOrigin(_ origin: String, services: ConnectorServices) -> Bool {
        false
    }

    /// The OAuth client for the tenant: its override of the provider's app, else (HYBRID only) the platform's app;
    /// nil when there is none (a TENANT_MANAGED provider never falls back to the platform).
    static func client(
        _ provider: Provider, tenantID: String, services: ConnectorServices, in transaction: PostgresTransaction
    ) async throws -> OAuthClient? {
        nil
    }

    /// Sends a request to a token endpoint (bounded in time and size). Errors describe the failure without the
    /// request's content.
    static func send(_ request: TokenEndpointRequest, services: ConnectorServices) async throws -> TokenEndpointResponse {
        throw OAuthFailure(code: OAuthFailure.providerUnavailable, detail: "no outbound HTTP client")
    }
}
