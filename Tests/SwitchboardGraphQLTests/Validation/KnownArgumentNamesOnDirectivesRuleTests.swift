import Testing
@testable import SwitchboardGraphQL

/// `KnownArgumentNamesOnDirectivesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct KnownArgumentNamesOnDirectivesRuleTests {
    @Test func knownArgOnDirectiveDefinedInsideSdl() throws {
        let errors = try sdlValidationErrors([KnownArgumentNamesOnDirectivesRule.self], #"""
            type Query { foo: String @test(arg: "") }
            directive @test(arg: String) on FIELD_DEFINITION
            """#)
        #expect(errors == [])
    }

    @Test func unknownArgOnDirectiveDefinedInsideSdl() throws {
        let errors = try sdlValidationErrors([KnownArgumentNamesOnDirectivesRule.self], #"""
            type Query { foo: String @test(unknown: "") }
            directive @test(arg: String) on FIELD_DEFINITION
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'unknown' on directive '@test'.", [(1, 32)]),
        ])
    }

    @Test func misspelledArgNameIsReportedOnDirectiveDefinedInsideSdl() throws {
        let errors = try sdlValidationErrors([KnownArgumentNamesOnDirectivesRule.self], #"""
            type Query { foo: String @test(agr: "") }
            directive @test(arg: String) on FIELD_DEFINITION
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'agr' on directive '@test'. Did you mean 'arg'?", [(1, 32)]),
        ])
    }

    @Test func unknownArgOnStandardDirective() throws {
        let errors = try sdlValidationErrors([KnownArgumentNamesOnDirectivesRule.self], #"""
            type Query { foo: String @deprecated(unknown: "") }
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'unknown' on directive '@deprecated'.", [(1, 38)]),
        ])
    }

    @Test func unknownArgOnOverriddenStandardDirective() throws {
        let errors = try sdlValidationErrors([KnownArgumentNamesOnDirectivesRule.self], #"""
            type Query { foo: String @deprecated(reason: "") }
            directive @deprecated(arg: String) on FIELD
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'reason' on directive '@deprecated'.", [(1, 38)]),
        ])
    }

    @Test func unknownArgOnDirectiveDefinedInSchemaExtension() throws {
        let errors = try sdlValidationErrors([KnownArgumentNamesOnDirectivesRule.self], #"""
            extend type Dog { foo: String @onField(unknown: "") }
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Unknown argument 'unknown' on directive '@onField'.", [(1, 40)]),
        ])
    }
}
