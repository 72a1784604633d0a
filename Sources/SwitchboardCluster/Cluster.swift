import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SwitchboardConnectors
import SwitchboardPostgres
import SwitchboardServer

/// What `switchboard serve --workers N` needs besides what a single-process server has.
public struct ClusterConfiguration: Sendable {
    /// How many workers this router spawns (`w1` … `wN`); 0 when it has remote workers only. Stored as the count
    /// every router on the database follows (`ShardMapStore.setWorkerCount`).
    public var workerCount: Int
    /// Workers that run on their own, reached over mutual TLS (`--remote-worker`); they join the shard map's
    /// active workers next to the local ones.
    public var remoteWorkers: [RemoteWorker] = []
    /// The router's TLS identity for its remote workers; required when there are any.
    public var remoteWorkerSettings: RemoteWorkerSettings?
    /// The URL workers connect to PostgreSQL with. It reaches them in their environment (`DATABASE_URL`), not on
    /// their command line, which other users of the machine can read.
    public var databaseURL: String
    /// The absolute path of the provider configuration file (`serve --provider-config`), which workers load too.
    /// It reaches them as a path in their environment (`SWITCHBOARD_PROVIDER_CONFIG`): its secrets never go on a
    /// command line or into an environment.
    public var providerConfigurationFile: String?
    /// The workers' log level (`--log-level`).
    public var workerLogLevel: Logger.Level
    public var supervision: SupervisionSettings
    public var routing = RoutingSettings()
    /// Where the workers' sockets go; by default a new directory of mode 0700 under the temporary directory,
    /// removed at shutdown.
    public var socketDirectory: String?
    /// The server's public base URL, for the webhook endpoint URLs the workers make (`--public-url`); without it
    /// they return the endpoint's path alone.
    public var publicURL: String?
    /// How long the start waits for every worker to be ready.
    public var startTimeout: Duration = .seconds(60)

    public init(workerCount: Int, databaseURL: String, providerConfigurationFile: String? = nil,
                workerLogLevel: Logger.Level = .info,
                supervision: SupervisionSettings = SupervisionSettings()) {
        self.workerCount = workerCount
        self.databaseURL = databaseURL
        self.providerConfigurationFile = providerConfigurationFile
        self.workerLogLevel = workerLogLevel
        self.supervision = supervision
    }

    /// The default number of workers: one per core.
    public static var defaultWorkerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// A running router's cluster: the workers it supervises and the router that forwards to them.
///
/// `start` registers the worker set in the shard map, spawns the workers and waits until they are ready. Then the
/// HTTP server takes `executor(endpoint:)` and `adminRoutes`, and the service group runs `service`, which on
/// graceful shutdown drains the workers: placed after the HTTP server in the group, it stops once the requests in
/// flight have their answers.
public final class Cluster: Sendable {
    public let router: ClusterRouter
    public let configuration: ClusterConfiguration
    let supervisor: WorkerSupervisor
    /// Keeps the remote workers connected; nil without any.
    let remoteConnector: RemoteWorkerConnector?
    private let socketDirectory: String
    private let ownsSocketDirectory: Bool
    private let refreshTask: Task<Void, Never>
    private let logger: Logger

    private init(router: ClusterRouter, configuration: ClusterConfiguration, supervisor: WorkerSupervisor,
                 remoteConnector: RemoteWorkerConnector?, socketDirectory: String, ownsSocketDirectory: Bool,
                 logger: Logger) {
        self.router = router
        self.configuration = configuration
        self.supervisor = supervisor
        self.remoteConnector = remoteConnector
        self.socketDirectory = socketDirectory
        self.ownsSocketDirectory = ownsSocketDirectory
        self.logger = logger
        self.refreshTask = Task { await router.refreshPeriodically() }
    }

