import Testing
@testable import SwitchboardGraphQL

/// `FragmentsOnCompositeTypesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct FragmentsOnCompositeTypesRuleTests {
    @Test func objectIsValidFragmentType() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment validFragment on Dog { barks }
            """#)
        #expect(errors == [])
    }

    @Test func interfaceIsValidFragmentType() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment validFragment on Pet { name }
            """#)
        #expect(errors == [])
    }

    @Test func objectIsValidInlineFragmentType() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment validFragment on Pet { ... on Dog { barks } }
            """#)
        #expect(errors == [])
    }

    @Test func inlineFragmentWithoutTypeIsValid() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment validFragment on Pet { ... { name } }
            """#)
        #expect(errors == [])
    }

    @Test func unionIsValidFragmentType() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment validFragment on CatOrDog { __typename }
            """#)
        #expect(errors == [])
    }

    @Test func scalarIsInvalidFragmentType() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment scalarFragment on Boolean { bad }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'scalarFragment' cannot condition on non composite type 'Boolean'.", [(1, 28)]),
        ])
    }

    @Test func enumIsInvalidFragmentType() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment scalarFragment on FurColor { bad }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'scalarFragment' cannot condition on non composite type 'FurColor'.", [(1, 28)]),
        ])
    }

    @Test func inputObjectIsInvalidFragmentType() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment inputFragment on ComplexInput { stringField }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'inputFragment' cannot condition on non composite type 'ComplexInput'.", [(1, 27)]),
        ])
    }

    @Test func scalarIsInvalidInlineFragmentType() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment invalidFragment on Pet { ... on String { barks } }
            """#)
        #expect(errors == [
            ExpectedError("Fragment cannot condition on non composite type 'String'.", [(1, 42)]),
        ])
    }

    @Test func unknownTypeIsLeftToKnownTypeNames() throws {
        let errors = try validationErrors([FragmentsOnCompositeTypesRule.self], #"""
            fragment f on Unknown { a ... on Nope { b } }
            """#)
        #expect(errors == [])
    }
}
