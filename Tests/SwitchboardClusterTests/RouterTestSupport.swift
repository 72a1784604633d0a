import Foundation
import Logging
import NIOCore
import SwitchboardCatalog
@testable import SwitchboardCluster
import SwitchboardConnectors
import SwitchboardCrypto
import SwitchboardPostgres
import Testing

/// A router's connector graph on a new database of `SWITCHBOARD_TEST_DATABASE_URL` (the tests fail without it), with
/// worker links whose "workers" are connections the test drives itself.
struct RouterFixture: Sendable {
    let graph: ConnectorGraph
    let pool: PostgresPool
    let router: ClusterRouter
    let logs: LogCapture

    static let adminToken = "cluster-test-admin-token-0123456789"

    static func make(workers: [String] = ["w1", "w2"], settings: RoutingSettings = RoutingSettings()) async throws
        -> RouterFixture
    {
        let pool = PostgresPool(configuration: try await freshDatabase())
        let graph = try await ConnectorGraph.start(
            pool: pool, masterKeySource: .fixed(MasterKey.generate()), catalog: try ProviderCatalog.bundled(),
            adminToken: adminToken)
        let store = ShardMapStore(pool: pool)
        try await store.setActiveWorkers(workers)
        let logs = LogCapture()
        let links = workers.map { WorkerLink(workerID: $0, transport: UnixSocketTransport(path: "/nonexistent/\($0)")) }
        let router = ClusterRouter(graph: graph, links: links, store: store, shardMap: try await store.load(),
                                   settings: settings, logger: logs.logger)
        return RouterFixture(graph: graph, pool: pool, router: router, logs: logs)
    }

    static func freshDatabase() async throws -> PostgresConfiguration {
        let url = try #require(
            ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            "PostgreSQL is required: run ops/test.sh, which starts it")
        var configuration = try PostgresConfiguration(url)
        configuration.poolSize = 4
        let admin = PostgresPool(configuration: configuration)
        defer { admin.close() }
        let name = "sbcluster_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        _ = try await admin.query("CREATE DATABASE \(name)")
        configuration.database = name
        return configuration
    }

    func link(_ id: String) -> WorkerLink {
        router.links.first { $0.workerID == id }!
    }

    /// A tenant placed on `worker` by the hash (tenants are created until one lands there).
    func tenant(on worker: String) async throws -> (id: String, token: String) {
        for _ in 0..<64 {
            let (record, token) = try await graph.createTenant(name: "Tenant")
            if router.shardMap.owner(of: record.id) == worker { return (record.id, token) }
        }
        throw CancellationError()
    }

    /// Makes `link` ready on a new connection whose far end (the fake worker) handles frames with `worker`.
    /// Returns the pair: `client` is the router's side, `server` the worker's.
    func connect(
        _ link: WorkerLink, session: KeySealing.SessionKeyPair = KeySealing.SessionKeyPair(),
        worker: @escaping @Sendable (ClusterFrame, FrameConnection) -> Void
    ) async throws -> ConnectedPair {
        let router = self.router
        let pair = try await ConnectedPair.make(serverFrames: worker, clientFrames: { frame, connection in
            router.handleWorkerFrame(frame, connection: connection, link: link)
        })
        link.processStarted(nil)
        let ready = link.becameReady(pair.client, hello: WorkerHello(
            workerID: link.workerID, pid: 1, sessionPublicKey: session.publicKey))
        #expect(ready)
        pair.client.closeFuture.whenComplete { _ in link.connectionClosed(pair.client) }
        return pair
    }

    func close() {
        pool.close()
    }
}
