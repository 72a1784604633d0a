/// `@stream` may only be used on list fields (graphql-core `StreamDirectiveOnListField`).
public final class StreamDirectiveOnListFieldRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterDirective] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterDirective(_ node: DirectiveNode, location: DirectiveLocation) {
        guard node.name.value == "stream", let field = context.fieldDefinition, let parentType = context.parentType else { return }
        if case .list = field.type { return }
        if case .nonNull(.list) = field.type { return }
        // The field's name as its parent type knows it (none for meta-fields).
        var fieldName = ""
        let fields = (parentType as? GraphQLObjectType)?.fields ?? (parentType as? GraphQLInterfaceType)?.fields
        if let fields, let index = fields.values.firstIndex(where: { $0 === field }) {
            fieldName = " '\(fields.keys[index])'"
        }
        context.reportError(GraphQLError(
            "Stream directive cannot be used on non-list field\(fieldName) on type '\(parentType.name)'.", nodes: [node]))
    }
}
