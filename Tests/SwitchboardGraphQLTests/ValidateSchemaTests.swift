import Testing
@testable import SwitchboardGraphQL

// Expected messages and locations were computed with graphql-core 3.3.2: `validate_schema(build_ast_schema(
// parse(sdl), assume_valid_sdl=True))`, each error written as "message @ line:column, …".

@Suite struct ValidateSchemaTests {
    private func expectErrors(_ sdl: String, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let schema = try buildSchema(sdl, options: .init(assumeValidSDL: true))
        let errors = validateSchema(schema).map { error in
            "\(error.message) @ " + error.locations.map(\.description).joined(separator: ", ")
        }
        #expect(errors == expected, sourceLocation: sourceLocation)
    }

    @Test func queryRootMustBeProvided() throws {
        try expectErrors(
            "type Foo { a: Int }",
            [
                "Query root type must be provided. @ ",
            ])
    }

    @Test func rootTypesMustBeObjects() throws {
        try expectErrors(
            "schema { query: In mutation: E subscription: U } input In { a: Int } enum E { A } union U = O type O { a: Int }",
            [
                "Query root type must be Object type, it cannot be In. @ 1:17",
                "Mutation root type must be Object type if provided, it cannot be E. @ 1:30",
                "Subscription root type must be Object type if provided, it cannot be U. @ 1:46",
            ])
    }

    @Test func conventionalRootOfWrongKind() throws {
        try expectErrors(
            "input Query { a: Int } scalar Mutation",
            [
                "Query root type must be Object type, it cannot be Query. @ 1:1",
                "Mutation root type must be Object type if provided, it cannot be Mutation. @ 1:24",
            ])
    }

    @Test func rootTypesMustBeDifferent() throws {
        try expectErrors(
            "schema { query: Query mutation: Query } extend schema { subscription: Query } type Query { a: Int }",
            [
                "All root types must be different, 'Query' type is used as query, mutation, and subscription root types. @ 1:17, 1:33, 1:71",
            ])
    }

    @Test func reservedNames() throws {
        try expectErrors(
            "directive @__d(__a: Int) on FIELD type Query { __f(__a: Int): Int e: __E i(x: __I): Int } enum __E { __V } input __I { __f: Int }",
            [
                "Name '__d' must not begin with '__', which is reserved by GraphQL introspection. @ 1:1",
                "Name '__a' must not begin with '__', which is reserved by GraphQL introspection. @ 1:16",
                "Name '__f' must not begin with '__', which is reserved by GraphQL introspection. @ 1:48",
                "Name '__a' must not begin with '__', which is reserved by GraphQL introspection. @ 1:52",
                "Name '__E' must not begin with '__', which is reserved by GraphQL introspection. @ 1:91",
                "Name '__V' must not begin with '__', which is reserved by GraphQL introspection. @ 1:102",
                "Name '__I' must not begin with '__', which is reserved by GraphQL introspection. @ 1:108",
                "Name '__f' must not begin with '__', which is reserved by GraphQL introspection. @ 1:120",
            ])
    }

    @Test func objectsMustHaveFields() throws {
        try expectErrors(
            "directive @t on OBJECT type Query { a: Empty } type Empty extend type Empty @t",
            [
                "Type Empty must define one or more fields. @ 1:48, 1:59",
            ])
    }

    @Test func interfacesMustHaveFields() throws {
        try expectErrors(
            "type Query { a: I } interface I",
            [
                "Type I must define one or more fields. @ 1:21",
            ])
    }

    @Test func fieldTypesMustBeOutputTypes() throws {
        try expectErrors(
            "type Query { a: In b: [In!] } input In { x: Int }",
            [
                "The type of Query.a must be Output Type but got: In. @ 1:17",
                "The type of Query.b must be Output Type but got: [In!]. @ 1:23",
            ])
    }

    @Test func argumentTypesMustBeInputTypes() throws {
        try expectErrors(
            "type Query { a(x: Query, y: [U!]!): Int } union U = Query",
            [
                "The type of Query.a(x:) must be Input Type but got: Query. @ 1:19",
                "The type of Query.a(y:) must be Input Type but got: [U!]!. @ 1:29",
            ])
    }

    @Test func directiveArgumentTypesMustBeInputTypes() throws {
        try expectErrors(
            "directive @d(x: Query) on FIELD type Query { a: Int }",
            [
                "The type of @d(x:) must be Input Type but got: Query. @ 1:14",
            ])
    }

    @Test func inputFieldTypesMustBeInputTypes() throws {
        try expectErrors(
            "type Query { a(x: In): Int } input In { o: Query, ok: Int }",
            [
                "The type of In.o must be Input Type but got: Query. @ 1:44",
            ])
    }

