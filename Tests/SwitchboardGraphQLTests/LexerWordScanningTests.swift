import Testing
@testable import SwitchboardGraphQL

/// The lexer reads names and indentation eight bytes at a time; these check the word tricks against the byte
/// by byte rules, at every position of a word and across the end of the input.
@Suite struct LexerWordScanningTests {
    @Test func nameCharacterFlagsAgreeWithTheByteRule() {
        for position in 0..<8 {
            for value in 0...255 {
                let byte = UInt8(value)
                // The byte under test among name characters, and among non-name characters.
                for filler in [UInt8(ascii: "a"), UInt8(ascii: " ")] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = byte
                    let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                    let flags = nameCharacterFlags(word)
                    for i in 0..<8 {
                        let flagged = (flags >> (8 * UInt64(i) + 7)) & 1 == 1
                        #expect(flagged == isNameContinue(bytes[i]), "byte \(bytes[i]) at \(i)")
                    }
                    #expect(flags & ~0x8080_8080_8080_8080 == 0)
                }
            }
        }
    }

    /// The tokens of `text`, as source text.
    private func tokens(_ text: String) throws -> [String] {
        let source = Source(text)
        return try source.bytes.withUnsafeBufferPointer { bytes in
            var lexer = Lexer(source: source, bytes: bytes)
            var texts: [String] = []
            while true {
                let token = try lexer.next()
                if token.kind == .eof { return texts }
                texts.append(lexer.text(token.start, token.end))
            }
        }
    }

    @Test func namesOfEveryLengthEndWhereTheyShould() throws {
        let characters = Array("aZ_9x")
        for length in 1...20 {
            let name = "n" + String((1..<length).map { characters[$0 % characters.count] })
            #expect(try tokens(name) == [name])
            #expect(try tokens(name + " ") == [name])
            #expect(try tokens(name + "\n") == [name])
            #expect(try tokens(name + "(") == [name, "("])
            #expect(try tokens(name + ":b") == [name, ":", "b"])
            // A non-ASCII character ends the name, and the lexer rejects it.
            #expect(throws: SyntaxError.self) { try tokens(name + "é") }
        }
    }

    @Test func runsOfSpacesOfEveryLengthAreSkipped() throws {
        for count in 0...20 {
            let spaces = String(repeating: " ", count: count)
            #expect(try tokens("{\n" + spaces + "a" + spaces + ",\t" + spaces + "b\n" + spaces + "}") == ["{", "a", "b", "}"])
            #expect(try tokens(spaces) == [])
            #expect(try tokens("a" + spaces) == ["a"])
        }
    }
}
