import Foundation
import SwitchboardGraphQL

/// An HTTP header of a tenant route's request or response. Names are lowercase (HTTP field names are
/// case-insensitive; one spelling makes lookups simple).
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name.lowercased()
        self.value = value
    }
}

/// An HTTP request that belongs to a tenant but carries no bearer token (an OAuth callback, a webhook delivery,
/// or internal work the router hands to a worker): what a `TenantRoute` is given, in this process or after a trip
/// from the router to the tenant's worker.
public struct TenantHTTPRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    /// The raw query string, without "?".
    public var query: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// The HTTP request's id, for log lines.
    public var requestID: String

    public init(
        method: String, path: String, query: String = "", headers: [HTTPHeader] = [], body: [UInt8] = [],
        requestID: String = ""
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.requestID = requestID
    }

    /// The first value of header `name` (any case).
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name == name }?.value
    }

    /// The first value of query parameter `name`, percent-decoded (`+` as a space); nil when absent.
    public func queryParameter(_ name: String) -> String? {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard Self.decode(parts[0]) == name else { continue }
            return parts.count > 1 ? Self.decode(parts[1]) : ""
        }
        return nil
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// The answer of a tenant route.
public struct TenantHTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer: `object` with `Content-Type: application/json`.
    static func json(_ status: Int, _ object: GraphQLValue, headers: [HTTPHeader] = []) -> TenantHTTPResponse {
        TenantHTTPResponse(
            status: status,
            headers: [HTTPHeader(name: "content-type", value: "application/json; charset=utf-8")] + headers,
            body: Array(object.jsonString.utf8))
    }

    /// An error in the shape of the server's other errors,
    /// `{"errors": [{"message": …, "extensions": {"code": …}}]}`; the message never holds a secret.
    public static func error(
        _ status: Int, code: String, _ message: String, headers: [HTTPHeader] = []
    ) -> TenantHTTPResponse {
        json(status, ["errors": [["message": .string(message), "extensions": ["code": .string(code)]]]],
             headers: headers)
    }
}
