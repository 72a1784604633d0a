import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Where and how the server listens.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind; `127.0.0.1` keeps the server private to the machine.
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 picks a free one (see `HTTPServerAddress` in `onListening`).
    public var port: Int = 8080
    /// The `Server` header, if any.
    public var serverName: String?
    public var http = GraphQLHTTPOptions()

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// The address the server is listening on, once it is.
public struct HTTPServerAddress: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// The GraphQL path, for the URL.
    public var graphQLPath: String

    public init(host: String, port: Int, graphQLPath: String) {
        self.host = host
        self.port = port
        self.graphQLPath = graphQLPath
    }

    /// `http://HOST:PORT/graphql`, with an IPv6 host in brackets.
    public var graphQLURL: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)\(graphQLPath)"
    }

    public var description: String { graphQLURL }
}

/// The GraphQL-over-HTTP server: Hummingbird with the `GraphQLHTTPResponder`, run under a service group
/// that stops it gracefully on SIGTERM or SIGINT (requests in flight finish, new connections are refused).
///
/// It knows nothing about tenants or databases: the authenticator turns credentials into a principal,
/// the context factory turns the principal into what resolvers receive.
public struct SwitchboardHTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    public let responder: GraphQLHTTPResponder
    public let logger: Logger

    public init<A: Authenticator, F: GraphQLContextFactory>(
        endpoint: GraphQLEndpoint,
        authenticator: A,
        contextFactory: F,
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        otherRoutes: (any HTTPResponder<SwitchboardRequestContext>)? = nil,
        logger: Logger = Logger(label: "switchboard.http")
    ) where F.Principal == A.Principal {
        self.configuration = configuration
        self.responder = GraphQLHTTPResponder(endpoint: endpoint, authenticator: authenticator,
                                              contextFactory: contextFactory, options: configuration.http,
                                              otherRoutes: otherRoutes)
        self.logger = logger
    }

    /// A server whose valid requests `executor` runs (in this process or elsewhere).
    public init<A: Authenticator, E: GraphQLRequestExecutor>(
        endpoint: GraphQLEndpoint,
        authenticator: A,
        executor: E,
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        otherRoutes: (any HTTPResponder<SwitchboardRequestContext>)? = nil,
        logger: Logger = Logger(label: "switchboard.http")
    ) where E.Principal == A.Principal {
        self.configuration = configuration
        self.responder = GraphQLHTTPResponder(endpoint: endpoint, authenticator: authenticator, executor: executor,
                                              options: configuration.http, otherRoutes: otherRoutes)
        self.logger = logger
    }

    /// A server whose resolvers receive the principal itself as their context.
    public init<A: Authenticator>(
        endpoint: GraphQLEndpoint,
        authenticator: A,
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        logger: Logger = Logger(label: "switchboard.http")
    ) {
        self.init(endpoint: endpoint, authenticator: authenticator, contextFactory: PrincipalAsContext<A.Principal>(),
                  configuration: configuration, logger: logger)
    }

    /// The Hummingbird application, to run as it is, to add services to (a database pool that must
    /// stop after the server), or to test. `onListening` runs once the socket is bound.
    public func makeApplication(
        onListening: @escaping @Sendable (HTTPServerAddress) async -> Void = { _ in }
    ) -> Application<GraphQLHTTPResponder> {
        let graphQLPath = configuration.http.graphQLPath
        let fallbackHost = configuration.host
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: configuration.serverName
            ),
            onServerRunning: { channel in
                let local = channel.localAddress
                let address = HTTPServerAddress(host: local?.ipAddress ?? fallbackHost, port: local?.port ?? 0,
                                                graphQLPath: graphQLPath)
                await onListening(address)
            },
            logger: logger
        )
    }

    /// The service group that runs the server next to `services` (a database pool, a key rotator…)
    /// and shuts everything down on one of `gracefulShutdownSignals`: the server first (it stops
    /// accepting and lets requests in flight finish), then `services` in reverse order, so that nothing
    /// the server uses goes away under it.
    public func makeServiceGroup(
        services: [any Service] = [],
        gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
        onListening: @escaping @Sendable (HTTPServerAddress) async -> Void = { _ in }
    ) -> ServiceGroup {
        let application = makeApplication(onListening: onListening)
        return ServiceGroup(configuration: .init(
            services: services + [application],
            gracefulShutdownSignals: gracefulShutdownSignals,
            logger: logger
        ))
    }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully.
    public func run(
        services: [any Service] = [],
        gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
        onListening: @escaping @Sendable (HTTPServerAddress) async -> Void = { _ in }
    ) async throws {
        try await makeServiceGroup(services: services, gracefulShutdownSignals: gracefulShutdownSignals,
                                   onListening: onListening).run()
    }
}
