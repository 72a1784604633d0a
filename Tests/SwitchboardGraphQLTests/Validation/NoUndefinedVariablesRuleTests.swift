import Testing
@testable import SwitchboardGraphQL

/// `NoUndefinedVariablesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct NoUndefinedVariablesRuleTests {
    @Test func allVariablesDefined() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            query Foo($a: String, $b: String, $c: String) { field(a: $a, b: $b, c: $c) }
            """#)
        #expect(errors == [])
    }

    @Test func allVariablesDeeplyDefinedInInlineFragments() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            query Foo($a: String, $b: String, $c: String) { ... on Type { field(a: $a) { field(b: $b) { ... on Type { field(c: $c) } } } } }
            """#)
        #expect(errors == [])
    }

    @Test func allVariablesInFragmentsDeeplyDefined() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            query Foo($a: String, $b: String, $c: String) { ...FragA }
            fragment FragA on Type { field(a: $a) { ...FragB } }
            fragment FragB on Type { field(b: $b) { ...FragC } }
            fragment FragC on Type { field(c: $c) }
            """#)
        #expect(errors == [])
    }

    @Test func variableWithinRecursiveFragmentDefined() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            query Foo($a: String) { ...FragA }
            fragment FragA on Type { field(a: $a) { ...FragA } }
            """#)
        #expect(errors == [])
    }

    @Test func variableNotDefined() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            query Foo($a: String, $b: String, $c: String) { field(a: $a, b: $b, c: $c, d: $d) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$d' is not defined by operation 'Foo'.", [(1, 79), (1, 1)]),
        ])
    }

    @Test func variableNotDefinedByUnNamedQuery() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            { field(a: $a) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$a' is not defined.", [(1, 12), (1, 1)]),
        ])
    }

    @Test func multipleVariablesNotDefined() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            query Foo($b: String) { field(a: $a, b: $b, c: $c) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$a' is not defined by operation 'Foo'.", [(1, 34), (1, 1)]),
            ExpectedError("Variable '$c' is not defined by operation 'Foo'.", [(1, 48), (1, 1)]),
        ])
    }

    @Test func variableInFragmentNotDefinedByUnNamedQuery() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            { ...FragA }
            fragment FragA on Type { field(a: $a) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$a' is not defined.", [(2, 35), (1, 1)]),
        ])
    }

    @Test func variableInFragmentUsedByOtherOperation() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            query Foo($b: String) { ...FragA }
            query Bar($a: String) { ...FragB }
            fragment FragA on Type { field(a: $a) }
            fragment FragB on Type { field(b: $b) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$a' is not defined by operation 'Foo'.", [(3, 35), (1, 1)]),
            ExpectedError("Variable '$b' is not defined by operation 'Bar'.", [(4, 35), (2, 1)]),
        ])
    }

    @Test func multipleUndefinedVariablesProduceMultipleErrors() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            query Foo($b: String) { ...FragAB }
            query Bar($a: String) { ...FragAB }
            fragment FragAB on Type { field1(a: $a, b: $b) ...FragC field3(a: $a, b: $b) }
            fragment FragC on Type { field2(c: $c) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$a' is not defined by operation 'Foo'.", [(3, 37), (1, 1)]),
            ExpectedError("Variable '$a' is not defined by operation 'Foo'.", [(3, 67), (1, 1)]),
            ExpectedError("Variable '$c' is not defined by operation 'Foo'.", [(4, 36), (1, 1)]),
            ExpectedError("Variable '$b' is not defined by operation 'Bar'.", [(3, 44), (2, 1)]),
            ExpectedError("Variable '$b' is not defined by operation 'Bar'.", [(3, 74), (2, 1)]),
            ExpectedError("Variable '$c' is not defined by operation 'Bar'.", [(4, 36), (2, 1)]),
        ])
    }

    @Test func variablesInDirectives() throws {
        let errors = try validationErrors([NoUndefinedVariablesRule.self], #"""
            query Foo($a: Boolean) @include(if: $c) { field @skip(if: $d) }
            """#)
        #expect(errors == [
            ExpectedError("Variable '$c' is not defined by operation 'Foo'.", [(1, 37), (1, 1)]),
            ExpectedError("Variable '$d' is not defined by operation 'Foo'.", [(1, 59), (1, 1)]),
        ])
    }
}
