/// Printing block strings (`"""…"""`), as graphql-js `printBlockString` and `isPrintableAsBlockString` do.

private let quote: UInt8 = 0x22
private let backslash: UInt8 = 0x5C
private let space: UInt8 = 0x20
private let tab: UInt8 = 0x09
private let lineFeed: UInt8 = 0x0A
private let carriageReturn: UInt8 = 0x0D

/// The value as a block string literal. Adds a leading and a trailing line break when that reads better (several
/// lines, a long line, a quote or backslash at the end) unless `minimize`; escapes `"""` as `\"""`.
///
/// The caller must have checked `isPrintableAsBlockString(value)` if the literal has to parse back to `value`.
public func printBlockString(_ value: String, minimize: Bool = false) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(value.utf8.count + 8)
    appendPrintedBlockString(value, minimize: minimize, indentation: [], to: &output)
    return String(decoding: output, as: UTF8.self)
}

/// Appends the UTF-8 of `printBlockString(value, minimize:)` to `output`, with `indentation` after each of its line
/// feeds (the printer indents a block string's lines with the block it is in).
func appendPrintedBlockString(_ value: String, minimize: Bool, indentation: [UInt8], to output: inout [UInt8]) {
    var value = value
    value.withUTF8 { bytes in
        let layout = BlockStringLayout(bytes, minimize: minimize)
        output.append(contentsOf: [quote, quote, quote])
        if layout.leadingLineBreak {
            output.append(lineFeed)
            output.append(contentsOf: indentation)
        }
        if !layout.hasTripleQuotes && !layout.hasLineFeed {
            output.append(contentsOf: bytes)
        } else {
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == quote, index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
                    output.append(contentsOf: [backslash, quote, quote, quote])
                    index += 3
                    continue
                }
                output.append(byte)
                if byte == lineFeed { output.append(contentsOf: indentation) }
                index += 1
            }
        }
        if layout.trailingLineBreak {
            output.append(lineFeed)
            output.append(contentsOf: indentation)
        }
        output.append(contentsOf: [quote, quote, quote])
    }
}

/// graphql-js's decisions for printing one block string, made in one pass over its UTF-8.
private struct BlockStringLayout {
    var leadingLineBreak: Bool
    var trailingLineBreak: Bool
    var hasTripleQuotes = false
    var hasLineFeed = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, minimize: Bool) {
        // Lines are split on LF, CR and CRLF. Leading white space on every line but the first would be taken for
        // common indentation and removed when parsed back, unless a leading line break comes first.
        var lineCount = 1
        var everyLaterLineIsBlankOrIndented = true
        var scalarCount = 0
        var quoteRun = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte & 0xC0 != 0x80 { scalarCount += 1 }
            if byte == quote {
                quoteRun += 1
                if quoteRun >= 3 { hasTripleQuotes = true }
                continue
            }
            quoteRun = 0
            guard byte == lineFeed || byte == carriageReturn else { continue }
            if byte == lineFeed { hasLineFeed = true }
            if byte == carriageReturn, index < bytes.count, bytes[index] == lineFeed {
                hasLineFeed = true
                scalarCount += 1
                index += 1
            }
            lineCount += 1
            if index < bytes.count {
                let next = bytes[index]
                if next != lineFeed && next != carriageReturn && next != space && next != tab {
                    everyLaterLineIsBlankOrIndented = false
                }
            }
        }
        let isSingleLine = lineCount == 1
        let forceLeadingNewLine = lineCount > 1 && everyLaterLineIsBlankOrIndented

        // `"""` is escaped left to right, so the value ends in an escaped `\"""` when it ends in a run of quotes
        // whose length is a multiple of three. Trailing triple quotes just look confusing; they do not force a
        // trailing line break.
        let hasTrailingTripleQuotes = quoteRun > 0 && quoteRun % 3 == 0
        // A trailing quote or backslash would merge with the closing `"""`.
        let hasTrailingQuote = bytes.last == quote && !hasTrailingTripleQuotes
        let hasTrailingBackslash = bytes.last == backslash
        let forceTrailingNewLine = hasTrailingQuote || hasTrailingBackslash

        let printAsMultipleLines = !minimize && (
            !isSingleLine
                || scalarCount > 70
                || forceTrailingNewLine
                || forceLeadingNewLine
                || hasTrailingTripleQuotes
        )

        // A leading line break would strip the white space a single line starts with.
        let skipLeadingNewLine = isSingleLine && (bytes.first == space || bytes.first == tab)
        leadingLineBreak = (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine
        trailingLineBreak = printAsMultipleLines || forceTrailingNewLine
    }
}

/// Whether `printBlockString(value)` parses back to exactly `value`: no control characters U+0000–U+000F other
/// than tab and line feed (a CR would become LF), no leading or trailing blank line, and no indentation shared
/// by every line after the first (it would be removed as common indentation).
public func isPrintableAsBlockString(_ value: String) -> Bool {
    if value.isEmpty { return true }

    var isEmptyLine = true
    var hasIndent = false
    var hasCommonIndent = true
    var seenNonEmptyLine = false

    for byte in value.utf8 {
        switch byte {
        case lineFeed:
            if isEmptyLine && !seenNonEmptyLine { return false }  // a leading blank line
            seenNonEmptyLine = true
            isEmptyLine = true
            hasIndent = false
        case space, tab:
            hasIndent = hasIndent || isEmptyLine
        case 0x00...0x0F:
            return false  // non-printable, or CR
        default:
            hasCommonIndent = hasCommonIndent && hasIndent
            isEmptyLine = false
        }
    }

    if isEmptyLine { return false }  // a trailing blank line
    if hasCommonIndent && seenNonEmptyLine { return false }  // indentation common to the later lines
    return true
}
