import Testing
@testable import SwitchboardGraphQL

/// Interfaces and unions: `resolveType`, `isTypeOf`, `__typename`, `GraphQLTypeNamed`, and the errors when
/// none of them gives a valid type (after graphql-js `abstract-test`).
@Suite struct AbstractTypeTests {
    typealias T = ExecutionTestSupport

    private struct Dog: GraphQLFieldReadable, GraphQLTypeNamed {
        let name: String
        var graphQLTypeName: String { "Dog" }
        func graphQLField(named field: String) -> (any Sendable)? { field == "name" ? name : (field == "woofs" ? true : nil) }
    }

    private struct Cat: GraphQLFieldReadable {
        let name: String
        func graphQLField(named field: String) -> (any Sendable)? { field == "name" ? name : (field == "meows" ? true : nil) }
    }

    private func makeSchema(resolveType: TypeResolver? = nil, pets: @escaping @Sendable () -> [any Sendable]) throws -> GraphQLSchema {
        let pet = GraphQLInterfaceType(name: "Pet", fields: fieldMap([field("name", stringType)]), resolveType: resolveType)
        let dog = GraphQLObjectType(name: "Dog", fields: fieldMap([field("name", stringType), field("woofs", .named(GraphQLBoolean))]), interfaces: [pet])
        let cat = GraphQLObjectType(name: "Cat", fields: fieldMap([field("name", stringType), field("meows", .named(GraphQLBoolean))]), interfaces: [pet],
                                    isTypeOf: { $0 is Cat })
        let other = GraphQLObjectType(name: "Other", fields: fieldMap([field("x", stringType)]))
        let union = GraphQLUnionType(name: "CatOrDog", types: [cat, dog], resolveType: resolveType)
        let query = GraphQLObjectType(name: "Query", fields: fieldMap([
            field("pets", .list(.named(pet))) { _, _, _, _ in pets() },
            field("union", .list(.named(union))) { _, _, _, _ in pets() },
        ]))
        return try GraphQLSchema(query: query, types: [dog, cat, other])
    }

    private let petsQuery = "{ pets { __typename name ... on Dog { woofs } ... on Cat { meows } } }"

    @Test func defaultResolutionUsesTypeNameProtocolTypenameKeyAndIsTypeOf() async throws {
        let schema = try makeSchema { [Dog(name: "Odie"), Cat(name: "Garfield"), GraphQLValue.object(["__typename": "Dog", "name": "Rex"])] }
        let result = try await T.run(schema, petsQuery)
        #expect(result.errors.isEmpty)
        #expect(result.data?.jsonString == #"{"pets":[{"__typename":"Dog","name":"Odie","woofs":true},{"__typename":"Cat","name":"Garfield","meows":true},{"__typename":"Dog","name":"Rex","woofs":null}]}"#)
    }

    @Test func resolveTypeWins() async throws {
        let schema = try makeSchema(resolveType: { value, _, _ in
            try await Task.sleep(nanoseconds: 100_000)
            return value is Cat ? "Cat" : "Dog"
        }) { [Cat(name: "Tom"), Dog(name: "Spike")] }
        let result = try await T.run(schema, "{ union { __typename ... on Cat { name } } }")
        #expect(result.data?.jsonString == #"{"union":[{"__typename":"Cat","name":"Tom"},{"__typename":"Dog"}]}"#)
    }

    @Test func invalidRuntimeTypes() async throws {
        let schema = try makeSchema { [
            GraphQLValue.object(["name": "no type"]), GraphQLValue.object(["__typename": "Nope"]),
            GraphQLValue.object(["__typename": "Other"]), GraphQLValue.object(["__typename": "String"]),
        ] }
        let result = try await T.run(schema, "{ pets { name } }")
        #expect(result.data?.jsonString == #"{"pets":[null,null,null,null]}"#)
        #expect(T.summary(result.errors) == [
            #"Abstract type "Pet" must resolve to an Object type at runtime for field "Query.pets". Either the "Pet" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function. @1:3 pets.0"#,
            #"Abstract type "Pet" was resolved to a type "Nope" that does not exist inside the schema. @1:3 pets.1"#,
            #"Runtime Object type "Other" is not a possible type for "Pet". @1:3 pets.2"#,
            #"Abstract type "Pet" was resolved to a non-object type "String". @1:3 pets.3"#,
        ])
    }

    @Test func isTypeOfRejectsAValueOfAnotherType() async throws {
        let schema = try makeSchema(resolveType: { _, _, _ in "Cat" }) { [Dog(name: "Odie")] }
        let result = try await T.run(schema, "{ pets { name } }")
        #expect(result.data?.jsonString == #"{"pets":[null]}"#)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message.hasPrefix(#"Expected value of type "Cat" but got: "#) == true)
    }
}
