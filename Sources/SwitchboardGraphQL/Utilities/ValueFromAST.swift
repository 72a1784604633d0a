/// Input coercion of literals, with the request's variables (graphql-js 17 `coerceInputLiteral`,
/// formerly `valueFromAST`, and `validateInputLiteral` to explain a literal that does not coerce).

/// Coerces a literal to `type`, reading variables from `variables` (already coerced).
/// Returns nil when the literal is invalid for the type, or when it is a variable that has no value.
public func coerceInputLiteral(_ node: ValueNode, _ type: GraphQLType, variables: [String: GraphQLValue]? = nil) -> GraphQLValue? {
    if case .variable(let variable) = node {
        let value = variables?[variable.name.value]
        if type.isNonNull && (value == nil || value == .null) { return nil }
        // Validation has checked that the variable's type fits this position.
        return value
    }
    switch type {
    case .nonNull(let inner):
        if case .null = node { return nil }
        return coerceInputLiteral(node, inner, variables: variables)
    case .list(let itemType):
        if case .null = node { return .null }
        guard case .list(let list) = node else {
            // A single value is accepted as a list of one.
            return coerceInputLiteral(node, itemType, variables: variables).map { .list([$0]) }
        }
        var items: [GraphQLValue] = []
        items.reserveCapacity(list.values.count)
        for itemNode in list.values {
            if let item = coerceInputLiteral(itemNode, itemType, variables: variables) {
                items.append(item)
            } else if case .variable(let v) = itemNode, !itemType.isNonNull, (variables?[v.name.value] ?? .null) == .null {
                // A missing variable inside a list is null.
                items.append(.null)
            } else {
                return nil
            }
        }
        return .list(items)
    case .named(let named):
        if case .null = node { return .null }
        if let inputObject = named as? GraphQLInputObjectType {
            return coerceInputObjectLiteral(node, inputObject, variables)
        }
        if let enumType = named as? GraphQLEnumType {
            return try? enumType.coerceInputLiteral(node)
        }
        if let scalar = named as? GraphQLScalarType {
            return try? scalar.parseLiteral(node, variables)
        }
        return nil
    }
}

/// The graphql-js 16 name of `coerceInputLiteral`.
public func valueFromAST(_ node: ValueNode, _ type: GraphQLType, variables: [String: GraphQLValue]? = nil) -> GraphQLValue? {
    coerceInputLiteral(node, type, variables: variables)
}

private func coerceInputObjectLiteral(
    _ node: ValueNode, _ type: GraphQLInputObjectType, _ variables: [String: GraphQLValue]?
) -> GraphQLValue? {
    guard case .object(let object) = node else { return nil }
    var fieldNodes: [String: ObjectFieldNode] = [:]
    for field in object.fields {
        guard type.fields[field.name.value] != nil else { return nil }
        fieldNodes[field.name.value] = field
    }
    var coerced = OrderedDictionary<String, GraphQLValue>(minimumCapacity: type.fields.count)
    for (name, field) in type.fields {
        let fieldNode = fieldNodes[name]
        var missing = fieldNode == nil
        if let fieldNode, case .variable(let v) = fieldNode.value, variables?[v.name.value] == nil { missing = true }
        if missing {
            if field.isRequired { return nil }
            switch coerceDefaultValue(field) {
            case .none: break
            case .value(let d): coerced[name] = d
            case .invalid: return nil
            }
        } else if let fieldNode {
            guard let value = coerceInputLiteral(fieldNode.value, field.type, variables: variables) else { return nil }
            coerced[name] = value
        }
    }
    if type.isOneOf {
        guard fieldNodes.count == 1, coerced.count == 1, let only = fieldNodes.values.first else { return nil }
        if case .null = only.value { return nil }
        if coerced[only.name.value] == .null { return nil }
    }
    return .object(coerced)
}

// MARK: - Explaining invalid literals

/// Reports why `node` is not valid for `type` (graphql-js 17 `validateInputLiteral`). With `variables` nil,
/// variables are not checked (static validation); otherwise a variable without a runtime value is reported
/// where the type needs one.
public func validateInputLiteral(
    _ node: ValueNode, _ type: GraphQLType, variables: [String: GraphQLValue]?,
    onError: (GraphQLError, [PathComponent]) -> Void
) {
    var path: [PathComponent] = []
    withoutActuallyEscaping(onError) { onError in
        LiteralValidator(variables: variables, onError: onError).validate(node, type, &path)
    }
}

