import Foundation

/// How the connectors call providers over HTTP (verification, OAuth token requests, API calls). Injected into the
/// graph (`ConnectorGraph.start(…, http:)`), so that tests can count or refuse calls; the server uses
/// `AsyncHTTPProviderClient`.
///
/// Implementations bound everything: the time of a call (`OutboundRequest.timeout`, connection included), the
/// size of a response body, and redirects (never followed to another origin, where the credentials must not go).
/// Their errors never contain a secret: URLs in errors are reduced to their origin.
public protocol ProviderHTTPClient: Sendable {
    func send(_ request: OutboundRequest) async throws -> OutboundResponse
}

/// A request to a provider. It may hold credentials (headers, URL, body): its description shows only the method
/// and the origin.
public struct OutboundRequest: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var method: String
    /// An absolute http(s) URL, query included.
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// The longest the whole call may take, from connecting to the last byte of the response.
    public var timeout: Duration

    public init(
        method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8] = [], timeout: Duration = .seconds(10)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public var description: String { "OutboundRequest(\(method) \(OutboundURL.origin(url)), credentials redacted)" }
    public var debugDescription: String { description }
}

/// A provider's answer.
public struct OutboundResponse: Sendable, Equatable {
    public var status: Int
    /// Names lowercase.
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (any case).
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name == name }?.value
    }
}

/// Why a call to a provider failed before it had an answer. The message names the origin only.
public struct ProviderHTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The URL is not an absolute http(s) URL.
        case invalidURL
        /// No answer within the request's timeout.
        case timedOut
        /// The connection could not be made or broke (DNS, refused, TLS, reset).
        case connectionFailed
        /// The response body is larger than the client accepts.
        case responseTooLarge
        /// More redirects (within the origin) than the client follows.
        case tooManyRedirects
    }

    public let kind: Kind
    /// `scheme://host[:port]` of the request.
    public let origin: String
    public let message: String

    public init(_ kind: Kind, origin: String, _ message: String) {
        self.kind = kind
        self.origin = origin
        self.message = message
    }

    public var description: String { "\(message) (\(origin))" }
}

/// URL helpers that keep secrets out of messages.
enum OutboundURL {
    /// `scheme://host[:port]` of `url` (no user, path or query, where credentials may be); `?` when it has none.
    static func origin(_ url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            let host = components.host, !host.isEmpty
        else { return "?" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
