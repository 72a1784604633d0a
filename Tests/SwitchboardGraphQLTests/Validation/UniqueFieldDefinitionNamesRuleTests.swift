import Testing
@testable import SwitchboardGraphQL

/// `UniqueFieldDefinitionNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueFieldDefinitionNamesRuleTests {
    @Test func noFields() throws {
        let errors = try sdlValidationErrors([UniqueFieldDefinitionNamesRule.self], #"""
            type SomeObject
            interface SomeInterface
            input SomeInputObject
            """#)
        #expect(errors == [])
    }

    @Test func oneField() throws {
        let errors = try sdlValidationErrors([UniqueFieldDefinitionNamesRule.self], #"""
            type SomeObject { foo: String }
            interface SomeInterface { foo: String }
            input SomeInputObject { foo: String }
            """#)
        #expect(errors == [])
    }

    @Test func duplicateFieldsInsideTheSameTypeDefinition() throws {
        let errors = try sdlValidationErrors([UniqueFieldDefinitionNamesRule.self], #"""
            type SomeObject { foo: String bar: String foo: String }
            interface SomeInterface { foo: String bar: String foo: String }
            input SomeInputObject { foo: String bar: String foo: String }
            """#)
        #expect(errors == [
            ExpectedError("Field 'SomeObject.foo' can only be defined once.", [(1, 19), (1, 43)]),
            ExpectedError("Field 'SomeInterface.foo' can only be defined once.", [(2, 27), (2, 51)]),
            ExpectedError("Field 'SomeInputObject.foo' can only be defined once.", [(3, 25), (3, 49)]),
        ])
    }

    @Test func extendTypeWithDuplicateField() throws {
        let errors = try sdlValidationErrors([UniqueFieldDefinitionNamesRule.self], #"""
            extend type SomeObject { foo: String }
            type SomeObject { foo: String }
            """#)
        #expect(errors == [
            ExpectedError("Field 'SomeObject.foo' can only be defined once.", [(1, 26), (2, 19)]),
        ])
    }

    @Test func duplicateFieldInsideExtension() throws {
        let errors = try sdlValidationErrors([UniqueFieldDefinitionNamesRule.self], #"""
            type SomeObject
            extend type SomeObject { foo: String bar: String foo: String }
            """#)
        #expect(errors == [
            ExpectedError("Field 'SomeObject.foo' can only be defined once.", [(2, 26), (2, 50)]),
        ])
    }

    @Test func addingConflictingFieldsToExistingSchema() throws {
        let errors = try sdlValidationErrors([UniqueFieldDefinitionNamesRule.self], #"""
            extend type Dog { name: String barks: Boolean }
            extend interface Pet { name: String }
            extend input ComplexInput { intField: Int newField: Int }
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Field 'Dog.name' already exists in the schema. It cannot also be defined in this type extension.", [(1, 19)]),
            ExpectedError("Field 'Dog.barks' already exists in the schema. It cannot also be defined in this type extension.", [(1, 32)]),
            ExpectedError("Field 'Pet.name' already exists in the schema. It cannot also be defined in this type extension.", [(2, 24)]),
            ExpectedError("Field 'ComplexInput.intField' already exists in the schema. It cannot also be defined in this type extension.", [(3, 29)]),
        ])
    }
}