private struct LiteralValidator {
    let variables: [String: GraphQLValue]?
    let onError: (GraphQLError, [PathComponent]) -> Void

    private var isStatic: Bool { variables == nil }

    private func report(_ message: String, _ node: any Node, _ path: [PathComponent]) {
        onError(GraphQLError(message, nodes: [node]), path)
    }

    func validate(_ node: ValueNode, _ type: GraphQLType, _ path: inout [PathComponent]) {
        if case .variable(let variable) = node {
            if isStatic { return }
            let name = variable.name.value
            if type.isNonNull {
                switch variables?[name] {
                case .none:
                    report("Expected variable \"$\(name)\" provided to type \"\(type)\" to provide a runtime value.", node, path)
                case .some(.null):
                    report("Expected variable \"$\(name)\" provided to non-null type \"\(type)\" not to be null.", node, path)
                default:
                    break
                }
            }
            return
        }
        switch type {
        case .nonNull(let inner):
            if case .null = node {
                report("Expected value of non-null type \"\(type)\" not to be null.", node, path)
                return
            }
            validate(node, inner, &path)
        case .list(let itemType):
            if case .null = node { return }
            guard case .list(let list) = node else {
                validate(node, itemType, &path)
                return
            }
            for (index, item) in list.values.enumerated() {
                path.append(.index(index))
                validate(item, itemType, &path)
                path.removeLast()
            }
        case .named(let named):
            if case .null = node { return }
            if let inputObject = named as? GraphQLInputObjectType {
                validateObject(node, inputObject, &path)
            } else if let enumType = named as? GraphQLEnumType {
                do throws(GraphQLError) {
                    _ = try enumType.coerceInputLiteral(node)
                } catch {
                    onError(error, path)
                }
            } else if let scalar = named as? GraphQLScalarType {
                do {
                    _ = try scalar.parseLiteral(node, variables)
                } catch let error as GraphQLError {
                    onError(error, path)
                } catch {
                    report("Expected value of type \"\(named.name)\", but encountered error \"\(error)\"; found: \(printAST(node)).", node, path)
                }
            }
        }
    }

    private func validateObject(_ node: ValueNode, _ type: GraphQLInputObjectType, _ path: inout [PathComponent]) {
        guard case .object(let object) = node else {
            report("Expected value of type \"\(type.name)\" to be an object, found: \(printAST(node)).", node, path)
            return
        }
        var fieldNodes: [String: ObjectFieldNode] = [:]
        for field in object.fields where fieldNodes[field.name.value] == nil { fieldNodes[field.name.value] = field }
        for (name, field) in type.fields {
            guard let fieldNode = fieldNodes[name] else {
                if field.isRequired {
                    report("Expected value of type \"\(type.name)\" to include required field \"\(name)\", found: \(printAST(node)).", node, path)
                }
                continue
            }
            if case .variable(let variable) = fieldNode.value, !isStatic {
                let variableName = variable.name.value
                let value = variables?[variableName]
                if type.isOneOf {
                    if value == nil {
                        report("Expected variable \"$\(variableName)\" provided to field \"\(name)\" for OneOf Input Object type \"\(type.name)\" to provide a runtime value.", node, path)
                    } else if value == .null {
                        report("Expected variable \"$\(variableName)\" provided to field \"\(name)\" for OneOf Input Object type \"\(type.name)\" not to be null.", node, path)
                    }
                } else if value == nil && !field.isRequired {
                    continue
                }
            }
            path.append(.key(name))
            validate(fieldNode.value, field.type, &path)
            path.removeLast()
        }
        var known: [ObjectFieldNode] = []
        for field in object.fields {
            let name = field.name.value
            if type.fields[name] == nil {
                let suggestion = InputSuggestions.didYouMean(InputSuggestions.list(name, type.fields.keys))
                let found = suggestion.isEmpty ? ", found" : ".\(suggestion) Found"
                report("Expected value of type \"\(type.name)\" not to include unknown field \"\(name)\"\(found): \(printAST(node)).", field, path)
            } else {
                known.append(field)
            }
        }
        if type.isOneOf {
            guard known.count == 1 else {
                report(oneOfInputObjectMessage(type), node, path)
                return
            }
            if case .null = known[0].value {
                path.append(.key(known[0].name.value))
                report(oneOfInputObjectMessage(type), node, path)
                path.removeLast()
            }
        }
    }
}
