/// Fragments must have unique names.
///
/// See https://spec.graphql.org/draft/#sec-Fragment-Name-Uniqueness
public final class UniqueFragmentNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterFragmentDefinition] }
    private let context: ASTValidationContext
    private var knownFragmentNames: [String: NameNode] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterFragmentDefinition(_ node: FragmentDefinitionNode) {
        let name = node.name.value
        if let known = knownFragmentNames[name] {
            context.reportError(GraphQLError("There can be only one fragment named '\(name)'.", nodes: [known, node.name]))
        } else {
            knownFragmentNames[name] = node.name
        }
        skipSubtree()
    }
}
