/// An anonymous operation (the query shorthand included) must be the only operation of its document.
///
/// See https://spec.graphql.org/draft/#sec-Lone-Anonymous-Operation
public final class LoneAnonymousOperationRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterDocument, .enterOperationDefinition] }
    private let context: ASTValidationContext
    private var operationCount = 0

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterDocument(_ node: DocumentNode) {
        operationCount = node.definitions.reduce(0) { count, definition in
            if case .operation = definition { return count + 1 }
            return count
        }
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        if node.name == nil && operationCount > 1 {
            context.reportError(GraphQLError("This anonymous operation must be the only defined operation.", nodes: [node]))
        }
    }
}
