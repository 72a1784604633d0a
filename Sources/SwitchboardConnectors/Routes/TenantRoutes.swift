/// The registry of tenant routes: one list, one line per route.
enum TenantRoutes {
    static let all: [any TenantRoute] = [
        WebhookDeliveryRoute(),
    ]

    /// The path prefixes of routes whose paths hold a secret, which logs must not show.
    static let secretPathPrefixes = [WebhookStore.pathPrefix]

    static func route(method: String, path: String, in routes: [any TenantRoute]) -> (any TenantRoute)? {
        routes.first { $0.matches(method: method, path: path) }
    }

    static func route(named name: String, in routes: [any TenantRoute]) -> (any TenantRoute)? {
        routes.first { $0.name == name }
    }

    /// Serves `request` with the route named `route`; an unknown route name (a router newer than its worker) is a
    /// 404, as an unknown path is.
    static func serve(
        _ request: TenantHTTPRequest, route name: String, tenantID: String, routes: [any TenantRoute],
        services: ConnectorServices
    ) async -> TenantHTTPResponse {
        guard let route = route(named: name, in: routes) else {
            return .error(404, code: "NOT_FOUND", "Not found.")
        }
        return await route.respond(to: request, tenantID: tenantID, services: services)
    }
}
