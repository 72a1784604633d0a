import SwitchboardCatalog
import SwitchboardGraphQL
import SwitchboardPostgres
import Synchronization

/// What every request shares: the database, the keys, the catalog and the server's configuration.
final class ConnectorServices: Sendable {
    let database: Database
    let keyRing: KeyRing
    let tenantKeys: TenantKeys
    let catalog: ProviderCatalog
    /// The platform's apps and keys, endpoint overrides, OAuth settings (`serve --provider-config`).
    let providerConfiguration: ProviderConfiguration
    /// How providers are called.
    let http: any ProviderHTTPClient
    let authenticator: TokenAuthenticator
    /// The cluster's administration when this graph is a router's (`serve --workers N`); nil otherwise.
    let cluster = Mutex<(any ClusterAdministration)?>(nil)
    /// The server's public base URL (`--public-url`, else its own address once it listens), for the URLs of
    /// webhook endpoints; nil until known.
    let publicURL = Mutex<String?>(nil)
    private let errorReporter: (@Sendable (any Error) -> Void)?

    init(
        database: Database, keyRing: KeyRing, catalog: ProviderCatalog, providerConfiguration: ProviderConfiguration,
        http: any ProviderHTTPClient, authenticator: TokenAuthenticator,
        errorReporter: (@Sendable (any Error) -> Void)?
    ) {
        self.database = database
        self.keyRing = keyRing
        self.tenantKeys = TenantKeys(keyRing: keyRing)
        self.catalog = catalog
        self.providerConfiguration = providerConfiguration
        self.http = http
        self.authenticator = authenticator
        self.errorReporter = errorReporter
    }

    /// Hands an error that a response shows only as INTERNAL_SERVER_ERROR to the server (to log it). The errors
    /// of the layers below describe themselves without secrets.
    func reportInternalError(_ error: any Error) {
        errorReporter?(error)
    }
}

/// The per-request context resolvers receive as the executor's `context`: who asks, the shared services, and a
/// cache that lives as long as the request.
public final class ConnectorContext: Sendable {
    public let principal: Principal
    let services: ConnectorServices
    let cache = RequestCache()

    init(principal: Principal, services: ConnectorServices) {
        self.principal = principal
        self.services = services
    }

    var catalog: ProviderCatalog { services.catalog }
    var database: Database { services.database }

    /// The caller's tenant; the admin has none (FORBIDDEN).
    func requireTenant(_ field: String) throws -> String {
        switch principal {
        case .tenant(let id): return id
        case .admin:
            throw ConnectorError(
                .forbidden,
                "\(field) is a tenant's field and the admin token belongs to no tenant; use tenants or tenant(id:).")
        }
    }

    func requireAdmin(_ field: String) throws {
        guard case .admin = principal else {
            throw ConnectorError(.forbidden, "\(field) requires the admin token.")
        }
    }

    /// The scope in which to read rows that belong to `tenantIDs` (the sources of a nested field): the caller's
    /// tenant, or every tenant for the admin (who reaches tenants' rows only through tenants and tenant(id:)).
    var readScope: DataScope {
        switch principal {
        case .tenant(let id): .tenant(id)
        case .admin: .allTenants
        }
    }

    /// Runs one transaction in `scope`.
    func transaction<T>(
        _ scope: DataScope,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        try await services.database.transaction(scope, body)
    }

    /// The context a resolver was given.
    static func from(_ context: any Sendable) throws -> ConnectorContext {
        guard let context = context as? ConnectorContext else {
            throw ConnectorError(.internalServerError, "The request has no connector context.")
        }
        return context
    }
}

/// Values loaded once per request. Mutations clear it: what follows them must see their effects.
final class RequestCache: Sendable {
    private let tenants = Mutex<[String: TenantRecord]>([:])

    func tenant(_ id: String) -> TenantRecord? { tenants.withLock { $0[id] } }
    func remember(_ tenant: TenantRecord) { tenants.withLock { $0[tenant.id] = tenant } }
    func clear() { tenants.withLock { $0.removeAll() } }
}
