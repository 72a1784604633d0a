/// The five built-in scalars with graphql-js's coercion rules and error messages (`type/scalars`).

/// Int is 32-bit signed in GraphQL, whatever the platform.
let graphQLMaxInt = 2_147_483_647
let graphQLMinInt = -2_147_483_648

/// A number as JavaScript sees it, for coercion rules written in terms of JS numbers.
private func numericValue(_ value: GraphQLValue) -> Double? {
    switch value {
    case .int(let i): return Double(i)
    case .float(let d): return d
    default: return nil
    }
}

private func integerValue(_ value: GraphQLValue) -> Int? {
    switch value {
    case .int(let i): return i
    case .float(let d) where d.isFinite && d.rounded(.towardZero) == d && abs(d) < 9.2e18: return Int(d)
    default: return nil
    }
}

private func scalarError(_ message: String, _ node: ValueNode? = nil) -> GraphQLError {
    if let node { return GraphQLError(message, nodes: [node]) }
    return GraphQLError(message)
}

public let GraphQLInt = GraphQLScalarType(
    name: "Int",
    description: "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
    serialize: { output in
        var value = try GraphQLValue.fromResolved(output)
        if case .boolean(let b) = value { value = .int(b ? 1 : 0) }
        if case .string(let s) = value, !s.isEmpty, let d = Double(s.trimmingWhitespace) { value = .float(d) }
        guard let i = integerValue(value) else {
            throw scalarError("Int cannot represent non-integer value: \(inspect(try GraphQLValue.fromResolved(output)))")
        }
        guard i >= graphQLMinInt && i <= graphQLMaxInt else {
            throw scalarError("Int cannot represent non 32-bit signed integer value: \(inspect(try GraphQLValue.fromResolved(output)))")
        }
        return .int(i)
    },
    parseValue: { input in
        guard let i = integerValue(input) else {
            throw scalarError("Int cannot represent non-integer value: \(inspect(input))")
        }
        guard i >= graphQLMinInt && i <= graphQLMaxInt else {
            throw scalarError("Int cannot represent non 32-bit signed integer value: \(inspect(input))")
        }
        return .int(i)
    },
    parseLiteral: { node, _ in
        guard case .int(let literal) = node else {
            throw scalarError("Int cannot represent non-integer value: \(printAST(node))", node)
        }
        guard let i = Int(literal.value), i >= graphQLMinInt && i <= graphQLMaxInt else {
            throw scalarError("Int cannot represent non 32-bit signed integer value: \(literal.value)", node)
        }
        return .int(i)
    }
)

public let GraphQLFloat = GraphQLScalarType(
    name: "Float",
    description: "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
    serialize: { output in
        let original = try GraphQLValue.fromResolved(output)
        var value = original
        if case .boolean(let b) = value { value = .int(b ? 1 : 0) }
        if case .string(let s) = value, !s.isEmpty, let d = Double(s.trimmingWhitespace) { value = .float(d) }
        guard let d = numericValue(value), d.isFinite else {
            throw scalarError("Float cannot represent non numeric value: \(inspect(original))")
        }
        return .float(d)
    },
    parseValue: { input in
        guard let d = numericValue(input), d.isFinite else {
            throw scalarError("Float cannot represent non numeric value: \(inspect(input))")
        }
        return .float(d)
    },
    parseLiteral: { node, _ in
        switch node {
        case .int(let n): return .float(Double(n.value) ?? .nan)
        case .float(let n): return .float(Double(n.value) ?? .nan)
        default: throw scalarError("Float cannot represent non numeric value: \(printAST(node))", node)
        }
    }
)

public let GraphQLString = GraphQLScalarType(
    name: "String",
    description: "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
    serialize: { output in
        let value = try GraphQLValue.fromResolved(output)
        switch value {
        case .string: return value
        case .boolean(let b): return .string(b ? "true" : "false")
        case .int(let i): return .string(String(i))
        case .float(let d) where d.isFinite: return .string(jsNumberString(d))
        default: throw scalarError("String cannot represent value: \(inspect(value))")
        }
    },
    parseValue: { input in
        guard case .string = input else {
            throw scalarError("String cannot represent a non string value: \(inspect(input))")
        }
        return input
    },
    parseLiteral: { node, _ in
        guard case .string(let s) = node else {
            throw scalarError("String cannot represent a non string value: \(printAST(node))", node)
        }
        return .string(s.value)
    }
)

public let GraphQLBoolean = GraphQLScalarType(
    name: "Boolean",
    description: "The `Boolean` scalar type represents `true` or `false`.",
    serialize: { output in
        let value = try GraphQLValue.fromResolved(output)
        switch value {
        case .boolean: return value
        case .int(let i): return .boolean(i != 0)
        case .float(let d) where d.isFinite: return .boolean(d != 0)
        default: throw scalarError("Boolean cannot represent a non boolean value: \(inspect(value))")
        }
    },
    parseValue: { input in
        guard case .boolean = input else {
            throw scalarError("Boolean cannot represent a non boolean value: \(inspect(input))")
        }
        return input
    },
    parseLiteral: { node, _ in
        guard case .boolean(let b) = node else {
            throw scalarError("Boolean cannot represent a non boolean value: \(printAST(node))", node)
        }
        return .boolean(b.value)
    }
)

public let GraphQLID = GraphQLScalarType(
    name: "ID",
    description: "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
    serialize: { output in
        let value = try GraphQLValue.fromResolved(output)
        if case .string = value { return value }
        if let i = integerValue(value), !(value.isBooleanValue) { return .string(String(i)) }
        throw scalarError("ID cannot represent value: \(inspect(value))")
    },
    parseValue: { input in
        if case .string = input { return input }
        if let i = integerValue(input) { return .string(String(i)) }
        throw scalarError("ID cannot represent value: \(inspect(input))")
    },
    parseLiteral: { node, _ in
        switch node {
        case .string(let s): return .string(s.value)
        case .int(let n): return .string(n.value)
        default: throw scalarError("ID cannot represent a non-string and non-integer value: \(printAST(node))", node)
        }
    }
)

/// The built-in scalars, in graphql-js's order.
public let specifiedScalarTypes: [GraphQLScalarType] = [GraphQLString, GraphQLInt, GraphQLFloat, GraphQLBoolean, GraphQLID]

extension GraphQLValue {
    var isBooleanValue: Bool {
        if case .boolean = self { return true }
        return false
    }
}

extension String {
    /// JavaScript's `Number(s)` ignores surrounding whitespace.
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
