import Foundation
import SwitchboardCatalog
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres

/// The connector graph, ready to serve: what the HTTP server and the command line use.
///
/// `start` applies the migrations, loads the server's secrets with the master key and binds the resolvers to
/// schema.graphql. A request then goes: bearer token → `authenticator` → principal → `makeContext` → the
/// executor, with `schema` and the context.
public final class ConnectorGraph: Sendable {
    public let schema: GraphQLSchema
    public let authenticator: TokenAuthenticator
    public let keyRing: KeyRing
    public let catalog: ProviderCatalog
    public let pool: PostgresPool
    let services: ConnectorServices

    public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Makes this graph's admin fields about workers (`workers`, `tenantPlacement`, `moveTenant`) answer from
    /// `cluster`; without it they fail with CLUSTER_NOT_ENABLED.
    public func attachCluster(_ cluster: any ClusterAdministration) {
        services.cluster.withLock { $0 = cluster }
    }

    /// Sets the public base URL of this server (`https://switchboard.example.com`), which the URLs of webhook
    /// endpoints start with. A trailing slash is dropped.
    public func setPublicURL(_ url: String) {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        services.publicURL.withLock { $0 = url }
    }

    /// The public base URL, if set.
    public var publicURL: String? { services.publicURL.withLock { $0 } }

    private init(schema: GraphQLSchema, services: ConnectorServices, pool: PostgresPool) {
        self.schema = schema
        self.services = services
        self.authenticator = services.authenticator
        self.keyRing = services.keyRing
        self.catalog = services.catalog
        self.pool = pool
    }

    /// Starts the graph on `pool`.
    ///
    /// - Parameters:
    ///   - masterKeySource: where the master key is read from, at start and again after a rotation.
    ///   - providerConfiguration: the platform's apps and keys, endpoint overrides and OAuth settings.
    ///   - http: how providers are called (verification, OAuth); AsyncHTTPClient by default.
    ///   - adminToken: the admin's bearer token (`SWITCHBOARD_ADMIN_TOKEN`), at least 16 characters; nil or
    ///     empty: no admin.
    ///   - errorReporter: receives the errors that responses show only as INTERNAL_SERVER_ERROR, to log them.
    public static func start(
        pool: PostgresPool, masterKeySource: MasterKeySource, catalog: ProviderCatalog,
        providerConfiguration: ProviderConfiguration = .empty, http: any ProviderHTTPClient = AsyncHTTPProviderClient(),
        adminToken: String? = nil, errorReporter: (@Sendable (any Error) -> Void)? = nil
    ) async throws -> ConnectorGraph {
        let adminToken = adminToken.flatMap { $0.isEmpty ? nil : $0 }
        if let adminToken, adminToken.count < TokenAuthenticator.minimumAdminTokenLength {
            throw ConfigurationError(
                message: "the admin token must be at least \(TokenAuthenticator.minimumAdminTokenLength) characters")
        }
        let schema = try ConnectorSchema.build(registry: GraphResolvers.registry)
        try await ConnectorMigrations.migrate(pool)
        let database = Database(pool: pool)
        let keyRing = try KeyRing(source: masterKeySource)
        let hasher = try await ServerSecrets.tokenHasher(database: database, keyRing: keyRing)
        let authenticator = TokenAuthenticator(
            database: database, hasher: hasher, adminToken: adminToken,
            timeToLive: TokenAuthenticator.defaultTimeToLive, capacity: TokenAuthenticator.defaultCacheCapacity)
        let services = ConnectorServices(
            database: database, keyRing: keyRing, catalog: catalog, providerConfiguration: providerConfiguration,
            http: http, authenticator: authenticator, errorReporter: errorReporter)
        return ConnectorGraph(schema: schema, services: services, pool: pool)
    }

    /// Starts the graph of a cluster worker on `pool`: no master key, no tokens. Its tenants' data keys come from
    /// `keyProvider` (the router grants them), requests come authenticated by the router (`authenticator` refuses
    /// every token), and the admin's mutations, which need the master key, fail here: the router runs them. The
    /// router applies the migrations before it starts its workers.
    public static func startWorker(
        pool: PostgresPool, keyProvider: any TenantKeyProvider, catalog: ProviderCatalog,
        providerConfiguration: ProviderConfiguration = .empty, http: any ProviderHTTPClient = AsyncHTTPProviderClient(),
        errorReporter: (@Sendable (any Error) -> Void)? = nil
    ) throws -> ConnectorGraph {
        let schema = try ConnectorSchema.build(registry: GraphResolvers.registry)
        let database = Database(pool: pool)
        let services = ConnectorServices(
            database: database, keyRing: KeyRing(provider: keyProvider), catalog: catalog,
            providerConfiguration: providerConfiguration, http: http,
            authenticator: try TokenAuthenticator.refusingEveryToken(database: database), errorReporter: errorReporter)
        return ConnectorGraph(schema: schema, services: services, pool: pool)
    }

