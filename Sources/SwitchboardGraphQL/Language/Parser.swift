/// Parses a GraphQL document (executable definitions and SDL) into its AST, as graphql-js `parse`.
///
/// Syntax errors carry graphql-core 3.3.2's messages and locations. `options` limits the size,
/// token count and nesting of the document; nesting deeper than 200 is always an error.
public func parse(_ source: Source, options: ParseOptions = .trusted) throws(GraphQLError) -> DocumentNode {
    if let maxBytes = options.maxBytes, source.byteCount > maxBytes {
        throw GraphQLError.syntax(source, 0, "Document is larger than \(maxBytes) bytes.")
    }
    try checkOffsetsFit(source)
    return try source.withUTF8 { (bytes) throws(GraphQLError) -> DocumentNode in
        var parser = Parser(source: source, bytes: bytes, options: options)
        defer { parser.releaseStorage() }
        do throws(SyntaxError) {
            return try parser.parseDocument()
        } catch {
            throw error.graphQLError(in: source)
        }
    }
}

/// Locations hold 32-bit offsets (see `Location`): a source must be smaller than 4 GiB.
private func checkOffsetsFit(_ source: Source) throws(GraphQLError) {
    if source.byteCount > Int(UInt32.max) {
        throw GraphQLError.syntax(source, 0, "Document is larger than \(UInt32.max) bytes.")
    }
}

/// Parses a GraphQL document given as text (named "GraphQL request" in errors).
public func parse(_ body: String, options: ParseOptions = .trusted) throws(GraphQLError) -> DocumentNode {
    try parse(Source(body), options: options)
}

/// Parses a value literal, variables allowed, as graphql-js `parseValue`.
public func parseValue(_ source: Source) throws(GraphQLError) -> ValueNode {
    try checkOffsetsFit(source)
    return try source.withUTF8 { (bytes) throws(GraphQLError) -> ValueNode in
        var parser = Parser(source: source, bytes: bytes, options: .trusted)
        defer { parser.releaseStorage() }
        do throws(SyntaxError) {
            try parser.expect(.sof)
            let value = try parser.parseValueLiteral(isConst: false)
            try parser.expect(.eof)
            return value
        } catch {
            throw error.graphQLError(in: source)
        }
    }
}

/// Parses a constant value literal (no variables), as graphql-js `parseConstValue`.
public func parseConstValue(_ source: Source) throws(GraphQLError) -> ValueNode {
    try checkOffsetsFit(source)
    return try source.withUTF8 { (bytes) throws(GraphQLError) -> ValueNode in
        var parser = Parser(source: source, bytes: bytes, options: .trusted)
        defer { parser.releaseStorage() }
        do throws(SyntaxError) {
            try parser.expect(.sof)
            let value = try parser.parseValueLiteral(isConst: true)
            try parser.expect(.eof)
            return value
        } catch {
            throw error.graphQLError(in: source)
        }
    }
}

/// Parses a type reference such as `[String!]!`, as graphql-js `parseType`.
public func parseType(_ source: Source) throws(GraphQLError) -> TypeNode {
    try checkOffsetsFit(source)
    return try source.withUTF8 { (bytes) throws(GraphQLError) -> TypeNode in
        var parser = Parser(source: source, bytes: bytes, options: .trusted)
        defer { parser.releaseStorage() }
        do throws(SyntaxError) {
            try parser.expect(.sof)
            let type = try parser.parseTypeReference()
            try parser.expect(.eof)
            return type
        } catch {
            throw error.graphQLError(in: source)
        }
    }
}

/// A recursive-descent parser over a `Lexer` with one token of lookahead, like graphql-js `Parser`.
///
/// This file holds the machinery and the executable definitions; `Parser+TypeSystem.swift` the SDL.
///
/// Helpers that are not inlined are `mutating` even when they only read: a non-mutating call from
/// mutating code copies the whole parser onto the stack, which made each level of recursion cost
/// kilobytes of stack.
struct Parser {
    /// The deepest nesting (selection sets, list and object values, list types) any document may
    /// have, and the message beyond it: graphql-core's `MAX_NESTING_DEPTH`, which also keeps the
    /// recursion far from the end of the stack.
    static let maxNestingDepth = 200

