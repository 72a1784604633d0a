import Testing
@testable import SwitchboardGraphQL

/// `LoneSchemaDefinitionRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct LoneSchemaDefinitionRuleTests {
    @Test func noSchema() throws {
        let errors = try sdlValidationErrors([LoneSchemaDefinitionRule.self], #"""
            type Query { foo: String }
            """#)
        #expect(errors == [])
    }

    @Test func oneSchemaDefinition() throws {
        let errors = try sdlValidationErrors([LoneSchemaDefinitionRule.self], #"""
            schema { query: Foo }
            type Foo { foo: String }
            """#)
        #expect(errors == [])
    }

    @Test func multipleSchemaDefinitions() throws {
        let errors = try sdlValidationErrors([LoneSchemaDefinitionRule.self], #"""
            schema { query: Foo }
            type Foo { foo: String }
            schema { mutation: Foo }
            schema { subscription: Foo }
            """#)
        #expect(errors == [
            ExpectedError("Must provide only one schema definition.", [(3, 1)]),
            ExpectedError("Must provide only one schema definition.", [(4, 1)]),
        ])
    }

    @Test func defineSchemaInSchemaExtension() throws {
        let errors = try sdlValidationErrors([LoneSchemaDefinitionRule.self], #"""
            schema { query: Foo }
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Cannot define a new schema within a schema extension.", [(1, 1)]),
        ])
    }

    @Test func extendSchemaInSchemaExtension() throws {
        let errors = try sdlValidationErrors([LoneSchemaDefinitionRule.self], #"""
            extend schema @foo
            """#, schema: harnessSchema)
        #expect(errors == [])
    }
}
