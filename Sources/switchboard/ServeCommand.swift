import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SwitchboardCatalog
import SwitchboardCluster
import SwitchboardConnectors
import SwitchboardPostgres
import SwitchboardServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `switchboard serve`: the connector graph over HTTP (`POST`/`GET /graphql`, `GET /healthz`).
///
/// With no database given it runs the embedded default: a private PostgreSQL cluster under the data directory,
/// started on a Unix socket, reused on the next start and stopped on exit, with a master key and an admin token
/// created there on first use. On the first start of an empty database it creates a demo tenant and prints its
/// token with a ready `curl` line. It stops gracefully on SIGTERM or SIGINT: requests in flight finish, then the
/// database is released. Logs go to standard error; standard output carries only what is meant for the person at
/// the terminal (the URL, and on a first start the demo tenant's token).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the connector graph: GraphQL over HTTP at /graphql, health at /healthz.",
        discussion: """
            Without --database-url or DATABASE_URL, a private PostgreSQL cluster runs in <data-dir>/postgres (the \
            embedded default), with the master key in <data-dir>/master.key and the admin token in \
            <data-dir>/admin.token, both created on first use (mode 0600).
            The master key comes from SWITCHBOARD_MASTER_KEY, --master-key-file or SWITCHBOARD_MASTER_KEY_FILE; the \
            admin token from SWITCHBOARD_ADMIN_TOKEN, --admin-token-file or SWITCHBOARD_ADMIN_TOKEN_FILE.
            """
    )

    static let demoTenantName = "Demo"
    static let statementCountVariable = "SWITCHBOARD_EXPOSE_SQL_STATEMENTS"

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port; the URL printed says which).")
    var port = 8080

    @Option(name: .customLong("database-url"), help: "The PostgreSQL connection URL (default: DATABASE_URL, else the embedded cluster).")
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: "The directory of the embedded cluster, key and token files.")
    var dataDirectory = DataDirectory.defaultPath

    @Option(name: .customLong("master-key-file"), help: "A file holding the 32-byte master key (base64 or hex, mode 0600).")
    var masterKeyFile: String?

    @Option(name: .customLong("admin-token-file"), help: "A file holding the admin's bearer token (mode 0600).")
    var adminTokenFile: String?

    @Option(
        name: .customLong("provider-config"),
        help: """
            A JSON file configuring providers: platform apps and keys, endpoint overrides, the OAuth redirect URL \
            (default: SWITCHBOARD_PROVIDER_CONFIG).
            """)
    var providerConfigFile: String?

    @Flag(name: .customLong("no-demo-tenant"), help: "Do not create the demo tenant on the first start of an empty database.")
    var noDemoTenant = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(help: "Run tenants' requests in N worker processes behind this router (a number, or auto: per core).")
    var workers: String?

    @Option(
        name: .customLong("remote-worker"),
        help: "ID=HOST:PORT of a worker started with `worker --listen` (repeatable); reached over mutual TLS.")
    var remoteWorkers: [String] = []

    @Option(name: .customLong("tls-cert"), help: "With --remote-worker: the router's client certificate (PEM).")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "With --remote-worker: the router's private key (PEM, unencrypted).")
    var tlsKey: String?

    @Option(name: .customLong("tls-ca"), help: "With --remote-worker: the CA certificate workers' certificates chain to.")
    var tlsCA: String?

    @Option(
        name: .customLong("tls-server-name"),
        help: "With --remote-worker: the DNS name workers' certificates carry, when it is not the host dialled.")
    var tlsServerName: String?

    @Option(name: .customLong("rate-limit"), help: "With --workers: requests per second per tenant (0: no limit).")
    var rateLimit: Double = 50

    @Option(name: .customLong("rate-burst"), help: "With --workers: requests a tenant may send at once (0: no limit).")
    var rateBurst: Int = 100

    @Option(name: .customLong("max-in-flight"), help: "With --workers: requests under way per worker before 503.")
    var maxInFlight: Int = 256

    @Option(name: .customLong("request-timeout"), help: "With --workers: seconds a worker may take to answer before 504.")
    var requestTimeout: Double = 30

    @Option(
        name: .customLong("public-url"),
        help: "The server's public base URL, which webhook endpoint URLs start with (default: http://HOST:PORT).")
    var publicURL: String?

    @Option(
        name: .customLong("max-route-body"),
        help: "The largest body, in bytes, of a request to a tenant route (webhook deliveries, OAuth callback).")
    var maxRouteBody: Int = TenantRouteResponder.defaultMaxBodyBytes

    @OptionGroup(title: "OAuth")
    var oauth: OAuthServeOptions

    /// How the router forwards, from the options above.
    var routingSettings: RoutingSettings {
        var settings = RoutingSettings()
        settings.rateLimit = RateLimitSettings(requestsPerSecond: rateLimit, burst: rateBurst)
        settings.maxInFlightPerWorker = maxInFlight
        settings.requestTimeout = .milliseconds(Int64((requestTimeout * 1000).rounded()))
        return settings
    }

    func validate() throws {
        guard rateLimit >= 0, rateBurst >= 0 else { throw ValidationError("--rate-limit and --rate-burst must be 0 or more") }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                url.query == nil, url.fragment == nil
            else { throw ValidationError("--public-url must be an http or https URL without query or fragment") }
        }
        guard (1...(16 << 20) - (1 << 20)).contains(maxRouteBody) else {
            throw ValidationError("--max-route-body must be from 1 to 15728640 bytes")
        }
        guard maxInFlight >= 1 else { throw ValidationError("--max-in-flight must be at least 1") }
        guard requestTimeout > 0, requestTimeout <= 86_400 else {
            throw ValidationError("--request-timeout must be more than 0 and at most 86400 seconds")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let workers, ClusterServe.workerCount(workers, remote: !remoteWorkers.isEmpty) == nil {
            throw ValidationError(remoteWorkers.isEmpty
                ? "--workers must be a number from 1 to 256, or auto"
                : "--workers must be a number from 0 to 256, or auto")
        }
        try ClusterServe.validateRemoteOptions(
            remoteWorkers, certificate: tlsCertificate, key: tlsKey, ca: tlsCA, serverName: tlsServerName)
        try LogLevel.validate(logLevel)
    }

    func run() async throws {
        LogLevel.bootstrap(logLevel)
        let logger = Logger(label: "switchboard")
        do {
            try await serve(environment: ProcessInfo.processInfo.environment, logger: logger)
        } catch {
            printToStandardError("switchboard serve: \(error)")
            throw ExitCode.failure
        }
    }

    private func serve(environment: [String: String], logger: Logger) async throws {
        // Before anything makes a metric: the backend is chosen once per process.
        let metricsRegistry = ServerMetrics.registry
        let catalog = try ProviderCatalog.bundled()
        let providers = try Self.providerConfiguration(
            option: providerConfigFile, environment: environment, catalog: catalog)
        if let file = providers.file {
            // Which providers have platform apps: ids only, never a value.
            let apps = providers.configuration.platformAppProviderIDs.joined(separator: ",")
            logger.info("Provider configuration", metadata: [
                "provider_config.file": .string(file), "provider_config.platform_apps": .string(apps),
            ])
        }
        // Read before any database starts: a bad TLS file stops here with its own message.
        let remote = try ClusterServe.remoteWorkers(
            remoteWorkers, certificate: tlsCertificate, key: tlsKey, ca: tlsCA, serverName: tlsServerName)
        let directory = try DataDirectory.prepare(dataDirectory)
        let target = DatabaseTarget.resolve(option: databaseURL, environment: environment, dataDirectory: directory)
        let masterKey = try MasterKeyChoice.resolve(
            option: masterKeyFile, environment: environment, dataDirectory: directory, embedded: target.embedded != nil)
        let admin = try AdminToken.resolve(option: adminTokenFile, environment: environment, dataDirectory: directory)
        logger.info(admin.created ? "Created the admin token file" : "Admin token", metadata: [
            "admin_token.from": .string(admin.origin)
        ])

        let embedded = target.embedded
        let url: String
        switch target {
        case .url(let given):
            url = given
        case .embedded(let cluster):
            // Held until the process exits.
            guard try DataDirectory.lock(directory) != nil else {
                throw CommandFailure("another switchboard process is using the embedded cluster in \(directory)")
            }
            logger.info("Starting the embedded PostgreSQL", metadata: ["postgres.directory": .string(cluster.directory)])
            url = try await cluster.start()
        }

        // Until the service group runs, a failure must release the database here.
        let pool: PostgresPool
        do {
            pool = try PostgresPool(url: url)
        } catch {
            try? await embedded?.stop()
            throw error
        }
        logger.info("Database", metadata: ["postgres": .string(pool.configuration.description)])
        let graph: ConnectorGraph
        let isNewDatabase: Bool
        do {
            isNewDatabase = try await Self.isNewDatabase(pool)
            graph = try await ConnectorGraph.start(
                pool: pool, masterKeySource: masterKey.source, catalog: catalog,
                providerConfiguration: providers.configuration,
                adminToken: admin.token, errorReporter: graphErrorReporter(logger: logger))
        } catch {
            await DatabaseService(pool: pool, embedded: embedded, logger: logger).release()
            throw error
        }
        graph.configureOAuth(oauth.resolved(environment: environment))
        logger.info("Master key", metadata: [
            "master_key.from": .string(masterKey.source.description),
            "master_key.fingerprint": .string(graph.keyRing.masterKey?.fingerprint ?? "none"),
        ])
        if masterKey.file == nil {
            logger.notice("The master key is in the environment: rotating it needs a key file (--master-key-file)")
        }

        if let publicURL { graph.setPublicURL(publicURL) }
        if workers != nil || !remoteWorkers.isEmpty {
            // Without --workers, a router with remote workers spawns none of its own.
            let workerCount = workers.flatMap { ClusterServe.workerCount($0, remote: remote != nil) } ?? 0
            return try await ClusterServe.run(
                workers: workerCount, remote: remote, databaseURL: url, pool: pool, graph: graph, embedded: embedded,
                providerConfigurationFile: providers.file, routing: routingSettings, maxRouteBody: maxRouteBody,
                publicURL: publicURL ?? (port == 0 ? nil : Self.baseURL(host: host, port: port)),
                host: host, port: port, oauthRefreshInterval: oauth.interval,
                banner: StartBanner(admin: admin, createDemoTenant: isNewDatabase && !noDemoTenant),
                logLevel: Logger.Level(rawValue: logLevel) ?? .info, metricsRegistry: metricsRegistry, logger: logger)
        }

        let countStatements = environment[Self.statementCountVariable] == "1"
        if countStatements {
            logger.warning("Responses carry X-SQL-Statements (\(Self.statementCountVariable)=1): meant for tests")
        }

        let server = SwitchboardHTTPServer(
            endpoint: try GraphQLEndpoint(schema: graph.schema),
            authenticator: ConnectorGraphAuthenticator(tokens: graph.authenticator),
            contextFactory: graph.contextFactory,
            configuration: .serving(graph, host: host, port: port),
            otherRoutes: MetricsRoute(
                authenticator: ConnectorGraphAuthenticator(tokens: graph.authenticator), registry: metricsRegistry,
                router: nil, next: TenantRouteResponder.local(graph: graph, maxBodyBytes: maxRouteBody)),
            logger: logger)
        let banner = StartBanner(admin: admin, createDemoTenant: isNewDatabase && !noDemoTenant)
        let host = self.host
        let graphQLPath = server.configuration.http.graphQLPath
        let application = Application(
            responder: ServingResponder(base: server.responder, countStatements: countStatements,
                                        metrics: HTTPMetrics()),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let address = HTTPServerAddress(
                    host: channel.localAddress?.ipAddress ?? host, port: channel.localAddress?.port ?? 0,
                    graphQLPath: graphQLPath)
                if graph.publicURL == nil { graph.setPublicURL(Self.baseURL(host: address.host, port: address.port)) }
                await banner.show(address: address, graph: graph, logger: logger)
            },
            logger: logger)

        // Services stop in reverse order: the HTTP server first (requests in flight finish), the database last.
        var services: [any Service] = [DatabaseService(pool: pool, embedded: embedded, logger: logger), application]
        if let interval = oauth.interval {
            services.append(OAuthRefreshService(graph: graph, interval: interval, dispatch: { request, tenantID in
                await graph.serveTenantRoute(request, route: ConnectorGraph.refreshDueRouteName, tenantID: tenantID)
            }, logger: logger))
        }
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        logger.info("Stopped")
    }

    /// `http://HOST:PORT`, with an IPv6 host in brackets: the public URL when none is given.
    static func baseURL(host: String, port: Int) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// True when the connector graph's tables do not exist yet: this start is the database's first.
    static func isNewDatabase(_ pool: PostgresPool) async throws -> Bool {
        let rows = try await pool.query("SELECT to_regclass($1) IS NULL AS missing", [.text("tenants")])
        return try rows[0].bool("missing")
    }

    /// The provider configuration of `--provider-config FILE` (else of SWITCHBOARD_PROVIDER_CONFIG), checked against
    /// the catalog, with the file's absolute path (what workers are given); empty without either.
    static func providerConfiguration(
        option: String?, environment: [String: String], catalog: ProviderCatalog
    ) throws -> (configuration: ProviderConfiguration, file: String?) {
        let variable = ProviderConfiguration.fileEnvironmentVariable
        guard let path = option ?? environment[variable].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return (.empty, nil)
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return (try ProviderConfiguration.load(path: absolute, catalog: catalog), absolute)
    }
}