    public struct StartError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Starts the cluster of the router whose graph is `graph` (started, migrations applied).
    public static func start(
        graph: ConnectorGraph, pool: PostgresPool, configuration: ClusterConfiguration, logger: Logger
    ) async throws -> Cluster {
        guard configuration.workerCount >= 1 || !configuration.remoteWorkers.isEmpty else {
            throw StartError(message: "a cluster needs at least one worker")
        }
        let remoteLinks = try remoteLinks(configuration, logger: logger)
        let store = ShardMapStore(pool: pool)
        // Stored: every router on the database follows the count the last one started with (or setWorkerCount).
        // The active set is that many local workers and this router's remote ones.
        try await store.setWorkerCount(configuration.workerCount, remoteWorkers: remoteLinks.map(\.workerID))
        let shardMap = try await store.load()

        let (directory, owned) = try socketDirectory(configuration.socketDirectory)
        // The longest id a worker can have (`setWorkerCount` goes up to 64, `--workers` to 256).
        let longest = "\(directory)/w256.sock"
        if longest.utf8.count > UnixSocketTransport.maxPathLength {
            throw StartError(message: "the socket path \(longest) is longer than a socket address holds")
        }
        // The remote links are in the worker set from the start: the supervisor adds and retires local ones only.
        let router = ClusterRouter(graph: graph, links: remoteLinks, store: store, shardMap: shardMap,
                                   settings: configuration.routing, logger: logger)
        graph.attachCluster(router)
        let workerLogLevel = configuration.workerLogLevel.rawValue
        let publicURL = configuration.publicURL
        let supervisor = WorkerSupervisor(
            workers: router.workers, settings: configuration.supervision,
            makeLink: { id in
                WorkerLink(workerID: id, transport: UnixSocketTransport(path: "\(directory)/\(id).sock"))
            },
            workerArguments: { link in
                var list = ["worker", "--socket", (link.transport as? UnixSocketTransport)?.path ?? "",
                            "--worker-id", link.workerID, "--supervised", "--log-level", workerLogLevel]
                if let publicURL { list += ["--public-url", publicURL] }
                return list
            },
            extraEnvironment: ["DATABASE_URL": configuration.databaseURL].merging(
                configuration.providerConfigurationFile.map { [ProviderConfiguration.fileEnvironmentVariable: $0] }
                    ?? [:]
            ) { given, _ in given },
            group: MultiThreadedEventLoopGroup.singleton, logger: logger, metrics: router.metrics,
            onFrame: { frame, connection, link in router.handleWorkerFrame(frame, connection: connection, link: link) })
        router.attach(supervisor)
        let remoteConnector = configuration.remoteWorkerSettings.flatMap { settings in
            remoteLinks.isEmpty ? nil : RemoteWorkerConnector(
                links: remoteLinks, settings: settings, group: MultiThreadedEventLoopGroup.singleton, logger: logger,
                metrics: router.metrics,
                onFrame: { frame, connection, link in
                    router.handleWorkerFrame(frame, connection: connection, link: link)
                })
        }
        let ids = shardMap.workers.filter(ShardMapStore.isLocalWorkerID)
        let cluster = Cluster(router: router, configuration: configuration, supervisor: supervisor,
                              remoteConnector: remoteConnector, socketDirectory: directory, ownsSocketDirectory: owned,
                              logger: logger)
        supervisor.add(ids)
        remoteConnector?.start()
        logger.info("Starting workers", metadata: [
            "workers": .stringConvertible(ids.count), "sockets": .string(directory),
        ])
        guard await supervisor.waitUntilReady(timeout: configuration.startTimeout) else {
            await cluster.stop()
            throw StartError(message: "the workers did not all start within \(configuration.startTimeout)")
        }
        logger.info("Workers ready", metadata: ["workers": .stringConvertible(ids.count)])
        if let remoteConnector, let settings = configuration.remoteWorkerSettings {
            let missing = await remoteConnector.waitUntilReady(timeout: settings.startWait)
            logger.log(level: missing.isEmpty ? .info : .warning, "Remote workers", metadata: [
                "workers": .stringConvertible(remoteLinks.count),
                "not_ready": .string(missing.joined(separator: ",")),
            ])
        }
        return cluster
    }

