/// The arguments of each field and directive definition must have unique names.
///
/// See https://spec.graphql.org/draft/#sec-Argument-Uniqueness
public final class UniqueArgumentDefinitionNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterTypeSystemDefinition] }
    private let context: ASTValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterTypeSystemDefinition(_ node: DefinitionNode) {
        switch node {
        case .directive(let d): check(d.arguments) { "@\(d.name.value)" }
        case .interfaceType(let d): checkFields(d.name.value, d.fields)
        case .interfaceTypeExtension(let d): checkFields(d.name.value, d.fields)
        case .objectType(let d): checkFields(d.name.value, d.fields)
        case .objectTypeExtension(let d): checkFields(d.name.value, d.fields)
        default: break
        }
    }

    private func checkFields(_ typeName: String, _ fields: [FieldDefinitionNode]) {
        for field in fields { check(field.arguments) { "\(typeName).\(field.name.value)" } }
    }

    /// `parentName` is made only for an error: most definitions have none.
    private func check(_ arguments: [InputValueDefinitionNode], _ parentName: () -> String) {
        guard RuleSupport.hasRepeatedName(arguments, { $0.name.value }) else { return }
        for group in RuleSupport.groupByName(arguments, { $0.name.value }) where group.items.count > 1 {
            context.reportError(GraphQLError(
                "Argument '\(parentName())(\(group.name):)' can only be defined once.", nodes: group.items.map(\.name)))
        }
    }
}
