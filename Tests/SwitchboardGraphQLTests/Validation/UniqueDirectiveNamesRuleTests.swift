import Testing
@testable import SwitchboardGraphQL

/// `UniqueDirectiveNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueDirectiveNamesRuleTests {
    @Test func noDirective() throws {
        let errors = try sdlValidationErrors([UniqueDirectiveNamesRule.self], #"""
            type Foo
            """#)
        #expect(errors == [])
    }

    @Test func oneDirective() throws {
        let errors = try sdlValidationErrors([UniqueDirectiveNamesRule.self], #"""
            directive @foo on SCHEMA
            """#)
        #expect(errors == [])
    }

    @Test func manyDirectives() throws {
        let errors = try sdlValidationErrors([UniqueDirectiveNamesRule.self], #"""
            directive @foo on SCHEMA
            directive @bar on SCHEMA
            directive @baz on SCHEMA
            """#)
        #expect(errors == [])
    }

    @Test func directiveAndNonDirectiveDefinitionsNamedTheSame() throws {
        let errors = try sdlValidationErrors([UniqueDirectiveNamesRule.self], #"""
            query foo { __typename }
            fragment foo on foo { __typename }
            type foo
            directive @foo on SCHEMA
            """#)
        #expect(errors == [])
    }

    @Test func directivesNamedTheSame() throws {
        let errors = try sdlValidationErrors([UniqueDirectiveNamesRule.self], #"""
            directive @foo on SCHEMA
            directive @foo on SCHEMA
            directive @foo on SCHEMA
            """#)
        #expect(errors == [
            ExpectedError("There can be only one directive named '@foo'.", [(1, 12), (2, 12)]),
            ExpectedError("There can be only one directive named '@foo'.", [(1, 12), (3, 12)]),
        ])
    }

    @Test func addingNewDirectiveToExistingSchema() throws {
        let errors = try sdlValidationErrors([UniqueDirectiveNamesRule.self], #"""
            directive @newDirective on SCHEMA
            """#, schema: harnessSchema)
        #expect(errors == [])
    }

    @Test func addingConflictingDirectivesToExistingSchema() throws {
        let errors = try sdlValidationErrors([UniqueDirectiveNamesRule.self], #"""
            directive @skip on SCHEMA
            directive @onField on FIELD
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Directive '@skip' already exists in the schema. It cannot be redefined.", [(1, 12)]),
            ExpectedError("Directive '@onField' already exists in the schema. It cannot be redefined.", [(2, 12)]),
        ])
    }
}
