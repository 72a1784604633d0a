import Testing
@testable import SwitchboardGraphQL

@Suite struct JSONTests {
    @Test func parsesValuesKeepingIntsAndOrder() throws {
        let value = try parseJSON(#" {"b": 1, "a": [true, false, null, -0.5, 1e3, 12345678901234], "s": "\u00e9\ud83d\ude00\n\"", "b": 2} "#)
        #expect(value == ["b": 2, "a": [true, false, nil, -0.5, 1000.0, 12345678901234], "s": "é😀\n\""])
        guard case .object(let object) = value else { return }
        #expect(object.keys == ["b", "a", "s"])
        #expect(try parseJSON("1.0") == .float(1))
        #expect(try parseJSON("123456789012345678901234") == .float(1.2345678901234568e23))
    }

    @Test(arguments: [
        ("", "Unexpected end of input, expected a JSON value at line 1, column 1"),
        ("[1,]", "Unexpected character ']', expected a JSON value at line 1, column 4"),
        ("{\"a\" 1}", "Unexpected character '1', expected ':' at line 1, column 6"),
        ("01", "Invalid number: leading zeros are not allowed at line 1, column 1"),
        ("\"a\tb\"", "Unescaped control character in string at line 1, column 3"),
        ("\"\\ud800\"", "Invalid Unicode escape: unpaired surrogate at line 1, column 2"),
        ("\"\\x\"", "Invalid escape sequence in string at line 1, column 2"),
        ("[1] 2", "Unexpected character '2' after the JSON value at line 1, column 5"),
        ("{\n\"a\": tru}", "Unexpected character 't', expected a JSON value at line 2, column 6"),
        ("1.", "Invalid number: expected a digit after '.' at line 1, column 3"),
    ])
    func rejectsInvalidJSON(text: String, message: String) {
        #expect(throws: JSONError.self) { try parseJSON(text) }
        do {
            _ = try parseJSON(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func enforcesLimits() {
        let deep = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(throws: JSONError.self) { try parseJSON(deep, limits: JSONLimits(maxDepth: 10)) }
        #expect((try? parseJSON(deep, limits: JSONLimits(maxDepth: 20))) != nil)
        #expect(throws: JSONError.self) { try parseJSON("[1, 2, 3]", limits: JSONLimits(maxBytes: 4)) }
    }

    @Test func writesAsJSONStringify() throws {
        let value: GraphQLValue = ["a": [1, 1.5, 1e21, 1e-7, .float(.nan), .float(-0.0)], "s": "q\"\\\n\u{1}é", "n": nil, "t": true]
        #expect(value.jsonString == #"{"a":[1,1.5,1e+21,1e-7,null,0],"s":"q\"\\\n\u0001é","n":null,"t":true}"#)
        #expect(try parseJSON(value.jsonString) == ["a": [1, 1.5, 1e21, 1e-7, nil, 0], "s": "q\"\\\n\u{1}é", "n": nil, "t": true])
    }
}
