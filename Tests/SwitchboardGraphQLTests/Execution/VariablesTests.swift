import Testing
@testable import SwitchboardGraphQL

/// Variables and argument coercion, after graphql-js `variables-test` (messages as graphql-js 17 words them).
@Suite struct VariablesTests {
    typealias T = ExecutionTestSupport

    /// `fieldWith…` fields echo their coerced argument as JSON, as the graphql-js test does.
    private func makeSchema() throws -> GraphQLSchema {
        let color = GraphQLEnumType(name: "Color", values: [
            GraphQLEnumValue(name: "RED", value: 1), GraphQLEnumValue(name: "GREEN", value: 2),
        ])
        let input = GraphQLInputObjectType(name: "TestInputObject")
        input.fields = [
            "a": GraphQLInputField(name: "a", type: stringType),
            "b": GraphQLInputField(name: "b", type: .list(stringType)),
            "c": GraphQLInputField(name: "c", type: .nonNull(stringType)),
            "d": GraphQLInputField(name: "d", type: stringType, defaultValueLiteral: .string(StringValueNode(loc: nil, value: "dflt"))),
        ]
        let oneOf = GraphQLInputObjectType(name: "OneOf", isOneOf: true)
        oneOf.fields = ["x": GraphQLInputField(name: "x", type: intType), "y": GraphQLInputField(name: "y", type: stringType)]
        let echo: FieldResolver = { _, args, _, _ in
            args["input"].map { GraphQLValue.string($0.jsonString) }
        }
        func echoField(_ name: String, _ type: GraphQLType, default literal: ValueNode? = nil) -> (String, GraphQLField) {
            field(name, stringType, args: [GraphQLArgument(name: "input", type: type, defaultValueLiteral: literal)], resolve: echo)
        }
        let query = GraphQLObjectType(name: "Query", fields: fieldMap([
            echoField("fieldWithObjectInput", .named(input)),
            echoField("fieldWithNullableStringInput", stringType),
            echoField("fieldWithNonNullableStringInput", .nonNull(stringType)),
            echoField("fieldWithDefaultArgumentValue", stringType, default: .string(StringValueNode(loc: nil, value: "Hello World"))),
            echoField("fieldWithList", .list(stringType)),
            echoField("fieldWithNonNullItems", .list(.nonNull(stringType))),
            echoField("fieldWithEnum", .named(color)),
            echoField("fieldWithOneOf", .named(oneOf)),
            echoField("fieldWithInt", intType),
        ]))
        return try GraphQLSchema(query: query)
    }

    private func run(_ query: String, _ variables: [String: GraphQLValue]? = nil) async throws -> (GraphQLValue?, [String]) {
        let result = try await T.run(try makeSchema(), query, variables: variables)
        return (result.data, T.summary(result.errors))
    }

    @Test func inlineLiterals() async throws {
        let (data, errors) = try await run(#"{ fieldWithObjectInput(input: {a: "foo", b: ["bar"], c: "baz"}) fieldWithEnum(input: GREEN) fieldWithList(input: "one") }"#)
        #expect(errors.isEmpty)
        #expect(data == ["fieldWithObjectInput": #"{"a":"foo","b":["bar"],"c":"baz","d":"dflt"}"#, "fieldWithEnum": "2", "fieldWithList": #"["one"]"#])
    }

    @Test func invalidLiteralsAreFieldErrors() async throws {
        let (data, errors) = try await run(#"{ fieldWithNonNullItems(input: ["a", null]) fieldWithInt(input: 3000000000) }"#)
        #expect(data == ["fieldWithNonNullItems": nil, "fieldWithInt": nil])
        #expect(errors == [
            #"Argument "input" has invalid value at [1]: Expected value of non-null type "String!" not to be null. @1:38 fieldWithNonNullItems"#,
            #"Argument "input" has invalid value: Int cannot represent non 32-bit signed integer value: 3000000000 @1:65 fieldWithInt"#,
        ])
    }

