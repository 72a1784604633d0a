import Testing
@testable import SwitchboardGraphQL

/// `KnownArgumentNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct KnownArgumentNamesRuleTests {
    @Test func singleArgIsKnown() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            fragment argOnRequiredArg on Dog { doesKnowCommand(dogCommand: SIT) }
            """#)
        #expect(errors == [])
    }

    @Test func multipleArgsAreKnown() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            fragment multipleArgs on ComplicatedArgs { multipleReqs(req1: 1, req2: 2) }
            """#)
        #expect(errors == [])
    }

    @Test func ignoresArgsOfUnknownFields() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            fragment argOnUnknownField on Dog { unknownField(unknownArg: SIT) }
            """#)
        #expect(errors == [])
    }

    @Test func multipleArgsInReverseOrderAreKnown() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            fragment multipleArgsReverseOrder on ComplicatedArgs { multipleReqs(req2: 2, req1: 1) }
            """#)
        #expect(errors == [])
    }

    @Test func noArgsOnOptionalArg() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            fragment noArgOnOptionalArg on Dog { isHouseTrained }
            """#)
        #expect(errors == [])
    }

    @Test func argsAreKnownDeeply() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            { dog { doesKnowCommand(dogCommand: SIT) } human { pet { ... on Dog { doesKnowCommand(dogCommand: SIT) } } } }
            """#)
        #expect(errors == [])
    }

    @Test func directiveArgsAreKnown() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            { dog @skip(if: true) }
            """#)
        #expect(errors == [])
    }

    @Test func fieldArgsAreInvalid() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            { dog @skip(unless: true) }
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'unless' on directive '@skip'.", [(1, 13)]),
        ])
    }

    @Test func directiveWithoutArgsIsValid() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            { dog @onField }
            """#)
        #expect(errors == [])
    }

    @Test func argPassedToDirectiveWithoutArgIsReported() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            { dog @onField(if: true) }
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'if' on directive '@onField'.", [(1, 16)]),
        ])
    }

    @Test func misspelledDirectiveArgsAreReported() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            { dog @skip(iff: true) }
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'iff' on directive '@skip'. Did you mean 'if'?", [(1, 13)]),
        ])
    }

    @Test func invalidArgName() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            fragment invalidArgName on Dog { doesKnowCommand(unknown: true) }
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'unknown' on field 'Dog.doesKnowCommand'.", [(1, 50)]),
        ])
    }

    @Test func misspelledArgNameIsReported() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            fragment invalidArgName on Dog { doesKnowCommand(DogCommand: true) }
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'DogCommand' on field 'Dog.doesKnowCommand'. Did you mean 'dogCommand'?", [(1, 50)]),
        ])
    }

    @Test func unknownArgsAmongstKnownArgs() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            fragment oneGoodArgOneInvalidArg on Dog { doesKnowCommand(whoKnows: 1, dogCommand: SIT, unknown: true) }
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'whoKnows' on field 'Dog.doesKnowCommand'.", [(1, 59)]),
            ExpectedError("Unknown argument 'unknown' on field 'Dog.doesKnowCommand'.", [(1, 89)]),
        ])
    }

    @Test func unknownArgsDeeply() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            { dog { doesKnowCommand(unknown: true) } human { pet { ... on Dog { doesKnowCommand(unknown: true) } } } }
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'unknown' on field 'Dog.doesKnowCommand'.", [(1, 25)]),
            ExpectedError("Unknown argument 'unknown' on field 'Dog.doesKnowCommand'.", [(1, 85)]),
        ])
    }

    @Test func suggestionsCanBeHidden() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            { dog { doesKnowCommand(dogcommand: SIT) @skip(iff: true) } }
            """#, hideSuggestions: true)
        #expect(errors == [
            ExpectedError("Unknown argument 'dogcommand' on field 'Dog.doesKnowCommand'.", [(1, 25)]),
            ExpectedError("Unknown argument 'iff' on directive '@skip'.", [(1, 48)]),
        ])
    }

    @Test func metaFieldArguments() throws {
        let errors = try validationErrors([KnownArgumentNamesRule.self], #"""
            { __type(nam: "Dog") { name } }
            """#)
        #expect(errors == [
            ExpectedError("Unknown argument 'nam' on field 'QueryRoot.__type'. Did you mean 'name'?", [(1, 10)]),
        ])
    }
}