/// What `serve` prints on standard output once it listens: the URL, and either the demo tenant's token with a
/// `curl` line (the one place a token is printed, once, to the terminal) or how to make a tenant and get its token.
struct StartBanner: Sendable {
    let admin: AdminToken
    let createDemoTenant: Bool

    func show(address: HTTPServerAddress, graph: ConnectorGraph, logger: Logger) async {
        let url = address.graphQLURL
        var lines = ["Switchboard is serving GraphQL at \(url)", ""]
        var demoToken: String?
        if createDemoTenant {
            // Created once the server listens, so that the token is shown with a URL that works.
            do {
                let (tenant, token) = try await graph.createTenant(name: ServeCommand.demoTenantName)
                logger.info("Created the demo tenant", metadata: ["tenant.id": .string(tenant.id)])
                demoToken = token
            } catch {
                logger.error("Could not create the demo tenant", metadata: ["error": .string(String(describing: error))])
            }
        }
        if let demoToken {
            lines += [
                "Created the demo tenant \"\(ServeCommand.demoTenantName)\". Its API token is shown this once (the database",
                "keeps only a keyed hash of it):",
                "",
                "    \(demoToken)",
                "",
                "Try it:",
                "",
                "    curl -s \(url) -H 'Authorization: Bearer \(demoToken)' -H 'Content-Type: application/json' -d '{\"query\":\"{ viewer { name connectors { name status } } }\"}'",
                "",
            ]
        } else {
            let bearer = admin.file.map { "$(cat \(Self.shellQuoted($0)))" } ?? "$\(AdminToken.environmentVariable)"
            lines += [
                "To get a tenant's API token, create the tenant with the admin token (\(admin.origin)):",
                "",
                "    curl -s \(url) -H \"Authorization: Bearer \(bearer)\" -H 'Content-Type: application/json' -d '{\"query\":\"mutation { createTenant(input: {name: \\\"Acme\\\"}) { tenant { id } token } }\"}'",
                "",
            ]
        }
        print(lines.joined(separator: "\n"))
        fflush(nil)
    }

    /// `path` for a double-quoted shell context: as it is when it holds nothing special, else single-quoted.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
