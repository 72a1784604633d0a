import Testing
@testable import SwitchboardGraphQL

/// `PossibleTypeExtensionsRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct PossibleTypeExtensionsRuleTests {
    @Test func noExtensions() throws {
        let errors = try sdlValidationErrors([PossibleTypeExtensionsRule.self], #"""
            scalar FooScalar
            type FooObject
            interface FooInterface
            union FooUnion
            enum FooEnum
            input FooInputObject
            """#)
        #expect(errors == [])
    }

    @Test func oneExtensionPerType() throws {
        let errors = try sdlValidationErrors([PossibleTypeExtensionsRule.self], #"""
            scalar FooScalar
            type FooObject
            interface FooInterface
            union FooUnion
            enum FooEnum
            input FooInputObject
            extend scalar FooScalar @dummy
            extend type FooObject @dummy
            extend interface FooInterface @dummy
            extend union FooUnion @dummy
            extend enum FooEnum @dummy
            extend input FooInputObject @dummy
            """#)
        #expect(errors == [])
    }

    @Test func extendingUnknownType() throws {
        let errors = try sdlValidationErrors([PossibleTypeExtensionsRule.self], #"""
            type Known
            extend scalar Unknown @dummy
            extend type Unknown @dummy
            extend interface Unknown @dummy
            extend union Unknown @dummy
            extend enum Unknown @dummy
            extend input Unknown @dummy
            extend type Knwon @dummy
            """#)
        #expect(errors == [
            ExpectedError("Cannot extend type 'Unknown' because it is not defined. Did you mean 'Known'?", [(2, 15)]),
            ExpectedError("Cannot extend type 'Unknown' because it is not defined. Did you mean 'Known'?", [(3, 13)]),
            ExpectedError("Cannot extend type 'Unknown' because it is not defined. Did you mean 'Known'?", [(4, 18)]),
            ExpectedError("Cannot extend type 'Unknown' because it is not defined. Did you mean 'Known'?", [(5, 14)]),
            ExpectedError("Cannot extend type 'Unknown' because it is not defined. Did you mean 'Known'?", [(6, 13)]),
            ExpectedError("Cannot extend type 'Unknown' because it is not defined. Did you mean 'Known'?", [(7, 14)]),
            ExpectedError("Cannot extend type 'Knwon' because it is not defined. Did you mean 'Known'?", [(8, 13)]),
        ])
    }

    @Test func doesNotConsiderNonTypeDefinitions() throws {
        let errors = try sdlValidationErrors([PossibleTypeExtensionsRule.self], #"""
            query Foo { __typename }
            fragment Foo on Query { __typename }
            directive @Foo on SCHEMA
            extend scalar Foo @dummy
            extend type Foo @dummy
            """#)
        #expect(errors == [
            ExpectedError("Cannot extend type 'Foo' because it is not defined.", [(4, 15)]),
            ExpectedError("Cannot extend type 'Foo' because it is not defined.", [(5, 13)]),
        ])
    }

    @Test func extendingWithDifferentKinds() throws {
        let errors = try sdlValidationErrors([PossibleTypeExtensionsRule.self], #"""
            scalar FooScalar
            type FooObject
            interface FooInterface
            union FooUnion
            enum FooEnum
            input FooInputObject
            extend type FooScalar @dummy
            extend interface FooObject @dummy
            extend union FooInterface @dummy
            extend enum FooUnion @dummy
            extend input FooEnum @dummy
            extend scalar FooInputObject @dummy
            """#)
        #expect(errors == [
            ExpectedError("Cannot extend non-object type 'FooScalar'.", [(1, 1), (7, 1)]),
            ExpectedError("Cannot extend non-interface type 'FooObject'.", [(2, 1), (8, 1)]),
            ExpectedError("Cannot extend non-union type 'FooInterface'.", [(3, 1), (9, 1)]),
            ExpectedError("Cannot extend non-enum type 'FooUnion'.", [(4, 1), (10, 1)]),
            ExpectedError("Cannot extend non-input object type 'FooEnum'.", [(5, 1), (11, 1)]),
            ExpectedError("Cannot extend non-scalar type 'FooInputObject'.", [(6, 1), (12, 1)]),
        ])
    }

    @Test func extendingTypesWithinExistingSchema() throws {
        let errors = try sdlValidationErrors([PossibleTypeExtensionsRule.self], #"""
            extend type Dog @dummy
            extend interface Pet @dummy
            extend union CatOrDog @dummy
            extend enum FurColor @dummy
            extend input ComplexInput @dummy
            extend scalar String @dummy
            """#, schema: harnessSchema)
        #expect(errors == [])
    }

    @Test func extendingUnknownTypesWithinExistingSchema() throws {
        let errors = try sdlValidationErrors([PossibleTypeExtensionsRule.self], #"""
            extend type Dgo @dummy
            extend interface Unknown @dummy
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Cannot extend type 'Dgo' because it is not defined. Did you mean 'Dog'?", [(1, 13)]),
            ExpectedError("Cannot extend type 'Unknown' because it is not defined.", [(2, 18)]),
        ])
    }

    @Test func extendingTypesWithDifferentKindsWithinExistingSchema() throws {
        let errors = try sdlValidationErrors([PossibleTypeExtensionsRule.self], #"""
            extend interface Dog @dummy
            extend type Pet @dummy
            extend input FurColor @dummy
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Cannot extend non-interface type 'Dog'.", [(1, 1)]),
            ExpectedError("Cannot extend non-object type 'Pet'.", [(2, 1)]),
            ExpectedError("Cannot extend non-input object type 'FurColor'.", [(3, 1)]),
        ])
    }
}
