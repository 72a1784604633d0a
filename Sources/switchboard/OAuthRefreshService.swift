import Logging
import ServiceLifecycle
import SwitchboardConnectors

/// The background pass of OAuth refresh: every `interval`, the router (or the single process) asks the database
/// which tenants have tokens within the refresh margin of their expiry (`tenantsWithTokensDue`, no key needed),
/// and has each tenant's worker refresh them (the internal tenant route `oauth.refresh-due`, through `dispatch`:
/// forwarded to the worker in a cluster, served in-process otherwise). Tenants are handled one after another, so
/// a pass never floods the workers or the providers; the next pass picks up what one could not finish.
struct OAuthRefreshService: Service {
    let graph: ConnectorGraph
    let interval: Duration
    /// Serves the refresh request for a tenant where the tenant's keys are.
    let dispatch: @Sendable (TenantHTTPRequest, String) async -> TenantHTTPResponse
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                await pass()
            }
        }
    }

    /// One pass over the tenants with tokens due.
    func pass() async {
        let tenants: [String]
        do {
            tenants = try await graph.tenantsWithTokensDue()
        } catch {
            logger.error("OAuth refresh pass: could not list the tenants with tokens due", metadata: [
                "error": .string(String(describing: error))
            ])
            return
        }
        for tenantID in tenants {
            if Task.isCancelled { return }
            let response = await dispatch(ConnectorGraph.refreshDueRequest(), tenantID)
            if response.status != 200 {
                logger.warning("OAuth refresh pass: a tenant's refresh failed", metadata: [
                    "tenant.id": .string(tenantID), "status": .stringConvertible(response.status),
                ])
            }
        }
        if !tenants.isEmpty {
            logger.info("OAuth refresh pass", metadata: ["tenants": .stringConvertible(tenants.count)])
        }
    }
}
