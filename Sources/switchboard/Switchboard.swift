import ArgumentParser

/// The `switchboard` command: a thin layer over the engine. Each subcommand lives in a file of its own.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Switchboard: a GraphQL connector API for multi-tenant platforms.",
        subcommands: [
            ServeCommand.self, WorkerCommand.self, RotateMasterKeyCommand.self, FormatCommand.self, PrintSchemaCommand.self,
            IntrospectCommand.self, ExecuteCommand.self, ValidateCommand.self,
        ]
    )
}
