/// Printing an AST back to GraphQL text, byte for byte as graphql-js `print` (graphql-core `print_ast`).
///
/// The layout rules are graphql-js's: blocks `{ … }` put one item per line, indented by two spaces; argument lists
/// of fields and list and object values stay on one line unless that line would be longer than 80 characters;
/// argument definitions and variable definitions go one per line when one of them spans several lines (a
/// description does). The printer appends to one UTF-8 buffer; where a rule depends on the length of a child, the
/// child is measured first (`PrintedSize`) rather than printed twice.

public func printAST(_ document: DocumentNode) -> String {
    var printer = ASTPrinter(capacity: document.loc.map { ($0.end - $0.start) + ($0.end - $0.start) / 8 } ?? 1024)
    printer.printDocument(document)
    return printer.output
}

public func printAST(_ definition: DefinitionNode) -> String {
    printing { $0.printDefinition(definition) }
}

public func printAST(_ value: ValueNode) -> String {
    printing { $0.printValue(value) }
}

public func printAST(_ type: TypeNode) -> String {
    printing { $0.printType(type) }
}

public func printAST(_ type: NamedTypeNode) -> String {
    type.name.value
}

public func printAST(_ selectionSet: SelectionSetNode) -> String {
    printing { $0.printSelectionSet(selectionSet) }
}

public func printAST(_ selection: SelectionNode) -> String {
    printing { $0.printSelection(selection) }
}

public func printAST(_ field: FieldNode) -> String {
    printing { $0.printField(field) }
}

public func printAST(_ argument: ArgumentNode) -> String {
    printing { $0.printArgument(argument) }
}

public func printAST(_ directive: DirectiveNode) -> String {
    printing { $0.printDirective(directive) }
}

public func printAST(_ variableDefinition: VariableDefinitionNode) -> String {
    printing { $0.printVariableDefinition(variableDefinition) }
}

public func printAST(_ fieldDefinition: FieldDefinitionNode) -> String {
    printing { $0.printFieldDefinition(fieldDefinition) }
}

public func printAST(_ inputValueDefinition: InputValueDefinitionNode) -> String {
    printing { $0.printInputValueDefinition(inputValueDefinition) }
}

public func printAST(_ enumValueDefinition: EnumValueDefinitionNode) -> String {
    printing { $0.printEnumValueDefinition(enumValueDefinition) }
}

public func printAST(_ operationTypeDefinition: OperationTypeDefinitionNode) -> String {
    printing { $0.printOperationTypeDefinition(operationTypeDefinition) }
}

/// A value as error messages quote it (graphql-core `print_for_error`): the ordinary print, except that nesting
/// deeper than 100 levels stays on one line.
public func printForError(_ value: ValueNode) -> String {
    printing(maxIndentDepth: 100) { $0.printValue(value) }
}

private func printing(maxIndentDepth: Int = .max, _ body: (inout ASTPrinter) -> Void) -> String {
    var printer = ASTPrinter(maxIndentDepth: maxIndentDepth)
    body(&printer)
    return printer.output
}

/// Writes nodes into a UTF-8 buffer, keeping track of indentation.
///
/// `maxIndentDepth` reproduces graphql-core's `print_ast(node, max_indent_depth)`: at that depth and below,
/// line breaks become spaces (except inside block strings) and indentation stops growing.
struct ASTPrinter {
    /// The UTF-8 printed so far (appending bytes is much cheaper than growing a `String` piece by piece).
    private(set) var bytes: [UInt8] = []
    private var indentation: [UInt8] = []
    private var depth = 0
    private let maxIndentDepth: Int

    init(maxIndentDepth: Int = .max, capacity: Int = 256) {
        self.maxIndentDepth = maxIndentDepth
        bytes.reserveCapacity(capacity)
    }

    var output: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Layout primitives

    /// Text without line breaks.
    mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func newline() {
        if depth >= maxIndentDepth {
            bytes.append(0x20)
        } else {
            bytes.append(0x0A)
            bytes.append(contentsOf: indentation)
        }
    }

    /// Starts an indented region; call right after the line break that opens it.
    mutating func indent() {
        if depth < maxIndentDepth {
            bytes.append(contentsOf: [0x20, 0x20])
            indentation.append(contentsOf: [0x20, 0x20])
        }
        depth += 1
    }

    mutating func dedent() {
        depth -= 1
        if depth < maxIndentDepth { indentation.removeLast(2) }
    }

    /// The items separated by `separator` (which has no line break).
    mutating func join<Item>(_ items: [Item], _ separator: String, _ printItem: (inout ASTPrinter, Item) -> Void) {
        // Through a buffer pointer, items are passed borrowed rather than copied (nodes hold many references).
        items.withUnsafeBufferPointer { items in
            for index in items.indices {
                if index > 0 { write(separator) }
                printItem(&self, items[index])
            }
        }
    }

