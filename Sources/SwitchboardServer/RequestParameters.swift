import Hummingbird
import SwitchboardGraphQL

/// The parameters of a GraphQL-over-HTTP request (`query`, `operationName`, `variables`, `extensions`),
/// read from a JSON body or from a URL's query component, and checked the way the spec defines a
/// well-formed request: `query` a string, `operationName` a string, `variables` and `extensions` maps;
/// `null` is the same as absent.
public struct GraphQLRequestParameters: Sendable, Equatable {
    public var query: String
    public var operationName: String?
    public var variables: [String: GraphQLValue]?
    public var extensions: [String: GraphQLValue]?

    public init(query: String, operationName: String? = nil, variables: [String: GraphQLValue]? = nil,
                extensions: [String: GraphQLValue]? = nil) {
        self.query = query
        self.operationName = operationName
        self.variables = variables
        self.extensions = extensions
    }

    /// From a JSON body as `jsonBody` writes it (a request forwarded to another process). The error says what is
    /// wrong, without repeating the body.
    public init(jsonBody bytes: UnsafeRawBufferPointer, limits: JSONLimits = JSONLimits()) throws(GraphQLError) {
        let json: GraphQLValue
        do {
            json = try parseJSON(bytes: bytes.assumingMemoryBound(to: UInt8.self), limits: limits)
        } catch {
            throw GraphQLError.server("The request body is not valid JSON: \(error.description).", .badRequest)
        }
        do {
            self = try Self.fromJSONBody(json)
        } catch {
            throw error.error
        }
    }

    /// The parameters as the JSON object of a POST body.
    public var jsonBody: [UInt8] {
        var members = OrderedDictionary<String, GraphQLValue>()
        members["query"] = .string(query)
        if let operationName { members["operationName"] = .string(operationName) }
        if let variables { members["variables"] = .object(Self.ordered(variables)) }
        if let extensions { members["extensions"] = .object(Self.ordered(extensions)) }
        var writer = JSONWriter()
        writer.write(.object(members))
        return writer.bytes
    }

    private static func ordered(_ map: [String: GraphQLValue]) -> OrderedDictionary<String, GraphQLValue> {
        var ordered = OrderedDictionary<String, GraphQLValue>()
        for key in map.keys.sorted() { ordered[key] = map[key] }
        return ordered
    }

    /// From a POST body already parsed as JSON: an object with the parameters as members.
    static func fromJSONBody(_ body: GraphQLValue) throws(RequestRejection) -> GraphQLRequestParameters {
        guard case .object(let members) = body else {
            if case .list = body { throw .badRequest("Batched requests are not supported: send one JSON object.") }
            throw .badRequest("The request body must be a JSON object.")
        }
        let query: String
        switch members["query"] {
        case .string(let text): query = text
        case nil, .null?: throw .badRequest("Missing query: the request must have a \"query\" string.")
        default: throw .badRequest("The \"query\" parameter must be a string.")
        }
        let operationName: String?
        switch members["operationName"] {
        case .string(let name): operationName = name.isEmpty ? nil : name
        case nil, .null?: operationName = nil
        default: throw .badRequest("The \"operationName\" parameter must be a string.")
        }
        return GraphQLRequestParameters(query: query, operationName: operationName,
                                        variables: try map(members["variables"], named: "variables"),
                                        extensions: try map(members["extensions"], named: "extensions"))
    }

    /// From the decoded query component of a GET request, where `variables` and `extensions` are JSON
    /// texts. A parameter given twice is ambiguous, hence malformed.
    static func fromQueryItems(_ items: [(name: String, value: String)], jsonLimits: JSONLimits) throws(RequestRejection) -> GraphQLRequestParameters {
        var values: [String: String] = [:]
        for (name, value) in items where ["query", "operationName", "variables", "extensions"].contains(name) {
            if values[name] != nil { throw .badRequest("The \"\(name)\" parameter is given more than once.") }
            values[name] = value
        }
        guard let query = values["query"] else {
            throw .badRequest("Missing query: the request must have a \"query\" parameter.")
        }
        let operationName = values["operationName"].flatMap { $0.isEmpty ? nil : $0 }
        func json(_ name: String) throws(RequestRejection) -> [String: GraphQLValue]? {
            guard let text = values[name] else { return nil }
            let value: GraphQLValue
            do {
                value = try parseJSON(text, limits: jsonLimits)
            } catch {
                throw .badRequest("The \"\(name)\" parameter is not valid JSON: \(error.description).")
            }
            return try map(value, named: name)
        }
        return GraphQLRequestParameters(query: query, operationName: operationName,
                                        variables: try json("variables"), extensions: try json("extensions"))
    }

    private static func map(_ value: GraphQLValue?, named name: String) throws(RequestRejection) -> [String: GraphQLValue]? {
        switch value {
        case nil, .null?:
            return nil
        case .object(let members)?:
            var map: [String: GraphQLValue] = [:]
            map.reserveCapacity(members.count)
            for (key, member) in members { map[key] = member }
            return map
        default:
            throw .badRequest("The \"\(name)\" parameter must be an object.")
        }
    }
}

/// A request refused before GraphQL sees it, with the status it is answered with whatever the media type.
struct RequestRejection: Error {
    var status: HTTPResponse.Status
    var error: GraphQLError

    static func badRequest(_ message: String) -> RequestRejection {
        RequestRejection(status: .badRequest, error: .server(message, .badRequest))
    }
}

/// Decodes an `application/x-www-form-urlencoded` query component as WHATWG `URLSearchParams` does:
/// `&`-separated `name=value` pairs, `+` for a space, percent-escapes as UTF-8. Unlike a browser it
/// refuses what it cannot decode (a stray `%`, bytes that are not UTF-8) instead of guessing.
func decodeQueryComponent(_ query: Substring) throws(RequestRejection) -> [(name: String, value: String)] {
    var items: [(name: String, value: String)] = []
    for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
        let name: Substring, value: Substring
        if let equals = pair.firstIndex(of: "=") {
            name = pair[..<equals]
            value = pair[pair.index(after: equals)...]
        } else {
            name = pair
            value = ""
        }
        guard let decodedName = formDecode(name), let decodedValue = formDecode(value) else {
            throw .badRequest("The query string is not valid URL encoding.")
        }
        items.append((decodedName, decodedValue))
    }
    return items
}

private func formDecode(_ text: Substring) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
        switch byte {
        case UInt8(ascii: "+"):
            bytes.append(UInt8(ascii: " "))
        case UInt8(ascii: "%"):
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        default:
            bytes.append(byte)
        }
    }
    return String(validating: bytes, as: UTF8.self)
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}
