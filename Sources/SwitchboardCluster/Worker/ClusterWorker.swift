import Foundation
import Logging
import NIOCore
import NIOPosix
import SwitchboardCatalog
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardPostgres
import SwitchboardServer
import Synchronization
import UnixSignals

/// How a worker runs.
public struct WorkerConfiguration: Sendable {
    /// The worker's id in the shard map (`w1`, `w2`…).
    public var workerID: String
    /// Where it listens for its router.
    public var transport: any ClusterTransport
    public var database: PostgresConfiguration
    /// The platform's apps and keys, endpoint overrides and OAuth settings: the router's, from the same file.
    public var providerConfiguration: ProviderConfiguration
    /// A worker its router spawned: it serves one router connection and exits when that ends (or when its parent
    /// process is gone), and ignores SIGINT (a terminal's ^C reaches the router, which drains the workers).
    public var supervised: Bool
    /// The server's public base URL, for webhook endpoint URLs (`--public-url`).
    public var publicURL: String?

    public init(workerID: String, transport: any ClusterTransport, database: PostgresConfiguration,
                providerConfiguration: ProviderConfiguration = .empty, supervised: Bool = false,
                publicURL: String? = nil) {
        self.workerID = workerID
        self.transport = transport
        self.database = database
        self.providerConfiguration = providerConfiguration
        self.supervised = supervised
        self.publicURL = publicURL
    }
}

/// A worker process: listens for its router (the worker listens and the router connects, so that a worker on
/// another host is just another address), executes the GraphQL requests of its shard's tenants with the connector
/// graph, and holds only the tenant keys its router grants (`WorkerKeyStore`). It never sees the master key and
/// authenticates no token: the router did both.
///
/// One router connection at a time: a second one is refused while the first is open. On `drain` the worker
/// refuses new requests (`failure`, which the router retries elsewhere), answers those under way, says `drained`
/// and exits.
public final class ClusterWorker: Sendable {
    public let configuration: WorkerConfiguration
    private let logger: Logger
    private let graph: ConnectorGraph
    private let pool: PostgresPool
    private let keyStore: WorkerKeyStore
    private let endpoint: GraphQLEndpoint
    private let executor: LocalGraphQLExecutor<ClosureContextFactory<String, ConnectorContext>>
    private let state = Mutex(State())
    private let pid = getpid()

    private struct State {
        var connection: FrameConnection?
        var draining = false
        var drainRequest: (frame: ClusterFrame, connection: FrameConnection)?
        var inFlight = 0
        var requests: UInt64 = 0
        var tenantsServed = Set<String>()
        var finished = false
        var finishWaiters: [CheckedContinuation<Void, Never>] = []
    }

    public init(configuration: WorkerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        let pool = PostgresPool(configuration: configuration.database)
        let keyStore = WorkerKeyStore(logger: logger)
        let reporter = logger
        let graph = try ConnectorGraph.startWorker(
            pool: pool, keyProvider: keyStore, catalog: try ProviderCatalog.bundled(),
            providerConfiguration: configuration.providerConfiguration,
            errorReporter: { error in
                // Reported far from the request's own logger: the request id comes from the task.
                var metadata: Logger.Metadata = [
                    "error.type": .string(String(reflecting: type(of: error))),
                    "error": .string(String(describing: error)),
                ]
                if let id = WorkerRequest.id { metadata["request.id"] = .string(id) }
                reporter.error("Resolver failed", metadata: metadata)
            })
        if let publicURL = configuration.publicURL { graph.setPublicURL(publicURL) }
        graph.configureOAuth(.fromEnvironment(ProcessInfo.processInfo.environment))
        self.pool = pool
        self.keyStore = keyStore
        self.graph = graph
        self.endpoint = try GraphQLEndpoint(schema: graph.schema)
        self.executor = LocalGraphQLExecutor(
            endpoint: endpoint,
            contextFactory: ClosureContextFactory { tenantID, _ in graph.makeContext(principal: .tenant(tenantID)) })
    }

    /// Runs (see `run(group:)`) on NIO's shared event loops, and stops gracefully on SIGTERM (and SIGINT, unless
    /// supervised: a terminal's ^C is for the router, which drains its workers itself).
    public func run() async throws {
        if configuration.supervised { signal(SIGINT, SIG_IGN) }
        let signals: [UnixSignal] = configuration.supervised ? [.sigterm] : [.sigterm, .sigint]
        let signalTask = Task { [self] in
            for await signal in await UnixSignalsSequence(trapping: signals) {
                logger.info("Stopping on \(signal)", metadata: ["worker.id": .string(configuration.workerID)])
                terminate()
            }
        }
        defer { signalTask.cancel() }
        try await run(group: MultiThreadedEventLoopGroup.singleton)
    }

