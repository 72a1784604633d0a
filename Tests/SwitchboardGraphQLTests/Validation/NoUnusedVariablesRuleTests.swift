import Testing
@testable import SwitchboardGraphQL

/// `NoUnusedVariablesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct NoUnusedVariablesRuleTests {
    @Test func usesAllVariables() throws {
        let errors = try validationErrors([NoUnusedVariablesRule.self], #"""
            query ($a: String, $b: String, $c: String) { field(a: $a, b: $b, c: $c) }
            """#)
        #expect(errors == [])
    }

    @Test func usesAllVariablesInFragments() throws {
        let errors = try validationErrors([NoUnusedVariablesRule.self], #"""
            query Foo($a: String, $b: String, $c: String) { ...FragA }
            fragment FragA on Type { field(a: $a) { ...FragB } }
            fragment FragB on Type { field(b: $b) { ...FragC } }
            fragment FragC on Type { field(c: $c) }
            """#)
        #expect(errors == [])
    }

    @Test func variableUsedByRecursiveFragment() throws {
        let errors = try validationErrors([NoUnusedVariablesRule.self], #"""
            query Foo($a: String) { ...FragA }
            fragment FragA on Type { field(a: $a) { ...FragA } }
            """#)
        #expect(errors == [])
    }

    @Test func variableNotUsed() throws {
        let errors = try validationErrors([NoUnusedVariablesRule.self], #"""
            query ($a: String, $b: String, $c: String) { field(a: $a, b: $b) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$c' is never used.", [(1, 32)]),
        ])
    }

    @Test func multipleVariablesNotUsed() throws {
        let errors = try validationErrors([NoUnusedVariablesRule.self], #"""
            query Foo($a: String, $b: String, $c: String) { field(b: $b) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$a' is never used in operation 'Foo'.", [(1, 11)]),
            ExpectedError("Variable '$c' is never used in operation 'Foo'.", [(1, 35)]),
        ])
    }

    @Test func variableNotUsedByUnreferencedFragment() throws {
        let errors = try validationErrors([NoUnusedVariablesRule.self], #"""
            query Foo($b: String) { ...FragA }
            fragment FragA on Type { field(a: $a) }
            fragment FragB on Type { field(b: $b) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$b' is never used in operation 'Foo'.", [(1, 11)]),
        ])
    }

    @Test func variableNotUsedByFragmentUsedByOtherOperation() throws {
        let errors = try validationErrors([NoUnusedVariablesRule.self], #"""
            query Foo($b: String) { ...FragA }
            query Bar($a: String) { ...FragB }
            fragment FragA on Type { field(a: $a) }
            fragment FragB on Type { field(b: $b) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$b' is never used in operation 'Foo'.", [(1, 11)]),
            ExpectedError("Variable '$a' is never used in operation 'Bar'.", [(2, 11)]),
        ])
    }

    @Test func variableUsedOnlyInItsOwnDefaultIsUnused() throws {
        let errors = try validationErrors([NoUnusedVariablesRule.self], #"""
            query Foo($a: Int, $b: Int = 1) { field(b: $a) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$b' is never used in operation 'Foo'.", [(1, 20)]),
        ])
    }
}
