/// What every validation rule can ask about the document under validation, and where it reports errors
/// (graphql-js `ASTValidationContext`).
public class ASTValidationContext {
    public let document: DocumentNode
    /// Whether messages leave out "Did you mean …?" suggestions.
    public let hideSuggestions: Bool
    public private(set) var errors: [GraphQLError] = []
    /// Set once validation stops early (too many errors, too much work); later reports are dropped.
    public private(set) var isAborted = false

    private let maxErrors: Int
    private var remainingFragmentWork = maxFragmentWork
    private var fragmentsByName: [String: FragmentDefinitionNode]?
    private var spreadsBySelectionSet: [Int: [FragmentSpreadNode]] = [:]
    private var referencedFragmentsBySpreadNames: [Set<String>: [FragmentDefinitionNode]] = [:]

    init(document: DocumentNode, maxErrors: Int, hideSuggestions: Bool) {
        self.document = document
        self.maxErrors = maxErrors
        self.hideSuggestions = hideSuggestions
    }

    /// The schema the document is validated against or extends, if there is one.
    public var definedSchema: GraphQLSchema? { nil }

    public func reportError(_ error: GraphQLError) {
        if isAborted { return }
        if errors.count >= maxErrors {
            abort("Too many validation errors, error limit reached. Validation aborted.")
            return
        }
        errors.append(error)
    }

    /// Stops validation with a last error.
    func abort(_ message: String) {
        if isAborted { return }
        isAborted = true
        errors.append(GraphQLError(message))
    }

    /// Spends from the budget of work on fragments shared by the operations of a document, which bounds the
    /// cost of documents that spread fragments many times over. Returns false (and aborts) once it is spent.
    @discardableResult
    func spendFragmentWork(_ cost: Int) -> Bool {
        remainingFragmentWork -= cost
        if remainingFragmentWork < 0 {
            abort("Validation aborted.")
            return false
        }
        return true
    }

    // MARK: - Fragments

    /// The fragment definition with this name (the last one, if the name is defined twice).
    public func fragment(named name: String) -> FragmentDefinitionNode? {
        if fragmentsByName == nil {
            var map: [String: FragmentDefinitionNode] = [:]
            for case .fragment(let fragment) in document.definitions { map[fragment.name.value] = fragment }
            fragmentsByName = map
        }
        return fragmentsByName?[name]
    }

    /// The fragment spreads in a selection set and its nested selection sets, not following the spreads.
    public func fragmentSpreads(in selectionSet: SelectionSetNode) -> [FragmentSpreadNode] {
        let key = selectionSet.loc?.start
        if let key, let cached = spreadsBySelectionSet[key] { return cached }
        var spreads: [FragmentSpreadNode] = []
        var setsToVisit = [selectionSet]
        while let set = setsToVisit.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .field(let field): if let nested = field.selectionSet { setsToVisit.append(nested) }
                case .inlineFragment(let inline): setsToVisit.append(inline.selectionSet)
                }
            }
        }
        if let key { spreadsBySelectionSet[key] = spreads }
        return spreads
    }

    /// Every fragment an operation spreads, directly or through other fragments, in order of discovery.
    public func recursivelyReferencedFragments(of operation: OperationDefinitionNode) -> [FragmentDefinitionNode] {
        recursivelyReferencedFragments(ofOperations: [operation]).fragments
    }

    /// The fragments spread by any of `operations`, and the cache key they are filed under (the names the
    /// operations spread directly: operations that spread the same names share the list).
    func recursivelyReferencedFragments(ofOperations operations: [OperationDefinitionNode])
        -> (key: Set<String>, fragments: [FragmentDefinitionNode])
    {
        var names: [String] = []
        var collected = Set<String>()
        for operation in operations {
            for spread in fragmentSpreads(in: operation.selectionSet) where collected.insert(spread.name.value).inserted {
                names.append(spread.name.value)
            }
        }
        let key = collected
        if let cached = referencedFragmentsBySpreadNames[key] { return (key, cached) }
        var fragments: [FragmentDefinitionNode] = []
        spendFragmentWork(names.count)
        // The list grows while it is walked, as a JavaScript Set does.
        var index = 0
        while index < names.count && !isAborted {
            if let fragment = fragment(named: names[index]) {
                fragments.append(fragment)
                let spreads = fragmentSpreads(in: fragment.selectionSet)
                spendFragmentWork(spreads.count)
                for spread in spreads where collected.insert(spread.name.value).inserted {
                    names.append(spread.name.value)
                }
            }
            index += 1
        }
        referencedFragmentsBySpreadNames[key] = fragments
        return (key, fragments)
    }
}

