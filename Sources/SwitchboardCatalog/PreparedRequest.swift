import Foundation

/// A verification request with the tenant's values filled in, ready to send.
///
/// It holds credentials (in headers, the URL or the body): its description shows only the method and the host.
public struct PreparedRequest: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var kind: VerificationRequest.Kind
    public var method: String
    /// The full URL, query included (for `POSTGRES`, the connection string).
    public var url: String
    public var headers: [String: String]
    public var body: String?
    public var expectedStatus: [Int]
    public var successField: String?

    public var description: String {
        switch kind {
        case .http:
            let host = URLComponents(string: url)?.host ?? "?"
            return "PreparedRequest(\(method) \(host), credentials redacted)"
        case .postgres:
            return "PreparedRequest(POSTGRES, credentials redacted)"
        }
    }

    public var debugDescription: String { description }
}

/// Why a verification request could not be prepared. Names fields, never values.
public enum TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value the request needs (in its URL, body or basic authentication) is missing.
    case missingValue(field: String)
    /// A value that would break the request's structure, such as a line break in a header.
    case invalidValue(field: String)

    public var description: String {
        switch self {
        case .missingValue(let field): return "the value of \(field) is missing"
        case .invalidValue(let field): return "the value of \(field) cannot be used in a request"
        }
    }
}

extension Provider {
    /// The provider's verification request with `values` (credentials and config, by field name) and, for an
    /// OAuth provider, `accessToken` filled in; nil when the provider has no verification request.
    ///
    /// Field defaults apply to missing values. In the URL, values of URL fields are inserted as they are (without
    /// a trailing `/`) and other values percent-encoded; query values are percent-encoded; JSON bodies get
    /// JSON-escaped values; headers and query parameters are left out when they name optional fields without
    /// values, and missing required values are `TemplateError.missingValue`.
    public func prepareVerification(
        values: [String: String], accessToken: String? = nil
    ) throws(TemplateError) -> PreparedRequest? {
        guard let verification else { return nil }
        var values = applyingDefaults(to: values)
        if let accessToken { values["accessToken"] = accessToken }
        let urlFields = Set(formFields.filter { $0.type == .url }.map(\.name))
        let optionalFields = Set(formFields.filter { !$0.required }.map(\.name))

        func lookup(_ name: String) -> String? {
            guard let value = values[name], !value.isEmpty else { return nil }
            return value
        }
        func firstMissing(in template: String) -> String {
            Template.variables(in: template).first { lookup($0) == nil } ?? "?"
        }
        /// A header or query template: nil (left out) when only optional fields lack values, an error when a
        /// required field or the access token does.
        func optional(_ template: String) throws(TemplateError) -> String? {
            if let text = Template.render(template, lookup) { return text }
            let missing = Template.variables(in: template).filter { lookup($0) == nil }
            if let essential = missing.first(where: { !optionalFields.contains($0) }) {
                throw .missingValue(field: essential)
            }
            return nil
        }
        func require(_ template: String, _ transform: (String, String) -> String) throws(TemplateError) -> String {
            guard let text = Template.render(template, { name in lookup(name).map { transform(name, $0) } }) else {
                throw .missingValue(field: firstMissing(in: template))
            }
            return text
        }

        var url: String
        switch verification.kind {
        case .postgres:
            url = try require(verification.url) { _, value in value }
        case .http:
            url = try require(verification.url) { name, value in
                urlFields.contains(name)
                    ? String(value.reversed().drop { $0 == "/" }.reversed())
                    : value.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? value
            }
            var query: [String] = []
            for (name, template) in verification.query.sorted(by: { $0.key < $1.key }) {
                guard let value = try optional(template) else { continue }
                query.append(percentEncodedQuery(name) + "=" + percentEncodedQuery(value))
            }
            if !query.isEmpty {
                url += (url.contains("?") ? "&" : "?") + query.joined(separator: "&")
            }
        }

        var headers: [String: String] = [:]
        for (name, template) in verification.headers {
            guard let value = try optional(template) else { continue }
            // Control characters (CR and LF above all) would split or end the header: a request smuggling risk.
            guard !value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) else {
                throw .invalidValue(field: Template.variables(in: template).first ?? name)
            }
            headers[name] = value
        }
        if let basic = verification.basicAuth {
            let username = try require(basic.username) { _, value in value }
            let password = try require(basic.password) { _, value in value }
            headers["Authorization"] = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        }
        if let contentType = verification.contentType {
            headers["Content-Type"] = contentType
        }

        var body: String?
        if let template = verification.body {
            let isJSON = verification.contentType?.contains("json") ?? true
            body = try require(template) { _, value in isJSON ? jsonEscaped(value) : percentEncodedQuery(value) }
        }
        return PreparedRequest(
            kind: verification.kind, method: verification.method, url: url, headers: headers, body: body,
            expectedStatus: verification.expectedStatus, successField: verification.successField)
    }

    /// `values` with the defaults of the form fields added for the fields it lacks (or leaves empty).
    public func applyingDefaults(to values: [String: String]) -> [String: String] {
        var values = values
        for field in formFields {
            if let defaultValue = field.defaultValue, values[field.name]?.isEmpty ?? true {
                values[field.name] = defaultValue
            }
        }
        return values
    }
}

extension CharacterSet {
    /// RFC 3986 `pchar` without `/`: what may stand unencoded inside one path segment.
    static let urlPathSegmentAllowed = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")
    /// Unreserved characters only: safe as a query name or value.
    static let urlQueryValueAllowed = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

private func percentEncodedQuery(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? text
}

/// The contents of a JSON string literal holding `text` (without the quotes).
private func jsonEscaped(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": output += "\\\""
        case "\\": output += "\\\\"
        case "\n": output += "\\n"
        case "\r": output += "\\r"
        case "\t": output += "\\t"
        case _ where scalar.value < 0x20:
            output += String(format: "\\u%04x", scalar.value)
        default:
            output.unicodeScalars.append(scalar)
        }
    }
    return output
}
