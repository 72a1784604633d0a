import Testing
@testable import SwitchboardGraphQL

/// `UniqueDirectivesPerLocationRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct UniqueDirectivesPerLocationRuleTests {
    @Test func noDirectives() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type { field }
            """#)
        #expect(errors == [])
    }

    @Test func uniqueDirectivesInDifferentLocations() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type @include(if: true) { field @skip(if: true) }
            """#)
        #expect(errors == [])
    }

    @Test func sameDirectivesInDifferentLocations() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type @onField { field @onField }
            """#)
        #expect(errors == [])
    }

    @Test func sameDirectivesInSimilarLocations() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type { field @onField field @onField }
            """#)
        #expect(errors == [])
    }

    @Test func repeatableDirectivesInSameLocation() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type @repeatableOnField @repeatableOnField { field @repeatableOnField @repeatableOnField }
            """#)
        #expect(errors == [])
    }

    @Test func unknownDirectivesMustBeIgnored() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type @unknown @unknown { field @unknown @unknown }
            """#)
        #expect(errors == [])
    }

    @Test func duplicateDirectivesInOneLocation() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type { field @onField @onField }
            """#)
        #expect(errors == [
            ExpectedError("The directive '@onField' can only be used once at this location.", [(1, 31), (1, 40)]),
        ])
    }

    @Test func manyDuplicateDirectivesInOneLocation() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type { field @onField @onField @onField }
            """#)
        #expect(errors == [
            ExpectedError("The directive '@onField' can only be used once at this location.", [(1, 31), (1, 40)]),
            ExpectedError("The directive '@onField' can only be used once at this location.", [(1, 31), (1, 49)]),
        ])
    }

    @Test func differentDuplicateDirectivesInOneLocation() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type { field @include(if: true) @skip(if: true) @include(if: false) @skip(if: false) }
            """#)
        #expect(errors == [
            ExpectedError("The directive '@include' can only be used once at this location.", [(1, 31), (1, 66)]),
            ExpectedError("The directive '@skip' can only be used once at this location.", [(1, 50), (1, 86)]),
        ])
    }

    @Test func duplicateDirectivesInManyLocations() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            fragment Test on Type @onField @onField { field @onField @onField }
            """#)
        #expect(errors == [
            ExpectedError("The directive '@onField' can only be used once at this location.", [(1, 23), (1, 32)]),
            ExpectedError("The directive '@onField' can only be used once at this location.", [(1, 49), (1, 58)]),
        ])
    }

    @Test func duplicateDirectivesOnSdlDefinitions() throws {
        let errors = try validationErrors([UniqueDirectivesPerLocationRule.self], #"""
            schema @deprecated @deprecated { query: Query }
            extend schema @deprecated
            scalar TestScalar @specifiedBy(url: "x") @specifiedBy(url: "y")
            type TestObject @deprecated @deprecated
            extend type TestObject @deprecated
            interface TestInterface @deprecated @deprecated
            union TestUnion @deprecated @deprecated
            input TestInput @oneOf @oneOf
            """#)
        #expect(errors == [
            ExpectedError("The directive '@deprecated' can only be used once at this location.", [(1, 8), (1, 20)]),
            ExpectedError("The directive '@deprecated' can only be used once at this location.", [(1, 8), (2, 15)]),
            ExpectedError("The directive '@specifiedBy' can only be used once at this location.", [(3, 19), (3, 42)]),
            ExpectedError("The directive '@deprecated' can only be used once at this location.", [(4, 17), (4, 29)]),
            ExpectedError("The directive '@deprecated' can only be used once at this location.", [(4, 17), (5, 24)]),
            ExpectedError("The directive '@deprecated' can only be used once at this location.", [(6, 25), (6, 37)]),
            ExpectedError("The directive '@deprecated' can only be used once at this location.", [(7, 17), (7, 29)]),
            ExpectedError("The directive '@oneOf' can only be used once at this location.", [(8, 17), (8, 24)]),
        ])
    }
}
