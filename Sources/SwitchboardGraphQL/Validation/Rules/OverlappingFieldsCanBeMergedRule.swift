/// Fields with the same response name in one selection set (including through fragments) must be
/// mergeable: the same field with the same arguments, or fields of parent types that cannot overlap;
/// their types must not conflict, and their sub-selections must merge too.
///
/// A port of graphql-core 3.3's algorithm: selection sets are compared "within" once, and "between"
/// each other and the fragments they spread, with caches of collected fields and of compared pairs,
/// and a complexity budget that aborts validation of pathological documents.
///
/// See https://spec.graphql.org/draft/#sec-Field-Selection-Merging
public final class OverlappingFieldsCanBeMergedRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterSelectionSet] }
    private let context: ValidationContext
    private let state: OverlappingFieldsState

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        state = OverlappingFieldsState(context: self.context)
        super.init(context: context)
    }

    override public func enterSelectionSet(_ node: SelectionSetNode, parent: SelectionSetParent) {
        // Inline fragments are flattened into the selection set around them.
        if parent == .inlineFragment { return }
        let selections = node.selections
        if selections.count <= 1 {
            guard case .inlineFragment? = selections.first else { return }
        }
        do {
            let conflicts = try state.findConflictsWithinSelectionSet(context.parentType, node)
            for conflict in conflicts {
                context.reportError(GraphQLError(
                    "Fields '\(abbreviated(conflict.responseName))' conflict because \(conflict.reason). Use different aliases on the fields to fetch both if this was intentional.",
                    nodes: conflict.fields1 + conflict.fields2))
            }
        } catch {
            context.abort("Validation aborted.")
        }
    }
}

/// Thrown when the complexity budget is spent.
struct ComplexityBudgetExhausted: Error {}

/// Two fields (with what conflicts below them) that cannot be merged.
struct FieldConflict {
    let responseName: String
    let reason: String
    let fields1: [FieldNode]
    let fields2: [FieldNode]
}

/// Keep diagnostic detail bounded whatever the size of the document.
private let maxConflictDetailLength = 1000
private let maxConflictNodes = 20
/// The work one document may cause, in units of field and fragment comparisons (graphql-core's
/// `MAX_COMPLEXITY_BUDGET`).
private let maxComplexityBudget = 500_000

/// Text cut to `maxConflictDetailLength` code points, with "..." when cut.
private func abbreviated(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard scalars.count > maxConflictDetailLength else { return text }
    return String(String.UnicodeScalarView(scalars.prefix(maxConflictDetailLength))) + "..."
}

/// A field in a collected selection set, with its definition in the parent type.
private final class FieldDetails {
    let parentType: GraphQLNamedType?
    let node: FieldNode
    let definition: GraphQLField?
    /// No arguments, no selection set, no `@stream`: two such fields of one type and name never conflict.
    let isSimpleLeaf: Bool
    let streamDirective: DirectiveNode?
    /// Prepared when the field first overlaps another.
    var info: FieldInfo?

    init(parentType: GraphQLNamedType?, node: FieldNode, definition: GraphQLField?, isSimpleLeaf: Bool, streamDirective: DirectiveNode?) {
        self.parentType = parentType
        self.node = node
        self.definition = definition
        self.isSimpleLeaf = isSimpleLeaf
        self.streamDirective = streamDirective
    }
}

/// What comparisons need of a field, and the comparisons made with other fields.
private final class FieldInfo {
    let namedType: GraphQLNamedType?
    let arguments: ArgumentInfo?
    let streamArguments: ArgumentInfo?
    var comparisons: [ObjectIdentifier: FieldComparison] = [:]

    init(namedType: GraphQLNamedType?, arguments: ArgumentInfo?, streamArguments: ArgumentInfo?) {
        self.namedType = namedType
        self.arguments = arguments
        self.streamArguments = streamArguments
    }
}

/// The comparisons of a pair of fields, made when first needed.
private final class FieldComparison {
    var sameName: Bool?
    var sameArguments: Bool?
    var sameStreamArguments: Bool?
}

