import SwitchboardGraphQL

/// The `extensions.code` of every error the server itself raises. Errors of the graph keep theirs.
public enum ServerErrorCode: String, Sendable, CaseIterable {
    /// The HTTP request is not a well-formed GraphQL-over-HTTP request (bad JSON, no query…).
    case badRequest = "BAD_REQUEST"
    /// The document does not parse, or exceeds the parse limits.
    case graphQLParseFailed = "GRAPHQL_PARSE_FAILED"
    /// The document does not validate against the schema.
    case graphQLValidationFailed = "GRAPHQL_VALIDATION_FAILED"
    /// The operation to run cannot be determined (unknown or missing operation name).
    case operationResolutionFailure = "OPERATION_RESOLUTION_FAILURE"
    /// The variables do not fit the operation's variable definitions.
    case badUserInput = "BAD_USER_INPUT"
    /// No credentials, or credentials that identify no one.
    case unauthenticated = "UNAUTHENTICATED"
    /// A method the path does not serve, or a mutation over GET.
    case methodNotAllowed = "METHOD_NOT_ALLOWED"
    /// The body is larger than the server accepts.
    case payloadTooLarge = "PAYLOAD_TOO_LARGE"
    /// The body is not `application/json` in UTF-8.
    case unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    /// The client accepts none of the media types the server writes.
    case notAcceptable = "NOT_ACCEPTABLE"
    /// No such path.
    case notFound = "NOT_FOUND"
    /// Something failed inside the server; the details are in its log only.
    case internalServerError = "INTERNAL_SERVER_ERROR"
}

extension GraphQLError {
    /// An error the server raises, with its code.
    static func server(_ message: String, _ code: ServerErrorCode) -> GraphQLError {
        GraphQLError(message, extensions: ["code": .string(code.rawValue)])
    }

    /// This error with `extensions.code` set, unless it already has a code.
    func withCode(_ code: ServerErrorCode) -> GraphQLError {
        var error = self
        var extensions = error.extensions ?? [:]
        if extensions["code"] == nil { extensions["code"] = .string(code.rawValue) }
        error.extensions = extensions
        return error
    }
}
