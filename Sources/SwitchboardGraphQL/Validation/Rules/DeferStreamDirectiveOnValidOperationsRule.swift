/// Subscriptions may not use `@defer` or `@stream` unless they can be turned off: by `if: false` or a
/// variable, or by a `@skip`/`@include` on the selection or around it.
public final class DeferStreamDirectiveOnValidOperationsRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition] }
    private let context: ASTValidationContext
    /// Fragments already checked without error.
    private var checkedFragments = Set<String>()

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        guard node.operation == .subscription else { return }
        var visited = Set<String>()
        var parents: [FragmentSpreadNode] = []
        if forbidUnconditional(node.selectionSet, &parents, &visited) {
            checkedFragments.formUnion(visited)
        }
    }

    /// Reports each `@defer` and `@stream` that cannot be off; returns whether none was found.
    private func forbidUnconditional(_ selectionSet: SelectionSetNode, _ parents: inout [FragmentSpreadNode],
                                     _ visited: inout Set<String>) -> Bool {
        var valid = true
        for selection in selectionSet.selections {
            let directives = selection.directives
            if let skip = directives.first(where: { $0.name.value == "skip" }), Self.canSkip(skip) { continue }
            if let include = directives.first(where: { $0.name.value == "include" }), Self.canExclude(include) { continue }
            for directive in directives {
                let message: String
                switch directive.name.value {
                case "defer":
                    if Self.ifArgumentCanBeFalse(directive) { continue }
                    message = "Defer directive not supported on subscription operations. Disable `@defer` by setting the `if` argument to `false`."
                case "stream":
                    if Self.ifArgumentCanBeFalse(directive) { continue }
                    message = "Stream directive not supported on subscription operations. Disable `@stream` by setting the `if` argument to `false`."
                default:
                    continue
                }
                valid = false
                context.reportError(GraphQLError(message, nodes: [directive] + parents.reversed()))
            }
            switch selection {
            case .fragmentSpread(let spread):
                let name = spread.name.value
                if visited.contains(name) || checkedFragments.contains(name) { continue }
                visited.insert(name)
                if let fragment = context.fragment(named: name) {
                    parents.append(spread)
                    valid = forbidUnconditional(fragment.selectionSet, &parents, &visited) && valid
                    parents.removeLast()
                }
            case .field(let field):
                if let nested = field.selectionSet {
                    valid = forbidUnconditional(nested, &parents, &visited) && valid
                }
            case .inlineFragment(let inline):
                valid = forbidUnconditional(inline.selectionSet, &parents, &visited) && valid
            }
        }
        return valid
    }

    private static func ifArgument(_ directive: DirectiveNode) -> ArgumentNode? {
        directive.arguments.first { $0.name.value == "if" }
    }

    /// `@defer(if: false)` or `@defer(if: $variable)`.
    private static func ifArgumentCanBeFalse(_ directive: DirectiveNode) -> Bool {
        guard let argument = ifArgument(directive) else { return false }
        switch argument.value {
        case .boolean(let value): return !value.value
        case .variable: return true
        default: return false
        }
    }

    /// `@skip(if: true)` or `@skip(if: $variable)`; a `@skip` without `if` (an error of its own) counts too.
    private static func canSkip(_ directive: DirectiveNode) -> Bool {
        guard let argument = ifArgument(directive) else { return true }
        if case .boolean(let value) = argument.value { return value.value }
        return true
    }

    /// `@include(if: false)` or `@include(if: $variable)`; an `@include` without `if` does not count.
    private static func canExclude(_ directive: DirectiveNode) -> Bool {
        guard let argument = ifArgument(directive) else { return false }
        if case .boolean(let value) = argument.value { return !value.value }
        return true
    }
}
