/// Operations must have unique names.
///
/// See https://spec.graphql.org/draft/#sec-Operation-Name-Uniqueness
public final class UniqueOperationNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition] }
    private let context: ASTValidationContext
    private var knownOperationNames: [String: NameNode] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        if let name = node.name {
            if let known = knownOperationNames[name.value] {
                context.reportError(GraphQLError("There can be only one operation named '\(name.value)'.", nodes: [known, name]))
            } else {
                knownOperationNames[name.value] = name
            }
        }
        skipSubtree()
    }
}
