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
    let bytes = Array(value.utf8)

    var escaped: [UInt8] = []
    escaped.reserveCapacity(bytes.count + 8)
    var index = 0
    while index < bytes.count {
        if bytes[index] == quote, index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
            escaped.append(contentsOf: [backslash, quote, quote, quote])
            index += 3
        } else {
            escaped.append(bytes[index])
            index += 1
        }
    }

    // Lines are split on LF, CR and CRLF. Leading white space on every line but the first would be taken for
    // common indentation and removed when parsed back, unless a leading line break comes first.
    var lineCount = 1
    var everyLaterLineIsBlankOrIndented = true
    index = 0
    while index < bytes.count {
        let byte = bytes[index]
        guard byte == lineFeed || byte == carriageReturn else {
            index += 1
            continue
        }
        if byte == carriageReturn, index + 1 < bytes.count, bytes[index + 1] == lineFeed { index += 1 }
        index += 1
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

    // Trailing triple quotes just look confusing; they do not force a trailing line break.
    let hasTrailingTripleQuotes = escaped.count >= 4 && escaped.suffix(4).elementsEqual([backslash, quote, quote, quote])
    // A trailing quote or backslash would merge with the closing `"""`.
    let hasTrailingQuote = bytes.last == quote && !hasTrailingTripleQuotes
    let hasTrailingBackslash = bytes.last == backslash
    let forceTrailingNewLine = hasTrailingQuote || hasTrailingBackslash

    let printAsMultipleLines = !minimize && (
        !isSingleLine
            || value.unicodeScalars.count > 70
            || forceTrailingNewLine
            || forceLeadingNewLine
            || hasTrailingTripleQuotes
    )

    // A leading line break would strip the white space a single line starts with.
    let skipLeadingNewLine = isSingleLine && (bytes.first == space || bytes.first == tab)
    let before = (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine
    let after = printAsMultipleLines || forceTrailingNewLine

    var output: [UInt8] = []
    output.reserveCapacity(escaped.count + 8)
    output.append(contentsOf: [quote, quote, quote])
    if before { output.append(lineFeed) }
    output.append(contentsOf: escaped)
    if after { output.append(lineFeed) }
    output.append(contentsOf: [quote, quote, quote])
    return String(decoding: output, as: UTF8.self)
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
