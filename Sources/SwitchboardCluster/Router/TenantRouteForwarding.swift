import SwitchboardConnectors

extension ClusterRouter {
    /// Sends a request of a tenant route to the tenant's worker and returns its answer.
    ///
    /// Never sent twice once delivered: a route's work (a token exchange, a stored delivery) is not idempotent. It
    /// is sent again only when it provably never reached a worker (the connection was closed before it was written,
    /// or the worker refused it while draining). A worker that dies under it, or does not come back in time, is
    /// 503 WORKER_UNAVAILABLE with `Retry-After: 1`; one that does not answer within `requestTimeout`, 504 TIMEOUT.
    public func forwardTenantRoute(_ request: TenantHTTPRequest, route: String, tenantID: String) async
        -> TenantHTTPResponse
    {
        let started = ContinuousClock.now
        let (workerID, code, response) = await deliver(request, route: route, tenantID: tenantID)
        metrics.requestFinished(worker: workerID, status: response.status, errorCode: code,
                                duration: ContinuousClock.now - started)
        return response
    }

    /// What `forwardTenantRoute` answers, with the worker it went to and the router's own error code, if any.
    private func deliver(_ request: TenantHTTPRequest, route: String, tenantID: String) async
        -> (workerID: String?, code: String?, response: TenantHTTPResponse)
    {
        let message = ClusterMessage.routeRequest(RouteRequest(tenantID: tenantID, route: route, request: request))
        // Admitted as `forward` admits: the worker is fixed for this request, and a move of the tenant waits for it.
        let workerID: String
        switch await gate.admit(tenantID, within: settings.moveWait) {
        case .admitted(let owner): workerID = owner
        case .noWorker:
            return (nil, Self.workerUnavailableCode, Self.routeUnavailable("No worker serves this tenant."))
        case .timedOut:
            return (nil, Self.workerUnavailableCode,
                    Self.routeUnavailable("The tenant is moving to another worker; retry shortly."))
        }
        defer { gate.release(tenantID) }
        var attempts = 0
        while true {
            attempts += 1
            guard let link = workers.link(workerID) else {
                return (workerID, Self.workerUnavailableCode, Self.routeUnavailable("No worker serves this tenant."))
            }
            guard let connection = await link.readyConnection(within: settings.unavailableWait) else {
                return (workerID, Self.workerUnavailableCode, Self.routeUnavailable(
                    "The tenant's worker is unavailable; retry shortly."))
            }
            guard reserveSlot(on: link.workerID) else {
                return (workerID, Self.workerUnavailableCode, Self.routeUnavailable(
                    "The tenant's worker is overloaded; retry shortly."))
            }
            defer { releaseSlot(on: link.workerID) }
            do {
                switch try await connection.request(message, timeout: settings.requestTimeout) {
                case .routeResponse(let response):
                    return (workerID, nil, response)
                case .failure where attempts < 3:
                    // Refused without running it (the worker is draining): another process will take it.
                    continue
                default:
                    return (workerID, Self.workerUnavailableCode, Self.routeUnavailable(
                        "The tenant's worker did not answer."))
                }
            } catch ConnectionError.closed(delivered: false) where attempts < 3 {
                continue
            } catch ConnectionError.timedOut {
                return (workerID, Self.timeoutCode,
                        .error(504, code: Self.timeoutCode, "The tenant's worker did not answer in time."))
            } catch {
                return (workerID, Self.workerUnavailableCode, Self.routeUnavailable(
                    "The tenant's worker is unavailable; retry shortly."))
            }
        }
    }

    static func routeUnavailable(_ message: String) -> TenantHTTPResponse {
        .error(503, code: workerUnavailableCode, message, headers: [HTTPHeader(name: "retry-after", value: "1")])
    }
}
