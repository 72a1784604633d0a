/// Converts a literal to a runtime value with no type to guide it (graphql-js `valueFromASTUntyped`).
/// A variable that is not given becomes absent in objects and null in lists, as in graphql-js.
public func valueFromASTUntyped(_ node: ValueNode, variables: [String: GraphQLValue]? = nil) throws -> GraphQLValue {
    try untypedValue(node, variables) ?? .null
}

private func untypedValue(_ node: ValueNode, _ variables: [String: GraphQLValue]?) throws -> GraphQLValue? {
    switch node {
    case .null: return .null
    case .int(let n):
        if let i = Int(n.value) { return .int(i) }
        return .float(Double(n.value) ?? .nan)
    case .float(let n): return .float(Double(n.value) ?? .nan)
    case .string(let n): return .string(n.value)
    case .boolean(let n): return .boolean(n.value)
    case .enumValue(let n): return .string(n.value)
    case .list(let n): return .list(try n.values.map { try untypedValue($0, variables) ?? .null })
    case .object(let n):
        var object = OrderedDictionary<String, GraphQLValue>(minimumCapacity: n.fields.count)
        for field in n.fields {
            if let value = try untypedValue(field.value, variables) { object[field.name.value] = value }
        }
        return .object(object)
    case .variable(let v): return variables?[v.name.value]
    }
}

extension GraphQLValue {
    /// Converts what a resolver returned into a value: GraphQLValue as is, and Swift's Bool, integers,
    /// floating point, String, arrays and string-keyed dictionaries. Anything else is an error.
    public static func fromResolved(_ value: any Sendable) throws -> GraphQLValue {
        switch value {
        case let v as GraphQLValue: return v
        case let v as String: return .string(v)
        case let v as Substring: return .string(String(v))
        case let v as Bool: return .boolean(v)
        case let v as Int: return .int(v)
        case let v as Int32: return .int(Int(v))
        case let v as Int64: return .int(Int(v))
        case let v as Double: return .float(v)
        case let v as Float: return .float(Double(v))
        case let v as [any Sendable]: return .list(try v.map(fromResolved))
        case let v as [String: any Sendable]:
            var object = OrderedDictionary<String, GraphQLValue>(minimumCapacity: v.count)
            for key in v.keys.sorted() { object[key] = try fromResolved(v[key]!) }
            return .object(object)
        case let v as Optional<any Sendable> where value is any OptionalValue:
            guard let unwrapped = v else { return .null }
            return try fromResolved(unwrapped)
        default:
            throw GraphQLError("Cannot represent a value of type \(type(of: value)) as a GraphQL value")
        }
    }
}
