/// The type system, following graphql-js `type/definition`.
///
/// Named types are classes because a schema is a graph with cycles (a `User` has `friends: [User]`).
/// They are mutable only while a schema is being built (see `buildASTSchema`) and frozen once a
/// `GraphQLSchema` holds them; that is why they are `@unchecked Sendable`. Resolvers may be bound after
/// building, before the schema serves its first request.

// MARK: - Type references

/// A type as fields and arguments use it: a named type, possibly wrapped in lists and non-null.
///
/// Only the wrappers are boxed: a named type is a reference already, and a box for it would cost an
/// allocation for every field and argument of a schema.
public enum GraphQLType: Sendable, CustomStringConvertible {
    case named(GraphQLNamedType)
    indirect case list(GraphQLType)
    indirect case nonNull(GraphQLType)

    /// The named type inside any wrappers (graphql-js `getNamedType`).
    public var namedType: GraphQLNamedType {
        switch self {
        case .named(let t): return t
        case .list(let t), .nonNull(let t): return t.namedType
        }
    }

    /// This type without its outer non-null (graphql-js `getNullableType`).
    public var nullableType: GraphQLType {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    public var isList: Bool {
        if case .list = self { return true }
        return false
    }

    /// A scalar or an enum, possibly wrapped.
    public var isLeafType: Bool { namedType.isLeaf }
    public var isInputType: Bool { namedType.isInput }
    public var isOutputType: Bool { namedType.isOutput }

    /// The type as SDL writes it: `[String!]!`.
    public var description: String {
        switch self {
        case .named(let t): return t.name
        case .list(let t): return "[\(t)]"
        case .nonNull(let t): return "\(t)!"
        }
    }
}

extension GraphQLType: Equatable {
    /// Two references are equal when they wrap the same named type the same way (graphql-js `isEqualType`).
    public static func == (a: GraphQLType, b: GraphQLType) -> Bool {
        switch (a, b) {
        case (.named(let x), .named(let y)): return x === y
        case (.list(let x), .list(let y)), (.nonNull(let x), .nonNull(let y)): return x == y
        default: return false
        }
    }
}

// MARK: - Named types

/// What every named type shares. Only the six final subclasses below exist.
public class GraphQLNamedType: @unchecked Sendable {
    public let name: String
    public var description: String?

    init(name: String, description: String?) {
        self.name = name
        self.description = description
    }

    /// Scalars and enums.
    public var isLeaf: Bool { self is GraphQLScalarType || self is GraphQLEnumType }
    /// Objects, interfaces and unions.
    public var isComposite: Bool { self is GraphQLObjectType || self is GraphQLInterfaceType || self is GraphQLUnionType }
    /// Interfaces and unions.
    public var isAbstract: Bool { self is GraphQLInterfaceType || self is GraphQLUnionType }
    public var isInput: Bool { self is GraphQLScalarType || self is GraphQLEnumType || self is GraphQLInputObjectType }
    public var isOutput: Bool { !(self is GraphQLInputObjectType) }

    /// The `__TypeKind` of this type.
    public var kind: TypeKind {
        switch self {
        case is GraphQLScalarType: return .scalar
        case is GraphQLObjectType: return .object
        case is GraphQLInterfaceType: return .interface
        case is GraphQLUnionType: return .union
        case is GraphQLEnumType: return .enum
        default: return .inputObject
        }
    }

    /// Names that start with `__` belong to introspection.
    public var isIntrospectionType: Bool { name.hasPrefix("__") }
}

/// The kinds of types, as `__TypeKind` names them.
public enum TypeKind: String, Sendable, CaseIterable {
    case scalar = "SCALAR"
    case object = "OBJECT"
    case interface = "INTERFACE"
    case union = "UNION"
    case `enum` = "ENUM"
    case inputObject = "INPUT_OBJECT"
    case list = "LIST"
    case nonNull = "NON_NULL"
}

public final class GraphQLScalarType: GraphQLNamedType, @unchecked Sendable {
    public var specifiedByURL: String?
    public var astNode: ScalarTypeDefinitionNode?
    public var extensionASTNodes: [ScalarTypeExtensionNode]
    /// Result coercion: a resolver's value to a response value. Throws `GraphQLError` with graphql-js's message.
    public var serialize: @Sendable (any Sendable) throws -> GraphQLValue
    /// Input coercion of a variable's value.
    public var parseValue: @Sendable (GraphQLValue) throws -> GraphQLValue
    /// Input coercion of a literal; variables in it are already known (graphql-js passes them for custom scalars).
    public var parseLiteral: @Sendable (ValueNode, [String: GraphQLValue]?) throws -> GraphQLValue

