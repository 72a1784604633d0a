import Testing
@testable import SwitchboardGraphQL

/// `UniqueOperationTypesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueOperationTypesRuleTests {
    @Test func noSchemaDefinition() throws {
        let errors = try sdlValidationErrors([UniqueOperationTypesRule.self], #"""
            type Foo
            """#)
        #expect(errors == [])
    }

    @Test func schemaDefinitionWithAllTypes() throws {
        let errors = try sdlValidationErrors([UniqueOperationTypesRule.self], #"""
            type Foo
            schema { query: Foo mutation: Foo subscription: Foo }
            """#)
        #expect(errors == [])
    }

    @Test func schemaDefinitionWithSingleExtension() throws {
        let errors = try sdlValidationErrors([UniqueOperationTypesRule.self], #"""
            type Foo
            schema { query: Foo }
            extend schema { mutation: Foo subscription: Foo }
            """#)
        #expect(errors == [])
    }

    @Test func duplicateOperationTypes() throws {
        let errors = try sdlValidationErrors([UniqueOperationTypesRule.self], #"""
            type Foo
            schema { query: Foo mutation: Foo subscription: Foo query: Foo mutation: Foo subscription: Foo }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one query type in schema.", [(2, 10), (2, 53)]),
            ExpectedError("There can be only one mutation type in schema.", [(2, 21), (2, 64)]),
            ExpectedError("There can be only one subscription type in schema.", [(2, 35), (2, 78)]),
        ])
    }

    @Test func duplicateOperationTypesInExtensions() throws {
        let errors = try sdlValidationErrors([UniqueOperationTypesRule.self], #"""
            type Foo
            schema { query: Foo }
            extend schema { query: Foo mutation: Foo }
            extend schema { mutation: Foo }
            """#)
        #expect(errors == [
            ExpectedError("There can be only one query type in schema.", [(2, 10), (3, 17)]),
            ExpectedError("There can be only one mutation type in schema.", [(3, 28), (4, 17)]),
        ])
    }

    @Test func addingOperationTypesToExistingSchema() throws {
        let errors = try sdlValidationErrors([UniqueOperationTypesRule.self], #"""
            extend schema { query: Foo mutation: Foo }
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Type for query already defined in the schema. It cannot be redefined.", [(1, 17)]),
            ExpectedError("Type for mutation already defined in the schema. It cannot be redefined.", [(1, 28)]),
        ])
    }
}
