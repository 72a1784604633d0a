/// The abstract syntax tree of GraphQL documents, following graphql-js `language/ast` name for name.
///
/// Nodes are value types. Unions of node kinds (definitions, selections, values, types) are enums.
/// `loc` is nil only for nodes made by code rather than parsed; a node's identity within one parsed
/// document is its `loc.start` offset (validation rules that memoize by node use it).

/// Anything with a source location.
public protocol Node: Sendable {
    var loc: Location? { get }
}

public struct NameNode: Node, Hashable {
    public var loc: Location?
    public var value: String
    public init(loc: Location? = nil, value: String) {
        self.loc = loc
        self.value = value
    }
    public static func == (a: NameNode, b: NameNode) -> Bool { a.value == b.value }
    public func hash(into h: inout Hasher) { h.combine(value) }
}

// MARK: - Document

public struct DocumentNode: Node {
    public var loc: Location?
    public var definitions: [DefinitionNode]
    /// How many tokens the lexer read (for limits and benchmarks).
    public var tokenCount: Int
    public init(loc: Location? = nil, definitions: [DefinitionNode], tokenCount: Int = 0) {
        self.loc = loc
        self.definitions = definitions
        self.tokenCount = tokenCount
    }
}

public enum DefinitionNode: Node {
    // Executable
    case operation(OperationDefinitionNode)
    case fragment(FragmentDefinitionNode)
    // Type system
    case schema(SchemaDefinitionNode)
    case scalarType(ScalarTypeDefinitionNode)
    case objectType(ObjectTypeDefinitionNode)
    case interfaceType(InterfaceTypeDefinitionNode)
    case unionType(UnionTypeDefinitionNode)
    case enumType(EnumTypeDefinitionNode)
    case inputObjectType(InputObjectTypeDefinitionNode)
    case directive(DirectiveDefinitionNode)
    // Type system extensions
    case schemaExtension(SchemaExtensionNode)
    case scalarTypeExtension(ScalarTypeExtensionNode)
    case objectTypeExtension(ObjectTypeExtensionNode)
    case interfaceTypeExtension(InterfaceTypeExtensionNode)
    case unionTypeExtension(UnionTypeExtensionNode)
    case enumTypeExtension(EnumTypeExtensionNode)
    case inputObjectTypeExtension(InputObjectTypeExtensionNode)
    case directiveExtension(DirectiveExtensionNode)

    public var loc: Location? { node.loc }

    /// The wrapped node.
    public var node: any Node {
        switch self {
        case .operation(let n): return n
        case .fragment(let n): return n
        case .schema(let n): return n
        case .scalarType(let n): return n
        case .objectType(let n): return n
        case .interfaceType(let n): return n
        case .unionType(let n): return n
        case .enumType(let n): return n
        case .inputObjectType(let n): return n
        case .directive(let n): return n
        case .schemaExtension(let n): return n
        case .scalarTypeExtension(let n): return n
        case .objectTypeExtension(let n): return n
        case .interfaceTypeExtension(let n): return n
        case .unionTypeExtension(let n): return n
        case .enumTypeExtension(let n): return n
        case .inputObjectTypeExtension(let n): return n
        case .directiveExtension(let n): return n
        }
    }

    public var isExecutable: Bool {
        switch self {
        case .operation, .fragment: return true
        default: return false
        }
    }
}

// MARK: - Executable definitions

public enum OperationType: String, Sendable, Hashable, CaseIterable {
    case query, mutation, subscription
}

public struct OperationDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var operation: OperationType
    public var name: NameNode?
    public var variableDefinitions: [VariableDefinitionNode]
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode
    public init(loc: Location? = nil, description: StringValueNode? = nil, operation: OperationType, name: NameNode? = nil,
                variableDefinitions: [VariableDefinitionNode] = [], directives: [DirectiveNode] = [], selectionSet: SelectionSetNode) {
        self.loc = loc
        self.description = description
        self.operation = operation
        self.name = name
        self.variableDefinitions = variableDefinitions
        self.directives = directives
        self.selectionSet = selectionSet
    }
}

