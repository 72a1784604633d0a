/// Every type a document refers to (variable types, type conditions, and in SDL field and argument types,
/// interfaces, union members) must be defined by the schema or the document.
///
/// See https://spec.graphql.org/draft/#sec-Fragment-Spread-Type-Existence
public final class KnownTypeNamesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterNamedType] }
    private let context: ASTValidationContext
    private let existingTypes: OrderedDictionary<String, GraphQLNamedType>
    private var definedTypeNames: Set<String>?
    private var typeNames: [String]?

    public required init(context: ASTValidationContext) {
        self.context = context
        existingTypes = context.definedSchema?.typeMap ?? [:]
        super.init(context: context)
    }

    override public func enterNamedType(_ node: NamedTypeNode, inTypeSystemDefinition isSDL: Bool) {
        let typeName = node.name.value
        if !existingTypes.isEmpty && existingTypes[typeName] != nil { return }
        let defined = definedTypeNames ?? {
            var names = Set<String>()
            for definition in context.document.definitions {
                if let name = RuleSupport.typeDefinitionName(definition) { names.insert(name.value) }
            }
            definedTypeNames = names
            return names
        }()
        if defined.contains(typeName) { return }
        if isSDL && standardTypeNames.contains(typeName) { return }
        var suggestions: [String] = []
        if !context.hideSuggestions {
            let names = typeNames ?? {
                var names = existingTypes.keys
                names.append(contentsOf: defined.filter { existingTypes[$0] == nil })
                typeNames = names
                return names
            }()
            suggestions = suggestionList(typeName, isSDL ? standardTypeNamesList + names : names)
        }
        context.reportError(GraphQLError("Unknown type '\(typeName)'." + didYouMean(suggestions), nodes: [node]))
    }
}

/// The built-in scalars and the introspection types, which SDL may refer to without defining them.
private let standardTypeNamesList: [String] = specifiedScalarTypes.map(\.name) + introspectionTypes.map(\.name)
private let standardTypeNames = Set(standardTypeNamesList)
