import Testing
@testable import SwitchboardGraphQL

/// `UniqueArgumentNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueArgumentNamesRuleTests {
    @Test func noArgumentsOnField() throws {
        let errors = try validationErrors([UniqueArgumentNamesRule.self], #"""
            { field }
            """#)
        #expect(errors == [])
    }

    @Test func argumentOnField() throws {
        let errors = try validationErrors([UniqueArgumentNamesRule.self], #"""
            { field(arg: "value") }
            """#)
        #expect(errors == [])
    }

    @Test func sameArgumentOnTwoFields() throws {
        let errors = try validationErrors([UniqueArgumentNamesRule.self], #"""
            { one: field(arg: "value") two: field(arg: "value") }
            """#)
        #expect(errors == [])
    }

    @Test func sameArgumentOnFieldAndDirective() throws {
        let errors = try validationErrors([UniqueArgumentNamesRule.self], #"""
            { field(arg: "value") @directive(arg: "value") }
            """#)
        #expect(errors == [])
    }

    @Test func multipleFieldArguments() throws {
        let errors = try validationErrors([UniqueArgumentNamesRule.self], #"""
            { field(arg1: "value", arg2: "value", arg3: "value") }
            """#)
        #expect(errors == [])
    }

    @Test func duplicateFieldArguments() throws {
        let errors = try validationErrors([UniqueArgumentNamesRule.self], #"""
            { field(arg1: "value", arg1: "value") }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one argument named 'arg1'.", [(1, 9), (1, 24)]),
        ])
    }

    @Test func manyDuplicateFieldArguments() throws {
        let errors = try validationErrors([UniqueArgumentNamesRule.self], #"""
            { field(arg1: "value", arg1: "value", arg1: "value") }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one argument named 'arg1'.", [(1, 9), (1, 24), (1, 39)]),
        ])
    }

    @Test func duplicateDirectiveArguments() throws {
        let errors = try validationErrors([UniqueArgumentNamesRule.self], #"""
            { field @directive(arg1: "value", arg1: "value") }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one argument named 'arg1'.", [(1, 20), (1, 35)]),
        ])
    }

    @Test func manyDuplicateDirectiveArguments() throws {
        let errors = try validationErrors([UniqueArgumentNamesRule.self], #"""
            { field @directive(arg1: "value", arg2: 1, arg1: "value", arg1: "value") }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one argument named 'arg1'.", [(1, 20), (1, 44), (1, 59)]),
        ])
    }
}
