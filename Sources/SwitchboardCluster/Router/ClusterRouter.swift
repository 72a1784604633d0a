import Hummingbird
import Logging
import NIOCore
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardServer
import Synchronization

/// How the router forwards requests.
public struct RoutingSettings: Sendable {
    /// How long a request waits for its worker to be ready (a worker restarting) before WORKER_UNAVAILABLE.
    public var unavailableWait: Duration = .seconds(3)
    /// How long a worker may take to answer one request before TIMEOUT (504) (`--request-timeout`).
    public var requestTimeout: Duration = .seconds(30)
    /// How many requests one worker may have under way; beyond, WORKER_UNAVAILABLE at once (`--max-in-flight`).
    public var maxInFlightPerWorker: Int = 256
    /// Per-tenant rate limits (`--rate-limit`, `--rate-burst`).
    public var rateLimit = RateLimitSettings()
    /// How often the shard map is read again (pins and worker counts set through another router or by hand).
    public var shardMapRefreshInterval: Duration = .seconds(2)
    /// How long a request of a tenant that is moving to another worker waits for the move before
    /// WORKER_UNAVAILABLE.
    public var moveWait: Duration = .seconds(5)
    /// How long a move waits for the moving tenants' requests under way on their old worker; then it completes
    /// anyway. Shorter than `moveWait`, so that the requests held meanwhile still go through.
    public var moveDrainTimeout: Duration = .seconds(4)
    /// How long a new worker (`setWorkerCount`) may take to be ready before tenants are moved to it regardless.
    public var workerStartWait: Duration = .seconds(30)

    public init() {}
}

/// The router: sends each tenant's requests to the worker of its shard, over that worker's one multiplexed
/// connection, and answers its workers' key requests (`KeyBroker`).
///
/// A request whose worker dies under it fails with WORKER_UNAVAILABLE (503, `Retry-After: 1`), except that a
/// query is sent once more, to the worker's next process: a query changes nothing, so running it twice is
/// harmless. A mutation is sent again only when it provably never reached the worker (the connection was already
/// closed when it was written); otherwise the router cannot know whether it was applied, and never applies it twice.
///
/// Each request is admitted at the `PlacementGate`, which fixes its worker and counts it as under way for its
/// tenant; moves of tenants (a pin, a new worker count, either read from the shard map another router changed) go
/// through the same gate, so that none of them makes a request fail (see `ClusterRouter+Placement`).
public final class ClusterRouter: Sendable {
    public let graph: ConnectorGraph
    /// This router's worker slots; the supervisor changes them.
    public let workers: WorkerSet
    public let settings: RoutingSettings
    let store: ShardMapStore
    let gate: PlacementGate
    /// Held by each change of placement (refresh, move, new worker count): one at a time.
    let placementLock = AsyncLock()
    /// The supervisor that spawns and retires workers; nil when the links are driven by hand (tests).
    let supervisor = Mutex<WorkerSupervisor?>(nil)
    let logger: Logger

    /// The code of the error a request gets when its worker cannot take it.
    public static let workerUnavailableCode = "WORKER_UNAVAILABLE"
    /// The code of the error a request gets when its tenant sent too many (429).
    public static let rateLimitedCode = "RATE_LIMITED"
    /// The code of the error a request gets when its worker did not answer within `requestTimeout` (504).
    public static let timeoutCode = "TIMEOUT"

    let rateLimiter: TenantRateLimiter
    /// Requests under way, per worker id.
    private let inFlight = Mutex<[String: Int]>([:])
    /// Requests, latencies, errors, restarts and key handoffs per worker (see `ClusterMetrics`).
    public let metrics: ClusterMetrics
    private let census: TenantCensus

    init(graph: ConnectorGraph, links: [WorkerLink], store: ShardMapStore, shardMap: ShardMap,
         settings: RoutingSettings, logger: Logger) {
        self.graph = graph
        let workers = WorkerSet(links)
        self.workers = workers
        self.store = store
        self.gate = PlacementGate(map: shardMap)
        self.settings = settings
        self.logger = logger
        self.rateLimiter = TenantRateLimiter(settings: settings.rateLimit)
        let metrics = ClusterMetrics(workers: links.map(\.workerID))
        self.metrics = metrics
        self.census = TenantCensus(pool: store.pool)
        // A tenant deleted or its key rotated here: its worker drops the keys it was granted.
        graph.keyRing.onKeysRetired { tenantID, keptVersion in
            for link in workers.all where link.revoke(tenantID: tenantID, keptVersion: keptVersion) {
                metrics.keyEvent(.revoke, worker: link.workerID)
            }
        }
    }

    /// Every worker slot, ordered by id.
    public var links: [WorkerLink] { workers.all }

    public var shardMap: ShardMap { gate.map }

    /// The worker that serves `tenantID` now.
    public func worker(for tenantID: String) -> WorkerLink? {
        gate.map.owner(of: tenantID).flatMap { workers.link($0) }
    }

    var keyBroker: KeyBroker {
        KeyBroker(graph: graph, owner: { [self] tenantID in shardMap.owner(of: tenantID) }, logger: logger,
                  metrics: metrics)
    }