    @Test func interfaceFieldMustBeProvided() throws {
        try expectErrors(
            "interface I { a: Int b: Int } type Query implements I { a: Int } extend type Query { c: Int }",
            [
                "Interface field I.b expected but Query does not provide it. @ 1:22, 1:31, 1:66",
            ])
    }

    @Test func interfaceFieldTypesAreCovariant() throws {
        try expectErrors(
            "interface I { a: I b: [Int] c: Int! } type Query implements I { a: Query b: Int c: Int }",
            [
                "Interface field I.b expects type [Int] but Query.b is type Int. @ 1:23, 1:77",
                "Interface field I.c expects type Int! but Query.c is type Int. @ 1:32, 1:84",
            ])
    }

    @Test func interfaceArgumentsMustBeProvided() throws {
        try expectErrors(
            "interface I { f(a: Int, b: String): Int } type Query implements I { f(a: Int): Int }",
            [
                "Interface field argument I.f(b:) expected but Query.f does not provide it. @ 1:25, 1:69",
            ])
    }

    @Test func interfaceArgumentTypesAreInvariant() throws {
        try expectErrors(
            "interface I { f(a: Int, b: [Int]): Int } type Query implements I { f(a: Int!, b: [Int!]): Int }",
            [
                "Interface field argument I.f(a:) expects type Int but Query.f(a:) is type Int!. @ 1:20, 1:73",
                "Interface field argument I.f(b:) expects type [Int] but Query.f(b:) is type [Int!]. @ 1:28, 1:82",
            ])
    }

    @Test func extraArgumentsMustNotBeRequired() throws {
        try expectErrors(
            "interface I { f(a: Int): Int } type Query implements I { f(a: Int, b: Int!, c: Int! = 1, d: Int): Int }",
            [
                "Argument 'Query.f(b:)' must not be required type 'Int!' if not provided by the Interface field 'I.f'. @ 1:68, 1:15",
            ])
    }

    @Test func implementationFieldsMustNotBeDeprecatedAlone() throws {
        try expectErrors(
            "interface I { a: Int b: Int @deprecated } type Query implements I { a: Int @deprecated(reason: \"x\") b: Int @deprecated }",
            [
                "Interface field I.a is not deprecated, so implementation field Query.a must not be deprecated. @ 1:76, 1:72",
            ])
    }

    @Test func transitiveInterfacesMustBeImplemented() throws {
        try expectErrors(
            "interface A { a: Int } interface B implements A { a: Int } type Query implements B { a: Int }",
            [
                "Type Query must implement A because it is implemented by B. @ 1:47, 1:82",
            ])
    }

    @Test func interfacesCannotImplementThemselves() throws {
        try expectErrors(
            "interface I implements I { a: Int } interface J implements K { a: Int } interface K implements J { a: Int } type Query { i: I j: J }",
            [
                "Type I cannot implement itself because it would create a circular reference. @ 1:24",
                "Type J cannot implement K because it would create a circular reference. @ 1:96, 1:60",
                "Type K cannot implement J because it would create a circular reference. @ 1:60, 1:96",
            ])
    }

    @Test func onlyInterfacesCanBeImplemented() throws {
        try expectErrors(
            "type Query implements Other & S { a: Int } type Other { a: Int } scalar S",
            [
                "Type Query must only implement Interface types, it cannot implement Other. @ 1:23",
                "Type Query must only implement Interface types, it cannot implement S. @ 1:31",
            ])
    }

    @Test func interfacesCanBeImplementedOnce() throws {
        try expectErrors(
            "interface I { a: Int } type Query implements I & I { a: Int } extend type Query implements I",
            [
                "Type Query can only implement I once. @ 1:46, 1:50, 1:92",
                "Type Query can only implement I once. @ 1:46, 1:50, 1:92",
            ])
    }

    @Test func unionsMustHaveMembers() throws {
        try expectErrors(
            "directive @t on UNION type Query { u: U } union U extend union U @t",
            [
                "Union type U must define one or more member types. @ 1:43, 1:51",
            ])
    }

    @Test func unionMembersMustBeObjectsOnce() throws {
        try expectErrors(
            "type Query { u: U } union U = Query | I | Query | S extend union U = In type O { a: Int } interface I { a: Int } scalar S input In { a: Int }",
            [
                "Union type U can only include Object types, it cannot include I. @ 1:39",
                "Union type U can only include type Query once. @ 1:31, 1:43",
                "Union type U can only include Object types, it cannot include S. @ 1:51",
                "Union type U can only include Object types, it cannot include In. @ 1:70",
            ])
    }

