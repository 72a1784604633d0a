import Testing
@testable import SwitchboardGraphQL

/// `UniqueOperationNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueOperationNamesRuleTests {
    @Test func noOperations() throws {
        let errors = try validationErrors([UniqueOperationNamesRule.self], #"""
            fragment fragA on Type { field }
            """#)
        #expect(errors == [])
    }

    @Test func oneAnonymousOperation() throws {
        let errors = try validationErrors([UniqueOperationNamesRule.self], #"""
            { field }
            """#)
        #expect(errors == [])
    }

    @Test func multipleOperations() throws {
        let errors = try validationErrors([UniqueOperationNamesRule.self], #"""
            query Foo { field }
            query Bar { field }
            """#)
        #expect(errors == [])
    }

    @Test func fragmentAndOperationNamedTheSame() throws {
        let errors = try validationErrors([UniqueOperationNamesRule.self], #"""
            query Foo { ...Foo }
            fragment Foo on Type { field }
            """#)
        #expect(errors == [])
    }

    @Test func multipleOperationsOfTheSameName() throws {
        let errors = try validationErrors([UniqueOperationNamesRule.self], #"""
            query Foo { fieldA }
            query Foo { fieldB }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one operation named 'Foo'.", [(1, 7), (2, 7)]),
        ])
    }

    @Test func sameNameAcrossOperationTypes() throws {
        let errors = try validationErrors([UniqueOperationNamesRule.self], #"""
            query Foo { fieldA }
            mutation Foo { fieldB }
            subscription Foo { fieldC }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one operation named 'Foo'.", [(1, 7), (2, 10)]),
            ExpectedError("There can be only one operation named 'Foo'.", [(1, 7), (3, 14)]),
        ])
    }
}