/// Arguments with their values by name.
private struct ArgumentInfo {
    let nodes: [ArgumentNode]
    let values: [String: ValueNode]

    init?(_ arguments: [ArgumentNode]) {
        if arguments.isEmpty { return nil }
        nodes = arguments
        var values: [String: ValueNode] = [:]
        for argument in arguments { values[argument.name.value] = argument.value }
        self.values = values
    }
}

/// The fields of a selection set by response name (inline fragments included), and its fragment spreads.
private final class CollectedFields {
    var responseNames: [String] = []
    var fieldLists: [[FieldDetails]] = []
    /// Built once there are many names; small selection sets are searched linearly.
    var indexByName: [String: Int]?
    var spreads: [FragmentSpreadNode] = []
    /// The spread fragments, each once, in order (made when first needed).
    var fragments: [FragmentReference]?
    /// The fields shared with other collections, by the other collection.
    var overlapping: [ObjectIdentifier: [(name: String, fields1: [FieldDetails], fields2: [FieldDetails])]] = [:]

    private static let linearSearchLimit = 12

    var isEmpty: Bool { responseNames.isEmpty }

    func index(of responseName: String) -> Int? {
        if let indexByName { return indexByName[responseName] }
        return responseNames.firstIndex(of: responseName)
    }

    func append(_ details: FieldDetails, as responseName: String) {
        if let index = index(of: responseName) {
            fieldLists[index].append(details)
            return
        }
        responseNames.append(responseName)
        fieldLists.append([details])
        if indexByName != nil {
            indexByName![responseName] = responseNames.count - 1
        } else if responseNames.count > Self.linearSearchLimit {
            var map = [String: Int](minimumCapacity: responseNames.count * 2)
            for (i, name) in responseNames.enumerated() { map[name] = i }
            indexByName = map
        }
    }

    func fields(named responseName: String) -> [FieldDetails]? {
        index(of: responseName).map { fieldLists[$0] }
    }
}

/// A spread fragment: its name identifies its definition (nil when the document does not define it).
private struct FragmentReference {
    let name: String?
    let definition: FragmentDefinitionNode?
}

/// Pairs remembered with a flag: a pair added as "mutually exclusive" does not answer for a comparison
/// that is not, while one added as not mutually exclusive answers for both.
private struct PairSet<A: Hashable, B: Hashable> {
    private struct Pair: Hashable {
        let a: A
        let b: B
    }
    private var data: [Pair: Bool] = [:]

    func has(_ a: A, _ b: B, _ areMutuallyExclusive: Bool) -> Bool {
        guard let stored = data[Pair(a: a, b: b)] else { return false }
        return areMutuallyExclusive ? true : stored == areMutuallyExclusive
    }

    mutating func add(_ a: A, _ b: B, _ areMutuallyExclusive: Bool) {
        data[Pair(a: a, b: b)] = areMutuallyExclusive
    }
}

/// Selection sets are cached by parent type and by their offset in the document.
private struct CollectedFieldsKey: Hashable {
    let parentType: ObjectIdentifier?
    let selectionSet: Int
}

/// The state shared by the comparisons of one validation run: caches and the complexity budget.
final class OverlappingFieldsState {
    private let context: ValidationContext
    private var remainingBudget = maxComplexityBudget
    private var collectedFieldsCache: [CollectedFieldsKey: CollectedFields] = [:]
    /// Collections of selection sets without a location (not cached), kept alive so that their identities,
    /// which the pair sets use, are never reused.
    private var uncachedCollections: [CollectedFields] = []
    /// Compared (fields, fragment) pairs: ordered.
    private var comparedFieldsAndFragments = PairSet<ObjectIdentifier, String?>()
    /// Compared (fragment, fragment) pairs: unordered.
    private var comparedFragments = PairSet<String?, String?>()

    init(context: ValidationContext) {
        self.context = context
    }

    private func spend(_ cost: Int) throws(ComplexityBudgetExhausted) {
        remainingBudget -= cost
        if remainingBudget < 0 { throw ComplexityBudgetExhausted() }
    }

