/// Coercion of a request's variables and of field and directive arguments (graphql-js 17 `execution/values`).

/// The outcome of coercing a request's variables: the coerced values, or why they are invalid.
public enum VariableValuesResult: Sendable {
    case values([String: GraphQLValue])
    case errors([GraphQLError])
}

/// Coerces the request's variable values against an operation's variable definitions. Defaults apply to
/// variables not given; nullable variables neither given nor defaulted are left out. On failure returns
/// every problem (at most `maxErrors`, then one more saying the limit was reached).
public func getVariableValues(
    schema: GraphQLSchema,
    definitions: [VariableDefinitionNode],
    inputs: [String: GraphQLValue],
    maxErrors: Int = 50
) -> VariableValuesResult {
    var errors: [GraphQLError] = []
    var limitReached = false
    func report(_ error: GraphQLError) {
        guard !limitReached else { return }
        if errors.count >= maxErrors {
            errors.append(GraphQLError("Too many errors processing variables, error limit reached. Execution aborted."))
            limitReached = true
            return
        }
        errors.append(error)
    }

    var coerced: [String: GraphQLValue] = [:]
    coerced.reserveCapacity(definitions.count)
    for definition in definitions {
        if limitReached { break }
        let name = definition.variable.name.value
        guard let type = variableType(schema, definition.type), type.isInputType else {
            report(GraphQLError(
                "Variable \"$\(name)\" expected value of type \"\(printTypeNode(definition.type))\" which cannot be used as an input type.",
                nodes: [definition.type]))
            continue
        }
        let value = inputs[name]
        if value == nil {
            if let literal = definition.defaultValue {
                if let d = coerceInputLiteral(literal, type) {
                    coerced[name] = d
                } else {
                    validateInputLiteral(literal, type, variables: nil) { error, path in
                        report(GraphQLError("Variable \"$\(name)\" has invalid default value\(printPathList(path)): \(error.message)",
                                            nodes: [definition]))
                    }
                }
                continue
            }
            // Nullable variables that are not given are left out.
            if !type.isNonNull { continue }
        }
        if let c = coerceInputValue(value, type) {
            coerced[name] = c
        } else {
            validateInputValue(value, type) { error, path in
                var located = GraphQLError("Variable \"$\(name)\" has invalid value\(printPathList(path)): \(error.message)",
                                           nodes: [definition])
                located.extensions = error.extensions
                report(located)
            }
        }
    }
    return errors.isEmpty ? .values(coerced) : .errors(errors)
}

/// Coerces the arguments of a field or directive as written at `node`. Arguments that are neither
/// given nor defaulted are left out. Throws for a missing required argument or an invalid value.
public func getArgumentValues(
    _ definitions: [GraphQLArgument],
    _ argumentNodes: [ArgumentNode],
    at node: any Node,
    variables: [String: GraphQLValue]
) throws(GraphQLError) -> ArgumentValues {
    var coerced = ArgumentValues(minimumCapacity: definitions.count)
    if definitions.isEmpty { return coerced }
    for definition in definitions {
        let name = definition.name
        guard let argumentNode = argumentNodes.first(where: { $0.name.value == name }) else {
            if definition.isRequired {
                throw GraphQLError("Argument \"\(name)\" of required type \"\(definition.type)\" was not provided.", nodes: [node])
            }
            try useDefault(definition, into: &coerced, at: node)
            continue
        }
        let valueNode = argumentNode.value
        // A variable that has no value counts as an argument not given, unless the argument is required.
        if case .variable(let variable) = valueNode, variables[variable.name.value] == nil, !definition.isRequired {
            try useDefault(definition, into: &coerced, at: node)
            continue
        }
        if let value = coerceInputLiteral(valueNode, definition.type, variables: variables) {
            coerced[name] = value
            continue
        }
        var firstError: GraphQLError?
        validateInputLiteral(valueNode, definition.type, variables: variables) { error, path in
            guard firstError == nil else { return }
            var e = error
            e.message = "Argument \"\(name)\" has invalid value\(printPathList(path)): \(error.message)"
            firstError = e
        }
        throw firstError ?? GraphQLError("Argument \"\(name)\" has invalid value.", nodes: [valueNode])
    }
    return coerced
}

private func useDefault(_ definition: GraphQLArgument, into coerced: inout ArgumentValues, at node: any Node) throws(GraphQLError) {
    switch coerceDefaultValue(definition) {
    case .none:
        break
    case .value(let value):
        coerced[definition.name] = value
    case .invalid:
        var firstError: GraphQLError?
        if let literal = definition.defaultValueLiteral {
            validateInputLiteral(literal, definition.type, variables: nil) { error, path in
                guard firstError == nil else { return }
                firstError = GraphQLError("Argument \"\(definition.name)\" has invalid default value\(printPathList(path)): \(error.message)",
                                          nodes: [node])
            }
        }
        throw firstError ?? GraphQLError("Argument \"\(definition.name)\" has invalid default value.", nodes: [node])
    }
}

/// The arguments of `directive` where `directives` use it, or nil when they do not.
public func getDirectiveValues(
    _ directive: GraphQLDirective,
    _ directives: [DirectiveNode],
    variables: [String: GraphQLValue]
) throws(GraphQLError) -> ArgumentValues? {
    guard let node = directives.first(where: { $0.name.value == directive.name }) else { return nil }
    return try getArgumentValues(directive.args, node.arguments, at: node, variables: variables)
}

/// The schema type a variable's type reference names, or nil when its named type does not exist
/// (graphql-js `typeFromAST`; private here, validation has its own).
private func variableType(_ schema: GraphQLSchema, _ node: TypeNode) -> GraphQLType? {
    switch node {
    case .named(let n): return schema.type(named: n.name.value).map { .named($0) }
    case .list(let n): return variableType(schema, n.type).map { .list($0) }
    case .nonNull(let n): return variableType(schema, n.type).map { .nonNull($0) }
    }
}

/// A type reference as written: `[Int!]!`.
private func printTypeNode(_ node: TypeNode) -> String {
    switch node {
    case .named(let n): return n.name.value
    case .list(let n): return "[" + printTypeNode(n.type) + "]"
    case .nonNull(let n): return printTypeNode(n.type) + "!"
    }
}