    public init(
        name: String,
        description: String? = nil,
        specifiedByURL: String? = nil,
        astNode: ScalarTypeDefinitionNode? = nil,
        extensionASTNodes: [ScalarTypeExtensionNode] = [],
        serialize: (@Sendable (any Sendable) throws -> GraphQLValue)? = nil,
        parseValue: (@Sendable (GraphQLValue) throws -> GraphQLValue)? = nil,
        parseLiteral: (@Sendable (ValueNode, [String: GraphQLValue]?) throws -> GraphQLValue)? = nil
    ) {
        self.specifiedByURL = specifiedByURL
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        // A custom scalar without functions passes values through, as graphql-js does.
        self.serialize = serialize ?? { value in try GraphQLValue.fromResolved(value) }
        self.parseValue = parseValue ?? { $0 }
        self.parseLiteral = parseLiteral ?? { node, variables in try valueFromASTUntyped(node, variables: variables) }
        super.init(name: name, description: description)
    }
}

public final class GraphQLObjectType: GraphQLNamedType, @unchecked Sendable {
    public var fields: OrderedDictionary<String, GraphQLField>
    public var interfaces: [GraphQLInterfaceType]
    public var astNode: ObjectTypeDefinitionNode?
    public var extensionASTNodes: [ObjectTypeExtensionNode]
    /// Decides whether a value is of this type when an abstract type has no `resolveType`.
    public var isTypeOf: (@Sendable (any Sendable) -> Bool)?

    public init(
        name: String,
        description: String? = nil,
        fields: OrderedDictionary<String, GraphQLField> = [:],
        interfaces: [GraphQLInterfaceType] = [],
        astNode: ObjectTypeDefinitionNode? = nil,
        extensionASTNodes: [ObjectTypeExtensionNode] = [],
        isTypeOf: (@Sendable (any Sendable) -> Bool)? = nil
    ) {
        self.fields = fields
        self.interfaces = interfaces
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        self.isTypeOf = isTypeOf
        super.init(name: name, description: description)
    }
}

public final class GraphQLInterfaceType: GraphQLNamedType, @unchecked Sendable {
    public var fields: OrderedDictionary<String, GraphQLField>
    public var interfaces: [GraphQLInterfaceType]
    public var astNode: InterfaceTypeDefinitionNode?
    public var extensionASTNodes: [InterfaceTypeExtensionNode]
    public var resolveType: TypeResolver?

    public init(
        name: String,
        description: String? = nil,
        fields: OrderedDictionary<String, GraphQLField> = [:],
        interfaces: [GraphQLInterfaceType] = [],
        astNode: InterfaceTypeDefinitionNode? = nil,
        extensionASTNodes: [InterfaceTypeExtensionNode] = [],
        resolveType: TypeResolver? = nil
    ) {
        self.fields = fields
        self.interfaces = interfaces
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        self.resolveType = resolveType
        super.init(name: name, description: description)
    }
}

public final class GraphQLUnionType: GraphQLNamedType, @unchecked Sendable {
    public var types: [GraphQLObjectType]
    public var astNode: UnionTypeDefinitionNode?
    public var extensionASTNodes: [UnionTypeExtensionNode]
    public var resolveType: TypeResolver?

    public init(
        name: String,
        description: String? = nil,
        types: [GraphQLObjectType] = [],
        astNode: UnionTypeDefinitionNode? = nil,
        extensionASTNodes: [UnionTypeExtensionNode] = [],
        resolveType: TypeResolver? = nil
    ) {
        self.types = types
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        self.resolveType = resolveType
        super.init(name: name, description: description)
    }
}

public final class GraphQLEnumType: GraphQLNamedType, @unchecked Sendable {
    public var values: [GraphQLEnumValue]
    public var astNode: EnumTypeDefinitionNode?
    public var extensionASTNodes: [EnumTypeExtensionNode]

