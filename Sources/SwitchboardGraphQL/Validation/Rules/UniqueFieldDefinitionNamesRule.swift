/// The fields of an object, interface or input object type must have unique names, across its definition
/// and extensions and the schema an SDL document extends.
public final class UniqueFieldDefinitionNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterTypeSystemDefinition] }
    private let context: ASTValidationContext
    private var knownFieldNames = DefinedNames()

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterTypeSystemDefinition(_ node: DefinitionNode) {
        switch node {
        case .inputObjectType(let d): check(d.name.value, d.fields) { $0.name }
        case .inputObjectTypeExtension(let d): check(d.name.value, d.fields) { $0.name }
        case .interfaceType(let d): check(d.name.value, d.fields) { $0.name }
        case .interfaceTypeExtension(let d): check(d.name.value, d.fields) { $0.name }
        case .objectType(let d): check(d.name.value, d.fields) { $0.name }
        case .objectTypeExtension(let d): check(d.name.value, d.fields) { $0.name }
        default: break
        }
    }

    private func check<Field>(_ typeName: String, _ fields: [Field], _ nameOf: (Field) -> NameNode) {
        let existing = context.definedSchema?.type(named: typeName)
        knownFieldNames.begin(typeName)
        for field in fields {
            let name = nameOf(field)
            let fieldName = name.value
            if let existing, Self.hasField(existing, fieldName) {
                context.reportError(GraphQLError(
                    "Field '\(typeName).\(fieldName)' already exists in the schema. It cannot also be defined in this type extension.",
                    nodes: [name]))
            } else if let known = knownFieldNames.earlierDefinition(of: name) {
                context.reportError(GraphQLError("Field '\(typeName).\(fieldName)' can only be defined once.", nodes: [known, name]))
            }
        }
        knownFieldNames.end()
    }

    private static func hasField(_ type: GraphQLNamedType, _ name: String) -> Bool {
        switch type {
        case let object as GraphQLObjectType: return object.fields[name] != nil
        case let interface as GraphQLInterfaceType: return interface.fields[name] != nil
        case let input as GraphQLInputObjectType: return input.fields[name] != nil
        default: return false
        }
    }
}
