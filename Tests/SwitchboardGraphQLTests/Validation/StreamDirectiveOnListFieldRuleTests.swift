import Testing
@testable import SwitchboardGraphQL

/// `StreamDirectiveOnListFieldRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct StreamDirectiveOnListFieldRuleTests {
    @Test func streamOnListField() throws {
        let errors = try validationErrors([StreamDirectiveOnListFieldRule.self], #"""
            { human { pets @stream(initialCount: 0) { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func streamOnNonNullListField() throws {
        let errors = try validationErrors([StreamDirectiveOnListFieldRule.self], #"""
            { human { relatives @stream(initialCount: 0) { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func streamOnFieldOfAnUnknownTypeIsIgnored() throws {
        let errors = try validationErrors([StreamDirectiveOnListFieldRule.self], #"""
            { unknown @stream }
            """#)
        #expect(errors == [])
    }

    @Test func streamOnNonListField() throws {
        let errors = try validationErrors([StreamDirectiveOnListFieldRule.self], #"""
            { dog @stream(initialCount: 0) { name } }
            """#)
        #expect(errors == [
            ExpectedError("Stream directive cannot be used on non-list field 'dog' on type 'QueryRoot'.", [(1, 7)]),
        ])
    }

    @Test func streamOnTypename() throws {
        let errors = try validationErrors([StreamDirectiveOnListFieldRule.self], #"""
            { dog { __typename @stream } }
            """#)
        #expect(errors == [
            ExpectedError("Stream directive cannot be used on non-list field on type 'Dog'.", [(1, 20)]),
        ])
    }
}
