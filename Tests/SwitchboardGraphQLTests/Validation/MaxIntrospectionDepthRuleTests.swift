import Testing
@testable import SwitchboardGraphQL

/// `MaxIntrospectionDepthRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct MaxIntrospectionDepthRuleTests {
    @Test func defaultIntrospectionQuery() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __schema { types { name fields { name type { name ofType { name } } } } } }
            """#)
        #expect(errors == [])
    }

    @Test func n3FieldsDeep() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __schema { types { fields { type { fields { type { fields { name } } } } } } } }
            """#)
        #expect(errors == [
            ExpectedError("Maximum introspection depth exceeded", [(1, 3)]),
        ])
    }

    @Test func n3InterfacesDeep() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __schema { types { interfaces { interfaces { interfaces { name } } } } } }
            """#)
        #expect(errors == [
            ExpectedError("Maximum introspection depth exceeded", [(1, 3)]),
        ])
    }

    @Test func n3PossibleTypesDeep() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __schema { types { possibleTypes { possibleTypes { possibleTypes { name } } } } } }
            """#)
        #expect(errors == [
            ExpectedError("Maximum introspection depth exceeded", [(1, 3)]),
        ])
    }

    @Test func n3InputFieldsDeep() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __schema { types { inputFields { type { inputFields { type { inputFields { type { name } } } } } } } } }
            """#)
        #expect(errors == [
            ExpectedError("Maximum introspection depth exceeded", [(1, 3)]),
        ])
    }

    @Test func n3FieldsDeepThroughFragments() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __schema { types { ...One } } }
            fragment One on __Type { fields { type { ...Two } } }
            fragment Two on __Type { fields { type { ...Three } } }
            fragment Three on __Type { fields { name } }
            """#)
        #expect(errors == [
            ExpectedError("Maximum introspection depth exceeded", [(1, 3)]),
        ])
    }

    @Test func n3FieldsDeepInsideInlineFragmentOnQuery() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { ... { __schema { types { fields { type { fields { type { fields { name } } } } } } } } }
            """#)
        #expect(errors == [
            ExpectedError("Maximum introspection depth exceeded", [(1, 9)]),
        ])
    }

    @Test func optsOutIfFragmentIsMissing() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __schema { types { ...Missing } } }
            """#)
        #expect(errors == [])
    }

    @Test func doesNotInfinitelyRecurseOnFragmentCycle() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __schema { types { ...Cycle } } }
            fragment Cycle on __Type { ...Cycle }
            """#)
        #expect(errors == [])
    }

    @Test func n2FieldsDeepViaType() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __type(name: "Query") { fields { type { fields { name } } } } }
            """#)
        #expect(errors == [])
    }

    @Test func n3FieldsDeepViaType() throws {
        let errors = try validationErrors([MaxIntrospectionDepthRule.self], #"""
            { __type(name: "Query") { fields { type { fields { type { fields { name } } } } } } }
            """#)
        #expect(errors == [
            ExpectedError("Maximum introspection depth exceeded", [(1, 3)]),
        ])
    }
}
