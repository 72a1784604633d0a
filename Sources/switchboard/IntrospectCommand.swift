import ArgumentParser
import SwitchboardGraphQL

/// `switchboard introspect --schema SDL_FILE [--query FILE]`: the JSON response to the introspection query.
///
/// Builds the schema from SDL and executes the full standard introspection query (every option on, so that
/// graphql-js `buildClientSchema` rebuilds the schema exactly), or the query in FILE. Output: the response
/// `{"data":…}` (`"errors"` first when there are some) and a newline; exit 0, or 1 when the response has
/// errors. An invalid schema: `FILE:LINE:COLUMN: message` lines on standard error, exit 2; so is a file
/// that cannot be read or a query that does not parse.
struct IntrospectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "introspect",
        abstract: "Print the introspection of a schema as JSON (the response to the standard introspection query)."
    )

    @Option(name: .long, help: "The schema, in SDL.")
    var schema: String

    @Option(name: .long, help: "A query to run instead of the standard introspection query.")
    var query: String?

    func run() async throws {
        let built = try loadSchema(schema, command: "introspect")
        let document: DocumentNode
        if let query {
            let input = try readInput(query, command: "introspect")
            do {
                document = try SwitchboardGraphQL.parse(input.source, options: .clientDefaults)
            } catch {
                printToStandardError(input.report(error))
                throw ExitCode(2)
            }
        } else {
            document = try SwitchboardGraphQL.parse(Source(getIntrospectionQuery(.all)), options: .trusted)
        }
        let result = await execute(schema: built, document: document)
        print(result.jsonString())
        if !result.errors.isEmpty { throw ExitCode(1) }
    }
}

/// Reads a file named on the command line; on failure says why on standard error and exits 2.
func readInput(_ path: String, command: String) throws -> InputFile {
    do {
        return try InputFile(path: path)
    } catch {
        printToStandardError("switchboard \(command): \(error)")
        throw ExitCode(2)
    }
}

/// Builds and validates the schema in an SDL file; on failure reports every error as
/// `FILE:LINE:COLUMN: message` on standard error and exits 2.
func loadSchema(_ path: String, command: String) throws -> GraphQLSchema {
    let input = try readInput(path, command: command)
    let errors: [GraphQLError]
    do {
        let document = try SwitchboardGraphQL.parse(input.source, options: .trusted)
        let schema = try buildASTSchema(document)
        errors = validateSchema(schema)
        if errors.isEmpty { return schema }
    } catch let error as GraphQLError {
        printToStandardError(input.report(error))
        throw ExitCode(2)
    } catch let error as GraphQLSchemaError {
        for e in error.errors { printToStandardError(input.report(e)) }
        throw ExitCode(2)
    }
    for e in errors { printToStandardError(input.report(e)) }
    throw ExitCode(2)
}
