import Logging
import ServiceLifecycle
import SwitchboardPostgres

/// The database as a service of the server's service group: it runs first and stops last, once the HTTP server
/// has let its requests in flight finish. Stopping closes the pool and, for the embedded default, stops the
/// cluster (a fast shutdown: sessions end, data stays).
struct DatabaseService: Service {
    let pool: PostgresPool
    let embedded: EmbeddedPostgres?
    let logger: Logger

    func run() async throws {
        // Returns on graceful shutdown; throws when the group is cancelled (another service failed). Either way
        // the database is released.
        try? await gracefulShutdown()
        // Not cancelled with the group: stopping PostgreSQL must run to its end.
        await Task { await release() }.value
    }

    func release() async {
        pool.close()
        guard let embedded else { return }
        do {
            try await embedded.stop()
            logger.info("Stopped the embedded PostgreSQL", metadata: ["postgres.directory": .string(embedded.directory)])
        } catch {
            logger.error("Could not stop the embedded PostgreSQL", metadata: ["error": .string(String(describing: error))])
        }
    }
}