    /// The items one per line.
    mutating func lines<Item>(_ items: [Item], _ printItem: (inout ASTPrinter, Item) -> Void) {
        items.withUnsafeBufferPointer { items in
            for index in items.indices {
                if index > 0 { newline() }
                printItem(&self, items[index])
            }
        }
    }

    /// `open`, then the items one per line and indented, then `close` on a line of its own.
    mutating func wrappedLines<Item>(_ open: String, _ items: [Item], _ close: String,
                                     _ printItem: (inout ASTPrinter, Item) -> Void) {
        write(open)
        newline()
        indent()
        lines(items, printItem)
        dedent()
        newline()
        write(close)
    }

    /// graphql-js `block`: `{`, the items indented one per line, `}`; nothing when there are no items.
    mutating func block<Item>(_ items: [Item], _ printItem: (inout ASTPrinter, Item) -> Void) {
        if items.isEmpty { return }
        wrappedLines("{", items, "}", printItem)
    }

    /// `" " + block(items)`, when there are items.
    mutating func spacedBlock<Item>(_ items: [Item], _ printItem: (inout ASTPrinter, Item) -> Void) {
        if items.isEmpty { return }
        write(" ")
        block(items, printItem)
    }

    // MARK: Document

    mutating func printDocument(_ document: DocumentNode) {
        for (index, definition) in document.definitions.enumerated() {
            if index > 0 {
                newline()
                newline()
            }
            printDefinition(definition)
        }
    }

    mutating func printDefinition(_ definition: DefinitionNode) {
        switch definition {
        case .operation(let node): printOperationDefinition(node)
        case .fragment(let node): printFragmentDefinition(node)
        case .schema(let node): printSchemaDefinition(node)
        case .scalarType(let node): printScalarTypeDefinition(node)
        case .objectType(let node): printObjectTypeDefinition(node)
        case .interfaceType(let node): printInterfaceTypeDefinition(node)
        case .unionType(let node): printUnionTypeDefinition(node)
        case .enumType(let node): printEnumTypeDefinition(node)
        case .inputObjectType(let node): printInputObjectTypeDefinition(node)
        case .directive(let node): printDirectiveDefinition(node)
        case .schemaExtension(let node): printSchemaExtension(node)
        case .scalarTypeExtension(let node): printScalarTypeExtension(node)
        case .objectTypeExtension(let node): printObjectTypeExtension(node)
        case .interfaceTypeExtension(let node): printInterfaceTypeExtension(node)
        case .unionTypeExtension(let node): printUnionTypeExtension(node)
        case .enumTypeExtension(let node): printEnumTypeExtension(node)
        case .inputObjectTypeExtension(let node): printInputObjectTypeExtension(node)
        case .directiveExtension(let node): printDirectiveExtension(node)
        }
    }

    /// A description, then a line break: every definition that has one starts this way.
    mutating func printDescription(_ description: StringValueNode?) {
        guard let description else { return }
        printStringValue(description)
        newline()
    }

    // MARK: Executable definitions

    mutating func printOperationDefinition(_ node: OperationDefinitionNode) {
        printDescription(node.description)
        // An anonymous query with nothing before its selection set is printed in the short form `{ … }`.
        let isShortForm = node.description == nil && node.operation == .query && node.name == nil
            && node.variableDefinitions.isEmpty && node.directives.isEmpty
        if !isShortForm {
            write(node.operation.rawValue)
            if node.name != nil || !node.variableDefinitions.isEmpty { write(" ") }
            if let name = node.name { write(name.value) }
            printVariableDefinitions(node.variableDefinitions)
            printDirectives(node.directives)
            write(" ")
        }
        printSelectionSet(node.selectionSet)
    }

    /// `(…)` with the definitions separated by commas, or one per line (not indented) when one of them spans lines.
    mutating func printVariableDefinitions(_ definitions: [VariableDefinitionNode]) {
        if definitions.isEmpty { return }
        if PrintedSize.anyIsMultiline(definitions) {
            write("(")
            newline()
            lines(definitions) { $0.printVariableDefinition($1) }
            newline()
            write(")")
        } else {
            write("(")
            join(definitions, ", ") { $0.printVariableDefinition($1) }
            write(")")
        }
    }

    mutating func printVariableDefinition(_ node: VariableDefinitionNode) {
        printDescription(node.description)
        write("$")
        write(node.variable.name.value)
        write(": ")
        printType(node.type)
        printDefaultValue(node.defaultValue)
        printDirectives(node.directives)
    }

    mutating func printFragmentDefinition(_ node: FragmentDefinitionNode) {
        printDescription(node.description)
        write("fragment ")
        write(node.name.value)
        write(" on ")
        write(node.typeCondition.name.value)
        printDirectives(node.directives)
        write(" ")
        printSelectionSet(node.selectionSet)
    }

