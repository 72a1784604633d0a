import Hummingbird
import Logging
import SwitchboardGraphQL

/// The execution seam: once a request is authenticated, well formed, its document valid and its operation
/// known (the HTTP layer checks all that, and answers what fails), an executor runs it and writes the response.
///
/// The local executor makes the context and executes in this process. A router hands tenant requests to another
/// process instead (SwitchboardCluster), which answers with a status and a body of its own.
public protocol GraphQLRequestExecutor: Sendable {
    associatedtype Principal: Sendable

    /// Runs the operation `request.operationType` of `document` (the parsed and validated `parameters.query`)
    /// for `principal`, and answers in `mediaType`.
    func execute(
        _ parameters: GraphQLRequestParameters, document: DocumentNode, principal: Principal,
        request: GraphQLRequestInfo, mediaType: ResponseMediaType
    ) async -> HTTPGraphQLResponse
}

/// An HTTP response with a GraphQL body, whoever wrote it.
public struct HTTPGraphQLResponse: Sendable {
    public var status: HTTPResponse.Status
    /// The headers, `Content-Type` included.
    public var headers: HTTPFields
    public var body: ByteBuffer

    public init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is the GraphQL response `result`, in `mediaType`, with `headers` besides.
    public static func result(
        _ status: HTTPResponse.Status, _ mediaType: ResponseMediaType, _ result: ExecutionResult,
        headers extra: [(HTTPFields.Element.Name, String)] = []
    ) -> HTTPGraphQLResponse {
        var writer = JSONWriter()
        writer.writeResult(result)
        var headers: HTTPFields = [.contentType: mediaType.contentType]
        for (name, value) in extra { headers[name] = value }
        return HTTPGraphQLResponse(status: status, headers: headers, body: ByteBuffer(bytes: writer.bytes))
    }

    /// A response whose body is `{"errors":[…]}`.
    public static func errors(
        _ status: HTTPResponse.Status, _ mediaType: ResponseMediaType, _ errors: [GraphQLError],
        headers extra: [(HTTPFields.Element.Name, String)] = []
    ) -> HTTPGraphQLResponse {
        result(status, mediaType, ExecutionResult(errors: errors), headers: extra)
    }

    var response: Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}

/// Executes in this process: the context factory makes the context from the principal, the endpoint executes.
public struct LocalGraphQLExecutor<F: GraphQLContextFactory>: GraphQLRequestExecutor {
    public typealias Principal = F.Principal

    public let endpoint: GraphQLEndpoint
    public let contextFactory: F

    public init(endpoint: GraphQLEndpoint, contextFactory: F) {
        self.endpoint = endpoint
        self.contextFactory = contextFactory
    }

    public func execute(
        _ parameters: GraphQLRequestParameters, document: DocumentNode, principal: F.Principal,
        request info: GraphQLRequestInfo, mediaType: ResponseMediaType
    ) async -> HTTPGraphQLResponse {
        let logger = info.logger
        // A request error is answered 200 in `application/json` (the request itself was well formed).
        let requestErrorStatus: HTTPResponse.Status = mediaType == .json ? .ok : .badRequest
        let context: F.Context
        do {
            context = try await contextFactory.makeContext(for: principal, request: info)
        } catch let error as GraphQLError {
            return .errors(mediaType == .json ? .ok : status(forCodeOf: error), mediaType, [error])
        } catch {
            logger.error("Making the request context failed", metadata: [
                "error.type": .string(String(reflecting: type(of: error))),
                "error": .string(String(describing: error)),
            ])
            return .errors(.internalServerError, mediaType, [.server("Internal server error", .internalServerError)])
        }

        var result = await endpoint.execute(document, operationName: parameters.operationName,
                                            variables: parameters.variables, context: context, logger: logger)
        await contextFactory.requestDidFinish(context: context, request: info)

        // Without data, execution did not start: the variables were refused (a request error).
        if result.data == nil {
            result.errors = result.errors.map { $0.withCode(.badUserInput) }
            return .result(requestErrorStatus, mediaType, result)
        }
        return .result(.ok, mediaType, result)
    }

    /// The status of a request error a context factory raised, from its code.
    private func status(forCodeOf error: GraphQLError) -> HTTPResponse.Status {
        guard case .string(let code)? = error.extensions?["code"] else { return .badRequest }
        switch code {
        case ServerErrorCode.unauthenticated.rawValue: return .unauthorized
        case "FORBIDDEN": return .forbidden
        case ServerErrorCode.internalServerError.rawValue: return .internalServerError
        default: return .badRequest
        }
    }
}
