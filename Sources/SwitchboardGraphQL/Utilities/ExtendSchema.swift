/// Extending a schema with SDL (graphql-js `utilities/extendSchema`), and the machinery `buildASTSchema`
/// shares with it: a document's type definitions and extensions turned into named types.
///
/// graphql-js copies every named type of the schema it extends. Here a type is copied only when it must
/// change: when the document extends or redefines it, or when it refers to a type that changes (otherwise the
/// new schema would hold two types of one name). Every other type — and so every resolver bound to it — is
/// the same object in both schemas. A copied type keeps its resolvers (`resolve`, `resolveBatch`, `isTypeOf`,
/// `resolveType`, scalar coercion), and keeps the very `GraphQLField` objects whose types and arguments do not
/// change, so resolvers bound to those fields stay bound in both schemas. The schema extended is not altered.

/// Extends a schema with the type, directive and schema definitions and extensions of an SDL document.
/// Returns the same schema when the document defines and extends nothing.
public func extendSchema(_ schema: GraphQLSchema, _ document: DocumentNode, options: BuildSchemaOptions = .init()) throws(GraphQLSchemaError) -> GraphQLSchema {
    if !(options.assumeValid || options.assumeValidSDL) {
        let errors = validateSDL(document, schemaToExtend: schema)
        if !errors.isEmpty { throw GraphQLSchemaError(errors) }
    }
    guard let config = try SchemaExtender.extend(SchemaConfig(schema), with: document) else { return schema }
    let extended = try config.makeSchema()
    if options.assumeValid { markSchemaValid(extended) }
    return extended
}

/// What a `GraphQLSchema` is made of, before it is made (graphql-js `GraphQLSchemaConfig`).
/// Root types are any named type here: a root that is not an object type is dropped when the schema is made,
/// and `validateSchema` finds it again through the AST that named it.
struct SchemaConfig {
    var description: String?
    var query: GraphQLNamedType?
    var mutation: GraphQLNamedType?
    var subscription: GraphQLNamedType?
    var types: [GraphQLNamedType] = []
    var directives: [GraphQLDirective] = []
    var astNode: SchemaDefinitionNode?
    var extensionASTNodes: [SchemaExtensionNode] = []

    init() {}

    init(_ schema: GraphQLSchema) {
        description = schema.description
        query = schema.queryType
        mutation = schema.mutationType
        subscription = schema.subscriptionType
        types = schema.typeMap.values
        directives = schema.directives
        astNode = schema.astNode
        extensionASTNodes = schema.extensionASTNodes
    }

    func makeSchema() throws(GraphQLSchemaError) -> GraphQLSchema {
        do {
            return try GraphQLSchema(
                query: query as? GraphQLObjectType,
                mutation: mutation as? GraphQLObjectType,
                subscription: subscription as? GraphQLObjectType,
                types: types,
                directives: directives,
                description: description,
                astNode: astNode,
                extensionASTNodes: extensionASTNodes
            )
        } catch {
            throw GraphQLSchemaError(error)
        }
    }
}

/// The extensions of a document, by kind and then by the name of the type they extend.
struct TypeExtensionNodes {
    var scalar: [String: [ScalarTypeExtensionNode]] = [:]
    var object: [String: [ObjectTypeExtensionNode]] = [:]
    var interface: [String: [InterfaceTypeExtensionNode]] = [:]
    var union: [String: [UnionTypeExtensionNode]] = [:]
    var enumType: [String: [EnumTypeExtensionNode]] = [:]
    var inputObject: [String: [InputObjectTypeExtensionNode]] = [:]

    /// Whether the document extends `type` with an extension of its own kind (graphql-js ignores the others).
    func extend(_ type: GraphQLNamedType) -> Bool {
        switch type {
        case is GraphQLScalarType: return scalar[type.name] != nil
        case is GraphQLObjectType: return object[type.name] != nil
        case is GraphQLInterfaceType: return interface[type.name] != nil
        case is GraphQLUnionType: return union[type.name] != nil
        case is GraphQLEnumType: return enumType[type.name] != nil
        default: return inputObject[type.name] != nil
        }
    }
}

