import Testing
@testable import SwitchboardGraphQL

/// `validate` as a whole: all rules in one walk, error order, the error limit and the work budgets.
/// Expected errors from graphql-core 3.3.2.
@Suite struct ValidateTests {
    @Test func errorsOfAllRulesComeInWalkOrder() throws {
        let errors = try validationErrors(specifiedRules, """
            query Q($x: Dog) @skip(if: true) {
              unknown
              dog(arg: 1) { name(surname: "yes") barks { x } ...Missing }
            }
            query Q { dog { nickname } }
            fragment Unused on Dog { ...Unused }
            """)
        #expect(errors == [
            ExpectedError("Variable '$x' is never used in operation 'Q'.", [(1, 9)]),
            ExpectedError("Variable '$x' cannot be non-input type 'Dog'.", [(1, 13)]),
            ExpectedError("Directive '@skip' may not be used on query.", [(1, 18)]),
            ExpectedError("Cannot query field 'unknown' on type 'QueryRoot'.", [(2, 3)]),
            ExpectedError("Unknown argument 'arg' on field 'QueryRoot.dog'.", [(3, 7)]),
            ExpectedError("Boolean cannot represent a non boolean value: \"yes\"", [(3, 31)]),
            ExpectedError("Field 'barks' must not have a selection since type 'Boolean' has no subfields.", [(3, 44)]),
            ExpectedError("Unknown fragment 'Missing'.", [(3, 53)]),
            ExpectedError("There can be only one operation named 'Q'.", [(1, 7), (5, 7)]),
            ExpectedError("Cannot spread fragment 'Unused' within itself.", [(6, 26)]),
            ExpectedError("Fragment 'Unused' is never used.", [(6, 1)]),
        ])
    }

    @Test func stopsAfterMaxErrors() throws {
        let errors = try validationErrors(specifiedRules, "{ f0 f1 f2 f3 f4 }", maxErrors: 3)
        #expect(errors == [
            ExpectedError("Cannot query field 'f0' on type 'QueryRoot'.", [(1, 3)]),
            ExpectedError("Cannot query field 'f1' on type 'QueryRoot'.", [(1, 6)]),
            ExpectedError("Cannot query field 'f2' on type 'QueryRoot'.", [(1, 9)]),
            ExpectedError("Too many validation errors, error limit reached. Validation aborted.", []),
        ])
        #expect(try validationErrors(specifiedRules, "{ f0 f1 f2 }", maxErrors: 3).count == 3)
    }

    @Test func abortsOnFragmentsNestedTooDeeply() throws {
        let chain = (0..<90).map { "fragment F\($0) on Dog { mother { mother { ...F\($0 + 1) } } }" }.joined(separator: "\n")
        let errors = try validationErrors(specifiedRules, "{ dog { ...F0 } }\n" + chain + "\nfragment F90 on Dog { name }")
        #expect(errors == [ExpectedError("Validation aborted.", [])])
        let shallow = (0..<20).map { "fragment F\($0) on Dog { mother { mother { ...F\($0 + 1) } } }" }.joined(separator: "\n")
        #expect(try validationErrors(specifiedRules, "{ dog { ...F0 } }\n" + shallow + "\nfragment F20 on Dog { name }") == [])
    }

    @Test func abortsWhenFragmentWorkIsSpent() throws {
        let n = 250
        let document = (0..<n).map { "query Q\($0) { dog { ...F\($0) } }" }.joined(separator: "\n") + "\n"
            + (0..<n).map { "fragment F\($0) on Dog { name ...F\($0 + 1) }" }.joined(separator: "\n") + "\nfragment F\(n) on Dog { name }"
        #expect(try validationErrors(specifiedRules, document) == [ExpectedError("Validation aborted.", [])])
    }

    @Test func abortsWhenTheComparisonBudgetIsSpent() throws {
        let document = "{ dog { " + Array(repeating: "x: name", count: 800).joined(separator: " ") + " } }"
        #expect(try validationErrors(specifiedRules, document) == [ExpectedError("Validation aborted.", [])])
        let fewer = "{ dog { " + Array(repeating: "x: name", count: 100).joined(separator: " ") + " } }"
        #expect(try validationErrors(specifiedRules, fewer) == [])
    }

    @Test func specifiedRulesAreGraphQLCoresList() {
        #expect(specifiedRules.map { "\($0)" } == [
            "ExecutableDefinitionsRule", "KnownOperationTypesRule", "UniqueOperationNamesRule", "LoneAnonymousOperationRule",
            "SingleFieldSubscriptionsRule", "KnownTypeNamesRule", "FragmentsOnCompositeTypesRule", "VariablesAreInputTypesRule",
            "ScalarLeafsRule", "FieldsOnCorrectTypeRule", "UniqueFragmentNamesRule", "KnownFragmentNamesRule", "NoUnusedFragmentsRule",
            "PossibleFragmentSpreadsRule", "NoFragmentCyclesRule", "UniqueVariableNamesRule", "NoUndefinedVariablesRule",
            "NoUnusedVariablesRule", "KnownDirectivesRule", "UniqueDirectivesPerLocationRule", "DeferStreamDirectiveOnRootFieldRule",
            "DeferStreamDirectiveOnValidOperationsRule", "DeferStreamDirectiveLabelRule", "StreamDirectiveOnListFieldRule",
            "KnownArgumentNamesRule", "UniqueArgumentNamesRule", "ValuesOfCorrectTypeRule", "ProvidedRequiredArgumentsRule",
            "VariablesInAllowedPositionRule", "OverlappingFieldsCanBeMergedRule", "UniqueInputFieldNamesRule", "MaxIntrospectionDepthRule",
        ])
        #expect(specifiedSDLRules.map { "\($0)" } == [
            "LoneSchemaDefinitionRule", "UniqueOperationTypesRule", "UniqueTypeNamesRule", "UniqueEnumValueNamesRule",
            "UniqueFieldDefinitionNamesRule", "UniqueArgumentDefinitionNamesRule", "UniqueDirectiveNamesRule", "KnownTypeNamesRule",
            "KnownDirectivesRule", "UniqueDirectivesPerLocationRule", "PossibleTypeExtensionsRule", "KnownArgumentNamesOnDirectivesRule",
            "UniqueArgumentNamesRule", "UniqueInputFieldNamesRule", "ProvidedRequiredArgumentsOnDirectivesRule",
        ])
    }

    @Test func validateSDLRunsTheSDLRules() throws {
        let errors = try sdlValidationErrors(specifiedSDLRules, """
            schema { query: Q }
            schema { query: Q }
            type Q { a(x: Int, x: Int): Strin @deprecated(reason: 1, why: 2) @deprecated }
            type Q
            enum E { A A }
            extend type Nope @dummy
            directive @d(a: Int!) on FIELD
            directive @d on FIELD
            input I { f: [Int] = [{ a: 1, a: 2 }] @d }
            """)
        #expect(errors == [
            ExpectedError("Must provide only one schema definition.", [(2, 1)]),
            ExpectedError("There can be only one query type in schema.", [(1, 10), (2, 10)]),
            ExpectedError("Argument 'Q.a(x:)' can only be defined once.", [(3, 12), (3, 20)]),
            ExpectedError("The directive '@deprecated' can only be used once at this location.", [(3, 35), (3, 66)]),
            ExpectedError("Unknown type 'Strin'. Did you mean 'String'?", [(3, 29)]),
            ExpectedError("Unknown argument 'why' on directive '@deprecated'.", [(3, 58)]),
            ExpectedError("There can be only one type named 'Q'.", [(3, 6), (4, 6)]),
            ExpectedError("Enum value 'E.A' can only be defined once.", [(5, 10), (5, 12)]),
            ExpectedError("Cannot extend type 'Nope' because it is not defined.", [(6, 13)]),
            ExpectedError("Unknown directive '@dummy'.", [(6, 18)]),
            ExpectedError("There can be only one directive named '@d'.", [(7, 12), (8, 12)]),
            ExpectedError("There can be only one input field named 'a'.", [(9, 25), (9, 31)]),
            ExpectedError("Directive '@d' may not be used on input field definition.", [(9, 39)]),
        ])
        #expect(validateSDL(try parse("type Query { a: String }")).isEmpty)
    }
}
