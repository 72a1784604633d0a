import Testing
@testable import SwitchboardGraphQL

/// `ProvidedRequiredArgumentsOnDirectivesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct ProvidedRequiredArgumentsOnDirectivesRuleTests {
    @Test func missingOptionalArgsOnDirectiveDefinedInsideSdl() throws {
        let errors = try sdlValidationErrors([ProvidedRequiredArgumentsOnDirectivesRule.self], #"""
            type Query { foo: String @test }
            directive @test(arg1: String, arg2: String! = "") on FIELD_DEFINITION
            """#)
        #expect(errors == [])
    }

    @Test func missingArgOnDirectiveDefinedInsideSdl() throws {
        let errors = try sdlValidationErrors([ProvidedRequiredArgumentsOnDirectivesRule.self], #"""
            type Query { foo: String @test }
            directive @test(arg: String!) on FIELD_DEFINITION
            """#)
        #expect(errors == [
            ExpectedError("Argument '@test(arg:)' of type 'String!' is required, but it was not provided.", [(1, 26)]),
        ])
    }

    @Test func missingArgOnStandardDirective() throws {
        let errors = try sdlValidationErrors([ProvidedRequiredArgumentsOnDirectivesRule.self], #"""
            type Query { foo: String @include }
            """#)
        #expect(errors == [
            ExpectedError("Argument '@include(if:)' of type 'Boolean!' is required, but it was not provided.", [(1, 26)]),
        ])
    }

    @Test func missingArgOnOverriddenStandardDirective() throws {
        let errors = try sdlValidationErrors([ProvidedRequiredArgumentsOnDirectivesRule.self], #"""
            type Query { foo: String @deprecated }
            directive @deprecated(reason: String!) on FIELD
            """#)
        #expect(errors == [
            ExpectedError("Argument '@deprecated(reason:)' of type 'String!' is required, but it was not provided.", [(1, 26)]),
        ])
    }

    @Test func missingArgOnDirectiveDefinedInSchemaExtension() throws {
        let errors = try sdlValidationErrors([ProvidedRequiredArgumentsOnDirectivesRule.self], #"""
            extend type Query @test
            directive @test(arg: String!) on OBJECT
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Argument '@test(arg:)' of type 'String!' is required, but it was not provided.", [(1, 19)]),
        ])
    }

    @Test func missingArgOnDirectiveUsedInSchemaExtension() throws {
        let errors = try sdlValidationErrors([ProvidedRequiredArgumentsOnDirectivesRule.self], #"""
            extend type Dog @stream(if: true) @specifiedBy
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Argument '@specifiedBy(url:)' of type 'String!' is required, but it was not provided.", [(1, 35)]),
        ])
    }

    @Test func listTypeArgument() throws {
        let errors = try sdlValidationErrors([ProvidedRequiredArgumentsOnDirectivesRule.self], #"""
            type Query { foo: String @test }
            directive @test(arg: [[Int!]!]!) on FIELD_DEFINITION
            """#)
        #expect(errors == [
            ExpectedError("Argument '@test(arg:)' of type '[[Int!]!]!' is required, but it was not provided.", [(1, 26)]),
        ])
    }
}
