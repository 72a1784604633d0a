/// Every selected field must be defined by its parent type (or be the `__typename` meta-field).
///
/// See https://spec.graphql.org/draft/#sec-Field-Selections
public final class FieldsOnCorrectTypeRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterField] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterField(_ node: FieldNode) {
        guard let parentType = context.parentType, context.fieldDefinition == nil else { return }
        let fieldName = node.name.value
        // First suggest types to condition on, then (if none) fields with similar names.
        var suggestion = didYouMean(
            context.hideSuggestions ? [] : suggestedTypeNames(parentType, fieldName), "to use an inline fragment on")
        if suggestion.isEmpty {
            suggestion = didYouMean(context.hideSuggestions ? [] : suggestedFieldNames(parentType, fieldName))
        }
        context.reportError(GraphQLError("Cannot query field '\(fieldName)' on type '\(parentType.name)'." + suggestion, nodes: [node]))
    }

    /// For an abstract type: the possible types and their interfaces that define the field, the most
    /// often referenced first, super types before their subtypes, then by name.
    private func suggestedTypeNames(_ type: GraphQLNamedType, _ fieldName: String) -> [String] {
        guard type.isAbstract else { return [] }
        let schema = context.schema
        var suggested: [GraphQLNamedType] = []
        var usageCount: [String: Int] = [:]
        for possibleType in schema.possibleTypes(of: type) where possibleType.fields[fieldName] != nil {
            if usageCount[possibleType.name] == nil { suggested.append(possibleType) }
            usageCount[possibleType.name] = 1
            for interface in possibleType.interfaces where interface.fields[fieldName] != nil {
                if usageCount[interface.name] == nil { suggested.append(interface) }
                usageCount[interface.name, default: 0] += 1
            }
        }
        func order(_ a: GraphQLNamedType, _ b: GraphQLNamedType) -> Int {
            let byUsage = usageCount[b.name, default: 0] - usageCount[a.name, default: 0]
            if byUsage != 0 { return byUsage }
            if a is GraphQLInterfaceType && schema.isSubType(a, b) { return -1 }
            if b is GraphQLInterfaceType && schema.isSubType(b, a) { return 1 }
            return naturalCompare(a.name, b.name)
        }
        // A stable insertion sort, so that the comparison decides exactly as graphql-core's sort does.
        var sorted: [GraphQLNamedType] = []
        for type in suggested {
            var index = sorted.count
            while index > 0 && order(type, sorted[index - 1]) < 0 { index -= 1 }
            sorted.insert(type, at: index)
        }
        return sorted.map(\.name)
    }

    /// Fields of an object or interface type whose names are close to the one asked for.
    private func suggestedFieldNames(_ type: GraphQLNamedType, _ fieldName: String) -> [String] {
        if let object = type as? GraphQLObjectType { return suggestionList(fieldName, object.fields.keys) }
        if let interface = type as? GraphQLInterfaceType { return suggestionList(fieldName, interface.fields.keys) }
        return []
    }
}
