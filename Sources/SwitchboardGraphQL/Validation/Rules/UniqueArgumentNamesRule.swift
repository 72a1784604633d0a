/// A field or directive may be given each argument only once.
///
/// See https://spec.graphql.org/draft/#sec-Argument-Uniqueness
public final class UniqueArgumentNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterField, .enterDirective] }
    private let context: ASTValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterField(_ node: FieldNode) { check(node.arguments) }

    override public func enterDirective(_ node: DirectiveNode, location: DirectiveLocation) { check(node.arguments) }

    private func check(_ arguments: [ArgumentNode]) {
        guard RuleSupport.hasRepeatedName(arguments, { $0.name.value }) else { return }
        for group in RuleSupport.groupByName(arguments, { $0.name.value }) where group.items.count > 1 {
            context.reportError(GraphQLError("There can be only one argument named '\(group.name)'.", nodes: group.items.map(\.name)))
        }
    }
}