    var lexer: Lexer
    let source: Source
    /// `source.id`, which every node's location carries.
    let sourceID: UInt32
    /// The current token, not yet consumed.
    var token: Token
    /// The end of the last consumed token: where a node being built ends.
    var lastEnd = 0
    /// The token after `token`, when `peekNext()` has read it, and the comments before it.
    private var lookahead: Token?
    private var lookaheadComments = 0
    /// Tokens consumed so far, comments included (graphql-core `token_count`).
    var tokenCount = 0
    private let maxTokens: Int
    private var depth = 0
    private let depthLimit: Int
    private let maxDepthOption: Int?
    /// Nodes of lists being parsed, moved into exactly sized arrays when each list ends.
    var stacks = NodeStacks()
    /// The strings of names, string values and descriptions made so far, by their text.
    var strings: StringTable

    init(source: Source, bytes: UnsafeBufferPointer<UInt8>, options: ParseOptions) {
        self.lexer = Lexer(source: source, bytes: bytes)
        self.source = source
        self.sourceID = source.id
        self.token = Token(.sof, 0, 0)
        self.strings = StringTable(byteCount: bytes.count)
        self.maxTokens = options.maxTokens ?? Int.max
        self.maxDepthOption = options.maxDepth
        self.depthLimit = min(options.maxDepth ?? Int.max, Parser.maxNestingDepth)
    }

    /// Frees the node stacks (call once, when parsing ends or fails).
    mutating func releaseStorage() {
        stacks.release()
        strings.release()
    }

    // MARK: - Token stream

    /// Consumes the current token and reads the next one, counting it (and the comments skipped
    /// on the way) against `maxTokens` as graphql-core does.
    @inline(__always)
    mutating func advance() throws(SyntaxError) {
        lastEnd = token.end
        if token.kind == .eof { return }
        let next: Token
        let comments: Int
        if let peeked = lookahead {
            next = peeked
            comments = lookaheadComments
            lookahead = nil
        } else {
            (next, comments) = try readSignificantToken()
        }
        token = next
        tokenCount += next.kind == .eof ? comments : comments + 1
        if tokenCount > maxTokens {
            throw tooManyTokens(at: next.start)
        }
    }

    /// The token after the current one, without consuming anything (graphql-js `lexer.lookahead()`).
    mutating func peekNext() throws(SyntaxError) -> Token {
        if let peeked = lookahead { return peeked }
        if token.kind == .eof { return token }
        let (next, comments) = try readSignificantToken()
        lookahead = next
        lookaheadComments = comments
        return next
    }

    /// The next token that is not a comment, and how many comments came before it. A run of
    /// comments is aborted as soon as it alone would exceed `maxTokens`.
    @inline(__always)
    private mutating func readSignificantToken() throws(SyntaxError) -> (Token, Int) {
        var comments = 0
        while true {
            let next = try lexer.next()
            if next.kind != .comment { return (next, comments) }
            comments += 1
            if comments > maxTokens - tokenCount {
                throw tooManyTokens(at: next.start)
            }
        }
    }

    @inline(never)
    private mutating func tooManyTokens(at offset: Int) -> SyntaxError {
        lexer.syntaxError(offset, "Document contains more than \(maxTokens) tokens. Parsing aborted.")
    }

    /// The location of a node that began at `start` and ends with the last consumed token.
    @inline(__always)
    func loc(_ start: Int) -> Location {
        Location(start: start, end: lastEnd, sourceID: sourceID)
    }

    /// Consumes a token of `kind`, or fails with `Expected <kind>, found <token>.`
    @inline(__always)
    @discardableResult
    mutating func expect(_ kind: TokenKind) throws(SyntaxError) -> Token {
        let current = token
        guard current.kind == kind else { throw Parser.expectedError(lexer, kind, current) }
        try advance()
        return current
    }

    /// `Expected <kind>, found <token>.`
    @inline(never)
    static func expectedError(_ lexer: Lexer, _ kind: TokenKind, _ found: Token) -> SyntaxError {
        lexer.syntaxError(found.start, "Expected \(kind.description), found \(lexer.describe(found)).")
    }

    /// Consumes a token of `kind` if it is the current one.
    @inline(__always)
    mutating func expectOptional(_ kind: TokenKind) throws(SyntaxError) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    /// Consumes the name `keyword`, or fails with `Expected '<keyword>', found <token>.`
    mutating func expectKeyword(_ keyword: StaticString) throws(SyntaxError) {
        guard isKeyword(token, keyword) else {
            throw lexer.syntaxError(token.start, "Expected '\(keyword)', found \(lexer.describe(token)).")
        }
        try advance()
    }

