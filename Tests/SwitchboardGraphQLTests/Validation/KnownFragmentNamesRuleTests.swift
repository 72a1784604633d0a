import Testing
@testable import SwitchboardGraphQL

/// `KnownFragmentNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct KnownFragmentNamesRuleTests {
    @Test func knownFragmentNamesAreValid() throws {
        let errors = try validationErrors([KnownFragmentNamesRule.self], #"""
            { human(id: 4) { ...HumanFields1 ... on Human { ...HumanFields2 } ... { name } } }
            fragment HumanFields1 on Human { name ...HumanFields3 }
            fragment HumanFields2 on Human { name }
            fragment HumanFields3 on Human { name }
            """#)
        #expect(errors == [])
    }

    @Test func unknownFragmentNamesAreInvalid() throws {
        let errors = try validationErrors([KnownFragmentNamesRule.self], #"""
            { human(id: 4) { ...UnknownFragment1 ... on Human { ...UnknownFragment2 } } }
            fragment HumanFields on Human { name ...UnknownFragment3 }
            """#)
        #expect(errors == [
            ExpectedError("Unknown fragment 'UnknownFragment1'.", [(1, 21)]),
            ExpectedError("Unknown fragment 'UnknownFragment2'.", [(1, 56)]),
            ExpectedError("Unknown fragment 'UnknownFragment3'.", [(2, 41)]),
        ])
    }
}