    @Test func variablesOfInputObjects() async throws {
        let query = "query ($input: TestInputObject) { fieldWithObjectInput(input: $input) }"
        let (data, errors) = try await run(query, ["input": ["a": "foo", "b": "bar", "c": "baz"]])
        #expect(errors.isEmpty)
        #expect(data == ["fieldWithObjectInput": #"{"a":"foo","b":["bar"],"c":"baz","d":"dflt"}"#])

        let (noData, problems) = try await run(query, ["input": ["a": "foo", "b": "bar", "c": nil, "e": 1]])
        #expect(noData == nil)
        #expect(problems == [
            #"Variable "$input" has invalid value at .c: Expected value of non-null type "String!" not to be null. @1:8 "#,
            #"Variable "$input" has invalid value: Expected value of type "TestInputObject" not to include unknown field "e". Did you mean "a", "b", "c", or "d"? Found: { a: "foo", b: "bar", c: null, e: 1 }. @1:8 "#,
        ])
        let (_, missing) = try await run(query, ["input": ["a": "foo", "d": 1]])
        #expect(missing == [
            #"Variable "$input" has invalid value: Expected value of type "TestInputObject" to include required field "c", found: { a: "foo", d: 1 }. @1:8 "#,
            #"Variable "$input" has invalid value at .d: String cannot represent a non string value: 1 @1:8 "#,
        ])
    }

    @Test func requiredAndNullVariables() async throws {
        let query = "query ($value: String!) { fieldWithNonNullableStringInput(input: $value) }"
        #expect(try await run(query, [:]).1 == [#"Variable "$value" has invalid value: Expected a value of non-null type "String!" to be provided. @1:8 "#])
        #expect(try await run(query, ["value": nil]).1 == [#"Variable "$value" has invalid value: Expected value of non-null type "String!" not to be null. @1:8 "#])
        #expect(try await run(query, ["value": "a"]).0 == ["fieldWithNonNullableStringInput": #""a""#])
    }

    @Test func missingVariablesUseArgumentDefaults() async throws {
        let (data, errors) = try await run("query ($v: String, $w: String = \"given\") { a: fieldWithDefaultArgumentValue(input: $v) b: fieldWithNullableStringInput(input: $v) c: fieldWithNullableStringInput(input: $w) d: fieldWithNullableStringInput(input: null) }")
        #expect(errors.isEmpty)
        #expect(data == ["a": #""Hello World""#, "b": nil, "c": #""given""#, "d": "null"])
    }

    @Test func missingVariableForANonNullArgument() async throws {
        let (data, errors) = try await run("query ($v: String) { fieldWithNonNullableStringInput(input: $v) }")
        #expect(data == ["fieldWithNonNullableStringInput": nil])
        #expect(errors == [#"Argument "input" has invalid value: Expected variable "$v" provided to type "String!" to provide a runtime value. @1:61 fieldWithNonNullableStringInput"#])
        let (_, missingArgument) = try await run("{ fieldWithNonNullableStringInput }")
        #expect(missingArgument == [#"Argument "input" of required type "String!" was not provided. @1:3 fieldWithNonNullableStringInput"#])
    }

    @Test func listsAndEnums() async throws {
        let query = "query ($l: [String!], $e: Color) { fieldWithNonNullItems(input: $l) fieldWithEnum(input: $e) }"
        #expect(try await run(query, ["l": "single", "e": "RED"]).0 == ["fieldWithNonNullItems": #"["single"]"#, "fieldWithEnum": "1"])
        #expect(try await run(query, ["l": ["a", nil], "e": "BLUE"]).1 == [
            #"Variable "$l" has invalid value at [1]: Expected value of non-null type "String!" not to be null. @1:8 "#,
            #"Variable "$e" has invalid value: Value "BLUE" does not exist in "Color" enum. @1:23 "#,
        ])
    }

    @Test func oneOfInputObjects() async throws {
        let query = "query ($o: OneOf) { fieldWithOneOf(input: $o) }"
        #expect(try await run(query, ["o": ["x": 1]]).0 == ["fieldWithOneOf": #"{"x":1}"#])
        let message = #"Within OneOf Input Object type "OneOf", exactly one field must be specified, and the value for that field must be non-null."#
        #expect(try await run(query, ["o": ["x": 1, "y": "a"]]).1 == [#"Variable "$o" has invalid value: \#(message) @1:8 "#])
        #expect(try await run(query, ["o": ["x": nil]]).1 == [#"Variable "$o" has invalid value at .x: \#(message) @1:8 "#])
        #expect(try await run(#"{ fieldWithOneOf(input: {x: 1, y: "a"}) }"#).1 == [#"Argument "input" has invalid value: \#(message) @1:25 fieldWithOneOf"#])
    }

    @Test func variableOfAnOutputType() async throws {
        let (data, errors) = try await run("query ($v: Query) { fieldWithInt }")
        #expect(data == nil)
        #expect(errors == [#"Variable "$v" expected value of type "Query" which cannot be used as an input type. @1:12 "#])
    }

    @Test func coercionFunctionsDirectly() {
        let list: GraphQLType = .list(.nonNull(intType))
        #expect(coerceInputValue([1, 2], list) == [1, 2])
        #expect(coerceInputValue(7, list) == [7])
        #expect(coerceInputValue([1, nil], list) == nil)
        #expect(coerceInputValue(nil, .nonNull(intType)) == nil)
        #expect(coerceInputValue(.null, intType) == .null)
        #expect(coerceInputLiteral(.variable(VariableNode(loc: nil, name: NameNode(loc: nil, value: "v"))), intType, variables: ["v": 3]) == 3)
        #expect(valueFromAST(.list(ListValueNode(loc: nil, values: [.int(IntValueNode(loc: nil, value: "1")), .variable(VariableNode(loc: nil, name: NameNode(loc: nil, value: "missing")))])), .list(intType), variables: [:]) == [1, nil])
    }
}
