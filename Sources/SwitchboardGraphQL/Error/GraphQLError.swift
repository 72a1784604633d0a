/// An error with the locations in the source that caused it and, during execution, the response path.
///
/// Mirrors graphql-js `GraphQLError`: `message`, `locations`, `path` and `extensions` are what a response shows.
public struct GraphQLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var locations: [SourceLocation]
    public var path: [PathComponent]?
    public var extensions: [String: GraphQLValue]?
    /// The source of the first location, for `FILE:LINE:COLUMN` reports.
    public var source: Source?
    /// The error a resolver threw, if this wraps one.
    public var underlyingError: (any Error & Sendable)?

    public init(
        _ message: String,
        locations: [SourceLocation] = [],
        source: Source? = nil,
        path: [PathComponent]? = nil,
        extensions: [String: GraphQLValue]? = nil,
        underlyingError: (any Error & Sendable)? = nil
    ) {
        self.message = message
        self.locations = locations
        self.source = source
        self.path = path
        self.extensions = extensions
        self.underlyingError = underlyingError
    }

    /// An error located at the start of each of `nodes` that has a location whose source is still alive
    /// (see `Location`).
    public init(_ message: String, nodes: [any Node], path: [PathComponent]? = nil, extensions: [String: GraphQLValue]? = nil) {
        var locations: [SourceLocation] = []
        var source: Source?
        for node in nodes {
            guard let loc = node.loc else { continue }
            // Nodes of one error nearly always share their source: look it up once.
            let nodeSource = source?.id == loc.sourceID ? source : loc.source
            if let nodeSource {
                locations.append(nodeSource.location(at: loc.start))
                if source == nil { source = nodeSource }
            }
        }
        self.init(message, locations: locations, source: source, path: path, extensions: extensions)
    }

    /// A syntax error at a byte offset, worded as graphql-js `syntaxError`.
    public static func syntax(_ source: Source, _ offset: Int, _ description: String) -> GraphQLError {
        GraphQLError("Syntax Error: \(description)", locations: [source.location(at: offset)], source: source)
    }

    public var description: String {
        if let first = locations.first {
            return "\(source?.name ?? "GraphQL"):\(first.line):\(first.column): \(message)"
        }
        return message
    }
}

/// One step of a response path: a field's response key or a list index.
public enum PathComponent: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return String(i)
        }
    }
}
