import Testing
@testable import SwitchboardGraphQL

/// `DeferStreamDirectiveOnRootFieldRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct DeferStreamDirectiveOnRootFieldRuleTests {
    @Test func deferFragmentSpreadOnRootQueryField() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnRootFieldRule.self], #"""
            { ...rootQueryFragment @defer }
            fragment rootQueryFragment on QueryRoot { dog { name } }
            """#)
        #expect(errors == [])
    }

    @Test func deferInlineFragmentSpreadOnRootMutationField() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnRootFieldRule.self], #"""
            mutation { ... @defer { createDog { name } } }
            """#)
        #expect(errors == [
            ExpectedError("Defer directive cannot be used on root mutation type 'MutationRoot'.", [(1, 16)]),
        ])
    }

    @Test func deferFragmentSpreadOnRootMutationField() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnRootFieldRule.self], #"""
            mutation { ...rootFragment @defer }
            fragment rootFragment on MutationRoot { createDog { name } }
            """#)
        #expect(errors == [
            ExpectedError("Defer directive cannot be used on root mutation type 'MutationRoot'.", [(1, 28)]),
        ])
    }

    @Test func deferOnNestedMutationField() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnRootFieldRule.self], #"""
            mutation { createDog { ... @defer { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func deferInlineFragmentOnRootSubscriptionField() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnRootFieldRule.self], #"""
            subscription { ... @defer { newDog { name } } }
            """#)
        #expect(errors == [
            ExpectedError("Defer directive cannot be used on root subscription type 'SubscriptionRoot'.", [(1, 20)]),
        ])
    }

    @Test func streamOnRootMutationField() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnRootFieldRule.self], #"""
            mutation { dogs @stream { name } }
            """#)
        #expect(errors == [
            ExpectedError("Stream directive cannot be used on root mutation type 'MutationRoot'.", [(1, 17)]),
        ])
    }

    @Test func streamOnFragmentOnRootMutationField() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnRootFieldRule.self], #"""
            mutation { ...rootFragment }
            fragment rootFragment on MutationRoot { dogs @stream { name } }
            """#)
        #expect(errors == [
            ExpectedError("Stream directive cannot be used on root mutation type 'MutationRoot'.", [(2, 46)]),
        ])
    }

    @Test func streamOnRootSubscriptionField() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnRootFieldRule.self], #"""
            subscription { dogs @stream { name } }
            """#)
        #expect(errors == [
            ExpectedError("Stream directive cannot be used on root subscription type 'SubscriptionRoot'.", [(1, 21)]),
        ])
    }

    @Test func streamOnNestedQueryField() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnRootFieldRule.self], #"""
            { human { relatives @stream { name } } }
            """#)
        #expect(errors == [])
    }
}
