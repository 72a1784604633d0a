import Testing
@testable import SwitchboardGraphQL

/// `VariablesInAllowedPositionRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct VariablesInAllowedPositionRuleTests {
    @Test func booleanIntoBoolean() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($booleanArg: Boolean) { complicatedArgs { booleanArgField(booleanArg: $booleanArg) } }
            """#)
        #expect(errors == [])
    }

    @Test func booleanIntoBooleanWithinFragment() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            fragment booleanArgFrag on ComplicatedArgs { booleanArgField(booleanArg: $booleanArg) }
            query Query($booleanArg: Boolean) { complicatedArgs { ...booleanArgFrag } }
            """#)
        #expect(errors == [])
    }

    @Test func nonNullBooleanIntoBoolean() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($nonNullBooleanArg: Boolean!) { complicatedArgs { booleanArgField(booleanArg: $nonNullBooleanArg) } }
            """#)
        #expect(errors == [])
    }

    @Test func stringListIntoStringList() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($stringListVar: [String]) { complicatedArgs { stringListArgField(stringListArg: $stringListVar) } }
            """#)
        #expect(errors == [])
    }

    @Test func nonNullStringListIntoStringList() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($stringListVar: [String!]) { complicatedArgs { stringListArgField(stringListArg: $stringListVar) } }
            """#)
        #expect(errors == [])
    }

    @Test func stringIntoStringListInItemPosition() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($stringVar: String) { complicatedArgs { stringListArgField(stringListArg: [$stringVar]) } }
            """#)
        #expect(errors == [])
    }

    @Test func complexInputIntoComplexInput() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($complexVar: ComplexInput) { complicatedArgs { complexArgField(complexArg: $complexVar) } }
            """#)
        #expect(errors == [])
    }

    @Test func booleanIntoNonNullBooleanInDirectiveWithDefault() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($boolVar: Boolean = false) { dog @include(if: $boolVar) }
            """#)
        #expect(errors == [])
    }

    @Test func intIntoNonNullInt() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($intArg: Int) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $intArg) } }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$intArg' of type 'Int' used in position expecting type 'Int!'.", [(1, 13), (1, 81)]),
        ])
    }

    @Test func intIntoNonNullIntWithinFragment() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            fragment nonNullIntArgFieldFrag on ComplicatedArgs { nonNullIntArgField(nonNullIntArg: $intArg) }
            query Query($intArg: Int) { complicatedArgs { ...nonNullIntArgFieldFrag } }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$intArg' of type 'Int' used in position expecting type 'Int!'.", [(2, 13), (1, 88)]),
        ])
    }

    @Test func stringOverBoolean() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($stringVar: String) { complicatedArgs { booleanArgField(booleanArg: $stringVar) } }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$stringVar' of type 'String' used in position expecting type 'Boolean'.", [(1, 13), (1, 81)]),
        ])
    }

    @Test func stringIntoStringList() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($stringVar: String) { complicatedArgs { stringListArgField(stringListArg: $stringVar) } }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$stringVar' of type 'String' used in position expecting type '[String]'.", [(1, 13), (1, 87)]),
        ])
    }

    @Test func booleanIntoNonNullBooleanInDirective() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($boolVar: Boolean) { dog @include(if: $boolVar) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$boolVar' of type 'Boolean' used in position expecting type 'Boolean!'.", [(1, 13), (1, 51)]),
        ])
    }

    @Test func stringIntoNonNullBooleanInDirective() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($stringVar: String) { dog @include(if: $stringVar) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$stringVar' of type 'String' used in position expecting type 'Boolean!'.", [(1, 13), (1, 52)]),
        ])
    }

    @Test func stringListIntoStringNonNullList() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($stringListVar: [String]) { complicatedArgs { stringListNonNullArgField(stringListNonNullArg: $stringListVar) } }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$stringListVar' of type '[String]' used in position expecting type '[String!]'.", [(1, 13), (1, 107)]),
        ])
    }

    @Test func intIntoNonNullIntWithDefault() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($intVar: Int = 1) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $intVar) } }
            """#)
        #expect(errors == [])
    }

    @Test func intWithNullDefaultIntoNonNullInt() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($intVar: Int = null) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $intVar) } }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$intVar' of type 'Int' used in position expecting type 'Int!'.", [(1, 13), (1, 88)]),
        ])
    }

    @Test func intIntoNonNullFieldWithDefault() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($intVar: Int) { complicatedArgs { nonNullFieldWithDefault(arg: $intVar) } }
            """#)
        #expect(errors == [])
    }

    @Test func nullableVariableIntoOneOfField() throws {
        let errors = try validationErrors([VariablesInAllowedPositionRule.self], #"""
            query Query($s: String, $i: Int!) { complicatedArgs { a: oneOfArgField(oneOfArg: { stringField: $s }) b: oneOfArgField(oneOfArg: { intField: $i }) } }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$s' is of type 'String' but must be non-nullable to be used for OneOf Input Object 'OneOfInput'.", [(1, 13), (1, 97)]),
        ])
    }
}
