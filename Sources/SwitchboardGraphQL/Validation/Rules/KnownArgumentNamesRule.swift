/// Every argument given to a field or directive must be defined by it.
///
/// See https://spec.graphql.org/draft/#sec-Argument-Names
public final class KnownArgumentNamesRule: KnownArgumentNamesOnDirectivesRule {
    override public class var hooks: ValidationHooks { [.enterDirective, .enterArgument] }
    private let typeInfo: TypeInfo

    public required init(context: ASTValidationContext) {
        typeInfo = (context as! ValidationContext).typeInfo
        super.init(context: context)
    }

    override public func enterArgument(_ node: ArgumentNode, ownerName: String) {
        guard typeInfo.argument == nil, let field = typeInfo.fieldDefinition, let parentType = typeInfo.parentType else { return }
        let name = node.name.value
        let suggestions = context.hideSuggestions ? [] : suggestionList(name, field.args.map(\.name))
        context.reportError(GraphQLError(
            "Unknown argument '\(name)' on field '\(parentType.name).\(ownerName)'." + didYouMean(suggestions), nodes: [node]))
    }
}