    /// Consumes the name `keyword` if it is the current token.
    @inline(__always)
    mutating func expectOptionalKeyword(_ keyword: StaticString) throws(SyntaxError) -> Bool {
        guard isKeyword(token, keyword) else { return false }
        try advance()
        return true
    }

    /// `Unexpected <token>.` at `token` (by default the current one).
    @inline(never)
    mutating func unexpected(_ at: Token? = nil) -> SyntaxError {
        let t = at ?? token
        return lexer.syntaxError(t.start, "Unexpected \(lexer.describe(t)).")
    }

    /// Whether `t` is a name token spelled `keyword`.
    @inline(__always)
    func isKeyword(_ t: Token, _ keyword: StaticString) -> Bool {
        let count = keyword.utf8CodeUnitCount
        guard t.kind == .name, t.end - t.start == count else { return false }
        let k = keyword.utf8Start
        var i = 0
        while i < count {
            if lexer.bytes[t.start + i] != k[i] { return false }
            i += 1
        }
        return true
    }

    /// Whether graphql-js would find `token.value == value` for `t`: names compare their text,
    /// strings their value (so that `fragment "on"` fails like graphql-js does).
    mutating func tokenValue(_ t: Token, is value: StaticString) -> Bool {
        switch t.kind {
        case .name: return isKeyword(t, value)
        case .string: return lexer.stringValue(of: t) == value.description
        case .blockString: return lexer.blockStringValue(of: t) == value.description
        default: return false
        }
    }

    /// Enters one more level of nesting, failing past `maxDepth` or the fixed ceiling.
    @inline(__always)
    mutating func enterNesting() throws(SyntaxError) {
        depth += 1
        if depth > depthLimit { throw nestingError() }
    }

    @inline(__always)
    mutating func leaveNesting() { depth -= 1 }

    @inline(never)
    private mutating func nestingError() -> SyntaxError {
        if let maxDepth = maxDepthOption, maxDepth < Parser.maxNestingDepth {
            return lexer.syntaxError(token.start, "Document exceeds the maximum nesting depth of \(maxDepth).")
        }
        return lexer.syntaxError(token.start, "Document is nested too deeply. Parsing aborted.")
    }

    // MARK: - Document

    /// Document : Definition+
    mutating func parseDocument() throws(SyntaxError) -> DocumentNode {
        try expect(.sof)
        repeat {
            let definition = try parseDefinition()
            stacks.definitions.push(definition)
        } while try !expectOptional(.eof)
        let definitions = stacks.definitions.popArray(from: 0)
        return DocumentNode(loc: loc(0), definitions: definitions, tokenCount: tokenCount, source: source)
    }

    /// Definition : ExecutableDefinition | TypeSystemDefinition | TypeSystemExtension
    ///
    /// Many definitions begin with a description, so the keyword may be one token ahead.
    mutating func parseDefinition() throws(SyntaxError) -> DefinitionNode {
        if token.kind == .braceL {
            return .operation(try parseOperationDefinition())
        }
        let hasDescription = token.kind == .string || token.kind == .blockString
        let keywordToken = hasDescription ? try peekNext() : token
        if hasDescription && keywordToken.kind == .braceL {
            throw lexer.syntaxError(token.start, "Unexpected description, descriptions are not supported on shorthand queries.")
        }
        if keywordToken.kind == .name {
            switch definitionKeyword(keywordToken) {
            case .schema: return .schema(try parseSchemaDefinition())
            case .scalar: return .scalarType(try parseScalarTypeDefinition())
            case .type: return .objectType(try parseObjectTypeDefinition())
            case .interface: return .interfaceType(try parseInterfaceTypeDefinition())
            case .union: return .unionType(try parseUnionTypeDefinition())
            case .enum: return .enumType(try parseEnumTypeDefinition())
            case .input: return .inputObjectType(try parseInputObjectTypeDefinition())
            case .directive: return .directive(try parseDirectiveDefinition())
            case .query, .mutation, .subscription: return .operation(try parseOperationDefinition())
            case .fragment: return .fragment(try parseFragmentDefinition())
            case .extend:
                if hasDescription {
                    throw lexer.syntaxError(token.start, "Unexpected description, only GraphQL definitions support descriptions.")
                }
                return try parseTypeSystemExtension()
            case nil:
                if hasDescription {
                    throw lexer.syntaxError(token.start, "Unexpected description, only GraphQL definitions support descriptions.")
                }
            }
        }
        throw unexpected(keywordToken)
    }

