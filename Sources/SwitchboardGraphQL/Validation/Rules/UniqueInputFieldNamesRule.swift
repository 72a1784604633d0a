/// An input object value may give each field only once.
///
/// See https://spec.graphql.org/draft/#sec-Input-Object-Field-Uniqueness
public final class UniqueInputFieldNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterValue, .leaveValue, .enterObjectField] }
    private let context: ASTValidationContext
    private var knownNamesStack: [[String: NameNode]] = []
    private var knownNames: [String: NameNode] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterValue(_ node: ValueNode) {
        guard case .object = node else { return }
        knownNamesStack.append(knownNames)
        knownNames = [:]
    }

    override public func leaveValue(_ node: ValueNode) {
        guard case .object = node else { return }
        knownNames = knownNamesStack.removeLast()
    }

    override public func enterObjectField(_ node: ObjectFieldNode) {
        let name = node.name.value
        if let known = knownNames[name] {
            context.reportError(GraphQLError("There can be only one input field named '\(name)'.", nodes: [known, node.name]))
        } else {
            knownNames[name] = node.name
        }
    }
}
