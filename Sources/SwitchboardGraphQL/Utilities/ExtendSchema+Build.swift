/// Named types and directives made from SDL definitions and extensions (graphql-js `extendSchemaImpl`'s
/// `buildType`, `buildFieldMap`, `buildArgumentMap`, …).
///
/// Like graphql-js, building does not check what validation checks: a field may get an input type, a union a
/// scalar member. What the type system here cannot hold (an interface that is not an interface type, a union
/// member or root type that is not an object type) is left out, and `validateSchema` reports it from the AST.
/// Defaults stay literals (`defaultValueLiteral`); the executor coerces them.

extension SchemaExtender {
    // MARK: - Named types

    /// A type for a definition, with its name, description and AST nodes but none of its fields, interfaces,
    /// members or values yet.
    func makeNamedType(_ definition: DefinitionNode) -> GraphQLNamedType {
        switch definition {
        case .scalarType(let node):
            return GraphQLScalarType(
                name: node.name.value, description: node.description?.value, astNode: node,
                extensionASTNodes: typeExtensions.scalar[node.name.value] ?? [])
        case .objectType(let node):
            return GraphQLObjectType(
                name: node.name.value, description: node.description?.value, astNode: node,
                extensionASTNodes: typeExtensions.object[node.name.value] ?? [])
        case .interfaceType(let node):
            return GraphQLInterfaceType(
                name: node.name.value, description: node.description?.value, astNode: node,
                extensionASTNodes: typeExtensions.interface[node.name.value] ?? [])
        case .unionType(let node):
            return GraphQLUnionType(
                name: node.name.value, description: node.description?.value, astNode: node,
                extensionASTNodes: typeExtensions.union[node.name.value] ?? [])
        case .enumType(let node):
            return GraphQLEnumType(
                name: node.name.value, description: node.description?.value, astNode: node,
                extensionASTNodes: typeExtensions.enumType[node.name.value] ?? [])
        case .inputObjectType(let node):
            // Only the definition's `@oneOf` counts, as in graphql-js.
            return GraphQLInputObjectType(
                name: node.name.value, description: node.description?.value,
                isOneOf: node.directives.contains { $0.name.value == GraphQLOneOfDirective.name }, astNode: node,
                extensionASTNodes: typeExtensions.inputObject[node.name.value] ?? [])
        default:
            preconditionFailure("not a type definition")
        }
    }

    /// Fills a type made by `makeNamedType` from its definition and the document's extensions of it.
    func fillNamedType(_ type: GraphQLNamedType, from definition: DefinitionNode) throws(GraphQLSchemaError) {
        switch (definition, type) {
        case (.scalarType(let node), let scalar as GraphQLScalarType):
            scalar.specifiedByURL = try specifiedByURL(node.directives)
            for extensionNode in scalar.extensionASTNodes {
                if let url = try specifiedByURL(extensionNode.directives) { scalar.specifiedByURL = url }
            }
        case (.objectType(let node), let object as GraphQLObjectType):
            let extensions = object.extensionASTNodes
            object.interfaces = try interfaces([node.interfaces] + extensions.map(\.interfaces))
            try addFields([node.fields] + extensions.map(\.fields), to: &object.fields)
        case (.interfaceType(let node), let interface as GraphQLInterfaceType):
            let extensions = interface.extensionASTNodes
            interface.interfaces = try interfaces([node.interfaces] + extensions.map(\.interfaces))
            try addFields([node.fields] + extensions.map(\.fields), to: &interface.fields)
        case (.unionType(let node), let union as GraphQLUnionType):
            union.types = try members([node.types] + union.extensionASTNodes.map(\.types))
        case (.enumType(let node), let enumType as GraphQLEnumType):
            try addEnumValues([node.values] + enumType.extensionASTNodes.map(\.values), to: &enumType.values)
        case (.inputObjectType(let node), let input as GraphQLInputObjectType):
            try addInputFields([node.fields] + input.extensionASTNodes.map(\.fields), to: &input.fields)
        default:
            break
        }
    }

    /// The interface types named, in order. Names of other kinds of types are left out (validation reports them).
    func interfaces(_ lists: [[NamedTypeNode]]) throws(GraphQLSchemaError) -> [GraphQLInterfaceType] {
        var result: [GraphQLInterfaceType] = []
        for list in lists {
            for node in list {
                if let interface = try namedType(node.name.value, node) as? GraphQLInterfaceType { result.append(interface) }
            }
        }
        return result
    }

    /// The object types named, in order, repeats included. Names of other kinds of types are left out.
    func members(_ lists: [[NamedTypeNode]]) throws(GraphQLSchemaError) -> [GraphQLObjectType] {
        var result: [GraphQLObjectType] = []
        for list in lists {
            for node in list {
                if let object = try namedType(node.name.value, node) as? GraphQLObjectType { result.append(object) }
            }
        }
        return result
    }

    // MARK: - Fields, arguments, values

    /// Adds fields in order; a field named again replaces the earlier one in its place (graphql-js builds a map).
    func addFields(_ lists: [[FieldDefinitionNode]], to fields: inout OrderedDictionary<String, GraphQLField>) throws(GraphQLSchemaError) {
        fields.reserveCapacity(fields.count + lists.reduce(0) { $0 + $1.count })
        for list in lists {
            for node in list {
                fields[node.name.value] = GraphQLField(
                    name: node.name.value, type: try typeReference(node.type), description: node.description?.value,
                    args: try arguments(node.arguments), deprecationReason: try deprecationReason(node.directives), astNode: node)
            }
        }
    }