    /// Sets the `switchboard_worker_tenants` gauges from the shard map (before the metrics are read).
    public func refreshTenantGauges() async throws {
        metrics.setTenantCounts(try await census.count(by: shardMap))
    }

    // MARK: Frames from workers

    func handleWorkerFrame(_ frame: ClusterFrame, connection: FrameConnection, link: WorkerLink) {
        switch frame.message {
        case .keyRequest(let request):
            let broker = keyBroker
            Task {
                let answer = await broker.answer(request, from: link, on: connection)
                connection.answer(frame, with: answer)
            }
        default:
            connection.answer(frame, with: .failure("a router does not serve \(frame.message.kind) frames"))
        }
    }

    // MARK: Forwarding

    /// Sends a tenant's request to its worker and returns the worker's answer as it is.
    public func forward(
        _ parameters: GraphQLRequestParameters, tenantID: String, request info: GraphQLRequestInfo,
        mediaType: ResponseMediaType
    ) async -> HTTPGraphQLResponse {
        let started = ContinuousClock.now
        let request = ExecuteRequest(tenantID: tenantID, requestID: info.requestID, operation: info.operationType,
                                     mediaType: mediaType, body: ByteBuffer(bytes: parameters.jsonBody))
        if case .limited(let retryAfter) = rateLimiter.admit(tenantID) {
            return finished(worker(for: tenantID)?.workerID, started, code: Self.rateLimitedCode, .errors(
                .tooManyRequests, mediaType,
                [GraphQLError("Rate limit exceeded", extensions: ["code": .string(Self.rateLimitedCode)])],
                headers: [(.retryAfter, String(retryAfter))]))
        }
        // Admitted: the worker is fixed for this request, and a move of the tenant waits for its answer.
        let workerID: String
        switch await gate.admit(tenantID, within: settings.moveWait) {
        case .admitted(let owner): workerID = owner
        case .noWorker:
            return finished(nil, started, code: Self.workerUnavailableCode,
                            unavailable(mediaType, "No worker serves this tenant.", info: info, worker: nil))
        case .timedOut:
            return finished(worker(for: tenantID)?.workerID, started, code: Self.workerUnavailableCode, unavailable(
                mediaType, "The tenant is moving to another worker; retry shortly.", info: info, worker: nil))
        }
        defer { gate.release(tenantID) }
        var attempts = 0
        var resentAfterDelivery = false
        while true {
            attempts += 1
            guard let link = workers.link(workerID) else {
                return finished(workerID, started, code: Self.workerUnavailableCode,
                                unavailable(mediaType, "No worker serves this tenant.", info: info, worker: workerID))
            }
            guard let connection = await link.readyConnection(within: settings.unavailableWait) else {
                return finished(link.workerID, started, code: Self.workerUnavailableCode, unavailable(
                    mediaType, "The tenant's worker is unavailable; retry shortly.", info: info, worker: link.workerID))
            }
            guard reserveSlot(on: link.workerID) else {
                return finished(link.workerID, started, code: Self.workerUnavailableCode, unavailable(
                    mediaType, "The tenant's worker is overloaded; retry shortly.", info: info, worker: link.workerID))
            }
            defer { releaseSlot(on: link.workerID) }
            do {
                let answer = try await connection.request(.executeRequest(request), timeout: settings.requestTimeout)
                switch answer {
                case .executeResponse(let response):
                    return finished(link.workerID, started, code: nil, HTTPGraphQLResponse(
                        status: HTTPResponse.Status(code: Int(response.status)),
                        headers: [.contentType: response.contentType], body: response.body))
                case .failure(let message) where attempts < 3:
                    // Refused without running it (the worker is draining): another process will take it.
                    logger.debug("Worker refused a request", metadata: ["reason": .string(message)])
                    continue
                default:
                    return finished(link.workerID, started, code: Self.workerUnavailableCode, unavailable(
                        mediaType, "The tenant's worker did not answer.", info: info, worker: link.workerID))
                }
            } catch ConnectionError.closed(delivered: false) where attempts < 3 {
                continue
            } catch ConnectionError.closed(delivered: true) where info.operationType == .query && !resentAfterDelivery {
                resentAfterDelivery = true
                logger.info("Worker lost a query under way; sending it again", metadata: [
                    "request.id": .string(info.requestID), "worker.id": .string(link.workerID),
                ])
                continue
            } catch ConnectionError.timedOut {
                // Never sent again: the worker may have applied it.
                info.logger.warning("Worker did not answer in time", metadata: [
                    "worker.id": .string(link.workerID), "graphql.operation": .string(info.operationType.rawValue),
                ])
                return finished(link.workerID, started, code: Self.timeoutCode, .errors(
                    .gatewayTimeout, mediaType, [GraphQLError("The tenant's worker did not answer in time.",
                                                              extensions: ["code": .string(Self.timeoutCode)])]))
            } catch {
                return finished(link.workerID, started, code: Self.workerUnavailableCode, unavailable(
                    mediaType, "The tenant's worker is unavailable; retry shortly.", info: info, worker: link.workerID,
                    error: error))
            }
        }
    }

