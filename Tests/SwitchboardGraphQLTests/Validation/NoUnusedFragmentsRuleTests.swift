import Testing
@testable import SwitchboardGraphQL

/// `NoUnusedFragmentsRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct NoUnusedFragmentsRuleTests {
    @Test func allFragmentNamesAreUsed() throws {
        let errors = try validationErrors([NoUnusedFragmentsRule.self], #"""
            { human(id: 4) { ...HumanFields1 ... on Human { ...HumanFields2 } } }
            fragment HumanFields1 on Human { name ...HumanFields3 }
            fragment HumanFields2 on Human { name }
            fragment HumanFields3 on Human { name }
            """#)
        #expect(errors == [])
    }

    @Test func allFragmentNamesAreUsedByMultipleOperations() throws {
        let errors = try validationErrors([NoUnusedFragmentsRule.self], #"""
            query Foo { human(id: 4) { ...HumanFields1 } }
            query Bar { human(id: 4) { ...HumanFields2 } }
            fragment HumanFields1 on Human { name ...HumanFields3 }
            fragment HumanFields2 on Human { name }
            fragment HumanFields3 on Human { name }
            """#)
        #expect(errors == [])
    }

    @Test func containsUnknownFragments() throws {
        let errors = try validationErrors([NoUnusedFragmentsRule.self], #"""
            query Foo { human(id: 4) { ...HumanFields1 } }
            query Bar { human(id: 4) { ...HumanFields2 } }
            fragment HumanFields1 on Human { name ...HumanFields3 }
            fragment HumanFields2 on Human { name }
            fragment HumanFields3 on Human { name }
            fragment Unused1 on Human { name }
            fragment Unused2 on Human { name }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'Unused1' is never used.", [(6, 1)]),
            ExpectedError("Fragment 'Unused2' is never used.", [(7, 1)]),
        ])
    }

    @Test func containsUnknownFragmentsWithRefCycle() throws {
        let errors = try validationErrors([NoUnusedFragmentsRule.self], #"""
            query Foo { human(id: 4) { ...HumanFields1 } }
            fragment HumanFields1 on Human { name }
            fragment Unused1 on Human { name ...Unused2 }
            fragment Unused2 on Human { name ...Unused1 }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'Unused1' is never used.", [(3, 1)]),
            ExpectedError("Fragment 'Unused2' is never used.", [(4, 1)]),
        ])
    }

    @Test func containsUnknownAndUndefFragments() throws {
        let errors = try validationErrors([NoUnusedFragmentsRule.self], #"""
            query Foo { human(id: 4) { ...bar } }
            fragment foo on Human { name }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'foo' is never used.", [(2, 1)]),
        ])
    }
}
