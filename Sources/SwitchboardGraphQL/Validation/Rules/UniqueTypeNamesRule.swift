/// Types must have unique names, also among the types of the schema an SDL document extends.
public final class UniqueTypeNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterTypeSystemDefinition] }
    private let context: ASTValidationContext
    private var knownTypeNames: [String: NameNode] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterTypeSystemDefinition(_ node: DefinitionNode) {
        guard let name = RuleSupport.typeDefinitionName(node) else { return }
        let typeName = name.value
        if context.definedSchema?.type(named: typeName) != nil {
            context.reportError(GraphQLError(
                "Type '\(typeName)' already exists in the schema. It cannot also be defined in this type definition.", nodes: [name]))
        } else if let known = knownTypeNames[typeName] {
            context.reportError(GraphQLError("There can be only one type named '\(typeName)'.", nodes: [known, name]))
        } else {
            knownTypeNames[typeName] = name
        }
    }
}
