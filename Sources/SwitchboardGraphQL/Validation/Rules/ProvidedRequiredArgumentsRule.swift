/// A field or directive must be given every argument that is non-null and has no default value.
///
/// See https://spec.graphql.org/draft/#sec-Required-Arguments
public final class ProvidedRequiredArgumentsRule: ProvidedRequiredArgumentsOnDirectivesRule {
    override public class var hooks: ValidationHooks { [.leaveDirective, .leaveField] }
    private let typeInfo: TypeInfo

    public required init(context: ASTValidationContext) {
        typeInfo = (context as! ValidationContext).typeInfo
        super.init(context: context)
    }

    // Checked on leave, so that errors inside the arguments come first.
    override public func leaveField(_ node: FieldNode) {
        guard let field = typeInfo.fieldDefinition, !field.args.isEmpty else { return }
        for argument in field.args where RuleSupport.isRequired(argument) {
            if node.arguments.contains(where: { $0.name.value == argument.name }) { continue }
            let parent: String
            if let fieldType = typeInfo.type?.namedType, fieldType.isIntrospectionType {
                parent = "<meta>."
            } else {
                parent = typeInfo.parentType.map { "\($0.name)." } ?? ""
            }
            context.reportError(GraphQLError(
                "Argument '\(parent)\(node.name.value)(\(argument.name):)' of type '\(argument.type)' is required, but it was not provided.",
                nodes: [node]))
        }
    }
}
