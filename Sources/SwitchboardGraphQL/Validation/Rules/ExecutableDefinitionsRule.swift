/// A document for execution may only define operations and fragments.
///
/// See https://spec.graphql.org/draft/#sec-Executable-Definitions
public final class ExecutableDefinitionsRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterDocument] }
    private let context: ASTValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterDocument(_ node: DocumentNode) {
        for definition in node.definitions where !definition.isExecutable {
            let name: String
            switch definition {
            case .schema, .schemaExtension: name = "schema"
            default: name = "'\(Self.name(of: definition))'"
            }
            context.reportError(GraphQLError("The \(name) definition is not executable.", nodes: [definition]))
        }
        skipSubtree()
    }

    private static func name(of definition: DefinitionNode) -> String {
        if let name = RuleSupport.typeDefinitionName(definition) ?? RuleSupport.typeExtensionName(definition) {
            return name.value
        }
        if case .directive(let directive) = definition { return directive.name.value }
        if case .directiveExtension(let directive) = definition { return directive.name.value }
        return ""
    }
}