    // MARK: - Finding conflicts

    /// All conflicts within a selection set, including through its fragments. Fields "within" one selection
    /// set are compared only here.
    func findConflictsWithinSelectionSet(_ parentType: GraphQLNamedType?, _ selectionSet: SelectionSetNode)
        throws(ComplexityBudgetExhausted) -> [FieldConflict]
    {
        // Most selection sets select each response name once and spread no fragment: nothing to compare
        // (and nothing charged to the budget), so skip collecting them.
        if Self.hasOnlyDistinctFields(selectionSet) { return [] }
        var conflicts: [FieldConflict] = []
        let collected = collectFields(parentType, selectionSet)
        // (A) The fields of this selection set among themselves.
        try collectConflictsWithin(&conflicts, collected)
        // Fragments are compared only with fields or with another spread.
        if !collected.spreads.isEmpty && (!collected.isEmpty || collected.spreads.count > 1) {
            let fragments = try fragmentReferences(collected)
            for (i, fragment) in fragments.enumerated() {
                // (B) These fields and each spread fragment.
                try collectConflictsBetweenFieldsAndFragment(&conflicts, false, collected, fragment)
                // (C) Each spread fragment and every other.
                for other in fragments[(i + 1)...] {
                    try collectConflictsBetweenFragments(&conflicts, false, fragment, other)
                }
            }
        }
        return conflicts
    }

    /// Whether a selection set (with its inline fragments) spreads no fragment and repeats no response name.
    private static func hasOnlyDistinctFields(_ selectionSet: SelectionSetNode) -> Bool {
        var names: [String] = []
        var set: Set<String>?
        func scan(_ selectionSet: SelectionSetNode) -> Bool {
            for selection in selectionSet.selections {
                switch selection {
                case .fragmentSpread:
                    return false
                case .inlineFragment(let inline):
                    if !scan(inline.selectionSet) { return false }
                case .field(let field):
                    let name = field.alias?.value ?? field.name.value
                    if set != nil {
                        if !set!.insert(name).inserted { return false }
                    } else {
                        if names.contains(name) { return false }
                        names.append(name)
                        if names.count > 12 { set = Set(names) }
                    }
                }
            }
            return true
        }
        return scan(selectionSet)
    }

    /// Conflicts between a collection of fields and a fragment, including the fragments it spreads.
    private func collectConflictsBetweenFieldsAndFragment(
        _ conflicts: inout [FieldConflict], _ areMutuallyExclusive: Bool, _ collected: CollectedFields, _ fragment: FragmentReference
    ) throws(ComplexityBudgetExhausted) {
        // Count attempts, also those the pair cache answers.
        try spend(1)
        if collected.isEmpty { return }
        let id = ObjectIdentifier(collected)
        if comparedFieldsAndFragments.has(id, fragment.name, areMutuallyExclusive) { return }
        comparedFieldsAndFragments.add(id, fragment.name, areMutuallyExclusive)
        guard let definition = fragment.definition else { return }
        let collected2 = collectFragmentFields(definition)
        let referenced = try fragmentReferences(collected2)
        // Do not compare a selection set with itself.
        if collected === collected2 { return }
        // (D) The fields and the fragment's fields.
        try collectConflictsBetween(&conflicts, areMutuallyExclusive, collected, collected2)
        // (E) The fields and the fragments the fragment spreads.
        for reference in referenced {
            try collectConflictsBetweenFieldsAndFragment(&conflicts, areMutuallyExclusive, collected, reference)
        }
    }

