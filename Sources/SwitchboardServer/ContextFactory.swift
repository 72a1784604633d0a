import Logging
import SwitchboardGraphQL

/// The per-request context seam: whoever serves a graph (the connector graph) makes, from the
/// principal, the value every resolver receives as `context` — its database handles, loaders,
/// statement counter. The server calls it once per request, after the document is known to be valid
/// and before execution, and tells it when the request is over.

/// What the server knows about a request when it asks for its context.
public struct GraphQLRequestInfo: Sendable {
    /// The id the response carries in `X-Request-Id`.
    public var requestID: String
    /// The kind of the operation about to run (a mutation wants a transaction, a query may not).
    public var operationType: OperationType
    /// The name of the operation about to run, if it has one.
    public var operationName: String?
    /// A logger whose metadata carries the request id.
    public var logger: Logger

    public init(requestID: String, operationType: OperationType, operationName: String?, logger: Logger) {
        self.requestID = requestID
        self.operationType = operationType
        self.operationName = operationName
        self.logger = logger
    }
}

/// Makes the execution context of a request from its principal.
public protocol GraphQLContextFactory: Sendable {
    associatedtype Principal: Sendable
    associatedtype Context: Sendable

    /// The context for one request. A thrown `GraphQLError` is answered as a request error with its own
    /// message and extensions (for example `FORBIDDEN`); any other error as an internal server error
    /// whose text is logged, never sent.
    func makeContext(for principal: Principal, request: GraphQLRequestInfo) async throws -> Context

    /// Called once execution is over, whatever its outcome, to release what `makeContext` took.
    func requestDidFinish(context: Context, request: GraphQLRequestInfo) async
}

extension GraphQLContextFactory {
    public func requestDidFinish(context: Context, request: GraphQLRequestInfo) async {}
}

/// The principal itself as the context: for graphs whose resolvers need nothing else.
public struct PrincipalAsContext<Principal: Sendable>: GraphQLContextFactory {
    public init() {}

    public func makeContext(for principal: Principal, request: GraphQLRequestInfo) async throws -> Principal {
        principal
    }
}

/// A context factory from a closure.
public struct ClosureContextFactory<Principal: Sendable, Context: Sendable>: GraphQLContextFactory {
    let make: @Sendable (Principal, GraphQLRequestInfo) async throws -> Context

    public init(_ make: @escaping @Sendable (Principal, GraphQLRequestInfo) async throws -> Context) {
        self.make = make
    }

    public func makeContext(for principal: Principal, request: GraphQLRequestInfo) async throws -> Context {
        try await make(principal, request)
    }
}
