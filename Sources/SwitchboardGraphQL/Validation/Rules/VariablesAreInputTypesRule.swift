/// Variables must be of input types (scalars, enums, input objects, and lists and non-nulls of them).
///
/// See https://spec.graphql.org/draft/#sec-Variables-Are-Input-Types
public final class VariablesAreInputTypesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterVariableDefinition] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterVariableDefinition(_ node: VariableDefinitionNode) {
        guard let type = typeFromAST(context.schema, node.type), !type.isInputType else { return }
        context.reportError(GraphQLError(
            "Variable '$\(node.variable.name.value)' cannot be non-input type '\(printAST(node.type))'.", nodes: [node.type]))
    }
}
