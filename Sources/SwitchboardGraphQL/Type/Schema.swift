import Synchronization

/// A GraphQL schema: root operation types, every named type reachable from them, and directives
/// (graphql-js `type/schema`). Building one does not validate it; `validateSchema` does.
public final class GraphQLSchema: @unchecked Sendable {
    public let description: String?
    public let queryType: GraphQLObjectType?
    public let mutationType: GraphQLObjectType?
    public let subscriptionType: GraphQLObjectType?
    public let directives: [GraphQLDirective]
    /// Every named type by name, in graphql-js's order (the order `printSchema` and introspection use).
    public let typeMap: OrderedDictionary<String, GraphQLNamedType>
    public let astNode: SchemaDefinitionNode?
    public let extensionASTNodes: [SchemaExtensionNode]
    /// What `validateSchema` found, once it has run (graphql-js keeps it on the schema too).
    let validationErrors = Mutex<[GraphQLError]?>(nil)

    /// For each interface: the objects and interfaces that implement it.
    private let implementations: [String: (objects: [GraphQLObjectType], interfaces: [GraphQLInterfaceType])]
    /// For each abstract type: the names of its possible (object) types.
    private let possibleTypeNames: [String: Set<String>]
    /// The sources of the schema's, its types' and its directives' AST nodes: a `Location` does not keep its
    /// source alive, and errors about those nodes (`validateSchema`, coercion of SDL defaults) need it.
    private let astSources: [Source]

    /// Collects every type reachable from the roots, `types` and directive arguments, plus the introspection
    /// types. Throws when two different types share a name, as graphql-js's constructor does.
    public init(
        query: GraphQLObjectType?,
        mutation: GraphQLObjectType? = nil,
        subscription: GraphQLObjectType? = nil,
        types: [GraphQLNamedType] = [],
        directives: [GraphQLDirective] = specifiedDirectives,
        description: String? = nil,
        astNode: SchemaDefinitionNode? = nil,
        extensionASTNodes: [SchemaExtensionNode] = []
    ) throws(GraphQLError) {
        self.description = description
        self.queryType = query
        self.mutationType = mutation
        self.subscriptionType = subscription
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes

        // As graphql-js: each of `types` takes its place in the order given, followed by the types it alone
        // brings in; a type listed later is not pulled forward by an earlier one that refers to it.
        var collector = TypeCollector(listed: Set(types.map { ObjectIdentifier($0) }))
        for type in types { collector.collect(type, listed: true) }
        if let query { collector.collect(query) }
        if let mutation { collector.collect(mutation) }
        if let subscription { collector.collect(subscription) }
        for directive in directives {
            for arg in directive.args { collector.collect(arg.type.namedType) }
        }
        for type in introspectionTypes { collector.collect(type) }
        if let duplicate = collector.duplicateName {
            throw GraphQLError("Schema must contain uniquely named types but contains multiple types named \"\(duplicate)\".")
        }
        self.typeMap = collector.types

        var implementations: [String: (objects: [GraphQLObjectType], interfaces: [GraphQLInterfaceType])] = [:]
        var possible: [String: Set<String>] = [:]
        for type in collector.types.values {
            if let object = type as? GraphQLObjectType {
                for interface in object.interfaces {
                    implementations[interface.name, default: ([], [])].objects.append(object)
                    possible[interface.name, default: []].insert(object.name)
                }
            } else if let interface = type as? GraphQLInterfaceType {
                for parent in interface.interfaces {
                    implementations[parent.name, default: ([], [])].interfaces.append(interface)
                }
            } else if let union = type as? GraphQLUnionType {
                possible[union.name] = Set(union.types.map(\.name))
            }
        }
        self.implementations = implementations
        self.possibleTypeNames = possible
        self.astSources = liveSources(ofASTNodesIn: collector.types.values, directives: directives,
                                      astNode: astNode, extensionASTNodes: extensionASTNodes)
    }

    public func type(named name: String) -> GraphQLNamedType? { typeMap[name] }

    public func directive(named name: String) -> GraphQLDirective? { directives.first { $0.name == name } }

    public func rootType(for operation: OperationType) -> GraphQLObjectType? {
        switch operation {
        case .query: return queryType
        case .mutation: return mutationType
        case .subscription: return subscriptionType
        }
    }

    /// The object types a value of an abstract type may have at run time.
    public func possibleTypes(of abstractType: GraphQLNamedType) -> [GraphQLObjectType] {
        if let union = abstractType as? GraphQLUnionType { return union.types }
        return implementations[abstractType.name]?.objects ?? []
    }

    /// The objects and interfaces that implement an interface.
    public func implementations(of interface: GraphQLInterfaceType) -> (objects: [GraphQLObjectType], interfaces: [GraphQLInterfaceType]) {
        implementations[interface.name] ?? ([], [])
    }