public struct VariableDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var variable: VariableNode
    public var type: TypeNode
    public var defaultValue: ValueNode?
    public var directives: [DirectiveNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, variable: VariableNode, type: TypeNode,
                defaultValue: ValueNode? = nil, directives: [DirectiveNode] = []) {
        self.loc = loc
        self.description = description
        self.variable = variable
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
    }
}

public struct VariableNode: Node {
    public var loc: Location?
    public var name: NameNode
    public init(loc: Location? = nil, name: NameNode) {
        self.loc = loc
        self.name = name
    }
}

public struct SelectionSetNode: Node {
    public var loc: Location?
    public var selections: [SelectionNode]
    public init(loc: Location? = nil, selections: [SelectionNode]) {
        self.loc = loc
        self.selections = selections
    }
}

public enum SelectionNode: Node {
    case field(FieldNode)
    case fragmentSpread(FragmentSpreadNode)
    case inlineFragment(InlineFragmentNode)

    public var loc: Location? {
        switch self {
        case .field(let n): return n.loc
        case .fragmentSpread(let n): return n.loc
        case .inlineFragment(let n): return n.loc
        }
    }

    public var directives: [DirectiveNode] {
        switch self {
        case .field(let n): return n.directives
        case .fragmentSpread(let n): return n.directives
        case .inlineFragment(let n): return n.directives
        }
    }
}

public struct FieldNode: Node {
    public var loc: Location?
    public var alias: NameNode?
    public var name: NameNode
    public var arguments: [ArgumentNode]
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode?
    public init(loc: Location? = nil, alias: NameNode? = nil, name: NameNode, arguments: [ArgumentNode] = [],
                directives: [DirectiveNode] = [], selectionSet: SelectionSetNode? = nil) {
        self.loc = loc
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
    }
    /// The key of this field in the response: its alias, or else its name.
    public var responseKey: String { alias?.value ?? name.value }
}

public struct ArgumentNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var value: ValueNode
    public init(loc: Location? = nil, name: NameNode, value: ValueNode) {
        self.loc = loc
        self.name = name
        self.value = value
    }
}

public struct FragmentSpreadNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.loc = loc
        self.name = name
        self.directives = directives
    }
}

public struct InlineFragmentNode: Node {
    public var loc: Location?
    public var typeCondition: NamedTypeNode?
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode
    public init(loc: Location? = nil, typeCondition: NamedTypeNode? = nil, directives: [DirectiveNode] = [], selectionSet: SelectionSetNode) {
        self.loc = loc
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
    }
}

public struct FragmentDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var typeCondition: NamedTypeNode
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, typeCondition: NamedTypeNode,
                directives: [DirectiveNode] = [], selectionSet: SelectionSetNode) {
        self.loc = loc
        self.description = description
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
    }
}

// MARK: - Values

public indirect enum ValueNode: Node {
    case variable(VariableNode)
    case int(IntValueNode)
    case float(FloatValueNode)
    case string(StringValueNode)
    case boolean(BooleanValueNode)
    case null(NullValueNode)
    case enumValue(EnumValueNode)
    case list(ListValueNode)
    case object(ObjectValueNode)

    public var loc: Location? {
        switch self {
        case .variable(let n): return n.loc
        case .int(let n): return n.loc
        case .float(let n): return n.loc
        case .string(let n): return n.loc
        case .boolean(let n): return n.loc
        case .null(let n): return n.loc
        case .enumValue(let n): return n.loc
        case .list(let n): return n.loc
        case .object(let n): return n.loc
        }
    }
}

public struct IntValueNode: Node {
    public var loc: Location?
    /// The literal as written (it may not fit in 32 bits; coercion decides).
    public var value: String
    public init(loc: Location? = nil, value: String) {
        self.loc = loc
        self.value = value
    }
}

public struct FloatValueNode: Node {
    public var loc: Location?
    public var value: String
    public init(loc: Location? = nil, value: String) {
        self.loc = loc
        self.value = value
    }
}

public struct StringValueNode: Node {
    public var loc: Location?
    /// The string's value, escapes resolved and, for a block string, indentation removed.
    public var value: String
    public var block: Bool
    public init(loc: Location? = nil, value: String, block: Bool = false) {
        self.loc = loc
        self.value = value
        self.block = block
    }
}

