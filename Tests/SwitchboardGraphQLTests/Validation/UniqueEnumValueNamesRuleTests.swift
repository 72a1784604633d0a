import Testing
@testable import SwitchboardGraphQL

/// `UniqueEnumValueNamesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueEnumValueNamesRuleTests {
    @Test func noValues() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], #"""
            enum SomeEnum
            """#)
        #expect(errors == [])
    }

    @Test func oneValue() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], #"""
            enum SomeEnum { FOO }
            """#)
        #expect(errors == [])
    }

    @Test func multipleValues() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], #"""
            enum SomeEnum { FOO BAR }
            """#)
        #expect(errors == [])
    }

    @Test func duplicateValuesInsideTheSameEnumDefinition() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], #"""
            enum SomeEnum { FOO BAR FOO }
            """#)
        #expect(errors == [
            ExpectedError("Enum value 'SomeEnum.FOO' can only be defined once.", [(1, 17), (1, 25)]),
        ])
    }

    @Test func extendEnumWithNewValue() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], #"""
            enum SomeEnum { FOO }
            extend enum SomeEnum { BAR }
            extend enum SomeEnum { BAZ }
            """#)
        #expect(errors == [])
    }

    @Test func extendEnumWithDuplicateValue() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], #"""
            extend enum SomeEnum { FOO }
            enum SomeEnum { FOO }
            """#)
        #expect(errors == [
            ExpectedError("Enum value 'SomeEnum.FOO' can only be defined once.", [(1, 24), (2, 17)]),
        ])
    }

    @Test func duplicateValueInsideExtension() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], #"""
            enum SomeEnum
            extend enum SomeEnum { FOO BAR FOO }
            """#)
        #expect(errors == [
            ExpectedError("Enum value 'SomeEnum.FOO' can only be defined once.", [(2, 24), (2, 32)]),
        ])
    }

    @Test func addingNewValueToTheEnumInsideExistingSchema() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], #"""
            extend enum FurColor { PURPLE }
            """#, schema: harnessSchema)
        #expect(errors == [])
    }

    @Test func addingConflictingValueToExistingSchema() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], #"""
            extend enum FurColor { BLACK TAN }
            """#, schema: harnessSchema)
        #expect(errors == [
            ExpectedError("Enum value 'FurColor.BLACK' already exists in the schema. It cannot also be defined in this type extension.", [(1, 24)]),
            ExpectedError("Enum value 'FurColor.TAN' already exists in the schema. It cannot also be defined in this type extension.", [(1, 30)]),
        ])
    }
}
