import SwitchboardCatalog
import SwitchboardGraphQL

/// The stable error codes of the connector graph, as `extensions.code` of a GraphQL error.
public enum ConnectorErrorCode: String, Sendable, CaseIterable, Hashable {
    /// No token, or a token that belongs to nobody (HTTP 401).
    case unauthenticated = "UNAUTHENTICATED"
    /// The caller is known but may not do this: a tenant calling an admin field, the admin calling a tenant
    /// field, a credential override of a provider that does not allow one.
    case forbidden = "FORBIDDEN"
    /// No such object for this caller. Another tenant's id is indistinguishable from an id that never existed.
    case notFound = "NOT_FOUND"
    /// The tenant already has a connector for this provider (one per provider per tenant).
    case connectorAlreadyConnected = "CONNECTOR_ALREADY_CONNECTED"
    /// Credentials do not fit the provider's form; `extensions.fields` lists the problems field by field.
    case credentialsInvalid = "CREDENTIALS_INVALID"
    /// The catalog has no provider with this id.
    case providerNotFound = "PROVIDER_NOT_FOUND"
    /// An argument is out of range or malformed (limits, names, configuration objects).
    case badUserInput = "BAD_USER_INPUT"
    /// Something failed on the server's side; the message says nothing about it on purpose.
    case internalServerError = "INTERNAL_SERVER_ERROR"
    /// A field about the cluster's workers asked of a server that runs without `--workers`.
    case clusterNotEnabled = "CLUSTER_NOT_ENABLED"
    /// `verifyConnector` on a provider whose catalog entry has no HTTP verification request (IAM roles, JWT keys,
    /// connection strings): nothing is called and the connector is left as it is.
    case verificationUnsupported = "VERIFICATION_UNSUPPORTED"
}

/// An error of the connector graph: a code, a message for people, and for CREDENTIALS_INVALID the problems of each
/// field. Messages never contain a secret (credential values, keys, tokens).
public struct ConnectorError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: ConnectorErrorCode
    public let message: String
    /// The per-field problems of a CREDENTIALS_INVALID error.
    public let fieldErrors: [FieldError]

    public init(_ code: ConnectorErrorCode, _ message: String, fieldErrors: [FieldError] = []) {
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The error as GraphQL reports it: `extensions.code`, and `extensions.fields` (a list of `{field, code,
    /// message}`) when there are field problems.
    public var graphQLError: GraphQLError {
        var extensions: [String: GraphQLValue] = ["code": .string(code.rawValue)]
        if !fieldErrors.isEmpty {
            extensions["fields"] = .list(fieldErrors.map { error in
                ["field": .string(error.field), "code": .string(error.code.rawValue), "message": .string(error.message)]
            })
        }
        return GraphQLError(message, extensions: extensions)
    }

    static func notFound(_ what: String, id: String) -> ConnectorError {
        ConnectorError(.notFound, "No \(what) with id \"\(id)\".")
    }

    static func providerNotFound(_ id: String) -> ConnectorError {
        ConnectorError(.providerNotFound, "No provider with id \"\(id)\" in the catalog.")
    }

    static func badInput(_ message: String) -> ConnectorError {
        ConnectorError(.badUserInput, message)
    }

    static let internalError = ConnectorError(.internalServerError, "Internal server error.")
}

extension GraphQLError {
    /// The `extensions.code` of this error, if it carries one.
    public var connectorErrorCode: ConnectorErrorCode? {
        guard case .string(let code)? = extensions?["code"] else { return nil }
        return ConnectorErrorCode(rawValue: code)
    }
}
