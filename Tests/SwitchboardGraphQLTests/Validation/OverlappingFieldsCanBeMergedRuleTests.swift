import Testing
@testable import SwitchboardGraphQL

/// `OverlappingFieldsCanBeMergedRule`: cases modelled on graphql-js's tests, expected errors from graphql-core 3.3.2.
@Suite struct OverlappingFieldsCanBeMergedRuleTests {
    @Test func uniqueFields() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment uniqueFields on Dog { name nickname }
            """#)
        #expect(errors == [])
    }

    @Test func identicalFields() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment mergeIdenticalFields on Dog { name name }
            """#)
        #expect(errors == [])
    }

    @Test func identicalFieldsWithIdenticalArgs() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment mergeIdenticalFieldsWithIdenticalArgs on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) }
            """#)
        #expect(errors == [])
    }

    @Test func identicalFieldsWithIdenticalDirectives() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment mergeSameFieldsWithSameDirectives on Dog { name @include(if: true) name @include(if: true) }
            """#)
        #expect(errors == [])
    }

    @Test func differentArgsWithDifferentAliases() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment differentArgsWithDifferentAliases on Dog { knowsSit: doesKnowCommand(dogCommand: SIT) knowsDown: doesKnowCommand(dogCommand: DOWN) }
            """#)
        #expect(errors == [])
    }

    @Test func differentDirectivesWithDifferentAliases() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment differentDirectivesWithDifferentAliases on Dog { nameIfTrue: name @include(if: true) nameIfFalse: name @include(if: false) }
            """#)
        #expect(errors == [])
    }

    @Test func differentSkipIncludeDirectivesAccepted() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment differentDirectivesWithDifferentAliases on Dog { name @include(if: true) name @include(if: false) }
            """#)
        #expect(errors == [])
    }

    @Test func sameAliasesWithDifferentFieldTargets() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment sameAliasesWithDifferentFieldTargets on Dog { fido: name fido: nickname }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'fido' conflict because 'name' and 'nickname' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 56), (1, 67)]),
        ])
    }

    @Test func sameAliasesAllowedOnNonOverlappingFields() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment sameAliasesWithDifferentFieldTargets on Pet { ... on Dog { name } ... on Cat { name: nickname } }
            """#)
        #expect(errors == [])
    }

    @Test func aliasMaskingDirectFieldAccess() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment aliasMaskingDirectFieldAccess on Dog { name: nickname name }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'name' conflict because 'nickname' and 'name' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 49), (1, 64)]),
        ])
    }

    @Test func differentArgsSecondAddsAnArgument() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment conflictingArgs on Dog { doesKnowCommand doesKnowCommand(dogCommand: HEEL) }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'doesKnowCommand' conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(1, 35), (1, 51)]),
        ])
    }

    @Test func differentArgsSecondMissingAnArgument() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment conflictingArgs on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'doesKnowCommand' conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(1, 35), (1, 68)]),
        ])
    }

    @Test func conflictingArgValues() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment conflictingArgs on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'doesKnowCommand' conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(1, 35), (1, 68)]),
        ])
    }

    @Test func conflictingArgNames() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment conflictingArgs on Dog { isAtLocation(x: 0) isAtLocation(y: 0) }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'isAtLocation' conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(1, 35), (1, 54)]),
        ])
    }

    @Test func allowsDifferentArgsWhereNoConflictIsPossible() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            fragment conflictingArgs on Pet { ... on Dog { name(surname: true) } ... on Cat { name } }
            """#)
        #expect(errors == [])
    }

    @Test func encountersConflictInFragments() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { ...A ...B }
            fragment A on Type { x: a }
            fragment B on Type { x: b }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'x' conflict because 'a' and 'b' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(2, 22), (3, 22)]),
        ])
    }

    @Test func reportsEachConflictOnce() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { f1 { ...A ...B } f2 { ...B ...A } f3 { ...A ...B x: c } }
            fragment A on Type { x: a }
            fragment B on Type { x: b }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'x' conflict because 'a' and 'b' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(2, 22), (3, 22)]),
            ExpectedError("Fields 'x' conflict because 'c' and 'a' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 52), (2, 22)]),
            ExpectedError("Fields 'x' conflict because 'c' and 'b' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 52), (3, 22)]),
        ])
    }

    @Test func deepConflict() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { field { x: a } field { x: b } }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'field' conflict because subfields 'x' conflict because 'a' and 'b' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 3), (1, 11), (1, 18), (1, 26)]),
        ])
    }

    @Test func deepConflictWithMultipleIssues() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { field { x: a y: c } field { x: b y: d } }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'field' conflict because subfields 'x' conflict because 'a' and 'b' are different fields and subfields 'y' conflict because 'c' and 'd' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 3), (1, 11), (1, 16), (1, 23), (1, 31), (1, 36)]),
        ])
    }

    @Test func veryDeepConflict() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { field { deepField { x: a } } field { deepField { x: b } } }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'field' conflict because subfields 'deepField' conflict because subfields 'x' conflict because 'a' and 'b' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 3), (1, 11), (1, 23), (1, 32), (1, 40), (1, 52)]),
        ])
    }

    @Test func reportsDeepConflictToNearestCommonAncestor() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { field { deepField { x: a } deepField { x: b } } field { deepField { y } } }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'deepField' conflict because subfields 'x' conflict because 'a' and 'b' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 11), (1, 23), (1, 30), (1, 42)]),
        ])
    }

    @Test func reportsDeepConflictInNestedFragments() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { field { ...F } field { ...I } }
            fragment F on T { x: a ...G }
            fragment G on T { y: c }
            fragment I on T { y: d ...J }
            fragment J on T { x: b }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'field' conflict because subfields 'x' conflict because 'a' and 'b' are different fields and subfields 'y' conflict because 'c' and 'd' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 3), (2, 19), (3, 19), (1, 18), (5, 19), (4, 19)]),
        ])
    }

    @Test func ignoresUnknownFragments() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { field ...Unknown ...Known }
            fragment Known on T { field ...OtherUnknown }
            """#)
        #expect(errors == [])
    }

    @Test func conflictingReturnTypesWhichPotentiallyOverlap() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { catOrDog { ... on Dog { scalar: barkVolume } ... on Cat { scalar: meows } } }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'scalar' conflict because they return conflicting types 'Int' and 'Boolean'. Use different aliases on the fields to fetch both if this was intentional.", [(1, 27), (1, 61)]),
        ])
    }

    @Test func disallowsDifferingReturnTypeNullability() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { human { relatives { name } } human { relatives: pets { name } } }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'human' conflict because subfields 'relatives' conflict because 'relatives' and 'pets' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 3), (1, 11), (1, 32), (1, 40)]),
        ])
    }

    @Test func sameWrappedScalarReturnTypes() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { pet { ... on Dog { name } ... on Cat { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func allowsNonConflictingOverlappingTypes() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { pet { ... on Dog { name: nickname } ... on Cat { name } } }
            """#)
        #expect(errors == [])
    }

    @Test func comparesDeepTypesIncludingList() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { human { relatives { name } } human { relatives { name: nickname } } }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'human' conflict because subfields 'relatives' conflict because subfields 'name' conflict because 'name' and 'nickname' are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(1, 3), (1, 11), (1, 23), (1, 32), (1, 40), (1, 52)]),
        ])
    }

    @Test func streamDirectivesConflict() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { human { relatives @stream { name } relatives { name } pets @stream(initialCount: 1) { name } pets @stream(initialCount: 1) { name } } }
            """#)
        #expect(errors == [
            ExpectedError("Fields 'relatives' conflict because they have overlapping stream directives. Use different aliases on the fields to fetch both if this was intentional.", [(1, 11), (1, 38)]),
            ExpectedError("Fields 'pets' conflict because they have overlapping stream directives. See https://github.com/graphql/defer-stream-wg/discussions/100. Use different aliases on the fields to fetch both if this was intentional.", [(1, 57), (1, 96)]),
        ])
    }

    @Test func differingArgumentLiteralKinds() throws {
        let errors = try validationErrors([OverlappingFieldsCanBeMergedRule.self], #"""
            { complicatedArgs { s: stringArgField(stringArg: "a") s: stringArgField(stringArg: """a""") f: floatArgField(floatArg: 1.0) f: floatArgField(floatArg: 1.00) c: complexArgField(complexArg: { requiredField: true, intField: 1 }) c: complexArgField(complexArg: { intField: 1, requiredField: true }) } }
            """#)
        #expect(errors == [
            ExpectedError("Fields 's' conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(1, 21), (1, 55)]),
            ExpectedError("Fields 'f' conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(1, 93), (1, 125)]),
        ])
    }
}
