import Testing
@testable import SwitchboardGraphQL

/// `FieldsOnCorrectTypeRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct FieldsOnCorrectTypeRuleTests {
    @Test func objectFieldSelection() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment objectFieldSelection on Dog { __typename name }
            """#)
        #expect(errors == [])
    }

    @Test func aliasedObjectFieldSelection() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment aliasedObjectFieldSelection on Dog { tn : __typename otherName : name }
            """#)
        #expect(errors == [])
    }

    @Test func interfaceFieldSelection() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment interfaceFieldSelection on Pet { __typename name }
            """#)
        #expect(errors == [])
    }

    @Test func lyingAliasSelection() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment lyingAliasSelection on Dog { name : nickname }
            """#)
        #expect(errors == [])
    }

    @Test func ignoresFieldsOnUnknownType() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment unknownSelection on UnknownType { unknownField }
            """#)
        #expect(errors == [])
    }

    @Test func reportsErrorsWhenTypeIsKnownAgain() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment typeKnownAgain on Pet { unknown_pet_field { ... on Cat { unknown_cat_field } } }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'unknown_pet_field' on type 'Pet'.", [(1, 34)]),
            ExpectedError("Cannot query field 'unknown_cat_field' on type 'Cat'.", [(1, 67)]),
        ])
    }

    @Test func fieldNotDefinedOnFragment() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment fieldNotDefined on Dog { meowVolume }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'meowVolume' on type 'Dog'. Did you mean 'barkVolume'?", [(1, 35)]),
        ])
    }

    @Test func ignoresDeeplyUnknownField() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment deepFieldNotDefined on Dog { unknown_field { deeper_unknown_field } }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'unknown_field' on type 'Dog'.", [(1, 39)]),
        ])
    }

    @Test func fieldNotDefinedOnInlineFragment() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment fieldNotDefined on Pet { ... on Dog { meowVolume } }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'meowVolume' on type 'Dog'. Did you mean 'barkVolume'?", [(1, 48)]),
        ])
    }

    @Test func aliasedFieldTargetNotDefined() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment aliasedFieldTargetNotDefined on Dog { volume : mooVolume }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'mooVolume' on type 'Dog'. Did you mean 'barkVolume'?", [(1, 48)]),
        ])
    }

    @Test func notDefinedOnInterface() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment notDefinedOnInterface on Pet { tailLength }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'tailLength' on type 'Pet'.", [(1, 41)]),
        ])
    }

    @Test func definedOnImplementorsButNotOnInterface() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment definedOnImplementorsButNotInterface on Pet { nickname }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'nickname' on type 'Pet'. Did you mean to use an inline fragment on 'Cat' or 'Dog'?", [(1, 56)]),
        ])
    }

    @Test func metaFieldSelectionOnUnion() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment directFieldSelectionOnUnion on CatOrDog { __typename }
            """#)
        #expect(errors == [])
    }

    @Test func directFieldSelectionOnUnion() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment directFieldSelectionOnUnion on CatOrDog { directField }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'directField' on type 'CatOrDog'.", [(1, 52)]),
        ])
    }

    @Test func definedOnImplementorsQueriedOnUnion() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment definedOnImplementorsQueriedOnUnion on CatOrDog { name }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'name' on type 'CatOrDog'. Did you mean to use an inline fragment on 'Pet', 'Canine', 'Cat', or 'Dog'?", [(1, 60)]),
        ])
    }

    @Test func validFieldInInlineFragment() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment objectFieldSelection on Pet { ... on Dog { name } ... { name } }
            """#)
        #expect(errors == [])
    }

    @Test func suggestsInterfacesBeforeObjects() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment f on Mammal { name }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'name' on type 'Mammal'. Did you mean to use an inline fragment on 'Canine', 'Pet', or 'Dog'?", [(1, 24)]),
        ])
    }

    @Test func suggestionsCanBeHidden() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            fragment f on Pet { nickname nam }
            """#, hideSuggestions: true)
        #expect(errors == [
            ExpectedError("Cannot query field 'nickname' on type 'Pet'.", [(1, 21)]),
            ExpectedError("Cannot query field 'nam' on type 'Pet'.", [(1, 30)]),
        ])
    }

    @Test func suggestsFieldsByName() throws {
        let errors = try validationErrors([FieldsOnCorrectTypeRule.self], #"""
            { dog { nam barkVolum } complicatedArgs { intArg } }
            """#)
        #expect(errors == [
            ExpectedError("Cannot query field 'nam' on type 'Dog'. Did you mean 'name'?", [(1, 9)]),
            ExpectedError("Cannot query field 'barkVolum' on type 'Dog'. Did you mean 'barkVolume'?", [(1, 13)]),
            ExpectedError("Cannot query field 'intArg' on type 'ComplicatedArgs'.", [(1, 43)]),
        ])
    }
}
