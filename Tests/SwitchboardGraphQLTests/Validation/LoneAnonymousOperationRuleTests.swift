import Testing
@testable import SwitchboardGraphQL

/// `LoneAnonymousOperationRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct LoneAnonymousOperationRuleTests {
    @Test func noOperations() throws {
        let errors = try validationErrors([LoneAnonymousOperationRule.self], #"""
            fragment fragA on Type { field }
            """#)
        #expect(errors == [])
    }

    @Test func oneAnonOperation() throws {
        let errors = try validationErrors([LoneAnonymousOperationRule.self], #"""
            { field }
            """#)
        #expect(errors == [])
    }

    @Test func anonOperationWithFragment() throws {
        let errors = try validationErrors([LoneAnonymousOperationRule.self], #"""
            { ...Foo }
            fragment Foo on Type { field }
            """#)
        #expect(errors == [])
    }

    @Test func multipleAnonOperations() throws {
        let errors = try validationErrors([LoneAnonymousOperationRule.self], #"""
            { fieldA }
            { fieldB }
            """#)
        #expect(errors == [
            ExpectedError("This anonymous operation must be the only defined operation.", [(1, 1)]),
            ExpectedError("This anonymous operation must be the only defined operation.", [(2, 1)]),
        ])
    }

    @Test func anonOperationWithAMutation() throws {
        let errors = try validationErrors([LoneAnonymousOperationRule.self], #"""
            { fieldA }
            mutation Foo { fieldB }
            """#)
        #expect(errors == [
            ExpectedError("This anonymous operation must be the only defined operation.", [(1, 1)]),
        ])
    }

    @Test func anonOperationWithASubscription() throws {
        let errors = try validationErrors([LoneAnonymousOperationRule.self], #"""
            { fieldA }
            subscription Foo { fieldB }
            """#)
        #expect(errors == [
            ExpectedError("This anonymous operation must be the only defined operation.", [(1, 1)]),
        ])
    }
}
