/// Field collection (graphql-js `execution/collectFields`): the fields a selection set asks of one
/// runtime object type, after fragments, `@skip` and `@include`, grouped by response key in order.

/// The fields that share one response key, in the order they were written.
struct CollectedField {
    let responseKey: String
    var nodes: [FieldNode]
}

/// Collects the fields of `selectionSets` (the operation's, or those of every node of a merged field)
/// for `runtimeType`. Throws when a `@skip`/`@include` argument is invalid.
func collectFields(
    schema: GraphQLSchema,
    fragments: [String: FragmentDefinitionNode],
    variables: [String: GraphQLValue],
    runtimeType: GraphQLObjectType,
    selectionSets: [SelectionSetNode]
) throws(GraphQLError) -> [CollectedField] {
    var collector = FieldCollector(schema: schema, fragments: fragments, variables: variables, runtimeType: runtimeType)
    for selectionSet in selectionSets {
        try collector.collect(selectionSet)
    }
    return collector.fields
}

private struct FieldCollector {
    let schema: GraphQLSchema
    let fragments: [String: FragmentDefinitionNode]
    let variables: [String: GraphQLValue]
    let runtimeType: GraphQLObjectType
    var fields: [CollectedField] = []
    var indexByKey: [String: Int] = [:]
    /// Shared by all selection sets of one collection, as in graphql-js: a fragment is spread once.
    var visitedFragments: Set<String> = []

    init(schema: GraphQLSchema, fragments: [String: FragmentDefinitionNode], variables: [String: GraphQLValue],
         runtimeType: GraphQLObjectType) {
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.runtimeType = runtimeType
    }

    mutating func collect(_ selectionSet: SelectionSetNode) throws(GraphQLError) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard try shouldInclude(field.directives) else { continue }
                let key = field.responseKey
                if let i = indexByKey[key] {
                    fields[i].nodes.append(field)
                } else {
                    indexByKey[key] = fields.count
                    fields.append(CollectedField(responseKey: key, nodes: [field]))
                }
            case .inlineFragment(let fragment):
                guard try shouldInclude(fragment.directives), conditionMatches(fragment.typeCondition) else { continue }
                try collect(fragment.selectionSet)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visitedFragments.contains(name), try shouldInclude(spread.directives) else { continue }
                visitedFragments.insert(name)
                guard let fragment = fragments[name], conditionMatches(fragment.typeCondition) else { continue }
                try collect(fragment.selectionSet)
            }
        }
    }

    /// `@skip(if: true)` and `@include(if: false)` leave a selection out.
    private func shouldInclude(_ directives: [DirectiveNode]) throws(GraphQLError) -> Bool {
        if directives.isEmpty { return true }
        if let skip = try getDirectiveValues(GraphQLSkipDirective, directives, variables: variables), skip["if"] == .boolean(true) {
            return false
        }
        if let include = try getDirectiveValues(GraphQLIncludeDirective, directives, variables: variables), include["if"] == .boolean(false) {
            return false
        }
        return true
    }

    private func conditionMatches(_ condition: NamedTypeNode?) -> Bool {
        guard let condition else { return true }
        guard let conditionType = schema.type(named: condition.name.value) else { return false }
        if conditionType === runtimeType { return true }
        return conditionType.isAbstract && schema.isSubType(conditionType, runtimeType)
    }
}
