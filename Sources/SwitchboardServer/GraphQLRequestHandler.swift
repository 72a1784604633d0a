import Hummingbird
import Logging
import SwitchboardGraphQL

/// One request to the GraphQL path, step by step as GraphQL over HTTP orders the checks:
///
/// 1. method (GET or POST, else 405) and `Accept` (406 when neither response type is acceptable);
/// 2. authentication (401, or 503 when it cannot be checked), before the body is read, so that
///    strangers cost little;
/// 3. the request parameters: `Content-Type` (415), size (413), JSON and shape (400);
/// 4. the document: parse and validate, or the cache (400, or 200 for `application/json`);
/// 5. the operation: which one (400/200), and a mutation over GET (405 with `Allow: POST`);
/// 6. the executor: in this process, the context then execution (variable errors 400/200, otherwise 200
///    with data); or wherever the executor sends the request.
struct GraphQLRequestHandler<A: Authenticator, E: GraphQLRequestExecutor>: GraphQLRequestHandling
where E.Principal == A.Principal {
    let endpoint: GraphQLEndpoint
    let authenticator: A
    let executor: E
    let options: GraphQLHTTPOptions

    func respond(to request: Request, remoteAddress: String?, requestID: String, logger: Logger) async -> Response {
        guard request.method == .get || request.method == .post else {
            let mediaType = ResponseMediaType.negotiate(accept: acceptHeader(request)) ?? .json
            return errorResponse(.methodNotAllowed, mediaType, [.server("Use GET or POST.", .methodNotAllowed)],
                                 headers: [(.allow, "GET, POST")])
        }
        guard let mediaType = ResponseMediaType.negotiate(accept: acceptHeader(request)) else {
            return errorResponse(.notAcceptable, .json, [.server(
                "Accept application/graphql-response+json or application/json.", .notAcceptable)])
        }

        let principal: A.Principal
        do {
            let input = AuthenticationInput(authorization: request.headers[.authorization],
                                            remoteAddress: remoteAddress, requestID: requestID)
            principal = try await authenticator.authenticate(input)
        } catch {
            switch error.reason {
            case .rejected:
                return errorResponse(.unauthorized, mediaType, [.server(error.message, .unauthenticated)],
                                     headers: [(.wwwAuthenticate, "Bearer")])
            case .unavailable:
                logger.error("Authentication unavailable", metadata: [
                    "error.type": .string(error.underlyingError.map { String(reflecting: type(of: $0)) } ?? "none"),
                    "error": .string(error.underlyingError.map { String(describing: $0) } ?? error.message),
                ])
                return errorResponse(.serviceUnavailable, mediaType, [.server(error.message, .internalServerError)])
            }
        }

        let parameters: GraphQLRequestParameters
        do {
            parameters = try await readParameters(request)
        } catch {
            return errorResponse(error.status, mediaType, [error.error])
        }

        // From here the request is well formed: `application/json` answers request errors with 200.
        let requestErrorStatus: HTTPResponse.Status = mediaType == .json ? .ok : .badRequest

        let document: DocumentNode
        do {
            document = try endpoint.document(for: parameters.query)
        } catch {
            return errorResponse(requestErrorStatus, mediaType, error.errors)
        }

        let operation: OperationDefinitionNode
        do {
            operation = try findOperation(in: document, named: parameters.operationName)
        } catch {
            return errorResponse(requestErrorStatus, mediaType, [error.withCode(.operationResolutionFailure)])
        }
        if request.method == .get && operation.operation == .mutation {
            return errorResponse(.methodNotAllowed, mediaType, [.server(
                "Mutations cannot be sent with GET: use POST.", .methodNotAllowed)],
                                 headers: [(.allow, "POST")])
        }

        let info = GraphQLRequestInfo(requestID: requestID, operationType: operation.operation,
                                      operationName: operation.name?.value, logger: logger)
        return await executor.execute(parameters, document: document, principal: principal, request: info,
                                      mediaType: mediaType).response
    }

    private func acceptHeader(_ request: Request) -> String? {
        let values = request.headers[values: .accept]
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// The request's parameters, from the query string (GET) or the JSON body (POST).
    private func readParameters(_ request: Request) async throws(RequestRejection) -> GraphQLRequestParameters {
        if request.method == .get {
            let items = try decodeQueryComponent(Substring(request.uri.query ?? ""))
            return try GraphQLRequestParameters.fromQueryItems(items, jsonLimits: options.jsonLimits)
        }
        guard let contentType = request.headers[.contentType] else {
            throw RequestRejection(status: .unsupportedMediaType, error: .server(
                "Missing Content-Type: send the request as application/json.", .unsupportedMediaType))
        }
        guard isJSONContentType(contentType) else {
            throw RequestRejection(status: .unsupportedMediaType, error: .server(
                "Unsupported Content-Type: send the request as application/json (UTF-8).", .unsupportedMediaType))
        }
        let tooLarge = RequestRejection(status: .contentTooLarge, error: .server(
            "The request body is larger than \(options.maxBodyBytes) bytes.", .payloadTooLarge))
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > options.maxBodyBytes {
            throw tooLarge
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: options.maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge
        } catch {
            throw .badRequest("The request body could not be read.")
        }
        if body.readableBytes == 0 { throw .badRequest("The request body is empty: send a JSON object with a query.") }
        let json: GraphQLValue
        do {
            json = try body.withUnsafeReadableBytes { raw throws(JSONError) -> GraphQLValue in
                try parseJSON(bytes: raw.assumingMemoryBound(to: UInt8.self), limits: options.jsonLimits)
            }
        } catch {
            throw .badRequest("The request body is not valid JSON: \(error.description).")
        }
        return try GraphQLRequestParameters.fromJSONBody(json)
    }
}
