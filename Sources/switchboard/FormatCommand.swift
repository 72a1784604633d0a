import ArgumentParser
import SwitchboardGraphQL

/// `switchboard format [FILE|-]`: the canonical print of a document, exactly as graphql-js `print` writes it.
///
/// Output: `printAST(parse(text))` and one newline on standard output, exit 0. A syntax error: its report
/// `FILE:LINE:COLUMN: message` as the first line on standard error, exit 1. A file that cannot be read: exit 2.
struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "format",
        abstract: "Print a GraphQL document in canonical form (as graphql-js print)."
    )

    @Argument(help: "The GraphQL document to format, or - for standard input.")
    var file: String = InputFile.standardInput

    func run() throws {
        let input: InputFile
        do {
            input = try InputFile(path: file)
        } catch {
            printToStandardError("switchboard format: \(error)")
            throw ExitCode(2)
        }
        let document: DocumentNode
        do {
            document = try SwitchboardGraphQL.parse(input.source, options: .trusted)
        } catch {
            printToStandardError(input.report(error))
            throw ExitCode(1)
        }
        print(printAST(document))
    }
}