/// The built-in types, which a document can neither replace nor extend: a definition of one of these names
/// stands for the built-in type.
let standardTypesByName: [String: GraphQLNamedType] = {
    var map: [String: GraphQLNamedType] = [:]
    for type in specifiedScalarTypes { map[type.name] = type }
    for type in introspectionTypes { map[type.name] = type }
    return map
}()

/// Applies one document's definitions and extensions to a schema configuration (graphql-js `extendSchemaImpl`).
final class SchemaExtender {
    // What the document holds.
    var typeDefinitions: [DefinitionNode] = []
    var typeExtensions = TypeExtensionNodes()
    var directiveDefinitions: [DirectiveDefinitionNode] = []
    var directiveExtensions: [String: [DirectiveExtensionNode]] = [:]
    var schemaDefinition: SchemaDefinitionNode?
    var schemaExtensions: [SchemaExtensionNode] = []

    /// The named types of the new schema, in order: those of the old schema, then the new ones.
    var typeMap = OrderedDictionary<String, GraphQLNamedType>()
    /// What each name stands for once `typeMap` is complete (built-in types first, as `namedType` looks them up),
    /// with the non-null reference to it: one lookup per type reference, and no box for the most common one, `X!`.
    private var referencesByName: [String: (named: GraphQLType, nonNull: GraphQLType)] = [:]
    /// Names of the old schema's types that are copied rather than kept.
    var changedNames: Set<String> = []
    /// Names that the document defines (again, for those the old schema has).
    var redefinedNames: Set<String> = []

    private init() {}

    /// The configuration with the document applied, or nil when the document has nothing to apply.
    static func extend(_ config: SchemaConfig, with document: DocumentNode) throws(GraphQLSchemaError) -> SchemaConfig? {
        let extender = SchemaExtender()
        guard extender.collect(document) else { return nil }
        return try extender.apply(to: config)
    }

    /// Sorts the document's type system definitions; false when there are none.
    private func collect(_ document: DocumentNode) -> Bool {
        var changesSchema = false
        for definition in document.definitions {
            switch definition {
            case .operation, .fragment:
                continue
            case .schema(let node): schemaDefinition = node
            case .schemaExtension(let node): schemaExtensions.append(node)
            case .directive(let node): directiveDefinitions.append(node)
            case .directiveExtension(let node): directiveExtensions[node.name.value, default: []].append(node)
            case .scalarType, .objectType, .interfaceType, .unionType, .enumType, .inputObjectType:
                typeDefinitions.append(definition)
            case .scalarTypeExtension(let node): typeExtensions.scalar[node.name.value, default: []].append(node)
            case .objectTypeExtension(let node): typeExtensions.object[node.name.value, default: []].append(node)
            case .interfaceTypeExtension(let node): typeExtensions.interface[node.name.value, default: []].append(node)
            case .unionTypeExtension(let node): typeExtensions.union[node.name.value, default: []].append(node)
            case .enumTypeExtension(let node): typeExtensions.enumType[node.name.value, default: []].append(node)
            case .inputObjectTypeExtension(let node): typeExtensions.inputObject[node.name.value, default: []].append(node)
            }
            changesSchema = true
        }
        return changesSchema
    }