    // MARK: Selections

    mutating func printSelectionSet(_ node: SelectionSetNode) {
        if node.selections.isEmpty {
            write("{}")
        } else {
            block(node.selections) { $0.printSelection($1) }
        }
    }

    mutating func printSelection(_ node: SelectionNode) {
        switch node {
        case .field(let field): printField(field)
        case .fragmentSpread(let spread): printFragmentSpread(spread)
        case .inlineFragment(let fragment): printInlineFragment(fragment)
        }
    }

    mutating func printField(_ node: FieldNode) {
        var prefixLength = scalarCount(node.name.value)
        if let alias = node.alias {
            write(alias.value)
            write(": ")
            prefixLength += scalarCount(alias.value) + 2
        }
        write(node.name.value)
        if !node.arguments.isEmpty {
            let arguments = joinedSize(node.arguments.map(PrintedSize.of), separator: ", ")
            if prefixLength + arguments.length + 2 > maxLineLength {
                wrappedLines("(", node.arguments, ")") { $0.printArgument($1) }
            } else {
                write("(")
                join(node.arguments, ", ") { $0.printArgument($1) }
                write(")")
            }
        }
        printDirectives(node.directives)
        if let selectionSet = node.selectionSet {
            write(" ")
            printSelectionSet(selectionSet)
        }
    }

    mutating func printArgument(_ node: ArgumentNode) {
        write(node.name.value)
        write(": ")
        printValue(node.value)
    }

    mutating func printFragmentSpread(_ node: FragmentSpreadNode) {
        write("...")
        write(node.name.value)
        printDirectives(node.directives)
    }

    mutating func printInlineFragment(_ node: InlineFragmentNode) {
        write("...")
        if let typeCondition = node.typeCondition {
            write(" on ")
            write(typeCondition.name.value)
        }
        printDirectives(node.directives)
        write(" ")
        printSelectionSet(node.selectionSet)
    }

    // MARK: Directives

    /// The directives, each preceded by a space.
    mutating func printDirectives(_ directives: [DirectiveNode]) {
        for directive in directives {
            write(" ")
            printDirective(directive)
        }
    }

    mutating func printDirective(_ node: DirectiveNode) {
        write("@")
        write(node.name.value)
        if !node.arguments.isEmpty {
            write("(")
            join(node.arguments, ", ") { $0.printArgument($1) }
            write(")")
        }
    }

    // MARK: Values

    mutating func printValue(_ value: ValueNode) {
        switch value {
        case .variable(let node):
            write("$")
            write(node.name.value)
        case .int(let node): write(node.value)
        case .float(let node): write(node.value)
        case .string(let node): printStringValue(node)
        case .boolean(let node): write(node.value ? "true" : "false")
        case .null: write("null")
        case .enumValue(let node): write(node.value)
        case .list(let node): printListValue(node)
        case .object(let node): printObjectValue(node)
        }
    }

    /// A block string's lines are indented with the block it is in, even past `maxIndentDepth`.
    mutating func printStringValue(_ node: StringValueNode) {
        if node.block {
            appendPrintedBlockString(node.value, minimize: false, indentation: indentation, to: &bytes)
        } else {
            appendPrintedString(node.value, to: &bytes)
        }
    }

    mutating func printListValue(_ node: ListValueNode) {
        let oneLine = joinedSize(node.values.map(PrintedSize.of), separator: ", ").length + 2
        if oneLine > maxLineLength {
            wrappedLines("[", node.values, "]") { $0.printValue($1) }
        } else {
            write("[")
            join(node.values, ", ") { $0.printValue($1) }
            write("]")
        }
    }

    mutating func printObjectValue(_ node: ObjectValueNode) {
        let oneLine = joinedSize(node.fields.map(PrintedSize.of), separator: ", ").length + 4
        if oneLine > maxLineLength {
            block(node.fields) { $0.printObjectField($1) }
        } else {
            // graphql-js prints an empty object as `{  }`.
            write("{ ")
            join(node.fields, ", ") { $0.printObjectField($1) }
            write(" }")
        }
    }

    mutating func printObjectField(_ node: ObjectFieldNode) {
        write(node.name.value)
        write(": ")
        printValue(node.value)
    }

    /// ` = value`, when there is one.
    mutating func printDefaultValue(_ value: ValueNode?) {
        guard let value else { return }
        write(" = ")
        printValue(value)
    }

    // MARK: Type references

    mutating func printType(_ type: TypeNode) {
        switch type {
        case .named(let node):
            write(node.name.value)
        case .list(let node):
            write("[")
            printType(node.type)
            write("]")
        case .nonNull(let node):
            printType(node.type)
            write("!")
        }
    }
}
