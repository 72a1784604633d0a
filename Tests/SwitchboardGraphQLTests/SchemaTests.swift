import Testing
@testable import SwitchboardGraphQL

@Suite struct SchemaTests {
    private func makeSchema() throws -> GraphQLSchema {
        let node = GraphQLInterfaceType(name: "Node")
        node.fields = ["id": GraphQLField(name: "id", type: .nonNull(.named(GraphQLID)))]
        let user = GraphQLObjectType(name: "User", interfaces: [node])
        user.fields = [
            "id": GraphQLField(name: "id", type: .nonNull(.named(GraphQLID))),
            "friends": GraphQLField(name: "friends", type: .list(.named(user))),
        ]
        let query = GraphQLObjectType(name: "Query")
        query.fields = ["node": GraphQLField(name: "node", type: .named(node), args: [GraphQLArgument(name: "id", type: .nonNull(.named(GraphQLID)))])]
        return try GraphQLSchema(query: query, types: [user])
    }

    @Test func collectsTypesInGraphQLJSOrder() throws {
        let schema = try makeSchema()
        #expect(Array(schema.typeMap.keys.prefix(5)) == ["User", "Node", "ID", "Query", "Boolean"])
        #expect(schema.typeMap.keys.contains("__Schema"))
        #expect(schema.typeMap.keys.contains("__DirectiveLocation"))
        #expect(schema.typeMap.keys.contains("String"))
    }

    @Test func knowsPossibleTypesAndSubtypes() throws {
        let schema = try makeSchema()
        let node = try #require(schema.type(named: "Node"))
        let user = try #require(schema.type(named: "User"))
        #expect(schema.possibleTypes(of: node).map(\.name) == ["User"])
        #expect(schema.isSubType(node, user))
        #expect(schema.isTypeSubType(.nonNull(.named(user)), of: .named(node)))
        #expect(!schema.isTypeSubType(.list(.named(user)), of: .named(node)))
    }

    @Test func rejectsTwoTypesWithOneName() {
        let a = GraphQLObjectType(name: "Query")
        let b = GraphQLObjectType(name: "Query")
        #expect(throws: GraphQLError.self) { try GraphQLSchema(query: a, types: [b]) }
    }

    @Test func typeReferencesPrintAsSDL() {
        let t: GraphQLType = .nonNull(.list(.nonNull(.named(GraphQLString))))
        #expect(t.description == "[String!]!")
        #expect(t.namedType === GraphQLString)
    }

    @Test func inspectMatchesGraphQLJS() {
        #expect(inspect(["a": "x", "b": [1, 2.5, nil]]) == "{ a: \"x\", b: [1, 2.5, null] }")
        #expect(jsNumberString(1e21) == "1e+21")
        #expect(jsNumberString(1.0) == "1")
        #expect(jsNumberString(0.00001) == "0.00001")
        #expect(jsNumberString(1e16) == "10000000000000000")
    }
}
