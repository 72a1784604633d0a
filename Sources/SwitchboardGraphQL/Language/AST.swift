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
    public var value: String
    public var loc: Location?
    public static func == (a: NameNode, b: NameNode) -> Bool { a.value == b.value }
    public func hash(into h: inout Hasher) { h.combine(value) }
}

extension NameNode {
    public init(loc: Location? = nil, value: String) {
        self.init(value: value, loc: loc)
    }
}

// MARK: - Document

public struct DocumentNode: Node {
    public var definitions: [DefinitionNode]
    /// How many tokens the lexer read (for limits and benchmarks).
    public var tokenCount: Int
    public var loc: Location?
    /// The parsed source, kept alive with the document so that the locations of its nodes can find it.
    public var source: Source?
}

extension DocumentNode {
    public init(loc: Location? = nil, definitions: [DefinitionNode], tokenCount: Int = 0, source: Source? = nil) {
        self.init(definitions: definitions, tokenCount: tokenCount, loc: loc, source: source)
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
    public var description: StringValueNode?
    public var operation: OperationType
    public var name: NameNode?
    public var variableDefinitions: [VariableDefinitionNode]
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode
    public var loc: Location?
}

extension OperationDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, operation: OperationType, name: NameNode? = nil,
                variableDefinitions: [VariableDefinitionNode] = [], directives: [DirectiveNode] = [], selectionSet: SelectionSetNode) {
        self.init(description: description, operation: operation, name: name, variableDefinitions: variableDefinitions, directives: directives, selectionSet: selectionSet, loc: loc)
    }
}

public struct VariableDefinitionNode: Node {
    public var description: StringValueNode?
    public var variable: VariableNode
    public var type: TypeNode
    public var defaultValue: ValueNode?
    public var directives: [DirectiveNode]
    public var loc: Location?
}

extension VariableDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, variable: VariableNode, type: TypeNode,
                defaultValue: ValueNode? = nil, directives: [DirectiveNode] = []) {
        self.init(description: description, variable: variable, type: type, defaultValue: defaultValue, directives: directives, loc: loc)
    }
}

public struct VariableNode: Node {
    public var name: NameNode
    public var loc: Location?
}

extension VariableNode {
    public init(loc: Location? = nil, name: NameNode) {
        self.init(name: name, loc: loc)
    }
}

public struct SelectionSetNode: Node {
    public var selections: [SelectionNode]
    public var loc: Location?
}

extension SelectionSetNode {
    public init(loc: Location? = nil, selections: [SelectionNode]) {
        self.init(selections: selections, loc: loc)
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
    public var alias: NameNode?
    public var name: NameNode
    public var arguments: [ArgumentNode]
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode?
    public var loc: Location?
    /// The key of this field in the response: its alias, or else its name.
    public var responseKey: String { alias?.value ?? name.value }
}

extension FieldNode {
    public init(loc: Location? = nil, alias: NameNode? = nil, name: NameNode, arguments: [ArgumentNode] = [],
                directives: [DirectiveNode] = [], selectionSet: SelectionSetNode? = nil) {
        self.init(alias: alias, name: name, arguments: arguments, directives: directives, selectionSet: selectionSet, loc: loc)
    }
}

public struct ArgumentNode: Node {
    public var name: NameNode
    public var value: ValueNode
    public var loc: Location?
}

extension ArgumentNode {
    public init(loc: Location? = nil, name: NameNode, value: ValueNode) {
        self.init(name: name, value: value, loc: loc)
    }
}

public struct FragmentSpreadNode: Node {
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var loc: Location?
}

extension FragmentSpreadNode {
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.init(name: name, directives: directives, loc: loc)
    }
}

public struct InlineFragmentNode: Node {
    public var typeCondition: NamedTypeNode?
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode
    public var loc: Location?
}

extension InlineFragmentNode {
    public init(loc: Location? = nil, typeCondition: NamedTypeNode? = nil, directives: [DirectiveNode] = [], selectionSet: SelectionSetNode) {
        self.init(typeCondition: typeCondition, directives: directives, selectionSet: selectionSet, loc: loc)
    }
}

public struct FragmentDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var typeCondition: NamedTypeNode
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode
    public var loc: Location?
}

