import Logging
import NIOCore
@testable import SwitchboardCluster
import SwitchboardConnectors
import SwitchboardGraphQL
import Synchronization
import Testing

/// `forwardTenantRoute`: a tenant route's request goes to the tenant's worker and its answer comes back as it is;
/// once delivered it is never sent again, and a dead worker is 503 WORKER_UNAVAILABLE with `Retry-After: 1`.
@Suite(.serialized) struct TenantRouteForwardingTests {
    static let request = TenantHTTPRequest(
        method: "POST", path: "/webhooks/secret", query: "x=1",
        headers: [HTTPHeader(name: "X-Hub-Signature-256", value: "sha256=ab")], body: Array("{}".utf8),
        requestID: "req-7")

    /// A fake worker that answers route requests with 202 and counts them.
    final class RouteWorker: Sendable {
        let received = Mutex<[RouteRequest]>([])

        func handle(_ frame: ClusterFrame, _ connection: FrameConnection) {
            guard case .routeRequest(let request) = frame.message else { return }
            received.withLock { $0.append(request) }
            connection.answer(frame, with: .routeResponse(TenantHTTPResponse(
                status: 202, headers: [HTTPHeader(name: "content-type", value: "text/plain")],
                body: Array("accepted".utf8))))
        }
    }

    /// A fake worker that dies as soon as a route request reaches it; `replacement` then takes the link.
    final class DyingRouteWorker: Sendable {
        let fixture: RouterFixture
        let link: WorkerLink
        let replacement: RouteWorker
        let received = Mutex(0)
        let pairs = Mutex<[ConnectedPair]>([])

        init(_ fixture: RouterFixture, link: WorkerLink, replacement: RouteWorker) {
            self.fixture = fixture
            self.link = link
            self.replacement = replacement
        }

        func handle(_ frame: ClusterFrame, _ connection: FrameConnection) {
            guard case .routeRequest = frame.message else { return }
            received.withLock { $0 += 1 }
            connection.close()
            Task {
                try await connection.closeFuture.get()
                try await Task.sleep(for: .milliseconds(100))
                let replacement = self.replacement
                let next = try await fixture.connect(link) { replacement.handle($0, $1) }
                pairs.withLock { $0.append(next) }
            }
        }

        func close() async {
            for pair in pairs.withLock({ $0 }) { await pair.close() }
        }
    }

    @Test func aRouteRequestGoesToTheTenantsWorkerAndItsAnswerBack() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w2")
        let w1 = RouteWorker()
        let w2 = RouteWorker()
        let pair1 = try await fixture.connect(fixture.link("w1")) { w1.handle($0, $1) }
        let pair2 = try await fixture.connect(fixture.link("w2")) { w2.handle($0, $1) }
        let response = await fixture.router.forwardTenantRoute(
            Self.request, route: "webhook.delivery", tenantID: tenant.id)
        #expect(response == TenantHTTPResponse(
            status: 202, headers: [HTTPHeader(name: "content-type", value: "text/plain")],
            body: Array("accepted".utf8)))
        #expect(w2.received.withLock { $0 } == [
            RouteRequest(tenantID: tenant.id, route: "webhook.delivery", request: Self.request),
        ])
        #expect(w1.received.withLock { $0.isEmpty })
        await pair1.close()
        await pair2.close()
    }

    @Test func aRouteRequestLostWithItsWorkerIsNeverSentAgain() async throws {
        let fixture = try await RouterFixture.make()
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w1")
        let link = fixture.link("w1")
        let replacement = RouteWorker()
        let dying = DyingRouteWorker(fixture, link: link, replacement: replacement)
        let first = try await fixture.connect(link) { dying.handle($0, $1) }
        let response = await fixture.router.forwardTenantRoute(
            Self.request, route: "webhook.delivery", tenantID: tenant.id)
        #expect(response.status == 503)
        #expect(response.headers.contains(HTTPHeader(name: "retry-after", value: "1")))
        #expect(String(decoding: response.body, as: UTF8.self).contains("WORKER_UNAVAILABLE"))
        try await Task.sleep(for: .milliseconds(300))
        #expect(dying.received.withLock { $0 } == 1)
        #expect(replacement.received.withLock { $0.isEmpty })
        await first.close()
        await dying.close()
    }

    @Test func aWorkerThatIsNotThereMakesTheRouteFailFast() async throws {
        var settings = RoutingSettings()
        settings.unavailableWait = .milliseconds(200)
        let fixture = try await RouterFixture.make(settings: settings)
        defer { fixture.close() }
        let tenant = try await fixture.tenant(on: "w2")
        let start = ContinuousClock.now
        let response = await fixture.router.forwardTenantRoute(
            Self.request, route: "webhook.delivery", tenantID: tenant.id)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(response.status == 503)
        #expect(response.headers.contains(HTTPHeader(name: "retry-after", value: "1")))
    }
}