    private func apply(to config: SchemaConfig) throws(GraphQLSchemaError) -> SchemaConfig {
        redefinedNames = Set(typeDefinitions.map(typeDefinitionName))
        changedNames = namesOfTypesToCopy(config.types)

        // First every type of the new schema exists (without fields, members or values), so that references
        // between them, cycles included, can be resolved while filling them in.
        var copies: [(old: GraphQLNamedType, new: GraphQLNamedType)] = []
        for type in config.types {
            if changedNames.contains(type.name) && !redefinedNames.contains(type.name) {
                let copy = shallowCopy(of: type)
                copies.append((type, copy))
                typeMap[type.name] = copy
            } else {
                typeMap[type.name] = type
            }
        }
        var built: [(definition: DefinitionNode, type: GraphQLNamedType)] = []
        for definition in typeDefinitions {
            let name = typeDefinitionName(definition)
            if let standard = standardTypesByName[name] {
                typeMap[name] = standard
            } else {
                let type = makeNamedType(definition)
                built.append((definition, type))
                typeMap[name] = type
            }
        }

        referencesByName.reserveCapacity(typeMap.count + standardTypesByName.count)
        for (name, type) in typeMap { referencesByName[name] = (.named(type), .nonNull(.named(type))) }
        for (name, type) in standardTypesByName { referencesByName[name] = (.named(type), .nonNull(.named(type))) }

        for (old, new) in copies { try fillCopy(new, from: old) }
        for (definition, type) in built { try fillNamedType(type, from: definition) }

        var result = config
        result.query = try config.query.map { (type) throws(GraphQLSchemaError) in try namedType(type.name, nil) }
        result.mutation = try config.mutation.map { (type) throws(GraphQLSchemaError) in try namedType(type.name, nil) }
        result.subscription = try config.subscription.map { (type) throws(GraphQLSchemaError) in try namedType(type.name, nil) }
        // The schema definition's root types, then the schema extensions': later ones win.
        for operationType in (schemaDefinition?.operationTypes ?? []) + schemaExtensions.flatMap(\.operationTypes) {
            let root = try namedType(operationType.type.name.value, operationType.type)
            switch operationType.operation {
            case .query: result.query = root
            case .mutation: result.mutation = root
            case .subscription: result.subscription = root
            }
        }
        if let description = schemaDefinition?.description?.value { result.description = description }
        result.types = typeMap.values
        var directives: [GraphQLDirective] = []
        for directive in config.directives { directives.append(try extendedDirective(directive)) }
        for node in directiveDefinitions { directives.append(try makeDirective(node)) }
        result.directives = directives
        result.astNode = schemaDefinition ?? config.astNode
        result.extensionASTNodes = config.extensionASTNodes + schemaExtensions
        return result
    }

    // MARK: - Which types change

    /// The old types that the document extends or redefines, and every old type that refers to one of those,
    /// directly or through others. Built-in types never change.
    private func namesOfTypesToCopy(_ types: [GraphQLNamedType]) -> Set<String> {
        var pending: [String] = []
        var referrers: [String: [String]] = [:]
        for type in types where standardTypesByName[type.name] == nil {
            if typeExtensions.extend(type) || redefinedNames.contains(type.name) {
                pending.append(type.name)
            }
            forEachReferencedName(of: type) { referrers[$0, default: []].append(type.name) }
        }
        var changed = Set(pending)
        while let name = pending.popLast() {
            for referrer in referrers[name] ?? [] where changed.insert(referrer).inserted {
                pending.append(referrer)
            }
        }
        return changed
    }

    private func forEachReferencedName(of type: GraphQLNamedType, _ body: (String) -> Void) {
        switch type {
        case let object as GraphQLObjectType:
            for interface in object.interfaces { body(interface.name) }
            forEachReferencedName(of: object.fields, body)
        case let interface as GraphQLInterfaceType:
            for parent in interface.interfaces { body(parent.name) }
            forEachReferencedName(of: interface.fields, body)
        case let union as GraphQLUnionType:
            for member in union.types { body(member.name) }
        case let input as GraphQLInputObjectType:
            for field in input.fields.values { body(field.type.namedType.name) }
        default:
            break
        }
    }

    private func forEachReferencedName(of fields: OrderedDictionary<String, GraphQLField>, _ body: (String) -> Void) {
        for field in fields.values {
            body(field.type.namedType.name)
            for arg in field.args { body(arg.type.namedType.name) }
        }
    }

    private func refersToChangedType(_ type: GraphQLType) -> Bool {
        changedNames.contains(type.namedType.name)
    }

    // MARK: - Copies of old types