extension FragmentDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, typeCondition: NamedTypeNode,
                directives: [DirectiveNode] = [], selectionSet: SelectionSetNode) {
        self.init(description: description, name: name, typeCondition: typeCondition, directives: directives, selectionSet: selectionSet, loc: loc)
    }
}

// MARK: - Values

/// Not `indirect`: lists and objects hold their values in arrays, which are boxes already, and a box for each
/// scalar value would cost an allocation per argument.
public enum ValueNode: Node {
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
    /// The literal as written (it may not fit in 32 bits; coercion decides).
    public var value: String
    public var loc: Location?
}

extension IntValueNode {
    public init(loc: Location? = nil, value: String) {
        self.init(value: value, loc: loc)
    }
}

public struct FloatValueNode: Node {
    public var value: String
    public var loc: Location?
}

extension FloatValueNode {
    public init(loc: Location? = nil, value: String) {
        self.init(value: value, loc: loc)
    }
}

public struct StringValueNode: Node {
    /// The string's value, escapes resolved and, for a block string, indentation removed.
    public var value: String
    // `loc` before `block`: the Bool then fills what would be padding (30 bytes rather than 33, and every
    // definition with a description is 8 bytes smaller).
    public var loc: Location?
    public var block: Bool
}

extension StringValueNode {
    public init(loc: Location? = nil, value: String, block: Bool = false) {
        self.init(value: value, loc: loc, block: block)
    }
}

public struct BooleanValueNode: Node {
    public var value: Bool
    public var loc: Location?
}

extension BooleanValueNode {
    public init(loc: Location? = nil, value: Bool) {
        self.init(value: value, loc: loc)
    }
}

public struct NullValueNode: Node {
    public var loc: Location?
    public init(loc: Location? = nil) { self.loc = loc }
}

public struct EnumValueNode: Node {
    public var value: String
    public var loc: Location?
}

extension EnumValueNode {
    public init(loc: Location? = nil, value: String) {
        self.init(value: value, loc: loc)
    }
}

public struct ListValueNode: Node {
    public var values: [ValueNode]
    public var loc: Location?
}

extension ListValueNode {
    public init(loc: Location? = nil, values: [ValueNode]) {
        self.init(values: values, loc: loc)
    }
}

public struct ObjectValueNode: Node {
    public var fields: [ObjectFieldNode]
    public var loc: Location?
}

extension ObjectValueNode {
    public init(loc: Location? = nil, fields: [ObjectFieldNode]) {
        self.init(fields: fields, loc: loc)
    }
}

public struct ObjectFieldNode: Node {
    public var name: NameNode
    public var value: ValueNode
    public var loc: Location?
}

extension ObjectFieldNode {
    public init(loc: Location? = nil, name: NameNode, value: ValueNode) {
        self.init(name: name, value: value, loc: loc)
    }
}

// MARK: - Directives

public struct DirectiveNode: Node {
    public var name: NameNode
    public var arguments: [ArgumentNode]
    public var loc: Location?
}

extension DirectiveNode {
    public init(loc: Location? = nil, name: NameNode, arguments: [ArgumentNode] = []) {
        self.init(name: name, arguments: arguments, loc: loc)
    }
}

// MARK: - Type references

/// Only `list` is boxed: `X` and `X!`, the most common type references by far, are stored inline (see
/// `NonNullTypeNode`), since a box per type reference was most of the allocations of parsing a schema.
public enum TypeNode: Node {
    case named(NamedTypeNode)
    indirect case list(ListTypeNode)
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
    public var name: NameNode
    public var loc: Location?
}

extension NamedTypeNode {
    public init(loc: Location? = nil, name: NameNode) {
        self.init(name: name, loc: loc)
    }
}

public struct ListTypeNode: Node {
    public var type: TypeNode
    public var loc: Location?
}

extension ListTypeNode {
    public init(loc: Location? = nil, type: TypeNode) {
        self.init(type: type, loc: loc)
    }
}

public struct NonNullTypeNode: Node {
    /// The wrapped type: a named type inline, anything else boxed. A `TypeNode` inside a `NonNullTypeNode`
    /// inside a `TypeNode` needs a box somewhere, but `X!` need not pay for one.
    private enum Wrapped {
        case named(NamedTypeNode)
        indirect case other(TypeNode)
    }

