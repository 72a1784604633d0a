import Testing
@testable import SwitchboardGraphQL

/// The syntax error parsing `text` raises, as `message @ line:column`, or "OK <token count>".
private func outcome(_ text: String, _ options: ParseOptions = .trusted) -> String {
    do {
        return "OK \(try parse(text, options: options).tokenCount)"
    } catch {
        return "\(error.message) @ \(error.locations.map(\.description).joined(separator: ","))"
    }
}

private func tokens(_ n: Int) -> ParseOptions { ParseOptions(maxTokens: n) }

@Suite struct ParserLimitsTests {
    @Test func presets() {
        #expect(ParseOptions.trusted.maxTokens == nil)
        #expect(ParseOptions.trusted.maxDepth == nil)
        #expect(ParseOptions.trusted.maxBytes == nil)
        #expect(ParseOptions.clientDefaults.maxTokens == 15_000)
        #expect(ParseOptions.clientDefaults.maxDepth == 500)
        #expect(ParseOptions.clientDefaults.maxBytes == 1_048_576)
    }

    /// Expected values from graphql-core 3.3.2 `parse(..., max_tokens=N)`, which counts comments too.
    @Test func maxTokensAsGraphQLCore() {
        let tooMany = "Syntax Error: Document contains more than"
        #expect(outcome("{ a b c }", tokens(5)) == "OK 5")
        #expect(outcome("{ a b c }", tokens(4)) == "\(tooMany) 4 tokens. Parsing aborted. @ 1:9")
        #expect(outcome("{ a b c }", tokens(3)) == "\(tooMany) 3 tokens. Parsing aborted. @ 1:7")
        #expect(outcome("{ a }", tokens(0)) == "\(tooMany) 0 tokens. Parsing aborted. @ 1:1")
        // Comments count, and a run of comments is aborted at the first one past the limit.
        #expect(outcome("{ a # one\n # two\n b }", tokens(3)) == "\(tooMany) 3 tokens. Parsing aborted. @ 2:2")
        #expect(outcome("{ a # one\n # two\n b }", tokens(4)) == "\(tooMany) 4 tokens. Parsing aborted. @ 3:2")
        #expect(outcome("{ a # one\n # two\n b }", tokens(5)) == "\(tooMany) 5 tokens. Parsing aborted. @ 3:4")
        #expect(outcome("{ a } # one\n # two", tokens(5)) == "OK 5")
        #expect(outcome("{ a } # one\n # two", tokens(4)) == "\(tooMany) 4 tokens. Parsing aborted. @ 2:2")
        #expect(outcome("\"d\" # c\n query { a }", tokens(1)) == "\(tooMany) 1 tokens. Parsing aborted. @ 1:5")
        // The token after a description is only peeked at, so this error comes first.
        #expect(outcome("\"d\" { a }", tokens(1))
            == "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries. @ 1:1")
    }

    @Test func clientDefaultsAbortAtFifteenThousandTokens() {
        let document = "{ " + String(repeating: "a ", count: 20_000) + "}"
        #expect(outcome(document, .clientDefaults)
            == "Syntax Error: Document contains more than 15000 tokens. Parsing aborted. @ 1:30001")
        let comments = "{ a }" + String(repeating: "\n#", count: 20_000)
        #expect(outcome(comments, .clientDefaults)
            == "Syntax Error: Document contains more than 15000 tokens. Parsing aborted. @ 14999:1")
        #expect(outcome(document) == "OK 20002")
    }

    @Test func maxBytes() {
        #expect(outcome("{ a }", ParseOptions(maxBytes: 5)) == "OK 3")
        #expect(outcome("{ é }", ParseOptions(maxBytes: 5)) == "Syntax Error: Document is larger than 5 bytes. @ 1:1")
    }

    @Test func maxDepthCountsSelectionSetsValuesAndListTypes() {
        let limit = ParseOptions(maxDepth: 3)
        let exceeds = "Syntax Error: Document exceeds the maximum nesting depth of 3."
        #expect(outcome("{ a { b { c } } }", limit) == "OK 9")
        #expect(outcome("{ a { b { c { d } } } }", limit) == "\(exceeds) @ 1:13")
        #expect(outcome("{ a(x: [[1]]) }", limit) == "OK 12")
        #expect(outcome("{ a(x: [[[1]]]) }", limit) == "\(exceeds) @ 1:10")
        #expect(outcome("{ a(x: {b: {c: 1}}) }", limit) == "OK 16")
        #expect(outcome("{ a(x: {b: [{c: 1}]}) }", limit) == "\(exceeds) @ 1:13")
        // A list type counts from the token after its `[`, as graphql-core's nesting check does.
        #expect(outcome("query ($v: [[[Int]]]) { a }", limit) == "OK 16")
        #expect(outcome("query ($v: [[[[Int]]]]) { a }", limit) == "\(exceeds) @ 1:16")
        #expect(outcome("type T { f: [[[[Int]]]] }", limit) == "\(exceeds) @ 1:17")
    }

    /// graphql-core stops at 200 levels whatever the options; so does this parser, with its message.
    @Test func nestingCeilingAsGraphQLCore() {
        let tooDeep = "Syntax Error: Document is nested too deeply. Parsing aborted."
        func selections(_ n: Int) -> String { "{" + String(repeating: "a{", count: n - 1) + "a" + String(repeating: "}", count: n) }
        func lists(_ n: Int) -> String { "{a(x:" + String(repeating: "[", count: n) + String(repeating: "]", count: n) + ")}" }
        func listTypes(_ n: Int) -> String { "query($a:" + String(repeating: "[", count: n) + "Int" + String(repeating: "]", count: n) + "){a}" }
        func objects(_ n: Int) -> String { "{a(x:" + String(repeating: "{a:", count: n) + "1" + String(repeating: "}", count: n) + ")}" }
        #expect(outcome(selections(200)) == "OK 600")
        #expect(outcome(selections(201)) == "\(tooDeep) @ 1:401")
        #expect(outcome(lists(199)).hasPrefix("OK"))
        #expect(outcome(lists(200)) == "\(tooDeep) @ 1:205")
        #expect(outcome(listTypes(200)).hasPrefix("OK"))
        #expect(outcome(listTypes(201)) == "\(tooDeep) @ 1:211")
        #expect(outcome(objects(199)).hasPrefix("OK"))
        #expect(outcome(objects(200)) == "\(tooDeep) @ 1:603")
        // A maxDepth above the ceiling changes nothing.
        #expect(outcome(selections(201), .clientDefaults) == "\(tooDeep) @ 1:401")
    }

    /// 100,000 unclosed brackets or braces end in a syntax error quickly, without deep recursion.
    @Test func hugeNestingFailsFast() {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let tooDeep = "Syntax Error: Document is nested too deeply. Parsing aborted."
            #expect(outcome(String(repeating: "{", count: 100_000)) == "Syntax Error: Expected Name, found '{'. @ 1:2")
            #expect(outcome("{a(x:" + String(repeating: "[", count: 100_000) + ")}") == "\(tooDeep) @ 1:205")
            #expect(outcome("query($a:" + String(repeating: "[", count: 100_000)) == "\(tooDeep) @ 1:211")
            #expect(outcome("{a(x:" + String(repeating: "{a:", count: 100_000)) == "\(tooDeep) @ 1:603")
            #expect(outcome("{" + String(repeating: "a{", count: 100_000)) == "\(tooDeep) @ 1:401")
            #expect(outcome(String(repeating: "{ ... on T ", count: 100_000)) == "\(tooDeep) @ 1:2201")
            do {
                _ = try parseType(Source(String(repeating: "[", count: 100_000)))
                Issue.record("expected an error")
            } catch let error as GraphQLError {
                #expect(error.message == tooDeep)
                #expect(error.locations == [SourceLocation(line: 1, column: 202)])
            } catch {
                Issue.record("unexpected error \(error)")
            }
            do {
                _ = try parseValue(Source(String(repeating: "[", count: 100_000)))
                Issue.record("expected an error")
            } catch let error as GraphQLError {
                #expect(error.message == tooDeep)
                #expect(error.locations == [SourceLocation(line: 1, column: 201)])
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        // Milliseconds in release builds; the bound leaves room for debug builds on a busy machine.
        #expect(elapsed < .milliseconds(500))
    }

    @Test func malformedInputNeverCrashes() {
        // A few shapes that stress the lexer's bounds: truncated escapes, lone quotes and dots at
        // the very end of the input.
        let inputs = ["\"", "\"\"", "\"\"\"", "\"\"\"\"", "\"\\", "\"\\u", "\"\\u{", "\"\\u{1F", "\"\\uD83D\\", "\"\\uD83D\\u", "\"\\uD83D\\uDE",
                      ".", "..", "-", "0", "0.", "0e", "0e+", "#", "\u{FEFF}", "\u{EF}", "\r", "\\", "$", "@", "\"\"\"\\\"\"", "\"\"\"\\\"\"\""]
        for input in inputs {
            _ = outcome(input)
            _ = outcome(input, .clientDefaults)
        }
    }
}
