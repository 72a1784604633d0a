/// An operation's variables must have unique names.
///
/// See https://spec.graphql.org/draft/#sec-Variable-Uniqueness
public final class UniqueVariableNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition] }
    private let context: ASTValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        guard RuleSupport.hasRepeatedName(node.variableDefinitions, { $0.variable.name.value }) else { return }
        for group in RuleSupport.groupByName(node.variableDefinitions, { $0.variable.name.value }) where group.items.count > 1 {
            context.reportError(GraphQLError(
                "There can be only one variable named '$\(group.name)'.", nodes: group.items.map(\.variable.name)))
        }
    }
}
