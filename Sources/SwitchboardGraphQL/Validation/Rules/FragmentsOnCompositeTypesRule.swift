/// Fragments can only condition on composite types (objects, interfaces and unions).
///
/// See https://spec.graphql.org/draft/#sec-Fragments-On-Composite-Types
public final class FragmentsOnCompositeTypesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterInlineFragment, .enterFragmentDefinition] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterInlineFragment(_ node: InlineFragmentNode) {
        guard let condition = node.typeCondition, let type = typeFromAST(context.schema, condition), !type.isComposite else { return }
        context.reportError(GraphQLError(
            "Fragment cannot condition on non composite type '\(condition.name.value)'.", nodes: [condition]))
    }

    override public func enterFragmentDefinition(_ node: FragmentDefinitionNode) {
        let condition = node.typeCondition
        guard let type = typeFromAST(context.schema, condition), !type.isComposite else { return }
        context.reportError(GraphQLError(
            "Fragment '\(node.name.value)' cannot condition on non composite type '\(condition.name.value)'.", nodes: [condition]))
    }
}
