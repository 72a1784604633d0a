/// `@defer` and `@stream` may not be used on the root fields of mutations and subscriptions
/// (graphql-core `DeferStreamDirectiveOnRootField`).
public final class DeferStreamDirectiveOnRootFieldRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterOperationDefinition] }
    private let context: ValidationContext
    /// Fragments already checked without error.
    private var checkedFragments = Set<String>()

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterOperationDefinition(_ node: OperationDefinitionNode) {
        guard node.operation == .subscription || node.operation == .mutation,
              let rootType = context.schema.rootType(for: node.operation) else { return }
        var visited = Set<String>()
        if forbidDeferAndStream(node.operation, rootType, node.selectionSet, &visited) {
            checkedFragments.formUnion(visited)
        }
    }

    /// Reports `@stream` on root fields and `@defer` on root fragments; returns whether none was found.
    private func forbidDeferAndStream(_ operation: OperationType, _ rootType: GraphQLObjectType,
                                      _ selectionSet: SelectionSetNode, _ visited: inout Set<String>) -> Bool {
        var valid = true
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                if let stream = field.directives.first(where: { $0.name.value == "stream" }) {
                    valid = false
                    context.reportError(GraphQLError(
                        "Stream directive cannot be used on root \(operation.rawValue) type '\(rootType.name)'.", nodes: [stream]))
                }
            case .fragmentSpread(let spread):
                let name = spread.name.value
                if !visited.insert(name).inserted { continue }
                guard let fragment = context.fragment(named: name) else { continue }
                if let deferDirective = spread.directives.first(where: { $0.name.value == "defer" }) {
                    valid = false
                    context.reportError(GraphQLError(
                        "Defer directive cannot be used on root \(operation.rawValue) type '\(rootType.name)'.", nodes: [deferDirective]))
                }
                if !checkedFragments.contains(name) {
                    valid = forbidDeferAndStream(operation, rootType, fragment.selectionSet, &visited) && valid
                }
            case .inlineFragment(let inline):
                if let deferDirective = inline.directives.first(where: { $0.name.value == "defer" }) {
                    valid = false
                    context.reportError(GraphQLError(
                        "Defer directive cannot be used on root \(operation.rawValue) type '\(rootType.name)'.", nodes: [deferDirective]))
                }
                valid = forbidDeferAndStream(operation, rootType, inline.selectionSet, &visited) && valid
            }
        }
        return valid
    }
}
