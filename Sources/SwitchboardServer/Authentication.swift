/// The authentication seam: the server knows nothing about tokens, tenants or roles. It hands the
/// request's credentials to an `Authenticator` and passes whatever principal comes back to the
/// context factory; a failure ends the request with 401.

/// What an authenticator may look at. Only the credentials and the peer: authentication must not
/// depend on the GraphQL request itself (GraphQL over HTTP, "URL").
public struct AuthenticationInput: Sendable {
    /// The `Authorization` header as sent, or nil when there is none.
    public var authorization: String?
    /// The peer's IP address, when the connection has one (not for Unix sockets).
    public var remoteAddress: String?
    /// The request id the response will carry, for the authenticator's own logs.
    public var requestID: String

    public init(authorization: String?, remoteAddress: String? = nil, requestID: String = "") {
        self.authorization = authorization
        self.remoteAddress = remoteAddress
        self.requestID = requestID
    }

    /// The token of an `Authorization: Bearer TOKEN` header (scheme case-insensitive, RFC 6750), or nil
    /// when the header is missing, uses another scheme or carries an empty token.
    public var bearerToken: String? {
        guard let authorization else { return nil }
        let trimmed = authorization.drop(while: { $0 == " " })
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        let token = trimmed.dropFirst(7).drop(while: { $0 == " " })
        let end = token.lastIndex(where: { $0 != " " }).map { token.index(after: $0) } ?? token.startIndex
        let result = token[..<end]
        return result.isEmpty ? nil : String(result)
    }
}

/// Why a request is not authenticated: credentials refused (401), or the means to check them out of
/// order (503, a database down, say). The message is shown to the client, so it must not say which part
/// of a token was wrong, nor repeat the token; the underlying error of an outage goes to the log only.
public struct AuthenticationFailure: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The credentials are missing or wrong: 401 with `WWW-Authenticate: Bearer`.
        case rejected
        /// They could not be checked: 503, and the server logs `underlyingError`.
        case unavailable
    }

    public var message: String
    public var reason: Reason
    public var underlyingError: (any Error & Sendable)?

    public init(_ message: String, reason: Reason = .rejected, underlyingError: (any Error & Sendable)? = nil) {
        self.message = message
        self.reason = reason
        self.underlyingError = underlyingError
    }

    /// No credentials at all.
    public static let missingCredentials = AuthenticationFailure("Authentication required: send Authorization: Bearer <token>.")
    /// Credentials that do not identify anyone.
    public static let invalidCredentials = AuthenticationFailure("Invalid or expired token.")

    /// Credentials could not be checked because of `error`.
    public static func unavailable(_ error: any Error & Sendable) -> AuthenticationFailure {
        AuthenticationFailure("Authentication is unavailable; try again later.", reason: .unavailable, underlyingError: error)
    }

    public var description: String { message }
}

/// Turns a request's credentials into a principal (a tenant, an admin…), or refuses them.
public protocol Authenticator: Sendable {
    associatedtype Principal: Sendable
    func authenticate(_ request: AuthenticationInput) async throws(AuthenticationFailure) -> Principal
}

/// An authenticator that lets every request in as the same principal: for tools, tests and schemas
/// that need no authentication.
public struct AnonymousAuthenticator<Principal: Sendable>: Authenticator {
    public let principal: Principal

    public init(principal: Principal) {
        self.principal = principal
    }

    public func authenticate(_ request: AuthenticationInput) async throws(AuthenticationFailure) -> Principal {
        principal
    }
}
