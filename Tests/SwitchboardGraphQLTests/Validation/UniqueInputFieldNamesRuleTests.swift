import Testing
@testable import SwitchboardGraphQL

/// `UniqueInputFieldNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueInputFieldNamesRuleTests {
    @Test func inputObjectWithFields() throws {
        let errors = try validationErrors([UniqueInputFieldNamesRule.self], #"""
            { field(arg: { f: true }) }
            """#)
        #expect(errors == [])
    }

    @Test func sameInputObjectWithinTwoArgs() throws {
        let errors = try validationErrors([UniqueInputFieldNamesRule.self], #"""
            { field(arg1: { f: true }, arg2: { f: true }) }
            """#)
        #expect(errors == [])
    }

    @Test func multipleInputObjectFields() throws {
        let errors = try validationErrors([UniqueInputFieldNamesRule.self], #"""
            { field(arg: { f1: "value", f2: "value", f3: "value" }) }
            """#)
        #expect(errors == [])
    }

    @Test func allowsForNestedInputObjectsWithSimilarFields() throws {
        let errors = try validationErrors([UniqueInputFieldNamesRule.self], #"""
            { field(arg: { deep: { deep: { id: 1 } id: 1 } id: 1 }) }
            """#)
        #expect(errors == [])
    }

    @Test func duplicateInputObjectFields() throws {
        let errors = try validationErrors([UniqueInputFieldNamesRule.self], #"""
            { field(arg: { f1: "value", f1: "value" }) }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one input field named 'f1'.", [(1, 16), (1, 29)]),
        ])
    }

    @Test func manyDuplicateInputObjectFields() throws {
        let errors = try validationErrors([UniqueInputFieldNamesRule.self], #"""
            { field(arg: { f1: "value", f1: "value", f1: "value" }) }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one input field named 'f1'.", [(1, 16), (1, 29)]),
            ExpectedError("There can be only one input field named 'f1'.", [(1, 16), (1, 42)]),
        ])
    }

    @Test func nestedDuplicateInputObjectFields() throws {
        let errors = try validationErrors([UniqueInputFieldNamesRule.self], #"""
            { field(arg: { f1: {f2: "value", f2: "value" }}) }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one input field named 'f2'.", [(1, 21), (1, 34)]),
        ])
    }
}
