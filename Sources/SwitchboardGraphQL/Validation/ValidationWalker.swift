/// Walks a document once and calls the hooks of every rule at every node, keeping `TypeInfo` up to date
/// (graphql-js's `visit` with a `TypeInfoVisitor` around a `ParallelVisitor`).
///
/// Nodes are visited in graphql-js's key order; descriptions are not visited (they must not affect
/// validation). At each node `TypeInfo` is entered first, then the rules' enter hooks run in rule order;
/// on the way out the leave hooks run, then `TypeInfo` is left. A rule that skips a subtree misses the
/// hooks below it and its own leave hook. The walk stops as soon as the context is aborted.
final class ValidationWalker {
    private let context: ASTValidationContext
    private let typeInfo: TypeInfo?
    private let rules: [ValidationRule]

    private let enterDocumentRules: [ValidationRule]
    private let leaveDocumentRules: [ValidationRule]
    private let enterOperationRules: [ValidationRule]
    private let leaveOperationRules: [ValidationRule]
    private let enterFragmentDefinitionRules: [ValidationRule]
    private let leaveFragmentDefinitionRules: [ValidationRule]
    private let enterVariableDefinitionRules: [ValidationRule]
    private let enterSelectionSetRules: [ValidationRule]
    private let enterFieldRules: [ValidationRule]
    private let leaveFieldRules: [ValidationRule]
    private let enterFragmentSpreadRules: [ValidationRule]
    private let leaveFragmentSpreadRules: [ValidationRule]
    private let enterInlineFragmentRules: [ValidationRule]
    private let enterDirectiveRules: [ValidationRule]
    private let leaveDirectiveRules: [ValidationRule]
    private let enterArgumentRules: [ValidationRule]
    private let enterValueRules: [ValidationRule]
    private let leaveValueRules: [ValidationRule]
    private let enterObjectFieldRules: [ValidationRule]
    private let enterNamedTypeRules: [ValidationRule]
    private let enterTypeSystemDefinitionRules: [ValidationRule]
    private let enterFieldDefinitionRules: [ValidationRule]
    private let enterInputValueDefinitionRules: [ValidationRule]
    private let enterEnumValueDefinitionRules: [ValidationRule]

    /// The nesting depth of the node being visited; marks where a rule's skip began.
    private var depth = 0
    /// How many rules are skipping a subtree.
    private var skipCount = 0
    /// Whether the top-level definition being visited is a type system definition or extension.
    private var inTypeSystemDefinition = false

    init(context: ASTValidationContext, typeInfo: TypeInfo?, rules: [ValidationRule]) {
        self.context = context
        self.typeInfo = typeInfo
        self.rules = rules
        // One pass over the rules: each hook's list keeps the rules' order.
        var byHook = [[ValidationRule]](repeating: [], count: ValidationHooks.count)
        for rule in rules {
            let hooks = type(of: rule).hooks.rawValue
            for bit in 0..<ValidationHooks.count where hooks & (1 << bit) != 0 { byHook[bit].append(rule) }
        }
        func with(_ hook: ValidationHooks) -> [ValidationRule] { byHook[hook.rawValue.trailingZeroBitCount] }
        enterDocumentRules = with(.enterDocument)
        leaveDocumentRules = with(.leaveDocument)
        enterOperationRules = with(.enterOperationDefinition)
        leaveOperationRules = with(.leaveOperationDefinition)
        enterFragmentDefinitionRules = with(.enterFragmentDefinition)
        leaveFragmentDefinitionRules = with(.leaveFragmentDefinition)
        enterVariableDefinitionRules = with(.enterVariableDefinition)
        enterSelectionSetRules = with(.enterSelectionSet)
        enterFieldRules = with(.enterField)
        leaveFieldRules = with(.leaveField)
        enterFragmentSpreadRules = with(.enterFragmentSpread)
        leaveFragmentSpreadRules = with(.leaveFragmentSpread)
        enterInlineFragmentRules = with(.enterInlineFragment)
        enterDirectiveRules = with(.enterDirective)
        leaveDirectiveRules = with(.leaveDirective)
        enterArgumentRules = with(.enterArgument)
        enterValueRules = with(.enterValue)
        leaveValueRules = with(.leaveValue)
        enterObjectFieldRules = with(.enterObjectField)
        enterNamedTypeRules = with(.enterNamedType)
        enterTypeSystemDefinitionRules = with(.enterTypeSystemDefinition)
        enterFieldDefinitionRules = with(.enterFieldDefinition)
        enterInputValueDefinitionRules = with(.enterInputValueDefinition)
        enterEnumValueDefinitionRules = with(.enterEnumValueDefinition)
    }

