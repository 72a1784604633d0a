/// Produces a literal for a runtime value of an input type (graphql-js `astFromValue`), for printing defaults.
/// Returns nil when the value cannot be represented (as graphql-js returns undefined/null there).
public func astFromValue(_ value: GraphQLValue?, _ type: GraphQLType) -> ValueNode? {
    guard let value else { return nil }
    switch type {
    case .nonNull(let inner):
        let node = astFromValue(value, inner)
        if case .null = node { return nil }
        return node
    case .list(let itemType):
        if case .null = value { return .null(NullValueNode()) }
        if case .list(let items) = value {
            return .list(ListValueNode(loc: nil, values: items.compactMap { astFromValue($0, itemType) }))
        }
        return astFromValue(value, itemType)
    case .named(let named):
        if case .null = value { return .null(NullValueNode()) }
        if let inputObject = named as? GraphQLInputObjectType {
            guard case .object(let object) = value else { return nil }
            var fields: [ObjectFieldNode] = []
            for (name, field) in inputObject.fields {
                guard let fieldValue = object[name], let node = astFromValue(fieldValue, field.type) else { continue }
                fields.append(ObjectFieldNode(loc: nil, name: NameNode(loc: nil, value: name), value: node))
            }
            return .object(ObjectValueNode(loc: nil, fields: fields))
        }
        return leafLiteral(value, named)
    }
}

/// The default of an argument or input field as a literal, or nil when it has none.
public func defaultValueAST(_ argument: GraphQLArgument) -> ValueNode? {
    if let literal = argument.defaultValueLiteral { return literal }
    return astFromValue(argument.defaultValue, argument.type)
}

private func leafLiteral(_ value: GraphQLValue, _ type: GraphQLNamedType) -> ValueNode? {
    let serialized: GraphQLValue
    if let enumType = type as? GraphQLEnumType {
        guard let match = enumType.values.first(where: { $0.value == value }) else { return nil }
        return .enumValue(EnumValueNode(loc: nil, value: match.name))
    } else if let scalar = type as? GraphQLScalarType {
        guard let s = try? scalar.serialize(value) else { return nil }
        serialized = s
    } else {
        return nil
    }
    switch serialized {
    case .null: return nil
    case .boolean(let b): return .boolean(BooleanValueNode(loc: nil, value: b))
    case .int(let i): return .int(IntValueNode(loc: nil, value: String(i)))
    case .float(let d):
        guard d.isFinite else { return nil }
        let text = jsNumberString(d)
        return isIntegerLiteral(text) ? .int(IntValueNode(loc: nil, value: text)) : .float(FloatValueNode(loc: nil, value: text))
    case .string(let s):
        if type === GraphQLID && isIntegerLiteral(s) { return .int(IntValueNode(loc: nil, value: s)) }
        return .string(StringValueNode(loc: nil, value: s))
    case .list, .object:
        // A custom scalar serialized to a structure: write it as an untyped literal.
        return untypedLiteral(serialized)
    }
}

private func untypedLiteral(_ value: GraphQLValue) -> ValueNode {
    switch value {
    case .null: return .null(NullValueNode())
    case .boolean(let b): return .boolean(BooleanValueNode(loc: nil, value: b))
    case .int(let i): return .int(IntValueNode(loc: nil, value: String(i)))
    case .float(let d):
        let text = jsNumberString(d)
        return isIntegerLiteral(text) ? .int(IntValueNode(loc: nil, value: text)) : .float(FloatValueNode(loc: nil, value: text))
    case .string(let s): return .string(StringValueNode(loc: nil, value: s))
    case .list(let items): return .list(ListValueNode(loc: nil, values: items.map(untypedLiteral)))
    case .object(let object):
        return .object(ObjectValueNode(loc: nil, fields: object.map { ObjectFieldNode(loc: nil, name: NameNode(loc: nil, value: $0.0), value: untypedLiteral($0.1)) }))
    }
}

/// `/^-?(?:0|[1-9][0-9]*)$/`
private func isIntegerLiteral(_ s: String) -> Bool {
    var bytes = Substring(s).utf8[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    guard let first = bytes.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
    if first == UInt8(ascii: "0") { return bytes.count == 1 }
    return bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
}