    /// Counts the answer to a tenant's request in `metrics` (`code`: the router's own error, if it answered one).
    private func finished(
        _ workerID: String?, _ started: ContinuousClock.Instant, code: String?, _ response: HTTPGraphQLResponse
    ) -> HTTPGraphQLResponse {
        metrics.requestFinished(worker: workerID, status: response.status.code, errorCode: code,
                                duration: ContinuousClock.now - started)
        return response
    }

    /// Takes one of `workerID`'s `maxInFlightPerWorker` slots; false when all are taken.
    func reserveSlot(on workerID: String) -> Bool {
        let taken = inFlight.withLock { counts -> Int? in
            let current = counts[workerID, default: 0]
            guard current < settings.maxInFlightPerWorker else { return nil }
            counts[workerID] = current + 1
            return current + 1
        }
        if let taken { metrics.setInFlight(taken, worker: workerID) }
        return taken != nil
    }

    func releaseSlot(on workerID: String) {
        let left = inFlight.withLock { counts -> Int in
            let left = max(0, counts[workerID, default: 0] - 1)
            counts[workerID] = left
            return left
        }
        metrics.setInFlight(left, worker: workerID)
    }

    /// How many requests `workerID` has under way.
    public func requestsInFlight(on workerID: String) -> Int { inFlight.withLock { $0[workerID, default: 0] } }

    private func unavailable(
        _ mediaType: ResponseMediaType, _ message: String, info: GraphQLRequestInfo, worker: String?,
        error: (any Error)? = nil
    ) -> HTTPGraphQLResponse {
        info.logger.warning("Worker unavailable", metadata: [
            "worker.id": .string(worker ?? "none"), "graphql.operation": .string(info.operationType.rawValue),
            "error": .string(error.map { String(describing: $0) } ?? message),
        ])
        return .errors(.serviceUnavailable, mediaType,
                       [GraphQLError(message, extensions: ["code": .string(Self.workerUnavailableCode)])],
                       headers: [(.retryAfter, "1")])
    }

    // MARK: Status

    /// Every worker's state and, for those that answer within `timeout`, their own counters and keys.
    public func workerStatuses(timeout: Duration = .seconds(2)) async -> [WorkerStatus] {
        await withTaskGroup(of: WorkerStatus.self) { group in
            for link in workers.all {
                group.addTask {
                    var stats: WorkerStats?
                    if let connection = link.connection,
                        case .statsResponse(let answer)? = try? await connection.request(
                            .statsRequest, timeout: timeout)
                    {
                        stats = answer
                    }
                    return WorkerStatus(workerID: link.workerID, phase: link.phase, pid: link.pid,
                                        restarts: link.restarts, stats: stats)
                }
            }
            var statuses: [WorkerStatus] = []
            for await status in group { statuses.append(status) }
            return statuses.sorted { $0.workerID < $1.workerID }
        }
    }
}

/// One worker as the router sees it.
public struct WorkerStatus: Sendable {
    public var workerID: String
    public var phase: WorkerLink.Phase
    public var pid: Int32?
    public var restarts: Int
    /// The worker's own answer; nil when it is not connected or did not answer in time.
    public var stats: WorkerStats?
}

/// The router's executor: the admin's requests run here (they need the master key: tenants, their keys); a
/// tenant's go to its worker.
public struct ClusterExecutor: GraphQLRequestExecutor {
    public typealias Principal = SwitchboardConnectors.Principal

    public let router: ClusterRouter
    private let local: LocalGraphQLExecutor<ClosureContextFactory<Principal, ConnectorContext>>

    public init(router: ClusterRouter, endpoint: GraphQLEndpoint) {
        self.router = router
        let graph = router.graph
        self.local = LocalGraphQLExecutor(
            endpoint: endpoint,
            contextFactory: ClosureContextFactory { principal, _ in graph.makeContext(principal: principal) })
    }

    public func execute(
        _ parameters: GraphQLRequestParameters, document: DocumentNode, principal: Principal,
        request: GraphQLRequestInfo, mediaType: ResponseMediaType
    ) async -> HTTPGraphQLResponse {
        switch principal {
        case .admin:
            return await local.execute(parameters, document: document, principal: principal, request: request,
                                       mediaType: mediaType)
        case .tenant(let tenantID):
            return await router.forward(parameters, tenantID: tenantID, request: request, mediaType: mediaType)
        }
    }
}

/// The connector graph's token check as the HTTP server's authenticator: a wrong token is a 401, a database that
/// cannot be asked a 503.
public struct ConnectorTokenAuthenticator: Authenticator {
    public let tokens: TokenAuthenticator

    public init(tokens: TokenAuthenticator) {
        self.tokens = tokens
    }

    public func authenticate(_ request: AuthenticationInput) async throws(AuthenticationFailure) -> Principal {
        do {
            return try await tokens.authenticate(bearerToken: request.bearerToken)
        } catch let error as ConnectorError where error.code == .unauthenticated {
            throw AuthenticationFailure(error.message)
        } catch {
            throw .unavailable(error)
        }
    }
}
