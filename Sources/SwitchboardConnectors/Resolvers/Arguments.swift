import Foundation
import SwitchboardGraphQL

/// Reading and checking the arguments of the graph's fields. Problems are BAD_USER_INPUT errors whose messages
/// never repeat a credential.
enum Arguments {
    static let maximumLimit = 200
    static let maximumNameLength = 200
    /// The largest configuration object accepted, as JSON text.
    static let maximumConfigBytes = 32 * 1024

    /// A required argument or input field that the schema makes non-null.
    static func string(_ value: GraphQLValue?, _ name: String) throws -> String {
        guard case .string(let string)? = value else { throw ConnectorError.badInput("\(name) must be a string.") }
        return try withoutNUL(string, name)
    }

    static func optionalString(_ value: GraphQLValue?, _ name: String) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let string)?: return try withoutNUL(string, name)
        default: throw ConnectorError.badInput("\(name) must be a string.")
        }
    }

    /// PostgreSQL text cannot hold NUL characters; no name or id has one.
    private static func withoutNUL(_ string: String, _ name: String) throws -> String {
        guard !string.contains("\0") else { throw ConnectorError.badInput("\(name) must not contain NUL characters.") }
        return string
    }

    static func optionalBool(_ value: GraphQLValue?) -> Bool? {
        if case .boolean(let bool)? = value { return bool }
        return nil
    }

    /// The fields of an input object argument.
    static func object(_ value: GraphQLValue?, _ name: String) throws -> OrderedDictionary<String, GraphQLValue> {
        switch value {
        case .object(let object)?: return object
        case nil, .null?: return OrderedDictionary()
        default: throw ConnectorError.badInput("\(name) must be an object.")
        }
    }

    /// `limit` (1 to 200, default 50) and `offset` (0 or more, default 0).
    static func page(_ args: ArgumentValues) throws -> (limit: Int, offset: Int) {
        var limit = 50
        var offset = 0
        if case .int(let value)? = args["limit"] { limit = value }
        if case .int(let value)? = args["offset"] { offset = value }
        guard (1...maximumLimit).contains(limit) else {
            throw ConnectorError.badInput("limit must be between 1 and \(maximumLimit); it is \(limit).")
        }
        guard offset >= 0 else { throw ConnectorError.badInput("offset must be 0 or more; it is \(offset).") }
        return (limit, offset)
    }

    /// A name: surrounding whitespace removed, 1 to 200 characters, no control characters.
    static func name(_ raw: String, _ what: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ConnectorError.badInput("\(what) must not be empty.") }
        guard name.count <= maximumNameLength else {
            throw ConnectorError.badInput("\(what) must be at most \(maximumNameLength) characters long.")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ConnectorError.badInput("\(what) must not contain control characters.")
        }
        return name
    }

    /// A configuration object: absent (nil), null (`.some(nil)`) or a JSON object of at most 32 KiB without NUL
    /// characters (which PostgreSQL's jsonb cannot hold).
    static func config(_ value: GraphQLValue?, _ name: String = "config") throws -> GraphQLValue?? {
        guard let value else { return nil }
        if value.isNull { return .some(nil) }
        guard case .object = value else { throw ConnectorError.badInput("\(name) must be a JSON object.") }
        guard !containsNUL(value) else {
            throw ConnectorError.badInput("\(name) must not contain NUL characters.")
        }
        guard value.jsonString.utf8.count <= maximumConfigBytes else {
            throw ConnectorError.badInput("\(name) must be at most \(maximumConfigBytes) bytes of JSON.")
        }
        return .some(value)
    }

    /// Credential values by field: a JSON object whose values are strings (numbers and booleans are taken as
    /// their text; null leaves the field out). Nil when absent or null.
    static func credentials(_ value: GraphQLValue?, _ name: String) throws -> [String: String]? {
        guard let value, !value.isNull else { return nil }
        guard case .object(let object) = value else {
            throw ConnectorError.badInput("\(name) must be a JSON object of field names and values.")
        }
        var values: [String: String] = [:]
        for (field, item) in object {
            let text: String
            switch item {
            case .null: continue
            case .string(let string): text = string
            case .int(let int): text = String(int)
            case .float(let double): text = GraphQLValue.float(double).jsonString
            case .boolean(let bool): text = bool ? "true" : "false"
            case .list, .object:
                throw ConnectorError.badInput("\(name).\(field) must be a string.")
            }
            guard !text.contains("\0"), !field.contains("\0") else {
                throw ConnectorError.badInput("\(name).\(field) must not contain NUL characters.")
            }
            // An empty value is no value (the form left the field blank).
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { values[field] = text }
        }
        return values
    }

    private static func containsNUL(_ value: GraphQLValue) -> Bool {
        switch value {
        case .string(let string): return string.contains("\0")
        case .list(let items): return items.contains(where: containsNUL)
        case .object(let object): return object.contains { $0.0.contains("\0") || containsNUL($0.1) }
        default: return false
        }
    }
}
