/// A subscription must select exactly one root field, not an introspection field, and without `@skip` or
/// `@include` at the top level (its fields are collected as execution would collect them).
///
/// See https://spec.graphql.org/draft/#sec-Single-root-field
public final class SingleFieldSubscriptionsRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        guard node.operation == .subscription, let subscriptionType = context.schema.subscriptionType else { return }
        var collector = RootFieldCollector(context: context, runtimeType: subscriptionType)
        collector.collect(node.selectionSet, deferUsage: nil)
        if context.isAborted { return }

        let subject = node.name.map { "Subscription '\($0.value)'" } ?? "Anonymous Subscription"
        if !collector.forbiddenDirectives.isEmpty {
            context.reportError(GraphQLError(
                "\(subject) must not use `@skip` or `@include` directives in the top level selection.",
                nodes: collector.forbiddenDirectives))
            return
        }
        let groups = collector.groups
        if groups.isEmpty {
            context.reportError(GraphQLError("\(subject) must select one top level field.", nodes: [node.selectionSet]))
        } else if groups.count > 1 {
            context.reportError(GraphQLError(
                "\(subject) must select only one top level field.", nodes: groups.dropFirst().flatMap { $0 }))
        }
        for fields in groups where fields[0].name.value.hasPrefix("__") {
            context.reportError(GraphQLError("\(subject) must not select an introspection top level field.", nodes: fields))
        }
    }
}

/// Collects the root fields of a subscription by response key, as graphql-js `collectFields` does with
/// no variable values and `@skip`/`@include` forbidden (each one found is noted and its selection left out).
private struct RootFieldCollector {
    let context: ValidationContext
    let runtimeType: GraphQLObjectType
    private(set) var groups: [[FieldNode]] = []
    private var groupIndex: [String: Int] = [:]
    private(set) var forbiddenDirectives: [DirectiveNode] = []
    /// For each fragment: the `@defer` usages it was collected under (`noDefer` for none).
    private var visitedFragments: [String: Set<Int>] = [:]
    private static let noDefer = Int.min

    init(context: ValidationContext, runtimeType: GraphQLObjectType) {
        self.context = context
        self.runtimeType = runtimeType
    }

    /// `deferUsage` identifies the `@defer` directive (by its offset) the selections are collected under.
    mutating func collect(_ selectionSet: SelectionSetNode, deferUsage: Int?) {
        spendWork(on: selectionSet)
        if context.isAborted { return }
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                if !shouldInclude(field.directives) { continue }
                let key = field.responseKey
                if let index = groupIndex[key] {
                    groups[index].append(field)
                } else {
                    groupIndex[key] = groups.count
                    groups.append([field])
                }
            case .inlineFragment(let inline):
                if !shouldInclude(inline.directives) || !conditionMatches(inline.typeCondition) { continue }
                collect(inline.selectionSet, deferUsage: Self.deferUsage(inline.directives) ?? deferUsage)
            case .fragmentSpread(let spread):
                if !shouldInclude(spread.directives) { continue }
                let name = spread.name.value
                guard let fragment = context.fragment(named: name), conditionMatches(fragment.typeCondition) else { continue }
                let usage = Self.deferUsage(spread.directives) ?? deferUsage
                let visited = visitedFragments[name, default: []]
                if visited.contains(Self.noDefer) || (usage.map { visited.contains($0) } ?? false) { continue }
                visitedFragments[name, default: []].insert(usage ?? Self.noDefer)
                collect(fragment.selectionSet, deferUsage: usage)
            }
            if context.isAborted { return }
        }
    }

    /// Charges the work of a selection set to the context's fragment budget.
    private func spendWork(on selectionSet: SelectionSetNode) {
        context.spendFragmentWork(selectionSet.selections.count)
        for selection in selectionSet.selections {
            let directives = selection.directives
            if directives.isEmpty { continue }
            context.spendFragmentWork(directives.count)
            if let deferDirective = directives.first(where: { $0.name.value == "defer" }), !deferDirective.arguments.isEmpty {
                context.spendFragmentWork(deferDirective.arguments.count)
            }
        }
    }

    private mutating func shouldInclude(_ directives: [DirectiveNode]) -> Bool {
        if let skip = directives.first(where: { $0.name.value == "skip" }) {
            forbiddenDirectives.append(skip)
            return false
        }
        if let include = directives.first(where: { $0.name.value == "include" }) {
            forbiddenDirectives.append(include)
            return false
        }
        return true
    }

    private func conditionMatches(_ condition: NamedTypeNode?) -> Bool {
        guard let condition else { return true }
        guard let type = typeFromAST(context.schema, condition) else { return false }
        if type === runtimeType { return true }
        return type.isAbstract && context.schema.isSubType(type, runtimeType)
    }

    /// The `@defer` directive in effect, unless it is off (`if: false`); identified by its offset.
    private static func deferUsage(_ directives: [DirectiveNode]) -> Int? {
        guard let deferDirective = directives.first(where: { $0.name.value == "defer" }) else { return nil }
        if let condition = deferDirective.arguments.first(where: { $0.name.value == "if" }),
           case .boolean(let value) = condition.value, !value.value {
            return nil
        }
        return deferDirective.loc?.start ?? -1
    }
}
