import Testing
@testable import SwitchboardGraphQL

/// `VariablesAreInputTypesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct VariablesAreInputTypesRuleTests {
    @Test func unknownTypesAreIgnored() throws {
        let errors = try validationErrors([VariablesAreInputTypesRule.self], #"""
            query Foo($a: Unknown, $b: [[Unknown!]]!) { field(a: $a, b: $b) }
            """#)
        #expect(errors == [])
    }

    @Test func inputTypesAreValid() throws {
        let errors = try validationErrors([VariablesAreInputTypesRule.self], #"""
            query Foo($a: String, $b: [Boolean!]!, $c: ComplexInput) { field(a: $a, b: $b, c: $c) }
            """#)
        #expect(errors == [])
    }

    @Test func outputTypesAreInvalid() throws {
        let errors = try validationErrors([VariablesAreInputTypesRule.self], #"""
            query Foo($a: Dog, $b: [[CatOrDog!]]!, $c: Pet) { field(a: $a, b: $b, c: $c) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$a' cannot be non-input type 'Dog'.", [(1, 15)]),
            ExpectedError("Variable '$b' cannot be non-input type '[[CatOrDog!]]!'.", [(1, 24)]),
            ExpectedError("Variable '$c' cannot be non-input type 'Pet'.", [(1, 44)]),
        ])
    }
}