    /// The HTTP server's executor: the admin's requests here, tenants' to their workers.
    public func executor(endpoint: GraphQLEndpoint) -> ClusterExecutor {
        ClusterExecutor(router: router, endpoint: endpoint)
    }

    /// The admin's view of the cluster over HTTP (`/cluster/workers`, `/cluster/placement`).
    public var adminRoutes: ClusterAdminRoutes {
        ClusterAdminRoutes(
            router: router, authenticator: ConnectorTokenAuthenticator(tokens: router.graph.authenticator))
    }

    /// The tenant routes (OAuth callback, webhook deliveries) over HTTP, forwarded to each tenant's worker under its
    /// rate limit, in front of `next` (e.g. `adminRoutes`).
    public func tenantRoutes(
        maxBodyBytes: Int = TenantRouteResponder.defaultMaxBodyBytes,
        next: (any HTTPResponder<SwitchboardRequestContext>)? = nil
    ) -> TenantRouteResponder {
        let router = self.router
        return TenantRouteResponder(
            graph: router.graph, maxBodyBytes: maxBodyBytes,
            serve: { request, route, tenantID in
                await router.forwardTenantRoute(request, route: route, tenantID: tenantID)
            },
            admit: { tenantID in
                if case .limited(let retryAfter) = router.rateLimiter.admit(tenantID) { return retryAfter }
                return nil
            },
            next: next)
    }

    /// A service that drains the workers on graceful shutdown.
    public var service: some Service { ClusterService(cluster: self) }

    /// Drains and stops every worker, then removes the sockets' directory.
    public func stop() async {
        refreshTask.cancel()
        async let remote: Void = remoteConnector?.stop() ?? ()
        await supervisor.stop()
        await remote
        // The router and the supervisor refer to each other (frames one way, scaling the other): broken here.
        router.detachSupervisor()
        if ownsSocketDirectory { try? FileManager.default.removeItem(atPath: socketDirectory) }
        logger.info("Workers stopped")
    }

    /// The links of `configuration.remoteWorkers`: ids unique and not of the local form, TLS set up.
    private static func remoteLinks(_ configuration: ClusterConfiguration, logger: Logger) throws -> [WorkerLink] {
        guard !configuration.remoteWorkers.isEmpty else { return [] }
        guard let settings = configuration.remoteWorkerSettings else {
            throw StartError(message: "remote workers need the router's TLS files (--tls-cert, --tls-key, --tls-ca)")
        }
        var seen = Set<String>()
        var links: [WorkerLink] = []
        for remote in configuration.remoteWorkers {
            // Local ids come and go with the worker count (up to w256): a remote `w9` would clash with one.
            guard !ShardMapStore.isLocalWorkerID(remote.id) else {
                throw StartError(message: "the remote worker id \(remote.id) has the form of a local one (w1…wN)")
            }
            guard seen.insert(remote.id).inserted else {
                throw StartError(message: "the worker id \(remote.id) is given twice")
            }
            do {
                let transport = try TLSTransport(host: remote.host, port: remote.port, role: .router,
                                                 files: settings.tls, serverName: settings.serverName, logger: logger)
                links.append(WorkerLink(workerID: remote.id, transport: transport))
            } catch {
                throw StartError(message: "remote worker \(remote.id): \(error)")
            }
        }
        return links
    }

    private static func socketDirectory(_ given: String?) throws -> (String, Bool) {
        if let given {
            try FileManager.default.createDirectory(atPath: given, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            return (given, false)
        }
        // Short: a socket path must fit in 107 bytes.
        var template = Array("/tmp/switchboard-cluster.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw StartError(message: "could not create a directory for the workers' sockets")
        }
        return (String(cString: made), true)
    }
}

private struct ClusterService: Service {
    let cluster: Cluster

    func run() async throws {
        try? await gracefulShutdown()
        // Not cancelled with the group: the workers must be drained and reaped whatever happens.
        await Task { await cluster.stop() }.value
    }
}
