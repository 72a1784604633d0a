/// A variable may only be used where its type fits: the same type or a more strict one, where a nullable
/// variable with a default value (or a position with one) may stand for a non-null type.
///
/// See https://spec.graphql.org/draft/#sec-All-Variable-Usages-are-Allowed
public final class VariablesInAllowedPositionRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition, .leaveOperationDefinition] }
    private let context: ValidationContext
    private var definitions: [String: VariableDefinitionNode] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        definitions.removeAll()
        for definition in node.variableDefinitions { definitions[definition.variable.name.value] = definition }
    }

    override public func leaveOperationDefinition(_ node: OperationDefinitionNode) {
        let schema = context.schema
        for usage in context.recursiveVariableUsages(of: node) {
            let name = usage.node.name.value
            guard let definition = definitions[name], let locationType = usage.type else { continue }
            let variableType = typeFromAST(schema, definition.type)
            if let variableType, !allowed(variableType, definition.defaultValue, locationType, usage.hasDefaultValue) {
                context.reportError(GraphQLError(
                    "Variable '$\(name)' of type '\(variableType)' used in position expecting type '\(locationType)'.",
                    nodes: [definition, usage.node]))
            }
            if case .named(let parent as GraphQLInputObjectType)? = usage.parentType, parent.isOneOf,
               let variableType, !variableType.isNonNull {
                context.reportError(GraphQLError(
                    "Variable '$\(name)' is of type '\(variableType)' but must be non-nullable to be used for OneOf Input Object '\(parent.name)'.",
                    nodes: [definition, usage.node]))
            }
        }
    }

    /// graphql-js `allowedVariableUsage`: a nullable variable may fill a non-null position when the
    /// variable has a non-null default value or the position has a default value.
    private func allowed(_ variableType: GraphQLType, _ variableDefault: ValueNode?, _ locationType: GraphQLType,
                         _ locationHasDefault: Bool) -> Bool {
        if case .nonNull(let nullableLocation) = locationType, !variableType.isNonNull {
            var hasNonNullVariableDefault = variableDefault != nil
            if case .null? = variableDefault { hasNonNullVariableDefault = false }
            if !hasNonNullVariableDefault && !locationHasDefault { return false }
            return context.schema.isTypeSubType(variableType, of: nullableLocation)
        }
        return context.schema.isTypeSubType(variableType, of: locationType)
    }
}