    private var wrapped: Wrapped
    public var loc: Location?

    /// A named or list type (never another non-null).
    public var type: TypeNode {
        get {
            switch wrapped {
            case .named(let named): return .named(named)
            case .other(let type): return type
            }
        }
        set {
            if case .named(let named) = newValue {
                wrapped = .named(named)
            } else {
                wrapped = .other(newValue)
            }
        }
    }
}

extension NonNullTypeNode {
    public init(loc: Location? = nil, type: TypeNode) {
        if case .named(let named) = type {
            self.wrapped = .named(named)
        } else {
            self.wrapped = .other(type)
        }
        self.loc = loc
    }
}

// MARK: - Type system definitions

public struct SchemaDefinitionNode: Node {
    public var description: StringValueNode?
    public var directives: [DirectiveNode]
    public var operationTypes: [OperationTypeDefinitionNode]
    public var loc: Location?
}

extension SchemaDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, directives: [DirectiveNode] = [], operationTypes: [OperationTypeDefinitionNode]) {
        self.init(description: description, directives: directives, operationTypes: operationTypes, loc: loc)
    }
}

public struct OperationTypeDefinitionNode: Node {
    public var operation: OperationType
    public var type: NamedTypeNode
    public var loc: Location?
}

extension OperationTypeDefinitionNode {
    public init(loc: Location? = nil, operation: OperationType, type: NamedTypeNode) {
        self.init(operation: operation, type: type, loc: loc)
    }
}

public struct ScalarTypeDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var loc: Location?
}

extension ScalarTypeDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.init(description: description, name: name, directives: directives, loc: loc)
    }
}

public struct ObjectTypeDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var interfaces: [NamedTypeNode]
    public var directives: [DirectiveNode]
    public var fields: [FieldDefinitionNode]
    public var loc: Location?
}

extension ObjectTypeDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, interfaces: [NamedTypeNode] = [],
                directives: [DirectiveNode] = [], fields: [FieldDefinitionNode] = []) {
        self.init(description: description, name: name, interfaces: interfaces, directives: directives, fields: fields, loc: loc)
    }
}

public struct FieldDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var arguments: [InputValueDefinitionNode]
    public var type: TypeNode
    public var directives: [DirectiveNode]
    public var loc: Location?
}

extension FieldDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, arguments: [InputValueDefinitionNode] = [],
                type: TypeNode, directives: [DirectiveNode] = []) {
        self.init(description: description, name: name, arguments: arguments, type: type, directives: directives, loc: loc)
    }
}

public struct InputValueDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var type: TypeNode
    public var defaultValue: ValueNode?
    public var directives: [DirectiveNode]
    public var loc: Location?
}

extension InputValueDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, type: TypeNode,
                defaultValue: ValueNode? = nil, directives: [DirectiveNode] = []) {
        self.init(description: description, name: name, type: type, defaultValue: defaultValue, directives: directives, loc: loc)
    }
}

public struct InterfaceTypeDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var interfaces: [NamedTypeNode]
    public var directives: [DirectiveNode]
    public var fields: [FieldDefinitionNode]
    public var loc: Location?
}

extension InterfaceTypeDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, interfaces: [NamedTypeNode] = [],
                directives: [DirectiveNode] = [], fields: [FieldDefinitionNode] = []) {
        self.init(description: description, name: name, interfaces: interfaces, directives: directives, fields: fields, loc: loc)
    }
}

public struct UnionTypeDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var types: [NamedTypeNode]
    public var loc: Location?
}

extension UnionTypeDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = [], types: [NamedTypeNode] = []) {
        self.init(description: description, name: name, directives: directives, types: types, loc: loc)
    }
}

public struct EnumTypeDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var values: [EnumValueDefinitionNode]
    public var loc: Location?
}

extension EnumTypeDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = [], values: [EnumValueDefinitionNode] = []) {
        self.init(description: description, name: name, directives: directives, values: values, loc: loc)
    }
}

public struct EnumValueDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var loc: Location?
}

extension EnumValueDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.init(description: description, name: name, directives: directives, loc: loc)
    }
}

