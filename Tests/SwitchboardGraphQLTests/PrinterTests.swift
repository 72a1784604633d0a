import Foundation
import Testing
@testable import SwitchboardGraphQL

// Expected outputs in this file were computed with graphql-core 3.3.2 (`print_ast`, `print_string`,
// `print_block_string`, `is_printable_as_block_string`) on the same documents written as text.

@Suite struct PrintStringTests {
    @Test(arguments: [
        ("", "\"\""),
        ("abc", "\"abc\""),
        ("a\"b\\c", "\"a\\\"b\\\\c\""),
        ("\n\t\r\u{8}\u{C}", "\"\\n\\t\\r\\b\\f\""),
        ("\u{0}\u{1}\u{B}\u{1F}\u{7F}\u{80}\u{9F}\u{A0}", "\"\\u0000\\u0001\\u000B\\u001F\\u007F\\u0080\\u009F\u{A0}\""),
        ("é😀\u{2028}", "\"é😀\u{2028}\""),
        ("ab\u{85}cd", "\"ab\\u0085cd\""),
    ])
    func escapesAsGraphQLJS(value: String, printed: String) {
        #expect(printString(value) == printed)
    }

    @Test(arguments: [
        ("", "\"\"\"\"\"\"", "\"\"\"\"\"\"", true),
        ("abc", "\"\"\"abc\"\"\"", "\"\"\"abc\"\"\"", true),
        (" lead", "\"\"\" lead\"\"\"", "\"\"\" lead\"\"\"", true),
        ("\tlead", "\"\"\"\tlead\"\"\"", "\"\"\"\tlead\"\"\"", true),
        ("a\nb", "\"\"\"\na\nb\n\"\"\"", "\"\"\"a\nb\"\"\"", true),
        ("a\n b", "\"\"\"\na\n b\n\"\"\"", "\"\"\"\na\n b\"\"\"", true),
        ("a\n\n b", "\"\"\"\na\n\n b\n\"\"\"", "\"\"\"\na\n\n b\"\"\"", true),
        ("  a\n  b", "\"\"\"\n  a\n  b\n\"\"\"", "\"\"\"\n  a\n  b\"\"\"", false),
        ("trail\"", "\"\"\"\ntrail\"\n\"\"\"", "\"\"\"trail\"\n\"\"\"", true),
        ("trail\\", "\"\"\"\ntrail\\\n\"\"\"", "\"\"\"trail\\\n\"\"\"", true),
        ("x\"\"\"", "\"\"\"\nx\\\"\"\"\n\"\"\"", "\"\"\"x\\\"\"\"\"\"\"", true),
        ("\"\"\"\"", "\"\"\"\n\\\"\"\"\"\n\"\"\"", "\"\"\"\\\"\"\"\"\n\"\"\"", true),
        ("a\"\"\"b", "\"\"\"a\\\"\"\"b\"\"\"", "\"\"\"a\\\"\"\"b\"\"\"", true),
        (String(repeating: "x", count: 71), "\"\"\"\n" + String(repeating: "x", count: 71) + "\n\"\"\"",
         "\"\"\"" + String(repeating: "x", count: 71) + "\"\"\"", true),
        (String(repeating: "x", count: 70), "\"\"\"" + String(repeating: "x", count: 70) + "\"\"\"",
         "\"\"\"" + String(repeating: "x", count: 70) + "\"\"\"", true),
        // Length counts characters, not bytes: 70 two-byte characters fit on the line.
        (String(repeating: "é", count: 70), "\"\"\"" + String(repeating: "é", count: 70) + "\"\"\"",
         "\"\"\"" + String(repeating: "é", count: 70) + "\"\"\"", true),
        (String(repeating: "é", count: 71), "\"\"\"\n" + String(repeating: "é", count: 71) + "\n\"\"\"",
         "\"\"\"" + String(repeating: "é", count: 71) + "\"\"\"", true),
        ("a\r\nb", "\"\"\"\na\r\nb\n\"\"\"", "\"\"\"a\r\nb\"\"\"", false),
        ("a\r b", "\"\"\"\na\r b\n\"\"\"", "\"\"\"\na\r b\"\"\"", false),
        ("\n", "\"\"\"\n\n\n\"\"\"", "\"\"\"\n\n\"\"\"", false),
        (" ", "\"\"\" \"\"\"", "\"\"\" \"\"\"", false),
        ("a\n", "\"\"\"\na\n\n\"\"\"", "\"\"\"\na\n\"\"\"", false),
    ])
    func blockStringsAsGraphQLJS(value: String, printed: String, minimized: String, printable: Bool) {
        #expect(printBlockString(value) == printed)
        #expect(printBlockString(value, minimize: true) == minimized)
        #expect(isPrintableAsBlockString(value) == printable)
    }

