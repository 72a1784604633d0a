/// Printing a schema as SDL (graphql-js `utilities/printSchema`), byte for byte as graphql-core 3.3 prints it.

/// The schema's own types and directives as SDL: no built-in scalars, introspection types or specified
/// directives. A `schema { … }` definition is printed only when it says something: a description, or root
/// types whose names are not the conventional ones.
public func printSchema(_ schema: GraphQLSchema) -> String {
    printFilteredSchema(schema, directives: { !$0.isSpecified }, types: { !isBuiltInTypeName($0.name) })
}

/// The built-in part: specified directives and introspection types.
public func printIntrospectionSchema(_ schema: GraphQLSchema) -> String {
    printFilteredSchema(schema, directives: { $0.isSpecified }, types: { isBuiltInTypeName($0.name) && $0.name.hasPrefix("__") })
}

private func isBuiltInTypeName(_ name: String) -> Bool {
    standardTypesByName[name] != nil
}

private func printFilteredSchema(
    _ schema: GraphQLSchema, directives directiveFilter: (GraphQLDirective) -> Bool, types typeFilter: (GraphQLNamedType) -> Bool
) -> String {
    var parts: [String] = []
    if let definition = printSchemaDefinition(schema) { parts.append(definition) }
    for directive in schema.directives where directiveFilter(directive) { parts.append(printDirective(directive)) }
    for type in schema.typeMap.values where typeFilter(type) { parts.append(printType(type)) }
    return parts.joined(separator: "\n\n")
}

private func printSchemaDefinition(_ schema: GraphQLSchema) -> String? {
    let query = schema.queryType, mutation = schema.mutationType, subscription = schema.subscriptionType
    // A schema without root types cannot be written as a valid schema definition.
    if query == nil && mutation == nil && subscription == nil { return nil }
    if schema.description == nil && hasConventionalRootNames(schema) { return nil }
    var text = printDescription(schema.description) + "schema {\n"
    if let query { text += "  query: \(query.name)\n" }
    if let mutation { text += "  mutation: \(mutation.name)\n" }
    if let subscription { text += "  subscription: \(subscription.name)\n" }
    return text + "}"
}

/// Whether each root type is the schema's type of the conventional name (or both are absent), so that the
/// schema definition can be left out without changing what the SDL means.
private func hasConventionalRootNames(_ schema: GraphQLSchema) -> Bool {
    func same(_ root: GraphQLObjectType?, _ name: String) -> Bool {
        let named = schema.type(named: name)
        if let root, let named { return root === named }
        return root == nil && named == nil
    }
    return same(schema.queryType, "Query") && same(schema.mutationType, "Mutation") && same(schema.subscriptionType, "Subscription")
}

/// One named type as SDL.
public func printType(_ type: GraphQLNamedType) -> String {
    switch type {
    case let scalar as GraphQLScalarType:
        return printDescription(scalar.description) + "scalar \(scalar.name)" + printSpecifiedByURL(scalar.specifiedByURL)
    case let object as GraphQLObjectType:
        return printDescription(object.description) + "type \(object.name)" + printImplements(object.interfaces)
            + printFields(object.fields)
    case let interface as GraphQLInterfaceType:
        return printDescription(interface.description) + "interface \(interface.name)" + printImplements(interface.interfaces)
            + printFields(interface.fields)
    case let union as GraphQLUnionType:
        let members = union.types.isEmpty ? "" : " = " + union.types.map(\.name).joined(separator: " | ")
        return printDescription(union.description) + "union \(union.name)" + members
    case let enumType as GraphQLEnumType:
        let values = enumType.values.enumerated().map { index, value in
            printDescription(value.description, indentation: "  ", firstInBlock: index == 0) + "  \(value.name)"
                + printDeprecated(value.deprecationReason)
        }
        return printDescription(enumType.description) + "enum \(enumType.name)" + printBlock(values)
    case let input as GraphQLInputObjectType:
        let fields = input.fields.values.enumerated().map { index, field in
            printDescription(field.description, indentation: "  ", firstInBlock: index == 0) + "  " + printInputValue(field)
        }
        return printDescription(input.description) + "input \(input.name)" + (input.isOneOf ? " @oneOf" : "") + printBlock(fields)
    default:
        return ""
    }
}

/// A directive definition as SDL.
public func printDirective(_ directive: GraphQLDirective) -> String {
    printDescription(directive.description) + "directive @\(directive.name)" + printArguments(directive.args)
        + printDeprecated(directive.deprecationReason) + (directive.isRepeatable ? " repeatable" : "")
        + " on " + directive.locations.map(\.rawValue).joined(separator: " | ")
}

private func printImplements(_ interfaces: [GraphQLInterfaceType]) -> String {
    interfaces.isEmpty ? "" : " implements " + interfaces.map(\.name).joined(separator: " & ")
}

private func printFields(_ fields: OrderedDictionary<String, GraphQLField>) -> String {
    printBlock(fields.values.enumerated().map { index, field in
        printDescription(field.description, indentation: "  ", firstInBlock: index == 0) + "  \(field.name)"
            + printArguments(field.args, indentation: "  ") + ": \(field.type)" + printDeprecated(field.deprecationReason)
    })
}

private func printBlock(_ items: [String]) -> String {
    items.isEmpty ? "" : " {\n" + items.joined(separator: "\n") + "\n}"
}

/// Arguments on one line when none has a description, else one per line with their descriptions.
private func printArguments(_ args: [GraphQLArgument], indentation: String = "") -> String {
    if args.isEmpty { return "" }
    if args.allSatisfy({ $0.description == nil }) {
        return "(" + args.map(printInputValue).joined(separator: ", ") + ")"
    }
    let lines = args.enumerated().map { index, arg in
        printDescription(arg.description, indentation: "  " + indentation, firstInBlock: index == 0) + "  " + indentation
            + printInputValue(arg)
    }
    return "(\n" + lines.joined(separator: "\n") + "\n\(indentation))"
}

private func printInputValue(_ value: GraphQLArgument) -> String {
    var text = "\(value.name): \(value.type)"
    if let defaultValue = defaultValueAST(value) { text += " = " + printAST(defaultValue) }
    return text + printDeprecated(value.deprecationReason)
}

private func printDeprecated(_ reason: String?) -> String {
    guard let reason else { return "" }
    if reason == defaultDeprecationReason { return " @deprecated" }
    return " @deprecated(reason: \(printAST(ValueNode.string(StringValueNode(loc: nil, value: reason)))))"
}

private func printSpecifiedByURL(_ url: String?) -> String {
    guard let url else { return "" }
    return " @specifiedBy(url: \(printAST(ValueNode.string(StringValueNode(loc: nil, value: url)))))"
}

/// A description as a block string when it can be one, else as a string, on the lines before what it describes.
/// Inside a block, every description but the first gets a blank line before it.
private func printDescription(_ description: String?, indentation: String = "", firstInBlock: Bool = true) -> String {
    guard let description else { return "" }
    let literal = printAST(ValueNode.string(StringValueNode(loc: nil, value: description, block: isPrintableAsBlockString(description))))
    let prefix = !indentation.isEmpty && !firstInBlock ? "\n" + indentation : indentation
    return prefix + indented(literal, indentation) + "\n"
}

/// The text with `indentation` after each line feed.
private func indented(_ text: String, _ indentation: String) -> String {
    if indentation.isEmpty { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        result.append(scalar)
        if scalar == "\n" { result.append(contentsOf: indentation.unicodeScalars) }
    }
    return String(result)
}
