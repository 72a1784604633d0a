import Testing
@testable import SwitchboardGraphQL

/// `UniqueArgumentDefinitionNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueArgumentDefinitionNamesRuleTests {
    @Test func noArgs() throws {
        let errors = try sdlValidationErrors([UniqueArgumentDefinitionNamesRule.self], #"""
            type SomeObject { someField: String }
            interface SomeInterface { someField: String }
            directive @someDirective on QUERY
            """#)
        #expect(errors == [])
    }

    @Test func oneArgument() throws {
        let errors = try sdlValidationErrors([UniqueArgumentDefinitionNamesRule.self], #"""
            type SomeObject { someField(foo: String): String }
            directive @someDirective(foo: String) on QUERY
            """#)
        #expect(errors == [])
    }

    @Test func multipleArguments() throws {
        let errors = try sdlValidationErrors([UniqueArgumentDefinitionNamesRule.self], #"""
            type SomeObject { someField(foo: String bar: String): String }
            extend interface SomeInterface { someField(foo: String bar: String): String }
            directive @someDirective(foo: String bar: String) on QUERY
            """#)
        #expect(errors == [])
    }

    @Test func duplicatingArguments() throws {
        let errors = try sdlValidationErrors([UniqueArgumentDefinitionNamesRule.self], #"""
            type SomeObject { someField(foo: String bar: String foo: String): String }
            extend type SomeObject { otherField(foo: String bar: String foo: String): String }
            interface SomeInterface { someField(foo: String bar: String foo: String): String }
            directive @someDirective(foo: String bar: String foo: String) on QUERY
            """#)
        #expect(errors == [
            ExpectedError("Argument 'SomeObject.someField(foo:)' can only be defined once.", [(1, 29), (1, 53)]),
            ExpectedError("Argument 'SomeObject.otherField(foo:)' can only be defined once.", [(2, 37), (2, 61)]),
            ExpectedError("Argument 'SomeInterface.someField(foo:)' can only be defined once.", [(3, 37), (3, 61)]),
            ExpectedError("Argument '@someDirective(foo:)' can only be defined once.", [(4, 26), (4, 50)]),
        ])
    }
}
