import Foundation
import Testing
@testable import SwitchboardGraphQL

// Expected values in this file were produced by graphql-core 3.3.2 (`parse` and a dump of its AST
// with every node's location converted to UTF-8 byte offsets), then pasted here.

private let fixtures: String = {
    // <repo root>/Tests/SwitchboardGraphQLTests/ParserTests.swift -> <repo root>/../shared/fixtures
    var url = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
    url += "/../shared/fixtures/"
    return url
}()

private func fixture(_ name: String) throws -> Source {
    Source(try String(contentsOfFile: fixtures + name, encoding: .utf8), name: name)
}

/// The syntax error parsing `text` raises, as `message @ line:column`.
private func parseError(_ text: String) -> String? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return "\(error.message) @ \(error.locations.map(\.description).joined(separator: ","))"
    }
}

@Suite struct ParserTests {
    @Test(arguments: [
        ("kitchen_sink.graphql", 193, 6),
        ("schema_kitchen_sink.graphql", 457, 38),
        ("github_schema.graphql", 19890, 540),
        ("github_schema_2026.graphql", 61142, 1624),
        ("large_query.graphql", 9724, 41),
        ("introspection_query.graphql", 184, 4),
    ])
    func fixturesParse(name: String, tokenCount: Int, definitionCount: Int) throws {
        let source = try fixture(name)
        let document = try parse(source)
        #expect(document.tokenCount == tokenCount)
        #expect(document.definitions.count == definitionCount)
        #expect(document.loc?.start == 0)
        #expect(document.loc?.end == source.bytes.count)
    }

