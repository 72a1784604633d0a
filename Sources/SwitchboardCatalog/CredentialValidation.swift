import Foundation

/// A problem with one submitted form value. Messages name the field by its label and never repeat the value,
/// which may be a secret.
public struct FieldError: Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case required = "REQUIRED"
        case unknownField = "UNKNOWN_FIELD"
        case patternMismatch = "PATTERN_MISMATCH"
        case invalidOption = "INVALID_OPTION"
        case invalidURL = "INVALID_URL"
        case invalidEmail = "INVALID_EMAIL"
        case invalidNumber = "INVALID_NUMBER"
        case tooLong = "TOO_LONG"
    }

    /// The field's name (the key in the submitted object).
    public var field: String
    public var code: Code
    public var message: String

    public init(field: String, code: Code, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

extension Provider {
    /// The longest value a field accepts: generous for keys, certificates and service-account JSON, small enough
    /// that a form cannot be used to store bulk data.
    public static let maximumValueLength = 16_384

    /// Checks connection credentials against `formFields`: required fields present, no unknown field, patterns,
    /// options, URLs, e-mail addresses and numbers well formed. Empty means valid.
    public func validateCredentials(_ values: [String: String]) -> [FieldError] {
        Self.validate(values, against: formFields)
    }

    /// Checks a credential override against `effectiveOverrideFields`.
    public func validateOverride(_ values: [String: String]) -> [FieldError] {
        Self.validate(values, against: effectiveOverrideFields)
    }

    /// Checks `values` against `fields`; errors come in the fields' order, then unknown fields by name.
    public static func validate(_ values: [String: String], against fields: [FormField]) -> [FieldError] {
        var errors: [FieldError] = []
        for field in fields {
            let value = values[field.name] ?? ""
            if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                if field.required, field.defaultValue == nil {
                    errors.append(FieldError(field: field.name, code: .required, message: "\(field.label) is required"))
                }
                continue
            }
            if let error = check(value, for: field) { errors.append(error) }
        }
        let known = Set(fields.map(\.name))
        for name in values.keys.filter({ !known.contains($0) }).sorted() {
            let expected = fields.isEmpty ? "this provider takes no fields" : "expected "
                + fields.map(\.name).joined(separator: ", ")
            errors.append(FieldError(field: name, code: .unknownField, message: "Unknown field \(name); \(expected)"))
        }
        return errors
    }

    private static func check(_ value: String, for field: FormField) -> FieldError? {
        func error(_ code: FieldError.Code, _ message: String) -> FieldError {
            FieldError(field: field.name, code: code, message: message)
        }
        if value.count > maximumValueLength {
            return error(.tooLong, "\(field.label) is longer than \(maximumValueLength) characters")
        }
        switch field.type {
        case .select:
            if let options = field.options, !options.contains(value) {
                return error(.invalidOption, "\(field.label) must be one of: \(options.joined(separator: ", "))")
            }
        case .url:
            guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased(),
                scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty
            else { return error(.invalidURL, "\(field.label) must be an http or https URL") }
        case .email:
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !value.contains(where: \.isWhitespace)
            else { return error(.invalidEmail, "\(field.label) must be an e-mail address") }
        case .number:
            guard Double(value) != nil else { return error(.invalidNumber, "\(field.label) must be a number") }
        case .text, .password, .textarea:
            break
        }
        if let pattern = field.pattern, !fullyMatches(value, pattern: pattern) {
            return error(.patternMismatch, "\(field.label) does not have the expected format")
        }
        return nil
    }

    /// Whether `pattern` matches the whole of `value` (like an HTML `pattern` attribute). A pattern that does not
    /// compile matches nothing; catalog validation rejects such patterns up front.
    static func fullyMatches(_ value: String, pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: "\\A(?:\(pattern))\\z") else { return false }
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return expression.firstMatch(in: value, range: range) != nil
    }
}
