/// Limits that protect a server from documents built to exhaust it.
///
/// Whatever the options, nesting deeper than `Parser.maxNestingDepth` (200, as graphql-core) is a
/// syntax error, so that no input can overflow the stack.
public struct ParseOptions: Sendable {
    /// The most tokens (comments included, as graphql-core `max_tokens`) a document may have.
    /// Error: `Document contains more than N tokens. Parsing aborted.` at the first token past it.
    public var maxTokens: Int?
    /// The deepest nesting of selection sets, list and object values and list types.
    /// Error: `Document exceeds the maximum nesting depth of N.` at the token that exceeds it.
    public var maxDepth: Int?
    /// The largest document, in UTF-8 bytes. Error: `Document is larger than N bytes.` at its start.
    public var maxBytes: Int?

    public init(maxTokens: Int? = nil, maxDepth: Int? = nil, maxBytes: Int? = nil) {
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// No limits beyond the fixed nesting ceiling: for schemas and other trusted input.
    public static let trusted = ParseOptions()

    /// Limits for documents sent by clients (Apollo Router's defaults).
    public static let clientDefaults = ParseOptions(maxTokens: 15_000, maxDepth: 500, maxBytes: 1_048_576)
}