    @Test func controlCharactersAreNotPrintableAsBlockString() {
        #expect(!isPrintableAsBlockString("a\u{0}b"))
        #expect(!isPrintableAsBlockString("a\u{F}b"))
        #expect(isPrintableAsBlockString("a\u{10}b"))
        #expect(isPrintableAsBlockString("a\tb"))
    }
}

// MARK: - Building ASTs by hand

private func name(_ value: String) -> NameNode { NameNode(loc: nil, value: value) }
private func namedType(_ value: String) -> NamedTypeNode { NamedTypeNode(loc: nil, name: name(value)) }
private func type(_ value: String) -> TypeNode { .named(namedType(value)) }
private func listType(_ type: TypeNode) -> TypeNode { .list(ListTypeNode(loc: nil, type: type)) }
private func nonNull(_ type: TypeNode) -> TypeNode { .nonNull(NonNullTypeNode(loc: nil, type: type)) }

private func string(_ value: String, block: Bool = false) -> ValueNode { .string(StringValueNode(loc: nil, value: value, block: block)) }
private func description(_ value: String, block: Bool = false) -> StringValueNode { StringValueNode(loc: nil, value: value, block: block) }
private func int(_ value: Int) -> ValueNode { .int(IntValueNode(loc: nil, value: String(value))) }
private func float(_ value: String) -> ValueNode { .float(FloatValueNode(loc: nil, value: value)) }
private func enumValue(_ value: String) -> ValueNode { .enumValue(EnumValueNode(loc: nil, value: value)) }
private func boolean(_ value: Bool) -> ValueNode { .boolean(BooleanValueNode(loc: nil, value: value)) }
private let null = ValueNode.null(NullValueNode())
private func variable(_ value: String) -> VariableNode { VariableNode(loc: nil, name: name(value)) }
private func list(_ values: [ValueNode]) -> ValueNode { .list(ListValueNode(loc: nil, values: values)) }
private func object(_ fields: KeyValuePairs<String, ValueNode>) -> ValueNode {
    .object(ObjectValueNode(loc: nil, fields: fields.map { ObjectFieldNode(loc: nil, name: name($0.key), value: $0.value) }))
}

private func arguments(_ pairs: KeyValuePairs<String, ValueNode>) -> [ArgumentNode] {
    pairs.map { ArgumentNode(loc: nil, name: name($0.key), value: $0.value) }
}
private func directive(_ value: String, _ args: KeyValuePairs<String, ValueNode> = [:]) -> DirectiveNode {
    DirectiveNode(loc: nil, name: name(value), arguments: arguments(args))
}
private func field(_ value: String, alias: String? = nil, _ args: KeyValuePairs<String, ValueNode> = [:],
                   directives: [DirectiveNode] = [], selections: [SelectionNode]? = nil) -> SelectionNode {
    .field(FieldNode(loc: nil, alias: alias.map(name), name: name(value), arguments: arguments(args), directives: directives,
                     selectionSet: selections.map { SelectionSetNode(loc: nil, selections: $0) }))
}
private func selectionSet(_ selections: [SelectionNode]) -> SelectionSetNode { SelectionSetNode(loc: nil, selections: selections) }
private func query(_ selections: [SelectionNode]) -> DefinitionNode {
    .operation(OperationDefinitionNode(loc: nil, operation: .query, selectionSet: selectionSet(selections)))
}

private func fieldDefinition(_ value: String, description: StringValueNode? = nil, arguments args: [InputValueDefinitionNode] = [],
                             _ type: TypeNode, directives: [DirectiveNode] = []) -> FieldDefinitionNode {
    FieldDefinitionNode(loc: nil, description: description, name: name(value), arguments: args, type: type, directives: directives)
}
private func inputValue(_ value: String, description: StringValueNode? = nil, _ type: TypeNode, default defaultValue: ValueNode? = nil,
                        directives: [DirectiveNode] = []) -> InputValueDefinitionNode {
    InputValueDefinitionNode(loc: nil, description: description, name: name(value), type: type, defaultValue: defaultValue, directives: directives)
}

