/// The kinds of lexical tokens, as graphql-js `TokenKind`.
enum TokenKind: UInt8, Sendable {
    case sof, eof
    case bang, dollar, amp, parenL, parenR, dot, spread, colon, equals, at
    case bracketL, bracketR, braceL, pipe, braceR
    case name, int, float, string, blockString, comment

    /// How graphql-js describes the kind in error messages: punctuators quoted, others by name.
    var description: String {
        switch self {
        case .sof: return "<SOF>"
        case .eof: return "<EOF>"
        case .bang: return "'!'"
        case .dollar: return "'$'"
        case .amp: return "'&'"
        case .parenL: return "'('"
        case .parenR: return "')'"
        case .dot: return "'.'"
        case .spread: return "'...'"
        case .colon: return "':'"
        case .equals: return "'='"
        case .at: return "'@'"
        case .bracketL: return "'['"
        case .bracketR: return "']'"
        case .braceL: return "'{'"
        case .pipe: return "'|'"
        case .braceR: return "'}'"
        case .name: return "Name"
        case .int: return "Int"
        case .float: return "Float"
        case .string: return "String"
        case .blockString: return "BlockString"
        case .comment: return "Comment"
        }
    }

    /// Whether a token of this kind carries a value (graphql-js `token.value` is set).
    var hasValue: Bool {
        switch self {
        case .name, .int, .float, .string, .blockString, .comment: return true
        default: return false
        }
    }
}

/// One lexical token: a kind and the byte range `[start, end)` it covers in the source.
///
/// Tokens carry no text; the parser makes Strings only for the names and string values it keeps.
struct Token: Sendable {
    var kind: TokenKind
    /// For a `.string` token: whether it contains an escape sequence, so that its value cannot be
    /// the raw bytes between the quotes. For a `.blockString` token: whether it contains `\"""`.
    var hasEscape: Bool
    var start: Int
    var end: Int

    @inline(__always)
    init(_ kind: TokenKind, _ start: Int, _ end: Int, hasEscape: Bool = false) {
        self.kind = kind
        self.hasEscape = hasEscape
        self.start = start
        self.end = end
    }
}