public struct BooleanValueNode: Node {
    public var loc: Location?
    public var value: Bool
    public init(loc: Location? = nil, value: Bool) {
        self.loc = loc
        self.value = value
    }
}

public struct NullValueNode: Node {
    public var loc: Location?
    public init(loc: Location? = nil) { self.loc = loc }
}

public struct EnumValueNode: Node {
    public var loc: Location?
    public var value: String
    public init(loc: Location? = nil, value: String) {
        self.loc = loc
        self.value = value
    }
}

public struct ListValueNode: Node {
    public var loc: Location?
    public var values: [ValueNode]
    public init(loc: Location? = nil, values: [ValueNode]) {
        self.loc = loc
        self.values = values
    }
}

public struct ObjectValueNode: Node {
    public var loc: Location?
    public var fields: [ObjectFieldNode]
    public init(loc: Location? = nil, fields: [ObjectFieldNode]) {
        self.loc = loc
        self.fields = fields
    }
}

public struct ObjectFieldNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var value: ValueNode
    public init(loc: Location? = nil, name: NameNode, value: ValueNode) {
        self.loc = loc
        self.name = name
        self.value = value
    }
}

// MARK: - Directives

public struct DirectiveNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var arguments: [ArgumentNode]
    public init(loc: Location? = nil, name: NameNode, arguments: [ArgumentNode] = []) {
        self.loc = loc
        self.name = name
        self.arguments = arguments
    }
}

// MARK: - Type references

public indirect enum TypeNode: Node {
    case named(NamedTypeNode)
    case list(ListTypeNode)
    case nonNull(NonNullTypeNode)

    public var loc: Location? {
        switch self {
        case .named(let n): return n.loc
        case .list(let n): return n.loc
        case .nonNull(let n): return n.loc
        }
    }

    /// The named type at the core of any list and non-null wrappers.
    public var namedType: NamedTypeNode {
        switch self {
        case .named(let n): return n
        case .list(let n): return n.type.namedType
        case .nonNull(let n): return n.type.namedType
        }
    }
}

public struct NamedTypeNode: Node {
    public var loc: Location?
    public var name: NameNode
    public init(loc: Location? = nil, name: NameNode) {
        self.loc = loc
        self.name = name
    }
}

public struct ListTypeNode: Node {
    public var loc: Location?
    public var type: TypeNode
    public init(loc: Location? = nil, type: TypeNode) {
        self.loc = loc
        self.type = type
    }
}

public struct NonNullTypeNode: Node {
    public var loc: Location?
    /// A named or list type (never another non-null).
    public var type: TypeNode
    public init(loc: Location? = nil, type: TypeNode) {
        self.loc = loc
        self.type = type
    }
}

// MARK: - Type system definitions

public struct SchemaDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var directives: [DirectiveNode]
    public var operationTypes: [OperationTypeDefinitionNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, directives: [DirectiveNode] = [], operationTypes: [OperationTypeDefinitionNode]) {
        self.loc = loc
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
    }
}

public struct OperationTypeDefinitionNode: Node {
    public var loc: Location?
    public var operation: OperationType
    public var type: NamedTypeNode
    public init(loc: Location? = nil, operation: OperationType, type: NamedTypeNode) {
        self.loc = loc
        self.operation = operation
        self.type = type
    }
}

public struct ScalarTypeDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.loc = loc
        self.description = description
        self.name = name
        self.directives = directives
    }
}

public struct ObjectTypeDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var interfaces: [NamedTypeNode]
    public var directives: [DirectiveNode]
    public var fields: [FieldDefinitionNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, interfaces: [NamedTypeNode] = [],
                directives: [DirectiveNode] = [], fields: [FieldDefinitionNode] = []) {
        self.loc = loc
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
    }
}

public struct FieldDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var arguments: [InputValueDefinitionNode]
    public var type: TypeNode
    public var directives: [DirectiveNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, arguments: [InputValueDefinitionNode] = [],
                type: TypeNode, directives: [DirectiveNode] = []) {
        self.loc = loc
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
    }
}

public struct InputValueDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var type: TypeNode
    public var defaultValue: ValueNode?
    public var directives: [DirectiveNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, type: TypeNode,
                defaultValue: ValueNode? = nil, directives: [DirectiveNode] = []) {
        self.loc = loc
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
    }
}

