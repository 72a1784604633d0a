import ArgumentParser
import SwitchboardGraphQL

/// `switchboard execute --schema SDL_FILE [--root JSON_FILE] [--variables JSON] [--operation NAME] [FILE|-]`:
/// executes a document with the default resolvers over a JSON root value and prints the JSON response.
///
/// It exists so that execution can be compared with graphql-core's. Output: the response and a newline;
/// exit 0, or 1 when the response has errors. An invalid schema, root or variables, an unreadable file
/// or a document that does not parse: a report on standard error, exit 2.
struct ExecuteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute",
        abstract: "Execute a GraphQL document against a schema, with a JSON root value, and print the JSON response."
    )

    @Option(name: .long, help: "The schema, in SDL.")
    var schema: String

    @Option(name: .long, help: "A JSON file whose value is the root value (default: null).")
    var root: String?

    @Option(name: .long, help: "The variables, as a JSON object.")
    var variables: String?

    @Option(name: .long, help: "The name of the operation to execute.")
    var operation: String?

    @Flag(name: .long, help: "Execute without validating first, as graphql-js's execute() does (to test the executor alone).")
    var noValidate = false

    @Argument(help: "The document to execute, or - for standard input.")
    var file: String = InputFile.standardInput

    func run() async throws {
        let built = try loadSchema(schema, command: "execute")
        var rootValue = GraphQLValue.null
        if let root {
            rootValue = try parseJSONArgument(try readInput(root, command: "execute").text, what: "root value in \(root)")
        }
        var variableValues: [String: GraphQLValue]?
        if let variables {
            guard case .object(let object) = try parseJSONArgument(variables, what: "variables") else {
                printToStandardError("switchboard execute: the variables must be a JSON object")
                throw ExitCode(2)
            }
            variableValues = Dictionary(uniqueKeysWithValues: zip(object.keys, object.values))
        }
        let input = try readInput(file, command: "execute")
        let document: DocumentNode
        do {
            document = try SwitchboardGraphQL.parse(input.source, options: .clientDefaults)
        } catch {
            printToStandardError(input.report(error))
            throw ExitCode(2)
        }
        // As graphql-js's `graphql()` does: an invalid document is reported, never executed.
        let validationErrors = noValidate ? [] : SwitchboardGraphQL.validate(built, document)
        if !validationErrors.isEmpty {
            print(ExecutionResult(data: nil, errors: validationErrors).jsonString())
            throw ExitCode(1)
        }
        let result = await execute(schema: built, document: document, operationName: operation,
                                   variableValues: variableValues, rootValue: rootValue)
        print(result.jsonString())
        if !result.errors.isEmpty { throw ExitCode(1) }
    }

    private func parseJSONArgument(_ text: String, what: String) throws -> GraphQLValue {
        do {
            return try parseJSON(text)
        } catch {
            printToStandardError("switchboard execute: invalid JSON for the \(what): \(error)")
            throw ExitCode(2)
        }
    }
}
