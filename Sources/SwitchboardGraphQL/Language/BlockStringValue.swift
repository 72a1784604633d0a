/// The spec's `BlockStringValue()`: graphql-js `dedentBlockStringLines`.
///
/// Removes the common indentation of all lines but the first, then the leading and trailing
/// blank lines (lines of only spaces and tabs).
public func dedentBlockStringLines(_ lines: [String]) -> [String] {
    var commonIndent = Int.max
    var firstNonEmptyLine: Int?
    var lastNonEmptyLine = -1
    for (i, line) in lines.enumerated() {
        let utf8 = line.utf8
        let indent = utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
        if indent == utf8.count { continue }  // blank line
        if firstNonEmptyLine == nil { firstNonEmptyLine = i }
        lastNonEmptyLine = i
        if i != 0 && indent < commonIndent { commonIndent = indent }
    }
    guard let first = firstNonEmptyLine else { return [] }
    return (first...lastNonEmptyLine).map { i in
        // The removed prefix is white space, so dropping UTF-8 code units drops whole characters.
        i == 0 ? lines[i] : String(decoding: lines[i].utf8.dropFirst(commonIndent), as: UTF8.self)
    }
}

/// The value of a block string whose raw content (between the triple quotes) is
/// `bytes[contentStart..<contentEnd]`: `\"""` unescaped, lines dedented and joined with `\n`.
///
/// Works on the bytes in two passes over the lines (measure, then copy) so that it makes no
/// array of lines; it agrees with `dedentBlockStringLines` applied to the raw lines. Without
/// `\"""` in the content (`hasEscape` false) each kept line is copied in one block.
func dedentedBlockStringValue(_ bytes: UnsafeBufferPointer<UInt8>, contentStart: Int, contentEnd: Int, hasEscape: Bool) -> String {
    // Pass 1: the common indentation and the first and last non-blank lines.
    var commonIndent = Int.max
    var firstNonEmptyLine = -1
    var lastNonEmptyLine = -1
    // The last non-blank line, from its first non-blank character (or its start, on the first line).
    var lastLineFrom = 0, lastLineEnd = 0
    var lineIndex = 0
    var p = contentStart
    while true {
        let lineStart = p
        while p < contentEnd && (bytes[p] == 0x20 || bytes[p] == 0x09) { p += 1 }
        let indent = p - lineStart
        p = firstIndex(of: 0x0A, or: 0x0D, in: bytes, from: p, to: contentEnd)
        if indent != p - lineStart {
            if firstNonEmptyLine < 0 { firstNonEmptyLine = lineIndex }
            lastNonEmptyLine = lineIndex
            if lineIndex != 0 && indent < commonIndent { commonIndent = indent }
            lastLineFrom = lineIndex == 0 ? lineStart : lineStart + indent
            lastLineEnd = p
        }
        if p >= contentEnd { break }
        p = skipLineTerminator(bytes, p, contentEnd)
        lineIndex += 1
    }
    if firstNonEmptyLine < 0 { return "" }
    // Most descriptions are one line between the quotes' lines: that line without its indentation, which is
    // the common indentation when it is the only line.
    if firstNonEmptyLine == lastNonEmptyLine && !hasEscape {
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lastLineFrom..<lastLineEnd]), as: UTF8.self)
    }

    // Pass 2: copy the kept lines, dropping the common indentation and the `\` of each `\"""`.
    return String(unsafeUninitializedCapacity: contentEnd - contentStart) { out in
        var written = 0
        lineIndex = 0
        p = contentStart
        while lineIndex <= lastNonEmptyLine {
            let lineStart = p
            p = firstIndex(of: 0x0A, or: 0x0D, in: bytes, from: p, to: contentEnd)
            let lineEnd = p
            if lineIndex >= firstNonEmptyLine {
                if lineIndex > firstNonEmptyLine {
                    out[written] = 0x0A
                    written += 1
                }
                // Lines after the first lose the common indentation (all of it, if they are shorter).
                let from = lineIndex == 0 ? lineStart : lineEnd - lineStart <= commonIndent ? lineEnd : lineStart + commonIndent
                if hasEscape {
                    written += copyUnescapingTripleQuotes(bytes, from: from, to: lineEnd, into: out, at: written)
                } else if lineEnd > from {
                    UnsafeMutableRawPointer(out.baseAddress! + written)
                        .copyMemory(from: bytes.baseAddress! + from, byteCount: lineEnd - from)
                    written += lineEnd - from
                }
            }
            if p >= contentEnd { break }
            p = skipLineTerminator(bytes, p, contentEnd)
            lineIndex += 1
        }
        return written
    }
}

/// Copies `bytes[from..<end]` to `out` at `at`, writing each `\"""` as `"""`; returns the count written.
private func copyUnescapingTripleQuotes(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int,
                                        into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
    var written = start
    var q = from
    while q < end {
        let b = bytes[q]
        if b == UInt8(ascii: "\\") && q + 3 < end && bytes[q + 1] == 0x22 && bytes[q + 2] == 0x22 && bytes[q + 3] == 0x22 {
            out[written] = 0x22
            out[written + 1] = 0x22
            out[written + 2] = 0x22
            written += 3
            q += 4
            continue
        }
        out[written] = b
        written += 1
        q += 1
    }
    return written - start
}

/// The offset after the line terminator (`\n`, `\r\n` or `\r`) at `p`.
@inline(__always)
private func skipLineTerminator(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> Int {
    if bytes[p] == 0x0D && p + 1 < end && bytes[p + 1] == 0x0A { return p + 2 }
    return p + 1
}
