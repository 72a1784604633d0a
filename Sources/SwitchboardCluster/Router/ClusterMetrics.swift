import Metrics
import Synchronization

/// The router's metrics, through the swift-metrics API (the executable bootstraps the backend, Prometheus; with
/// none, they cost next to nothing). Every series is labelled by worker, never by tenant: a label per tenant would
/// make as many series as tenants, and name them to whoever reads the metrics.
///
/// | series | type | labels |
/// |---|---|---|
/// | `switchboard_worker_requests_total` | counter | `worker`, `status` (`2xx`…`5xx`) |
/// | `switchboard_worker_request_duration_seconds` | histogram | `worker` |
/// | `switchboard_worker_errors_total` | counter | `worker`, `code` (`WORKER_UNAVAILABLE`, `TIMEOUT`, `RATE_LIMITED`) |
/// | `switchboard_worker_in_flight` | gauge | `worker` |
/// | `switchboard_worker_tenants` | gauge | `worker` (from the shard map, when the metrics are read) |
/// | `switchboard_worker_restarts_total` | counter | `worker` |
/// | `switchboard_key_handoffs_total` | counter | `worker`, `event` (`grant`, `refusal`, `revoke`) |
///
/// A worker's series are made the first time it is named (all at zero), so that a scrape shows every worker
/// before anything happened to it. A request no worker serves counts under the worker `none`.
public final class ClusterMetrics: Sendable {
    public static let requestsTotal = "switchboard_worker_requests_total"
    public static let requestDuration = "switchboard_worker_request_duration_seconds"
    public static let errorsTotal = "switchboard_worker_errors_total"
    public static let inFlight = "switchboard_worker_in_flight"
    public static let tenants = "switchboard_worker_tenants"
    public static let restartsTotal = "switchboard_worker_restarts_total"
    public static let keyHandoffsTotal = "switchboard_key_handoffs_total"

    /// The worker label of a request that no worker serves.
    public static let noWorker = "none"
    /// The error codes counted in `switchboard_worker_errors_total` (the router's own answers).
    public static let errorCodes = [
        ClusterRouter.workerUnavailableCode, ClusterRouter.timeoutCode, ClusterRouter.rateLimitedCode,
    ]

    /// What happened to a tenant's data key between the router and a worker.
    public enum KeyEvent: String, Sendable, CaseIterable {
        case grant, refusal, revoke
    }

    /// One worker's series, made once.
    private struct WorkerSeries: Sendable {
        let requestsByStatusClass: [Counter]  // index 0: 1xx … 4: 5xx
        let duration: Timer
        let errors: [String: Counter]
        let inFlight: Meter
        let tenants: Meter
        let restarts: Counter
        let keyEvents: [KeyEvent: Counter]

        init(worker: String, factory: any MetricsFactory) {
            let label = [("worker", worker)]
            requestsByStatusClass = (1...5).map { digit in
                Counter(label: ClusterMetrics.requestsTotal, dimensions: label + [("status", "\(digit)xx")],
                        factory: factory)
            }
            duration = Timer(label: ClusterMetrics.requestDuration, dimensions: label, factory: factory)
            errors = Dictionary(uniqueKeysWithValues: ClusterMetrics.errorCodes.map { code in
                (code, Counter(label: ClusterMetrics.errorsTotal, dimensions: label + [("code", code)],
                               factory: factory))
            })
            inFlight = Meter(label: ClusterMetrics.inFlight, dimensions: label, factory: factory)
            tenants = Meter(label: ClusterMetrics.tenants, dimensions: label, factory: factory)
            restarts = Counter(label: ClusterMetrics.restartsTotal, dimensions: label, factory: factory)
            keyEvents = Dictionary(uniqueKeysWithValues: KeyEvent.allCases.map { event in
                (event, Counter(label: ClusterMetrics.keyHandoffsTotal, dimensions: label + [("event", event.rawValue)],
                                factory: factory))
            })
        }
    }

    private let series = Mutex<[String: WorkerSeries]>([:])
    private let factory: any MetricsFactory

    /// Makes the series of `workers` now, at zero, with `factory` (by default the process's bootstrapped one).
    public init(workers: [String] = [], factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        for worker in workers { _ = self.series(for: worker) }
    }

    private func series(for worker: String) -> WorkerSeries {
        series.withLock { all in
            if let existing = all[worker] { return existing }
            let made = WorkerSeries(worker: worker, factory: factory)
            all[worker] = made
            return made
        }
    }

    // MARK: Requests

    /// A tenant's request answered (by its worker or by the router for it) after `duration`. `errorCode` is the
    /// router's own error (`errorCodes`), if it answered one.
    public func requestFinished(worker: String?, status: Int, errorCode: String?, duration: Duration) {
        let series = series(for: worker ?? Self.noWorker)
        series.requestsByStatusClass[Self.statusClassIndex(status)].increment()
        series.duration.recordNanoseconds(Self.nanoseconds(duration))
        if let errorCode, let counter = series.errors[errorCode] { counter.increment() }
    }

    /// The index in `requestsByStatusClass` of an HTTP status: its first digit less one (clamped to 1xx…5xx).
    static func statusClassIndex(_ status: Int) -> Int {
        min(max(status / 100, 1), 5) - 1
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The number of requests `worker` has under way (set where the router counts them).
    public func setInFlight(_ count: Int, worker: String) {
        series(for: worker).inFlight.set(count)
    }

    // MARK: Workers and keys

    public func workerRestarted(_ worker: String) {
        series(for: worker).restarts.increment()
    }

    public func keyEvent(_ event: KeyEvent, worker: String) {
        series(for: worker).keyEvents[event]?.increment()
    }

    /// Sets every known worker's tenant count (those absent from `counts` to 0).
    public func setTenantCounts(_ counts: [String: Int]) {
        let known = series.withLock { Array($0.keys) }
        for worker in Set(known).union(counts.keys) where worker != Self.noWorker {
            series(for: worker).tenants.set(counts[worker, default: 0])
        }
    }
}
