import Testing
@testable import SwitchboardGraphQL

/// `PossibleFragmentSpreadsRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct PossibleFragmentSpreadsRuleTests {
    @Test func ofTheSameObject() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment objectWithinObject on Dog { ...dogFragment }
            fragment dogFragment on Dog { barkVolume }
            """#)
        #expect(errors == [])
    }

    @Test func ofTheSameObjectWithInlineFragment() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment objectWithinObjectAnon on Dog { ... on Dog { barkVolume } }
            """#)
        #expect(errors == [])
    }

    @Test func objectIntoAnImplementedInterface() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment objectWithinInterface on Pet { ...dogFragment }
            fragment dogFragment on Dog { barkVolume }
            """#)
        #expect(errors == [])
    }

    @Test func objectIntoContainingUnion() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment objectWithinUnion on CatOrDog { ...dogFragment }
            fragment dogFragment on Dog { barkVolume }
            """#)
        #expect(errors == [])
    }

    @Test func unionIntoOverlappingInterface() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment unionWithinInterface on Pet { ...catOrDogFragment }
            fragment catOrDogFragment on CatOrDog { __typename }
            """#)
        #expect(errors == [])
    }

    @Test func interfaceIntoImplementedObject() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment interfaceWithinObject on Dog { ...petFragment }
            fragment petFragment on Pet { name }
            """#)
        #expect(errors == [])
    }

    @Test func ignoresIncorrectType() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment petFragment on Pet { ...badInADifferentWay }
            fragment badInADifferentWay on String { name }
            """#)
        #expect(errors == [])
    }

    @Test func ignoresUnknownFragments() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment petFragment on Pet { ...UnknownFragment }
            """#)
        #expect(errors == [])
    }

    @Test func differentObjectIntoObject() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment invalidObjectWithinObject on Cat { ...dogFragment }
            fragment dogFragment on Dog { barkVolume }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'dogFragment' cannot be spread here as objects of type 'Cat' can never be of type 'Dog'.", [(1, 45)]),
        ])
    }

    @Test func differentObjectIntoObjectInInlineFragment() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment invalidObjectWithinObjectAnon on Cat { ... on Dog { barkVolume } }
            """#)
        #expect(errors == [
            ExpectedError("Fragment cannot be spread here as objects of type 'Cat' can never be of type 'Dog'.", [(1, 49)]),
        ])
    }

    @Test func objectIntoNotImplementingInterface() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment invalidObjectWithinInterface on Pet { ...humanFragment }
            fragment humanFragment on Human { pets { name } }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'humanFragment' cannot be spread here as objects of type 'Pet' can never be of type 'Human'.", [(1, 48)]),
        ])
    }

    @Test func objectIntoNotContainingUnion() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment invalidObjectWithinUnion on CatOrDog { ...humanFragment }
            fragment humanFragment on Human { pets { name } }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'humanFragment' cannot be spread here as objects of type 'CatOrDog' can never be of type 'Human'.", [(1, 49)]),
        ])
    }

    @Test func unionIntoNotContainedObject() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment invalidUnionWithinObject on Human { ...catOrDogFragment }
            fragment catOrDogFragment on CatOrDog { __typename }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'catOrDogFragment' cannot be spread here as objects of type 'Human' can never be of type 'CatOrDog'.", [(1, 46)]),
        ])
    }

    @Test func interfaceIntoNonImplementingObject() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment invalidInterfaceWithinObject on Cat { ...intelligentFragment }
            fragment intelligentFragment on Canine { name }
            """#)
        #expect(errors == [
            ExpectedError("Fragment 'intelligentFragment' cannot be spread here as objects of type 'Cat' can never be of type 'Canine'.", [(1, 48)]),
        ])
    }

    @Test func interfaceIntoOverlappingInterfaces() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment f on Mammal { ... on Canine { name } ... on Pet { name } }
            """#)
        #expect(errors == [])
    }

    @Test func interfaceIntoNonImplementingObjectInline() throws {
        let errors = try validationErrors([PossibleFragmentSpreadsRule.self], #"""
            fragment f on Cat { ... on Canine { name } }
            """#)
        #expect(errors == [
            ExpectedError("Fragment cannot be spread here as objects of type 'Cat' can never be of type 'Canine'.", [(1, 21)]),
        ])
    }
}