    // MARK: - Dispatch

    @inline(__always)
    private func enter(_ hooked: [ValidationRule], _ call: (ValidationRule) -> Void) {
        for rule in hooked where rule.skipDepth < 0 {
            call(rule)
            if rule.skipRequested {
                rule.skipRequested = false
                rule.skipDepth = depth
                skipCount += 1
            }
            if context.isAborted { return }
        }
    }

    @inline(__always)
    private func leave(_ hooked: [ValidationRule], _ call: (ValidationRule) -> Void) {
        for rule in hooked where rule.skipDepth < 0 {
            if context.isAborted { return }
            call(rule)
        }
    }

    @inline(__always)
    private func beginNode() { depth += 1 }

    /// Ends the skips that began at the node being left.
    @inline(__always)
    private func endNode() {
        if skipCount > 0 {
            for rule in rules where rule.skipDepth == depth {
                rule.skipDepth = -1
                skipCount -= 1
            }
        }
        depth -= 1
    }

    // MARK: - Document

    func walk(_ document: DocumentNode) {
        beginNode()
        enter(enterDocumentRules) { $0.enterDocument(document) }
        for definition in document.definitions {
            if context.isAborted { return }
            switch definition {
            case .operation(let operation):
                inTypeSystemDefinition = false
                walk(operation)
            case .fragment(let fragment):
                inTypeSystemDefinition = false
                walk(fragment)
            default:
                inTypeSystemDefinition = true
                walkTypeSystemDefinition(definition)
            }
        }
        leave(leaveDocumentRules) { $0.leaveDocument(document) }
        endNode()
    }

    // MARK: - Executable definitions

    private func walk(_ operation: OperationDefinitionNode) {
        beginNode()
        typeInfo?.enterOperationDefinition(operation)
        enter(enterOperationRules) { $0.enterOperationDefinition(operation) }
        for variableDefinition in operation.variableDefinitions { walk(variableDefinition) }
        walk(operation.directives, at: operation.operation.directiveLocation)
        walk(operation.selectionSet, parent: .operation)
        leave(leaveOperationRules) { $0.leaveOperationDefinition(operation) }
        typeInfo?.leaveOperationDefinition()
        endNode()
    }

    private func walk(_ variableDefinition: VariableDefinitionNode) {
        if context.isAborted { return }
        beginNode()
        typeInfo?.enterVariableDefinition(variableDefinition)
        enter(enterVariableDefinitionRules) { $0.enterVariableDefinition(variableDefinition) }
        walk(variableDefinition.type)
        if let defaultValue = variableDefinition.defaultValue { walk(defaultValue) }
        walk(variableDefinition.directives, at: .variableDefinition)
        typeInfo?.leaveVariableDefinition()
        endNode()
    }

    private func walk(_ fragment: FragmentDefinitionNode) {
        beginNode()
        typeInfo?.enterFragmentDefinition(fragment)
        enter(enterFragmentDefinitionRules) { $0.enterFragmentDefinition(fragment) }
        walk(fragment.typeCondition)
        walk(fragment.directives, at: .fragmentDefinition)
        walk(fragment.selectionSet, parent: .fragmentDefinition)
        leave(leaveFragmentDefinitionRules) { $0.leaveFragmentDefinition(fragment) }
        typeInfo?.leaveFragmentDefinition()
        endNode()
    }

