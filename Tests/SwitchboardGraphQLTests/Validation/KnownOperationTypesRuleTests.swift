import Testing
@testable import SwitchboardGraphQL

/// `KnownOperationTypesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct KnownOperationTypesRuleTests {
    @Test func allRootTypesExist() throws {
        let errors = try validationErrors([KnownOperationTypesRule.self], #"""
            query A { dog { name } }
            mutation B { dogs { name } }
            subscription C { newDog { name } }
            """#)
        #expect(errors == [])
    }

    @Test func shorthandQuery() throws {
        let errors = try validationErrors([KnownOperationTypesRule.self], #"""
            { dog { name } }
            """#)
        #expect(errors == [])
    }
}
