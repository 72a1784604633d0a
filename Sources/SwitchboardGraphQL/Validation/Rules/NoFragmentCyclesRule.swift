/// Fragment spreads must not form cycles (a fragment may not spread itself, even indirectly).
///
/// See https://spec.graphql.org/draft/#sec-Fragment-spreads-must-not-form-cycles
public final class NoFragmentCyclesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition, .enterFragmentDefinition] }
    private let context: ASTValidationContext
    /// Fragments already explored, so that each cycle is reported once and the walk stays linear.
    private var visitedFragments = Set<String>()
    /// The spreads from the fragment where the search began to the current one.
    private var spreadPath: [FragmentSpreadNode] = []
    /// Where each fragment on the path is in `spreadPath`.
    private var spreadPathIndexByName: [String: Int] = [:]

    public required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        skipSubtree()
    }

    override public func enterFragmentDefinition(_ node: FragmentDefinitionNode) {
        detectCycles(from: node)
        skipSubtree()
    }

    /// A depth-first search that keeps going after a cycle, to find every cycle.
    private func detectCycles(from fragment: FragmentDefinitionNode) {
        let name = fragment.name.value
        if !visitedFragments.insert(name).inserted { return }
        let spreads = context.fragmentSpreads(in: fragment.selectionSet)
        if spreads.isEmpty { return }
        spreadPathIndexByName[name] = spreadPath.count
        for spread in spreads {
            let spreadName = spread.name.value
            let cycleIndex = spreadPathIndexByName[spreadName]
            spreadPath.append(spread)
            if let cycleIndex {
                let cyclePath = Array(spreadPath[cycleIndex...])
                let via = cyclePath.dropLast().map { "'\($0.name.value)'" }.joined(separator: ", ")
                context.reportError(GraphQLError(
                    "Cannot spread fragment '\(spreadName)' within itself" + (via.isEmpty ? "." : " via \(via)."),
                    nodes: cyclePath))
            } else if let spreadFragment = context.fragment(named: spreadName) {
                detectCycles(from: spreadFragment)
            }
            spreadPath.removeLast()
        }
        spreadPathIndexByName[name] = nil
    }
}