    private func walk(_ selectionSet: SelectionSetNode, parent: SelectionSetParent) {
        if context.isAborted { return }
        beginNode()
        typeInfo?.enterSelectionSet()
        enter(enterSelectionSetRules) { $0.enterSelectionSet(selectionSet, parent: parent) }
        for selection in selectionSet.selections {
            if context.isAborted { return }
            switch selection {
            case .field(let field): walk(field)
            case .fragmentSpread(let spread): walk(spread)
            case .inlineFragment(let inline): walk(inline)
            }
        }
        typeInfo?.leaveSelectionSet()
        endNode()
    }

    private func walk(_ field: FieldNode) {
        beginNode()
        typeInfo?.enterField(field)
        enter(enterFieldRules) { $0.enterField(field) }
        for argument in field.arguments { walk(argument, ownerName: field.name.value) }
        walk(field.directives, at: .field)
        if let selectionSet = field.selectionSet { walk(selectionSet, parent: .field) }
        leave(leaveFieldRules) { $0.leaveField(field) }
        typeInfo?.leaveField()
        endNode()
    }

    private func walk(_ spread: FragmentSpreadNode) {
        beginNode()
        enter(enterFragmentSpreadRules) { $0.enterFragmentSpread(spread) }
        walk(spread.directives, at: .fragmentSpread)
        leave(leaveFragmentSpreadRules) { $0.leaveFragmentSpread(spread) }
        endNode()
    }

    private func walk(_ inline: InlineFragmentNode) {
        beginNode()
        typeInfo?.enterInlineFragment(inline)
        enter(enterInlineFragmentRules) { $0.enterInlineFragment(inline) }
        if let condition = inline.typeCondition { walk(condition) }
        walk(inline.directives, at: .inlineFragment)
        walk(inline.selectionSet, parent: .inlineFragment)
        typeInfo?.leaveInlineFragment()
        endNode()
    }

    // MARK: - Directives, arguments, values, types

    private func walk(_ directives: [DirectiveNode], at location: DirectiveLocation) {
        for directive in directives {
            if context.isAborted { return }
            beginNode()
            typeInfo?.enterDirective(directive)
            enter(enterDirectiveRules) { $0.enterDirective(directive, location: location) }
            for argument in directive.arguments { walk(argument, ownerName: directive.name.value) }
            leave(leaveDirectiveRules) { $0.leaveDirective(directive) }
            typeInfo?.leaveDirective()
            endNode()
        }
    }

    private func walk(_ argument: ArgumentNode, ownerName: String) {
        if context.isAborted { return }
        beginNode()
        typeInfo?.enterArgument(argument)
        enter(enterArgumentRules) { $0.enterArgument(argument, ownerName: ownerName) }
        walk(argument.value)
        typeInfo?.leaveArgument()
        endNode()
    }

    private func walk(_ value: ValueNode) {
        if context.isAborted { return }
        beginNode()
        switch value {
        case .list: typeInfo?.enterListValue()
        case .enumValue(let enumValue): typeInfo?.enterEnumValue(enumValue)
        default: break
        }
        enter(enterValueRules) { $0.enterValue(value) }
        switch value {
        case .list(let list):
            for item in list.values { walk(item) }
        case .object(let object):
            for field in object.fields {
                if context.isAborted { return }
                beginNode()
                typeInfo?.enterObjectField(field)
                enter(enterObjectFieldRules) { $0.enterObjectField(field) }
                walk(field.value)
                typeInfo?.leaveObjectField()
                endNode()
            }
        default:
            break
        }
        leave(leaveValueRules) { $0.leaveValue(value) }
        switch value {
        case .list: typeInfo?.leaveListValue()
        case .enumValue: typeInfo?.leaveEnumValue()
        default: break
        }
        endNode()
    }

    private func walk(_ type: TypeNode) {
        switch type {
        case .named(let named): walk(named)
        case .list(let list): walk(list.type)
        case .nonNull(let nonNull): walk(nonNull.type)
        }
    }

    private func walk(_ named: NamedTypeNode) {
        if context.isAborted { return }
        beginNode()
        enter(enterNamedTypeRules) { $0.enterNamedType(named, inTypeSystemDefinition: inTypeSystemDefinition) }
        endNode()
    }
}

