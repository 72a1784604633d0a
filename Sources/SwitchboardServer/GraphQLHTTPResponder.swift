import Hummingbird
import Logging
import SwitchboardGraphQL

/// What the HTTP side of the server may be tuned with.
public struct GraphQLHTTPOptions: Sendable {
    /// The path GraphQL is served on.
    public var graphQLPath: String = "/graphql"
    /// The path that answers 200 `ok` while the server serves.
    public var healthPath: String = "/healthz"
    /// The largest request body accepted (413 beyond).
    public var maxBodyBytes: Int = 1 << 20
    /// Limits for the JSON of bodies and of the `variables` and `extensions` GET parameters.
    public var jsonLimits: JSONLimits = JSONLimits(maxDepth: 512, maxBytes: 1 << 20)
    /// Paths that carry a secret (webhook URLs, `/webhooks/<secret>`): the log shows such a path only up to the
    /// prefix, followed by `…`.
    public var secretPathPrefixes: [String] = []

    public init() {}

    /// `path` as the request log shows it.
    func loggedPath(_ path: String) -> String {
        guard let prefix = secretPathPrefixes.first(where: { path.hasPrefix($0) }) else { return path }
        return prefix + "…"
    }
}

/// The server's one responder: `/graphql` as GraphQL over HTTP says, `/healthz`, other paths to
/// `otherRoutes` when there are some (an OAuth callback, say: a Hummingbird `Router` built with
/// `SwitchboardRequestContext`), 404 otherwise. Every response carries `X-Request-Id`, and one log line
/// (method, path, status, duration; never the query string, the headers or the variables) records it.
public struct GraphQLHTTPResponder: HTTPResponder {
    public typealias Context = SwitchboardRequestContext

    private let handler: any GraphQLRequestHandling
    private let otherRoutes: (any HTTPResponder<SwitchboardRequestContext>)?
    let options: GraphQLHTTPOptions

    public init<A: Authenticator, F: GraphQLContextFactory>(
        endpoint: GraphQLEndpoint,
        authenticator: A,
        contextFactory: F,
        options: GraphQLHTTPOptions = GraphQLHTTPOptions(),
        otherRoutes: (any HTTPResponder<SwitchboardRequestContext>)? = nil
    ) where F.Principal == A.Principal {
        self.init(endpoint: endpoint, authenticator: authenticator,
                  executor: LocalGraphQLExecutor(endpoint: endpoint, contextFactory: contextFactory),
                  options: options, otherRoutes: otherRoutes)
    }

    /// A responder whose valid requests `executor` runs (`endpoint` still parses and validates them here, to
    /// answer request errors and learn the operation's type).
    public init<A: Authenticator, E: GraphQLRequestExecutor>(
        endpoint: GraphQLEndpoint,
        authenticator: A,
        executor: E,
        options: GraphQLHTTPOptions = GraphQLHTTPOptions(),
        otherRoutes: (any HTTPResponder<SwitchboardRequestContext>)? = nil
    ) where E.Principal == A.Principal {
        self.handler = GraphQLRequestHandler(endpoint: endpoint, authenticator: authenticator, executor: executor,
                                             options: options)
        self.otherRoutes = otherRoutes
        self.options = options
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let requestID = RequestID.make(incoming: request.headers[.requestID])
        var logger = context.logger
        logger[metadataKey: "request.id"] = .string(requestID)
        // Hummingbird's own lines about this request then show the same id.
        logger[metadataKey: "hb.request.id"] = .string(requestID)

        var response: Response
        switch request.uri.path {
        case options.graphQLPath:
            response = await handler.respond(to: request, remoteAddress: context.remoteAddress,
                                             requestID: requestID, logger: logger)
        case options.healthPath:
            if request.method == .get || request.method == .head {
                response = Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: "ok")))
            } else {
                response = errorResponse(.methodNotAllowed, .json, [.server("Use GET.", .methodNotAllowed)],
                                         headers: [(.allow, "GET, HEAD")])
            }
        default:
            if let otherRoutes {
                var routeContext = context
                routeContext.logger = logger
                response = await respond(to: request, context: routeContext, with: otherRoutes, logger: logger)
            } else {
                response = errorResponse(.notFound, .json, [.server("Not found.", .notFound)])
            }
        }
        response.headers[.requestID] = requestID

        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("Request served", metadata: [
            "http.method": .string(request.method.rawValue),
            "http.path": .string(options.loggedPath(request.uri.path)),
            "http.status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(Int(milliseconds.rounded()))),
        ])
        return response
    }
}

extension GraphQLHTTPResponder {
    /// The other routes' response; an error they throw becomes its HTTP status (Hummingbird's
    /// `HTTPResponseError`, a 404 for an unknown route) or a logged 500.
    private func respond(
        to request: Request, context: Context, with routes: any HTTPResponder<SwitchboardRequestContext>, logger: Logger
    ) async -> Response {
        do {
            return try await routes.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            return (try? error.response(from: request, context: context)) ?? Response(status: error.status)
        } catch {
            logger.error("Route failed", metadata: [
                "error.type": .string(String(reflecting: type(of: error))),
                "error": .string(String(describing: error)),
            ])
            return errorResponse(.internalServerError, .json, [.server("Internal server error", .internalServerError)])
        }
    }
}

/// The GraphQL path's handling, with the authenticator's and the context factory's types erased.
protocol GraphQLRequestHandling: Sendable {
    func respond(to request: Request, remoteAddress: String?, requestID: String, logger: Logger) async -> Response
}

/// A response whose body is `{"errors":[…]}`.
func errorResponse(
    _ status: HTTPResponse.Status,
    _ mediaType: ResponseMediaType,
    _ errors: [GraphQLError],
    headers extra: [(HeaderName, String)] = []
) -> Response {
    HTTPGraphQLResponse.errors(status, mediaType, errors, headers: extra).response
}
