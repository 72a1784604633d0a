import ArgumentParser
import SwitchboardGraphQL

/// `switchboard print-schema SDL_FILE`: builds a schema from SDL, validates it and prints it as graphql-js
/// `printSchema` does. A tool for checking the engine against graphql-js, so not listed in the help.
///
/// Output: the printed schema and one newline on standard output, exit 0. An invalid schema (a syntax error,
/// an SDL validation error, or a schema validation error): one `FILE:LINE:COLUMN: message` line per error on
/// standard error (`FILE: message` for an error without a location), exit 2; with `--json-errors`, a JSON array
/// of `{"message", "locations": [{"line", "column"}]}` instead, every location included.
struct PrintSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print-schema",
        abstract: "Build a schema from SDL, validate it and print it (as graphql-js printSchema).",
        shouldDisplay: false
    )

    @Argument(help: "The SDL document, or - for standard input.")
    var file: String = InputFile.standardInput

    @Flag(help: "Report errors as a JSON array with all their locations.")
    var jsonErrors = false

    func run() throws {
        let input: InputFile
        do {
            input = try InputFile(path: file)
        } catch {
            printToStandardError("switchboard print-schema: \(error)")
            throw ExitCode(2)
        }
        var errors: [GraphQLError]
        do {
            let schema = try buildSchema(input.source)
            errors = validateSchema(schema)
            if errors.isEmpty {
                print(printSchema(schema))
                return
            }
        } catch {
            errors = error.errors
        }
        if jsonErrors {
            printToStandardError(json(errors))
        } else {
            for error in errors { printToStandardError(input.report(error)) }
        }
        throw ExitCode(2)
    }

    private func json(_ errors: [GraphQLError]) -> String {
        let items = errors.map { error in
            let locations = error.locations.map { "{\"line\":\($0.line),\"column\":\($0.column)}" }
            return "{\"message\":\(jsonQuoted(error.message)),\"locations\":[\(locations.joined(separator: ","))]}"
        }
        return "[" + items.joined(separator: ",") + "]"
    }
}