/// The budget of `spendFragmentWork`, counted in fragment spreads and variable usages (graphql-core's
/// `MAX_FRAGMENT_WORK`).
let maxFragmentWork = 50_000

/// The context of SDL validation: the document alone, or the document with the schema it extends.
public final class SDLValidationContext: ASTValidationContext {
    public let schema: GraphQLSchema?

    init(document: DocumentNode, schema: GraphQLSchema?) {
        self.schema = schema
        super.init(document: document, maxErrors: .max, hideSuggestions: false)
    }

    override public var definedSchema: GraphQLSchema? { schema }
}

/// A variable used in an operation or fragment, with the type expected where it is used.
public struct VariableUsage {
    public let node: VariableNode
    /// The type the position expects (nil if unknown).
    public let type: GraphQLType?
    /// The list or input object type around the position, if any.
    public let parentType: GraphQLType?
    /// Whether the position (an argument or input field) has a default value.
    public let hasDefaultValue: Bool
}

/// The context of executable validation: the document, the schema and the types at the current node
/// (graphql-js `ValidationContext`).
public final class ValidationContext: ASTValidationContext {
    public let schema: GraphQLSchema
    public let typeInfo: TypeInfo

    private var usagesByDefinition: [Int: [VariableUsage]] = [:]
    private var recursiveUsagesByOperation: [Int: [VariableUsage]] = [:]
    private var fragmentUsagesBySpreadNames: [Set<String>: [VariableUsage]] = [:]

    init(schema: GraphQLSchema, document: DocumentNode, typeInfo: TypeInfo, maxErrors: Int, hideSuggestions: Bool) {
        self.schema = schema
        self.typeInfo = typeInfo
        super.init(document: document, maxErrors: maxErrors, hideSuggestions: hideSuggestions)
    }

    override public var definedSchema: GraphQLSchema? { schema }

    public var type: GraphQLType? { typeInfo.type }
    public var parentType: GraphQLNamedType? { typeInfo.parentType }
    public var inputType: GraphQLType? { typeInfo.inputType }
    public var parentInputType: GraphQLType? { typeInfo.parentInputType }
    public var fieldDefinition: GraphQLField? { typeInfo.fieldDefinition }
    public var directive: GraphQLDirective? { typeInfo.directive }
    public var argument: GraphQLArgument? { typeInfo.argument }

    // MARK: - Variable usages

    /// The variables an operation uses itself, outside its variable definitions and fragments.
    public func variableUsages(of operation: OperationDefinitionNode) -> [VariableUsage] {
        cachedUsages(operation.loc) { $0.collect(operation) }
    }

    /// The variables a fragment uses itself, outside the fragments it spreads.
    public func variableUsages(of fragment: FragmentDefinitionNode) -> [VariableUsage] {
        cachedUsages(fragment.loc) { $0.collect(fragment) }
    }

    private func cachedUsages(_ loc: Location?, _ collect: (inout VariableUsageCollector) -> Void) -> [VariableUsage] {
        let key = loc?.start
        if let key, let cached = usagesByDefinition[key] { return cached }
        // A variable starts with `$`: a definition whose text has none uses no variable (most do not).
        if let loc, let source = document.source?.id == loc.sourceID ? document.source : loc.source,
           !source.withUTF8({ $0[loc.start..<loc.end].contains(UInt8(ascii: "$")) }) {
            usagesByDefinition[loc.start] = []
            return []
        }
        var collector = VariableUsageCollector(schema: schema)
        collect(&collector)
        if let key { usagesByDefinition[key] = collector.usages }
        return collector.usages
    }

    /// The variables an operation uses, including through the fragments it spreads.
    public func recursiveVariableUsages(of operation: OperationDefinitionNode) -> [VariableUsage] {
        let key = operation.loc?.start
        if let key, let cached = recursiveUsagesByOperation[key] { return cached }
        let (spreadNames, fragments) = recursivelyReferencedFragments(ofOperations: [operation])
        var fragmentUsages: [VariableUsage]
        if let cached = fragmentUsagesBySpreadNames[spreadNames] {
            fragmentUsages = cached
        } else {
            spendFragmentWork(fragments.count)
            fragmentUsages = []
            for fragment in fragments where !isAborted {
                let local = variableUsages(of: fragment)
                spendFragmentWork(local.count)
                fragmentUsages.append(contentsOf: local)
            }
            fragmentUsagesBySpreadNames[spreadNames] = fragmentUsages
        }
        spendFragmentWork(fragmentUsages.count)
        let usages = variableUsages(of: operation) + fragmentUsages
        if let key { recursiveUsagesByOperation[key] = usages }
        return usages
    }
}
