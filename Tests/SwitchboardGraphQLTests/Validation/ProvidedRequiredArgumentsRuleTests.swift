import Testing
@testable import SwitchboardGraphQL

/// `ProvidedRequiredArgumentsRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct ProvidedRequiredArgumentsRuleTests {
    @Test func ignoresUnknownArguments() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { dog { isHouseTrained(unknownArgument: true) } }
            """#)
        #expect(errors == [])
    }

    @Test func argOnOptionalArg() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { dog { isHouseTrained(atOtherHomes: true) } }
            """#)
        #expect(errors == [])
    }

    @Test func noArgOnOptionalArg() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { dog { isHouseTrained } }
            """#)
        #expect(errors == [])
    }

    @Test func noArgOnNonNullFieldWithDefault() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { nonNullFieldWithDefault } }
            """#)
        #expect(errors == [])
    }

    @Test func multipleArgs() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { multipleReqs(req1: 1, req2: 2) } }
            """#)
        #expect(errors == [])
    }

    @Test func multipleArgsReverseOrder() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { multipleReqs(req2: 2, req1: 1) } }
            """#)
        #expect(errors == [])
    }

    @Test func noArgsOnMultipleOptional() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { multipleOpts } }
            """#)
        #expect(errors == [])
    }

    @Test func oneArgOnMultipleOptional() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { multipleOpts(opt1: 1) } }
            """#)
        #expect(errors == [])
    }

    @Test func secondArgOnMultipleOptional() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { multipleOpts(opt2: 1) } }
            """#)
        #expect(errors == [])
    }

    @Test func multipleRequiredArgsOnMixedList() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { multipleOptAndReq(req1: 3, req2: 4) } }
            """#)
        #expect(errors == [])
    }

    @Test func missingOneNonNullableArgument() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { multipleReqs(req2: 2) } }
            """#)
        #expect(errors == [
            ExpectedError("Argument 'ComplicatedArgs.multipleReqs(req1:)' of type 'Int!' is required, but it was not provided.", [(1, 21)]),
        ])
    }

    @Test func missingMultipleNonNullableArguments() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { multipleReqs } }
            """#)
        #expect(errors == [
            ExpectedError("Argument 'ComplicatedArgs.multipleReqs(req1:)' of type 'Int!' is required, but it was not provided.", [(1, 21)]),
            ExpectedError("Argument 'ComplicatedArgs.multipleReqs(req2:)' of type 'Int!' is required, but it was not provided.", [(1, 21)]),
        ])
    }

    @Test func incorrectValueAndMissingArgument() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { complicatedArgs { multipleReqs(req1: "one") } }
            """#)
        #expect(errors == [
            ExpectedError("Argument 'ComplicatedArgs.multipleReqs(req2:)' of type 'Int!' is required, but it was not provided.", [(1, 21)]),
        ])
    }

    @Test func ignoresUnknownDirectives() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { dog @unknown }
            """#)
        #expect(errors == [])
    }

    @Test func withDirectivesOfValidTypes() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { dog @include(if: true) { name } human @skip(if: false) { name } }
            """#)
        #expect(errors == [])
    }

    @Test func withDirectiveWithMissingTypes() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { dog @include { name @skip } }
            """#)
        #expect(errors == [
            ExpectedError("Argument '@include(if:)' of type 'Boolean!' is required, but it was not provided.", [(1, 7)]),
            ExpectedError("Argument '@skip(if:)' of type 'Boolean!' is required, but it was not provided.", [(1, 23)]),
        ])
    }

    @Test func introspectionFields() throws {
        let errors = try validationErrors([ProvidedRequiredArgumentsRule.self], #"""
            { __type { name } }
            """#)
        #expect(errors == [
            ExpectedError("Argument '<meta>.__type(name:)' of type 'String!' is required, but it was not provided.", [(1, 3)]),
        ])
    }
}
