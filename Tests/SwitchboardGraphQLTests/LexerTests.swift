import Testing
@testable import SwitchboardGraphQL

/// The tokens of `text` (comments included) as kind and source text, up to and without `<EOF>`.
private func lex(_ text: String) throws(GraphQLError) -> [(kind: TokenKind, text: String)] {
    let source = Source(text)
    return try source.bytes.withUnsafeBufferPointer { (bytes) throws(GraphQLError) -> [(kind: TokenKind, text: String)] in
        var lexer = Lexer(source: source, bytes: bytes)
        var tokens: [(kind: TokenKind, text: String)] = []
        do throws(SyntaxError) {
            while true {
                let token = try lexer.next()
                if token.kind == .eof { return tokens }
                tokens.append((token.kind, lexer.text(token.start, token.end)))
            }
        } catch {
            throw error.graphQLError(in: source)
        }
    }
}

/// The value of the one string or block string token in `text`.
private func stringValue(_ text: String) throws(SyntaxError) -> String {
    let source = Source(text)
    return try source.bytes.withUnsafeBufferPointer { (bytes) throws(SyntaxError) -> String in
        var lexer = Lexer(source: source, bytes: bytes)
        let token = try lexer.next()
        #expect(token.kind == .string || token.kind == .blockString)
        return token.kind == .string ? lexer.stringValue(of: token) : lexer.blockStringValue(of: token)
    }
}

/// The syntax error lexing `text` raises, as `message @ line:column`.
private func lexError(_ text: String) -> String? {
    do {
        _ = try lex(text)
        return nil
    } catch {
        return "\(error.message) @ \(error.locations.map(\.description).joined(separator: ","))"
    }
}

