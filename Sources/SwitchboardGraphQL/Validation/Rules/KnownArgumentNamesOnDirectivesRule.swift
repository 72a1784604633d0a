/// Every argument given to a directive must be defined by the directive (the SDL part of
/// `KnownArgumentNamesRule`).
public class KnownArgumentNamesOnDirectivesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterDirective] }
    let context: ASTValidationContext
    private let argumentNamesByDirective: [String: [String]]

    public required init(context: ASTValidationContext) {
        self.context = context
        let (schemaDirectives, documentDirectives) = RuleSupport.directiveDefinitions(context)
        var map: [String: [String]] = [:]
        for directive in schemaDirectives { map[directive.name] = directive.args.map(\.name) }
        for definition in documentDirectives { map[definition.name.value] = definition.arguments.map(\.name.value) }
        argumentNamesByDirective = map
        super.init(context: context)
    }

    override public func enterDirective(_ node: DirectiveNode, location: DirectiveLocation) {
        let directiveName = node.name.value
        if let known = argumentNamesByDirective[directiveName] {
            for argument in node.arguments where !known.contains(argument.name.value) {
                let name = argument.name.value
                let suggestions = context.hideSuggestions ? [] : suggestionList(name, known)
                context.reportError(GraphQLError(
                    "Unknown argument '\(name)' on directive '@\(directiveName)'." + didYouMean(suggestions), nodes: [argument]))
            }
        }
        // Directive arguments are all checked here.
        skipSubtree()
    }
}
