/// An SDL document may define the schema once, and not at all when it extends a schema that has one.
public final class LoneSchemaDefinitionRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterTypeSystemDefinition] }
    private let context: ASTValidationContext
    private let alreadyDefined: Bool
    private var schemaDefinitionsCount = 0

    public required init(context: ASTValidationContext) {
        self.context = context
        if let schema = context.definedSchema {
            alreadyDefined = schema.astNode != nil || schema.queryType != nil || schema.mutationType != nil
                || schema.subscriptionType != nil
        } else {
            alreadyDefined = false
        }
        super.init(context: context)
    }

    override public func enterTypeSystemDefinition(_ node: DefinitionNode) {
        guard case .schema = node else { return }
        if alreadyDefined {
            context.reportError(GraphQLError("Cannot define a new schema within a schema extension.", nodes: [node]))
            return
        }
        if schemaDefinitionsCount > 0 {
            context.reportError(GraphQLError("Must provide only one schema definition.", nodes: [node]))
        }
        schemaDefinitionsCount += 1
    }
}
