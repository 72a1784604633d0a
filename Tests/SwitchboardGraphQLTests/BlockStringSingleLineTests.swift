import Testing
@testable import SwitchboardGraphQL

/// A block string with one non-blank line takes a shortcut (`dedentedBlockStringValue`); it must agree with
/// graphql-js `dedentBlockStringLines` wherever that line is and whatever white space surrounds it.
@Suite struct BlockStringSingleLineTests {
    private func value(_ text: String) throws -> String {
        let source = Source(text)
        return try source.withUTF8 { bytes in
            var lexer = Lexer(source: source, bytes: bytes)
            let token = try lexer.next()
            #expect(token.kind == .blockString)
            return lexer.blockStringValue(of: token)
        }
    }

    @Test func oneLineAnywhereAgreesWithDedentBlockStringLines() throws {
        let lines = ["text", " text ", "\ttext\t", "  two  words  ", "é ü 😀", "a"]
        let blanks = ["", " ", "  \t", "\t"]
        let terminators = ["\n", "\r\n", "\r"]
        for line in lines {
            for before in blanks {
                for after in blanks {
                    for terminator in terminators {
                        for content in [line + terminator + after, before + terminator + line,
                                        before + terminator + line + terminator + after,
                                        terminator + terminator + line + terminator + terminator + after] {
                            let split = content.split(omittingEmptySubsequences: false,
                                                      whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                            let expected = dedentBlockStringLines(split.map(String.init)).joined(separator: "\n")
                            #expect(try value("\"\"\"" + content + "\"\"\"") == expected, "\(content.debugDescription)")
                        }
                    }
                }
            }
        }
    }

    @Test func anEscapedTripleQuoteOnTheOneLineIsUnescaped() throws {
        #expect(try value("\"\"\"\n  say \\\"\"\" here\n  \"\"\"") == "say \"\"\" here")
    }
}
