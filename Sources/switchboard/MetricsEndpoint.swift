import Hummingbird
import Logging
import Metrics
import Prometheus
import Synchronization
import SwitchboardCluster
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardServer

/// The process's metrics: swift-metrics bootstrapped once with a Prometheus registry, exported at `GET /metrics`.
enum ServerMetrics {
    /// Latency buckets for every duration histogram: 1 ms to 10 s.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2_500), .seconds(5), .seconds(10),
    ]

    /// The registry `/metrics` prints; made and installed as the metrics backend on first use (the process's one
    /// `MetricsSystem.bootstrap`).
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = latencyBuckets
        MetricsSystem.bootstrap(factory)
        return registry
    }()
}

/// `GET /metrics` in Prometheus's text format, for the admin token only (`Authorization: Bearer …`, as Prometheus
/// sends it with `authorization: {credentials_file: …}`): the metrics name workers and paths, never a tenant, but
/// how busy the server is is still the operator's business. No token: 401; a tenant's token: 403.
///
/// Any other path goes to `next` (the cluster's admin routes), or is answered 404 as the server answers a path it
/// does not know.
struct MetricsRoute: HTTPResponder {
    typealias Context = SwitchboardRequestContext

    static let path = "/metrics"

    let authenticator: ConnectorGraphAuthenticator
    let registry: PrometheusCollectorRegistry
    /// The router, whose tenant gauges are counted before the metrics are printed (`serve --workers`).
    let router: ClusterRouter?
    let next: (any HTTPResponder<SwitchboardRequestContext>)?

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.uri.path == Self.path else {
            if let next { return try await next.respond(to: request, context: context) }
            return Self.errors(.notFound, "Not found.", code: "NOT_FOUND")
        }
        guard request.method == .get || request.method == .head else {
            return Self.errors(.methodNotAllowed, "Use GET.", code: "METHOD_NOT_ALLOWED", headers: [(.allow, "GET")])
        }
        let principal: Principal
        do {
            principal = try await authenticator.authenticate(AuthenticationInput(
                authorization: request.headers[.authorization], remoteAddress: context.remoteAddress))
        } catch {
            guard error.reason == .rejected else {
                return Self.errors(.serviceUnavailable, error.message, code: "INTERNAL_SERVER_ERROR")
            }
            return Self.errors(.unauthorized, error.message, code: "UNAUTHENTICATED",
                               headers: [(.wwwAuthenticate, "Bearer")])
        }
        guard principal == .admin else {
            return Self.errors(.forbidden, "The metrics need the admin token.", code: "FORBIDDEN")
        }
        if let router {
            do {
                try await router.refreshTenantGauges()
            } catch {
                // The other series are still worth having; the gauges keep their last values.
                context.logger.warning("Counting tenants per worker failed", metadata: [
                    "error": .string(String(describing: error)),
                ])
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * 1024)
        registry.emit(into: &bytes)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func errors(
        _ status: HTTPResponse.Status, _ message: String, code: String,
        headers: [(HTTPFields.Element.Name, String)] = []
    ) -> Response {
        let answer = HTTPGraphQLResponse.errors(
            status, .json, [GraphQLError(message, extensions: ["code": .string(code)])], headers: headers)
        return Response(status: answer.status, headers: answer.headers, body: .init(byteBuffer: answer.body))
    }
}

/// Requests and latencies per path and status class, counted around the whole HTTP response (both modes):
/// `switchboard_http_requests_total{path, status}` and `switchboard_http_request_duration_seconds{path}`. Paths
/// are the server's own (`/graphql`, `/healthz`, `/metrics`, `/cluster/…` as `/cluster`, `/webhooks/…` as
/// `/webhooks`: never the rest of the path, which may carry a secret) or `other`, so that clients cannot make new
/// series.
final class HTTPMetrics: Sendable {
    static let requestsTotal = "switchboard_http_requests_total"
    static let requestDuration = "switchboard_http_request_duration_seconds"
    static let paths = ["/graphql", "/healthz", MetricsRoute.path, "/cluster", "/webhooks", "other"]

    private let counters: [[Metrics.Counter]]  // [path][status class 1xx…5xx]
    private let timers: [Metrics.Timer]

    init() {
        counters = Self.paths.map { path in
            (1...5).map { digit in
                Metrics.Counter(label: Self.requestsTotal, dimensions: [("path", path), ("status", "\(digit)xx")])
            }
        }
        timers = Self.paths.map { path in Metrics.Timer(label: Self.requestDuration, dimensions: [("path", path)]) }
    }

    /// The index in `paths` of a request path.
    static func pathIndex(_ path: String) -> Int {
        if let index = paths.firstIndex(of: path) { return index }
        if path.hasPrefix("/cluster/") { return 3 }
        if path.hasPrefix("/webhooks/") { return 4 }
        return paths.count - 1
    }

    func record(path: String, status: Int, duration: Duration) {
        let index = Self.pathIndex(path)
        counters[index][min(max(status / 100, 1), 5) - 1].increment()
        let (seconds, attoseconds) = duration.components
        timers[index].recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
