/// Fields of scalar and enum types have no selection set; fields of other types must have one.
///
/// See https://spec.graphql.org/draft/#sec-Leaf-Field-Selections
public final class ScalarLeafsRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterField] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterField(_ node: FieldNode) {
        guard let type = context.type else { return }
        let fieldName = node.name.value
        if type.isLeafType {
            if let selectionSet = node.selectionSet {
                context.reportError(GraphQLError(
                    "Field '\(fieldName)' must not have a selection since type '\(type)' has no subfields.", nodes: [selectionSet]))
            }
        } else if node.selectionSet == nil {
            context.reportError(GraphQLError(
                "Field '\(fieldName)' of type '\(type)' must have a selection of subfields. Did you mean '\(fieldName) { ... }'?",
                nodes: [node]))
        }
    }
}