    /// A new type of the same kind and name with everything but its fields, interfaces, members and values.
    private func shallowCopy(of type: GraphQLNamedType) -> GraphQLNamedType {
        switch type {
        case let scalar as GraphQLScalarType:
            return GraphQLScalarType(
                name: scalar.name, description: scalar.description, specifiedByURL: scalar.specifiedByURL, astNode: scalar.astNode,
                extensionASTNodes: scalar.extensionASTNodes + (typeExtensions.scalar[scalar.name] ?? []), serialize: scalar.serialize,
                parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral)
        case let object as GraphQLObjectType:
            return GraphQLObjectType(
                name: object.name, description: object.description, astNode: object.astNode,
                extensionASTNodes: object.extensionASTNodes + (typeExtensions.object[object.name] ?? []), isTypeOf: object.isTypeOf)
        case let interface as GraphQLInterfaceType:
            return GraphQLInterfaceType(
                name: interface.name, description: interface.description, astNode: interface.astNode,
                extensionASTNodes: interface.extensionASTNodes + (typeExtensions.interface[interface.name] ?? []),
                resolveType: interface.resolveType)
        case let union as GraphQLUnionType:
            return GraphQLUnionType(
                name: union.name, description: union.description, astNode: union.astNode,
                extensionASTNodes: union.extensionASTNodes + (typeExtensions.union[union.name] ?? []), resolveType: union.resolveType)
        case let enumType as GraphQLEnumType:
            return GraphQLEnumType(
                name: enumType.name, description: enumType.description, astNode: enumType.astNode,
                extensionASTNodes: enumType.extensionASTNodes + (typeExtensions.enumType[enumType.name] ?? []))
        case let input as GraphQLInputObjectType:
            return GraphQLInputObjectType(
                name: input.name, description: input.description, isOneOf: input.isOneOf, astNode: input.astNode,
                extensionASTNodes: input.extensionASTNodes + (typeExtensions.inputObject[input.name] ?? []))
        default:
            return type
        }
    }

    /// Fills a copy with the old type's fields (re-pointed at the new schema's types) and the extensions'.
    private func fillCopy(_ copy: GraphQLNamedType, from old: GraphQLNamedType) throws(GraphQLSchemaError) {
        switch (copy, old) {
        case (let scalar as GraphQLScalarType, _):
            // A later extension's URL replaces an earlier one.
            for node in typeExtensions.scalar[scalar.name] ?? [] {
                if let url = try specifiedByURL(node.directives) { scalar.specifiedByURL = url }
            }
        case (let object as GraphQLObjectType, let oldObject as GraphQLObjectType):
            let extensions = typeExtensions.object[object.name] ?? []
            object.interfaces = try oldObject.interfaces.map { (i) throws(GraphQLSchemaError) in try sameNamed(i) }
                + interfaces(extensions.map(\.interfaces))
            object.fields = try copiedFields(oldObject.fields)
            try addFields(extensions.map(\.fields), to: &object.fields)
        case (let interface as GraphQLInterfaceType, let oldInterface as GraphQLInterfaceType):
            let extensions = typeExtensions.interface[interface.name] ?? []
            interface.interfaces = try oldInterface.interfaces.map { (i) throws(GraphQLSchemaError) in try sameNamed(i) }
                + interfaces(extensions.map(\.interfaces))
            interface.fields = try copiedFields(oldInterface.fields)
            try addFields(extensions.map(\.fields), to: &interface.fields)
        case (let union as GraphQLUnionType, let oldUnion as GraphQLUnionType):
            let extensions = typeExtensions.union[union.name] ?? []
            union.types = try oldUnion.types.map { (t) throws(GraphQLSchemaError) in try sameNamed(t) } + members(extensions.map(\.types))
        case (let enumType as GraphQLEnumType, let oldEnum as GraphQLEnumType):
            enumType.values = oldEnum.values
            try addEnumValues((typeExtensions.enumType[enumType.name] ?? []).map(\.values), to: &enumType.values)
        case (let input as GraphQLInputObjectType, let oldInput as GraphQLInputObjectType):
            var fields = OrderedDictionary<String, GraphQLInputField>(minimumCapacity: oldInput.fields.count)
            for (name, field) in oldInput.fields { fields[name] = try copiedInputValue(field) }
            try addInputFields((typeExtensions.inputObject[input.name] ?? []).map(\.fields), to: &fields)
            input.fields = fields
        default:
            break
        }
    }