public struct InputObjectTypeDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var fields: [InputValueDefinitionNode]
    public var loc: Location?
}

extension InputObjectTypeDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = [], fields: [InputValueDefinitionNode] = []) {
        self.init(description: description, name: name, directives: directives, fields: fields, loc: loc)
    }
}

public struct DirectiveDefinitionNode: Node {
    public var description: StringValueNode?
    public var name: NameNode
    public var arguments: [InputValueDefinitionNode]
    /// Directives applied to the definition (`directive @a @deprecated on FIELD`), which graphql-core 3.3 parses.
    public var directives: [DirectiveNode]
    public var repeatable: Bool
    public var locations: [NameNode]
    public var loc: Location?
}

extension DirectiveDefinitionNode {
    public init(loc: Location? = nil, description: StringValueNode? = nil, name: NameNode, arguments: [InputValueDefinitionNode] = [],
                directives: [DirectiveNode] = [], repeatable: Bool = false, locations: [NameNode]) {
        self.init(description: description, name: name, arguments: arguments, directives: directives, repeatable: repeatable, locations: locations, loc: loc)
    }
}

// MARK: - Type system extensions

public struct SchemaExtensionNode: Node {
    public var directives: [DirectiveNode]
    public var operationTypes: [OperationTypeDefinitionNode]
    public var loc: Location?
}

extension SchemaExtensionNode {
    public init(loc: Location? = nil, directives: [DirectiveNode] = [], operationTypes: [OperationTypeDefinitionNode] = []) {
        self.init(directives: directives, operationTypes: operationTypes, loc: loc)
    }
}

public struct ScalarTypeExtensionNode: Node {
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var loc: Location?
}

extension ScalarTypeExtensionNode {
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.init(name: name, directives: directives, loc: loc)
    }
}

public struct ObjectTypeExtensionNode: Node {
    public var name: NameNode
    public var interfaces: [NamedTypeNode]
    public var directives: [DirectiveNode]
    public var fields: [FieldDefinitionNode]
    public var loc: Location?
}

extension ObjectTypeExtensionNode {
    public init(loc: Location? = nil, name: NameNode, interfaces: [NamedTypeNode] = [], directives: [DirectiveNode] = [], fields: [FieldDefinitionNode] = []) {
        self.init(name: name, interfaces: interfaces, directives: directives, fields: fields, loc: loc)
    }
}

public struct InterfaceTypeExtensionNode: Node {
    public var name: NameNode
    public var interfaces: [NamedTypeNode]
    public var directives: [DirectiveNode]
    public var fields: [FieldDefinitionNode]
    public var loc: Location?
}

extension InterfaceTypeExtensionNode {
    public init(loc: Location? = nil, name: NameNode, interfaces: [NamedTypeNode] = [], directives: [DirectiveNode] = [], fields: [FieldDefinitionNode] = []) {
        self.init(name: name, interfaces: interfaces, directives: directives, fields: fields, loc: loc)
    }
}

public struct UnionTypeExtensionNode: Node {
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var types: [NamedTypeNode]
    public var loc: Location?
}

extension UnionTypeExtensionNode {
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = [], types: [NamedTypeNode] = []) {
        self.init(name: name, directives: directives, types: types, loc: loc)
    }
}

public struct EnumTypeExtensionNode: Node {
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var values: [EnumValueDefinitionNode]
    public var loc: Location?
}

extension EnumTypeExtensionNode {
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = [], values: [EnumValueDefinitionNode] = []) {
        self.init(name: name, directives: directives, values: values, loc: loc)
    }
}

public struct InputObjectTypeExtensionNode: Node {
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var fields: [InputValueDefinitionNode]
    public var loc: Location?
}

extension InputObjectTypeExtensionNode {
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = [], fields: [InputValueDefinitionNode] = []) {
        self.init(name: name, directives: directives, fields: fields, loc: loc)
    }
}

/// `extend directive @name @applied`, which graphql-core 3.3 parses: adds directives to a directive definition.
public struct DirectiveExtensionNode: Node {
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var loc: Location?
}

extension DirectiveExtensionNode {
    public init(loc: Location? = nil, name: NameNode, directives: [DirectiveNode] = []) {
        self.init(name: name, directives: directives, loc: loc)
    }
}
