import GraphQL

struct GraphQLSwiftEngine: Engine {
    let name = "GraphQLSwift 4.3.0"
    var schema: GraphQLSchema?

    func parse(_ text: String) throws -> Int {
        try GraphQL.parse(source: text).definitions.count
    }

    mutating func buildSchema(_ sdl: String) throws -> Int {
        let built = try GraphQL.buildSchema(source: sdl)
        schema = built
        return built.typeMap.count
    }

    func validate(_ document: String) throws -> Int {
        let doc = try GraphQL.parse(source: document)
        return GraphQL.validate(schema: schema!, ast: doc).count
    }

    func execute(_ document: String) async throws -> Int {
        let doc = try GraphQL.parse(source: document)
        let result = try await GraphQL.execute(schema: schema!, documentAST: doc, rootValue: (), context: ())
        guard result.errors.isEmpty else { throw BenchmarkError.failed("\(result.errors)") }
        return result.data == nil ? 0 : 1
    }
}
