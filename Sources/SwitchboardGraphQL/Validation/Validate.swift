/// Checks that a document can be executed against a schema (the spec's "Validation" section,
/// graphql-js `validate`). Returns the errors found, none when the document is valid.
///
/// - `rules`: the rules to apply, `specifiedRules` by default.
/// - `maxErrors`: after this many errors validation stops, adding a last error that says so (an
///   invalid document should not cost more than a valid one).
/// - `hideSuggestions`: leave "Did you mean …?" out of messages (not to reveal the schema).
///
/// The schema is assumed to be valid (see `validateSchema`).
public func validate(_ schema: GraphQLSchema, _ document: DocumentNode, rules: [ValidationRule.Type]? = nil,
                     maxErrors: Int = 100, hideSuggestions: Bool = false) -> [GraphQLError] {
    let typeInfo = TypeInfo(schema: schema)
    let context = ValidationContext(schema: schema, document: document, typeInfo: typeInfo,
                                    maxErrors: maxErrors, hideSuggestions: hideSuggestions)
    var instances = (rules ?? specifiedRules).map { $0.init(context: context) }
    if document.definitions.contains(where: { if case .fragment = $0 { return true } else { return false } }) {
        instances.insert(FragmentNestingCheck(context: context), at: 0)
    }
    ValidationWalker(context: context, typeInfo: typeInfo, rules: instances).walk(document)
    return context.errors
}

/// The deepest nesting of selection sets through fragments that validation accepts (graphql-core's
/// `MAX_NESTING_DEPTH`, also its parser's limit within one definition).
let maxNestingDepth = 200

/// Aborts validation before rules recurse too deeply through fragments: the parser limits the nesting
/// within one definition only (graphql-core's `FragmentNestingVisitor`).
final class FragmentNestingCheck: ValidationRule {
    override class var hooks: ValidationHooks { [.enterOperationDefinition, .enterFragmentDefinition] }
    private let context: ASTValidationContext
    /// For each fragment: the nesting depth of its selections, through the fragments it spreads.
    private var depths: [String: Int] = [:]

    required init(context: ASTValidationContext) {
        self.context = context
        super.init(context: context)
        computeFragmentDepths()
    }

    override func enterOperationDefinition(_ node: OperationDefinitionNode) {
        if depth(of: Self.nesting(node.selectionSet)) > maxNestingDepth { context.abort("Validation aborted.") }
        skipSubtree()
    }

    override func enterFragmentDefinition(_ node: FragmentDefinitionNode) {
        if depths[node.name.value, default: 0] > maxNestingDepth { context.abort("Validation aborted.") }
        skipSubtree()
    }

    private struct Nesting {
        var depth: Int
        var spreads: [(name: String, depth: Int)]
    }

    /// The nesting depth of a selection set, and its spreads with the depth at which they appear.
    private static func nesting(_ selectionSet: SelectionSetNode) -> Nesting {
        var maxDepth = 0
        var spreads: [(name: String, depth: Int)] = []
        var stack = [(selectionSet, 1)]
        while let (set, depth) = stack.popLast() {
            maxDepth = max(maxDepth, depth)
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append((spread.name.value, depth))
                case .field(let field): if let nested = field.selectionSet { stack.append((nested, depth + 1)) }
                case .inlineFragment(let inline): stack.append((inline.selectionSet, depth + 1))
                }
            }
        }
        return Nesting(depth: maxDepth, spreads: spreads)
    }

    private func depth(of nesting: Nesting) -> Int {
        var depth = nesting.depth
        for spread in nesting.spreads { depth = max(depth, spread.depth + depths[spread.name, default: 0]) }
        return depth
    }

    /// Walks the spreads without recursion; a spread that closes a cycle adds nothing (cycles are
    /// reported by `NoFragmentCyclesRule`).
    private func computeFragmentDepths() {
        var names: [String] = []
        var nestings: [String: Nesting] = [:]
        for case .fragment(let fragment) in context.document.definitions {
            if nestings[fragment.name.value] == nil { names.append(fragment.name.value) }
            nestings[fragment.name.value] = Self.nesting(fragment.selectionSet)
        }
        for root in names where depths[root] == nil {
            var path: [(name: String, next: Int)] = [(root, 0)]
            var onPath: Set<String> = [root]
            while let (name, next) = path.last {
                let spreads = nestings[name]!.spreads
                var index = next
                var descended = false
                while index < spreads.count {
                    let spread = spreads[index].name
                    index += 1
                    if nestings[spread] != nil && depths[spread] == nil && !onPath.contains(spread) {
                        path[path.count - 1].next = index
                        path.append((spread, 0))
                        onPath.insert(spread)
                        descended = true
                        break
                    }
                }
                if !descended {
                    path.removeLast()
                    onPath.remove(name)
                    depths[name] = depth(of: nestings[name]!)
                }
            }
        }
    }
}
