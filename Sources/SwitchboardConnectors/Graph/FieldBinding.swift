import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres

/// How one field of the schema is resolved. Every field of every object type has one, bound by type and field
/// name (see `ResolverRegistry`); nothing falls back to the executor's default resolver.
struct FieldBinding: Sendable {
    enum Kind: Sendable {
        /// Reads a stored property of the parent value.
        case property
        /// Resolves one parent value at a time (root fields, catalog lookups).
        case resolver
        /// Resolves every parent value of a level in one call, with one SQL statement.
        case batch
    }

    let kind: Kind
    let resolve: FieldResolver?
    let resolveBatch: BatchFieldResolver?

    /// A property of a parent of type `Source`.
    static func property<Source: Sendable>(
        _ type: Source.Type, _ read: @escaping @Sendable (Source) -> (any Sendable)?
    ) -> FieldBinding {
        FieldBinding(kind: .property, resolve: { source, _, _, info in
            guard let source = source as? Source else { throw unexpectedSource(source, info) }
            return read(source)
        }, resolveBatch: nil)
    }

    /// A resolver of one parent value, given the request's context. Errors become GraphQL errors with a code.
    static func resolver(
        _ body: @escaping @Sendable (any Sendable, ArgumentValues, ConnectorContext) async throws -> (any Sendable)?
    ) -> FieldBinding {
        FieldBinding(kind: .resolver, resolve: { source, args, context, _ in
            do {
                return try await body(source, args, try ConnectorContext.from(context))
            } catch {
                throw GraphErrors.graphQLError(for: error, context: context)
            }
        }, resolveBatch: nil)
    }

    /// A resolver of every parent value of a level (all of type `Source`), returning one value per parent.
    static func batch<Source: Sendable>(
        _ type: Source.Type,
        _ body: @escaping @Sendable ([Source], ArgumentValues, ConnectorContext) async throws -> [(any Sendable)?]
    ) -> FieldBinding {
        FieldBinding(kind: .batch, resolve: nil, resolveBatch: { sources, args, context, info in
            do {
                var typed: [Source] = []
                typed.reserveCapacity(sources.count)
                for source in sources {
                    guard let source = source as? Source else { throw unexpectedSource(source, info) }
                    typed.append(source)
                }
                return try await body(typed, args, try ConnectorContext.from(context))
            } catch {
                throw GraphErrors.graphQLError(for: error, context: context)
            }
        })
    }

    private static func unexpectedSource(_ source: any Sendable, _ info: ResolveInfo) -> GraphQLError {
        GraphErrors.internalError(
            "\(info.parentType.name).\(info.fieldName) was given a \(type(of: source)) as its parent value")
    }
}

/// The resolvers of the graph, by type name and field name.
typealias ResolverRegistry = [String: [String: FieldBinding]]

/// Turns whatever a resolver threw into the GraphQL error a response shows. Connector errors keep their code;
/// anything else (a database failure, a key that does not open) becomes INTERNAL_SERVER_ERROR with a message
/// that reveals nothing, and is handed to the server's error reporter.
enum GraphErrors {
    static func graphQLError(for error: any Error, context: any Sendable) -> GraphQLError {
        switch error {
        case let error as ConnectorError:
            return error.graphQLError
        case let error as GraphQLError:
            return error
        default:
            (context as? ConnectorContext)?.services.reportInternalError(error)
            return ConnectorError.internalError.graphQLError
        }
    }

    static func internalError(_ detail: String) -> GraphQLError {
        var error = ConnectorError.internalError.graphQLError
        error.underlyingError = ConnectorError(.internalServerError, detail)
        return error
    }
}
