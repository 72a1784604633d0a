import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import SwitchboardCluster
import SwitchboardConnectors
import SwitchboardPostgres
import SwitchboardServer

/// `serve --workers N`: the same server, with the tenants' requests executed by N worker processes that this one
/// (the router) spawns and supervises. What `serve` prepared (database, master key, admin token, graph) is the
/// router's; the workers get the database URL only.
enum ClusterServe {
    /// `--workers`: a count, or `auto` for one per core.
    static func workerCount(_ option: String) -> Int? {
        if option == "auto" { return ClusterConfiguration.defaultWorkerCount }
        guard let count = Int(option), (1...256).contains(count) else { return nil }
        return count
    }

    static func run(
        workers: Int, databaseURL: String, pool: PostgresPool, graph: ConnectorGraph, embedded: EmbeddedPostgres?,
        providerConfigurationFile: String?, routing: RoutingSettings, maxRouteBody: Int, publicURL: String?,
        host: String, port: Int, oauthRefreshInterval: Duration?, banner: StartBanner, logLevel: Logger.Level,
        metricsRegistry: PrometheusCollectorRegistry, logger: Logger
    ) async throws {
        let cluster: Cluster
        var configuration = ClusterConfiguration(
            workerCount: workers, databaseURL: databaseURL, providerConfigurationFile: providerConfigurationFile,
            workerLogLevel: logLevel)
        configuration.routing = routing
        configuration.publicURL = publicURL
        do {
            cluster = try await Cluster.start(graph: graph, pool: pool, configuration: configuration, logger: logger)
        } catch {
            await DatabaseService(pool: pool, embedded: embedded, logger: logger).release()
            throw error
        }
        let endpoint = try GraphQLEndpoint(schema: graph.schema)
        let server = SwitchboardHTTPServer(
            endpoint: endpoint, authenticator: ConnectorGraphAuthenticator(tokens: graph.authenticator),
            executor: cluster.executor(endpoint: endpoint),
            configuration: .serving(graph, host: host, port: port),
            otherRoutes: MetricsRoute(
                authenticator: ConnectorGraphAuthenticator(tokens: graph.authenticator), registry: metricsRegistry,
                router: cluster.router,
                next: cluster.tenantRoutes(maxBodyBytes: maxRouteBody, next: cluster.adminRoutes)),
            logger: logger)
        let graphQLPath = server.configuration.http.graphQLPath
        let application = Application(
            responder: ServingResponder(base: server.responder, countStatements: false, metrics: HTTPMetrics()),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let address = HTTPServerAddress(
                    host: channel.localAddress?.ipAddress ?? host, port: channel.localAddress?.port ?? 0,
                    graphQLPath: graphQLPath)
                if graph.publicURL == nil {
                    graph.setPublicURL(ServeCommand.baseURL(host: address.host, port: address.port))
                }
                await banner.show(address: address, graph: graph, logger: logger)
            },
            logger: logger)

        // Stopped in reverse order: the HTTP server (requests in flight get their answers), then the workers
        // (drained), then the database.
        var services: [any Service] = [
            DatabaseService(pool: pool, embedded: embedded, logger: logger), cluster.service, application,
        ]
        if let interval = oauthRefreshInterval {
            let router = cluster.router
            services.append(OAuthRefreshService(graph: graph, interval: interval, dispatch: { request, tenantID in
                await router.forwardTenantRoute(request, route: ConnectorGraph.refreshDueRouteName, tenantID: tenantID)
            }, logger: logger))
        }
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        logger.info("Stopped")
    }
}
