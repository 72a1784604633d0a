import Foundation
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import Testing

/// The tenant routes' registry and the graph's API around it, with a route of the test's own.
@Suite struct TenantRouteTests {
    static let environment = Task { try await TestGraph.make() }

    /// Serves `POST /echo/<tenant id>`: the tenant is the path's last part when it exists.
    struct EchoRoute: TenantRoute {
        let name = "test.echo"

        func matches(method: String, path: String) -> Bool { method == "POST" && path.hasPrefix("/echo/") }

        func tenant(for request: TenantHTTPRequest, services: ConnectorServices) async throws -> String? {
            let id = String(request.path.dropFirst("/echo/".count))
            return try await services.database.transaction(.allTenants) { transaction in
                try await TenantStore.find(id, in: transaction)?.id
            }
        }

        func respond(to request: TenantHTTPRequest, tenantID: String, services: ConnectorServices) async
            -> TenantHTTPResponse
        {
            .json(200, ["tenant": .string(tenantID), "body": .string(String(decoding: request.body, as: UTF8.self)),
                        "signature": .string(request.header("X-Signature") ?? "")])
        }
    }

    @Test func routesAreFoundByPathAndByName() async throws {
        let env = try await Self.environment.value
        let routes: [any TenantRoute] = [EchoRoute()]
        #expect(TenantRoutes.route(method: "POST", path: "/echo/x", in: routes)?.name == "test.echo")
        #expect(TenantRoutes.route(method: "GET", path: "/echo/x", in: routes) == nil)
        #expect(TenantRoutes.route(method: "POST", path: "/graphql", in: routes) == nil)

        let tenant = try await env.tenant()
        let request = TenantHTTPRequest(
            method: "POST", path: "/echo/\(tenant.id)", headers: [HTTPHeader(name: "X-Signature", value: "abc")],
            body: Array("hello".utf8), requestID: "r1")
        let route = try #require(TenantRoutes.route(named: "test.echo", in: routes))
        #expect(try await route.tenant(for: request, services: env.graph.services) == tenant.id)
        var unknown = request
        unknown.path = "/echo/ten_aaaaaaaaaaaaaaaaaaaaaaaaaa"
        #expect(try await route.tenant(for: unknown, services: env.graph.services) == nil)

        let response = await TenantRoutes.serve(
            request, route: "test.echo", tenantID: tenant.id, routes: routes, services: env.graph.services)
        #expect(response.status == 200)
        #expect(try parseJSON(String(decoding: response.body, as: UTF8.self))
            == ["tenant": .string(tenant.id), "body": "hello", "signature": "abc"])
        #expect(response.headers.first?.name == "content-type")

        let missing = await TenantRoutes.serve(
            request, route: "no.such.route", tenantID: tenant.id, routes: routes, services: env.graph.services)
        #expect(missing.status == 404)
    }

    @Test func theGraphAnswersUnknownRoutesAsNotFound() async throws {
        let env = try await Self.environment.value
        #expect(env.graph.tenantRouteName(method: "GET", path: "/nothing/here") == nil)
        let request = TenantHTTPRequest(method: "GET", path: "/nothing/here")
        #expect(try await env.graph.tenantOfRouteRequest(request, route: "no.such.route") == nil)
        let response = await env.graph.serveTenantRoute(request, route: "no.such.route", tenantID: "ten_x")
        #expect(response.status == 404)
    }

    @Test func requestHelpersReadHeadersAndQueryParameters() {
        let request = TenantHTTPRequest(
            method: "GET", path: "/oauth/callback", query: "code=a%2Fb&state=x+y&empty=&flag",
            headers: [HTTPHeader(name: "Stripe-Signature", value: "t=1,v1=ab")])
        #expect(request.headers[0].name == "stripe-signature")
        #expect(request.header("STRIPE-signature") == "t=1,v1=ab")
        #expect(request.header("x-missing") == nil)
        #expect(request.queryParameter("code") == "a/b")
        #expect(request.queryParameter("state") == "x y")
        #expect(request.queryParameter("empty") == "")
        #expect(request.queryParameter("flag") == "")
        #expect(request.queryParameter("other") == nil)
    }
}
