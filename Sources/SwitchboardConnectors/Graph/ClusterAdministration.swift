/// What the graph's admin fields about workers need from a router (`serve --workers N`). The graph does not know
/// the cluster; the router attaches itself with `ConnectorGraph.attachCluster`. Without one, the fields fail with
/// CLUSTER_NOT_ENABLED.
public protocol ClusterAdministration: Sendable {
    /// Every worker, ordered by id.
    func workers() async -> [ClusterWorkerInfo]
    /// The worker that serves `tenantID` now.
    func placement(of tenantID: String) -> ClusterTenantPlacement?
    /// Pins `tenantID` to `workerID` and serves it there from now on, without failing its requests under way.
    /// Throws a ConnectorError for an unknown worker.
    func moveTenant(_ tenantID: String, to workerID: String) async throws -> ClusterTenantPlacement
    /// Every worker of the shard map with the tenants among `tenantIDs` it places there (sorted), ordered by worker.
    func shards(of tenantIDs: [String]) -> [ClusterShard]
    /// Makes the cluster `count` workers, moving the tenants whose owner changes without failing their requests;
    /// returns the workers then. Throws a ConnectorError (BAD_USER_INPUT) for a count out of bounds.
    func setWorkerCount(_ count: Int) async throws -> [ClusterWorkerInfo]
}

/// One worker's share of the tenants, as the `Shard` type shows it.
public struct ClusterShard: Sendable, Equatable {
    public var workerID: String
    /// The tenants the shard map places on it, sorted by id.
    public var tenantIDs: [String]
    /// How many of them are pinned there.
    public var pinnedCount: Int

    public init(workerID: String, tenantIDs: [String], pinnedCount: Int) {
        self.workerID = workerID
        self.tenantIDs = tenantIDs
        self.pinnedCount = pinnedCount
    }
}

/// One worker as the `Worker` type shows it.
public struct ClusterWorkerInfo: Sendable, Equatable {
    public var id: String
    public var pid: Int?
    public var state: String
    /// nil when the worker did not answer in time.
    public var tenantCount: Int?
    public var requests: Int?
    public var restarts: Int
    public var keyFingerprints: [String]

    public init(id: String, pid: Int?, state: String, tenantCount: Int?, requests: Int?, restarts: Int,
                keyFingerprints: [String]) {
        self.id = id
        self.pid = pid
        self.state = state
        self.tenantCount = tenantCount
        self.requests = requests
        self.restarts = restarts
        self.keyFingerprints = keyFingerprints
    }
}

/// A tenant's worker, as the `TenantPlacement` type shows it.
public struct ClusterTenantPlacement: Sendable, Equatable {
    public var tenantID: String
    public var workerID: String
    public var pinned: Bool

    public init(tenantID: String, workerID: String, pinned: Bool) {
        self.tenantID = tenantID
        self.workerID = workerID
        self.pinned = pinned
    }
}
