/// A directive must be given every argument that is non-null and has no default value (the SDL part of
/// `ProvidedRequiredArgumentsRule`).
public class ProvidedRequiredArgumentsOnDirectivesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.leaveDirective] }
    let context: ASTValidationContext
    /// For each directive: its required arguments, with their types as messages print them.
    private let requiredArguments: [String: [(name: String, type: String)]]

    public required init(context: ASTValidationContext) {
        self.context = context
        let (schemaDirectives, documentDirectives) = RuleSupport.directiveDefinitions(context)
        var map: [String: [(name: String, type: String)]] = [:]
        for directive in schemaDirectives {
            map[directive.name] = directive.args.filter(RuleSupport.isRequired).map { ($0.name, "\($0.type)") }
        }
        for definition in documentDirectives {
            map[definition.name.value] = definition.arguments.filter(RuleSupport.isRequired).map { ($0.name.value, printAST($0.type)) }
        }
        requiredArguments = map
        super.init(context: context)
    }

    // Checked on leave, so that errors inside the arguments come first.
    override public func leaveDirective(_ node: DirectiveNode) {
        guard let required = requiredArguments[node.name.value], !required.isEmpty else { return }
        let given = Set(node.arguments.map(\.name.value))
        for argument in required where !given.contains(argument.name) {
            context.reportError(GraphQLError(
                "Argument '@\(node.name.value)(\(argument.name):)' of type '\(argument.type)' is required, but it was not provided.",
                nodes: [node]))
        }
    }
}
