/// Building a schema from SDL (graphql-js `utilities/buildASTSchema`).
///
/// The schema has no resolvers: bind them to its fields afterwards, or rely on the default resolver.

/// How much checking building a schema does.
public struct BuildSchemaOptions: Sendable {
    /// Skip the SDL validation rules (`validateSDL`). Types the document names but never defines then make
    /// building throw `Unknown type: 'X'.`, as graphql-core does.
    public var assumeValidSDL: Bool = false
    /// Also mark the schema as valid: `validateSchema` returns no errors for it without checking.
    /// Implies `assumeValidSDL`, as in graphql-js.
    public var assumeValid: Bool = false

    public init(assumeValidSDL: Bool = false, assumeValid: Bool = false) {
        self.assumeValidSDL = assumeValidSDL
        self.assumeValid = assumeValid
    }
}

/// Why a schema could not be built, extended or used: one error or several (SDL validation reports all it finds).
public struct GraphQLSchemaError: Error, Sendable, CustomStringConvertible {
    public var errors: [GraphQLError]

    public init(_ errors: [GraphQLError]) {
        self.errors = errors
    }

    public init(_ error: GraphQLError) {
        self.errors = [error]
    }

    /// The messages joined by blank lines, as graphql-js's `assertValidSchema` and `assertValidSDL` word them.
    public var description: String {
        errors.map(\.message).joined(separator: "\n\n")
    }
}

/// Builds a schema from a parsed SDL document: its type, directive and schema definitions and extensions.
///
/// Without a `schema { … }` definition, the types named `Query`, `Mutation` and `Subscription` are the root
/// types. The specified directives (`@include`, `@skip`, `@deprecated`, `@specifiedBy`, `@oneOf`) are added
/// unless the document defines a directive of the same name. The schema is not validated: `validateSchema`
/// does that (the executor calls it).
public func buildASTSchema(_ document: DocumentNode, options: BuildSchemaOptions = .init()) throws(GraphQLSchemaError) -> GraphQLSchema {
    if !(options.assumeValid || options.assumeValidSDL) {
        let errors = validateSDL(document)
        if !errors.isEmpty { throw GraphQLSchemaError(errors) }
    }

    var config = try SchemaExtender.extend(SchemaConfig(), with: document) ?? SchemaConfig()

    // graphql-js looks for the conventionally named roots only when there is no schema definition; an
    // `extend schema` alone does not prevent it.
    if config.astNode == nil {
        for type in config.types {
            switch type.name {
            case "Query": config.query = .init(type)
            case "Mutation": config.mutation = .init(type)
            case "Subscription": config.subscription = .init(type)
            default: break
            }
        }
    }

    let definedNames = Set(config.directives.map(\.name))
    config.directives += specifiedDirectives.filter { !definedNames.contains($0.name) }

    let schema = try config.makeSchema()
    if options.assumeValid { markSchemaValid(schema) }
    return schema
}

/// Parses SDL and builds a schema from it. A syntax error is thrown as a `GraphQLSchemaError` too.
public func buildSchema(_ sdl: String, options: BuildSchemaOptions = .init()) throws(GraphQLSchemaError) -> GraphQLSchema {
    try buildSchema(Source(sdl, name: "GraphQL request"), options: options)
}

/// Parses SDL from a named source (its name appears in error reports) and builds a schema from it.
public func buildSchema(_ source: Source, options: BuildSchemaOptions = .init()) throws(GraphQLSchemaError) -> GraphQLSchema {
    let document: DocumentNode
    do {
        document = try parse(source, options: .trusted)
    } catch {
        throw GraphQLSchemaError(error)
    }
    return try buildASTSchema(document, options: options)
}
