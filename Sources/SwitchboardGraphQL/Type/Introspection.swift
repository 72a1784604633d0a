/// The introspection types and meta-fields (graphql-js `type/introspection`), with the descriptions
/// graphql-js 17 gives them. Their resolvers read the type system objects directly:
/// `__Schema` ← GraphQLSchema, `__Type` ← GraphQLType, `__Field` ← GraphQLField,
/// `__InputValue` ← GraphQLArgument, `__EnumValue` ← GraphQLEnumValue, `__Directive` ← GraphQLDirective.

private func includeDeprecatedArgument() -> GraphQLArgument {
    GraphQLArgument(name: "includeDeprecated", type: .nonNull(.named(GraphQLBoolean)), defaultValue: .boolean(false),
                    defaultValueLiteral: .boolean(BooleanValueNode(loc: nil, value: false)))
}

private func includeDeprecated(_ args: ArgumentValues) -> Bool {
    args["includeDeprecated"] == .boolean(true)
}

/// A field whose resolver reads its parent as `Parent`.
private func field<Parent>(
    _ name: String, _ type: GraphQLType, description: String? = nil, args: [GraphQLArgument] = [],
    _ resolve: @escaping @Sendable (Parent, ArgumentValues, ResolveInfo) -> (any Sendable)?
) -> (String, GraphQLField) {
    (name, GraphQLField(name: name, type: type, description: description, args: args, resolve: { source, args, _, info in
        guard let parent = source as? Parent else { return nil }
        return resolve(parent, args, info)
    }))
}

private func fields(_ list: [(String, GraphQLField)]) -> OrderedDictionary<String, GraphQLField> {
    var map = OrderedDictionary<String, GraphQLField>(minimumCapacity: list.count)
    for (name, f) in list { map[name] = f }
    return map
}

private func optionalString(_ s: String?) -> (any Sendable)? { s.map { GraphQLValue.string($0) } }

private func nonNullList(_ name: GraphQLNamedType) -> GraphQLType { .nonNull(.list(.nonNull(.named(name)))) }

public let introspectionTypeKindType = GraphQLEnumType(
    name: "__TypeKind",
    description: "An enum describing what kind of type a given `__Type` is.",
    values: [
        GraphQLEnumValue(name: "SCALAR", description: "Indicates this type is a scalar."),
        GraphQLEnumValue(name: "OBJECT", description: "Indicates this type is an object. `fields` and `interfaces` are valid fields."),
        GraphQLEnumValue(name: "INTERFACE", description: "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields."),
        GraphQLEnumValue(name: "UNION", description: "Indicates this type is a union. `possibleTypes` is a valid field."),
        GraphQLEnumValue(name: "ENUM", description: "Indicates this type is an enum. `enumValues` is a valid field."),
        GraphQLEnumValue(name: "INPUT_OBJECT", description: "Indicates this type is an input object. `inputFields` is a valid field."),
        GraphQLEnumValue(name: "LIST", description: "Indicates this type is a list. `ofType` is a valid field."),
        GraphQLEnumValue(name: "NON_NULL", description: "Indicates this type is a non-null. `ofType` is a valid field."),
    ]
)

private let directiveLocationDescriptions: [DirectiveLocation: String] = [
    .query: "Location adjacent to a query operation.",
    .mutation: "Location adjacent to a mutation operation.",
    .subscription: "Location adjacent to a subscription operation.",
    .field: "Location adjacent to a field.",
    .fragmentDefinition: "Location adjacent to a fragment definition.",
    .fragmentSpread: "Location adjacent to a fragment spread.",
    .inlineFragment: "Location adjacent to an inline fragment.",
    .variableDefinition: "Location adjacent to an operation variable definition.",
    .fragmentVariableDefinition: "Location adjacent to a fragment variable definition.",
    .schema: "Location adjacent to a schema definition.",
    .scalar: "Location adjacent to a scalar definition.",
    .object: "Location adjacent to an object type definition.",
    .fieldDefinition: "Location adjacent to a field definition.",
    .argumentDefinition: "Location adjacent to an argument definition.",
    .interface: "Location adjacent to an interface definition.",
    .union: "Location adjacent to a union definition.",
    .enumType: "Location adjacent to an enum definition.",
    .enumValue: "Location adjacent to an enum value definition.",
    .inputObject: "Location adjacent to an input object type definition.",
    .inputFieldDefinition: "Location adjacent to an input object field definition.",
    .directiveDefinition: "Location adjacent to a directive definition.",
]

public let introspectionDirectiveLocationType = GraphQLEnumType(
    name: "__DirectiveLocation",
    description: "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.",
    values: DirectiveLocation.allCases.map { GraphQLEnumValue(name: $0.rawValue, description: directiveLocationDescriptions[$0]) }
)

public let introspectionSchemaType = GraphQLObjectType(
    name: "__Schema",
    description: "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations."
)

public let introspectionTypeType = GraphQLObjectType(
    name: "__Type",
    description: "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types."
)

public let introspectionFieldType = GraphQLObjectType(
    name: "__Field",
    description: "Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type."
)