    func addInputFields(_ lists: [[InputValueDefinitionNode]], to fields: inout OrderedDictionary<String, GraphQLInputField>) throws(GraphQLSchemaError) {
        fields.reserveCapacity(fields.count + lists.reduce(0) { $0 + $1.count })
        for list in lists {
            for node in list { fields[node.name.value] = try inputValue(node) }
        }
    }

    func arguments(_ nodes: [InputValueDefinitionNode]) throws(GraphQLSchemaError) -> [GraphQLArgument] {
        var args: [GraphQLArgument] = []
        args.reserveCapacity(nodes.count)
        for node in nodes {
            let arg = try inputValue(node)
            if let index = args.firstIndex(where: { $0.name == arg.name }) {
                args[index] = arg
            } else {
                args.append(arg)
            }
        }
        return args
    }

    func inputValue(_ node: InputValueDefinitionNode) throws(GraphQLSchemaError) -> GraphQLArgument {
        GraphQLArgument(
            name: node.name.value, type: try typeReference(node.type), description: node.description?.value,
            defaultValueLiteral: node.defaultValue, deprecationReason: try deprecationReason(node.directives), astNode: node)
    }

    func addEnumValues(_ lists: [[EnumValueDefinitionNode]], to values: inout [GraphQLEnumValue]) throws(GraphQLSchemaError) {
        for list in lists {
            for node in list {
                let value = GraphQLEnumValue(
                    name: node.name.value, description: node.description?.value,
                    deprecationReason: try deprecationReason(node.directives), astNode: node)
                if let index = values.firstIndex(where: { $0.name == value.name }) {
                    values[index] = value
                } else {
                    values.append(value)
                }
            }
        }
    }

    /// A type reference as written, resolved against the new schema's types.
    func typeReference(_ node: TypeNode) throws(GraphQLSchemaError) -> GraphQLType {
        switch node {
        case .named(let named):
            guard let reference = reference(to: named.name.value) else { throw unknownType(named.name.value, named) }
            return reference.named
        case .list(let list):
            return .list(try typeReference(list.type))
        case .nonNull(let nonNull):
            if case .named(let named) = nonNull.type {
                guard let reference = reference(to: named.name.value) else { throw unknownType(named.name.value, named) }
                return reference.nonNull
            }
            return .nonNull(try typeReference(nonNull.type))
        }
    }

    // MARK: - Directives

    func makeDirective(_ node: DirectiveDefinitionNode) throws(GraphQLSchemaError) -> GraphQLDirective {
        var reason = try deprecationReason(node.directives)
        for extensionNode in directiveExtensions[node.name.value] ?? [] where reason == nil {
            reason = try deprecationReason(extensionNode.directives)
        }
        return GraphQLDirective(
            name: node.name.value, description: node.description?.value,
            locations: node.locations.compactMap { DirectiveLocation(rawValue: $0.value) },
            args: try arguments(node.arguments), isRepeatable: node.repeatable, deprecationReason: reason, astNode: node)
    }

    // MARK: - Values of the built-in directives

    /// The reason of the first `@deprecated`, its default when it has none; nil when not deprecated.
    func deprecationReason(_ directives: [DirectiveNode]) throws(GraphQLSchemaError) -> String? {
        guard let directive = directives.first(where: { $0.name.value == GraphQLDeprecatedDirective.name }) else { return nil }
        guard let argument = directive.arguments.last(where: { $0.name.value == "reason" }) else { return defaultDeprecationReason }
        if case .variable = argument.value { return defaultDeprecationReason }
        return try nonNullString(argument)
    }

    /// The URL of the first `@specifiedBy`, or nil when there is none.
    func specifiedByURL(_ directives: [DirectiveNode]) throws(GraphQLSchemaError) -> String? {
        guard let directive = directives.first(where: { $0.name.value == GraphQLSpecifiedByDirective.name }) else { return nil }
        guard let argument = directive.arguments.last(where: { $0.name.value == "url" }) else {
            throw GraphQLSchemaError(GraphQLError("Argument 'url' of required type 'String!' was not provided.", nodes: [directive]))
        }
        return try nonNullString(argument)
    }

    /// A `String!` argument's value, with graphql-core's errors for anything else.
    private func nonNullString(_ argument: ArgumentNode) throws(GraphQLSchemaError) -> String {
        let prefix = "Argument '\(argument.name.value)' has invalid value: "
        switch argument.value {
        case .string(let string):
            return string.value
        case .null:
            throw GraphQLSchemaError(GraphQLError(prefix + "Expected value of non-null type 'String!' not to be None.", nodes: [argument.value]))
        case .variable:
            throw GraphQLSchemaError(GraphQLError("Invalid argument", nodes: [argument.value]))
        default:
            do {
                _ = try GraphQLString.parseLiteral(argument.value, nil)
            } catch let error as GraphQLError {
                throw GraphQLSchemaError(GraphQLError(prefix + error.message, nodes: [argument.value]))
            } catch {
                throw GraphQLSchemaError(GraphQLError(prefix + String(describing: error), nodes: [argument.value]))
            }
            throw GraphQLSchemaError(GraphQLError("Invalid argument", nodes: [argument.value]))
        }
    }
}
