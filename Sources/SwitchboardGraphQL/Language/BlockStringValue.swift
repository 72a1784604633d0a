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
/// array of lines; it agrees with `dedentBlockStringLines` applied to the raw lines.
func dedentedBlockStringValue(_ bytes: UnsafeBufferPointer<UInt8>, contentStart: Int, contentEnd: Int) -> String {
    // Pass 1: the common indentation and the first and last non-blank lines.
    var commonIndent = Int.max
    var firstNonEmptyLine = -1
    var lastNonEmptyLine = -1
    var lineIndex = 0
    var p = contentStart
    while true {
        let lineStart = p
        while p < contentEnd && (bytes[p] == 0x20 || bytes[p] == 0x09) { p += 1 }
        let indent = p - lineStart
        while p < contentEnd && bytes[p] != 0x0A && bytes[p] != 0x0D { p += 1 }
        let lineEnd = p
        if indent != lineEnd - lineStart {
            if firstNonEmptyLine < 0 { firstNonEmptyLine = lineIndex }
            lastNonEmptyLine = lineIndex
            if lineIndex != 0 && indent < commonIndent { commonIndent = indent }
        }
        if p >= contentEnd { break }
        p = skipLineTerminator(bytes, p, contentEnd)
        lineIndex += 1
    }
    if firstNonEmptyLine < 0 { return "" }

    // Pass 2: copy the kept lines, dropping the common indentation and the `\` of each `\"""`.
    return String(unsafeUninitializedCapacity: contentEnd - contentStart) { out in
        var written = 0
        lineIndex = 0
        p = contentStart
        while lineIndex <= lastNonEmptyLine {
            let lineStart = p
            while p < contentEnd && bytes[p] != 0x0A && bytes[p] != 0x0D { p += 1 }
            let lineEnd = p
            if lineIndex >= firstNonEmptyLine {
                if lineIndex > firstNonEmptyLine {
                    out[written] = 0x0A
                    written += 1
                }
                var q = lineIndex == 0 || commonIndent >= lineEnd - lineStart ? (lineIndex == 0 ? lineStart : lineEnd) : lineStart + commonIndent
                while q < lineEnd {
                    let b = bytes[q]
                    if b == UInt8(ascii: "\\") && q + 3 < lineEnd
                        && bytes[q + 1] == 0x22 && bytes[q + 2] == 0x22 && bytes[q + 3] == 0x22 {
                        // `\"""` stands for `"""`: drop only the backslash.
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
            }
            if p >= contentEnd { break }
            p = skipLineTerminator(bytes, p, contentEnd)
            lineIndex += 1
        }
        return written
    }
}

/// The offset after the line terminator (`\n`, `\r\n` or `\r`) at `p`.
@inline(__always)
private func skipLineTerminator(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> Int {
    if bytes[p] == 0x0D && p + 1 < end && bytes[p + 1] == 0x0A { return p + 2 }
    return p + 1
}
