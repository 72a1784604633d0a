import Testing
@testable import SwitchboardGraphQL

/// `UniqueTypeNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueTypeNamesRuleTests {
    @Test func noTypes() throws {
        let errors = try sdlValidationErrors([UniqueTypeNamesRule.self], #"""
            directive @test on SCHEMA
            """#)
        #expect(errors == [])
    }

    @Test func oneType() throws {
        let errors = try sdlValidationErrors([UniqueTypeNamesRule.self], #"""
            type Foo
            """#)
        #expect(errors == [])
    }

    @Test func manyTypes() throws {
        let errors = try sdlValidationErrors([UniqueTypeNamesRule.self], #"""
            type Foo
            type Bar
            type Baz
            """#)
        #expect(errors == [])
    }

    @Test func typeAndNonTypeDefinitionsNamedTheSame() throws {
        let errors = try sdlValidationErrors([UniqueTypeNamesRule.self], #"""
            query Foo { __typename }
            fragment Foo on Query { __typename }
            directive @Foo on SCHEMA
            type Foo
            """#)
        #expect(errors == [])
    }

    @Test func typesNamedTheSame() throws {
        let errors = try sdlValidationErrors([UniqueTypeNamesRule.self], #"""
            type Foo
            scalar Foo
            type Foo
            interface Foo
            union Foo
            enum Foo
            input Foo
            """#)
        #expect(errors == [
            ExpectedError("There can be only one type named 'Foo'.", [(1, 6), (2, 8)]),
            ExpectedError("There can be only one type named 'Foo'.", [(1, 6), (3, 6)]),
            ExpectedError("There can be only one type named 'Foo'.", [(1, 6), (4, 11)]),
            ExpectedError("There can be only one type named 'Foo'.", [(1, 6), (5, 7)]),
            ExpectedError("There can be only one type named 'Foo'.", [(1, 6), (6, 6)]),
            ExpectedError("There can be only one type named 'Foo'.", [(1, 6), (7, 7)]),
        ])
    }

    @Test func addingNewTypeToExistingSchema() throws {
        let errors = try sdlValidationErrors([UniqueTypeNamesRule.self], #"""
            type Foo
            """#, schema: harnessSchema)
        #expect(errors == [])
    }

    @Test func addingTypesWithTheSameNameAsExistingTypes() throws {
        let errors = try sdlValidationErrors([UniqueTypeNamesRule.self], #"""
            type Dog
            scalar Cat
            input Human
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Type 'Dog' already exists in the schema. It cannot also be defined in this type definition.", [(1, 6)]),
            ExpectedError("Type 'Cat' already exists in the schema. It cannot also be defined in this type definition.", [(2, 8)]),
            ExpectedError("Type 'Human' already exists in the schema. It cannot also be defined in this type definition.", [(3, 7)]),
        ])
    }
}
