import ArgumentParser
import Foundation
import Logging
import SwitchboardCatalog
import SwitchboardCluster
import SwitchboardPostgres

/// `switchboard worker --socket PATH --worker-id ID [--database-url URL]` (hidden): one worker of
/// `serve --workers N`, which spawns it. It listens on the Unix socket for its router and executes the GraphQL
/// requests of its shard's tenants; it holds no master key (the router withholds it from the worker's environment)
/// and only the tenant keys the router grants it.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run one worker of a router (started by `serve --workers N`).",
        shouldDisplay: false
    )

    @Option(help: "The Unix socket to listen on for the router.")
    var socket: String

    @Option(name: .customLong("worker-id"), help: "The worker's id in the shard map.")
    var workerID: String

    @Option(name: .customLong("database-url"), help: "The PostgreSQL connection URL (default: DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("public-url"), help: "The server's public base URL, for webhook endpoint URLs.")
    var publicURL: String?

    @Flag(help: "Spawned by a router: exit when the router's connection ends, ignore SIGINT.")
    var supervised = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard ShardMapStore.isValidWorkerID(workerID) else {
            throw ValidationError("--worker-id must be 1 to 64 letters, digits, '_', '.' or '-'")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
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
                    workerID: workerID, transport: UnixSocketTransport(path: socket),
                    database: try PostgresConfiguration(url),
                    // The router's file, by path (SWITCHBOARD_PROVIDER_CONFIG).
                    providerConfiguration: try ServeCommand.providerConfiguration(
                        option: nil, environment: environment, catalog: catalog
                    ).configuration,
                    supervised: supervised, publicURL: publicURL),
                logger: logger)
            try await worker.run()
        } catch {
            printToStandardError("switchboard worker \(workerID): \(error)")
            throw ExitCode.failure
        }
    }
}
