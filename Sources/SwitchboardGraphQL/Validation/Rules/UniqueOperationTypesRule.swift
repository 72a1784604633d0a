/// The schema definition and its extensions may name each root operation type only once.
public final class UniqueOperationTypesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterTypeSystemDefinition] }
    private let context: ASTValidationContext
    private var definedOperationTypes: [OperationType: OperationTypeDefinitionNode] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterTypeSystemDefinition(_ node: DefinitionNode) {
        switch node {
        case .schema(let schema): check(schema.operationTypes)
        case .schemaExtension(let schema): check(schema.operationTypes)
        default: break
        }
    }

    private func check(_ operationTypes: [OperationTypeDefinitionNode]) {
        for operationType in operationTypes {
            let operation = operationType.operation
            if context.definedSchema?.rootType(for: operation) != nil {
                context.reportError(GraphQLError(
                    "Type for \(operation.rawValue) already defined in the schema. It cannot be redefined.", nodes: [operationType]))
            } else if let defined = definedOperationTypes[operation] {
                context.reportError(GraphQLError(
                    "There can be only one \(operation.rawValue) type in schema.", nodes: [defined, operationType]))
            } else {
                definedOperationTypes[operation] = operationType
            }
        }
    }
}
