/// A directive that is not repeatable may appear only once at each location. The definitions and
/// extensions of one type (or of the schema, or of a directive) count as one location.
///
/// See https://spec.graphql.org/draft/#sec-Directives-Are-Unique-Per-Location
public final class UniqueDirectivesPerLocationRule: ValidationRule {
    override public class var hooks: ValidationHooks { .enterNodesWithDirectives }
    private let context: ASTValidationContext
    /// For each known directive: whether it is unique (not repeatable).
    private let isUnique: [String: Bool]
    private var schemaDirectives: [String: DirectiveNode] = [:]
    private var typeDirectives: [String: [String: DirectiveNode]] = [:]
    private var directiveDefinitionDirectives: [String: [String: DirectiveNode]] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context
        let (schemaDirectives, documentDirectives) = RuleSupport.directiveDefinitions(context)
        var map: [String: Bool] = [:]
        for directive in schemaDirectives { map[directive.name] = !directive.isRepeatable }
        for definition in documentDirectives { map[definition.name.value] = !definition.repeatable }
        isUnique = map
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) { checkFresh(node.directives) }
    override public func enterFragmentDefinition(_ node: FragmentDefinitionNode) { checkFresh(node.directives) }
    override public func enterVariableDefinition(_ node: VariableDefinitionNode) { checkFresh(node.directives) }
    override public func enterField(_ node: FieldNode) { checkFresh(node.directives) }
    override public func enterFragmentSpread(_ node: FragmentSpreadNode) { checkFresh(node.directives) }
    override public func enterInlineFragment(_ node: InlineFragmentNode) { checkFresh(node.directives) }
    override public func enterFieldDefinition(_ node: FieldDefinitionNode) { checkFresh(node.directives) }
    override public func enterInputValueDefinition(_ node: InputValueDefinitionNode) { checkFresh(node.directives) }
    override public func enterEnumValueDefinition(_ node: EnumValueDefinitionNode) { checkFresh(node.directives) }

    override public func enterTypeSystemDefinition(_ node: DefinitionNode) {
        switch node {
        case .schema(let schema):
            check(schema.directives, seen: &schemaDirectives)
        case .schemaExtension(let schema):
            check(schema.directives, seen: &schemaDirectives)
        case .scalarType(let d): checkType(d.name.value, d.directives)
        case .objectType(let d): checkType(d.name.value, d.directives)
        case .interfaceType(let d): checkType(d.name.value, d.directives)
        case .unionType(let d): checkType(d.name.value, d.directives)
        case .enumType(let d): checkType(d.name.value, d.directives)
        case .inputObjectType(let d): checkType(d.name.value, d.directives)
        case .scalarTypeExtension(let d): checkType(d.name.value, d.directives)
        case .objectTypeExtension(let d): checkType(d.name.value, d.directives)
        case .interfaceTypeExtension(let d): checkType(d.name.value, d.directives)
        case .unionTypeExtension(let d): checkType(d.name.value, d.directives)
        case .enumTypeExtension(let d): checkType(d.name.value, d.directives)
        case .inputObjectTypeExtension(let d): checkType(d.name.value, d.directives)
        case .directive(let d): checkDirectiveDefinition(d.name.value, d.directives)
        case .directiveExtension(let d): checkDirectiveDefinition(d.name.value, d.directives)
        case .operation, .fragment:
            break
        }
    }

    private func checkType(_ typeName: String, _ directives: [DirectiveNode]) {
        if directives.isEmpty { return }
        check(directives, seen: &typeDirectives[typeName, default: [:]])
    }

    private func checkDirectiveDefinition(_ directiveName: String, _ directives: [DirectiveNode]) {
        if directives.isEmpty { return }
        check(directives, seen: &directiveDefinitionDirectives[directiveName, default: [:]])
    }

    private func checkFresh(_ directives: [DirectiveNode]) {
        if directives.isEmpty { return }
        var seen: [String: DirectiveNode] = [:]
        check(directives, seen: &seen)
    }

    private func check(_ directives: [DirectiveNode], seen: inout [String: DirectiveNode]) {
        for directive in directives {
            let name = directive.name.value
            guard isUnique[name] == true else { continue }
            if let first = seen[name] {
                context.reportError(GraphQLError("The directive '@\(name)' can only be used once at this location.", nodes: [first, directive]))
            } else {
                seen[name] = directive
            }
        }
    }
}
