import Logging
import Synchronization
import SwitchboardGraphQL

/// A schema ready to serve: parse (with client limits) → validate → execute, transport aside.
///
/// Documents that parse and validate are cached by their text (see `DocumentCache`), so a repeated
/// query costs a dictionary lookup before execution. Errors that resolvers throw and that are not
/// `GraphQLError`s are masked here, whatever the transport: the client sees "Internal server error"
/// with code `INTERNAL_SERVER_ERROR`, the log sees the real error.
public final class GraphQLEndpoint: Sendable {
    public let schema: GraphQLSchema
    public let parseOptions: ParseOptions
    private let cache: DocumentCache
    private let counters = Mutex(DocumentStatistics())

    /// - Parameters:
    ///   - parseOptions: limits for client documents (`ParseOptions.clientDefaults`).
    ///   - documentCacheCapacity: how many parsed and validated documents to keep (0: none).
    ///   - documentCacheBytes: how many bytes of query text the cache may hold in all.
    /// - Throws: the schema's validation errors: a schema that cannot execute must not start a server.
    public init(
        schema: GraphQLSchema,
        parseOptions: ParseOptions = .clientDefaults,
        documentCacheCapacity: Int = 1_000,
        documentCacheBytes: Int = 16 << 20
    ) throws(GraphQLSchemaError) {
        let schemaErrors = validateSchema(schema)
        if !schemaErrors.isEmpty { throw GraphQLSchemaError(schemaErrors) }
        self.schema = schema
        self.parseOptions = parseOptions
        self.cache = DocumentCache(maxEntries: documentCacheCapacity, maxBytes: documentCacheBytes)
    }

    /// How much work documents have cost so far.
    public var statistics: DocumentStatistics {
        var statistics = counters.withLock { $0 }
        statistics.cachedDocuments = cache.count
        return statistics
    }

    /// The executable document for `query`: from the cache, or parsed and validated (and then cached).
    public func document(for query: String) throws(DocumentRejection) -> DocumentNode {
        if let cached = cache.document(for: query) {
            counters.withLock { $0.cacheHits += 1 }
            return cached
        }
        counters.withLock { $0.parses += 1 }
        let document: DocumentNode
        do {
            document = try parse(Source(query, name: "GraphQL request"), options: parseOptions)
        } catch {
            throw .syntax(error)
        }
        counters.withLock { $0.validations += 1 }
        let errors = validate(schema, document)
        if !errors.isEmpty { throw .invalid(errors) }
        cache.insert(document, for: query)
        return document
    }

    /// Executes an operation of a valid document. Errors of resolvers that are not `GraphQLError`s
    /// are masked and logged with the response path (never with variables).
    public func execute(
        _ document: DocumentNode,
        operationName: String?,
        variables: [String: GraphQLValue]?,
        context: any Sendable,
        logger: Logger
    ) async -> ExecutionResult {
        var result = await SwitchboardGraphQL.execute(schema: schema, document: document, operationName: operationName,
                                                      variableValues: variables, context: context)
        for index in result.errors.indices {
            guard let underlying = result.errors[index].underlyingError, !(underlying is GraphQLError) else { continue }
            let path = result.errors[index].path.map { $0.map(\.description).joined(separator: ".") } ?? ""
            logger.error("Resolver failed", metadata: [
                "graphql.path": .string(path),
                "error.type": .string(String(reflecting: type(of: underlying))),
                "error": .string(String(describing: underlying)),
            ])
            result.errors[index] = masked(result.errors[index])
        }
        return result
    }

    private func masked(_ error: GraphQLError) -> GraphQLError {
        var masked = GraphQLError("Internal server error", locations: error.locations, source: error.source, path: error.path,
                                  extensions: ["code": .string(ServerErrorCode.internalServerError.rawValue)])
        masked.underlyingError = nil
        return masked
    }
}

/// Why a document cannot be executed.
public enum DocumentRejection: Error, Sendable {
    /// It does not parse (or exceeds the parse limits): one syntax error.
    case syntax(GraphQLError)
    /// It parses but does not validate against the schema.
    case invalid([GraphQLError])

    /// The errors as a response shows them, each with its `extensions.code`.
    public var errors: [GraphQLError] {
        switch self {
        case .syntax(let error):
            return [error.withCode(.graphQLParseFailed)]
        case .invalid(let errors):
            return errors.map { $0.withCode(.graphQLValidationFailed) }
        }
    }
}

/// Counters of the work documents cost, to check that caching works.
public struct DocumentStatistics: Sendable, Equatable {
    /// Documents parsed (cache misses).
    public var parses = 0
    /// Documents validated (those that parsed).
    public var validations = 0
    /// Requests served from the cache.
    public var cacheHits = 0
    /// Documents in the cache now.
    public var cachedDocuments = 0

    public init() {}
}

/// Finds the operation a request runs (the spec's `GetOperation`), with the messages of graphql-js's
/// `execute`, which would report the same errors.
func findOperation(in document: DocumentNode, named operationName: String?) throws(GraphQLError) -> OperationDefinitionNode {
    var found: OperationDefinitionNode?
    for case .operation(let candidate) in document.definitions {
        if let operationName {
            if candidate.name?.value == operationName { return candidate }
        } else {
            if found != nil { throw GraphQLError("Must provide operation name if query contains multiple operations.") }
            found = candidate
        }
    }
    if let found { return found }
    if let operationName { throw GraphQLError("Unknown operation named \"\(operationName)\".") }
    throw GraphQLError("Must provide an operation.")
}
