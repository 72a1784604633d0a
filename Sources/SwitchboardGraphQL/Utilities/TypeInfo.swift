/// Tracks the schema types at each point of a walk over a document (graphql-js `TypeInfo`).
///
/// A walker calls `enter…` before it visits a node's hooks and `leave…` after them, so that a rule
/// looking at a field sees the field's own type, its parent type and its definition. Stacks hold nil
/// where the document refers to something the schema does not have, so that rules can still run.
public final class TypeInfo {
    public let schema: GraphQLSchema
    private var typeStack: [GraphQLType?] = []
    private var parentTypeStack: [GraphQLNamedType?] = []
    private var inputTypeStack: [GraphQLType?] = []
    private var fieldDefinitionStack: [GraphQLField?] = []
    /// Whether the current input position has a default value (an argument's or an input field's).
    private var defaultValueStack: [Bool] = []

    /// The directive whose arguments are being visited, if the schema knows it.
    public private(set) var directive: GraphQLDirective?
    /// The argument definition of the argument being visited.
    public private(set) var argument: GraphQLArgument?
    /// The enum value an enum literal names, when the expected type is that enum.
    public private(set) var enumValue: GraphQLEnumValue?

    public init(schema: GraphQLSchema) {
        self.schema = schema
        typeStack.reserveCapacity(16)
        parentTypeStack.reserveCapacity(16)
        fieldDefinitionStack.reserveCapacity(16)
        inputTypeStack.reserveCapacity(8)
        defaultValueStack.reserveCapacity(8)
    }

    // MARK: - Reading

    /// The output type at this point: a field's type, or an operation's or fragment's type.
    public var type: GraphQLType? { typeStack.last ?? nil }
    /// The composite type whose selection set is being visited.
    public var parentType: GraphQLNamedType? { parentTypeStack.last ?? nil }
    /// The type an input value at this point must have.
    public var inputType: GraphQLType? { inputTypeStack.last ?? nil }
    /// The input type enclosing the current one (a list's or input object's type).
    public var parentInputType: GraphQLType? {
        inputTypeStack.count > 1 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }
    /// The definition of the field being visited.
    public var fieldDefinition: GraphQLField? { fieldDefinitionStack.last ?? nil }
    /// Whether the argument or input field being visited has a default value.
    public var hasDefaultValue: Bool { defaultValueStack.last ?? false }

    // MARK: - Executable definitions

    public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        typeStack.append(schema.rootType(for: node.operation).map(GraphQLType.named))
    }

    public func leaveOperationDefinition() { typeStack.removeLast() }

    public func enterFragmentDefinition(_ node: FragmentDefinitionNode) {
        pushFragmentType(typeFromAST(schema, node.typeCondition))
    }

    public func leaveFragmentDefinition() { typeStack.removeLast() }

    public func enterInlineFragment(_ node: InlineFragmentNode) {
        if let condition = node.typeCondition {
            pushFragmentType(typeFromAST(schema, condition))
        } else {
            pushFragmentType(type?.namedType)
        }
    }

    public func leaveInlineFragment() { typeStack.removeLast() }

    private func pushFragmentType(_ type: GraphQLNamedType?) {
        if let type, type.isOutput {
            typeStack.append(.named(type))
        } else {
            typeStack.append(nil)
        }
    }

    public func enterVariableDefinition(_ node: VariableDefinitionNode) {
        let type = typeFromAST(schema, node.type)
        inputTypeStack.append(type.flatMap { $0.isInputType ? $0 : nil })
    }

    public func leaveVariableDefinition() { inputTypeStack.removeLast() }

    public func enterSelectionSet() {
        if let named = type?.namedType, named.isComposite {
            parentTypeStack.append(named)
        } else {
            parentTypeStack.append(nil)
        }
    }

    public func leaveSelectionSet() { parentTypeStack.removeLast() }

    public func enterField(_ node: FieldNode) {
        if let parent = parentType, let field = TypeInfo.fieldDefinition(schema, parent, node.name.value) {
            fieldDefinitionStack.append(field)
            typeStack.append(field.type.isOutputType ? field.type : nil)
        } else {
            fieldDefinitionStack.append(nil)
            typeStack.append(nil)
        }
    }

    public func leaveField() {
        fieldDefinitionStack.removeLast()
        typeStack.removeLast()
    }

    // MARK: - Directives, arguments and values

    public func enterDirective(_ node: DirectiveNode) {
        directive = schema.directive(named: node.name.value)
    }

    public func leaveDirective() { directive = nil }

    public func enterArgument(_ node: ArgumentNode) {
        let definition: GraphQLArgument?
        if let directive {
            definition = directive.argument(named: node.name.value)
        } else if let field = fieldDefinition {
            definition = field.argument(named: node.name.value)
        } else {
            definition = nil
        }
        argument = definition
        defaultValueStack.append(definition.map(hasDefault) ?? false)
        inputTypeStack.append(definition.flatMap { $0.type.isInputType ? $0.type : nil })
    }

    public func leaveArgument() {
        argument = nil
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    public func enterListValue() {
        var itemType: GraphQLType?
        if let inputType, case .list(let item) = inputType.nullableType { itemType = item }
        // List positions never have a default value.
        defaultValueStack.append(false)
        inputTypeStack.append(itemType)
    }

    public func leaveListValue() {
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    public func enterObjectField(_ node: ObjectFieldNode) {
        var field: GraphQLInputField?
        if let object = inputType?.namedType as? GraphQLInputObjectType {
            field = object.fields[node.name.value]
        }
        defaultValueStack.append(field.map(hasDefault) ?? false)
        inputTypeStack.append(field.flatMap { $0.type.isInputType ? $0.type : nil })
    }

    public func leaveObjectField() {
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    public func enterEnumValue(_ node: EnumValueNode) {
        if let enumType = inputType?.namedType as? GraphQLEnumType {
            enumValue = enumType.value(named: node.value)
        } else {
            enumValue = nil
        }
    }

    public func leaveEnumValue() { enumValue = nil }

    private func hasDefault(_ argument: GraphQLArgument) -> Bool {
        argument.defaultValue != nil || argument.defaultValueLiteral != nil
    }

    // MARK: - Field lookup

    /// A field of a composite type, including the meta-fields (graphql-js `schema.getField`):
    /// `__typename` on any composite type, `__schema` and `__type` on the query type only.
    static func fieldDefinition(_ schema: GraphQLSchema, _ parentType: GraphQLNamedType, _ name: String) -> GraphQLField? {
        if name.utf8.first == UInt8(ascii: "_") {
            switch name {
            case "__schema": return parentType === schema.queryType ? schemaMetaFieldDefinition : nil
            case "__type": return parentType === schema.queryType ? typeMetaFieldDefinition : nil
            case "__typename": return typeNameMetaFieldDefinition
            default: break
            }
        }
        if let object = parentType as? GraphQLObjectType { return object.fields[name] }
        if let interface = parentType as? GraphQLInterfaceType { return interface.fields[name] }
        return nil
    }
}
