import Testing
@testable import SwitchboardGraphQL

/// `NoFragmentCyclesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct NoFragmentCyclesRuleTests {
    @Test func singleReferenceIsValid() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Dog { ...fragB }
            fragment fragB on Dog { name }
            """#)
        #expect(errors == [])
    }

    @Test func spreadingTwiceIsNotCircular() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Dog { ...fragB, ...fragB }
            fragment fragB on Dog { name }
            """#)
        #expect(errors == [])
    }

    @Test func doubleSpreadWithinAbstractTypes() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment nameFragment on Pet { ... on Dog { name } ... on Cat { name } }
            fragment spreadsInAnon on Pet { ... on Dog { ...nameFragment } ... on Cat { ...nameFragment } }
            """#)
        #expect(errors == [])
    }

    @Test func doesNotFalsePositiveOnUnknownFragment() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment nameFragment on Pet { ...UnknownFragment }
            """#)
        #expect(errors == [])
    }

    @Test func spreadingRecursivelyWithinFieldFails() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Human { relatives { ...fragA } },
            """#)
        #expect(errors == [
            ExpectedError("Cannot spread fragment 'fragA' within itself.", [(1, 39)]),
        ])
    }

    @Test func noSpreadingItselfDirectly() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Dog { ...fragA }
            """#)
        #expect(errors == [
            ExpectedError("Cannot spread fragment 'fragA' within itself.", [(1, 25)]),
        ])
    }

    @Test func noSpreadingItselfDirectlyWithinInlineFragment() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Pet { ... on Dog { ...fragA } }
            """#)
        #expect(errors == [
            ExpectedError("Cannot spread fragment 'fragA' within itself.", [(1, 38)]),
        ])
    }

    @Test func noSpreadingItselfIndirectly() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Dog { ...fragB }
            fragment fragB on Dog { ...fragA }
            """#)
        #expect(errors == [
            ExpectedError("Cannot spread fragment 'fragA' within itself via 'fragB'.", [(1, 25), (2, 25)]),
        ])
    }

    @Test func noSpreadingItselfDeeply() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Dog { ...fragB }
            fragment fragB on Dog { ...fragC }
            fragment fragC on Dog { ...fragO }
            fragment fragX on Dog { ...fragY }
            fragment fragY on Dog { ...fragZ }
            fragment fragZ on Dog { ...fragO }
            fragment fragO on Dog { ...fragP }
            fragment fragP on Dog { ...fragA, ...fragX }
            """#)
        #expect(errors == [
            ExpectedError("Cannot spread fragment 'fragA' within itself via 'fragB', 'fragC', 'fragO', 'fragP'.", [(1, 25), (2, 25), (3, 25), (7, 25), (8, 25)]),
            ExpectedError("Cannot spread fragment 'fragO' within itself via 'fragP', 'fragX', 'fragY', 'fragZ'.", [(7, 25), (8, 35), (4, 25), (5, 25), (6, 25)]),
        ])
    }

    @Test func noSpreadingItselfDeeplyTwoPaths() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Dog { ...fragB, ...fragC }
            fragment fragB on Dog { ...fragA }
            fragment fragC on Dog { ...fragA }
            """#)
        #expect(errors == [
            ExpectedError("Cannot spread fragment 'fragA' within itself via 'fragB'.", [(1, 25), (2, 25)]),
            ExpectedError("Cannot spread fragment 'fragA' within itself via 'fragC'.", [(1, 35), (3, 25)]),
        ])
    }

    @Test func noSpreadingItselfDeeplyTwoPathsAltTraverseOrder() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Dog { ...fragC }
            fragment fragB on Dog { ...fragC }
            fragment fragC on Dog { ...fragA, ...fragB }
            """#)
        #expect(errors == [
            ExpectedError("Cannot spread fragment 'fragA' within itself via 'fragC'.", [(1, 25), (3, 25)]),
            ExpectedError("Cannot spread fragment 'fragC' within itself via 'fragB'.", [(3, 35), (2, 25)]),
        ])
    }

    @Test func noSpreadingItselfDeeplyAndImmediately() throws {
        let errors = try validationErrors([NoFragmentCyclesRule.self], #"""
            fragment fragA on Dog { ...fragB }
            fragment fragB on Dog { ...fragB, ...fragC }
            fragment fragC on Dog { ...fragA, ...fragB }
            """#)
        #expect(errors == [
            ExpectedError("Cannot spread fragment 'fragB' within itself.", [(2, 25)]),
            ExpectedError("Cannot spread fragment 'fragA' within itself via 'fragB', 'fragC'.", [(1, 25), (2, 35), (3, 25)]),
            ExpectedError("Cannot spread fragment 'fragB' within itself via 'fragC'.", [(2, 35), (3, 35)]),
        ])
    }
}