    public init(
        name: String,
        description: String? = nil,
        values: [GraphQLEnumValue] = [],
        astNode: EnumTypeDefinitionNode? = nil,
        extensionASTNodes: [EnumTypeExtensionNode] = []
    ) {
        self.values = values
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        super.init(name: name, description: description)
    }

    public func value(named name: String) -> GraphQLEnumValue? {
        values.first { $0.name == name }
    }
}

public final class GraphQLInputObjectType: GraphQLNamedType, @unchecked Sendable {
    public var fields: OrderedDictionary<String, GraphQLInputField>
    /// `@oneOf`: exactly one field must be given, and it must not be null.
    public var isOneOf: Bool
    public var astNode: InputObjectTypeDefinitionNode?
    public var extensionASTNodes: [InputObjectTypeExtensionNode]

    public init(
        name: String,
        description: String? = nil,
        fields: OrderedDictionary<String, GraphQLInputField> = [:],
        isOneOf: Bool = false,
        astNode: InputObjectTypeDefinitionNode? = nil,
        extensionASTNodes: [InputObjectTypeExtensionNode] = []
    ) {
        self.fields = fields
        self.isOneOf = isOneOf
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        super.init(name: name, description: description)
    }
}

// MARK: - Fields, arguments, values

/// A field of an object or interface type. A class so that resolvers can be bound to a built schema.
public final class GraphQLField: @unchecked Sendable {
    public let name: String
    public var description: String?
    public var type: GraphQLType
    public var args: [GraphQLArgument]
    public var deprecationReason: String?
    public var astNode: FieldDefinitionNode?
    /// Resolves the field for one parent value. Nil: the default resolver (a property of the parent).
    public var resolve: FieldResolver?
    /// Resolves the field for all parent values of one level at once (one load per level, not per row).
    /// When set, the executor prefers it over `resolve`.
    public var resolveBatch: BatchFieldResolver?

    public init(
        name: String,
        type: GraphQLType,
        description: String? = nil,
        args: [GraphQLArgument] = [],
        deprecationReason: String? = nil,
        astNode: FieldDefinitionNode? = nil,
        resolve: FieldResolver? = nil,
        resolveBatch: BatchFieldResolver? = nil
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.args = args
        self.deprecationReason = deprecationReason
        self.astNode = astNode
        self.resolve = resolve
        self.resolveBatch = resolveBatch
    }

    public func argument(named name: String) -> GraphQLArgument? {
        args.first { $0.name == name }
    }
}

/// An argument of a field or directive.
public struct GraphQLArgument: Sendable {
    public var name: String
    public var description: String?
    public var type: GraphQLType
    /// The coerced default value; nil means no default (graphql-js `undefined`), `.null` a default of null.
    /// For a schema built from SDL it is the coerced `defaultValueLiteral`.
    public var defaultValue: GraphQLValue?
    /// The default as the SDL wrote it. Printing and introspection show this literal when there is one
    /// (graphql-js 17 keeps defaults as literals), and otherwise `astFromValue(defaultValue)`.
    public var defaultValueLiteral: ValueNode?
    public var deprecationReason: String?
    public var astNode: InputValueDefinitionNode?

    public init(name: String, type: GraphQLType, description: String? = nil, defaultValue: GraphQLValue? = nil,
                defaultValueLiteral: ValueNode? = nil, deprecationReason: String? = nil, astNode: InputValueDefinitionNode? = nil) {
        self.name = name
        self.type = type
        self.description = description
        self.defaultValue = defaultValue
        self.defaultValueLiteral = defaultValueLiteral
        self.deprecationReason = deprecationReason
        self.astNode = astNode
    }
}

/// A field of an input object type; the same shape as an argument.
public typealias GraphQLInputField = GraphQLArgument

public struct GraphQLEnumValue: Sendable {
    public var name: String
    public var description: String?
    /// The value resolvers see for this enum value; its name unless a schema says otherwise.
    public var value: GraphQLValue
    public var deprecationReason: String?
    public var astNode: EnumValueDefinitionNode?

