/// Every fragment spread must name a fragment defined in the document.
///
/// See https://spec.graphql.org/draft/#sec-Fragment-spread-target-defined
public final class KnownFragmentNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterFragmentSpread] }
    private let context: ASTValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterFragmentSpread(_ node: FragmentSpreadNode) {
        if context.fragment(named: node.name.value) == nil {
            context.reportError(GraphQLError("Unknown fragment '\(node.name.value)'.", nodes: [node.name]))
        }
    }
}
