import Testing
@testable import SwitchboardGraphQL

/// `ExecutableDefinitionsRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct ExecutableDefinitionsRuleTests {
    @Test func onlyOperation() throws {
        let errors = try validationErrors([ExecutableDefinitionsRule.self], #"""
            query Foo { dog { name } }
            """#)
        #expect(errors == [])
    }

    @Test func operationAndFragment() throws {
        let errors = try validationErrors([ExecutableDefinitionsRule.self], #"""
            query Foo { dog { name ...Frag } }
            fragment Frag on Dog { name }
            """#)
        #expect(errors == [])
    }

    @Test func typeDefinition() throws {
        let errors = try validationErrors([ExecutableDefinitionsRule.self], #"""
            query Foo { dog { name } }
            type Cow { name: String }
            extend type Dog { color: String }
            """#)
        #expect(errors == [
            ExpectedError("The 'Cow' definition is not executable.", [(2, 1)]),
            ExpectedError("The 'Dog' definition is not executable.", [(3, 1)]),
        ])
    }

    @Test func schemaDefinition() throws {
        let errors = try validationErrors([ExecutableDefinitionsRule.self], #"""
            schema { query: Query }
            type Query { test: String }
            extend schema @directive
            """#)
        #expect(errors == [
            ExpectedError("The schema definition is not executable.", [(1, 1)]),
            ExpectedError("The 'Query' definition is not executable.", [(2, 1)]),
            ExpectedError("The schema definition is not executable.", [(3, 1)]),
        ])
    }

    @Test func directiveDefinitionAndExtension() throws {
        let errors = try validationErrors([ExecutableDefinitionsRule.self], #"""
            directive @d on FIELD
            extend directive @d @deprecated
            scalar S
            """#)
        #expect(errors == [
            ExpectedError("The 'd' definition is not executable.", [(1, 1)]),
            ExpectedError("The 'd' definition is not executable.", [(2, 1)]),
            ExpectedError("The 'S' definition is not executable.", [(3, 1)]),
        ])
    }
}