    enum DefinitionKeyword {
        case schema, scalar, type, interface, union, `enum`, input, directive
        case query, mutation, subscription, fragment, extend
    }

    /// The definition keyword a name token spells, if any.
    mutating func definitionKeyword(_ t: Token) -> DefinitionKeyword? {
        switch lexer.bytes[t.start] {
        case UInt8(ascii: "s"):
            if isKeyword(t, "schema") { return .schema }
            if isKeyword(t, "scalar") { return .scalar }
            if isKeyword(t, "subscription") { return .subscription }
        case UInt8(ascii: "t"): if isKeyword(t, "type") { return .type }
        case UInt8(ascii: "i"):
            if isKeyword(t, "interface") { return .interface }
            if isKeyword(t, "input") { return .input }
        case UInt8(ascii: "u"): if isKeyword(t, "union") { return .union }
        case UInt8(ascii: "e"):
            if isKeyword(t, "enum") { return .enum }
            if isKeyword(t, "extend") { return .extend }
        case UInt8(ascii: "d"): if isKeyword(t, "directive") { return .directive }
        case UInt8(ascii: "q"): if isKeyword(t, "query") { return .query }
        case UInt8(ascii: "m"): if isKeyword(t, "mutation") { return .mutation }
        case UInt8(ascii: "f"): if isKeyword(t, "fragment") { return .fragment }
        default: break
        }
        return nil
    }

    // MARK: - Operations

    /// OperationDefinition : SelectionSet | Description? OperationType Name? VariableDefinitions? Directives? SelectionSet
    mutating func parseOperationDefinition() throws(SyntaxError) -> OperationDefinitionNode {
        let start = token.start
        if token.kind == .braceL {
            let selectionSet = try parseSelectionSet()
            return OperationDefinitionNode(loc: loc(start), operation: .query, selectionSet: selectionSet)
        }
        let description = try parseDescription()
        let operation = try parseOperationType()
        let name = token.kind == .name ? try parseName() : nil
        let variableDefinitions = try parseVariableDefinitions()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return OperationDefinitionNode(loc: loc(start), description: description, operation: operation, name: name,
                                       variableDefinitions: variableDefinitions, directives: directives, selectionSet: selectionSet)
    }

    /// OperationType : one of `query` `mutation` `subscription`
    mutating func parseOperationType() throws(SyntaxError) -> OperationType {
        let t = try expect(.name)
        if isKeyword(t, "query") { return .query }
        if isKeyword(t, "mutation") { return .mutation }
        if isKeyword(t, "subscription") { return .subscription }
        throw unexpected(t)
    }

    /// VariableDefinitions : ( VariableDefinition+ )
    mutating func parseVariableDefinitions() throws(SyntaxError) -> [VariableDefinitionNode] {
        guard try expectOptional(.parenL) else { return [] }
        let base = stacks.variableDefinitions.count
        repeat {
            let definition = try parseVariableDefinition()
            stacks.variableDefinitions.push(definition)
        } while try !expectOptional(.parenR)
        return stacks.variableDefinitions.popArray(from: base)
    }

