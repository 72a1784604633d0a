import Testing
@testable import SwitchboardGraphQL

/// `KnownDirectivesRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct KnownDirectivesRuleTests {
    @Test func noDirectives() throws {
        let errors = try validationErrors([KnownDirectivesRule.self], #"""
            query Foo { name ...Frag }
            fragment Frag on Dog { name }
            """#)
        #expect(errors == [])
    }

    @Test func standardDirectives() throws {
        let errors = try validationErrors([KnownDirectivesRule.self], #"""
            { human @skip(if: false) { name pets { ... on Dog @include(if: true) { name } } } }
            """#)
        #expect(errors == [])
    }

    @Test func unknownDirective() throws {
        let errors = try validationErrors([KnownDirectivesRule.self], #"""
            { human @unknown(directive: "value") { name } }
            """#)
        #expect(errors == [
            ExpectedError("Unknown directive '@unknown'.", [(1, 9)]),
        ])
    }

    @Test func manyUnknownDirectives() throws {
        let errors = try validationErrors([KnownDirectivesRule.self], #"""
            { __typename @unknown human @unknown { name pets @unknown { name } } }
            """#)
        #expect(errors == [
            ExpectedError("Unknown directive '@unknown'.", [(1, 14)]),
            ExpectedError("Unknown directive '@unknown'.", [(1, 29)]),
            ExpectedError("Unknown directive '@unknown'.", [(1, 50)]),
        ])
    }

    @Test func wellPlacedDirectives() throws {
        let errors = try validationErrors([KnownDirectivesRule.self], #"""
            query ($var: Boolean @onVariableDefinition) @onQuery { human @onField { ...Frag @onFragmentSpread ... @onInlineFragment { name @onField } } }
            mutation @onMutation { someField @onField }
            subscription @onSubscription { someField @onField }
            fragment Frag on Human @onFragmentDefinition { name @onField }
            """#)
        #expect(errors == [
            ExpectedError("Unknown directive '@onVariableDefinition'.", [(1, 22)]),
            ExpectedError("Unknown directive '@onQuery'.", [(1, 45)]),
            ExpectedError("Unknown directive '@onFragmentSpread'.", [(1, 81)]),
            ExpectedError("Unknown directive '@onInlineFragment'.", [(1, 103)]),
            ExpectedError("Unknown directive '@onMutation'.", [(2, 10)]),
            ExpectedError("Unknown directive '@onSubscription'.", [(3, 14)]),
            ExpectedError("Unknown directive '@onFragmentDefinition'.", [(4, 24)]),
        ])
    }

    @Test func misplacedDirectives() throws {
        let errors = try validationErrors([KnownDirectivesRule.self], #"""
            query ($var: Boolean @include(if: true)) @include(if: true) { human @deprecated { ...Frag @onField ... @skip(if: true) @onField { name } } }
            mutation @skip(if: true) { someField }
            fragment Frag on Human @include(if: true) { name }
            """#)
        #expect(errors == [
            ExpectedError("Directive '@include' may not be used on variable definition.", [(1, 22)]),
            ExpectedError("Directive '@include' may not be used on query.", [(1, 42)]),
            ExpectedError("Directive '@deprecated' may not be used on field.", [(1, 69)]),
            ExpectedError("Directive '@onField' may not be used on fragment spread.", [(1, 91)]),
            ExpectedError("Directive '@onField' may not be used on inline fragment.", [(1, 120)]),
            ExpectedError("Directive '@skip' may not be used on mutation.", [(2, 10)]),
            ExpectedError("Directive '@include' may not be used on fragment definition.", [(3, 24)]),
        ])
    }

    @Test func withinSdl() throws {
        let errors = try validationErrors([KnownDirectivesRule.self], #"""
            type MyObj implements MyInterface @onField { myField(myArg: Int @deprecated @onField): String @deprecated @specifiedBy(url: "") }
            extend type MyObj @deprecated
            scalar MyScalar @specifiedBy(url: "") @onField
            interface MyInterface @deprecated { f: String }
            union MyUnion @onField = MyObj
            enum MyEnum @deprecated { MY_VALUE @deprecated @oneOf }
            input MyInput @oneOf { myField: Int @deprecated @specifiedBy(url: "") }
            schema @onField { query: MyQuery }
            extend schema @deprecated
            """#)
        #expect(errors == [
            ExpectedError("Directive '@onField' may not be used on object.", [(1, 35)]),
            ExpectedError("Directive '@onField' may not be used on argument definition.", [(1, 77)]),
            ExpectedError("Directive '@specifiedBy' may not be used on field definition.", [(1, 107)]),
            ExpectedError("Directive '@deprecated' may not be used on object.", [(2, 19)]),
            ExpectedError("Directive '@onField' may not be used on scalar.", [(3, 39)]),
            ExpectedError("Directive '@deprecated' may not be used on interface.", [(4, 23)]),
            ExpectedError("Directive '@onField' may not be used on union.", [(5, 15)]),
            ExpectedError("Directive '@deprecated' may not be used on enum.", [(6, 13)]),
            ExpectedError("Directive '@oneOf' may not be used on enum value.", [(6, 48)]),
            ExpectedError("Directive '@specifiedBy' may not be used on input field definition.", [(7, 49)]),
            ExpectedError("Directive '@onField' may not be used on schema.", [(8, 8)]),
            ExpectedError("Directive '@deprecated' may not be used on schema.", [(9, 15)]),
        ])
    }

    @Test func onDirectiveDefinitions() throws {
        let errors = try validationErrors([KnownDirectivesRule.self], #"""
            directive @d(a: Int @deprecated @specifiedBy(url: "x")) @deprecated @onField on FIELD
            extend directive @d @oneOf
            """#)
        #expect(errors == [
            ExpectedError("Directive '@specifiedBy' may not be used on argument definition.", [(1, 33)]),
            ExpectedError("Directive '@onField' may not be used on directive definition.", [(1, 69)]),
            ExpectedError("Directive '@oneOf' may not be used on directive definition.", [(2, 21)]),
        ])
    }
}
