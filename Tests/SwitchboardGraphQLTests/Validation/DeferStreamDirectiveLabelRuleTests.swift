import Testing
@testable import SwitchboardGraphQL

/// `DeferStreamDirectiveLabelRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct DeferStreamDirectiveLabelRuleTests {
    @Test func deferWithUniqueLabels() throws {
        let errors = try validationErrors([DeferStreamDirectiveLabelRule.self], #"""
            { dog { ...dogFragmentA @defer(label: "fragA") ...dogFragmentB @defer(label: "fragB") } }
            fragment dogFragmentA on Dog { name }
            fragment dogFragmentB on Dog { nickname }
            """#)
        #expect(errors == [])
    }

    @Test func deferWithVariableLabel() throws {
        let errors = try validationErrors([DeferStreamDirectiveLabelRule.self], #"""
            query ($label: String) { dog { ...dogFragmentA @defer(label: $label) } }
            fragment dogFragmentA on Dog { name }
            """#)
        #expect(errors == [
            ExpectedError("Defer directive label argument must be a static string.", [(1, 48)]),
        ])
    }

    @Test func deferWithNullLabel() throws {
        let errors = try validationErrors([DeferStreamDirectiveLabelRule.self], #"""
            { dog { ... @defer(label: null) { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func deferAndStreamWithNoLabel() throws {
        let errors = try validationErrors([DeferStreamDirectiveLabelRule.self], #"""
            { dog { ... @defer { name } } human { relatives @stream { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func streamWithVariableLabel() throws {
        let errors = try validationErrors([DeferStreamDirectiveLabelRule.self], #"""
            query ($label: String) { human { relatives @stream(label: $label) { name } } }
            """#)
        #expect(errors == [
            ExpectedError("Stream directive label argument must be a static string.", [(1, 44)]),
        ])
    }

    @Test func deferAndStreamWithTheSameLabel() throws {
        let errors = try validationErrors([DeferStreamDirectiveLabelRule.self], #"""
            { dog { ... @defer(label: "MyLabel") { name } } human { relatives @stream(label: "MyLabel") { name } } }
            """#)
        #expect(errors == [
            ExpectedError("Defer/Stream directive label argument must be unique.", [(1, 13), (1, 67)]),
        ])
    }

    @Test func deferWithTheSameLabelInTwoFragments() throws {
        let errors = try validationErrors([DeferStreamDirectiveLabelRule.self], #"""
            { dog { ...A @defer(label: "x") ...B @defer(label: "x") } }
            fragment A on Dog { name }
            fragment B on Dog { nickname }
            """#)
        #expect(errors == [
            ExpectedError("Defer/Stream directive label argument must be unique.", [(1, 14), (1, 38)]),
        ])
    }
}