    /// VariableDefinition : Description? Variable : Type DefaultValue? Directives[Const]?
    mutating func parseVariableDefinition() throws(SyntaxError) -> VariableDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        let variable = try parseVariable()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return VariableDefinitionNode(loc: loc(start), description: description, variable: variable, type: type,
                                      defaultValue: defaultValue, directives: directives)
    }

    /// Variable : $ Name
    mutating func parseVariable() throws(SyntaxError) -> VariableNode {
        let start = token.start
        try expect(.dollar)
        let name = try parseName()
        return VariableNode(loc: loc(start), name: name)
    }

    /// SelectionSet : { Selection* } (graphql-core accepts an empty selection set).
    mutating func parseSelectionSet() throws(SyntaxError) -> SelectionSetNode {
        try enterNesting()
        let start = token.start
        try expect(.braceL)
        let base = stacks.selections.count
        while try !expectOptional(.braceR) {
            let selection = try parseSelection()
            stacks.selections.push(selection)
        }
        leaveNesting()
        return SelectionSetNode(loc: loc(start), selections: stacks.selections.popArray(from: base))
    }

    /// Selection : Field | FragmentSpread | InlineFragment
    mutating func parseSelection() throws(SyntaxError) -> SelectionNode {
        if token.kind == .spread { return try parseFragment() }
        return .field(try parseField())
    }

    /// Field : Alias? Name Arguments? Directives? SelectionSet?
    mutating func parseField() throws(SyntaxError) -> FieldNode {
        let start = token.start
        let nameOrAlias = try parseName()
        let alias: NameNode?
        let name: NameNode
        if token.kind == .colon {
            try advance()
            alias = consume nameOrAlias
            name = try parseName()
        } else {
            alias = nil
            name = consume nameOrAlias
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet = token.kind == .braceL ? try parseSelectionSet() : nil
        return FieldNode(loc: loc(start), alias: alias, name: name, arguments: arguments,
                         directives: directives, selectionSet: selectionSet)
    }

    /// Arguments[Const] : ( Argument[?Const]+ )
    mutating func parseArguments(isConst: Bool) throws(SyntaxError) -> [ArgumentNode] {
        guard try expectOptional(.parenL) else { return [] }
        let base = stacks.arguments.count
        repeat {
            let start = token.start
            let name = try parseName()
            try expect(.colon)
            let value = try parseValueLiteral(isConst: isConst)
            stacks.arguments.push(ArgumentNode(loc: loc(start), name: name, value: value))
        } while try !expectOptional(.parenR)
        return stacks.arguments.popArray(from: base)
    }

    // MARK: - Fragments

    /// FragmentSpread : ... FragmentName Directives?
    /// InlineFragment : ... TypeCondition? Directives? SelectionSet
    mutating func parseFragment() throws(SyntaxError) -> SelectionNode {
        let start = token.start
        try expect(.spread)
        let hasTypeCondition = try expectOptionalKeyword("on")
        if !hasTypeCondition && token.kind == .name {
            let name = try parseFragmentName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(FragmentSpreadNode(loc: loc(start), name: name, directives: directives))
        }
        let typeCondition = hasTypeCondition ? try parseNamedType() : nil
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return .inlineFragment(InlineFragmentNode(loc: loc(start), typeCondition: typeCondition,
                                                  directives: directives, selectionSet: selectionSet))
    }

    /// FragmentDefinition : Description? fragment FragmentName TypeCondition Directives? SelectionSet
    mutating func parseFragmentDefinition() throws(SyntaxError) -> FragmentDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseNamedType()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return FragmentDefinitionNode(loc: loc(start), description: description, name: name, typeCondition: typeCondition,
                                      directives: directives, selectionSet: selectionSet)
    }

    /// FragmentName : Name but not `on`
    mutating func parseFragmentName() throws(SyntaxError) -> NameNode {
        if tokenValue(token, is: "on") { throw unexpected() }
        return try parseName()
    }

    // MARK: - Values

    /// Value[Const] : Variable (unless Const) | IntValue | FloatValue | StringValue | BooleanValue
    ///   | NullValue | EnumValue | ListValue[?Const] | ObjectValue[?Const]
    mutating func parseValueLiteral(isConst: Bool) throws(SyntaxError) -> ValueNode {
        // Lists and objects recurse; they have functions of their own so that the frame each
        // level of nesting puts on the stack stays small.
        switch token.kind {
        case .bracketL: return .list(try parseList(isConst: isConst))
        case .braceL: return .object(try parseObject(isConst: isConst))
        default: return try parseScalarValue(isConst: isConst)
        }
    }

    /// ListValue[Const] : [ Value[?Const]* ]
    mutating func parseList(isConst: Bool) throws(SyntaxError) -> ListValueNode {
        let start = token.start
        try enterNesting()
        try advance()
        let base = stacks.values.count
        while try !expectOptional(.bracketR) {
            let value = try parseValueLiteral(isConst: isConst)
            stacks.values.push(value)
        }
        leaveNesting()
        return ListValueNode(loc: loc(start), values: stacks.values.popArray(from: base))
    }

    /// ObjectValue[Const] : { ObjectField[?Const]* }
    mutating func parseObject(isConst: Bool) throws(SyntaxError) -> ObjectValueNode {
        let start = token.start
        try enterNesting()
        try advance()
        let base = stacks.objectFields.count
        while try !expectOptional(.braceR) {
            let fieldStart = token.start
            let name = try parseName()
            try expect(.colon)
            let value = try parseValueLiteral(isConst: isConst)
            stacks.objectFields.push(ObjectFieldNode(loc: loc(fieldStart), name: name, value: value))
        }
        leaveNesting()
        return ObjectValueNode(loc: loc(start), fields: stacks.objectFields.popArray(from: base))
    }

    /// A value that is not a list or an object.
    mutating func parseScalarValue(isConst: Bool) throws(SyntaxError) -> ValueNode {
        let t = token
        switch t.kind {
        case .int:
            try advance()
            return .int(IntValueNode(loc: loc(t.start), value: lexer.text(of: t)))
        case .float:
            try advance()
            return .float(FloatValueNode(loc: loc(t.start), value: lexer.text(of: t)))
        case .string, .blockString:
            return .string(try parseStringLiteral())
        case .name:
            try advance()
            if isKeyword(t, "true") { return .boolean(BooleanValueNode(loc: loc(t.start), value: true)) }
            if isKeyword(t, "false") { return .boolean(BooleanValueNode(loc: loc(t.start), value: false)) }
            if isKeyword(t, "null") { return .null(NullValueNode(loc: loc(t.start))) }
            return .enumValue(EnumValueNode(loc: loc(t.start), value: name(t)))
        case .dollar:
            if isConst {
                try advance()
                if token.kind == .name {
                    throw lexer.syntaxError(t.start, "Unexpected variable '$\(name(token))' in constant value.")
                }
                throw unexpected(t)
            }
            return .variable(try parseVariable())
        default:
            throw unexpected()
        }
    }

    /// StringValue, as a node.
    mutating func parseStringLiteral() throws(SyntaxError) -> StringValueNode {
        let t = token
        try advance()
        let lexer = self.lexer
        if t.kind == .blockString {
            let value = strings.string(lexer.bytes, t.start, t.end) { lexer.blockStringValue(of: t) }
            return StringValueNode(loc: loc(t.start), value: value, block: true)
        }
        let value = strings.string(lexer.bytes, t.start, t.end) { lexer.stringValue(of: t) }
        return StringValueNode(loc: loc(t.start), value: value, block: false)
    }

    // MARK: - Directives

    /// Directives[Const] : Directive[?Const]+ (an empty list when there are none)
    mutating func parseDirectives(isConst: Bool) throws(SyntaxError) -> [DirectiveNode] {
        guard token.kind == .at else { return [] }
        let base = stacks.directives.count
        repeat {
            let start = token.start
            try advance()
            let name = try parseName()
            let arguments = try parseArguments(isConst: isConst)
            stacks.directives.push(DirectiveNode(loc: loc(start), name: name, arguments: arguments))
        } while token.kind == .at
        return stacks.directives.popArray(from: base)
    }

    // MARK: - Types and names

    /// Type : NamedType | ListType | NonNullType
    mutating func parseTypeReference() throws(SyntaxError) -> TypeNode {
        let start = token.start
        var type: TypeNode
        if try expectOptional(.bracketL) {
            // graphql-core counts the level after consuming `[`, so the error points past it.
            try enterNesting()
            let inner = try parseTypeReference()
            leaveNesting()
            try expect(.bracketR)
            type = .list(ListTypeNode(loc: loc(start), type: inner))
        } else {
            type = .named(try parseNamedType())
        }
        if try expectOptional(.bang) {
            return .nonNull(NonNullTypeNode(loc: loc(start), type: type))
        }
        return type
    }

    /// NamedType : Name
    @inline(__always)
    mutating func parseNamedType() throws(SyntaxError) -> NamedTypeNode {
        let name = try parseName()
        return NamedTypeNode(loc: name.loc, name: name)
    }

    /// Name, as a node.
    @inline(__always)
    mutating func parseName() throws(SyntaxError) -> NameNode {
        let t = try expect(.name)
        return NameNode(loc: loc(t.start), value: name(t))
    }

    /// The text of a name token.
    @inline(__always)
    mutating func name(_ t: Token) -> String {
        let bytes = lexer.bytes
        return strings.string(bytes, t.start, t.end) {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[t.start..<t.end]), as: UTF8.self)
        }
    }
}