    @Test func enumsMustHaveValues() throws {
        try expectErrors(
            "type Query { e: E } enum E",
            [
                "Enum type E must define one or more values. @ 1:21",
            ])
    }

    @Test func inputObjectsMustHaveFields() throws {
        try expectErrors(
            "type Query { a(i: In): Int } input In",
            [
                "Input Object type In must define one or more fields. @ 1:30",
            ])
    }

    @Test func oneOfFieldsMustBeNullableWithoutDefault() throws {
        try expectErrors(
            "type Query { a(i: In): Int } input In @oneOf { a: Int! b: Int = 1 c: String }",
            [
                "OneOf input field In.a must be nullable. @ 1:51",
                "OneOf input field In.b cannot have a default value. @ 1:56",
            ])
    }

    @Test func requiredArgumentsCannotBeDeprecated() throws {
        try expectErrors(
            "directive @d(a: Int! @deprecated) on FIELD type Query { f(a: Int! @deprecated, b: Int! = 1 @deprecated, c: Int @deprecated): Int }",
            [
                "Required argument @d(a:) cannot be deprecated. @ 1:22, 1:17",
                "Required argument Query.f(a:) cannot be deprecated. @ 1:67, 1:62",
            ])
    }

    @Test func requiredInputFieldsCannotBeDeprecated() throws {
        try expectErrors(
            "type Query { a(i: In): Int } input In { a: Int! @deprecated(reason: \"r\") b: Int! = 1 @deprecated c: Int @deprecated }",
            [
                "Required input field In.a cannot be deprecated. @ 1:49, 1:44",
            ])
    }

    @Test func inputObjectsNeedFiniteValues() throws {
        try expectErrors(
            "type Query { a(i: A, s: S, o: O1): Int } input A { b: B! } input B { a: A! c: A } input S { s: S! } input O1 @oneOf { o: O2 } input O2 @oneOf { o: O1 }",
            [
                "Input Object A cannot be provided a finite value because it references itself through fields: A.b, B.a. @ 1:52, 1:70",
                "Input Object S cannot be provided a finite value because it references itself through fields: S.s. @ 1:93",
                "Input Object O1 cannot be provided a finite value because it references itself through fields: O1.o, O2.o. @ 1:119, 1:145",
            ])
    }

    @Test func breakableCyclesAreFine() throws {
        try expectErrors(
            "type Query { a(i: A, o: O): Int } input A { b: A list: [A!]! } input O @oneOf { o: O x: Int }",
            [
            ])
    }

    @Test func defaultValuesCannotReferToThemselves() throws {
        try expectErrors(
            "type Query { a(i: A): Int } input A { b: B = {} x: Int } input B { a: A = {x: 1} } input D { d: D = {d: {}} } input L { l: [L] = [{}] }",
            [
                "Invalid circular reference. The default value of Input Object field A.b references itself via the default values of: B.a. @ 1:46, 1:75",
                "Invalid circular reference. The default value of Input Object field D.d references itself. @ 1:101",
                "Invalid circular reference. The default value of Input Object field L.l references itself. @ 1:130",
            ])
    }

    @Test func defaultValuesMustHaveTheirTypes() throws {
        try expectErrors(
            "enum Color { RED GREEN } input P { x: Int! y: Int } directive @d(a: Int = \"1\") on FIELD type Query { f(a: Int = 1.5, b: [Int] = [1, \"2\"], c: Color = RD, d: Color = \"RED\", e: P = {y: 1}, f: P = {x: 1, z: 2}, g: P = 3, h: Int! = null, i: String = 1, j: ID = 1.5, k: Boolean = 1, l: Float = \"x\"): Int }",
            [
                "@d(a:) has invalid default value: Int cannot represent non-integer value: \"1\" @ 1:75",
                "Query.f(a:) has invalid default value: Int cannot represent non-integer value: 1.5 @ 1:113",
                "Query.f(b:) has invalid default value at [1]: Int cannot represent non-integer value: \"2\" @ 1:133",
                "Query.f(c:) has invalid default value: Value 'RD' does not exist in 'Color' enum. Did you mean the enum value 'RED'? @ 1:150",
                "Query.f(d:) has invalid default value: Enum 'Color' cannot represent non-enum value: \"RED\". Did you mean the enum value 'RED' or 'GREEN'? @ 1:165",
                "Query.f(e:) has invalid default value: Expected value of type 'P' to include required field 'x', found: { y: 1 }. @ 1:179",
                "Query.f(f:) has invalid default value: Expected value of type 'P' not to include unknown field 'z'. Did you mean 'x' or 'y'? Found: { x: 1, z: 2 }. @ 1:201",
                "Query.f(g:) has invalid default value: Expected value of type 'P' to be an object, found: 3. @ 1:215",
                "Query.f(h:) has invalid default value: Expected value of non-null type 'Int!' not to be None. @ 1:228",
                "Query.f(i:) has invalid default value: String cannot represent a non string value: 1 @ 1:246",
                "Query.f(j:) has invalid default value: ID cannot represent a non-string and non-integer value: 1.5 @ 1:257",
                "Query.f(k:) has invalid default value: Boolean cannot represent a non boolean value: 1 @ 1:275",
                "Query.f(l:) has invalid default value: Float cannot represent non numeric value: \"x\" @ 1:289",
            ])
    }

