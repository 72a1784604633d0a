import Testing
@testable import SwitchboardGraphQL

/// A `Location` finds its `Source` by id while the source lives: documents and schemas keep theirs alive, and a
/// node that outlives its source gives errors without locations.
@Suite struct SourceLifetimeTests {
    @Test func locationsFindTheirSourceWhileTheDocumentLives() throws {
        let document = try parse(Source("{ a }", name: "Query.graphql"))
        let loc = try #require(document.definitions.first?.loc)
        #expect(loc.source === document.source)
        #expect(loc.source?.name == "Query.graphql")
        #expect(loc.startLocation == SourceLocation(line: 1, column: 1))
        let error = GraphQLError("boom", nodes: [document.definitions[0].node])
        #expect(error.locations == [SourceLocation(line: 1, column: 1)])
        #expect(error.source?.name == "Query.graphql")
    }

    @Test func aNodeWhoseSourceIsGoneHasNoLocation() throws {
        // The document and its source go away when the function returns; the node is copied out.
        func firstDefinition() throws -> DefinitionNode {
            try parse("{ a }").definitions[0]
        }
        let definition = try firstDefinition()
        #expect(definition.loc?.start == 0)
        #expect(definition.loc?.source == nil)
        #expect(definition.loc?.startLocation == nil)
        let error = GraphQLError("boom", nodes: [definition.node])
        #expect(error.locations.isEmpty)
        #expect(error.source == nil)
    }

    @Test func liveSourcesHaveDistinctIDs() {
        let a = Source("a"), b = Source("b")
        #expect(a.id != b.id)
        #expect(Source.withID(a.id) === a)
        #expect(Source.withID(b.id) === b)
    }

    @Test func aSchemaKeepsTheSourcesOfItsASTNodes() throws {
        // buildSchema parses into a document that is gone when it returns; the schema alone keeps the source.
        let schema = try buildSchema(Source("type Query { a: Int } type Query2 { b: Int }", name: "schema.graphql"))
        let extended = try extendSchema(schema, parse(Source("extend type Query { c: Int }", name: "extension.graphql")))
        let query = try #require(extended.queryType)
        #expect(query.astNode?.loc?.source?.name == "schema.graphql")
        #expect(query.extensionASTNodes.first?.loc?.source?.name == "extension.graphql")
        let error = GraphQLError("boom", nodes: [query.extensionASTNodes[0]])
        #expect(error.locations == [SourceLocation(line: 1, column: 1)])
    }
}
