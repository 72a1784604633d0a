/// An enum type's values must have unique names, across its definition and extensions and the schema
/// an SDL document extends.
public final class UniqueEnumValueNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterTypeSystemDefinition] }
    private let context: ASTValidationContext
    private var knownValueNames = DefinedNames()

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterTypeSystemDefinition(_ node: DefinitionNode) {
        switch node {
        case .enumType(let enumType): check(enumType.name.value, enumType.values)
        case .enumTypeExtension(let enumType): check(enumType.name.value, enumType.values)
        default: break
        }
    }

    private func check(_ typeName: String, _ values: [EnumValueDefinitionNode]) {
        let existing = context.definedSchema?.type(named: typeName) as? GraphQLEnumType
        knownValueNames.begin(typeName)
        defer { knownValueNames.end() }
        for value in values {
            let valueName = value.name.value
            if let existing, existing.value(named: valueName) != nil {
                context.reportError(GraphQLError(
                    "Enum value '\(typeName).\(valueName)' already exists in the schema. It cannot also be defined in this type extension.",
                    nodes: [value.name]))
            } else if let known = knownValueNames.earlierDefinition(of: value.name) {
                context.reportError(GraphQLError("Enum value '\(typeName).\(valueName)' can only be defined once.", nodes: [known, value.name]))
            }
        }
    }
}
