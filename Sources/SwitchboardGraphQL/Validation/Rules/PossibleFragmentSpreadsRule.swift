/// A fragment may only be spread where its type condition can apply: where the parent type and the
/// condition have some possible type in common.
///
/// See https://spec.graphql.org/draft/#sec-Fragment-spread-is-possible
public final class PossibleFragmentSpreadsRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterInlineFragment, .enterFragmentSpread] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterInlineFragment(_ node: InlineFragmentNode) {
        guard case .named(let fragmentType)? = context.type, fragmentType.isComposite,
              let parentType = context.parentType, parentType.isComposite,
              !context.schema.doTypesOverlap(fragmentType, parentType) else { return }
        context.reportError(GraphQLError(
            "Fragment cannot be spread here as objects of type '\(parentType.name)' can never be of type '\(fragmentType.name)'.",
            nodes: [node]))
    }

    override public func enterFragmentSpread(_ node: FragmentSpreadNode) {
        let name = node.name.value
        guard let fragment = context.fragment(named: name),
              let fragmentType = typeFromAST(context.schema, fragment.typeCondition), fragmentType.isComposite,
              let parentType = context.parentType,
              !context.schema.doTypesOverlap(fragmentType, parentType) else { return }
        context.reportError(GraphQLError(
            "Fragment '\(name)' cannot be spread here as objects of type '\(parentType.name)' can never be of type '\(fragmentType.name)'.",
            nodes: [node]))
    }
}
