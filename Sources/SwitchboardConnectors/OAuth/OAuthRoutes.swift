import Foundation
import SwitchboardCrypto
import SwitchboardGraphQL

/// `GET /oauth/callback?code&state`: the end of an OAuth flow (see `OAuthCallback`). The router finds the tenant
/// by the state's hash; the tenant's worker exchanges the code with the tenant's keys.
struct OAuthCallbackRoute: TenantRoute {
    let name = "oauth.callback"

    /// GET only: the callback consumes its state, which a HEAD (a link prefetcher) must not do.
    func matches(method: String, path: String) -> Bool {
        method == "GET" && path == OAuthCallback.path
    }

    func tenant(for request: TenantHTTPRequest, services: ConnectorServices) async throws -> String? {
        try await OAuthCallback.tenant(for: request, services: services)
    }

    func respond(to request: TenantHTTPRequest, tenantID: String, services: ConnectorServices) async
        -> TenantHTTPResponse
    {
        await OAuthCallback.respond(to: request, tenantID: tenantID, services: services)
    }

    /// A state that no tenant issued (or one deleted with its tenant): 400, as the worker answers a bad state.
    func noTenantResponse(to request: TenantHTTPRequest) -> TenantHTTPResponse {
        guard let state = request.queryParameter("state"), OAuthSecrets.isWellFormedState(state) else {
            return OAuthCallback.refusal(.invalid, "The callback has no valid state parameter.")
        }
        return OAuthCallback.refusal(.unknownState, "The state of this callback was never issued.")
    }
}

/// Internal: the background pass's work for one tenant, handed by the router to the tenant's worker (or run in
/// the single process): refresh the tenant's due tokens. No HTTP request reaches it.
struct OAuthRefreshDueRoute: TenantRoute {
    static let routeName = "oauth.refresh-due"
    let name = Self.routeName

    func matches(method: String, path: String) -> Bool { false }

    func tenant(for request: TenantHTTPRequest, services: ConnectorServices) async throws -> String? { nil }

    func respond(to request: TenantHTTPRequest, tenantID: String, services: ConnectorServices) async
        -> TenantHTTPResponse
    {
        let (refreshed, failed) = await TokenRefresher.refreshDue(tenantID: tenantID, services: services)
        return .json(200, ["refreshed": .int(refreshed), "failed": .int(failed)])
    }
}

extension ConnectorGraph {
    /// The name of the internal tenant route that refreshes one tenant's due tokens.
    public static let refreshDueRouteName = OAuthRefreshDueRoute.routeName

    /// The tenants that have refreshable tokens within the refresh margin of their expiry (of active connectors, or
    /// of connectors a passing refresh failure left in ERROR a while ago), at
    /// most `limit` (the router's half of the background pass: it reads across tenants and needs no key).
    public func tenantsWithTokensDue(limit: Int = 1000) async throws -> [String] {
        let margin = services.oauth.options.refreshMarginSeconds
        let retry = services.oauth.options.retryFailedRefreshAfterSeconds
        return try await services.database.transaction(.allTenants) { transaction in
            try await OAuthStore.tenantsWithTokensDue(
                marginSeconds: margin, retryAfterSeconds: retry, limit: limit, in: transaction)
        }
    }

    /// The request that asks a tenant's worker to refresh the tenant's due tokens (route `refreshDueRouteName`).
    public static func refreshDueRequest(requestID: String = "") -> TenantHTTPRequest {
        TenantHTTPRequest(method: "POST", path: "/internal/oauth/refresh-due", requestID: requestID)
    }
}