    /// The data key of `tenantID` at `version` (the current one when nil), unwrapped with the master key: what a
    /// router grants to the worker that owns the tenant. Nil when the tenant has no such key (deleted, or the
    /// version retired by a rotation).
    public func tenantDataKey(tenantID: String, version: Int? = nil) async throws -> TenantDataKey? {
        let stored = try await services.database.transaction(.tenant(tenantID)) { transaction -> (Int, Data)? in
            let rows: PostgresRows
            if let version {
                rows = try await transaction.query(
                    "SELECT version, wrapped_key FROM tenant_keys WHERE tenant_id = $1 AND version = $2",
                    [.text(tenantID), .int(version)])
            } else {
                rows = try await transaction.query(
                    """
                    SELECT k.version, k.wrapped_key FROM tenants t
                    JOIN tenant_keys k ON k.tenant_id = t.id AND k.version = t.key_version WHERE t.id = $1
                    """, [.text(tenantID)])
            }
            guard let row = rows.first else { return nil }
            return (try row.int("version"), Data(try row.bytes("wrapped_key")))
        }
        guard let (version, wrapped) = stored else { return nil }
        return try keyRing.tenantKey(tenantID: tenantID, version: version, wrapped: wrapped)
    }

    /// The context of one request made by `principal`.
    public func makeContext(principal: Principal) -> ConnectorContext {
        ConnectorContext(principal: principal, services: services)
    }

    /// Parses and executes `document` for `principal` (for the command line and tests; the HTTP server parses,
    /// validates and executes itself).
    public func execute(
        _ document: String, variables: [String: GraphQLValue]? = nil, operationName: String? = nil,
        as principal: Principal
    ) async -> ExecutionResult {
        let parsed: DocumentNode
        do {
            parsed = try parse(document)
        } catch {
            return ExecutionResult(errors: [error])
        }
        return await SwitchboardGraphQL.execute(
            schema: schema, document: parsed, operationName: operationName, variableValues: variables,
            context: makeContext(principal: principal))
    }

    /// Creates a tenant (the demo tenant of the embedded default, or an admin's). The token is returned only
    /// here: the database keeps its keyed hash.
    public func createTenant(name: String) async throws -> (tenant: TenantRecord, token: String) {
        let name = try Arguments.name(name, "name")
        return try await TenantMutations.create(name: name, services: services)
    }

    /// Deletes a tenant with everything it owns and its data keys.
    public func deleteTenant(id: String) async throws -> Bool {
        try await TenantMutations.delete(id: id, services: services)
    }

    /// Rotates the master key from within this process: rewraps every key with `newKey` (see `MasterKeyRotation`)
    /// and holds `newKey` from then on. Keep `newKey` where the master key source will find it (the key file)
    /// before calling, or a restart will not find the key that now wraps everything.
    public func rotateMasterKey(to newKey: MasterKey) async throws -> MasterKeyRotation.Report {
        let report = try await MasterKeyRotation.rotate(pool: pool, from: try keyRing.requireMasterKey(), to: newKey)
        keyRing.reloadMasterKey(newKey)
        return report
    }

    /// The credentials of a tenant's connector in clear, by field (for calling the provider); nil when the tenant
    /// has no such connector. Throws `CryptoError.authenticationFailed` for a value that was altered or moved.
    public func connectorCredentials(tenantID: String, connectorID: String) async throws -> [String: String]? {
        try await CredentialVault(database: services.database, keyRing: keyRing)
            .connectorCredentials(tenantID: tenantID, connectorID: connectorID)
    }

    /// A tenant's override of a provider's platform credentials in clear; nil when it has none.
    public func overrideCredentials(tenantID: String, providerID: String) async throws -> [String: String]? {
        try await CredentialVault(database: services.database, keyRing: keyRing)
            .overrideCredentials(tenantID: tenantID, providerID: providerID)
    }
}
