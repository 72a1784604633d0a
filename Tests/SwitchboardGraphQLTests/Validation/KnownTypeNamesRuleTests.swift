import Testing
@testable import SwitchboardGraphQL

/// `KnownTypeNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct KnownTypeNamesRuleTests {
    @Test func knownTypeNamesAreValid() throws {
        let errors = try validationErrors([KnownTypeNamesRule.self], #"""
            query Foo($var: String, $required: [Int!]!, $introspectionType: __EnumValue) { user(id: 4) { pets { ... on Pet { name }, ...PetFields, ... { name } } } }
            fragment PetFields on Pet { name }
            """#)
        #expect(errors == [])
    }

    @Test func unknownTypeNamesAreInvalid() throws {
        let errors = try validationErrors([KnownTypeNamesRule.self], #"""
            query Foo($var: JumbledUpLetters) { user(id: 4) { name pets { ... on Badger { name }, ...PetFields } } }
            fragment PetFields on Peat { name }
            """#)
        #expect(errors == [
            ExpectedError("Unknown type 'JumbledUpLetters'.", [(1, 17)]),
            ExpectedError("Unknown type 'Badger'.", [(1, 70)]),
            ExpectedError("Unknown type 'Peat'. Did you mean 'Pet' or 'Cat'?", [(2, 23)]),
        ])
    }

    @Test func referencesToStandardScalarsThatAreMissingInSchema() throws {
        let errors = try validationErrors([KnownTypeNamesRule.self], #"""
            query ($id: ID, $float: Float, $int: Int) { __typename }
            """#)
        #expect(errors == [])
    }

    @Test func suggestionsCanBeHidden() throws {
        let errors = try validationErrors([KnownTypeNamesRule.self], #"""
            query ($x: Strng) { __typename }
            """#, hideSuggestions: true)
        #expect(errors == [
            ExpectedError("Unknown type 'Strng'.", [(1, 12)]),
        ])
    }

    @Test func ignoresTypeDefinitions() throws {
        let errors = try validationErrors([KnownTypeNamesRule.self], #"""
            type NotInTheSchema { field: FooBar }
            interface FooBar { field: NotInTheSchema }
            union U = A | B
            input Blob { field: UnknownType }
            query Foo($var: NotInTheSchema) { user(id: $var) { id } }
            """#)
        #expect(errors == [
            ExpectedError("Unknown type 'A'. Did you mean 'U'?", [(3, 11)]),
            ExpectedError("Unknown type 'B'. Did you mean 'U'?", [(3, 15)]),
            ExpectedError("Unknown type 'UnknownType'.", [(4, 21)]),
        ])
    }

    @Test func standardTypesInSdlAreKnown() throws {
        let errors = try validationErrors([KnownTypeNamesRule.self], #"""
            type T { a: String b: __Type c: Strng }
            """#)
        #expect(errors == [
            ExpectedError("Unknown type 'Strng'. Did you mean 'String'?", [(1, 33)]),
        ])
    }
}