extension OperationType {
    /// The directive location of an operation of this type.
    var directiveLocation: DirectiveLocation {
        switch self {
        case .query: return .query
        case .mutation: return .mutation
        case .subscription: return .subscription
        }
    }
}

// MARK: - Type system definitions

extension ValidationWalker {
    private func walkTypeSystemDefinition(_ definition: DefinitionNode) {
        beginNode()
        enter(enterTypeSystemDefinitionRules) { $0.enterTypeSystemDefinition(definition) }
        switch definition {
        case .operation, .fragment:
            break
        case .schema(let schema):
            walk(schema.directives, at: .schema)
            for operationType in schema.operationTypes { walk(operationType.type) }
        case .schemaExtension(let schema):
            walk(schema.directives, at: .schema)
            for operationType in schema.operationTypes { walk(operationType.type) }
        case .scalarType(let scalar):
            walk(scalar.directives, at: .scalar)
        case .scalarTypeExtension(let scalar):
            walk(scalar.directives, at: .scalar)
        case .objectType(let object):
            walkObjectLike(interfaces: object.interfaces, directives: object.directives, fields: object.fields, at: .object)
        case .objectTypeExtension(let object):
            walkObjectLike(interfaces: object.interfaces, directives: object.directives, fields: object.fields, at: .object)
        case .interfaceType(let interface):
            walkObjectLike(interfaces: interface.interfaces, directives: interface.directives, fields: interface.fields, at: .interface)
        case .interfaceTypeExtension(let interface):
            walkObjectLike(interfaces: interface.interfaces, directives: interface.directives, fields: interface.fields, at: .interface)
        case .unionType(let union):
            walk(union.directives, at: .union)
            for member in union.types { walk(member) }
        case .unionTypeExtension(let union):
            walk(union.directives, at: .union)
            for member in union.types { walk(member) }
        case .enumType(let enumType):
            walk(enumType.directives, at: .enumType)
            for value in enumType.values { walk(value) }
        case .enumTypeExtension(let enumType):
            walk(enumType.directives, at: .enumType)
            for value in enumType.values { walk(value) }
        case .inputObjectType(let input):
            walk(input.directives, at: .inputObject)
            for field in input.fields { walk(field, isInputField: true) }
        case .inputObjectTypeExtension(let input):
            walk(input.directives, at: .inputObject)
            for field in input.fields { walk(field, isInputField: true) }
        case .directive(let directive):
            for argument in directive.arguments { walk(argument, isInputField: false) }
            walk(directive.directives, at: .directiveDefinition)
        case .directiveExtension(let directive):
            walk(directive.directives, at: .directiveDefinition)
        }
        endNode()
    }

    private func walkObjectLike(interfaces: [NamedTypeNode], directives: [DirectiveNode], fields: [FieldDefinitionNode],
                                at location: DirectiveLocation) {
        for interface in interfaces { walk(interface) }
        walk(directives, at: location)
        for field in fields {
            if context.isAborted { return }
            beginNode()
            enter(enterFieldDefinitionRules) { $0.enterFieldDefinition(field) }
            for argument in field.arguments { walk(argument, isInputField: false) }
            walk(field.type)
            walk(field.directives, at: .fieldDefinition)
            endNode()
        }
    }

    private func walk(_ inputValue: InputValueDefinitionNode, isInputField: Bool) {
        if context.isAborted { return }
        beginNode()
        enter(enterInputValueDefinitionRules) { $0.enterInputValueDefinition(inputValue) }
        walk(inputValue.type)
        if let defaultValue = inputValue.defaultValue { walk(defaultValue) }
        walk(inputValue.directives, at: isInputField ? .inputFieldDefinition : .argumentDefinition)
        endNode()
    }

    private func walk(_ enumValue: EnumValueDefinitionNode) {
        if context.isAborted { return }
        beginNode()
        enter(enterEnumValueDefinitionRules) { $0.enterEnumValueDefinition(enumValue) }
        walk(enumValue.directives, at: .enumValue)
        endNode()
    }
}
