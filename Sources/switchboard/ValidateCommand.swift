import ArgumentParser
import SwitchboardGraphQL

/// `switchboard validate --schema SDL_FILE [FILE|-]`: validates a document against a schema, as graphql-js
/// `validate` with the specified rules.
///
/// Output on standard output, one line of compact JSON: `{"errors":[{"message":"…","locations":[{"line":1,
/// "column":2}]}]}` (`"locations"` left out for an error without any), `{"errors":[]}` when the document is
/// valid. Exit 0 when valid, 1 when not; a syntax error in the document is reported the same way (exit 1).
/// An invalid schema (syntax, SDL or schema validation errors) exits 2 with its errors on standard error,
/// one `FILE:LINE:COLUMN: message` per line; so does a file that cannot be read.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a GraphQL document against a schema (as graphql-js validate); print the errors as JSON."
    )

    @Option(name: .long, help: "The schema, as an SDL file.")
    var schema: String

    @Argument(help: "The GraphQL document to validate, or - for standard input.")
    var file: String = InputFile.standardInput

    func run() throws {
        let schema = try loadSchema()
        let input: InputFile
        do {
            input = try InputFile(path: file)
        } catch {
            printToStandardError("switchboard validate: \(error)")
            throw ExitCode(2)
        }
        let errors: [GraphQLError]
        do {
            let document = try SwitchboardGraphQL.parse(input.source, options: .clientDefaults)
            errors = SwitchboardGraphQL.validate(schema, document)
        } catch {
            errors = [error]
        }
        print(Self.json(errors))
        if !errors.isEmpty { throw ExitCode(1) }
    }

    /// Reads, parses, builds and validates the schema; any failure exits 2 with its errors on standard error.
    private func loadSchema() throws -> GraphQLSchema {
        let input: InputFile
        do {
            input = try InputFile(path: schema)
        } catch {
            printToStandardError("switchboard validate: \(error)")
            throw ExitCode(2)
        }
        var errors: [GraphQLError]
        do {
            let document = try SwitchboardGraphQL.parse(input.source, options: .trusted)
            let built = try buildASTSchema(document)
            errors = validateSchema(built)
            if errors.isEmpty { return built }
        } catch let error as GraphQLError {
            errors = [error]
        } catch let error as GraphQLSchemaError {
            errors = error.errors
        }
        for error in errors { printToStandardError(input.report(error)) }
        throw ExitCode(2)
    }

    /// `{"errors":[…]}` with each error's message and locations, keys in that order.
    static func json(_ errors: [GraphQLError]) -> String {
        var out = "{\"errors\":["
        for (index, error) in errors.enumerated() {
            if index > 0 { out += "," }
            out += "{\"message\":" + jsonQuoted(error.message)
            if !error.locations.isEmpty {
                out += ",\"locations\":["
                out += error.locations.map { "{\"line\":\($0.line),\"column\":\($0.column)}" }.joined(separator: ",")
                out += "]"
            }
            out += "}"
        }
        return out + "]}"
    }
}