    /// Conflicts between two fragments, including the fragments they spread.
    private func collectConflictsBetweenFragments(
        _ conflicts: inout [FieldConflict], _ areMutuallyExclusive: Bool, _ fragment1: FragmentReference, _ fragment2: FragmentReference
    ) throws(ComplexityBudgetExhausted) {
        try spend(2)
        // No need to compare a fragment with itself.
        if fragment1.name == fragment2.name { return }
        if comparedFragments.has(fragment1.name, fragment2.name, areMutuallyExclusive)
            || comparedFragments.has(fragment2.name, fragment1.name, areMutuallyExclusive) { return }
        comparedFragments.add(fragment1.name, fragment2.name, areMutuallyExclusive)
        guard let definition1 = fragment1.definition, let definition2 = fragment2.definition else { return }
        let collected1 = collectFragmentFields(definition1)
        let referenced1 = try fragmentReferences(collected1)
        let collected2 = collectFragmentFields(definition2)
        let referenced2 = try fragmentReferences(collected2)
        // (F) The fields of the two fragments.
        try collectConflictsBetween(&conflicts, areMutuallyExclusive, collected1, collected2)
        // (G) The first fragment and the fragments the second spreads, and the other way round.
        for reference in referenced2 {
            try collectConflictsBetweenFragments(&conflicts, areMutuallyExclusive, fragment1, reference)
        }
        for reference in referenced1 {
            try collectConflictsBetweenFragments(&conflicts, areMutuallyExclusive, reference, fragment2)
        }
    }

    /// Conflicts between the sub-selections of two fields with the same response name.
    private func findConflictsBetweenSubSelectionSets(
        _ areMutuallyExclusive: Bool, _ parentType1: GraphQLNamedType?, _ selectionSet1: SelectionSetNode,
        _ parentType2: GraphQLNamedType?, _ selectionSet2: SelectionSetNode
    ) throws(ComplexityBudgetExhausted) -> [FieldConflict] {
        var conflicts: [FieldConflict] = []
        let collected1 = collectFields(parentType1, selectionSet1)
        let fragments1 = try fragmentReferences(collected1)
        let collected2 = collectFields(parentType2, selectionSet2)
        let fragments2 = try fragmentReferences(collected2)
        // (H) The two collections of fields.
        try collectConflictsBetween(&conflicts, areMutuallyExclusive, collected1, collected2)
        // (I) Each collection and the fragments the other spreads.
        for fragment in fragments2 {
            try collectConflictsBetweenFieldsAndFragment(&conflicts, areMutuallyExclusive, collected1, fragment)
        }
        for fragment in fragments1 {
            try collectConflictsBetweenFieldsAndFragment(&conflicts, areMutuallyExclusive, collected2, fragment)
        }
        // (J) The fragments of one and the fragments of the other.
        for fragment1 in fragments1 {
            for fragment2 in fragments2 {
                try collectConflictsBetweenFragments(&conflicts, areMutuallyExclusive, fragment1, fragment2)
            }
        }
        return conflicts
    }

    /// Compares every pair of fields with one response name within one collection.
    private func collectConflictsWithin(_ conflicts: inout [FieldConflict], _ collected: CollectedFields)
        throws(ComplexityBudgetExhausted)
    {
        for (index, fields) in collected.fieldLists.enumerated() where fields.count > 1 {
            let responseName = collected.responseNames[index]
            for i in 0..<fields.count {
                for j in (i + 1)..<fields.count {
                    // Within one collection fields are never mutually exclusive.
                    if let conflict = try findConflict(false, responseName, fields[i], fields[j]) {
                        conflicts.append(conflict)
                    }
                }
            }
        }
    }

    /// Compares every field of one collection with every field of the same response name in another.
    private func collectConflictsBetween(
        _ conflicts: inout [FieldConflict], _ parentFieldsAreMutuallyExclusive: Bool,
        _ collected1: CollectedFields, _ collected2: CollectedFields
    ) throws(ComplexityBudgetExhausted) {
        if collected1.isEmpty || collected2.isEmpty { return }
        for (responseName, fields1, fields2) in try overlappingFields(collected1, collected2) {
            for field1 in fields1 {
                for field2 in fields2 {
                    if let conflict = try findConflict(parentFieldsAreMutuallyExclusive, responseName, field1, field2) {
                        conflicts.append(conflict)
                    }
                }
            }
        }
    }

