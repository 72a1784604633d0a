import Testing
@testable import SwitchboardGraphQL

/// `SingleFieldSubscriptionsRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct SingleFieldSubscriptionsRuleTests {
    @Test func validSubscription() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription ImportantEmails { newDog { name } }
            """#)
        #expect(errors == [])
    }

    @Test func validSubscriptionWithFragment() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription sub { ...newDogFields }
            fragment newDogFields on SubscriptionRoot { newDog { name } }
            """#)
        #expect(errors == [])
    }

    @Test func validSubscriptionWithFragmentAndField() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription sub { newDog { name } ...newDogFields }
            fragment newDogFields on SubscriptionRoot { newDog { nickname } }
            """#)
        #expect(errors == [])
    }

    @Test func failsWithMoreThanOneRootField() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription ImportantEmails { newDog { name } newCat { name } }
            """#)
        #expect(errors == [
            ExpectedError("Subscription 'ImportantEmails' must select only one top level field.", [(1, 48)]),
        ])
    }

    @Test func failsWithMoreThanOneRootFieldIncludingIntrospection() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription ImportantEmails { newDog { name } __typename }
            """#)
        #expect(errors == [
            ExpectedError("Subscription 'ImportantEmails' must select only one top level field.", [(1, 48)]),
            ExpectedError("Subscription 'ImportantEmails' must not select an introspection top level field.", [(1, 48)]),
        ])
    }

    @Test func failsWithMoreThanOneRootFieldIncludingAliasedIntrospectionViaFragment() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription ImportantEmails { newDog { name } ...Introspection }
            fragment Introspection on SubscriptionRoot { typename: __typename }
            """#)
        #expect(errors == [
            ExpectedError("Subscription 'ImportantEmails' must select only one top level field.", [(2, 46)]),
            ExpectedError("Subscription 'ImportantEmails' must not select an introspection top level field.", [(2, 46)]),
        ])
    }

    @Test func failsWithManyMoreThanOneRootField() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription ImportantEmails { newDog { name } newCat { name } dogs { name } }
            """#)
        #expect(errors == [
            ExpectedError("Subscription 'ImportantEmails' must select only one top level field.", [(1, 48), (1, 64)]),
        ])
    }

    @Test func failsWithManyMoreThanOneRootFieldViaFragments() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription ImportantEmails { newDog { name } ... { newCat { name } } ...Other }
            fragment Other on SubscriptionRoot { dogs { name } }
            """#)
        #expect(errors == [
            ExpectedError("Subscription 'ImportantEmails' must select only one top level field.", [(1, 54), (2, 38)]),
        ])
    }

    @Test func failsWithIntrospectionField() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription ImportantEmails { __typename }
            """#)
        #expect(errors == [
            ExpectedError("Subscription 'ImportantEmails' must not select an introspection top level field.", [(1, 32)]),
        ])
    }

    @Test func anonymousSubscriptionFails() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription { newDog { name } newCat { name } }
            """#)
        #expect(errors == [
            ExpectedError("Anonymous Subscription must select only one top level field.", [(1, 32)]),
        ])
    }

    @Test func skipAndIncludeAreForbidden() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription RequireSkip($x: Boolean!) { newDog @skip(if: $x) { name } newCat @include(if: $x) { name } }
            """#)
        #expect(errors == [
            ExpectedError("Subscription 'RequireSkip' must not use `@skip` or `@include` directives in the top level selection.", [(1, 49), (1, 79)]),
        ])
    }

    @Test func noRootFieldAfterFragmentsThatDoNotApply() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription S { ... on QueryRoot { dog { name } } }
            """#)
        #expect(errors == [
            ExpectedError("Subscription 'S' must select one top level field.", [(1, 16)]),
        ])
    }

    @Test func fragmentSpreadTwiceWithDefer() throws {
        let errors = try validationErrors([SingleFieldSubscriptionsRule.self], #"""
            subscription S { ...F @defer ...F }
            fragment F on SubscriptionRoot { newDog { name } newCat { name } }
            """#)
        #expect(errors == [
            ExpectedError("Subscription 'S' must select only one top level field.", [(2, 50), (2, 50)]),
        ])
    }
}
