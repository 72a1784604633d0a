import SwitchboardCrypto

/// Where a key ring without a master key gets tenant data keys: a worker of a cluster asks its router, which
/// grants a tenant's key only to the worker that owns the tenant.
///
/// The graph asks for a key by tenant and version (the version it read in the database); the provider answers with
/// the key in guarded memory, or throws (the key was refused, the router is gone). A provider keeps what it was
/// given for as long as it sees fit and drops it when told to: the key ring in front of it caches nothing.
public protocol TenantKeyProvider: Sendable {
    func tenantKey(tenantID: String, version: Int) async throws -> TenantDataKey
}
