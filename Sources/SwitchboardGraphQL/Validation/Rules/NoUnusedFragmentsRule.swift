/// Every fragment must be spread by some operation, directly or through other fragments.
///
/// See https://spec.graphql.org/draft/#sec-Fragments-Must-Be-Used
public final class NoUnusedFragmentsRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition, .enterFragmentDefinition, .leaveDocument] }
    private let context: ASTValidationContext
    private var operations: [OperationDefinitionNode] = []
    private var fragments: [FragmentDefinitionNode] = []

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        operations.append(node)
        skipSubtree()
    }

    override public func enterFragmentDefinition(_ node: FragmentDefinitionNode) {
        fragments.append(node)
        skipSubtree()
    }

    override public func leaveDocument(_ node: DocumentNode) {
        let used = Set(context.recursivelyReferencedFragments(ofOperations: operations).fragments.map(\.name.value))
        for fragment in fragments where !used.contains(fragment.name.value) {
            context.reportError(GraphQLError("Fragment '\(fragment.name.value)' is never used.", nodes: [fragment]))
        }
    }
}
