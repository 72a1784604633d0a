import Testing
@testable import SwitchboardGraphQL

@Suite struct SourceTests {
    @Test func lineAndColumnCountCRLFAndUTF16() {
        let source = Source("ab\r\ncd\ré😀x\ny")
        #expect(source.location(at: 0) == SourceLocation(line: 1, column: 1))
        #expect(source.location(at: 4) == SourceLocation(line: 2, column: 1))
        // Line 3 starts after the lone CR; "é" is one UTF-16 unit, "😀" two.
        let x = Array("ab\r\ncd\ré😀".utf8).count
        #expect(source.location(at: x) == SourceLocation(line: 3, column: 4))
        #expect(source.location(at: x + 2) == SourceLocation(line: 4, column: 1))
    }

    @Test func orderedDictionaryKeepsOrderAndRemoves() {
        var d: OrderedDictionary<String, Int> = ["b": 1, "a": 2, "c": 3]
        d["a"] = nil
        d["d"] = 4
        d["b"] = 5
        #expect(d.keys == ["b", "c", "d"])
        #expect(d.values == [5, 3, 4])
        #expect(d["c"] == 3)
    }
}
