/// The names defined so far under each parent (the fields of a type across its definition and extensions,
/// the values of an enum), for the rules that report a name defined again against its first definition.
///
/// Rules check the names of one parent node at a time: `begin(parent)`, then `earlierDefinition(of:)` for each
/// name, then `end()`. The names of the current parent are an array searched in order while they are few, and
/// indexed by a dictionary once they are many; so checking a type costs two dictionary operations plus, for
/// large types, one per name, where a dictionary of dictionaries cost three per name.
struct DefinedNames {
    private var namesByParent: [String: [NameNode]] = [:]
    private var parent = ""
    private var names: [NameNode] = []
    /// The position in `names` of each name, made when `names` grows past `searchLimit`.
    private var positions: [String: Int]?
    /// Up to this many names, comparing strings in order is cheaper than hashing them.
    private static let searchLimit = 8

    /// Starts checking the names of `parent`, with those its earlier definitions and extensions defined.
    mutating func begin(_ parent: String) {
        self.parent = parent
        names = namesByParent.removeValue(forKey: parent) ?? []
        positions = nil
    }

    /// The earlier definition of the same name under the current parent, or nil after recording `name` as the
    /// first one.
    mutating func earlierDefinition(of name: NameNode) -> NameNode? {
        if positions == nil && names.count >= Self.searchLimit {
            var made: [String: Int] = [:]
            made.reserveCapacity(names.count * 2)
            for (i, known) in names.enumerated() where made[known.value] == nil { made[known.value] = i }
            positions = made
        }
        if positions != nil {
            // One hash: the default is stored, and reports that the name is new, only when it is absent.
            var isNew = false
            let position = names.count
            let found = positions!.withValue(forKey: name.value, default: { isNew = true; return position }())
            if !isNew { return names[found] }
        } else if let known = names.first(where: { $0.value == name.value }) {
            return known
        }
        names.append(name)
        return nil
    }

    /// Ends the current parent, keeping its names for its later extensions.
    mutating func end() {
        namesByParent[parent] = names
        names = []
        positions = nil
    }
}
