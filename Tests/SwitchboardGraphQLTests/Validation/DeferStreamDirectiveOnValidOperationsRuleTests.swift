import Testing
@testable import SwitchboardGraphQL

/// `DeferStreamDirectiveOnValidOperationsRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct DeferStreamDirectiveOnValidOperationsRuleTests {
    @Test func deferOnQuery() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnValidOperationsRule.self], #"""
            { dog { ... @defer { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func deferOnSubscription() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnValidOperationsRule.self], #"""
            subscription { newDog { ... @defer { name } } }
            """#)
        #expect(errors == [
            ExpectedError("Defer directive not supported on subscription operations. Disable `@defer` by setting the `if` argument to `false`.", [(1, 29)]),
        ])
    }

    @Test func deferWithIfFalseOnSubscription() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnValidOperationsRule.self], #"""
            subscription { newDog { ... @defer(if: false) { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func deferWithVariableIfOnSubscription() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnValidOperationsRule.self], #"""
            subscription ($d: Boolean!) { newDog { ... @defer(if: $d) { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func deferInsideSkippedSelection() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnValidOperationsRule.self], #"""
            subscription ($s: Boolean!) { newDog { ... @defer @skip(if: $s) { name } ... @defer @include(if: false) { nickname } ... @defer @include(if: true) { barks } } }
            """#)
        #expect(errors == [
            ExpectedError("Defer directive not supported on subscription operations. Disable `@defer` by setting the `if` argument to `false`.", [(1, 122)]),
        ])
    }

    @Test func deferInFragmentOnSubscription() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnValidOperationsRule.self], #"""
            subscription { newDog { ...F } }
            fragment F on Dog { ... @defer { name } }
            """#)
        #expect(errors == [
            ExpectedError("Defer directive not supported on subscription operations. Disable `@defer` by setting the `if` argument to `false`.", [(2, 25), (1, 25)]),
        ])
    }

    @Test func streamOnSubscription() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnValidOperationsRule.self], #"""
            subscription { newDog { mother { name } } dogs @stream { name } }
            """#)
        #expect(errors == [
            ExpectedError("Stream directive not supported on subscription operations. Disable `@stream` by setting the `if` argument to `false`.", [(1, 48)]),
        ])
    }

    @Test func streamWithIfFalseOnSubscription() throws {
        let errors = try validationErrors([DeferStreamDirectiveOnValidOperationsRule.self], #"""
            subscription { dogs @stream(if: false) { name } }
            """#)
        #expect(errors == [])
    }
}
