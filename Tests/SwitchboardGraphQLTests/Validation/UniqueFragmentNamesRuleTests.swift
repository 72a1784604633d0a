import Testing
@testable import SwitchboardGraphQL

/// `UniqueFragmentNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueFragmentNamesRuleTests {
    @Test func noFragments() throws {
        let errors = try validationErrors([UniqueFragmentNamesRule.self], #"""
            { field }
            """#)
        #expect(errors == [])
    }

    @Test func oneFragment() throws {
        let errors = try validationErrors([UniqueFragmentNamesRule.self], #"""
            { ...fragA }
            fragment fragA on Type { field }
            """#)
        #expect(errors == [])
    }

    @Test func manyFragments() throws {
        let errors = try validationErrors([UniqueFragmentNamesRule.self], #"""
            { ...fragA ...fragB ...fragC }
            fragment fragA on Type { fieldA }
            fragment fragB on Type { fieldB }
            fragment fragC on Type { fieldC }
            """#)
        #expect(errors == [])
    }

    @Test func fragmentAndOperationNamedTheSame() throws {
        let errors = try validationErrors([UniqueFragmentNamesRule.self], #"""
            query Foo { ...Foo }
            fragment Foo on Type { field }
            """#)
        #expect(errors == [])
    }

    @Test func fragmentsNamedTheSame() throws {
        let errors = try validationErrors([UniqueFragmentNamesRule.self], #"""
            { ...fragA }
            fragment fragA on Type { fieldA }
            fragment fragA on Type { fieldB }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one fragment named 'fragA'.", [(2, 10), (3, 10)]),
        ])
    }

    @Test func fragmentsNamedTheSameWithoutBeingReferenced() throws {
        let errors = try validationErrors([UniqueFragmentNamesRule.self], #"""
            fragment fragA on Type { fieldA }
            fragment fragA on Type { fieldB }
            fragment fragA on Type { fieldC }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one fragment named 'fragA'.", [(1, 10), (2, 10)]),
            ExpectedError("There can be only one fragment named 'fragA'.", [(1, 10), (3, 10)]),
        ])
    }
}
