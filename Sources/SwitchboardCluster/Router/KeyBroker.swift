import Logging
import SwitchboardConnectors
import SwitchboardCrypto

/// The router's answer to a worker that asks for a tenant's data key.
///
/// A key goes only to the worker that owns the tenant in the shard map as the router sees it now; any other
/// request is refused and logged (tenant, worker, owner: never key material). A granted key leaves the router
/// sealed to the asking connection's session key. The grant is recorded on the worker's link, so that the worker is
/// told to drop the key when the tenant is deleted, its key rotated, or the tenant placed elsewhere.
struct KeyBroker: Sendable {
    let graph: ConnectorGraph
    let owner: @Sendable (_ tenantID: String) -> String?
    let logger: Logger
    var metrics: ClusterMetrics?

    func answer(_ request: KeyRequest, from link: WorkerLink, on connection: FrameConnection) async -> ClusterMessage {
        let metadata: Logger.Metadata = [
            "tenant.id": .string(request.tenantID), "worker.id": .string(link.workerID),
            "key.version": .stringConvertible(request.version),
        ]
        let owner = owner(request.tenantID)
        guard owner == link.workerID else {
            var refused = metadata
            refused["tenant.owner"] = .string(owner ?? "none")
            logger.warning("Key request refused: the tenant belongs to another worker's shard", metadata: refused)
            metrics?.keyEvent(.refusal, worker: link.workerID)
            return .keyRefusal(KeyRefusal(
                tenantID: request.tenantID, reason: "the tenant is not in this worker's shard"))
        }
        guard let publicKey = link.sessionPublicKey else {
            return .failure("the worker has no session")
        }
        do {
            guard let key = try await graph.tenantDataKey(tenantID: request.tenantID, version: request.version) else {
                logger.info("Key request refused: no such key", metadata: metadata)
                metrics?.keyEvent(.refusal, worker: link.workerID)
                return .keyRefusal(KeyRefusal(tenantID: request.tenantID, reason: "no such tenant key"))
            }
            let sealed = try KeySealing.seal(key, to: publicKey)
            link.recordGrant(tenantID: request.tenantID, on: connection)
            var granted = metadata
            granted["key.fingerprint"] = .string(key.fingerprint)
            logger.info("Key granted", metadata: granted)
            metrics?.keyEvent(.grant, worker: link.workerID)
            return .keyGrant(KeyGrant(tenantID: request.tenantID, version: key.version, sealedKey: sealed))
        } catch {
            var failed = metadata
            failed["error"] = .string(String(describing: error))
            logger.error("Key request failed", metadata: failed)
            return .failure("the key could not be read")
        }
    }
}
