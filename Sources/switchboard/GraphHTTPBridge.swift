import Hummingbird
import Logging
import SwitchboardConnectors
import SwitchboardPostgres
import SwitchboardServer

/// What joins the connector graph to the HTTP server: its authenticator behind the server's seam, its request
/// contexts, and a responder around the server's that names each request for the graph's error reports and,
/// for tests, counts its SQL statements.

/// The graph's token authenticator as the server's `Authenticator`: a token that identifies no one answers 401,
/// a failure to check it (the database is down) 503, with the underlying error in the log only.
struct ConnectorGraphAuthenticator: Authenticator {
    let tokens: TokenAuthenticator

    func authenticate(_ request: AuthenticationInput) async throws(AuthenticationFailure) -> Principal {
        guard let token = request.bearerToken else { throw .missingCredentials }
        do {
            return try await tokens.authenticate(bearerToken: token)
        } catch let error as ConnectorError where error.code == .unauthenticated {
            throw .invalidCredentials
        } catch {
            throw .unavailable(error)
        }
    }
}

extension ConnectorGraph {
    /// The server's context factory: one `ConnectorContext` per request, for its principal.
    var contextFactory: ClosureContextFactory<Principal, ConnectorContext> {
        ClosureContextFactory { [self] principal, _ in makeContext(principal: principal) }
    }
}

/// The request being served by the current task, for log lines written far from the request's own logger (the
/// graph's error reporter).
enum ServedRequest {
    @TaskLocal static var id: String?
}

/// The server's responder, with two additions: the request id is fixed here (the client's `X-Request-Id` when it is
/// a sane token, else a new one, as the server itself would choose) so that the graph's error reports carry it;
/// and with `countStatements`, every response carries `X-SQL-Statements: N`, the statements its request sent to
/// PostgreSQL (for tests that check batching; off by default).
struct ServingResponder: HTTPResponder {
    typealias Context = SwitchboardRequestContext

    static let statementCountHeader = HTTPFields.Element.Name("X-SQL-Statements")!
    static let requestIDHeader = HTTPFields.Element.Name("X-Request-Id")!

    let base: GraphQLHTTPResponder
    let countStatements: Bool
    /// Requests and latencies per path (`/metrics`).
    var metrics: HTTPMetrics?

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let metrics else { return try await respondNamed(to: request, context: context) }
        let started = ContinuousClock.now
        let response = try await respondNamed(to: request, context: context)
        metrics.record(path: request.uri.path, status: response.status.code, duration: ContinuousClock.now - started)
        return response
    }

    private func respondNamed(to request: Request, context: Context) async throws -> Response {
        var head = request.head
        let requestID = Self.saneRequestID(head.headerFields[Self.requestIDHeader]) ?? Self.newRequestID()
        head.headerFields[Self.requestIDHeader] = requestID
        let named = Request(head: head, body: request.body)
        return try await ServedRequest.$id.withValue(requestID) {
            guard countStatements else { return try await base.respond(to: named, context: context) }
            var (response, count) = try await withStatementCounting { try await base.respond(to: named, context: context) }
            response.headers[Self.statementCountHeader] = String(count)
            return response
        }
    }

    /// `id` when it is 1 to 128 characters among letters, digits and `-_.:` (what the server accepts as well).
    static func saneRequestID(_ id: String?) -> String? {
        guard let id, !id.isEmpty, id.utf8.count <= 128 else { return nil }
        let allowed = id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: ":"):
                true
            default:
                false
            }
        }
        return allowed ? id : nil
    }

    /// 128 random bits as 32 hexadecimal digits.
    static func newRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        return [generator.next() as UInt64, generator.next() as UInt64].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}

/// The graph's error reporter: the errors a response shows only as INTERNAL_SERVER_ERROR, logged with the request
/// id. The errors of the layers below describe themselves without secrets (no key, token or credential value).
func graphErrorReporter(logger: Logger) -> @Sendable (any Error) -> Void {
    { error in
        var metadata: Logger.Metadata = [
            "error.type": .string(String(reflecting: type(of: error))),
            "error": .string(String(describing: error)),
        ]
        if let id = ServedRequest.id { metadata["request.id"] = .string(id) }
        logger.error("Internal error", metadata: metadata)
    }
}

extension HTTPServerConfiguration {
    /// The server's configuration for `graph`: its log never shows the secret of a tenant route's path.
    static func serving(_ graph: ConnectorGraph, host: String, port: Int) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(host: host, port: port)
        configuration.http.secretPathPrefixes = graph.secretPathPrefixes
        return configuration
    }
}
