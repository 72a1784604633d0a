import Testing
@testable import SwitchboardGraphQL

/// Null propagation, after graphql-js `execution/__tests__/nonnull-test`: every field either throws or returns
/// null, synchronously or after a suspension.
@Suite struct NonNullTests {
    typealias T = ExecutionTestSupport

    private enum Mode: Sendable { case throwing, returningNull }

    private func makeSchema(_ mode: Mode) throws -> GraphQLSchema {
        let data = GraphQLObjectType(name: "DataType")
        let leaf: FieldResolver = { _, _, _, info in
            if info.fieldName.hasPrefix("promise") { try await Task.sleep(nanoseconds: 100_000) }
            if mode == .throwing { throw GraphQLError(info.fieldName) }
            return nil
        }
        let nest: FieldResolver = { _, _, _, info in
            if info.fieldName.hasPrefix("promise") { try await Task.sleep(nanoseconds: 100_000) }
            return "nested"
        }
        data.fields = fieldMap([
            field("sync", stringType, resolve: leaf),
            field("syncNonNull", .nonNull(stringType), resolve: leaf),
            field("promise", stringType, resolve: leaf),
            field("promiseNonNull", .nonNull(stringType), resolve: leaf),
            field("syncNest", .named(data), resolve: nest),
            field("syncNonNullNest", .nonNull(.named(data)), resolve: nest),
            field("promiseNest", .named(data), resolve: nest),
            field("promiseNonNullNest", .nonNull(.named(data)), resolve: nest),
        ])
        return try GraphQLSchema(query: data)
    }

    @Test(arguments: [true, false])
    func nullsANullableField(throwing: Bool) async throws {
        let result = try await T.run(makeSchema(throwing ? .throwing : .returningNull), "{ sync promise }")
        #expect(result.data == ["sync": nil, "promise": nil])
        #expect(T.summary(result.errors) == (throwing ? ["sync @1:3 sync", "promise @1:8 promise"] : []))
    }

    @Test func nullsTheObjectOfANonNullFieldThatThrows() async throws {
        let result = try await T.run(makeSchema(.throwing), "{ syncNest { syncNonNull } promiseNest { promiseNonNull } }")
        #expect(result.data == ["syncNest": nil, "promiseNest": nil])
        #expect(T.summary(result.errors) == [
            "syncNonNull @1:14 syncNest.syncNonNull", "promiseNonNull @1:42 promiseNest.promiseNonNull",
        ])
    }

    @Test func nullsTheObjectOfANonNullFieldThatReturnsNull() async throws {
        let result = try await T.run(makeSchema(.returningNull), "{ syncNest { syncNonNull } promiseNest { promiseNonNull } }")
        #expect(result.data == ["syncNest": nil, "promiseNest": nil])
        #expect(T.summary(result.errors) == [
            "Cannot return null for non-nullable field DataType.syncNonNull. @1:14 syncNest.syncNonNull",
            "Cannot return null for non-nullable field DataType.promiseNonNull. @1:42 promiseNest.promiseNonNull",
        ])
    }

    @Test func propagatesThroughNonNullParentsToTheNearestNullableOne() async throws {
        let query = """
            {
              syncNest { syncNonNullNest { promiseNonNullNest { syncNonNull } } }
              promiseNest { sync }
            }
            """
        let result = try await T.run(makeSchema(.returningNull), query)
        #expect(result.data == ["syncNest": nil, "promiseNest": ["sync": nil]])
        #expect(T.summary(result.errors) == [
            "Cannot return null for non-nullable field DataType.syncNonNull. @2:53 syncNest.syncNonNullNest.promiseNonNullNest.syncNonNull",
        ])
    }

    @Test func nullsTheRootWhenARootNonNullFieldFails() async throws {
        let result = try await T.run(makeSchema(.throwing), "{ sync syncNonNull }")
        #expect(result.data == .null)
        #expect(result.jsonString().hasSuffix(#""data":null}"#))
        #expect(T.summary(result.errors) == ["sync @1:3 sync", "syncNonNull @1:8 syncNonNull"])
    }

    @Test func abandonsTheRestOfAnObjectANullPropagatesThrough() async throws {
        // As graphql-js with synchronous resolvers: fields after the failed non-null one are not reported.
        let result = try await T.run(makeSchema(.throwing), "{ syncNest { sync syncNonNull promise } promise }")
        #expect(result.data == ["syncNest": nil, "promise": nil])
        #expect(T.summary(result.errors) == ["sync @1:14 syncNest.sync", "syncNonNull @1:19 syncNest.syncNonNull", "promise @1:41 promise"])
    }
}
