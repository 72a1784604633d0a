import Testing
@testable import SwitchboardGraphQL

/// `suggestionList` and `didYouMean`, with results computed by graphql-core's `suggestion_list` and `did_you_mean`.
@Suite struct SuggestionListTests {
    @Test func emptyInputsAndOptions() {
        #expect(suggestionList("", []) == [])
        #expect(suggestionList("", ["a"]) == ["a"])
    }

    @Test func suggestsOptionsWithinTheThreshold() {
        #expect(suggestionList("greenish", ["green"]) == ["green"])
        #expect(suggestionList("green", ["greenish"]) == ["greenish"])
        #expect(suggestionList("abc", ["ab", "ac", "b", "abcd", "abcde", "x"]) == ["ab", "abcd", "ac", "abcde", "b"])
        #expect(suggestionList("abc", ["a", "b", "c", "abc"]) == ["abc", "a", "b", "c"])
    }

    @Test func caseChangesCountAsOneEdit() {
        #expect(suggestionList("ab", ["ab", "Ab", "AB", "ba"]) == ["ab", "AB", "Ab", "ba"])
        #expect(suggestionList("GREEN", ["green"]) == ["green"])
    }

    @Test func transpositionsCountAsOneEdit() {
        #expect(suggestionList("abc", ["acb", "bac", "cba"]) == ["acb", "bac", "cba"])
    }

    @Test func tiesAreInNaturalOrder() {
        #expect(suggestionList("a10", ["a2", "a10", "a1", "A1"]) == ["a10", "A1", "a1", "a2"])
        #expect(suggestionList("field10", ["field2", "field10", "field1", "field11", "field9"])
            == ["field10", "field1", "field11", "field2", "field9"])
    }

    @Test func eachOptionOnce() {
        #expect(suggestionList("dog", ["dog", "dgo", "dog", "dgo"]) == ["dog", "dgo"])
    }

    @Test func naturalCompareOrdersDigitRunsByValue() {
        #expect(naturalCompare("a2", "a10") < 0)
        #expect(naturalCompare("a10", "a2") > 0)
        #expect(naturalCompare("a01", "a1") < 0)
        #expect(naturalCompare("abc", "abc") == 0)
        #expect(naturalCompare("B", "a") < 0)
    }

    @Test func didYouMeanWordsUpToFiveSuggestions() {
        #expect(didYouMean([]) == "")
        #expect(didYouMean(["A"]) == " Did you mean 'A'?")
        #expect(didYouMean(["A", "B"]) == " Did you mean 'A' or 'B'?")
        #expect(didYouMean(["A", "B", "C", "D", "E", "F"], "the enum value") == " Did you mean the enum value 'A', 'B', 'C', 'D', or 'E'?")
    }
}