@Suite struct LexerTests {
    @Test func everyPunctuatorAndTokenKind() throws {
        let tokens = try lex("! $ & ( ) ... : = @ [ ] { | } name _n4me 12 -3 0 1.5 -0.5e10 2E+3 \"s\" \"\"\"b\"\"\" # c")
        #expect(tokens.map(\.kind) == [
            .bang, .dollar, .amp, .parenL, .parenR, .spread, .colon, .equals, .at, .bracketL, .bracketR,
            .braceL, .pipe, .braceR, .name, .name, .int, .int, .int, .float, .float, .float, .string, .blockString, .comment,
        ])
        #expect(tokens.map(\.text) == [
            "!", "$", "&", "(", ")", "...", ":", "=", "@", "[", "]", "{", "|", "}", "name", "_n4me", "12", "-3", "0",
            "1.5", "-0.5e10", "2E+3", "\"s\"", "\"\"\"b\"\"\"", "# c",
        ])
    }

    @Test func ignoredCharactersAreSkipped() throws {
        // White space, tabs, commas, line terminators of all three kinds and the byte order mark.
        let tokens = try lex("\u{FEFF} a,,b\t\r\nc\rd\ne \u{FEFF}f")
        #expect(tokens.map(\.text) == ["a", "b", "c", "d", "e", "f"])
    }

    @Test func commentsRunToTheEndOfTheLine() throws {
        let tokens = try lex("a # one \"two\" {\r\nb #\rc # é 😀")
        #expect(tokens.map(\.kind) == [.name, .comment, .name, .comment, .name, .comment])
        #expect(tokens[1].text == "# one \"two\" {")
        #expect(tokens[3].text == "#")
        #expect(tokens[5].text == "# é 😀")
    }

    @Test func tokenOffsetsAreUTF8ByteOffsets() throws {
        let source = Source("\"é😀\" {")
        let tokens = try source.bytes.withUnsafeBufferPointer { (bytes) throws(SyntaxError) -> [Token] in
            var lexer = Lexer(source: source, bytes: bytes)
            return [try lexer.next(), try lexer.next(), try lexer.next()]
        }
        #expect(tokens.map(\.kind) == [.string, .braceL, .eof])
        #expect(tokens.map(\.start) == [0, 9, 10])
        #expect(tokens.map(\.end) == [8, 10, 10])
    }

    @Test func stringEscapes() throws {
        #expect(try stringValue(#""simple""#) == "simple")
        #expect(try stringValue(#""""#) == "")
        #expect(try stringValue(#"" white space ""#) == " white space ")
        #expect(try stringValue(#""quote \"""#) == "quote \"")
        #expect(try stringValue(#""escaped \n\r\b\t\f\/\\""#) == "escaped \n\r\u{8}\t\u{C}/\\")
        #expect(try stringValue(#""unicode \u1234\u5678\u90AB\uCDEF""#) == "unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}")
        #expect(try stringValue(#""lower \u00e9 upper \u00E9""#) == "lower é upper é")
        #expect(try stringValue(#""variable \u{1F600} \u{0} \u{10FFFF} \u{00000041}""#) == "variable 😀 \u{0} \u{10FFFF} A")
        #expect(try stringValue(#""pair \uD83D\uDE00 lower \ud83d\ude00""#) == "pair 😀 lower 😀")
        #expect(try stringValue("\"unescaped é 😀 \u{1} \u{7F}\"") == "unescaped é 😀 \u{1} \u{7F}")
        #expect(try stringValue(#""\u0000""#) == "\u{0}")
    }

    @Test func invalidStringEscapes() {
        #expect(lexError(#""\x""#) == "Syntax Error: Invalid character escape sequence: '\\x'. @ 1:2")
        #expect(lexError(#""\é""#) == "Syntax Error: Invalid character escape sequence: '\\é'. @ 1:2")
        #expect(lexError("\"\\") == "Syntax Error: Invalid character escape sequence: '\\'. @ 1:2")
        #expect(lexError(#""\u""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u\"'. @ 1:2")
        #expect(lexError(#""\u1""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u1\"'. @ 1:2")
        #expect(lexError(#""\u12é4""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u12é4'. @ 1:2")
        #expect(lexError(#""\uXYZW""#) == "Syntax Error: Invalid Unicode escape sequence: '\\uXYZW'. @ 1:2")
        #expect(lexError(#""\u{}""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u{}'. @ 1:2")
        #expect(lexError(#""\u{110000}""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u{110000}'. @ 1:2")
        #expect(lexError(#""\u{D800}""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u{D800}'. @ 1:2")
        #expect(lexError(#""\u{DFFF}""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u{DFFF}'. @ 1:2")
        #expect(lexError(#""\u{000000041}""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u{000000041'. @ 1:2")
        #expect(lexError(#""\u{1F600""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u{1F600\"'. @ 1:2")
        #expect(lexError(#""\u{1F6é0}""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u{1F6é'. @ 1:2")
        #expect(lexError("\"\\u{1") == "Syntax Error: Invalid Unicode escape sequence: '\\u{1'. @ 1:2")
        // Surrogates must form a pair: a lone leading or trailing half, or a leading half followed by
        // anything but a trailing one, is invalid.
        #expect(lexError(#""\uD83D""#) == "Syntax Error: Invalid Unicode escape sequence: '\\uD83D'. @ 1:2")
        #expect(lexError(#""\uD83Dx""#) == "Syntax Error: Invalid Unicode escape sequence: '\\uD83D'. @ 1:2")
        #expect(lexError(#""\uD83D\u0041""#) == "Syntax Error: Invalid Unicode escape sequence: '\\uD83D'. @ 1:2")
        #expect(lexError(#""\uD83D\uD83D""#) == "Syntax Error: Invalid Unicode escape sequence: '\\uD83D'. @ 1:2")
        #expect(lexError(#""\uDE00""#) == "Syntax Error: Invalid Unicode escape sequence: '\\uDE00'. @ 1:2")
        #expect(lexError(#""\uDE00\uD83D""#) == "Syntax Error: Invalid Unicode escape sequence: '\\uDE00'. @ 1:2")
        #expect(lexError(#"a "ok" "\u{D83D}""#) == "Syntax Error: Invalid Unicode escape sequence: '\\u{D83D}'. @ 1:9")
    }

    @Test func unterminatedStrings() {
        #expect(lexError(#""abc"#) == "Syntax Error: Unterminated string. @ 1:5")
        #expect(lexError("\"abc\ndef\"") == "Syntax Error: Unterminated string. @ 1:5")
        #expect(lexError("\"abc\r\n\"") == "Syntax Error: Unterminated string. @ 1:5")
        #expect(lexError(#""""abc"#) == "Syntax Error: Unterminated string. @ 1:7")
        #expect(lexError("\"\"\"a\nb\"\"") == "Syntax Error: Unterminated string. @ 2:4")
    }

    @Test func blockStrings() throws {
        #expect(try stringValue(#""""""""#) == "")
        #expect(try stringValue(#""""simple""""#) == "simple")
        #expect(try stringValue(#"""" white space """"#) == " white space ")
        #expect(try stringValue(#""""contains " quote""""#) == "contains \" quote")
        #expect(try stringValue(#""""contains \""" triple quote""""#) == "contains \"\"\" triple quote")
        #expect(try stringValue(#""""multi\nline""""#) == "multi\\nline")  // no escapes in block strings
        #expect(try stringValue("\"\"\"multi\nline\r\nnormalized\rhere\"\"\"") == "multi\nline\nnormalized\nhere")
        #expect(try stringValue(#""""unescaped \n\r\b\t\f\u1234""""#) == #"unescaped \n\r\b\t\f\u1234"#)
        #expect(try stringValue("\"\"\"\n\n    spans\n      multiple\n        lines\n\n    \"\"\"") == "spans\n  multiple\n    lines")
        // `\\"""` is a backslash then an escaped triple quote.
        #expect(try stringValue("\"\"\"\\\\\"\"\" end\"\"\"") == "\\\"\"\" end")
        #expect(try stringValue("\"\"\"a \\\"\"\"\"\"\"\"") == "a \"\"\"")
        #expect(try stringValue("\"\"\"  \t\n\t  \n\"\"\"") == "")
    }

    @Test func dedentBlockStringLinesAsGraphQLJS() {
        // The cases of graphql-js `blockString-test.ts`.
        #expect(dedentBlockStringLines([]) == [])
        #expect(dedentBlockStringLines([""]) == [])
        #expect(dedentBlockStringLines(["", " ", "  "]) == [])
        #expect(dedentBlockStringLines(["", "", " value", " ", ""]) == ["value"])
        #expect(dedentBlockStringLines(["", "", "", " value", "", ""]) == ["value"])
        #expect(dedentBlockStringLines(["  value", " "]) == ["  value"])
        #expect(dedentBlockStringLines(["", "    Hello,", "      World!", "", "    Yours,", "      GraphQL."])
            == ["Hello,", "  World!", "", "Yours,", "  GraphQL."])
        #expect(dedentBlockStringLines(["", "  ", "    value", "  "]) == ["value"])
        #expect(dedentBlockStringLines(["  first", "  second", "    third"]) == ["  first", "second", "  third"])
        #expect(dedentBlockStringLines(["\tvalue", "\t\tother"]) == ["\tvalue", "other"])
        #expect(dedentBlockStringLines(["first", "  ", " ", "    second"]) == ["first", "", "", "second"])
        #expect(dedentBlockStringLines(["  a", "  \u{A0}b"]) == ["  a", "\u{A0}b"])  // only space and tab indent
    }

    @Test func blockStringValueAgreesWithDedentBlockStringLines() throws {
        let contents = ["", " ", "\n", "\n a\n  b\n", "x\n  y\n z", "\t\ta\r\n\t\tb\r\t\t", "  \n  first\n\n   second\n  ", "é\n  😀\n   ü"]
        for content in contents {
            let lines = content.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map(String.init)
            let expected = dedentBlockStringLines(lines).joined(separator: "\n")
            #expect(try stringValue("\"\"\"\(content)\"\"\"") == expected)
        }
    }

    @Test func numbers() throws {
        #expect(try lex("4 -4 0 -0 9 123456789012345678901234567890").map(\.kind) == [.int, .int, .int, .int, .int, .int])
        #expect(try lex("4.123 -4.123 0.123 123e4 123E4 123e-4 123e+4 -1.123e4 -1.123E4 -1.123e-4 -1.123e+4 -1.123e4567")
            .allSatisfy { $0.kind == .float })
        #expect(try lex("1 2").map(\.text) == ["1", "2"])
    }

    @Test func invalidNumbers() {
        #expect(lexError("00") == "Syntax Error: Invalid number, unexpected digit after 0: '0'. @ 1:2")
        #expect(lexError("01") == "Syntax Error: Invalid number, unexpected digit after 0: '1'. @ 1:2")
        #expect(lexError("-01") == "Syntax Error: Invalid number, unexpected digit after 0: '1'. @ 1:3")
        #expect(lexError("+1") == "Syntax Error: Unexpected character: '+'. @ 1:1")
        #expect(lexError("1.") == "Syntax Error: Invalid number, expected digit but got: <EOF>. @ 1:3")
        #expect(lexError("1e") == "Syntax Error: Invalid number, expected digit but got: <EOF>. @ 1:3")
        #expect(lexError("1.e1") == "Syntax Error: Invalid number, expected digit but got: 'e'. @ 1:3")
        #expect(lexError(".123") == "Syntax Error: Invalid number, expected digit before '.', did you mean '0.123'? @ 1:1")
        #expect(lexError("1.A") == "Syntax Error: Invalid number, expected digit but got: 'A'. @ 1:3")
        #expect(lexError("-A") == "Syntax Error: Invalid number, expected digit but got: 'A'. @ 1:2")
        #expect(lexError("-") == "Syntax Error: Invalid number, expected digit but got: <EOF>. @ 1:2")
        #expect(lexError("1.0e") == "Syntax Error: Invalid number, expected digit but got: <EOF>. @ 1:5")
        #expect(lexError("1.0eA") == "Syntax Error: Invalid number, expected digit but got: 'A'. @ 1:5")
        #expect(lexError("1.0e\"") == "Syntax Error: Invalid number, expected digit but got: '\"'. @ 1:5")
        #expect(lexError("1.2e3e") == "Syntax Error: Invalid number, expected digit but got: 'e'. @ 1:6")
        #expect(lexError("1.2e3.4") == "Syntax Error: Invalid number, expected digit but got: '.'. @ 1:6")
        #expect(lexError("1.23.4") == "Syntax Error: Invalid number, expected digit but got: '.'. @ 1:5")
        // A name start right after a number is an error; so is `_`.
        #expect(lexError("0xF1") == "Syntax Error: Invalid number, expected digit but got: 'x'. @ 1:2")
        #expect(lexError("0b10") == "Syntax Error: Invalid number, expected digit but got: 'b'. @ 1:2")
        #expect(lexError("123abc") == "Syntax Error: Invalid number, expected digit but got: 'a'. @ 1:4")
        #expect(lexError("1_234") == "Syntax Error: Invalid number, expected digit but got: '_'. @ 1:2")
        // Only ASCII letters start names, so `ß` is not one: the number ends and `ß` is unexpected.
        #expect(lexError("1ß") == "Syntax Error: Unexpected character: U+00DF. @ 1:2")
        #expect(lexError("1.23f") == "Syntax Error: Invalid number, expected digit but got: 'f'. @ 1:5")
        #expect(lexError("1.234_5") == "Syntax Error: Invalid number, expected digit but got: '_'. @ 1:6")
    }

    @Test func unexpectedCharacters() {
        #expect(lexError("..") == "Syntax Error: Unexpected '..', did you mean '...'? @ 1:1")
        #expect(lexError(".") == "Syntax Error: Unexpected character: '.'. @ 1:1")
        #expect(lexError("~") == "Syntax Error: Unexpected character: '~'. @ 1:1")
        #expect(lexError("?") == "Syntax Error: Unexpected character: '?'. @ 1:1")
        #expect(lexError("'") == "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")? @ 1:1")
        #expect(lexError("\u{0}") == "Syntax Error: Unexpected character: U+0000. @ 1:1")
        #expect(lexError("\u{7}") == "Syntax Error: Unexpected character: U+0007. @ 1:1")
        #expect(lexError("\u{A0}") == "Syntax Error: Unexpected character: U+00A0. @ 1:1")
        #expect(lexError("\u{2028}") == "Syntax Error: Unexpected character: U+2028. @ 1:1")
        #expect(lexError("\u{FFFE}") == "Syntax Error: Unexpected character: U+FFFE. @ 1:1")
        #expect(lexError("\u{1F600}") == "Syntax Error: Unexpected character: U+1F600. @ 1:1")
        #expect(lexError("a\n  \r\n  \r  ?") == "Syntax Error: Unexpected character: '?'. @ 4:3")
    }
}
