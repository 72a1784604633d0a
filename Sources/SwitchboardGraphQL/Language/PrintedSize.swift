/// The size of a node's print, measured without printing it, so that the printer can choose between the one-line
/// and the wrapped form the way graphql-js does.
///
/// graphql-js decides on the length of the child's own print: its characters (here: Unicode scalars, as
/// graphql-core's `len`), its line breaks, and the two spaces each of its own indented lines carries, but not the
/// indentation of the context it is printed in. `PrintedSize` reproduces that arithmetic node kind by node kind.
struct PrintedSize {
    var length: Int
    var newlines: Int

    static let zero = PrintedSize(length: 0, newlines: 0)

    init(length: Int, newlines: Int = 0) {
        self.length = length
        self.newlines = newlines
    }

    /// A single-line text.
    init(_ text: String) {
        self.init(length: scalarCount(text))
    }

    static func + (a: PrintedSize, b: PrintedSize) -> PrintedSize {
        PrintedSize(length: a.length + b.length, newlines: a.newlines + b.newlines)
    }

    static func + (a: PrintedSize, b: Int) -> PrintedSize {
        PrintedSize(length: a.length + b, newlines: a.newlines)
    }
}

/// The width graphql-js allows a one-line argument or value list before it wraps it.
let maxLineLength = 80

/// The number of Unicode scalars in `text` (graphql-core measures lengths in code points).
func scalarCount(_ text: String) -> Int {
    var count = 0
    for byte in text.utf8 where byte & 0xC0 != 0x80 { count += 1 }
    return count
}

/// The items joined by a separator, as graphql-js `join` (empty items are left out, with their separator).
func joinedSize(_ items: [PrintedSize], separator: String) -> PrintedSize {
    let separatorSize = PrintedSize(length: scalarCount(separator), newlines: separator.utf8.count { $0 == 0x0A })
    var result = PrintedSize.zero
    for item in items where item.length > 0 {
        if result.length > 0 { result = result + separatorSize }
        result = result + item
    }
    return result
}

/// `open` + newline + the items one per line, indented + newline + `close` (graphql-js `block` and the wrapped
/// list forms); nothing at all when there are no items.
func wrappedBlockSize(_ items: [PrintedSize]) -> PrintedSize {
    var inner = joinedSize(items, separator: "\n")
    guard inner.length > 0 else { return .zero }
    inner.length += 2 * (inner.newlines + 1)
    return PrintedSize(length: inner.length + 4, newlines: inner.newlines + 2)
}

extension PrintedSize {
    static func of(_ value: ValueNode) -> PrintedSize {
        switch value {
        case .variable(let node): return PrintedSize(node.name.value) + 1
        case .int(let node): return PrintedSize(node.value)
        case .float(let node): return PrintedSize(node.value)
        case .enumValue(let node): return PrintedSize(node.value)
        case .boolean(let node): return PrintedSize(length: node.value ? 4 : 5)
        case .null: return PrintedSize(length: 4)
        case .string(let node): return of(node)
        case .list(let node):
            let items = node.values.map(of)
            let oneLine = joinedSize(items, separator: ", ") + 2
            return oneLine.length > maxLineLength ? wrappedBlockSize(items) : oneLine
        case .object(let node):
            let fields = node.fields.map(of)
            let oneLine = joinedSize(fields, separator: ", ") + 4
            return oneLine.length > maxLineLength ? wrappedBlockSize(fields) : oneLine
        }
    }

    static func of(_ string: StringValueNode) -> PrintedSize {
        if string.block {
            let printed = printBlockString(string.value)
            return PrintedSize(length: scalarCount(printed), newlines: printed.utf8.count { $0 == 0x0A })
        }
        return PrintedSize(printString(string.value))
    }

    static func of(_ field: ObjectFieldNode) -> PrintedSize {
        PrintedSize(field.name.value) + 2 + of(field.value)
    }

    static func of(_ argument: ArgumentNode) -> PrintedSize {
        PrintedSize(argument.name.value) + 2 + of(argument.value)
    }

    static func of(_ directive: DirectiveNode) -> PrintedSize {
        let name = PrintedSize(directive.name.value) + 1
        if directive.arguments.isEmpty { return name }
        return name + joinedSize(directive.arguments.map(of), separator: ", ") + 2
    }

    /// Whether a list of these is printed one item per line (graphql-js `hasMultilineItems`).
    static func anyIsMultiline(_ definitions: [VariableDefinitionNode]) -> Bool {
        definitions.contains { definition in
            definition.description != nil
                || definition.defaultValue.map { of($0).newlines > 0 } == true
                || definition.directives.contains { of($0).newlines > 0 }
        }
    }

    static func anyIsMultiline(_ definitions: [InputValueDefinitionNode]) -> Bool {
        definitions.contains { definition in
            definition.description != nil
                || definition.defaultValue.map { of($0).newlines > 0 } == true
                || definition.directives.contains { of($0).newlines > 0 }
        }
    }
}