public struct InterfaceTypeDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var interfaces: [NamedTypeNode]
    public var directives: [DirectiveNode]
    public var fields: [FieldDefinitionNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, interfaces: [NamedTypeNode] = [],
                directives: [DirectiveNode] = [], fields: [FieldDefinitionNode] = []) {
        self.loc = loc
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
    }
}

public struct UnionTypeDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var types: [NamedTypeNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = [], types: [NamedTypeNode] = []) {
        self.loc = loc
        self.description = description
        self.name = name
        self.directives = directives
        self.types = types
    }
}

public struct EnumTypeDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var values: [EnumValueDefinitionNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = [], values: [EnumValueDefinitionNode] = []) {
        self.loc = loc
        self.description = description
        self.name = name
        self.directives = directives
        self.values = values
    }
}

public struct EnumValueDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.loc = loc
        self.description = description
        self.name = name
        self.directives = directives
    }
}

public struct InputObjectTypeDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var fields: [InputValueDefinitionNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = [], fields: [InputValueDefinitionNode] = []) {
        self.loc = loc
        self.description = description
        self.name = name
        self.directives = directives
        self.fields = fields
    }
}

public struct DirectiveDefinitionNode: Node {
    public var loc: Location?
    public var description: StringValueNode?
    public var name: NameNode
    public var arguments: [InputValueDefinitionNode]
    /// Directives applied to the definition (`directive @a @deprecated on FIELD`), which graphql-core 3.3 parses.
    public var directives: [DirectiveNode]
    public var repeatable: Bool
    public var locations: [NameNode]
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, arguments: [InputValueDefinitionNode] = [],
                directives: [DirectiveNode] = [], repeatable: Bool = false, locations: [NameNode]) {
        self.loc = loc
        self.description = description
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.repeatable = repeatable
        self.locations = locations
    }
}

// MARK: - Type system extensions

public struct SchemaExtensionNode: Node {
    public var loc: Location?
    public var directives: [DirectiveNode]
    public var operationTypes: [OperationTypeDefinitionNode]
    public init(loc: Location? = nil, directives: [DirectiveNode] = [], operationTypes: [OperationTypeDefinitionNode] = []) {
        self.loc = loc
        self.directives = directives
        self.operationTypes = operationTypes
    }
}

public struct ScalarTypeExtensionNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.loc = loc
        self.name = name
        self.directives = directives
    }
}

public struct ObjectTypeExtensionNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var interfaces: [NamedTypeNode]
    public var directives: [DirectiveNode]
    public var fields: [FieldDefinitionNode]
    public init(loc: Location? = nil, name: NameNode, interfaces: [NamedTypeNode] = [], directives: [DirectiveNode] = [], fields: [FieldDefinitionNode] = []) {
        self.loc = loc
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
    }
}

public struct InterfaceTypeExtensionNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var interfaces: [NamedTypeNode]
    public var directives: [DirectiveNode]
    public var fields: [FieldDefinitionNode]
    public init(loc: Location? = nil, name: NameNode, interfaces: [NamedTypeNode] = [], directives: [DirectiveNode] = [], fields: [FieldDefinitionNode] = []) {
        self.loc = loc
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
    }
}

public struct UnionTypeExtensionNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var types: [NamedTypeNode]
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = [], types: [NamedTypeNode] = []) {
        self.loc = loc
        self.name = name
        self.directives = directives
        self.types = types
    }
}

public struct EnumTypeExtensionNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var values: [EnumValueDefinitionNode]
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = [], values: [EnumValueDefinitionNode] = []) {
        self.loc = loc
        self.name = name
        self.directives = directives
        self.values = values
    }
}

public struct InputObjectTypeExtensionNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var fields: [InputValueDefinitionNode]
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = [], fields: [InputValueDefinitionNode] = []) {
        self.loc = loc
        self.name = name
        self.directives = directives
        self.fields = fields
    }
}

/// `extend directive @name @applied`, which graphql-core 3.3 parses: adds directives to a directive definition.
public struct DirectiveExtensionNode: Node {
    public var loc: Location?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.loc = loc
        self.name = name
        self.directives = directives
    }
}
