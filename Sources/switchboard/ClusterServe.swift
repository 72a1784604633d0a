import ArgumentParser
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
    /// `--workers`: a count, or `auto` for one per core; 0 only next to remote workers.
    static func workerCount(_ option: String, remote: Bool = false) -> Int? {
        if option == "auto" { return ClusterConfiguration.defaultWorkerCount }
        guard let count = Int(option), ((remote ? 0 : 1)...256).contains(count) else { return nil }
        return count
    }

    /// The checks of `--remote-worker` and the TLS options that need no file read.
    static func validateRemoteOptions(
        _ specs: [String], certificate: String?, key: String?, ca: String?, serverName: String?
    ) throws {
        let tlsGiven = certificate != nil || key != nil || ca != nil || serverName != nil
        guard !specs.isEmpty else {
            if tlsGiven {
                throw ValidationError("--tls-cert, --tls-key, --tls-ca and --tls-server-name go with --remote-worker")
            }
            return
        }
        guard specs.count <= 256 else { throw ValidationError("at most 256 --remote-worker") }
        for spec in specs {
            do {
                _ = try RemoteWorker.parse(spec)
            } catch {
                throw ValidationError("--remote-worker: \(error)")
            }
        }
        guard certificate != nil, key != nil, ca != nil else {
            throw ValidationError("--remote-worker needs --tls-cert, --tls-key and --tls-ca: "
                + "tenant keys cross that link only over mutual TLS")
        }
        if let serverName, !TLSTransport.isValidServerName(serverName) {
            throw ValidationError("--tls-server-name must be a DNS name")
        }
    }

    /// The remote workers and the router's TLS settings for them; nil when there are none.
    static func remoteWorkers(
        _ specs: [String], certificate: String?, key: String?, ca: String?, serverName: String?
    ) throws -> (workers: [RemoteWorker], settings: RemoteWorkerSettings)? {
        guard !specs.isEmpty, let certificate, let key, let ca else { return nil }
        let workers = try specs.map { spec in try RemoteWorker.parse(spec) }
        let files = ClusterTLSFiles(certificate: certificate, privateKey: key, certificateAuthority: ca)
        // Read now, so that a missing or bad file stops the start with its own message.
        try TLSTransport.check(files, role: .router)
        return (workers, RemoteWorkerSettings(tls: files, serverName: serverName))
    }

    static func run(
        workers: Int, remote: (workers: [RemoteWorker], settings: RemoteWorkerSettings)?,
        databaseURL: String, pool: PostgresPool, graph: ConnectorGraph, embedded: EmbeddedPostgres?,
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
        if let remote {
            configuration.remoteWorkers = remote.workers
            configuration.remoteWorkerSettings = remote.settings
        }
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