    /// The response names two collections share, with their fields.
    private func overlappingFields(_ collected1: CollectedFields, _ collected2: CollectedFields)
        throws(ComplexityBudgetExhausted) -> [(name: String, fields1: [FieldDetails], fields2: [FieldDetails])]
    {
        let key = ObjectIdentifier(collected2)
        if let cached = collected1.overlapping[key] { return cached }
        var result: [(name: String, fields1: [FieldDetails], fields2: [FieldDetails])] = []
        for (index, responseName) in collected1.responseNames.enumerated() {
            try spend(1)
            if let fields2 = collected2.fields(named: responseName), !fields2.isEmpty {
                result.append((responseName, collected1.fieldLists[index], fields2))
            }
        }
        collected1.overlapping[key] = result
        return result
    }

    /// Whether two fields with one response name conflict, including in their sub-fields.
    private func findConflict(
        _ parentFieldsAreMutuallyExclusive: Bool, _ responseName: String, _ field1: FieldDetails, _ field2: FieldDetails
    ) throws(ComplexityBudgetExhausted) -> FieldConflict? {
        let node1 = field1.node, node2 = field2.node
        // Fields of two different object types can never apply at once, so they may differ in name and
        // arguments. Interfaces and unions might overlap, if not now then in a later version of the schema.
        var areMutuallyExclusive = parentFieldsAreMutuallyExclusive
        if !areMutuallyExclusive, let parent1 = field1.parentType as? GraphQLObjectType,
           let parent2 = field2.parentType as? GraphQLObjectType, parent1 !== parent2 {
            areMutuallyExclusive = true
        }
        let type1 = field1.definition?.type, type2 = field2.definition?.type
        // Count attempted pairs, also those decided by exclusivity.
        try spend(2)
        if field1.isSimpleLeaf && field2.isSimpleLeaf && node1.name.value == node2.name.value
            && Self.sameTypeObject(field1.definition, field2.definition) {
            return nil
        }
        let info1 = fieldInfo(field1), info2 = fieldInfo(field2)
        let comparison: FieldComparison
        if let existing = info1.comparisons[ObjectIdentifier(info2)] {
            comparison = existing
        } else {
            comparison = FieldComparison()
            info1.comparisons[ObjectIdentifier(info2)] = comparison
        }
        if !areMutuallyExclusive {
            // Two aliases must refer to the same field.
            let name1 = node1.name.value, name2 = node2.name.value
            let sameName = comparison.sameName ?? (name1 == name2)
            comparison.sameName = sameName
            if !sameName {
                return FieldConflict(responseName: responseName,
                                     reason: "'\(abbreviated(name1))' and '\(abbreviated(name2))' are different fields",
                                     fields1: [node1], fields2: [node2])
            }
            // Two calls of a field must have the same arguments.
            let sameArguments: Bool
            if let known = comparison.sameArguments {
                sameArguments = known
            } else {
                sameArguments = try compareArguments(info1.arguments, info2.arguments)
                comparison.sameArguments = sameArguments
            }
            if !sameArguments {
                return FieldConflict(responseName: responseName, reason: "they have differing arguments", fields1: [node1], fields2: [node2])
            }
        }
        if field1.streamDirective != nil || field2.streamDirective != nil {
            var reason = "they have overlapping stream directives"
            if field1.streamDirective != nil && field2.streamDirective != nil {
                let same: Bool
                if let known = comparison.sameStreamArguments {
                    same = known
                } else {
                    same = try compareArguments(info1.streamArguments, info2.streamArguments)
                    comparison.sameStreamArguments = same
                }
                // Earlier alpha versions of graphql-js allowed this.
                if same { reason += ". See https://github.com/graphql/defer-stream-wg/discussions/100" }
            }
            return FieldConflict(responseName: responseName, reason: reason, fields1: [node1], fields2: [node2])
        }
        if let type1, let type2,
           try doTypesConflict(type1, type2, sameObject: Self.sameTypeObject(field1.definition, field2.definition)) {
            return FieldConflict(responseName: responseName, reason: "they return conflicting types '\(type1)' and '\(type2)'",
                                 fields1: [node1], fields2: [node2])
        }
        // Compare the sub-fields.
        if let selectionSet1 = node1.selectionSet, let selectionSet2 = node2.selectionSet {
            let conflicts = try findConflictsBetweenSubSelectionSets(
                areMutuallyExclusive, info1.namedType, selectionSet1, info2.namedType, selectionSet2)
            return subfieldConflicts(conflicts, responseName, node1, node2)
        }
        return nil
    }

