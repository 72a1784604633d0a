/// Storage the parser reuses while it builds one document.

/// A stack of the nodes of the lists being parsed, one list above the other (lists nest: a
/// selection set inside a field inside a selection set). When a list ends, its nodes are moved
/// into an array of exactly their count: one allocation per list, no growth and no copies.
struct NodeStack<Element> {
    private var storage: UnsafeMutablePointer<Element>?
    private var capacity = 0
    private(set) var count = 0

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage! + count).initialize(to: element)
        count += 1
    }

    /// The nodes from `base` to the top, removed from the stack.
    @inline(__always)
    mutating func popArray(from base: Int) -> [Element] {
        let n = count - base
        if n == 0 { return [] }
        let top = storage! + base
        count = base
        // Not `Array(unsafeUninitializedCapacity:)`: it allocates through an unspecialized function of the
        // standard library that looks up the array's generic metadata at run time, which cost more than the
        // rest of making the array. `reserveCapacity` and `append` are specialized for `Element`.
        var array: [Element] = []
        array.reserveCapacity(n)
        for i in 0..<n {
            array.append((top + i).move())
        }
        return array
    }

    private mutating func grow() {
        let newCapacity = max(16, capacity * 2)
        let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let storage {
            newStorage.moveInitialize(from: storage, count: count)
            storage.deallocate()
        }
        storage = newStorage
        capacity = newCapacity
    }

    /// Frees the stack, with any nodes left on it when parsing failed.
    mutating func release() {
        guard let storage else { return }
        storage.deinitialize(count: count)
        storage.deallocate()
        self.storage = nil
        capacity = 0
        count = 0
    }
}

/// The parser's node stacks, one per kind of list in the AST.
struct NodeStacks {
    var definitions = NodeStack<DefinitionNode>()
    var variableDefinitions = NodeStack<VariableDefinitionNode>()
    var selections = NodeStack<SelectionNode>()
    var arguments = NodeStack<ArgumentNode>()
    var directives = NodeStack<DirectiveNode>()
    var values = NodeStack<ValueNode>()
    var objectFields = NodeStack<ObjectFieldNode>()
    var operationTypes = NodeStack<OperationTypeDefinitionNode>()
    var namedTypes = NodeStack<NamedTypeNode>()
    var fieldDefinitions = NodeStack<FieldDefinitionNode>()
    var inputValues = NodeStack<InputValueDefinitionNode>()
    var enumValues = NodeStack<EnumValueDefinitionNode>()
    var names = NodeStack<NameNode>()

    mutating func release() {
        definitions.release()
        variableDefinitions.release()
        selections.release()
        arguments.release()
        directives.release()
        values.release()
        objectFields.release()
        operationTypes.release()
        namedTypes.release()
        fieldDefinitions.release()
        inputValues.release()
        enumValues.release()
        names.release()
    }
}