    @Test func oneOfDefaultValues() throws {
        try expectErrors(
            "input C @oneOf { a: Int b: Int } type Query { f(a: C = {a: 1, b: 2}, b: C = {}, c: C = {a: null}, d: C = {a: 1}): Int }",
            [
                "Query.f(a:) has invalid default value: Within OneOf Input Object type 'C', exactly one field must be specified, and the value for that field must be non-null. @ 1:56",
                "Query.f(b:) has invalid default value: Within OneOf Input Object type 'C', exactly one field must be specified, and the value for that field must be non-null. @ 1:77",
                "Query.f(c:) has invalid default value at .a: Within OneOf Input Object type 'C', exactly one field must be specified, and the value for that field must be non-null. @ 1:88",
            ])
    }

    @Test func inputFieldDefaultValues() throws {
        try expectErrors(
            "input In { p: P = {x: \"no\"} } input P { x: Int } type Query { f(i: In): Int }",
            [
                "In.p has invalid default value at .x: Int cannot represent non-integer value: \"no\" @ 1:23",
            ])
    }

    @Test func validSchemaHasNoErrors() throws {
        try expectErrors(
            "interface Node { id: ID! } type Query implements Node { id: ID! node(id: ID!): Node } input In @oneOf { a: Int b: String } enum E { A B } union U = Query scalar S @specifiedBy(url: \"x\") directive @d(x: In) repeatable on FIELD",
            [
            ])
    }


    // MARK: - Schemas built in code

    @Test func directivesNeedLocations() throws {
        let query = GraphQLObjectType(name: "Query", fields: ["a": GraphQLField(name: "a", type: .named(GraphQLInt))])
        let directive = GraphQLDirective(name: "nowhere", locations: [])
        let schema = try GraphQLSchema(query: query, directives: specifiedDirectives + [directive])
        #expect(validateSchema(schema).map(\.message) == ["Directive @nowhere must include 1 or more locations."])
    }

    @Test func codeBuiltSchemaWithoutQueryRoot() throws {
        let mutation = GraphQLObjectType(name: "Mutation", fields: ["a": GraphQLField(name: "a", type: .named(GraphQLInt))])
        // A non-object type of the conventional name is not taken for the root of a schema built in code.
        let input = GraphQLInputObjectType(name: "Query", fields: ["a": GraphQLInputField(name: "a", type: .named(GraphQLInt))])
        let schema = try GraphQLSchema(query: nil, mutation: mutation, types: [input])
        #expect(validateSchema(schema).map(\.message) == ["Query root type must be provided."])
    }

    @Test func resultIsKeptOnTheSchema() throws {
        let schema = try buildSchema("type Query { a: Int } type __Bad { a: Int }")
        let first = validateSchema(schema)
        #expect(first.count == 1)
        // A change after validation is not seen: the first result is kept, as graphql-js keeps it.
        (schema.queryType!).fields = [:]
        #expect(validateSchema(schema).map(\.message) == first.map(\.message))
        #expect(throws: GraphQLSchemaError.self) { try assertValidSchema(schema) }
    }

    @Test func assumeValidSkipsValidation() throws {
        let schema = try buildSchema("type Foo { __a: Int }", options: .init(assumeValid: true))
        #expect(validateSchema(schema).isEmpty)
        try assertValidSchema(schema)
    }

    @Test func assertValidSchemaJoinsMessages() throws {
        let schema = try buildSchema("type Query { __a: Int, __b: Int }")
        do {
            try assertValidSchema(schema)
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.count == 2)
            #expect(error.description == """
                Name '__a' must not begin with '__', which is reserved by GraphQL introspection.

                Name '__b' must not begin with '__', which is reserved by GraphQL introspection.
                """)
        }
    }
}
