/// An operation's root type must exist in the schema.
///
/// See https://spec.graphql.org/draft/#sec-Operation-Type-Existence
public final class KnownOperationTypesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        if context.schema.rootType(for: node.operation) == nil {
            context.reportError(GraphQLError("The \(node.operation.rawValue) operation is not supported by the schema.", nodes: [node]))
        }
    }
}
