import SwitchboardGraphQL

/// One kind of tenant route: HTTP requests that belong to a tenant but carry no bearer token.
///
/// It is served in two steps, which may run in two processes. The router (or the single process) calls
/// `tenant(for:)`, which finds the tenant without any tenant key (by the unkeyed hash of a random secret in the
/// path, or of the OAuth state), reading across tenants. The tenant's worker then calls `respond`, with the tenant's
/// keys at hand. `name` travels between them, so it is stable.
protocol TenantRoute: Sendable {
    /// Stable, carried over the wire: "oauth.callback", "webhook.delivery", "oauth.refresh-due".
    var name: String { get }
    /// Whether this route serves `method` and `path`; false for every request for internal-only routes.
    func matches(method: String, path: String) -> Bool
    /// The tenant the request belongs to; nil when none (the server answers 404).
    func tenant(for request: TenantHTTPRequest, services: ConnectorServices) async throws -> String?
    /// Serves the request for `tenantID`. Failures are answers (4xx/5xx), never thrown.
    func respond(to request: TenantHTTPRequest, tenantID: String, services: ConnectorServices) async
        -> TenantHTTPResponse
    /// The answer when `tenant(for:)` found no tenant: 404 by default (a webhook URL that does not exist); a route
    /// whose request names its tenant by a value the caller was given (the OAuth state) says what was wrong.
    func noTenantResponse(to request: TenantHTTPRequest) -> TenantHTTPResponse
}

extension TenantRoute {
    func noTenantResponse(to request: TenantHTTPRequest) -> TenantHTTPResponse {
        .error(404, code: "NOT_FOUND", "Not found.")
    }
}

extension ConnectorGraph {
    /// The path prefixes of tenant routes whose paths hold a secret (`/webhooks/`): logs show them cut there.
    public var secretPathPrefixes: [String] { TenantRoutes.secretPathPrefixes }

    /// The name of the tenant route that serves `method` and `path`; nil when none does (the server's 404).
    public func tenantRouteName(method: String, path: String) -> String? {
        TenantRoutes.route(method: method, path: path, in: TenantRoutes.all)?.name
    }

    /// The tenant that `request` to the route named `route` belongs to; nil when it belongs to none (404). Runs
    /// where the router runs: it needs no tenant key.
    public func tenantOfRouteRequest(_ request: TenantHTTPRequest, route: String) async throws -> String? {
        guard let route = TenantRoutes.route(named: route, in: TenantRoutes.all) else { return nil }
        return try await route.tenant(for: request, services: services)
    }

    /// The answer to `request` to the route named `route` when `tenantOfRouteRequest` found no tenant.
    public func noTenantResponse(to request: TenantHTTPRequest, route: String) -> TenantHTTPResponse {
        TenantRoutes.route(named: route, in: TenantRoutes.all)?.noTenantResponse(to: request)
            ?? .error(404, code: "NOT_FOUND", "Not found.")
    }

    /// Serves `request` to the route named `route` for `tenantID` (in the tenant's worker, or the single process).
    public func serveTenantRoute(_ request: TenantHTTPRequest, route: String, tenantID: String) async
        -> TenantHTTPResponse
    {
        await TenantRoutes.serve(request, route: route, tenantID: tenantID, routes: TenantRoutes.all,
                                 services: services)
    }
}