    @Test func schemaKitchenSinkHasEveryDefinitionKind() throws {
        let document = try parse(try fixture("schema_kitchen_sink.graphql"))
        var kinds: [String: Int] = [:]
        for definition in document.definitions {
            kinds["\(type(of: definition.node))", default: 0] += 1
        }
        #expect(kinds == [
            "SchemaDefinitionNode": 1, "ObjectTypeDefinitionNode": 3, "ObjectTypeExtensionNode": 2,
            "InterfaceTypeDefinitionNode": 4, "InterfaceTypeExtensionNode": 2, "UnionTypeDefinitionNode": 4,
            "UnionTypeExtensionNode": 2, "ScalarTypeDefinitionNode": 2, "ScalarTypeExtensionNode": 1,
            "EnumTypeDefinitionNode": 3, "EnumTypeExtensionNode": 2, "InputObjectTypeDefinitionNode": 4,
            "InputObjectTypeExtensionNode": 2, "DirectiveDefinitionNode": 4, "SchemaExtensionNode": 2,
        ])
    }

    /// Documents with every definition and extension form, and their ASTs as graphql-core builds them.
    static let documents: [(document: String, ast: String)] = [
        ("query Q($a: [Int!]! = [1] @v) @d { f: a(x: [1, {y: $a}], z: \"s\") @e { ...F ... on T { b } } }\n\"desc\" fragment F on T { c }",
         "(Operation 0:93 nil query (Name 6:7 Q) [(VarDef 8:28 nil (Variable 8:10 (Name 9:10 a)) (NonNullType 12:19 (ListType 12:18 (NonNullType 13:17 (NamedType 13:16 (Name 13:16 Int))))) (List 22:25 [(Int 23:24 1)]) [(Directive 26:28 (Name 27:28 v) [])])] [(Directive 30:32 (Name 31:32 d) [])] (SelectionSet 33:93 [(Field 35:91 (Name 35:36 f) (Name 38:39 a) [(Arg 40:55 (Name 40:41 x) (List 43:55 [(Int 44:45 1) (Object 47:54 [(Field 48:53 (Name 48:49 y) (Variable 51:53 (Name 52:53 a)))])])) (Arg 57:63 (Name 57:58 z) (String 60:63 false \"s\"))] [(Directive 65:67 (Name 66:67 e) [])] (SelectionSet 68:91 [(Spread 70:74 (Name 73:74 F) []) (Inline 75:89 (NamedType 82:83 (Name 82:83 T)) [] (SelectionSet 84:89 [(Field 86:87 nil (Name 86:87 b) [] [] nil)]))]))])) (Fragment 94:122 (String 94:100 false \"desc\") (Name 110:111 F) (NamedType 115:116 (Name 115:116 T)) [] (SelectionSet 117:122 [(Field 119:120 nil (Name 119:120 c) [] [] nil)]))"),
        ("{ a { } b(x: 1.5e3, y: -0, z: true, w: false, n: null, e: ENUM, s: \"\"\" block\n  x\"\"\") ... @skip(if: $c) { d } }",
         "(Operation 0:110 nil query nil [] [] (SelectionSet 0:110 [(Field 2:7 nil (Name 2:3 a) [] [] (SelectionSet 4:7 [])) (Field 8:84 nil (Name 8:9 b) [(Arg 10:18 (Name 10:11 x) (Float 13:18 1.5e3)) (Arg 20:25 (Name 20:21 y) (Int 23:25 -0)) (Arg 27:34 (Name 27:28 z) (Boolean 30:34 true)) (Arg 36:44 (Name 36:37 w) (Boolean 39:44 false)) (Arg 46:53 (Name 46:47 n) (Null 49:53)) (Arg 55:62 (Name 55:56 e) (Enum 58:62 ENUM)) (Arg 64:83 (Name 64:65 s) (String 67:83 true \" block\\nx\"))] [] nil) (Inline 85:108 nil [(Directive 89:102 (Name 90:94 skip) [(Arg 95:101 (Name 95:97 if) (Variable 99:101 (Name 100:101 c)))])] (SelectionSet 103:108 [(Field 105:106 nil (Name 105:106 d) [] [] nil)]))]))"),
        ("mutation M { a } subscription S { b } query (\"d\" $v: Int, \"\"\"e\"\"\" $w: [[ID]]) { c }",
         "(Operation 0:16 nil mutation (Name 9:10 M) [] [] (SelectionSet 11:16 [(Field 13:14 nil (Name 13:14 a) [] [] nil)])) (Operation 17:37 nil subscription (Name 30:31 S) [] [] (SelectionSet 32:37 [(Field 34:35 nil (Name 34:35 b) [] [] nil)])) (Operation 38:83 nil query nil [(VarDef 45:56 (String 45:48 false \"d\") (Variable 49:51 (Name 50:51 v)) (NamedType 53:56 (Name 53:56 Int)) nil []) (VarDef 58:76 (String 58:65 true \"e\") (Variable 66:68 (Name 67:68 w)) (ListType 70:76 (ListType 71:75 (NamedType 72:74 (Name 72:74 ID)))) nil [])] [] (SelectionSet 78:83 [(Field 80:81 nil (Name 80:81 c) [] [] nil)]))"),
        ("\"\"\"T\"\"\"\ntype T implements I & J @k(a: 1) {\n  \"f\" f(a: [String!] = [\"x\"] @dep): [T]!\n}\nextend union U = A | B\ndirective @r(a: Int) repeatable on FIELD | OBJECT",
         "(Object 0:85 (String 0:7 true \"T\") (Name 13:14 T) [(NamedType 26:27 (Name 26:27 I)) (NamedType 30:31 (Name 30:31 J))] [(Directive 32:40 (Name 33:34 k) [(Arg 35:39 (Name 35:36 a) (Int 38:39 1))])] [(FieldDef 45:83 (String 45:48 false \"f\") (Name 49:50 f) [(InputValueDef 51:76 nil (Name 51:52 a) (ListType 54:63 (NonNullType 55:62 (NamedType 55:61 (Name 55:61 String)))) (List 66:71 [(String 67:70 false \"x\")]) [(Directive 72:76 (Name 73:76 dep) [])])] (NonNullType 79:83 (ListType 79:82 (NamedType 80:81 (Name 80:81 T)))) [])]) (UnionExt 86:108 (Name 99:100 U) [] [(NamedType 103:104 (Name 103:104 A)) (NamedType 107:108 (Name 107:108 B))]) (DirectiveDef 109:158 nil (Name 120:121 r) [(InputValueDef 122:128 nil (Name 122:123 a) (NamedType 125:128 (Name 125:128 Int)) nil [])] [] true [(Name 144:149 FIELD) (Name 152:158 OBJECT)])"),
        ("schema @s { query: Q mutation: M subscription: S } \"d\" schema { query: Q } extend schema @e extend schema { mutation: M } extend schema @e { subscription: S }",
         "(Schema 0:50 nil [(Directive 7:9 (Name 8:9 s) [])] [(OpTypeDef 12:20 query (NamedType 19:20 (Name 19:20 Q))) (OpTypeDef 21:32 mutation (NamedType 31:32 (Name 31:32 M))) (OpTypeDef 33:48 subscription (NamedType 47:48 (Name 47:48 S)))]) (Schema 51:74 (String 51:54 false \"d\") [] [(OpTypeDef 64:72 query (NamedType 71:72 (Name 71:72 Q)))]) (SchemaExt 75:91 [(Directive 89:91 (Name 90:91 e) [])] []) (SchemaExt 92:121 [] [(OpTypeDef 108:119 mutation (NamedType 118:119 (Name 118:119 M)))]) (SchemaExt 122:158 [(Directive 136:138 (Name 137:138 e) [])] [(OpTypeDef 141:156 subscription (NamedType 155:156 (Name 155:156 S)))])"),
        ("scalar S \"d\" scalar T @a extend scalar S @b",
         "(Scalar 0:8 nil (Name 7:8 S) []) (Scalar 9:24 (String 9:12 false \"d\") (Name 20:21 T) [(Directive 22:24 (Name 23:24 a) [])]) (ScalarExt 25:43 (Name 39:40 S) [(Directive 41:43 (Name 42:43 b) [])])"),
        ("type A type B implements & I { f: Int } type C @d interface I interface J implements I & K { f(a: Int = 1 @x, \"d\" b: [B!]! = {a: [1]}): [J] } extend type A implements I extend type A @d extend type A { g: Int } extend interface I implements K extend interface I @d extend interface I { h: Int }",
         "(Object 0:6 nil (Name 5:6 A) [] [] []) (Object 7:39 nil (Name 12:13 B) [(NamedType 27:28 (Name 27:28 I))] [] [(FieldDef 31:37 nil (Name 31:32 f) [] (NamedType 34:37 (Name 34:37 Int)) [])]) (Object 40:49 nil (Name 45:46 C) [] [(Directive 47:49 (Name 48:49 d) [])] []) (Interface 50:61 nil (Name 60:61 I) [] [] []) (Interface 62:141 nil (Name 72:73 J) [(NamedType 85:86 (Name 85:86 I)) (NamedType 89:90 (Name 89:90 K))] [] [(FieldDef 93:139 nil (Name 93:94 f) [(InputValueDef 95:108 nil (Name 95:96 a) (NamedType 98:101 (Name 98:101 Int)) (Int 104:105 1) [(Directive 106:108 (Name 107:108 x) [])]) (InputValueDef 110:133 (String 110:113 false \"d\") (Name 114:115 b) (NonNullType 117:122 (ListType 117:121 (NonNullType 118:120 (NamedType 118:119 (Name 118:119 B))))) (Object 125:133 [(Field 126:132 (Name 126:127 a) (List 129:132 [(Int 130:131 1)]))]) [])] (ListType 136:139 (NamedType 137:138 (Name 137:138 J))) [])]) (ObjectExt 142:168 (Name 154:155 A) [(NamedType 167:168 (Name 167:168 I))] [] []) (ObjectExt 169:185 (Name 181:182 A) [] [(Directive 183:185 (Name 184:185 d) [])] []) (ObjectExt 186:210 (Name 198:199 A) [] [] [(FieldDef 202:208 nil (Name 202:203 g) [] (NamedType 205:208 (Name 205:208 Int)) [])]) (InterfaceExt 211:242 (Name 228:229 I) [(NamedType 241:242 (Name 241:242 K))] [] []) (InterfaceExt 243:264 (Name 260:261 I) [] [(Directive 262:264 (Name 263:264 d) [])] []) (InterfaceExt 265:294 (Name 282:283 I) [] [] [(FieldDef 286:292 nil (Name 286:287 h) [] (NamedType 289:292 (Name 289:292 Int)) [])])"),
        ("union U union V @d = | A | B union W = A extend union U @d extend union U = C",
         "(Union 0:7 nil (Name 6:7 U) [] []) (Union 8:28 nil (Name 14:15 V) [(Directive 16:18 (Name 17:18 d) [])] [(NamedType 23:24 (Name 23:24 A)) (NamedType 27:28 (Name 27:28 B))]) (Union 29:40 nil (Name 35:36 W) [] [(NamedType 39:40 (Name 39:40 A))]) (UnionExt 41:58 (Name 54:55 U) [(Directive 56:58 (Name 57:58 d) [])] []) (UnionExt 59:77 (Name 72:73 U) [] [(NamedType 76:77 (Name 76:77 C))])"),
        ("enum E enum F @d { A \"d\" B @x C } extend enum E @d extend enum E { D }",
         "(Enum 0:6 nil (Name 5:6 E) [] []) (Enum 7:33 nil (Name 12:13 F) [(Directive 14:16 (Name 15:16 d) [])] [(EnumValueDef 19:20 nil (Name 19:20 A) []) (EnumValueDef 21:29 (String 21:24 false \"d\") (Name 25:26 B) [(Directive 27:29 (Name 28:29 x) [])]) (EnumValueDef 30:31 nil (Name 30:31 C) [])]) (EnumExt 34:50 (Name 46:47 E) [(Directive 48:50 (Name 49:50 d) [])] []) (EnumExt 51:70 (Name 63:64 E) [] [(EnumValueDef 67:68 nil (Name 67:68 D) [])])"),
        ("input I input J @d { a: Int = 1 @x, \"d\" b: [I!]! } extend input I @d extend input I { c: Int }",
         "(Input 0:7 nil (Name 6:7 I) [] []) (Input 8:50 nil (Name 14:15 J) [(Directive 16:18 (Name 17:18 d) [])] [(InputValueDef 21:34 nil (Name 21:22 a) (NamedType 24:27 (Name 24:27 Int)) (Int 30:31 1) [(Directive 32:34 (Name 33:34 x) [])]) (InputValueDef 36:48 (String 36:39 false \"d\") (Name 40:41 b) (NonNullType 43:48 (ListType 43:47 (NonNullType 44:46 (NamedType 44:45 (Name 44:45 I))))) nil [])]) (InputExt 51:68 (Name 64:65 I) [(Directive 66:68 (Name 67:68 d) [])] []) (InputExt 69:94 (Name 82:83 I) [] [(InputValueDef 86:92 nil (Name 86:87 c) (NamedType 89:92 (Name 89:92 Int)) nil [])])"),
        ("directive @a on QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION \"d\" directive @b(x: Int = 1) @c repeatable on | SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | DIRECTIVE_DEFINITION | FRAGMENT_VARIABLE_DEFINITION extend directive @a @b @c(x: 1)",
         "(DirectiveDef 0:135 nil (Name 11:12 a) [] [] false [(Name 16:21 QUERY) (Name 24:32 MUTATION) (Name 35:47 SUBSCRIPTION) (Name 50:55 FIELD) (Name 58:77 FRAGMENT_DEFINITION) (Name 80:95 FRAGMENT_SPREAD) (Name 98:113 INLINE_FRAGMENT) (Name 116:135 VARIABLE_DEFINITION)]) (DirectiveDef 136:383 (String 136:139 false \"d\") (Name 151:152 b) [(InputValueDef 153:163 nil (Name 153:154 x) (NamedType 156:159 (Name 156:159 Int)) (Int 162:163 1) [])] [(Directive 165:167 (Name 166:167 c) [])] true [(Name 184:190 SCHEMA) (Name 193:199 SCALAR) (Name 202:208 OBJECT) (Name 211:227 FIELD_DEFINITION) (Name 230:249 ARGUMENT_DEFINITION) (Name 252:261 INTERFACE) (Name 264:269 UNION) (Name 272:276 ENUM) (Name 279:289 ENUM_VALUE) (Name 292:304 INPUT_OBJECT) (Name 307:329 INPUT_FIELD_DEFINITION) (Name 332:352 DIRECTIVE_DEFINITION) (Name 355:383 FRAGMENT_VARIABLE_DEFINITION)]) (DirectiveExt 384:415 (Name 402:403 a) [(Directive 404:406 (Name 405:406 b) []) (Directive 407:415 (Name 408:409 c) [(Arg 410:414 (Name 410:411 x) (Int 413:414 1))])])"),
    ]

    @Test(arguments: documents)
    func astMatchesGraphQLCore(document: String, ast: String) throws {
        let parsed = try parse(document)
        #expect(parsed.definitions.map(render).joined(separator: " ") == ast)
    }

    @Test func descriptionsOnExecutableDefinitions() throws {
        let document = try parse(#""op" query Q("v" $a: Int) { a } """frag""" fragment F on T { a }"#)
        guard case .operation(let operation) = document.definitions[0], case .fragment(let fragment) = document.definitions[1] else {
            Issue.record("expected an operation and a fragment")
            return
        }
        #expect(operation.description?.value == "op")
        #expect(operation.variableDefinitions.first?.description?.value == "v")
        #expect(fragment.description?.value == "frag")
        #expect(fragment.description?.block == true)
    }

    @Test func emptySelectionSetsAreAccepted() throws {
        // graphql-core 3.3 accepts `{}` (graphql-spec#1227); it is validation's business.
        let document = try parse("{} query { a { } }")
        #expect(document.definitions.count == 2)
    }

    @Test func parseValueParseConstValueAndParseType() throws {
        guard case .list(let list) = try parseValue(Source("[1, $v, {a: \"b\"}]")) else {
            Issue.record("expected a list")
            return
        }
        #expect(list.values.count == 3)
        if case .variable(let variable) = list.values[1] {
            #expect(variable.name.value == "v")
            #expect(variable.loc?.start == 4)
        } else {
            Issue.record("expected a variable")
        }
        #expect(throws: GraphQLError.self) { try parseConstValue(Source("[1, $v]")) }
        do {
            _ = try parseConstValue(Source("[1, $v]"))
        } catch {
            #expect(error.message == "Syntax Error: Unexpected variable '$v' in constant value.")
            #expect(error.locations == [SourceLocation(line: 1, column: 5)])
        }
        do {
            _ = try parseValue(Source("1 2"))
        } catch {
            #expect(error.message == "Syntax Error: Expected <EOF>, found Int '2'.")
        }
        let type = try parseType(Source("[[String!]]!"))
        guard case .nonNull(let nonNull) = type, case .list(let outer) = nonNull.type, case .list(let inner) = outer.type,
              case .nonNull(let innerNonNull) = inner.type, case .named(let named) = innerNonNull.type else {
            Issue.record("unexpected type shape")
            return
        }
        #expect(named.name.value == "String")
        #expect(type.loc?.end == 12)
        do {
            _ = try parseType(Source("[Int"))
        } catch {
            #expect(error.message == "Syntax Error: Expected ']', found <EOF>.")
            #expect(error.locations == [SourceLocation(line: 1, column: 5)])
        }
    }

    @Test func stringValuesInTheAST() throws {
        let document = try parse(#"{ a(s: "esc\u00e9\n", b: """  line1\n    line2""") }"#)
        guard case .operation(let operation) = document.definitions[0], case .field(let field) = operation.selectionSet.selections[0],
              case .string(let s) = field.arguments[0].value, case .string(let b) = field.arguments[1].value else {
            Issue.record("unexpected shape")
            return
        }
        #expect(s.value == "escé\n")
        #expect(s.block == false)
        #expect(b.value == "  line1\\n    line2")
        #expect(b.block == true)
    }

    @Test func errorsCarryTheSource() {
        do {
            _ = try parse(Source("{ a ?", name: "Query.graphql"))
            Issue.record("expected an error")
        } catch {
            #expect(error.source?.name == "Query.graphql")
            #expect(error.description == "Query.graphql:1:5: Syntax Error: Unexpected character: '?'.")
        }
    }

    /// Bad documents with graphql-core's message, line and column.
    static let syntaxErrors: [(document: String, message: String, line: Int, column: Int)] = [
        ("{ a ? }", "Syntax Error: Unexpected character: '?'.", 1, 5),
        ("{ a(x: 'a') }", "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 8),
        ("\u{7}", "Syntax Error: Unexpected character: U+0007.", 1, 1),
        ("{ a \u{A0} }", "Syntax Error: Unexpected character: U+00A0.", 1, 5),
        ("{ a \u{E9} }", "Syntax Error: Unexpected character: U+00E9.", 1, 5),
        ("{ ..a }", "Syntax Error: Unexpected '..', did you mean '...'?", 1, 3),
        ("{ . }", "Syntax Error: Unexpected character: '.'.", 1, 3),
        ("{ a(x: .5) }", "Syntax Error: Invalid number, expected digit before '.', did you mean '0.5'?", 1, 8),
        ("{ a(x: 01) }", "Syntax Error: Invalid number, unexpected digit after 0: '1'.", 1, 9),
        ("{ a(x: -01) }", "Syntax Error: Invalid number, unexpected digit after 0: '1'.", 1, 10),
        ("{ a(x: 1a) }", "Syntax Error: Invalid number, expected digit but got: 'a'.", 1, 9),
        ("{ a(x: 1.) }", "Syntax Error: Invalid number, expected digit but got: ')'.", 1, 10),
        ("{ a(x: 1.a) }", "Syntax Error: Invalid number, expected digit but got: 'a'.", 1, 10),
        ("{ a(x: 1e) }", "Syntax Error: Invalid number, expected digit but got: ')'.", 1, 10),
        ("{ a(x: 1e+) }", "Syntax Error: Invalid number, expected digit but got: ')'.", 1, 11),
        ("{ a(x: 1.5.5) }", "Syntax Error: Invalid number, expected digit but got: '.'.", 1, 11),
        ("{ a(x: 0x1) }", "Syntax Error: Invalid number, expected digit but got: 'x'.", 1, 9),
        ("{ a(x: -) }", "Syntax Error: Invalid number, expected digit but got: ')'.", 1, 9),
        ("{ a(x: 1_) }", "Syntax Error: Invalid number, expected digit but got: '_'.", 1, 9),
        ("{ a(x: 1", "Syntax Error: Expected Name, found <EOF>.", 1, 9),
        ("{ a(x: \"abc", "Syntax Error: Unterminated string.", 1, 12),
        ("{ a(x: \"abc\n\") }", "Syntax Error: Unterminated string.", 1, 12),
        ("{ a(x: \"abc\r\n\") }", "Syntax Error: Unterminated string.", 1, 12),
        ("{ a(x: \"\"\"abc", "Syntax Error: Unterminated string.", 1, 14),
        ("{ a(x: \"\\x\") }", "Syntax Error: Invalid character escape sequence: '\\x'.", 1, 9),
        ("{ a(x: \"\\u\") }", "Syntax Error: Invalid Unicode escape sequence: '\\u\") }'.", 1, 9),
        ("{ a(x: \"\\u12\") }", "Syntax Error: Invalid Unicode escape sequence: '\\u12\")'.", 1, 9),
        ("{ a(x: \"\\uXYZW\") }", "Syntax Error: Invalid Unicode escape sequence: '\\uXYZW'.", 1, 9),
        ("{ a(x: \"\\u{}\") }", "Syntax Error: Invalid Unicode escape sequence: '\\u{}'.", 1, 9),
        ("{ a(x: \"\\u{110000}\") }", "Syntax Error: Invalid Unicode escape sequence: '\\u{110000}'.", 1, 9),
        ("{ a(x: \"\\u{D800}\") }", "Syntax Error: Invalid Unicode escape sequence: '\\u{D800}'.", 1, 9),
        ("{ a(x: \"\\u{000000041}\") }", "Syntax Error: Invalid Unicode escape sequence: '\\u{000000041'.", 1, 9),
        ("{ a(x: \"\\u{1F600\") }", "Syntax Error: Invalid Unicode escape sequence: '\\u{1F600\"'.", 1, 9),
        ("{ a(x: \"\\u{G}\") }", "Syntax Error: Invalid Unicode escape sequence: '\\u{G'.", 1, 9),
        ("{ a(x: \"\\uD83D\") }", "Syntax Error: Invalid Unicode escape sequence: '\\uD83D'.", 1, 9),
        ("{ a(x: \"\\uD83D\\u0041\") }", "Syntax Error: Invalid Unicode escape sequence: '\\uD83D'.", 1, 9),
        ("{ a(x: \"\\uDE00\") }", "Syntax Error: Invalid Unicode escape sequence: '\\uDE00'.", 1, 9),
        ("{ a(x: \"\\uD83D\\uD83D\") }", "Syntax Error: Invalid Unicode escape sequence: '\\uD83D'.", 1, 9),
        ("{ a(x: \"\\u12\u{E9}4\") }", "Syntax Error: Invalid Unicode escape sequence: '\\u12\u{E9}4'.", 1, 9),
        ("{ a(x: \"\\", "Syntax Error: Invalid character escape sequence: '\\'.", 1, 9),
        ("{ a(x: \"\\\u{E9}\") }", "Syntax Error: Invalid character escape sequence: '\\\u{E9}'.", 1, 9),
        ("", "Syntax Error: Unexpected <EOF>.", 1, 1),
        ("   ", "Syntax Error: Unexpected <EOF>.", 1, 4),
        ("# only a comment", "Syntax Error: Unexpected <EOF>.", 1, 17),
        ("{", "Syntax Error: Expected Name, found <EOF>.", 1, 2),
        ("{ a", "Syntax Error: Expected Name, found <EOF>.", 1, 4),
        ("{ a } }", "Syntax Error: Unexpected '}'.", 1, 7),
        ("query", "Syntax Error: Expected '{', found <EOF>.", 1, 6),
        ("query Q", "Syntax Error: Expected '{', found <EOF>.", 1, 8),
        ("query Q()", "Syntax Error: Expected '$', found ')'.", 1, 9),
        ("query Q($a) { a }", "Syntax Error: Expected ':', found ')'.", 1, 11),
        ("query Q($a: ) { a }", "Syntax Error: Expected Name, found ')'.", 1, 13),
        ("query Q($a: [Int) { a }", "Syntax Error: Expected ']', found ')'.", 1, 17),
        ("query Q($a: Int!!) { a }", "Syntax Error: Expected '$', found '!'.", 1, 17),
        ("query Q(a: Int) { a }", "Syntax Error: Expected '$', found Name 'a'.", 1, 9),
        ("foo { a }", "Syntax Error: Unexpected Name 'foo'.", 1, 1),
        ("\"d\" { a }", "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.", 1, 1),
        ("\"d\" foo", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1),
        ("\"d\" extend type T @d", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1),
        ("\"d\" 1", "Syntax Error: Unexpected Int '1'.", 1, 5),
        ("1", "Syntax Error: Unexpected Int '1'.", 1, 1),
        ("notAKeyword", "Syntax Error: Unexpected Name 'notAKeyword'.", 1, 1),
        ("{ a() }", "Syntax Error: Expected Name, found ')'.", 1, 5),
        ("{ a(x:) }", "Syntax Error: Unexpected ')'.", 1, 7),
        ("{ a(x: 1 }", "Syntax Error: Expected Name, found '}'.", 1, 10),
        ("{ a @ }", "Syntax Error: Expected Name, found '}'.", 1, 7),
        ("{ ...  }", "Syntax Error: Expected '{', found '}'.", 1, 8),
        ("{ ... on }", "Syntax Error: Expected Name, found '}'.", 1, 10),
        ("fragment on on T { a }", "Syntax Error: Unexpected Name 'on'.", 1, 10),
        ("fragment \"on\" on T { a }", "Syntax Error: Unexpected String 'on'.", 1, 10),
        ("fragment F T { a }", "Syntax Error: Expected 'on', found Name 'T'.", 1, 12),
        ("fragment F on T", "Syntax Error: Expected '{', found <EOF>.", 1, 16),
        ("query Q($a: Int = $b) { a }", "Syntax Error: Unexpected variable '$b' in constant value.", 1, 19),
        ("query Q($a: Int = [$b]) { a }", "Syntax Error: Unexpected variable '$b' in constant value.", 1, 20),
        ("query Q($a: Int = $) { a }", "Syntax Error: Unexpected '$'.", 1, 19),
        ("query Q($a: Int @d(x: $v)) { a }", "Syntax Error: Unexpected variable '$v' in constant value.", 1, 23),
        ("schema {}", "Syntax Error: Expected Name, found '}'.", 1, 9),
        ("schema", "Syntax Error: Expected '{', found <EOF>.", 1, 7),
        ("schema { foo: Q }", "Syntax Error: Unexpected Name 'foo'.", 1, 10),
        ("extend schema", "Syntax Error: Unexpected <EOF>.", 1, 14),
        ("extend scalar S", "Syntax Error: Unexpected <EOF>.", 1, 16),
        ("type T {}", "Syntax Error: Expected Name, found '}'.", 1, 9),
        ("type T { a(): Int }", "Syntax Error: Expected Name, found ')'.", 1, 12),
        ("type T { a: }", "Syntax Error: Expected Name, found '}'.", 1, 13),
        ("type T implements { a: Int }", "Syntax Error: Expected Name, found '{'.", 1, 19),
        ("type T { a(x: Int = $v): Int }", "Syntax Error: Unexpected variable '$v' in constant value.", 1, 21),
        ("extend type T", "Syntax Error: Unexpected <EOF>.", 1, 14),
        ("extend type T implements", "Syntax Error: Expected Name, found <EOF>.", 1, 25),
        ("extend interface I", "Syntax Error: Unexpected <EOF>.", 1, 19),
        ("union U =", "Syntax Error: Expected Name, found <EOF>.", 1, 10),
        ("union U = || A", "Syntax Error: Expected Name, found '|'.", 1, 12),
        ("union U = A |", "Syntax Error: Expected Name, found <EOF>.", 1, 14),
        ("extend union U", "Syntax Error: Unexpected <EOF>.", 1, 15),
        ("enum E {}", "Syntax Error: Expected Name, found '}'.", 1, 9),
        ("enum E { true }", "Syntax Error: Name 'true' is reserved and cannot be used for an enum value.", 1, 10),
        ("enum E { null }", "Syntax Error: Name 'null' is reserved and cannot be used for an enum value.", 1, 10),
        ("enum E { \"true\" }", "Syntax Error: Expected Name, found '}'.", 1, 17),
        ("enum E { 1 }", "Syntax Error: Expected Name, found Int '1'.", 1, 10),
        ("extend enum E", "Syntax Error: Unexpected <EOF>.", 1, 14),
        ("input I {}", "Syntax Error: Expected Name, found '}'.", 1, 10),
        ("input I { a(x: Int): Int }", "Syntax Error: Expected ':', found '('.", 1, 12),
        ("extend input I", "Syntax Error: Unexpected <EOF>.", 1, 15),
        ("directive @d on FOO", "Syntax Error: Unexpected Name 'FOO'.", 1, 17),
        ("directive @d on field", "Syntax Error: Unexpected Name 'field'.", 1, 17),
        ("directive @d on FIELD |", "Syntax Error: Expected Name, found <EOF>.", 1, 24),
        ("directive d on FIELD", "Syntax Error: Expected '@', found Name 'd'.", 1, 11),
        ("directive @d", "Syntax Error: Expected 'on', found <EOF>.", 1, 13),
        ("directive @d on", "Syntax Error: Expected Name, found <EOF>.", 1, 16),
        ("extend directive @d", "Syntax Error: Unexpected <EOF>.", 1, 20),
        ("extend directive d @e", "Syntax Error: Expected '@', found Name 'd'.", 1, 18),
        ("extend foo", "Syntax Error: Unexpected Name 'foo'.", 1, 8),
        ("extend", "Syntax Error: Unexpected <EOF>.", 1, 7),
        ("extend \"x\"", "Syntax Error: Unexpected String 'x'.", 1, 8),
        ("type T { a: [Int }", "Syntax Error: Expected ']', found '}'.", 1, 18),
        ("{ a }\n\n  query {\n    b(x: ?)\n  }", "Syntax Error: Unexpected character: '?'.", 4, 10),
        ("\r\n\r\n  { a ?", "Syntax Error: Unexpected character: '?'.", 3, 7),
        ("\r\r{ a ?", "Syntax Error: Unexpected character: '?'.", 3, 5),
        ("# c\n# d\n  { a(x: 1.e5) }", "Syntax Error: Invalid number, expected digit but got: 'e'.", 3, 12),
    ]

    @Test(arguments: syntaxErrors)
    func syntaxErrorsMatchGraphQLCore(document: String, message: String, line: Int, column: Int) {
        #expect(parseError(document) == "\(message) @ \(line):\(column)")
    }
}

// MARK: - AST dump, in the format of the graphql-core dump the expected values come from

private func render(_ l: Location?) -> String { l.map { "\($0.start):\($0.end)" } ?? "-" }

private func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default:
            if u.value < 0x20 || u.value == 0x7F {
                let hex = String(u.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}

private func render(_ n: NameNode?) -> String { n.map { "(Name \(render($0.loc)) \($0.value))" } ?? "nil" }
private func render(_ s: StringValueNode?) -> String { s.map { "(String \(render($0.loc)) \($0.block) \(quote($0.value)))" } ?? "nil" }
private func render(_ n: NamedTypeNode) -> String { "(NamedType \(render(n.loc)) \(render(n.name)))" }
private func render(_ ts: [NamedTypeNode]) -> String { "[" + ts.map(render).joined(separator: " ") + "]" }

private func render(_ t: TypeNode) -> String {
    switch t {
    case .named(let n): return render(n)
    case .list(let n): return "(ListType \(render(n.loc)) \(render(n.type)))"
    case .nonNull(let n): return "(NonNullType \(render(n.loc)) \(render(n.type)))"
    }
}

private func render(_ v: ValueNode?) -> String {
    guard let v else { return "nil" }
    switch v {
    case .variable(let n): return "(Variable \(render(n.loc)) \(render(n.name)))"
    case .int(let n): return "(Int \(render(n.loc)) \(n.value))"
    case .float(let n): return "(Float \(render(n.loc)) \(n.value))"
    case .string(let n): return render(n)
    case .boolean(let n): return "(Boolean \(render(n.loc)) \(n.value))"
    case .null(let n): return "(Null \(render(n.loc)))"
    case .enumValue(let n): return "(Enum \(render(n.loc)) \(n.value))"
    case .list(let n): return "(List \(render(n.loc)) [\(n.values.map { render($0) }.joined(separator: " "))])"
    case .object(let n):
        return "(Object \(render(n.loc)) [" + n.fields.map { "(Field \(render($0.loc)) \(render($0.name)) \(render($0.value)))" }.joined(separator: " ") + "])"
    }
}

private func render(_ a: [ArgumentNode]) -> String {
    "[" + a.map { "(Arg \(render($0.loc)) \(render($0.name)) \(render($0.value)))" }.joined(separator: " ") + "]"
}

private func render(_ ds: [DirectiveNode]) -> String {
    "[" + ds.map { "(Directive \(render($0.loc)) \(render($0.name)) \(render($0.arguments)))" }.joined(separator: " ") + "]"
}

private func render(_ s: SelectionSetNode?) -> String {
    guard let s else { return "nil" }
    return "(SelectionSet \(render(s.loc)) [" + s.selections.map { selection -> String in
        switch selection {
        case .field(let f):
            return "(Field \(render(f.loc)) \(render(f.alias)) \(render(f.name)) \(render(f.arguments)) \(render(f.directives)) \(render(f.selectionSet)))"
        case .fragmentSpread(let f): return "(Spread \(render(f.loc)) \(render(f.name)) \(render(f.directives)))"
        case .inlineFragment(let f):
            return "(Inline \(render(f.loc)) \(f.typeCondition.map(render) ?? "nil") \(render(f.directives)) \(render(f.selectionSet)))"
        }
    }.joined(separator: " ") + "])"
}

private func render(_ vs: [VariableDefinitionNode]) -> String {
    "[" + vs.map {
        "(VarDef \(render($0.loc)) \(render($0.description)) (Variable \(render($0.variable.loc)) \(render($0.variable.name))) \(render($0.type)) \(render($0.defaultValue)) \(render($0.directives)))"
    }.joined(separator: " ") + "]"
}

private func render(_ vs: [InputValueDefinitionNode]) -> String {
    "[" + vs.map {
        "(InputValueDef \(render($0.loc)) \(render($0.description)) \(render($0.name)) \(render($0.type)) \(render($0.defaultValue)) \(render($0.directives)))"
    }.joined(separator: " ") + "]"
}

private func render(_ fs: [FieldDefinitionNode]) -> String {
    "[" + fs.map {
        "(FieldDef \(render($0.loc)) \(render($0.description)) \(render($0.name)) \(render($0.arguments)) \(render($0.type)) \(render($0.directives)))"
    }.joined(separator: " ") + "]"
}

private func render(_ vs: [EnumValueDefinitionNode]) -> String {
    "[" + vs.map { "(EnumValueDef \(render($0.loc)) \(render($0.description)) \(render($0.name)) \(render($0.directives)))" }.joined(separator: " ") + "]"
}

private func render(_ ts: [OperationTypeDefinitionNode]) -> String {
    "[" + ts.map { "(OpTypeDef \(render($0.loc)) \($0.operation.rawValue) \(render($0.type)))" }.joined(separator: " ") + "]"
}

private func render(_ definition: DefinitionNode) -> String {
    switch definition {
    case .operation(let n):
        return "(Operation \(render(n.loc)) \(render(n.description)) \(n.operation.rawValue) \(render(n.name)) \(render(n.variableDefinitions)) \(render(n.directives)) \(render(n.selectionSet)))"
    case .fragment(let n):
        return "(Fragment \(render(n.loc)) \(render(n.description)) \(render(n.name)) \(render(n.typeCondition)) \(render(n.directives)) \(render(n.selectionSet)))"
    case .schema(let n): return "(Schema \(render(n.loc)) \(render(n.description)) \(render(n.directives)) \(render(n.operationTypes)))"
    case .scalarType(let n): return "(Scalar \(render(n.loc)) \(render(n.description)) \(render(n.name)) \(render(n.directives)))"
    case .objectType(let n):
        return "(Object \(render(n.loc)) \(render(n.description)) \(render(n.name)) \(render(n.interfaces)) \(render(n.directives)) \(render(n.fields)))"
    case .interfaceType(let n):
        return "(Interface \(render(n.loc)) \(render(n.description)) \(render(n.name)) \(render(n.interfaces)) \(render(n.directives)) \(render(n.fields)))"
    case .unionType(let n): return "(Union \(render(n.loc)) \(render(n.description)) \(render(n.name)) \(render(n.directives)) \(render(n.types)))"
    case .enumType(let n): return "(Enum \(render(n.loc)) \(render(n.description)) \(render(n.name)) \(render(n.directives)) \(render(n.values)))"
    case .inputObjectType(let n): return "(Input \(render(n.loc)) \(render(n.description)) \(render(n.name)) \(render(n.directives)) \(render(n.fields)))"
    case .directive(let n):
        return "(DirectiveDef \(render(n.loc)) \(render(n.description)) \(render(n.name)) \(render(n.arguments)) \(render(n.directives)) \(n.repeatable) [\(n.locations.map { render($0) }.joined(separator: " "))])"
    case .schemaExtension(let n): return "(SchemaExt \(render(n.loc)) \(render(n.directives)) \(render(n.operationTypes)))"
    case .scalarTypeExtension(let n): return "(ScalarExt \(render(n.loc)) \(render(n.name)) \(render(n.directives)))"
    case .objectTypeExtension(let n):
        return "(ObjectExt \(render(n.loc)) \(render(n.name)) \(render(n.interfaces)) \(render(n.directives)) \(render(n.fields)))"
    case .interfaceTypeExtension(let n):
        return "(InterfaceExt \(render(n.loc)) \(render(n.name)) \(render(n.interfaces)) \(render(n.directives)) \(render(n.fields)))"
    case .unionTypeExtension(let n): return "(UnionExt \(render(n.loc)) \(render(n.name)) \(render(n.directives)) \(render(n.types)))"
    case .enumTypeExtension(let n): return "(EnumExt \(render(n.loc)) \(render(n.name)) \(render(n.directives)) \(render(n.values)))"
    case .inputObjectTypeExtension(let n): return "(InputExt \(render(n.loc)) \(render(n.name)) \(render(n.directives)) \(render(n.fields)))"
    case .directiveExtension(let n): return "(DirectiveExt \(render(n.loc)) \(render(n.name)) \(render(n.directives)))"
    }
}
