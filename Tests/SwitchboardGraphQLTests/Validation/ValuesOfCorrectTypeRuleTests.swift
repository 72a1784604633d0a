import Testing
@testable import SwitchboardGraphQL

/// `ValuesOfCorrectTypeRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct ValuesOfCorrectTypeRuleTests {
    @Test func goodIntValue() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { intArgField(intArg: 2) } }
            """#)
        #expect(errors == [])
    }

    @Test func goodNegativeIntValue() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { intArgField(intArg: -2) } }
            """#)
        #expect(errors == [])
    }

    @Test func goodBooleanValue() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { booleanArgField(booleanArg: true) } }
            """#)
        #expect(errors == [])
    }

    @Test func goodStringValue() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { stringArgField(stringArg: "foo") } }
            """#)
        #expect(errors == [])
    }

    @Test func goodFloatValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: floatArgField(floatArg: 1.1) b: floatArgField(floatArg: -1.1) c: floatArgField(floatArg: 1) } }
            """#)
        #expect(errors == [])
    }

    @Test func intIntoId() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { idArgField(idArg: 1) } }
            """#)
        #expect(errors == [])
    }

    @Test func goodEnumValue() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { dog { doesKnowCommand(dogCommand: SIT) } }
            """#)
        #expect(errors == [])
    }

    @Test func nullIntoNullableTypes() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { intArgField(intArg: null) } dog(a: null, b: null, c:{ requiredField: true, intField: null }) { name } }
            """#)
        #expect(errors == [])
    }

    @Test func invalidStringValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: stringArgField(stringArg: 1) b: stringArgField(stringArg: 1.0) c: stringArgField(stringArg: true) d: stringArgField(stringArg: BAR) } }
            """#)
        #expect(errors == [
            ExpectedError("String cannot represent a non string value: 1", [(1, 50)]),
            ExpectedError("String cannot represent a non string value: 1.0", [(1, 82)]),
            ExpectedError("String cannot represent a non string value: true", [(1, 116)]),
            ExpectedError("String cannot represent a non string value: BAR", [(1, 151)]),
        ])
    }

    @Test func invalidIntValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: intArgField(intArg: "3") b: intArgField(intArg: 829384293849283498239482938) c: intArgField(intArg: FOO) d: intArgField(intArg: 3.0) e: intArgField(intArg: 3.333) } }
            """#)
        #expect(errors == [
            ExpectedError("Int cannot represent non-integer value: \"3\"", [(1, 44)]),
            ExpectedError("Int cannot represent non 32-bit signed integer value: 829384293849283498239482938", [(1, 72)]),
            ExpectedError("Int cannot represent non-integer value: FOO", [(1, 124)]),
            ExpectedError("Int cannot represent non-integer value: 3.0", [(1, 152)]),
            ExpectedError("Int cannot represent non-integer value: 3.333", [(1, 180)]),
        ])
    }

    @Test func invalidFloatValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: floatArgField(floatArg: "3.333") b: floatArgField(floatArg: true) c: floatArgField(floatArg: FOO) } }
            """#)
        #expect(errors == [
            ExpectedError("Float cannot represent non numeric value: \"3.333\"", [(1, 48)]),
            ExpectedError("Float cannot represent non numeric value: true", [(1, 84)]),
            ExpectedError("Float cannot represent non numeric value: FOO", [(1, 117)]),
        ])
    }

    @Test func invalidBooleanValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: booleanArgField(booleanArg: 2) b: booleanArgField(booleanArg: 1.0) c: booleanArgField(booleanArg: "true") d: booleanArgField(booleanArg: TRUE) } }
            """#)
        #expect(errors == [
            ExpectedError("Boolean cannot represent a non boolean value: 2", [(1, 52)]),
            ExpectedError("Boolean cannot represent a non boolean value: 1.0", [(1, 86)]),
            ExpectedError("Boolean cannot represent a non boolean value: \"true\"", [(1, 122)]),
            ExpectedError("Boolean cannot represent a non boolean value: TRUE", [(1, 161)]),
        ])
    }

    @Test func invalidIdValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: idArgField(idArg: 1.0) b: idArgField(idArg: true) c: idArgField(idArg: SOMETHING) } }
            """#)
        #expect(errors == [
            ExpectedError("ID cannot represent a non-string and non-integer value: 1.0", [(1, 42)]),
            ExpectedError("ID cannot represent a non-string and non-integer value: true", [(1, 68)]),
            ExpectedError("ID cannot represent a non-string and non-integer value: SOMETHING", [(1, 95)]),
        ])
    }

    @Test func invalidEnumValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { dog { a: doesKnowCommand(dogCommand: 2) b: doesKnowCommand(dogCommand: 1.0) c: doesKnowCommand(dogCommand: "SIT") d: doesKnowCommand(dogCommand: true) e: doesKnowCommand(dogCommand: JUGGLE) f: doesKnowCommand(dogCommand: sit) } }
            """#)
        #expect(errors == [
            ExpectedError("Enum 'DogCommand' cannot represent non-enum value: 2.", [(1, 40)]),
            ExpectedError("Enum 'DogCommand' cannot represent non-enum value: 1.0.", [(1, 74)]),
            ExpectedError("Enum 'DogCommand' cannot represent non-enum value: \"SIT\". Did you mean the enum value 'SIT'?", [(1, 110)]),
            ExpectedError("Enum 'DogCommand' cannot represent non-enum value: true.", [(1, 148)]),
            ExpectedError("Value 'JUGGLE' does not exist in 'DogCommand' enum.", [(1, 185)]),
            ExpectedError("Value 'sit' does not exist in 'DogCommand' enum. Did you mean the enum value 'SIT'?", [(1, 224)]),
        ])
    }

    @Test func enumSuggestionsCanBeHidden() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { dog { a: doesKnowCommand(dogCommand: "SIT") b: doesKnowCommand(dogCommand: sit) } }
            """#, hideSuggestions: true)
        #expect(errors == [
            ExpectedError("Enum 'DogCommand' cannot represent non-enum value: \"SIT\".", [(1, 40)]),
            ExpectedError("Value 'sit' does not exist in 'DogCommand' enum.", [(1, 78)]),
        ])
    }

    @Test func validListValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: stringListArgField(stringListArg: ["one", null, "two"]) b: stringListArgField(stringListArg: []) c: stringListArgField(stringListArg: null) d: stringListArgField(stringListArg: "one") } }
            """#)
        #expect(errors == [])
    }

    @Test func invalidListValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: stringListArgField(stringListArg: ["one", 2]) b: stringListArgField(stringListArg: 1) c: stringListNonNullArgField(stringListNonNullArg: ["one", null]) } }
            """#)
        #expect(errors == [
            ExpectedError("String cannot represent a non string value: 2", [(1, 66)]),
            ExpectedError("String cannot represent a non string value: 1", [(1, 107)]),
            ExpectedError("Expected value of non-null type 'String!' not to be None.", [(1, 169)]),
        ])
    }

    @Test func listsAndObjectsGivenToScalarsLoseTheirLocation() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            query ($v: Int) { complicatedArgs { a: intArgField(intArg: [1, $v]) b: intArgField(intArg: { a: $v, b: 2 }) c: enumArgField(enumArg: [BLACK]) } }
            """#)
        #expect(errors == [
            ExpectedError("Int cannot represent non-integer value: [1, null]", []),
            ExpectedError("Int cannot represent non-integer value: { b: 2 }", []),
            ExpectedError("Enum 'FurColor' cannot represent non-enum value: [BLACK]. Did you mean the enum value 'BLACK'?", []),
        ])
    }

    @Test func validInputObjects() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: complexArgField(complexArg: { requiredField: true }) b: complexArgField(complexArg: { requiredField: false, nonNullField: true, intField: 4 }) } }
            """#)
        #expect(errors == [])
    }

    @Test func invalidInputObjects() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { a: complexArgField(complexArg: { intField: 4 }) b: complexArgField(complexArg: { stringListField: ["one", 2], requiredField: true }) c: complexArgField(complexArg: { requiredField: true, nonNullField: null }) d: complexArgField(complexArg: { requiredField: true, invalidField: "value" }) e: complexArgField(complexArg: { requiredField: true, unknownField: "value", stringfield: "x" }) f: complexArgField(complexArg: "notAnObject") } }
            """#)
        #expect(errors == [
            ExpectedError("Expected value of type 'ComplexInput' to include required field 'requiredField', found: { intField: 4 }.", [(1, 52)]),
            ExpectedError("String cannot represent a non string value: 2", [(1, 127)]),
            ExpectedError("Expected value of non-null type 'Boolean!' not to be None.", [(1, 222)]),
            ExpectedError("Expected value of type 'ComplexInput' not to include unknown field 'invalidField'. Did you mean 'intField'? Found: { requiredField: true, invalidField: \"value\" }.", [(1, 284)]),
            ExpectedError("Expected value of type 'ComplexInput' not to include unknown field 'unknownField', found: { requiredField: true, unknownField: \"value\", stringfield: \"x\" }.", [(1, 363)]),
            ExpectedError("Expected value of type 'ComplexInput' not to include unknown field 'stringfield'. Did you mean 'stringField', 'intField', or 'stringListField'? Found: { requiredField: true, unknownField: \"value\", stringfield: \"x\" }.", [(1, 386)]),
            ExpectedError("Expected value of type 'ComplexInput' to be an object, found: \"notAnObject\".", [(1, 437)]),
        ])
    }

    @Test func unknownInputFieldSuggestionsCanBeHidden() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { complicatedArgs { complexArgField(complexArg: { requiredField: true, stringfield: "x" }) } }
            """#, hideSuggestions: true)
        #expect(errors == [
            ExpectedError("Expected value of type 'ComplexInput' not to include unknown field 'stringfield', found: { requiredField: true, stringfield: \"x\" }.", [(1, 72)]),
        ])
    }

    @Test func oneOfInputObjects() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            query ($s: String) { complicatedArgs { a: oneOfArgField(oneOfArg: { stringField: "abc" }) b: oneOfArgField(oneOfArg: { stringField: "abc", intField: 123 }) c: oneOfArgField(oneOfArg: { stringField: null }) d: oneOfArgField(oneOfArg: {}) e: oneOfArgField(oneOfArg: { stringField: $s }) } }
            """#)
        #expect(errors == [
            ExpectedError("Within OneOf Input Object type 'OneOfInput', exactly one field must be specified, and the value for that field must be non-null.", [(1, 118)]),
            ExpectedError("Within OneOf Input Object type 'OneOfInput', exactly one field must be specified, and the value for that field must be non-null.", [(1, 184)]),
            ExpectedError("Within OneOf Input Object type 'OneOfInput', exactly one field must be specified, and the value for that field must be non-null.", [(1, 234)]),
        ])
    }

    @Test func directiveArguments() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            { dog @include(if: true) { name } human @skip(if: false) { name } a: dog @include(if: "yes") { name } b: human @skip(if: ENUM) { name } }
            """#)
        #expect(errors == [
            ExpectedError("Boolean cannot represent a non boolean value: \"yes\"", [(1, 87)]),
            ExpectedError("Boolean cannot represent a non boolean value: ENUM", [(1, 122)]),
        ])
    }

    @Test func variableDefaultValues() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            query WithDefaultValues($a: Int = 1, $b: String = "ok", $c: ComplexInput = { requiredField: true, intField: 3 }, $d: Int! = 123) { dog { name } }
            query InvalidDefaultValues($a: Int = "one", $b: String = 4, $c: ComplexInput = "NotVeryComplex", $d: Int! = null, $e: ComplexInput = { requiredField: 123, intField: "abc" }) { dog { name } }
            """#)
        #expect(errors == [
            ExpectedError("Int cannot represent non-integer value: \"one\"", [(2, 38)]),
            ExpectedError("String cannot represent a non string value: 4", [(2, 58)]),
            ExpectedError("Expected value of type 'ComplexInput' to be an object, found: \"NotVeryComplex\".", [(2, 80)]),
            ExpectedError("Expected value of non-null type 'Int!' not to be None.", [(2, 109)]),
            ExpectedError("Boolean cannot represent a non boolean value: 123", [(2, 151)]),
            ExpectedError("Int cannot represent non-integer value: \"abc\"", [(2, 166)]),
        ])
    }

    @Test func variablesAreNotChecked() throws {
        let errors = try validationErrors([ValuesOfCorrectTypeRule.self], #"""
            query ($a: Int, $b: ComplexInput) { complicatedArgs { a: intArgField(intArg: $a) b: complexArgField(complexArg: $b) c: complexArgField(complexArg: { requiredField: $a }) } }
            """#)
        #expect(errors == [])
    }
}
