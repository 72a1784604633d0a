/// Introspection queries may not nest the list fields of `__Type` (`fields`, `interfaces`,
/// `possibleTypes`, `inputFields`) three deep, which would make responses explode.
public final class MaxIntrospectionDepthRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterField] }
    private let context: ASTValidationContext
    /// For each fragment: the greatest entry depth at which its check completed without reaching the limit.
    private var checkedFragments: [String: Int] = [:]
    /// For each fragment: the smallest entry depth at which its check reached the limit.
    private var exceededFragments: [String: Int] = [:]

    private static let maxListDepth = 3

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterField(_ node: FieldNode) {
        let name = node.name.value
        guard name == "__schema" || name == "__type" else { return }
        if exceedsDepth(node) {
            context.reportError(GraphQLError("Maximum introspection depth exceeded", nodes: [node]))
            skipSubtree()
        }
    }

    private struct Frame {
        var selections: [SelectionNode]
        var index: Int
        var depth: Int
        /// The fragment these selections belong to, if any.
        var fragment: String?
    }

    /// Walks depth first with an explicit stack (in the order of a recursive walk), so that long fragment
    /// chains cannot exhaust the call stack.
    private func exceedsDepth(_ root: FieldNode) -> Bool {
        // For each fragment: the greatest entry depth at which it was visited in this check.
        var visitedFragments: [String: Int] = [:]
        var stack = [Frame(selections: [.field(root)], index: 0, depth: 0, fragment: nil)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let index = stack[top].index
            if index >= stack[top].selections.count {
                let finished = stack.removeLast()
                if let fragment = finished.fragment { checkedFragments[fragment] = finished.depth }
                continue
            }
            stack[top].index = index + 1
            var depth = stack[top].depth
            switch stack[top].selections[index] {
            case .fragmentSpread(let spread):
                let name = spread.name.value
                // A check that reached the limit will reach it again from an equal or greater depth.
                if let exceeded = exceededFragments[name], exceeded <= depth {
                    markExceeded(stack)
                    return true
                }
                // Skip revisits at equal or shallower depths: they break cycles and reuse completed checks.
                if visitedFragments[name, default: -1] >= depth || checkedFragments[name, default: -1] >= depth { continue }
                guard let fragment = context.fragment(named: name) else { continue }
                visitedFragments[name] = depth
                stack.append(Frame(selections: fragment.selectionSet.selections, index: 0, depth: depth, fragment: name))
            case .field(let field):
                switch field.name.value {
                case "fields", "interfaces", "possibleTypes", "inputFields":
                    depth += 1
                    if depth >= Self.maxListDepth {
                        markExceeded(stack)
                        return true
                    }
                default:
                    break
                }
                if let selectionSet = field.selectionSet {
                    stack.append(Frame(selections: selectionSet.selections, index: 0, depth: depth, fragment: nil))
                }
            case .inlineFragment(let inline):
                stack.append(Frame(selections: inline.selectionSet.selections, index: 0, depth: depth, fragment: nil))
            }
        }
        return false
    }

    /// Notes that every fragment being checked reached the limit, innermost first, so that a fragment
    /// entered twice keeps the smaller depth.
    private func markExceeded(_ stack: [Frame]) {
        for frame in stack.reversed() {
            if let fragment = frame.fragment { exceededFragments[fragment] = frame.depth }
        }
    }
}