    /// The new schema's type of the same name as `type`, which must be of the same kind.
    private func sameNamed<T: GraphQLNamedType>(_ type: T) throws(GraphQLSchemaError) -> T {
        guard let mapped = try namedType(type.name, nil) as? T else { return type }
        return mapped
    }

    private func copiedFields(_ fields: OrderedDictionary<String, GraphQLField>) throws(GraphQLSchemaError) -> OrderedDictionary<String, GraphQLField> {
        var copied = OrderedDictionary<String, GraphQLField>(minimumCapacity: fields.count)
        for (name, field) in fields {
            if !refersToChangedType(field.type) && !field.args.contains(where: { refersToChangedType($0.type) }) {
                copied[name] = field
                continue
            }
            var args: [GraphQLArgument] = []
            for arg in field.args { args.append(try copiedInputValue(arg)) }
            copied[name] = GraphQLField(
                name: field.name, type: try remapped(field.type), description: field.description, args: args,
                deprecationReason: field.deprecationReason, astNode: field.astNode, resolve: field.resolve,
                resolveBatch: field.resolveBatch)
        }
        return copied
    }

    private func copiedInputValue(_ value: GraphQLArgument) throws(GraphQLSchemaError) -> GraphQLArgument {
        var copy = value
        copy.type = try remapped(value.type)
        return copy
    }

    /// The same wrapping around the new schema's type of the same name.
    private func remapped(_ type: GraphQLType) throws(GraphQLSchemaError) -> GraphQLType {
        switch type {
        case .named(let named): return .named(try namedType(named.name, nil))
        case .list(let inner): return .list(try remapped(inner))
        case .nonNull(let inner): return .nonNull(try remapped(inner))
        }
    }

    // MARK: - Directives

    /// An old directive, copied when the document extends it or changes a type of its arguments.
    private func extendedDirective(_ directive: GraphQLDirective) throws(GraphQLSchemaError) -> GraphQLDirective {
        if specifiedDirectives.contains(where: { $0.name == directive.name }) { return directive }
        let extensions = directiveExtensions[directive.name] ?? []
        guard !extensions.isEmpty || directive.args.contains(where: { refersToChangedType($0.type) }) else { return directive }
        var args: [GraphQLArgument] = []
        for arg in directive.args { args.append(try copiedInputValue(arg)) }
        var reason = directive.deprecationReason
        for node in extensions where reason == nil {
            reason = try deprecationReason(node.directives)
        }
        return GraphQLDirective(
            name: directive.name, description: directive.description, locations: directive.locations, args: args,
            isRepeatable: directive.isRepeatable, deprecationReason: reason, astNode: directive.astNode)
    }

    // MARK: - Names

    /// The type a name stands for in the new schema: a built-in type first, as graphql-js looks them up.
    func namedType(_ name: String, _ node: (any Node)?) throws(GraphQLSchemaError) -> GraphQLNamedType {
        guard case .named(let type)? = reference(to: name)?.named else { throw unknownType(name, node) }
        return type
    }

    /// The references to the type a name stands for (see `referencesByName`), nil if the name is unknown.
    @inline(__always)
    func reference(to name: String) -> (named: GraphQLType, nonNull: GraphQLType)? {
        referencesByName[name]
    }

    func unknownType(_ name: String, _ node: (any Node)?) -> GraphQLSchemaError {
        GraphQLSchemaError(GraphQLError("Unknown type: '\(name)'.", nodes: node.map { [$0] } ?? []))
    }

    func typeDefinitionName(_ definition: DefinitionNode) -> String {
        switch definition {
        case .scalarType(let node): return node.name.value
        case .objectType(let node): return node.name.value
        case .interfaceType(let node): return node.name.value
        case .unionType(let node): return node.name.value
        case .enumType(let node): return node.name.value
        case .inputObjectType(let node): return node.name.value
        default: return ""
        }
    }
}