public let introspectionInputValueType = GraphQLObjectType(
    name: "__InputValue",
    description: "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value."
)

public let introspectionEnumValueType = GraphQLObjectType(
    name: "__EnumValue",
    description: "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string."
)

public let introspectionDirectiveType = GraphQLObjectType(
    name: "__Directive",
    description: "A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor."
)

/// Every introspection type, in graphql-js's order.
public let introspectionTypes: [GraphQLNamedType] = {
    defineIntrospectionFields()
    return [
        introspectionSchemaType, introspectionDirectiveType, introspectionDirectiveLocationType, introspectionTypeType,
        introspectionFieldType, introspectionInputValueType, introspectionEnumValueType, introspectionTypeKindType,
    ]
}()

/// Fills in the fields of the introspection object types; they refer to each other, so they are made first.
private func defineIntrospectionFields() {
    let typeRef: GraphQLType = .named(introspectionTypeType)
    let string: GraphQLType = .named(GraphQLString)
    let nonNullString: GraphQLType = .nonNull(string)
    let nonNullBoolean: GraphQLType = .nonNull(.named(GraphQLBoolean))

    introspectionSchemaType.fields = fields([
        field("description", string) { (s: GraphQLSchema, _, _) in optionalString(s.description) },
        field("types", nonNullList(introspectionTypeType), description: "A list of all types supported by this server.") { (s: GraphQLSchema, _, _) in
            s.typeMap.values.map { GraphQLType.named($0) }
        },
        field("queryType", .nonNull(typeRef), description: "The type that query operations will be rooted at.") { (s: GraphQLSchema, _, _) in
            s.queryType.map { GraphQLType.named($0) }
        },
        field("mutationType", typeRef, description: "If this server supports mutation, the type that mutation operations will be rooted at.") { (s: GraphQLSchema, _, _) in
            s.mutationType.map { GraphQLType.named($0) }
        },
        field("subscriptionType", typeRef, description: "If this server supports subscription, the type that subscription operations will be rooted at.") { (s: GraphQLSchema, _, _) in
            s.subscriptionType.map { GraphQLType.named($0) }
        },
        field("directives", nonNullList(introspectionDirectiveType), description: "A list of all directives supported by this server.", args: [includeDeprecatedArgument()]) { (s: GraphQLSchema, args, _) in
            includeDeprecated(args) ? s.directives : s.directives.filter { $0.deprecationReason == nil }
        },
    ])

    introspectionTypeType.fields = fields([
        field("kind", .nonNull(.named(introspectionTypeKindType))) { (t: GraphQLType, _, _) in
            switch t {
            case .list: return GraphQLValue.string(TypeKind.list.rawValue)
            case .nonNull: return GraphQLValue.string(TypeKind.nonNull.rawValue)
            case .named(let named): return GraphQLValue.string(named.kind.rawValue)
            }
        },
        field("name", string) { (t: GraphQLType, _, _) in
            if case .named(let named) = t { return GraphQLValue.string(named.name) }
            return nil
        },
        field("description", string) { (t: GraphQLType, _, _) in
            if case .named(let named) = t { return optionalString(named.description) }
            return nil
        },
        field("specifiedByURL", string) { (t: GraphQLType, _, _) in
            if case .named(let scalar as GraphQLScalarType) = t { return optionalString(scalar.specifiedByURL) }
            return nil
        },
        field("fields", .list(.nonNull(.named(introspectionFieldType))), args: [includeDeprecatedArgument()]) { (t: GraphQLType, args, _) in
            let all: OrderedDictionary<String, GraphQLField>
            switch t {
            case .named(let object as GraphQLObjectType): all = object.fields
            case .named(let interface as GraphQLInterfaceType): all = interface.fields
            default: return nil
            }
            return includeDeprecated(args) ? all.values : all.values.filter { $0.deprecationReason == nil }
        },
        field("interfaces", .list(.nonNull(typeRef))) { (t: GraphQLType, _, _) in
            switch t {
            case .named(let object as GraphQLObjectType): return object.interfaces.map { GraphQLType.named($0) }
            case .named(let interface as GraphQLInterfaceType): return interface.interfaces.map { GraphQLType.named($0) }
            default: return nil
            }
        },
        field("possibleTypes", .list(.nonNull(typeRef))) { (t: GraphQLType, _, info) in
            guard case .named(let named) = t, named.isAbstract else { return nil }
            return info.schema.possibleTypes(of: named).map { GraphQLType.named($0) }
        },
        field("enumValues", .list(.nonNull(.named(introspectionEnumValueType))), args: [includeDeprecatedArgument()]) { (t: GraphQLType, args, _) in
            guard case .named(let enumType as GraphQLEnumType) = t else { return nil }
            return includeDeprecated(args) ? enumType.values : enumType.values.filter { $0.deprecationReason == nil }
        },
        field("inputFields", .list(.nonNull(.named(introspectionInputValueType))), args: [includeDeprecatedArgument()]) { (t: GraphQLType, args, _) in
            guard case .named(let input as GraphQLInputObjectType) = t else { return nil }
            return includeDeprecated(args) ? input.fields.values : input.fields.values.filter { $0.deprecationReason == nil }
        },
        field("ofType", typeRef) { (t: GraphQLType, _, _) in
            switch t {
            case .list(let inner), .nonNull(let inner): return inner
            case .named: return nil
            }
        },
        field("isOneOf", .named(GraphQLBoolean)) { (t: GraphQLType, _, _) in
            if case .named(let input as GraphQLInputObjectType) = t { return GraphQLValue.boolean(input.isOneOf) }
            return nil
        },
    ])

    introspectionFieldType.fields = fields([
        field("name", nonNullString) { (f: GraphQLField, _, _) in GraphQLValue.string(f.name) },
        field("description", string) { (f: GraphQLField, _, _) in optionalString(f.description) },
        field("args", nonNullList(introspectionInputValueType), args: [includeDeprecatedArgument()]) { (f: GraphQLField, args, _) in
            includeDeprecated(args) ? f.args : f.args.filter { $0.deprecationReason == nil }
        },
        field("type", .nonNull(typeRef)) { (f: GraphQLField, _, _) in f.type },
        field("isDeprecated", nonNullBoolean) { (f: GraphQLField, _, _) in GraphQLValue.boolean(f.deprecationReason != nil) },
        field("deprecationReason", string) { (f: GraphQLField, _, _) in optionalString(f.deprecationReason) },
    ])

    introspectionInputValueType.fields = fields([
        field("name", nonNullString) { (a: GraphQLArgument, _, _) in GraphQLValue.string(a.name) },
        field("description", string) { (a: GraphQLArgument, _, _) in optionalString(a.description) },
        field("type", .nonNull(typeRef)) { (a: GraphQLArgument, _, _) in a.type },
        field("defaultValue", string, description: "A GraphQL-formatted string representing the default value for this input value.") { (a: GraphQLArgument, _, _) in
            defaultValueAST(a).map { GraphQLValue.string(printAST($0)) }
        },
        field("isDeprecated", nonNullBoolean) { (a: GraphQLArgument, _, _) in GraphQLValue.boolean(a.deprecationReason != nil) },
        field("deprecationReason", string) { (a: GraphQLArgument, _, _) in optionalString(a.deprecationReason) },
    ])

    introspectionEnumValueType.fields = fields([
        field("name", nonNullString) { (v: GraphQLEnumValue, _, _) in GraphQLValue.string(v.name) },
        field("description", string) { (v: GraphQLEnumValue, _, _) in optionalString(v.description) },
        field("isDeprecated", nonNullBoolean) { (v: GraphQLEnumValue, _, _) in GraphQLValue.boolean(v.deprecationReason != nil) },
        field("deprecationReason", string) { (v: GraphQLEnumValue, _, _) in optionalString(v.deprecationReason) },
    ])

    introspectionDirectiveType.fields = fields([
        field("name", nonNullString) { (d: GraphQLDirective, _, _) in GraphQLValue.string(d.name) },
        field("description", string) { (d: GraphQLDirective, _, _) in optionalString(d.description) },
        field("isRepeatable", nonNullBoolean) { (d: GraphQLDirective, _, _) in GraphQLValue.boolean(d.isRepeatable) },
        field("locations", nonNullList(introspectionDirectiveLocationType)) { (d: GraphQLDirective, _, _) in
            d.locations.map { GraphQLValue.string($0.rawValue) }
        },
        field("args", nonNullList(introspectionInputValueType), args: [includeDeprecatedArgument()]) { (d: GraphQLDirective, args, _) in
            includeDeprecated(args) ? d.args : d.args.filter { $0.deprecationReason == nil }
        },
        field("isDeprecated", nonNullBoolean) { (d: GraphQLDirective, _, _) in GraphQLValue.boolean(d.deprecationReason != nil) },
        field("deprecationReason", string) { (d: GraphQLDirective, _, _) in optionalString(d.deprecationReason) },
    ])
}

// MARK: - Meta-fields

/// `__schema: __Schema!`, available on the query root.
public let schemaMetaFieldDefinition = GraphQLField(
    name: "__schema", type: .nonNull(.named(introspectionSchemaType)),
    description: "Access the current type schema of this server.",
    resolve: { _, _, _, info in info.schema }
)

/// `__type(name: String!): __Type`, available on the query root.
public let typeMetaFieldDefinition = GraphQLField(
    name: "__type", type: .named(introspectionTypeType),
    description: "Request the type information of a single type.",
    args: [GraphQLArgument(name: "name", type: .nonNull(.named(GraphQLString)))],
    resolve: { _, args, _, info in
        guard case .string(let name)? = args["name"], let type = info.schema.type(named: name) else { return nil }
        return GraphQLType.named(type)
    }
)

/// `__typename: String!`, available on every object, interface and union.
public let typeNameMetaFieldDefinition = GraphQLField(
    name: "__typename", type: .nonNull(.named(GraphQLString)),
    description: "The name of the current Object type at runtime.",
    resolve: { _, _, _, info in GraphQLValue.string(info.parentType.name) }
)