    /// Listens and serves until drained, or (supervised) until the router leaves; then closes everything.
    public func run(group: any EventLoopGroup) async throws {
        let listener = try await configuration.transport.listen(group: group) { [self] channel in
            try accept(channel)
        }
        logger.info("Worker listening", metadata: [
            "worker.id": .string(configuration.workerID), "transport": .string(configuration.transport.description),
            "address": .string(listener.localAddress.map { "\($0)" } ?? "unix"), "pid": .stringConvertible(pid),
        ])
        let parentWatch = configuration.supervised ? watchParent() : nil
        await waitUntilFinished()
        parentWatch?.cancel()
        try? await listener.close()
        state.withLock { $0.connection }?.close()
        keyStore.detach()
        pool.close()
        logger.info("Worker stopped", metadata: ["worker.id": .string(configuration.workerID)])
    }

    /// Stops taking requests, finishes those under way, and ends `run` (SIGTERM to the worker itself).
    public func terminate() {
        let idle = state.withLock { state -> Bool in
            state.draining = true
            return state.inFlight == 0
        }
        if idle { finish() }
    }

    // MARK: Connections

    private func accept(_ channel: any Channel) throws {
        let connection = try FrameConnection.install(on: channel, logger: logger) { [self] frame, connection in
            handle(frame, from: connection)
        }
        let accepted = state.withLock { state -> Bool in
            guard state.connection == nil, !state.finished else { return false }
            state.connection = connection
            return true
        }
        guard accepted else {
            logger.warning("Second router connection refused: one router at a time")
            connection.close()
            return
        }
        let keyPair = KeySealing.SessionKeyPair()
        keyStore.attach(connection, keyPair: keyPair)
        connection.send(.hello(WorkerHello(workerID: configuration.workerID, pid: pid,
                                           sessionPublicKey: keyPair.publicKey)))
        connection.closeFuture.whenComplete { [self] _ in routerLeft(connection) }
    }

    private func routerLeft(_ connection: FrameConnection) {
        let wasCurrent = state.withLock { state -> Bool in
            guard state.connection === connection else { return false }
            state.connection = nil
            return true
        }
        guard wasCurrent else { return }
        keyStore.detach()
        logger.info("Router connection closed; keys dropped", metadata: ["worker.id": .string(configuration.workerID)])
        if configuration.supervised { finish() }
    }

    // MARK: Frames