    /// Whether both fields have one type object (graphql-core compares types by identity first):
    /// both unknown, the same named type, or the same field definition.
    private static func sameTypeObject(_ definition1: GraphQLField?, _ definition2: GraphQLField?) -> Bool {
        guard let definition1, let definition2 else { return definition1 == nil && definition2 == nil }
        if definition1 === definition2 { return true }
        if case .named(let named1) = definition1.type, case .named(let named2) = definition2.type { return named1 === named2 }
        return false
    }

    private func fieldInfo(_ field: FieldDetails) -> FieldInfo {
        if let info = field.info { return info }
        let info = FieldInfo(namedType: field.definition?.type.namedType,
                             arguments: ArgumentInfo(field.node.arguments),
                             streamArguments: field.streamDirective.flatMap { ArgumentInfo($0.arguments) })
        field.info = info
        return info
    }

    /// Whether two argument lists have the same names and the same values (as written).
    private func compareArguments(_ arguments1: ArgumentInfo?, _ arguments2: ArgumentInfo?) throws(ComplexityBudgetExhausted) -> Bool {
        guard let arguments1 else { return arguments2 == nil }
        guard let arguments2, arguments1.nodes.count == arguments2.nodes.count else { return false }
        for argument in arguments1.nodes {
            try spend(1)
            guard let value2 = arguments2.values[argument.name.value] else { return false }
            if comparisonKey(argument.value) != comparisonKey(value2) { return false }
        }
        return true
    }

    /// Whether two types cannot both describe one value. Composite types do not conflict (their fields are
    /// compared later); lists and non-nulls must match, and leaf types must be the same.
    private func doTypesConflict(_ type1: GraphQLType, _ type2: GraphQLType, sameObject: Bool = false) throws(ComplexityBudgetExhausted) -> Bool {
        if sameObject { return false }
        if case .named(let named1) = type1, case .named(let named2) = type2, named1 === named2 { return false }
        try spend(1)
        switch (type1, type2) {
        case (.list(let item1), .list(let item2)): return try doTypesConflict(item1, item2)
        case (.list, _), (_, .list): return true
        case (.nonNull(let inner1), .nonNull(let inner2)): return try doTypesConflict(inner1, inner2)
        case (.nonNull, _), (_, .nonNull): return true
        case (.named(let named1), .named(let named2)):
            if named1.isLeaf || named2.isLeaf { return named1 !== named2 }
            return false
        }
    }

    /// One conflict for a pair of fields whose sub-fields conflict, or nil.
    private func subfieldConflicts(_ conflicts: [FieldConflict], _ responseName: String, _ node1: FieldNode, _ node2: FieldNode) -> FieldConflict? {
        if conflicts.isEmpty { return nil }
        // Abbreviate while combining the reasons, not after expanding a whole tree of conflicts.
        var message = ""
        for conflict in conflicts {
            message += (message.isEmpty ? "" : " and ") + "subfields '\(abbreviated(conflict.responseName))' conflict because \(conflict.reason)"
            if message.unicodeScalars.count > maxConflictDetailLength { break }
        }
        return FieldConflict(responseName: responseName, reason: abbreviated(message),
                             fields1: conflictNodes(node1, conflicts.map(\.fields1)),
                             fields2: conflictNodes(node2, conflicts.map(\.fields2)))
    }

    /// The field followed by the fields of its sub-conflicts, at most `maxConflictNodes`, keeping the deepest.
    private func conflictNodes(_ node: FieldNode, _ conflictFields: [[FieldNode]]) -> [FieldNode] {
        var nodes = [node]
        for fields in conflictFields {
            let remaining = maxConflictNodes - nodes.count
            nodes.append(contentsOf: fields.suffix(remaining))
            if nodes.count == maxConflictNodes { break }
        }
        return nodes
    }

