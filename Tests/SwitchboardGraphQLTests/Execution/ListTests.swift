import Testing
@testable import SwitchboardGraphQL

/// List completion, after graphql-js `lists-test`: nullable and non-null lists and items, Swift arrays and
/// GraphQLValue lists, and values that are not lists.
@Suite struct ListTests {
    typealias T = ExecutionTestSupport

    private func schema(_ type: GraphQLType, _ value: @escaping @Sendable () -> (any Sendable)?) throws -> GraphQLSchema {
        let query = GraphQLObjectType(name: "Query", fields: fieldMap([field("list", type) { _, _, _, _ in value() }]))
        return try GraphQLSchema(query: query)
    }

    private func run(_ type: GraphQLType, _ value: @escaping @Sendable () -> (any Sendable)?) async throws -> (String, [String]) {
        let result = try await T.run(try schema(type, value), "{ list }")
        return (result.data?.jsonString ?? "absent", T.summary(result.errors))
    }

    @Test func swiftArraysAndGraphQLValueLists() async throws {
        #expect(try await run(.list(intType)) { [1, 2] as [Int] } == (#"{"list":[1,2]}"#, []))
        #expect(try await run(.list(intType)) { [1, nil, 3] as [Int?] } == (#"{"list":[1,null,3]}"#, []))
        #expect(try await run(.list(intType)) { GraphQLValue.list([1, .null]) } == (#"{"list":[1,null]}"#, []))
        #expect(try await run(.list(.list(intType))) { [[1], [2, 3]] as [[Int]] } == (#"{"list":[[1],[2,3]]}"#, []))
    }

    @Test func nullItemsInNonNullPositions() async throws {
        let nullItem = "Cannot return null for non-nullable field Query.list. @1:3 list.1"
        #expect(try await run(.list(.nonNull(intType))) { [1, nil, 2] as [Int?] } == (#"{"list":null}"#, [nullItem]))
        #expect(try await run(.nonNull(.list(.nonNull(intType)))) { [1, nil] as [Int?] } == ("null", [nullItem]))
        #expect(try await run(.nonNull(.list(intType))) { nil } == ("null", ["Cannot return null for non-nullable field Query.list. @1:3 list"]))
    }

    @Test func valuesThatAreNotLists() async throws {
        let message = #"Expected Iterable, but did not find one for field "Query.list". @1:3 list"#
        #expect(try await run(.list(intType)) { 5 } == (#"{"list":null}"#, [message]))
        #expect(try await run(.list(intType)) { GraphQLValue.string("abc") } == (#"{"list":null}"#, [message]))
    }

    @Test func itemErrorsCarryTheirIndex() async throws {
        #expect(try await run(.list(intType)) { [1, "x", 3] as [any Sendable] }
            == (#"{"list":[1,null,3]}"#, [#"Int cannot represent non-integer value: "x" @1:3 list.1"#]))
    }
}