    public init(name: String, description: String? = nil, value: GraphQLValue? = nil, deprecationReason: String? = nil,
                astNode: EnumValueDefinitionNode? = nil) {
        self.name = name
        self.description = description
        self.value = value ?? .string(name)
        self.deprecationReason = deprecationReason
        self.astNode = astNode
    }
}

// MARK: - Resolvers

/// The arguments of a field after coercion, in the order the schema defines them.
public typealias ArgumentValues = OrderedDictionary<String, GraphQLValue>

/// Resolves one field on one parent value. Return nil for null.
public typealias FieldResolver = @Sendable (
    _ source: any Sendable, _ args: ArgumentValues, _ context: any Sendable, _ info: ResolveInfo
) async throws -> (any Sendable)?

/// Resolves one field on every parent value of a level at once; returns one result per source, in order.
public typealias BatchFieldResolver = @Sendable (
    _ sources: [any Sendable], _ args: ArgumentValues, _ context: any Sendable, _ info: ResolveInfo
) async throws -> [(any Sendable)?]

/// Names the concrete object type of a value of an abstract type.
public typealias TypeResolver = @Sendable (
    _ value: any Sendable, _ context: any Sendable, _ info: ResolveInfo
) async throws -> String?

/// What a resolver knows about where it runs (graphql-js `GraphQLResolveInfo`).
///
/// Everything but the path is the same for every parent of a field at one place in the response, so it is
/// shared (one reference to copy per resolver call), and the path is made into an array only when read.
public struct ResolveInfo: Sendable {
    /// What all the calls of one field at one place in the response share.
    final class Shared: Sendable {
        let fieldName: String
        let fieldNodes: [FieldNode]
        let returnType: GraphQLType
        let parentType: GraphQLObjectType
        let schema: GraphQLSchema
        let fragments: [String: FragmentDefinitionNode]
        let rootValue: any Sendable
        let operation: OperationDefinitionNode
        let variableValues: [String: GraphQLValue]

        init(fieldName: String, fieldNodes: [FieldNode], returnType: GraphQLType, parentType: GraphQLObjectType,
             schema: GraphQLSchema, fragments: [String: FragmentDefinitionNode], rootValue: any Sendable,
             operation: OperationDefinitionNode, variableValues: [String: GraphQLValue]) {
            self.fieldName = fieldName
            self.fieldNodes = fieldNodes
            self.returnType = returnType
            self.parentType = parentType
            self.schema = schema
            self.fragments = fragments
            self.rootValue = rootValue
            self.operation = operation
            self.variableValues = variableValues
        }
    }

    let shared: Shared
    /// The path of the parent object (nil at the root), and the field's response key.
    let parentPath: ResponsePath?
    let key: PathComponent

    public var fieldName: String { shared.fieldName }
    public var fieldNodes: [FieldNode] { shared.fieldNodes }
    public var returnType: GraphQLType { shared.returnType }
    public var parentType: GraphQLObjectType { shared.parentType }
    /// The response path of the field. For a batch resolver: the path of the first source's field.
    public var path: [PathComponent] {
        var components = ResponsePath.components(parentPath)
        components.append(key)
        return components
    }
    public var schema: GraphQLSchema { shared.schema }
    public var fragments: [String: FragmentDefinitionNode] { shared.fragments }
    public var rootValue: any Sendable { shared.rootValue }
    public var operation: OperationDefinitionNode { shared.operation }
    public var variableValues: [String: GraphQLValue] { shared.variableValues }

    init(shared: Shared, parentPath: ResponsePath?, key: PathComponent) {
        self.shared = shared
        self.parentPath = parentPath
        self.key = key
    }

    public init(fieldName: String, fieldNodes: [FieldNode], returnType: GraphQLType, parentType: GraphQLObjectType,
                path: [PathComponent], schema: GraphQLSchema, fragments: [String: FragmentDefinitionNode],
                rootValue: any Sendable, operation: OperationDefinitionNode, variableValues: [String: GraphQLValue]) {
        self.shared = Shared(fieldName: fieldName, fieldNodes: fieldNodes, returnType: returnType, parentType: parentType,
                             schema: schema, fragments: fragments, rootValue: rootValue, operation: operation,
                             variableValues: variableValues)
        var parent: ResponsePath?
        for component in path.dropLast() { parent = ResponsePath(parent, component) }
        self.parentPath = parent
        self.key = path.last ?? .key(fieldName)
    }
}