    // MARK: - Collecting fields

    /// The fields and fragment spreads of a selection set, cached by parent type and selection set.
    private func collectFields(_ parentType: GraphQLNamedType?, _ selectionSet: SelectionSetNode) -> CollectedFields {
        let key = selectionSet.loc.map { CollectedFieldsKey(parentType: parentType.map(ObjectIdentifier.init), selectionSet: $0.start) }
        if let key, let cached = collectedFieldsCache[key] { return cached }
        let collected = CollectedFields()
        collectFields(parentType, selectionSet, into: collected)
        if let key { collectedFieldsCache[key] = collected } else { uncachedCollections.append(collected) }
        return collected
    }

    private func collectFragmentFields(_ fragment: FragmentDefinitionNode) -> CollectedFields {
        collectFields(typeFromAST(context.schema, fragment.typeCondition), fragment.selectionSet)
    }

    private func collectFields(_ parentType: GraphQLNamedType?, _ selectionSet: SelectionSetNode, into collected: CollectedFields) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let name = field.name.value
                let definition = (parentType as? GraphQLObjectType)?.fields[name] ?? (parentType as? GraphQLInterfaceType)?.fields[name]
                let stream = field.directives.first { $0.name.value == "stream" }
                collected.append(FieldDetails(parentType: parentType, node: field, definition: definition,
                                              isSimpleLeaf: field.arguments.isEmpty && field.selectionSet == nil && stream == nil,
                                              streamDirective: stream),
                                 as: field.responseKey)
            case .fragmentSpread(let spread):
                collected.spreads.append(spread)
            case .inlineFragment(let inline):
                let type = inline.typeCondition.map { typeFromAST(context.schema, $0) } ?? parentType
                collectFields(type, inline.selectionSet, into: collected)
            }
        }
    }

    /// The fragments a collection spreads, each once, in order of first spread.
    private func fragmentReferences(_ collected: CollectedFields) throws(ComplexityBudgetExhausted) -> [FragmentReference] {
        if let cached = collected.fragments { return cached }
        var result: [FragmentReference] = []
        var seen = Set<String?>()
        for spread in collected.spreads {
            try spend(1)
            let definition = context.fragment(named: spread.name.value)
            let name = definition?.name.value
            if seen.insert(name).inserted {
                result.append(FragmentReference(name: name, definition: definition))
            }
        }
        collected.fragments = result
        return result
    }
}

/// A string that is equal for two values exactly when graphql-js's serialized values are: the kind and
/// the text of each literal (block strings apart), object fields ordered by name.
private func comparisonKey(_ value: ValueNode) -> String {
    var key = ""
    appendComparisonKey(value, to: &key)
    return key
}

private func appendComparisonKey(_ value: ValueNode, to key: inout String) {
    func text(_ s: String) { key += "\(s.utf8.count):" + s }
    switch value {
    case .variable(let v): key += "V"; text(v.name.value)
    case .int(let v): key += "I"; text(v.value)
    case .float(let v): key += "F"; text(v.value)
    case .string(let v): key += v.block ? "B" : "S"; text(v.value)
    case .boolean(let v): key += v.value ? "T" : "N"
    case .null: key += "0"
    case .enumValue(let v): key += "E"; text(v.value)
    case .list(let v):
        key += "[\(v.values.count):"
        for item in v.values { appendComparisonKey(item, to: &key) }
    case .object(let v):
        key += "{\(v.fields.count):"
        let sorted = v.fields.enumerated().sorted { a, b in
            a.element.name.value == b.element.name.value ? a.offset < b.offset
                : a.element.name.value.unicodeScalars.lexicographicallyPrecedes(b.element.name.value.unicodeScalars)
        }
        for (_, field) in sorted {
            text(field.name.value)
            appendComparisonKey(field.value, to: &key)
        }
    }
}