@Suite struct PrinterTests {
    @Test func executableDefinitions() {
        let document = DocumentNode(loc: nil, definitions: [
            .operation(OperationDefinitionNode(
                loc: nil, description: description("Operation description"),
                operation: .query,
                name: name("Q"),
                variableDefinitions: [
                    VariableDefinitionNode(loc: nil, description: description("var description"), variable: variable("a"),
                                           type: type("Int"), defaultValue: int(1)),
                    VariableDefinitionNode(loc: nil, variable: variable("b"), type: nonNull(listType(nonNull(type("String")))),
                                           directives: [directive("x")]),
                ],
                directives: [directive("dir", ["a": int(1)])],
                selectionSet: selectionSet([
                    field("field", alias: "alias", [
                        "arg": string("quote \" newline \n"),
                        "other": list([int(1), float("2.5"), enumValue("ENUM"), null, boolean(true), .variable(variable("a"))]),
                        "obj": object(["x": object(["y": boolean(false)])]),
                    ], directives: [directive("skip", ["if": .variable(variable("a"))])], selections: [
                        .inlineFragment(InlineFragmentNode(loc: nil, typeCondition: namedType("T"), directives: [directive("d")],
                                                           selectionSet: selectionSet([field("a")]))),
                        .fragmentSpread(FragmentSpreadNode(loc: nil, name: name("Frag"), directives: [directive("e")])),
                        .inlineFragment(InlineFragmentNode(loc: nil, selectionSet: selectionSet([field("b")]))),
                    ]),
                ])
            )),
            .fragment(FragmentDefinitionNode(loc: nil, name: name("Frag"), typeCondition: namedType("T"), directives: [directive("d")],
                                             selectionSet: selectionSet([field("a")]))),
            .operation(OperationDefinitionNode(loc: nil, operation: .mutation, selectionSet: selectionSet([field("m")]))),
            .operation(OperationDefinitionNode(loc: nil, operation: .subscription, name: name("S"),
                                               variableDefinitions: [VariableDefinitionNode(loc: nil, variable: variable("v"), type: type("ID"))],
                                               selectionSet: selectionSet([field("s")]))),
            query([field("shortForm")]),
        ])
        #expect(printAST(document) == #"""
        "Operation description"
        query Q(
        "var description"
        $a: Int = 1
        $b: [String!]! @x
        ) @dir(a: 1) {
          alias: field(
            arg: "quote \" newline \n"
            other: [1, 2.5, ENUM, null, true, $a]
            obj: { x: { y: false } }
          ) @skip(if: $a) {
            ... on T @d {
              a
            }
            ...Frag @e
            ... {
              b
            }
          }
        }

        fragment Frag on T @d {
          a
        }

        mutation {
          m
        }

        subscription S($v: ID) {
          s
        }

        {
          shortForm
        }
        """#)
    }

    /// Field arguments, lists and objects wrap when their one-line form is longer than 80 characters.
    @Test func wrapsLongArgumentsListsAndObjects() {
        let document = DocumentNode(loc: nil, definitions: [query([
            field("f", ["a": string(String(repeating: "x", count: 72))]),  // exactly 80
            field("g", ["a": string(String(repeating: "x", count: 73))]),  // 81
            field("h", [
                "a": list(Array(repeating: int(1), count: 26)),  // 78
                "b": list(Array(repeating: int(1), count: 27)),  // 81
            ]),
            field("i", [
                "o": object(["a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1),
                             "a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1)]),  // 80
                "p": object(["a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1),
                             "a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1), "a": int(1)]),  // 86
                "e": object([:]),
                "l": list([]),
            ]),
        ])])
        let x72 = String(repeating: "x", count: 72), x73 = String(repeating: "x", count: 73)
        let ones = Array(repeating: "1", count: 26).joined(separator: ", ")
        let onesWrapped = Array(repeating: "      1\n", count: 27).joined()
        let fields = Array(repeating: "a: 1", count: 13).joined(separator: ", ")
        let fieldsWrapped = Array(repeating: "      a: 1\n", count: 14).joined()
        #expect(printAST(document) == """
        {
          f(a: "\(x72)")
          g(
            a: "\(x73)"
          )
          h(
            a: [\(ones)]
            b: [
        \(onesWrapped)    ]
          )
          i(
            o: { \(fields) }
            p: {
        \(fieldsWrapped)    }
            e: {  }
            l: []
          )
        }
        """)
    }

    @Test func typeSystemDefinitionsAndExtensions() {
        let document = DocumentNode(loc: nil, definitions: [
            .schema(SchemaDefinitionNode(
                loc: nil, description: description("Schema description", block: true), directives: [directive("s")],
                operationTypes: [OperationTypeDefinitionNode(loc: nil, operation: .query, type: namedType("Q")),
                                 OperationTypeDefinitionNode(loc: nil, operation: .mutation, type: namedType("M"))])),
            .scalarType(ScalarTypeDefinitionNode(loc: nil, name: name("Date"), directives: [directive("specifiedBy", ["url": string("x")])])),
            .objectType(ObjectTypeDefinitionNode(
                loc: nil, description: description("Object"), name: name("A"), interfaces: [namedType("B"), namedType("C")],
                directives: [directive("d")],
                fields: [
                    fieldDefinition("f", description: description("Field description\n\nafter a blank line", block: true), arguments: [
                        inputValue("a", description: description("arg description"), type("Int"), default: int(1)),
                        inputValue("b", listType(nonNull(type("Int"))), default: list([int(1), int(2)])),
                    ], type("String"), directives: [directive("deprecated", ["reason": string("no")])]),
                    fieldDefinition("g", arguments: [inputValue("a", type("Int")), inputValue("b", type("String"), default: string("x"))], type("Int")),
                ])),
            .objectType(ObjectTypeDefinitionNode(loc: nil, name: name("Empty"))),
            .interfaceType(InterfaceTypeDefinitionNode(loc: nil, name: name("B"), interfaces: [namedType("C")],
                                                       fields: [fieldDefinition("x", type("Int"))])),
            .unionType(UnionTypeDefinitionNode(loc: nil, name: name("U"), directives: [directive("d")], types: [namedType("A"), namedType("B")])),
            .enumType(EnumTypeDefinitionNode(loc: nil, name: name("E"), values: [
                EnumValueDefinitionNode(loc: nil, description: description("value"), name: name("ONE")),
                EnumValueDefinitionNode(loc: nil, name: name("TWO"), directives: [directive("d")]),
            ])),
            .inputObjectType(InputObjectTypeDefinitionNode(loc: nil, name: name("I"), fields: [
                inputValue("a", type("Int"), default: int(1), directives: [directive("d")]),
                inputValue("b", type("I")),
            ])),
            .directive(DirectiveDefinitionNode(loc: nil, name: name("rep"), arguments: [inputValue("a", type("Int"))], repeatable: true,
                                               locations: [name("FIELD"), name("QUERY")])),
            .directive(DirectiveDefinitionNode(loc: nil, name: name("d"), locations: [name("OBJECT")])),
            .schemaExtension(SchemaExtensionNode(loc: nil, directives: [directive("s")],
                                                 operationTypes: [OperationTypeDefinitionNode(loc: nil, operation: .subscription, type: namedType("S"))])),
            .scalarTypeExtension(ScalarTypeExtensionNode(loc: nil, name: name("Date"), directives: [directive("d")])),
            .objectTypeExtension(ObjectTypeExtensionNode(loc: nil, name: name("A"), interfaces: [namedType("D")], directives: [directive("d")],
                                                         fields: [fieldDefinition("h", type("Int"))])),
            .interfaceTypeExtension(InterfaceTypeExtensionNode(loc: nil, name: name("B"), directives: [directive("d")])),
            .unionTypeExtension(UnionTypeExtensionNode(loc: nil, name: name("U"), types: [namedType("C")])),
            .enumTypeExtension(EnumTypeExtensionNode(loc: nil, name: name("E"), values: [EnumValueDefinitionNode(loc: nil, name: name("THREE"))])),
            .inputObjectTypeExtension(InputObjectTypeExtensionNode(loc: nil, name: name("I"), fields: [inputValue("c", type("Int"))])),
        ])
        // The blank line inside the indented description keeps its indentation, as in graphql-js.
        #expect(printAST(document) == #"""
        """Schema description"""
        schema @s {
          query: Q
          mutation: M
        }

        scalar Date @specifiedBy(url: "x")

        "Object"
        type A implements B & C @d {
          """
          Field description
        \#("  ")
          after a blank line
          """
          f(
            "arg description"
            a: Int = 1
            b: [Int!] = [1, 2]
          ): String @deprecated(reason: "no")
          g(a: Int, b: String = "x"): Int
        }

        type Empty

        interface B implements C {
          x: Int
        }

        union U @d = A | B

        enum E {
          "value"
          ONE
          TWO @d
        }

        input I {
          a: Int = 1 @d
          b: I
        }

        directive @rep(a: Int) repeatable on FIELD | QUERY

        directive @d on OBJECT

        extend schema @s {
          subscription: S
        }

        extend scalar Date @d

        extend type A implements D @d {
          h: Int
        }

        extend interface B @d

        extend union U = C

        extend enum E {
          THREE
        }

        extend input I {
          c: Int
        }
        """#)
    }

    @Test func nodeKindsPrintOnTheirOwn() {
        #expect(printAST(nonNull(listType(nonNull(type("A"))))) == "[A!]!")
        #expect(printAST(object(["a": list([string("s"), null])])) == #"{ a: ["s", null] }"#)
        #expect(printAST(directive("include", ["if": .variable(variable("v"))])) == "@include(if: $v)")
        #expect(printAST(selectionSet([])) == "{}")
        #expect(printAST(field("a", alias: "b", ["x": int(1)], selections: [field("c")])) == "b: a(x: 1) {\n  c\n}")
        #expect(printAST(.operation(OperationDefinitionNode(loc: nil, operation: .query,
                                                            selectionSet: selectionSet([field("a")])))) == "{\n  a\n}")
        #expect(printAST(.operation(OperationDefinitionNode(loc: nil, description: description("d"), operation: .query,
                                                            selectionSet: selectionSet([field("a")])))) == "\"d\"\nquery {\n  a\n}")
        #expect(printAST(.operation(OperationDefinitionNode(loc: nil, operation: .query,
                                                            variableDefinitions: [VariableDefinitionNode(loc: nil, variable: variable("a"), type: type("Int"))],
                                                            selectionSet: selectionSet([field("a")])))) == "query ($a: Int) {\n  a\n}")
    }

    /// graphql-core's `max_indent_depth`: from that depth on, line breaks become spaces, except in block strings.
    @Test func maxIndentDepthFlattensDeepLevels() {
        func printed(_ definition: DefinitionNode, maxIndentDepth: Int) -> String {
            var printer = ASTPrinter(maxIndentDepth: maxIndentDepth)
            printer.printDefinition(definition)
            return printer.output
        }
        let hero = query([field("hero", ["a": object(["b": string("x\ny", block: true)])], selections: [field("name")])])
        #expect(printed(hero, maxIndentDepth: 0) == "{ hero(a: { b: \"\"\"\nx\ny\n\"\"\" }) { name } }")
        let nested = query([field("hero", selections: [field("name"), .inlineFragment(InlineFragmentNode(loc: nil, typeCondition: namedType("A"),
                                                                                             selectionSet: selectionSet([field("b")])))])])
        #expect(printed(nested, maxIndentDepth: 1) == "{\n  hero { name ... on A { b } }\n}")
        let objectType = DefinitionNode.objectType(ObjectTypeDefinitionNode(
            loc: nil, description: description("a\nb", block: true), name: name("A"),
            fields: [fieldDefinition("f", description: description("x\ny", block: true), type("Int"))]))
        #expect(printed(objectType, maxIndentDepth: 1) == "\"\"\"\na\nb\n\"\"\"\ntype A {\n  \"\"\"\n  x\n  y\n  \"\"\" f: Int\n}")
        #expect(printForError(list([int(1)])) == "[1]")
    }

    @Test func directiveDefinitionDirectivesAndExtensions() {
        let document = DocumentNode(loc: nil, definitions: [
            .directive(DirectiveDefinitionNode(loc: nil, description: description("d"), name: name("a"), arguments: [inputValue("x", type("Int"))],
                                               directives: [directive("b", ["c": int(1)])], repeatable: true, locations: [name("FIELD")])),
            .directiveExtension(DirectiveExtensionNode(loc: nil, name: name("a"), directives: [directive("b"), directive("c", ["d": list([int(1)])])])),
        ])
        #expect(printAST(document) == "\"d\"\ndirective @a(x: Int) @b(c: 1) repeatable on FIELD\n\nextend directive @a @b @c(d: [1])")
    }
}

// MARK: - Parsed documents

/// `<repo>/../shared/fixtures`, and this file's folder (the repository root is three levels up from it).
private let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
private let fixturesDirectory = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/fixtures")

private func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixturesDirectory.appendingPathComponent("\(name).graphql"), encoding: .utf8)
}

@Suite struct PrinterFixtureTests {
    /// Expected/*.graphql hold graphql-core's `print_ast(parse(fixture)) + "\n"`.
    @Test(arguments: ["kitchen_sink", "schema_kitchen_sink", "introspection_query"])
    func printsFixturesAsGraphQLCore(name: String) throws {
        let expected = try String(contentsOf: testsDirectory.appendingPathComponent("Expected/\(name).graphql"), encoding: .utf8)
        let document = try parse(try fixture(name))
        #expect(printAST(document) + "\n" == expected)
    }

    /// The large fixtures are compared with graphql-core by the oracle tests (Tests/oracle); here: printing what was
    /// printed changes nothing, as with graphql-core for these documents.
    @Test(arguments: ["github_schema", "github_schema_2026", "large_query"])
    func printingIsStable(name: String) throws {
        let printed = printAST(try parse(try fixture(name)))
        #expect(printed.utf8.count > 50_000)
        #expect(printAST(try parse(printed)) == printed)
    }
}
