/// Finds the variables used in one operation or fragment, with the input type expected at each use
/// (graphql-js `ValidationContext.getVariableUsages`: a visit with its own `TypeInfo`).
///
/// Variable definitions are not looked into (their default values cannot use variables), nor are
/// the fragments the definition spreads.
struct VariableUsageCollector {
    private let typeInfo: TypeInfo
    private(set) var usages: [VariableUsage] = []

    init(schema: GraphQLSchema) {
        typeInfo = TypeInfo(schema: schema)
    }

    mutating func collect(_ operation: OperationDefinitionNode) {
        typeInfo.enterOperationDefinition(operation)
        visit(operation.directives)
        visit(operation.selectionSet)
        typeInfo.leaveOperationDefinition()
    }

    mutating func collect(_ fragment: FragmentDefinitionNode) {
        typeInfo.enterFragmentDefinition(fragment)
        visit(fragment.directives)
        visit(fragment.selectionSet)
        typeInfo.leaveFragmentDefinition()
    }

    private mutating func visit(_ selectionSet: SelectionSetNode) {
        typeInfo.enterSelectionSet()
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                typeInfo.enterField(field)
                visit(field.arguments)
                visit(field.directives)
                if let nested = field.selectionSet { visit(nested) }
                typeInfo.leaveField()
            case .fragmentSpread(let spread):
                visit(spread.directives)
            case .inlineFragment(let inline):
                typeInfo.enterInlineFragment(inline)
                visit(inline.directives)
                visit(inline.selectionSet)
                typeInfo.leaveInlineFragment()
            }
        }
        typeInfo.leaveSelectionSet()
    }

    private mutating func visit(_ directives: [DirectiveNode]) {
        for directive in directives {
            typeInfo.enterDirective(directive)
            visit(directive.arguments)
            typeInfo.leaveDirective()
        }
    }

    private mutating func visit(_ arguments: [ArgumentNode]) {
        for argument in arguments {
            typeInfo.enterArgument(argument)
            visit(argument.value)
            typeInfo.leaveArgument()
        }
    }

    private mutating func visit(_ value: ValueNode) {
        switch value {
        case .variable(let variable):
            usages.append(VariableUsage(node: variable, type: typeInfo.inputType, parentType: typeInfo.parentInputType,
                                        hasDefaultValue: typeInfo.hasDefaultValue))
        case .list(let list):
            typeInfo.enterListValue()
            for item in list.values { visit(item) }
            typeInfo.leaveListValue()
        case .object(let object):
            for field in object.fields {
                typeInfo.enterObjectField(field)
                visit(field.value)
                typeInfo.leaveObjectField()
            }
        case .int, .float, .string, .boolean, .null, .enumValue:
            break
        }
    }
}
