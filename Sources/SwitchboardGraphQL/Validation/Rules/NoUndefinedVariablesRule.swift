/// Every variable an operation uses, directly or through fragments, must be defined by the operation.
///
/// See https://spec.graphql.org/draft/#sec-All-Variable-Uses-Defined
public final class NoUndefinedVariablesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ operation: OperationDefinitionNode) {
        let defined = Set(operation.variableDefinitions.map(\.variable.name.value))
        for usage in context.recursiveVariableUsages(of: operation) {
            let name = usage.node.name.value
            if defined.contains(name) { continue }
            let message = operation.name.map { "Variable '$\(name)' is not defined by operation '\($0.value)'." }
                ?? "Variable '$\(name)' is not defined."
            context.reportError(GraphQLError(message, nodes: [usage.node, operation]))
        }
    }
}
