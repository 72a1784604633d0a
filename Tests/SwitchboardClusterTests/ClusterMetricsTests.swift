import Metrics
import MetricsTestKit
@testable import SwitchboardCluster
import Testing

/// The router's metrics: one series set per worker, made at zero, counting what the router tells them; tenants
/// counted by the shard map. (Against swift-metrics' test factory; `/metrics` itself is in test_metrics.py.)
@Suite struct ClusterMetricsTests {
    @Test func aWorkersSeriesExistAtZeroBeforeAnythingHappens() throws {
        let factory = TestMetrics()
        _ = ClusterMetrics(workers: ["w1", "w2"], factory: factory)
        for worker in ["w1", "w2"] {
            for status in ["1xx", "2xx", "3xx", "4xx", "5xx"] {
                let counter = try factory.expectCounter(
                    ClusterMetrics.requestsTotal, [("worker", worker), ("status", status)])
                #expect(counter.totalValue == 0)
            }
            for code in ["WORKER_UNAVAILABLE", "TIMEOUT", "RATE_LIMITED"] {
                #expect(try factory.expectCounter(ClusterMetrics.errorsTotal, [("worker", worker), ("code", code)])
                    .totalValue == 0)
            }
            for event in ["grant", "refusal", "revoke"] {
                #expect(try factory.expectCounter(
                    ClusterMetrics.keyHandoffsTotal, [("worker", worker), ("event", event)]).totalValue == 0)
            }
            #expect(try factory.expectCounter(ClusterMetrics.restartsTotal, [("worker", worker)]).totalValue == 0)
        }
    }

    @Test func requestsCountByWorkerStatusClassAndRouterErrorWithTheirLatency() throws {
        let factory = TestMetrics()
        let metrics = ClusterMetrics(workers: ["w1"], factory: factory)
        metrics.requestFinished(worker: "w1", status: 200, errorCode: nil, duration: .milliseconds(3))
        metrics.requestFinished(worker: "w1", status: 400, errorCode: nil, duration: .microseconds(1500))
        metrics.requestFinished(worker: "w1", status: 429, errorCode: "RATE_LIMITED", duration: .microseconds(20))
        metrics.requestFinished(worker: "w1", status: 504, errorCode: "TIMEOUT", duration: .seconds(30))
        metrics.requestFinished(worker: nil, status: 503, errorCode: "WORKER_UNAVAILABLE", duration: .zero)

        let count = { (worker: String, status: String) in
            try factory.expectCounter(ClusterMetrics.requestsTotal, [("worker", worker), ("status", status)])
                .totalValue
        }
        #expect(try count("w1", "2xx") == 1)
        #expect(try count("w1", "4xx") == 2)
        #expect(try count("w1", "5xx") == 1)
        #expect(try count("none", "5xx") == 1)
        #expect(try factory.expectCounter(ClusterMetrics.errorsTotal, [("worker", "w1"), ("code", "TIMEOUT")])
            .totalValue == 1)
        #expect(try factory.expectCounter(ClusterMetrics.errorsTotal, [("worker", "w1"), ("code", "RATE_LIMITED")])
            .totalValue == 1)
        #expect(try factory.expectCounter(
            ClusterMetrics.errorsTotal, [("worker", "none"), ("code", "WORKER_UNAVAILABLE")]).totalValue == 1)
        let latency = try factory.expectTimer(ClusterMetrics.requestDuration, [("worker", "w1")])
        #expect(latency.values == [3_000_000, 1_500_000, 20_000, 30_000_000_000])
    }

    @Test func statusClassesClampToOneToFiveHundreds() {
        #expect(ClusterMetrics.statusClassIndex(200) == 1)
        #expect(ClusterMetrics.statusClassIndex(599) == 4)
        #expect(ClusterMetrics.statusClassIndex(0) == 0)
        #expect(ClusterMetrics.statusClassIndex(999) == 4)
    }

    @Test func inFlightRestartsKeysAndTenantGauges() throws {
        let factory = TestMetrics()
        let metrics = ClusterMetrics(workers: ["w1", "w2"], factory: factory)
        metrics.setInFlight(3, worker: "w2")
        metrics.workerRestarted("w1")
        metrics.workerRestarted("w1")
        metrics.keyEvent(.grant, worker: "w2")
        metrics.keyEvent(.revoke, worker: "w2")
        metrics.setTenantCounts(["w1": 5])
        #expect(try factory.expectMeter(ClusterMetrics.inFlight, [("worker", "w2")]).lastValue == 3)
        #expect(try factory.expectCounter(ClusterMetrics.restartsTotal, [("worker", "w1")]).totalValue == 2)
        #expect(try factory.expectCounter(ClusterMetrics.keyHandoffsTotal, [("worker", "w2"), ("event", "grant")])
            .totalValue == 1)
        #expect(try factory.expectCounter(ClusterMetrics.keyHandoffsTotal, [("worker", "w2"), ("event", "revoke")])
            .totalValue == 1)
        #expect(try factory.expectMeter(ClusterMetrics.tenants, [("worker", "w1")]).lastValue == 5)
        // A known worker absent from the counts serves no tenant now.
        #expect(try factory.expectMeter(ClusterMetrics.tenants, [("worker", "w2")]).lastValue == 0)
    }

    @Test func theCensusCountsEveryTenantForItsOwnerPinsIncluded() {
        let tenants = (0..<1_000).map { "ten_census\($0)" }
        let map = ShardMap(workers: ["w1", "w2", "w3"], pins: ["ten_census0": "w3", "ten_census1": "w3"])
        let counts = TenantCensus.count(tenants, by: map)
        #expect(counts.values.reduce(0, +) == 1_000)
        for worker in ["w1", "w2", "w3"] {
            #expect(counts[worker] == tenants.filter { map.owner(of: $0) == worker }.count)
        }
        #expect(TenantCensus.count([], by: map) == ["w1": 0, "w2": 0, "w3": 0])
    }
}
