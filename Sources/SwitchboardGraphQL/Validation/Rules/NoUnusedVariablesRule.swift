/// Every variable an operation defines must be used, directly or through fragments.
///
/// See https://spec.graphql.org/draft/#sec-All-Variables-Used
public final class NoUnusedVariablesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ operation: OperationDefinitionNode) {
        let used = Set(context.recursiveVariableUsages(of: operation).map(\.node.name.value))
        for definition in operation.variableDefinitions {
            let name = definition.variable.name.value
            if used.contains(name) { continue }
            let message = operation.name.map { "Variable '$\(name)' is never used in operation '\($0.value)'." }
                ?? "Variable '$\(name)' is never used."
            context.reportError(GraphQLError(message, nodes: [definition]))
        }
    }
}
