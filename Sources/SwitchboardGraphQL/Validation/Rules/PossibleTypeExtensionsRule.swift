/// A type extension must extend a type that is defined (in the document or the schema it extends) and
/// of the same kind.
public final class PossibleTypeExtensionsRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterTypeSystemDefinition] }
    private let context: ASTValidationContext
    /// The document's type definitions by name (the last of a name), made at the first extension: most
    /// documents extend nothing.
    private var definedTypes: [String: DefinitionNode]?
    private var definedTypeNames: [String] = []

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    private func typeDefinitions() -> [String: DefinitionNode] {
        if let definedTypes { return definedTypes }
        var made: [String: DefinitionNode] = [:]
        for definition in context.document.definitions {
            guard let name = RuleSupport.typeDefinitionName(definition)?.value else { continue }
            if made[name] == nil { definedTypeNames.append(name) }
            made[name] = definition
        }
        definedTypes = made
        return made
    }

    override public func enterTypeSystemDefinition(_ node: DefinitionNode) {
        guard let name = RuleSupport.typeExtensionName(node), let extensionKind = Self.kind(ofExtension: node) else { return }
        let typeName = name.value
        let definition = typeDefinitions()[typeName]
        let expectedKind: TypeKind?
        if let definition {
            expectedKind = Self.kind(ofDefinition: definition)
        } else if let existing = context.definedSchema?.type(named: typeName) {
            expectedKind = existing.kind
        } else {
            expectedKind = nil
        }
        if let expectedKind {
            if expectedKind != extensionKind {
                let nodes: [any Node] = definition.map { [$0, node] } ?? [node]
                context.reportError(GraphQLError("Cannot extend non-\(Self.kindName(extensionKind)) type '\(typeName)'.", nodes: nodes))
            }
        } else {
            var allTypeNames = definedTypeNames
            if let schema = context.definedSchema { allTypeNames.append(contentsOf: schema.typeMap.keys) }
            context.reportError(GraphQLError(
                "Cannot extend type '\(typeName)' because it is not defined." + didYouMean(suggestionList(typeName, allTypeNames)),
                nodes: [name]))
        }
    }

    private static func kind(ofDefinition definition: DefinitionNode) -> TypeKind? {
        switch definition {
        case .scalarType: return .scalar
        case .objectType: return .object
        case .interfaceType: return .interface
        case .unionType: return .union
        case .enumType: return .enum
        case .inputObjectType: return .inputObject
        default: return nil
        }
    }

    private static func kind(ofExtension definition: DefinitionNode) -> TypeKind? {
        switch definition {
        case .scalarTypeExtension: return .scalar
        case .objectTypeExtension: return .object
        case .interfaceTypeExtension: return .interface
        case .unionTypeExtension: return .union
        case .enumTypeExtension: return .enum
        case .inputObjectTypeExtension: return .inputObject
        default: return nil
        }
    }

    private static func kindName(_ kind: TypeKind) -> String {
        switch kind {
        case .scalar: return "scalar"
        case .object: return "object"
        case .interface: return "interface"
        case .union: return "union"
        case .enum: return "enum"
        case .inputObject: return "input object"
        case .list, .nonNull: return "unknown type"
        }
    }
}
