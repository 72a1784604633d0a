import SwitchboardGraphQL

struct SwitchboardEngine: Engine {
    let name = "Switchboard"
    var schema: GraphQLSchema?

    func parse(_ text: String) throws -> Int {
        try SwitchboardGraphQL.parse(Source(text), options: .trusted).definitions.count
    }

    mutating func buildSchema(_ sdl: String) throws -> Int {
        let built = try SwitchboardGraphQL.buildSchema(sdl)
        schema = built
        return built.typeMap.count
    }

    func validate(_ document: String) throws -> Int {
        let doc = try SwitchboardGraphQL.parse(Source(document), options: .trusted)
        return SwitchboardGraphQL.validate(schema!, doc).count
    }

    func execute(_ document: String) async throws -> Int {
        let doc = try SwitchboardGraphQL.parse(Source(document), options: .trusted)
        let result = await SwitchboardGraphQL.execute(schema: schema!, document: doc)
        guard result.errors.isEmpty else { throw BenchmarkError.failed("\(result.errors)") }
        if case .object(let data)? = result.data { return data.count }
        return 0
    }
}

/// graphql-js's `getIntrospectionQuery({ specifiedByUrl: true, directiveIsRepeatable: true })`: the richest standard
/// introspection query that GraphQLSwift 4.3.0 can execute (it lacks `__InputValue.isDeprecated` and `isOneOf`,
/// which the fixture `introspection_query.graphql` asks for).
func executableIntrospectionQuery() -> String {
    getIntrospectionQuery(IntrospectionOptions(specifiedByURL: true, directiveIsRepeatable: true))
}
