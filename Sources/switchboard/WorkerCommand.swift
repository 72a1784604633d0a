import ArgumentParser
import Foundation
import Logging
import SwitchboardCatalog
import SwitchboardCluster
import SwitchboardPostgres

/// `switchboard worker --socket PATH --worker-id ID [--database-url URL]`: one worker of `serve --workers N`,
/// which spawns it. It listens on the Unix socket for its router and executes the GraphQL requests of its shard's
/// tenants; it holds no master key (the router withholds it from the worker's environment) and only the tenant
/// keys the router grants it.
///
/// `switchboard worker --listen HOST:PORT --worker-id ID --tls-cert F --tls-key F --tls-ca F`: a remote worker that
/// runs on its own (nothing restarts it but the operator's service manager), for routers started with
/// `--remote-worker ID=HOST:PORT`. It speaks TLS 1.3 only and takes only routers whose client certificate the CA
/// signed.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run one worker: spawned by `serve --workers N`, or remote with --listen (mutual TLS)."
    )

    @Option(help: "The Unix socket to listen on for the router (a worker that `serve --workers N` spawned).")
    var socket: String?

    @Option(help: "HOST:PORT to listen on for routers over TCP with mutual TLS (a remote worker).")
    var listen: String?

    @Option(name: .customLong("tls-cert"), help: "With --listen: the worker's certificate (PEM, its chain after it).")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "With --listen: the worker's private key (PEM, unencrypted).")
    var tlsKey: String?

    @Option(name: .customLong("tls-ca"), help: "With --listen: the CA certificate routers' certificates must chain to.")
    var tlsCA: String?

    @Option(name: .customLong("worker-id"), help: "The worker's id in the shard map.")
    var workerID: String

    @Option(name: .customLong("database-url"), help: "The PostgreSQL connection URL (default: DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("public-url"), help: "The server's public base URL, for webhook endpoint URLs.")
    var publicURL: String?

    @Option(
        name: .customLong("provider-config"),
        help: "With --listen: the routers' provider configuration file (default: SWITCHBOARD_PROVIDER_CONFIG).")
    var providerConfigFile: String?

    @Flag(help: "Spawned by a router: exit when the router's connection ends, ignore SIGINT.")
    var supervised = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        switch (socket, listen) {
        case (nil, nil): throw ValidationError("give --socket PATH or --listen HOST:PORT")
        case (.some, .some): throw ValidationError("give --socket or --listen, not both")
        case (.some, nil):
            guard tlsCertificate == nil, tlsKey == nil, tlsCA == nil, providerConfigFile == nil else {
                // A spawned worker gets its router's provider configuration by path in its environment.
                throw ValidationError("--tls-cert, --tls-key, --tls-ca and --provider-config go with --listen")
            }
        case (nil, .some(let address)):
            do {
                _ = try HostAndPort.parse(address)
            } catch {
                throw ValidationError("--listen: \(error)")
            }
            guard tlsCertificate != nil, tlsKey != nil, tlsCA != nil else {
                throw ValidationError("--listen needs --tls-cert, --tls-key and --tls-ca: "
                    + "a remote worker takes tenant keys only over mutual TLS")
            }
            guard !supervised else { throw ValidationError("--supervised goes with --socket, not --listen") }
        }
        guard ShardMapStore.isValidWorkerID(workerID) else {
            throw ValidationError("--worker-id must be 1 to 64 letters, digits, '_', '.' or '-'")
        }
        try LogLevel.validate(logLevel)
    }

    func run() async throws {
        LogLevel.bootstrap(logLevel)
        var logger = Logger(label: "switchboard.worker")
        logger[metadataKey: "worker.id"] = .string(workerID)
        do {
            let environment = ProcessInfo.processInfo.environment
            guard let url = databaseURL ?? environment["DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw CommandFailure("no database: give --database-url or DATABASE_URL")
            }
            let catalog = try ProviderCatalog.bundled()
            let worker = try ClusterWorker(
                configuration: WorkerConfiguration(
                    workerID: workerID, transport: try transport(logger: logger),
                    database: try PostgresConfiguration(url),
                    // The router's file: by path in the environment (SWITCHBOARD_PROVIDER_CONFIG) when spawned, given
                    // by the operator to a remote worker.
                    providerConfiguration: try ServeCommand.providerConfiguration(
                        option: providerConfigFile, environment: environment, catalog: catalog
                    ).configuration,
                    supervised: supervised, publicURL: publicURL),
                logger: logger)
            try await worker.run()
        } catch {
            printToStandardError("switchboard worker \(workerID): \(error)")
            throw ExitCode.failure
        }
    }

    /// The Unix socket, or TCP with mutual TLS (`validate` made sure that its files are given).
    private func transport(logger: Logger) throws -> any ClusterTransport {
        guard let listen else { return UnixSocketTransport(path: socket ?? "") }
        let address = try HostAndPort.parse(listen)
        return try TLSTransport(
            host: address.host, port: address.port, role: .worker,
            files: ClusterTLSFiles(certificate: tlsCertificate ?? "", privateKey: tlsKey ?? "",
                                   certificateAuthority: tlsCA ?? ""),
            logger: logger)
    }
}
