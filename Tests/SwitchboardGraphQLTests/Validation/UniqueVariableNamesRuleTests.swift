import Testing
@testable import SwitchboardGraphQL

/// `UniqueVariableNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueVariableNamesRuleTests {
    @Test func uniqueVariableNames() throws {
        let errors = try validationErrors([UniqueVariableNamesRule.self], #"""
            query A($x: Int, $y: String) { __typename }
            query B($x: String, $y: Int) { __typename }
            """#)
        #expect(errors == [])
    }

    @Test func duplicateVariableNames() throws {
        let errors = try validationErrors([UniqueVariableNamesRule.self], #"""
            query A($x: Int, $x: Int, $x: String) { __typename }
            query B($x: String, $x: Int) { __typename }
            query C($x: Int, $x: Int) { __typename }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one variable named '$x'.", [(1, 10), (1, 19), (1, 28)]),
            ExpectedError("There can be only one variable named '$x'.", [(2, 10), (2, 22)]),
            ExpectedError("There can be only one variable named '$x'.", [(3, 10), (3, 19)]),
        ])
    }
}
