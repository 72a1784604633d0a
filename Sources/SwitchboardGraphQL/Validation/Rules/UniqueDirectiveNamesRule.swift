/// Directives must have unique names, also among the directives of the schema an SDL document extends.
public final class UniqueDirectiveNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterTypeSystemDefinition] }
    private let context: ASTValidationContext
    private var knownDirectiveNames: [String: NameNode] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterTypeSystemDefinition(_ node: DefinitionNode) {
        guard case .directive(let definition) = node else { return }
        let name = definition.name
        if context.definedSchema?.directive(named: name.value) != nil {
            context.reportError(GraphQLError(
                "Directive '@\(name.value)' already exists in the schema. It cannot be redefined.", nodes: [name]))
        } else if let known = knownDirectiveNames[name.value] {
            context.reportError(GraphQLError("There can be only one directive named '@\(name.value)'.", nodes: [known, name]))
        } else {
            knownDirectiveNames[name.value] = name
        }
    }
}
