/// The `label` of `@defer` and `@stream` must be a static string, unique in the document
/// (graphql-core `DeferStreamDirectiveLabel`).
public final class DeferStreamDirectiveLabelRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterDirective] }
    private let context: ASTValidationContext
    private var knownLabels: [String: DirectiveNode] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterDirective(_ node: DirectiveNode, location: DirectiveLocation) {
        let name = node.name.value
        guard name == "defer" || name == "stream",
              let label = node.arguments.first(where: { $0.name.value == "label" }) else { return }
        switch label.value {
        case .null:
            return
        case .string(let string):
            if let known = knownLabels[string.value] {
                context.reportError(GraphQLError("Defer/Stream directive label argument must be unique.", nodes: [known, node]))
            } else {
                knownLabels[string.value] = node
            }
        default:
            context.reportError(GraphQLError(
                "\(RuleSupport.capitalized(name)) directive label argument must be a static string.", nodes: [node]))
        }
    }
}
