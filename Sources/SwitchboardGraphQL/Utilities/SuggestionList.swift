/// Picks, from `options`, the ones close enough to `input` to suggest, best first (graphql-js `suggestionList`).
///
/// An option qualifies when its lexical distance to `input` is at most 40% of the input's length (plus one);
/// ties are broken by natural order (`a2` before `a10`).
public func suggestionList(_ input: String, _ options: some Sequence<String>) -> [String] {
    var distance = LexicalDistance(input)
    let threshold = Int(Double(distance.inputLength) * 0.4) + 1
    var scored: [(option: String, distance: Int)] = []
    for option in options {
        guard let d = distance.measure(option, threshold: threshold) else { continue }
        // Options are keys of a map in graphql-js: each is suggested once.
        if scored.contains(where: { $0.option == option }) { continue }
        scored.append((option, d))
    }
    // A stable sort, as Python's and JavaScript's are.
    let sorted = scored.enumerated().sorted { a, b in
        if a.element.distance != b.element.distance { return a.element.distance < b.element.distance }
        let order = naturalCompare(a.element.option, b.element.option)
        if order != 0 { return order < 0 }
        return a.offset < b.offset
    }
    return sorted.map(\.element.option)
}

/// The number of edits (insert, delete, substitute, or swap two adjacent characters) between two strings,
/// ignoring case except that a difference only in case counts as one edit.
struct LexicalDistance {
    private let input: String
    private let inputLowerCase: String
    private let inputScalars: [UInt32]
    /// The input's length in code points, which sets the threshold.
    let inputLength: Int
    /// Reused for each option: its lower-cased code points, and three rows of the distance matrix.
    private var optionScalars: [UInt32] = []
    private var rows: [Int] = []

    init(_ input: String) {
        self.input = input
        self.inputLowerCase = input.lowercased()
        self.inputScalars = inputLowerCase.unicodeScalars.map(\.value)
        self.inputLength = input.unicodeScalars.count
    }

    mutating func measure(_ option: String, threshold: Int) -> Int? {
        if input == option { return 0 }
        lowerCase(option)
        // Any case change counts as a single edit.
        if optionScalars == inputScalars { return 1 }

        let optionIsLonger = optionScalars.count >= inputScalars.count
        let aLength = optionIsLonger ? optionScalars.count : inputScalars.count
        let bLength = optionIsLonger ? inputScalars.count : optionScalars.count
        if aLength - bLength > threshold { return nil }

        let width = bLength + 1
        if rows.count < 3 * width { rows = [Int](repeating: 0, count: 3 * width) }
        return optionScalars.withUnsafeBufferPointer { optionBuffer in
            inputScalars.withUnsafeBufferPointer { inputBuffer in
                rows.withUnsafeMutableBufferPointer { rows in
                    let a = optionIsLonger ? optionBuffer : inputBuffer
                    let b = optionIsLonger ? inputBuffer : optionBuffer
                    for j in 0...bLength { rows[j] = j }
                    if aLength >= 1 {
                        for i in 1...aLength {
                            let up = ((i - 1) % 3) * width, current = (i % 3) * width
                            var smallestCell = i
                            rows[current] = i
                            if bLength >= 1 {
                                for j in 1...bLength {
                                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                                    var cell = min(rows[up + j] + 1, rows[current + j - 1] + 1, rows[up + j - 1] + cost)
                                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                                        // Transposition.
                                        cell = min(cell, rows[((i - 2) % 3) * width + j - 2] + 1)
                                    }
                                    smallestCell = min(cell, smallestCell)
                                    rows[current + j] = cell
                                }
                            }
                            // Early exit: the distance cannot be smaller than the smallest cell of this row.
                            if smallestCell > threshold { return nil }
                        }
                    }
                    let distance = rows[(aLength % 3) * width + bLength]
                    return distance <= threshold ? distance : nil
                }
            }
        }
    }

    /// Fills `optionScalars` with the option's lower-cased code points (without building a string for ASCII).
    private mutating func lowerCase(_ option: String) {
        optionScalars.removeAll(keepingCapacity: true)
        var isASCII = true
        for byte in option.utf8 {
            if byte >= 0x80 { isASCII = false; break }
            optionScalars.append(UInt32(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte))
        }
        if !isASCII {
            optionScalars.removeAll(keepingCapacity: true)
            for scalar in option.lowercased().unicodeScalars { optionScalars.append(scalar.value) }
        }
    }
}

/// Compares strings with runs of digits compared by their numeric value (`a2` < `a10`), as graphql-core's
/// `natural_comparison_key`: negative, zero or positive.
func naturalCompare(_ a: String, _ b: String) -> Int {
    let x = naturalKey(a), y = naturalKey(b)
    for (p, q) in zip(x, y) {
        let order = p.compare(q)
        if order != 0 { return order }
    }
    return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
}

/// One part of a natural sort key: text, or a run of digits with its value.
private enum NaturalKeyPart {
    case text([UInt32])
    case number(value: [UInt8], digits: [UInt32])

    func compare(_ other: NaturalKeyPart) -> Int {
        switch (self, other) {
        case (.text(let a), .text(let b)):
            return lexicographic(a, b)
        case (.number(let a, let ad), .number(let b, let bd)):
            // Values without leading zeros compare by length, then digit by digit.
            if a.count != b.count { return a.count < b.count ? -1 : 1 }
            let byValue = lexicographic(a, b)
            return byValue != 0 ? byValue : lexicographic(ad, bd)
        // Parts alternate text, digits, text…, so kinds always match at one position.
        case (.text, .number): return -1
        case (.number, .text): return 1
        }
    }
}

private func lexicographic<T: Comparable>(_ a: [T], _ b: [T]) -> Int {
    for (p, q) in zip(a, b) where p != q { return p < q ? -1 : 1 }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

/// Splits into alternating text and digit runs, starting (and ending) with text, possibly empty.
private func naturalKey(_ s: String) -> [NaturalKeyPart] {
    var parts: [NaturalKeyPart] = []
    var text: [UInt32] = []
    var digits: [UInt32] = []
    func flushDigits() {
        let value = Array(digits.drop { $0 == 0x30 }.map { UInt8($0 - 0x30) })
        parts.append(.number(value: value, digits: digits))
        digits.removeAll()
    }
    for scalar in s.unicodeScalars {
        let v = scalar.value
        if v >= 0x30 && v <= 0x39 {
            if digits.isEmpty {
                parts.append(.text(text))
                text.removeAll()
            }
            digits.append(v)
        } else {
            if !digits.isEmpty { flushDigits() }
            text.append(v)
        }
    }
    if !digits.isEmpty { flushDigits() }
    parts.append(.text(text))
    return parts
}
