import Foundation
import SwitchboardCatalog

/// The tokens a provider's token endpoint granted (code or refresh grant), read from its response.
struct OAuthTokenGrant: Sendable, Equatable {
    var accessToken: String
    var refreshToken: String?
    /// Seconds from now until the access token expires; nil when the provider says nothing (no expiry known).
    var expiresIn: Int?
    /// The scopes granted, when the response lists them.
    var scopes: [String]?
    /// A user token issued next to the app's token (Slack's `authed_user.access_token`).
    var userAccessToken: String?
}

/// Why a token request did not give tokens. `code` is stable and safe to show (it goes into the redirect to the
/// tenant's `returnUrl`, the connector's status reason and audit events); `detail` is for logs and never holds a
/// secret (no token, code, client secret or response body).
struct OAuthFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider refused the grant (`invalid_grant`): the code or refresh token is no longer valid.
    static let invalidGrant = "invalid_grant"
    /// The provider could not be reached, timed out, or answered 5xx.
    static let providerUnavailable = "provider_unavailable"
    /// The provider answered something that is not a token response.
    static let invalidTokenResponse = "invalid_token_response"
    /// The provider refused the request for another reason.
    static let tokenRequestFailed = "token_request_failed"

    let code: String
    let detail: String

    var description: String { "\(code): \(detail)" }

    /// Whether the failure means the tenant must connect again (the grant is gone), rather than a passing problem.
    var grantIsGone: Bool { code == Self.invalidGrant }

    /// An error code from a provider's answer, kept only when it looks like an RFC 6749 code (`[a-z0-9_.]`,
    /// at most 64 characters), so nothing the provider sends reaches a redirect or a log unchecked.
    static func providerCode(_ value: String?) -> String? {
        guard let value, (1...64).contains(value.utf8.count),
              value.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 46 })
        else { return nil }
        return value
    }
}

/// Reads token responses as the catalog describes them (`TokenResponseHints`: dotted JSON paths, a success field
/// for providers that answer errors with status 200), in JSON or, as GitHub does without `Accept: application/json`,
/// form-encoded.
enum OAuthTokenResponse {
    /// The longest token accepted (bigger values are not tokens, and would bloat rows).
    static let maximumTokenLength = 16 * 1024
    /// The longest lifetime accepted for `expires_in` (ten years); longer or negative values are ignored.
    static let maximumExpiresIn = 10 * 365 * 24 * 3600

    static func parse(
        status: Int, contentType: String?, body: [UInt8], hints: TokenResponseHints
    ) throws(OAuthFailure) -> OAuthTokenGrant {
        let object = decode(contentType: contentType, body: body)
        if status >= 500 {
            throw OAuthFailure(code: OAuthFailure.providerUnavailable, detail: "the token endpoint answered \(status)")
        }
        guard let object else {
            throw OAuthFailure(
                code: status >= 400 ? OAuthFailure.tokenRequestFailed : OAuthFailure.invalidTokenResponse,
                detail: "the token endpoint answered \(status) with a body that is neither JSON nor a form")
        }
        let providerError = OAuthFailure.providerCode(string(at: "error", in: object))
        if status >= 400 || providerError != nil {
            throw OAuthFailure(
                code: providerError ?? OAuthFailure.tokenRequestFailed,
                detail: "the token endpoint answered \(status)" + (providerError.map { " with error \($0)" } ?? ""))
        }
        if let successField = hints.successField, value(at: successField, in: object) as? Bool != true,
           string(at: successField, in: object) != "true"
        {
            throw OAuthFailure(
                code: OAuthFailure.tokenRequestFailed, detail: "the token response's \(successField) is not true")
        }
        let userAccessToken = try token(at: hints.userAccessTokenPath, in: object)
        guard let accessToken = try token(at: hints.accessTokenPath, in: object) ?? userAccessToken else {
            throw OAuthFailure(
                code: OAuthFailure.invalidTokenResponse, detail: "the token response has no \(hints.accessTokenPath)")
        }
        var expiresIn: Int?
        if let path = hints.expiresInPath, let raw = value(at: path, in: object) {
            let seconds = (raw as? NSNumber)?.intValue ?? (raw as? String).flatMap { Int($0) }
            if let seconds, (0...maximumExpiresIn).contains(seconds) { expiresIn = seconds }
        }
        var scopes: [String]?
        if let path = hints.scopePath, let raw = value(at: path, in: object) {
            if let list = raw as? [Any] {
                scopes = list.compactMap { $0 as? String }
            } else if let text = raw as? String {
                scopes = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            }
        }
        return OAuthTokenGrant(
            accessToken: accessToken, refreshToken: try token(at: hints.refreshTokenPath, in: object),
            expiresIn: expiresIn, scopes: scopes.map { Array($0.prefix(100)) }, userAccessToken: userAccessToken)
    }

    /// The body as a JSON object, or as a form's fields; nil when it is neither.
    private static func decode(contentType: String?, body: [UInt8]) -> [String: Any]? {
        let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        if type == "application/x-www-form-urlencoded" {
            return form(body)
        }
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            return object
        }
        // No useful content type: a form is the other format token endpoints use.
        return type == nil || type == "text/plain" ? form(body) : nil
    }

    private static func form(_ body: [UInt8]) -> [String: Any]? {
        guard let text = String(bytes: body, encoding: .utf8), text.contains("=") else { return nil }
        var components = URLComponents()
        components.percentEncodedQuery = text.replacingOccurrences(of: "+", with: "%20")
        guard let items = components.queryItems else { return nil }
        var fields: [String: Any] = [:]
        for item in items where fields[item.name] == nil {
            fields[item.name] = item.value ?? ""
        }
        return fields
    }

    private static func value(at path: String, in object: [String: Any]) -> Any? {
        var current: Any? = object
        for key in path.split(separator: ".") {
            guard let dictionary = current as? [String: Any] else { return nil }
            current = dictionary[String(key)]
        }
        return current is NSNull ? nil : current
    }

    private static func string(at path: String, in object: [String: Any]) -> String? {
        value(at: path, in: object) as? String
    }

    private static func token(at path: String?, in object: [String: Any]) throws(OAuthFailure) -> String? {
        guard let path, let token = string(at: path, in: object), !token.isEmpty else { return nil }
        guard token.utf8.count <= maximumTokenLength else {
            throw OAuthFailure(code: OAuthFailure.invalidTokenResponse, detail: "the token at \(path) is too long")
        }
        return token
    }
}