    /// Whether `maybeSubType` is a possible type of, or an interface implementing, `abstractType`.
    public func isSubType(_ abstractType: GraphQLNamedType, _ maybeSubType: GraphQLNamedType) -> Bool {
        if abstractType is GraphQLUnionType {
            return possibleTypeNames[abstractType.name]?.contains(maybeSubType.name) ?? false
        }
        guard let interface = abstractType as? GraphQLInterfaceType else { return false }
        if maybeSubType is GraphQLObjectType {
            return possibleTypeNames[interface.name]?.contains(maybeSubType.name) ?? false
        }
        if maybeSubType is GraphQLInterfaceType {
            return implementations[interface.name]?.interfaces.contains { $0 === maybeSubType } ?? false
        }
        return false
    }

    /// Whether `maybeSubType` may be used where `superType` is expected (graphql-js `isTypeSubTypeOf`).
    public func isTypeSubType(_ maybeSubType: GraphQLType, of superType: GraphQLType) -> Bool {
        if maybeSubType == superType { return true }
        if case .nonNull(let superInner) = superType {
            if case .nonNull(let subInner) = maybeSubType { return isTypeSubType(subInner, of: superInner) }
            return false
        }
        if case .nonNull(let subInner) = maybeSubType { return isTypeSubType(subInner, of: superType) }
        if case .list(let superItem) = superType {
            if case .list(let subItem) = maybeSubType { return isTypeSubType(subItem, of: superItem) }
            return false
        }
        if case .list = maybeSubType { return false }
        let superNamed = superType.namedType, subNamed = maybeSubType.namedType
        return superNamed.isAbstract && (subNamed is GraphQLInterfaceType || subNamed is GraphQLObjectType)
            && isSubType(superNamed, subNamed)
    }

    /// Whether two composite types can have a value in common (graphql-js `doTypesOverlap`).
    public func doTypesOverlap(_ a: GraphQLNamedType, _ b: GraphQLNamedType) -> Bool {
        if a === b { return true }
        if a.isAbstract {
            if b.isAbstract {
                return possibleTypes(of: a).contains { isSubType(b, $0) }
            }
            return isSubType(a, b)
        }
        if b.isAbstract { return isSubType(b, a) }
        return false
    }
}

/// Walks types in graphql-js's `collectReferencedTypes` order and notes a second type with a taken name.
private struct TypeCollector {
    var types = OrderedDictionary<String, GraphQLNamedType>()
    var duplicateName: String?
    /// The types given to the schema's `types`, which references do not collect.
    var listed: Set<ObjectIdentifier> = []

    mutating func collect(_ type: GraphQLNamedType, listed isListed: Bool = false) {
        if !isListed && listed.contains(ObjectIdentifier(type)) { return }
        if let existing = types[type.name] {
            if existing !== type && duplicateName == nil { duplicateName = type.name }
            return
        }
        types[type.name] = type
        switch type {
        case let union as GraphQLUnionType:
            for member in union.types { collect(member) }
        case let object as GraphQLObjectType:
            for interface in object.interfaces { collect(interface) }
            collectFields(object.fields)
        case let interface as GraphQLInterfaceType:
            for parent in interface.interfaces { collect(parent) }
            collectFields(interface.fields)
        case let input as GraphQLInputObjectType:
            let fields = input.fields.values
            // By index: a loop over the arguments themselves would copy each one, AST node and all.
            for i in fields.indices { collect(fields[i].type.namedType) }
        default:
            break
        }
    }

    private mutating func collectFields(_ fields: OrderedDictionary<String, GraphQLField>) {
        for field in fields.values {
            collect(field.type.namedType)
            let args = field.args
            for i in args.indices { collect(args[i].type.namedType) }
        }
    }
}

/// The live sources of the AST nodes of a schema, its types and directives. A field's, argument's or enum
/// value's node lies in the definition or extension node of its type, so types and directives are enough.
private func liveSources(ofASTNodesIn types: [GraphQLNamedType], directives: [GraphQLDirective],
                         astNode: SchemaDefinitionNode?, extensionASTNodes: [SchemaExtensionNode]) -> [Source] {
    var ids: Set<UInt32> = []
    func note(_ loc: Location?) {
        if let loc { ids.insert(loc.sourceID) }
    }
    note(astNode?.loc)
    for node in extensionASTNodes { note(node.loc) }
    for directive in directives { note(directive.astNode?.loc) }
    for type in types {
        switch type {
        case let scalar as GraphQLScalarType:
            note(scalar.astNode?.loc)
            for node in scalar.extensionASTNodes { note(node.loc) }
        case let object as GraphQLObjectType:
            note(object.astNode?.loc)
            for node in object.extensionASTNodes { note(node.loc) }
        case let interface as GraphQLInterfaceType:
            note(interface.astNode?.loc)
            for node in interface.extensionASTNodes { note(node.loc) }
        case let union as GraphQLUnionType:
            note(union.astNode?.loc)
            for node in union.extensionASTNodes { note(node.loc) }
        case let enumType as GraphQLEnumType:
            note(enumType.astNode?.loc)
            for node in enumType.extensionASTNodes { note(node.loc) }
        case let input as GraphQLInputObjectType:
            note(input.astNode?.loc)
            for node in input.extensionASTNodes { note(node.loc) }
        default:
            break
        }
    }
    return ids.compactMap { Source.withID($0) }
}
