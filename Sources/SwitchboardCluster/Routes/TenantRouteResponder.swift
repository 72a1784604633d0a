import Hummingbird
import Logging
import NIOCore
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardServer

/// The HTTP side of tenant routes (OAuth callback, webhook deliveries): requests that belong to a tenant but carry
/// no bearer token. Installed as the server's `otherRoutes`, in front of any others (`next`).
///
/// For a path a tenant route serves, it reads the body (at most `maxBodyBytes`, else 413 PAYLOAD_TOO_LARGE), asks
/// the graph which tenant the request belongs to (404 NOT_FOUND when none: an unknown secret looks like an
/// unknown path), and hands it to `serve`: the graph itself in a single process, or `forwardTenantRoute` to the
/// tenant's worker in a router. Credentials of the caller (`Authorization`, `Cookie`) are not passed on.
public struct TenantRouteResponder: HTTPResponder {
    public typealias Context = SwitchboardRequestContext
    /// Serves a request of the route named by the second argument for the tenant named by the third.
    public typealias Serve = @Sendable (TenantHTTPRequest, String, String) async -> TenantHTTPResponse

    /// The default bound of a request body: 256 KiB.
    public static let defaultMaxBodyBytes = 256 * 1024
    /// Headers that are not the route's business.
    static let withheldHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie"]
    static let requestIDHeader = HTTPFields.Element.Name("X-Request-Id")!

    let graph: ConnectorGraph
    let maxBodyBytes: Int
    let serve: Serve
    /// Per-tenant admission (a router's rate limiter): nil to admit, else the seconds to wait (429).
    let admit: (@Sendable (String) -> Int?)?
    let next: (any HTTPResponder<Context>)?

    public init(
        graph: ConnectorGraph, maxBodyBytes: Int = defaultMaxBodyBytes, serve: @escaping Serve,
        admit: (@Sendable (String) -> Int?)? = nil, next: (any HTTPResponder<Context>)? = nil
    ) {
        self.graph = graph
        self.maxBodyBytes = maxBodyBytes
        self.serve = serve
        self.admit = admit
        self.next = next
    }

    /// The routes served by `graph` in this process.
    public static func local(
        graph: ConnectorGraph, maxBodyBytes: Int = defaultMaxBodyBytes, next: (any HTTPResponder<Context>)? = nil
    ) -> TenantRouteResponder {
        TenantRouteResponder(graph: graph, maxBodyBytes: maxBodyBytes, serve: { request, route, tenantID in
            await graph.serveTenantRoute(request, route: route, tenantID: tenantID)
        }, next: next)
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard let route = graph.tenantRouteName(method: request.method.rawValue, path: request.uri.path) else {
            if let next { return try await next.respond(to: request, context: context) }
            return Self.response(.error(404, code: "NOT_FOUND", "Not found."))
        }
        let tooLarge = TenantHTTPResponse.error(
            413, code: "PAYLOAD_TOO_LARGE", "The request body is larger than \(maxBodyBytes) bytes.")
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBodyBytes {
            return Self.response(tooLarge)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return Self.response(tooLarge)
        } catch {
            return Self.response(.error(400, code: "BAD_REQUEST", "The request body could not be read."))
        }
        var headers: [HTTPHeader] = []
        for field in request.headers where !Self.withheldHeaders.contains(field.name.canonicalName) {
            headers.append(HTTPHeader(name: field.name.canonicalName, value: field.value))
        }
        guard headers.count <= 100 else {
            return Self.response(.error(431, code: "BAD_REQUEST", "The request has more than 100 headers."))
        }
        let routeRequest = TenantHTTPRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: headers, body: Array(buffer: body),
            requestID: request.headers[Self.requestIDHeader] ?? "")

        let tenantID: String?
        do {
            tenantID = try await graph.tenantOfRouteRequest(routeRequest, route: route)
        } catch {
            context.logger.error("Tenant route lookup failed", metadata: [
                "route": .string(route), "error.type": .string(String(reflecting: type(of: error))),
                "error": .string(String(describing: error)),
            ])
            return Self.response(.error(503, code: "SERVICE_UNAVAILABLE", "The server cannot serve this now.",
                                        headers: [HTTPHeader(name: "retry-after", value: "1")]))
        }
        guard let tenantID else { return Self.response(graph.noTenantResponse(to: routeRequest, route: route)) }
        if let retryAfter = admit?(tenantID) {
            return Self.response(.error(429, code: "RATE_LIMITED", "Rate limit exceeded",
                                        headers: [HTTPHeader(name: "retry-after", value: String(retryAfter))]))
        }
        context.logger.debug("Tenant route", metadata: ["route": .string(route), "tenant.id": .string(tenantID)])
        return Self.response(await serve(routeRequest, route, tenantID))
    }

    /// The route's answer as Hummingbird's; headers with names HTTP does not allow are dropped.
    static func response(_ answer: TenantHTTPResponse) -> Response {
        var fields = HTTPFields()
        for header in answer.headers {
            guard let name = HTTPFields.Element.Name(header.name) else { continue }
            fields.append(HTTPFields.Element(name: name, value: header.value))
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields,
                        body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
