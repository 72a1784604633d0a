import Testing
@testable import SwitchboardGraphQL

/// `ScalarLeafsRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct ScalarLeafsRuleTests {
    @Test func validScalarSelection() throws {
        let errors = try validationErrors([ScalarLeafsRule.self], #"""
            fragment scalarSelection on Dog { barks }
            """#)
        #expect(errors == [])
    }

    @Test func objectTypeMissingSelection() throws {
        let errors = try validationErrors([ScalarLeafsRule.self], #"""
            query directQueryOnObjectWithoutSubFields { human }
            """#)
        #expect(errors == [
            ExpectedError("Field 'human' of type 'Human' must have a selection of subfields. Did you mean 'human { ... }'?", [(1, 45)]),
        ])
    }

    @Test func interfaceTypeMissingSelection() throws {
        let errors = try validationErrors([ScalarLeafsRule.self], #"""
            { human { pets } }
            """#)
        #expect(errors == [
            ExpectedError("Field 'pets' of type '[Pet]' must have a selection of subfields. Did you mean 'pets { ... }'?", [(1, 11)]),
        ])
    }

    @Test func validScalarSelectionWithArgs() throws {
        let errors = try validationErrors([ScalarLeafsRule.self], #"""
            fragment scalarSelectionWithArgs on Dog { doesKnowCommand(dogCommand: SIT) }
            """#)
        #expect(errors == [])
    }

    @Test func scalarSelectionNotAllowedOnBoolean() throws {
        let errors = try validationErrors([ScalarLeafsRule.self], #"""
            fragment scalarSelectionsNotAllowedOnBoolean on Dog { barks { sinceWhen } }
            """#)
        #expect(errors == [
            ExpectedError("Field 'barks' must not have a selection since type 'Boolean' has no subfields.", [(1, 61)]),
        ])
    }

    @Test func scalarSelectionNotAllowedOnEnum() throws {
        let errors = try validationErrors([ScalarLeafsRule.self], #"""
            fragment scalarSelectionsNotAllowedOnEnum on Cat { furColor { inHexDec } }
            """#)
        #expect(errors == [
            ExpectedError("Field 'furColor' must not have a selection since type 'FurColor' has no subfields.", [(1, 61)]),
        ])
    }

    @Test func scalarSelectionNotAllowedWithArgs() throws {
        let errors = try validationErrors([ScalarLeafsRule.self], #"""
            fragment scalarSelectionsNotAllowedWithArgs on Dog { doesKnowCommand(dogCommand: SIT) { sinceWhen } }
            """#)
        #expect(errors == [
            ExpectedError("Field 'doesKnowCommand' must not have a selection since type 'Boolean' has no subfields.", [(1, 87)]),
        ])
    }

    @Test func scalarSelectionNotAllowedWithDirectives() throws {
        let errors = try validationErrors([ScalarLeafsRule.self], #"""
            fragment scalarSelectionsNotAllowedWithDirectives on Dog { name @include(if: true) { isAlsoHumanName } }
            """#)
        #expect(errors == [
            ExpectedError("Field 'name' must not have a selection since type 'String' has no subfields.", [(1, 84)]),
        ])
    }

    @Test func nonNullListOfObjectsMissingSelection() throws {
        let errors = try validationErrors([ScalarLeafsRule.self], #"""
            { human { relatives } }
            """#)
        #expect(errors == [
            ExpectedError("Field 'relatives' of type '[Human]!' must have a selection of subfields. Did you mean 'relatives { ... }'?", [(1, 11)]),
        ])
    }
}