    /// Counts a request in, unless the worker is draining: then it is refused unrun (`failure`), which the router
    /// sends to another process.
    private func admit(_ frame: ClusterFrame, from connection: FrameConnection) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.draining else { return false }
            state.inFlight += 1
            return true
        }
        if !accepted { connection.answer(frame, with: .failure("the worker is draining")) }
        return accepted
    }

    private func handle(_ frame: ClusterFrame, from connection: FrameConnection) {
        switch frame.message {
        case .executeRequest(let request):
            guard admit(frame, from: connection) else { return }
            Task { [self] in
                let response = await WorkerRequest.$id.withValue(request.requestID) { await execute(request) }
                connection.answer(frame, with: .executeResponse(response))
                requestDone(tenantID: request.tenantID)
            }
        case .routeRequest(let request):
            guard admit(frame, from: connection) else { return }
            Task { [self] in
                let response = await serveRoute(request)
                connection.answer(frame, with: .routeResponse(response))
                requestDone(tenantID: request.tenantID)
            }
        case .keyRevoke(let revoke):
            keyStore.revoke(tenantID: revoke.tenantID, keptVersion: revoke.keptVersion)
        case .statsRequest:
            connection.answer(frame, with: .statsResponse(stats))
        case .drain:
            let idle = state.withLock { state -> Bool in
                state.draining = true
                state.drainRequest = (frame, connection)
                return state.inFlight == 0
            }
            logger.info("Draining", metadata: ["worker.id": .string(configuration.workerID)])
            if idle { drained() }
        default:
            connection.answer(frame, with: .failure("a worker does not serve \(frame.message.kind) frames"))
        }
    }

    public var stats: WorkerStats {
        let (served, requests, inFlight) = state.withLock { ($0.tenantsServed.count, $0.requests, $0.inFlight) }
        return WorkerStats(workerID: configuration.workerID, pid: pid, tenantsServed: served, requests: requests,
                           inFlight: inFlight, keys: keyStore.heldKeys)
    }

    private func requestDone(tenantID: String) {
        let drainNow = state.withLock { state -> Bool in
            state.inFlight -= 1
            state.requests += 1
            state.tenantsServed.insert(tenantID)
            return state.draining && state.inFlight == 0
        }
        if drainNow { drained() }
    }

    private func drained() {
        let request = state.withLock { $0.drainRequest }
        if let request { request.connection.answer(request.frame, with: .drained) }
        finish()
    }

    // MARK: Execution

    /// A request that takes longer than this is logged as a warning (with its request id).
    public static let slowRequestThreshold: Duration = .seconds(1)

    /// Runs one request as the single-process server would after its HTTP checks (which the router made), and logs
    /// it with the router's request id: at debug, or as a warning when slow, an error when it ends in a 5xx.
    func execute(_ request: ExecuteRequest) async -> ExecuteResponse {
        var logger = self.logger
        logger[metadataKey: "request.id"] = .string(request.requestID)
        logger[metadataKey: "tenant.id"] = .string(request.tenantID)
        let started = ContinuousClock.now
        let response = await executeLogged(request, logger: logger)
        let elapsed = ContinuousClock.now - started
        let slow = elapsed >= Self.slowRequestThreshold
        // One line per request at debug (the router logs every request at info); slow or failed ones above.
        let level: Logger.Level = response.status >= 500 ? .error : slow ? .warning : .debug
        if logger.logLevel <= level {
            let milliseconds = Double(elapsed.components.seconds) * 1_000
                + Double(elapsed.components.attoseconds) / 1e15
            let message: Logger.Message = response.status >= 500 ? "Request failed"
                : slow ? "Slow request" : "Request executed"
            logger.log(level: level, message, metadata: [
                "graphql.operation": .string(request.operation.rawValue),
                "http.status": .stringConvertible(response.status),
                "duration_ms": .string(String(Int(milliseconds.rounded()))),
            ])
        }
        return response
    }

    private func executeLogged(_ request: ExecuteRequest, logger: Logger) async -> ExecuteResponse {
        let requestErrorStatus: UInt16 = request.mediaType == .json ? 200 : 400
        let parameters: GraphQLRequestParameters
        do {
            parameters = try request.body.withUnsafeReadableBytes { bytes throws(GraphQLError) in
                try GraphQLRequestParameters(jsonBody: bytes)
            }
        } catch {
            return Self.response(HTTPGraphQLResponse.errors(.badRequest, request.mediaType, [error]))
        }
        let document: DocumentNode
        do {
            document = try endpoint.document(for: parameters.query)
        } catch {
            return Self.response(HTTPGraphQLResponse.errors(
                .init(code: Int(requestErrorStatus)), request.mediaType, error.errors))
        }
        let info = GraphQLRequestInfo(requestID: request.requestID, operationType: request.operation,
                                      operationName: parameters.operationName, logger: logger)
        let response = await executor.execute(parameters, document: document, principal: request.tenantID,
                                              request: info, mediaType: request.mediaType)
        return Self.response(Self.fitting(response, mediaType: request.mediaType, logger: logger))
    }

    /// Serves a tenant route's request with the graph, as the single process does.
    func serveRoute(_ request: RouteRequest) async -> TenantHTTPResponse {
        let response = await graph.serveTenantRoute(request.request, route: request.route, tenantID: request.tenantID)
        // Room for the headers and the frame's own fields: a frame that cannot be sent would end the connection.
        guard response.body.count <= FrameFormat.maxFrameLength - (1 << 20) else {
            logger.error("Route response too large for a frame", metadata: [
                "request.id": .string(request.request.requestID), "route": .string(request.route),
            ])
            return .error(500, code: "INTERNAL_SERVER_ERROR", "The response is larger than the server can send.")
        }
        return response
    }

    /// `response`, or an error in its place when its body exceeds `limit`: a frame that cannot be sent would end
    /// the connection, and with it every request under way.
    static func fitting(
        _ response: HTTPGraphQLResponse, mediaType: ResponseMediaType, limit: Int = maxResponseBody, logger: Logger
    ) -> HTTPGraphQLResponse {
        guard response.body.readableBytes > limit else { return response }
        logger.error("Response too large for a frame", metadata: [
            "response.bytes": .stringConvertible(response.body.readableBytes),
        ])
        return .errors(.internalServerError, mediaType, [GraphQLError(
            "The response is larger than the server can send.", extensions: ["code": .string("INTERNAL_SERVER_ERROR")])])
    }

    /// The largest body an execute response frame carries: the frame's limit less its header and other fields.
    static let maxResponseBody = FrameFormat.maxFrameLength - FrameFormat.headerLength - 2 - 4
        - FieldLimits.contentType - 4

    private static func response(_ response: HTTPGraphQLResponse) -> ExecuteResponse {
        ExecuteResponse(status: UInt16(response.status.code),
                        contentType: response.headers[.contentType] ?? "application/json; charset=utf-8",
                        body: response.body)
    }

    // MARK: Ending

    private func finish() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.finished = true
            defer { state.finishWaiters = [] }
            return state.finishWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func waitUntilFinished() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.finished { return true }
                state.finishWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// The request the current task executes, for log lines written far from the request's own logger.
    enum WorkerRequest {
        @TaskLocal static var id: String?
    }

    /// A supervised worker whose router died without closing the connection (it always closes, but a worker
    /// stuck before its first connection has none): ends when its parent process changes.
    private func watchParent() -> Task<Void, Never> {
        let parent = getppid()
        return Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                if getppid() != parent {
                    logger.warning("Router process gone; stopping", metadata: [
                        "worker.id": .string(configuration.workerID),
                    ])
                    finish()
                    return
                }
            }
        }
    }
}
