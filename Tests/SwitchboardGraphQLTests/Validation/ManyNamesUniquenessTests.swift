import Testing
@testable import SwitchboardGraphQL

/// The uniqueness rules search few names in order and index many (`DefinedNames`, `RuleSupport.hasRepeatedName`):
/// these cases have enough names to take the indexed path, repeats in the definition and in an extension.
/// Expected errors from graphql-core 3.3.2.
@Suite struct ManyNamesUniquenessTests {
    @Test func repeatedFieldsAmongManyAcrossAnExtension() throws {
        let errors = try sdlValidationErrors([UniqueFieldDefinitionNamesRule.self], """
            type T { f0: String f1: String f2: String f3: String f4: String f5: String f6: String f7: String f8: String f9: String f3: String f0: String f3: String }
            extend type T { f5: String f11: String f11: String f12: String }
            """)
        #expect(errors == [
            ExpectedError("Field 'T.f3' can only be defined once.", [(1, 43), (1, 120)]),
            ExpectedError("Field 'T.f0' can only be defined once.", [(1, 10), (1, 131)]),
            ExpectedError("Field 'T.f3' can only be defined once.", [(1, 43), (1, 142)]),
            ExpectedError("Field 'T.f5' can only be defined once.", [(1, 65), (2, 17)]),
            ExpectedError("Field 'T.f11' can only be defined once.", [(2, 28), (2, 40)]),
        ])
    }

    @Test func repeatedEnumValuesAmongManyAcrossAnExtension() throws {
        let errors = try sdlValidationErrors([UniqueEnumValueNamesRule.self], """
            enum E { V0 V1 V2 V3 V4 V5 V6 V7 V8 V9 V3 }
            extend enum E { V9 V10 V10 }
            """)
        #expect(errors == [
            ExpectedError("Enum value 'E.V3' can only be defined once.", [(1, 19), (1, 40)]),
            ExpectedError("Enum value 'E.V9' can only be defined once.", [(1, 37), (2, 17)]),
            ExpectedError("Enum value 'E.V10' can only be defined once.", [(2, 20), (2, 24)]),
        ])
    }

    @Test func repeatedArgumentsAmongMany() throws {
        let errors = try sdlValidationErrors([UniqueArgumentDefinitionNamesRule.self], """
            type Q { f(a0: Int a1: Int a2: Int a3: Int a4: Int a5: Int a6: Int a7: Int a8: Int a9: Int a2: Int a9: Int): Int }
            """)
        #expect(errors == [
            ExpectedError("Argument 'Q.f(a2:)' can only be defined once.", [(1, 28), (1, 92)]),
            ExpectedError("Argument 'Q.f(a9:)' can only be defined once.", [(1, 84), (1, 100)]),
        ])
    }

    @Test func repeatedNameChecksAgreeWithGrouping() {
        for count in 0...20 {
            for repeated in [nil, 0, count / 2, count - 1] {
                var names = (0..<count).map { "n\($0)" }
                if let repeated, repeated >= 0, count > 0 { names.append(names[repeated]) }
                let expected = RuleSupport.groupByName(names, { $0 }).contains { $0.items.count > 1 }
                #expect(RuleSupport.hasRepeatedName(names, { $0 }) == expected, "\(names)")
            }
        }
    }
}
