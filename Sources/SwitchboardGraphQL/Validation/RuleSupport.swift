/// Small questions several rules ask about definitions and types.
enum RuleSupport {
    /// The name of a type definition (scalar, object, interface, union, enum, input object), not of an extension.
    static func typeDefinitionName(_ definition: DefinitionNode) -> NameNode? {
        switch definition {
        case .scalarType(let d): return d.name
        case .objectType(let d): return d.name
        case .interfaceType(let d): return d.name
        case .unionType(let d): return d.name
        case .enumType(let d): return d.name
        case .inputObjectType(let d): return d.name
        default: return nil
        }
    }

    /// The name of a type extension.
    static func typeExtensionName(_ definition: DefinitionNode) -> NameNode? {
        switch definition {
        case .scalarTypeExtension(let d): return d.name
        case .objectTypeExtension(let d): return d.name
        case .interfaceTypeExtension(let d): return d.name
        case .unionTypeExtension(let d): return d.name
        case .enumTypeExtension(let d): return d.name
        case .inputObjectTypeExtension(let d): return d.name
        default: return nil
        }
    }

    /// Non-null and without a default value: an argument or input field that must be given.
    static func isRequired(_ argument: GraphQLArgument) -> Bool {
        argument.type.isNonNull && argument.defaultValue == nil && argument.defaultValueLiteral == nil
    }

    /// Non-null and without a default value, as written in SDL.
    static func isRequired(_ definition: InputValueDefinitionNode) -> Bool {
        if case .nonNull = definition.type { return definition.defaultValue == nil }
        return false
    }

    /// The directives a document may use: the schema's (or the specified ones), then those it defines.
    static func directiveDefinitions(_ context: ASTValidationContext) -> (schema: [GraphQLDirective], document: [DirectiveDefinitionNode]) {
        let schemaDirectives = context.definedSchema?.directives ?? specifiedDirectives
        var documentDirectives: [DirectiveDefinitionNode] = []
        for case .directive(let definition) in context.document.definitions { documentDirectives.append(definition) }
        return (schemaDirectives, documentDirectives)
    }

    /// Whether two of `items` have the same name: the question to ask before `groupByName`, which allocates for
    /// every list while nearly all lists have no repeated name. Few names are compared pairwise, more hashed.
    static func hasRepeatedName<T>(_ items: [T], _ name: (T) -> String) -> Bool {
        if items.count < 2 { return false }
        if items.count <= 8 {
            for i in 1..<items.count {
                let current = name(items[i])
                for j in 0..<i where name(items[j]) == current { return true }
            }
            return false
        }
        var seen = Set<String>(minimumCapacity: items.count)
        for item in items where !seen.insert(name(item)).inserted { return true }
        return false
    }

    /// Groups nodes by name, in order of first appearance (graphql-js `groupBy`).
    static func groupByName<T>(_ items: [T], _ name: (T) -> String) -> [(name: String, items: [T])] {
        var groups: [(name: String, items: [T])] = []
        var index: [String: Int] = [:]
        for item in items {
            let key = name(item)
            if let i = index[key] {
                groups[i].items.append(item)
            } else {
                index[key] = groups.count
                groups.append((key, [item]))
            }
        }
        return groups
    }

    /// Python's `str.capitalize()` for ASCII names: the first letter upper-cased, the rest lower-cased.
    static func capitalized(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst().lowercased()
    }
}
