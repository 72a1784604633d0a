/// What the harness measures, for one engine. Each engine's adapter lives in a file that imports only that
/// engine, so the two modules' names (`parse`, `Source`, `GraphQLSchema`...) never meet.
protocol Engine: Sendable {
    var name: String { get }
    /// Parses the text and returns a number derived from the result, so the work cannot be optimized away.
    func parse(_ text: String) throws -> Int
    /// Builds a schema from SDL and keeps it for the steps below.
    mutating func buildSchema(_ sdl: String) throws -> Int
    /// Validates a parsed document against the kept schema; returns the number of errors.
    func validate(_ document: String) throws -> Int
    /// Executes a query against the kept schema; returns the size of the JSON-ish result.
    func execute(_ document: String) async throws -> Int
}
