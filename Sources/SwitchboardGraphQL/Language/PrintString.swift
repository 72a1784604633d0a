/// Printing a string as a GraphQL string literal, as graphql-js `printString` does.

/// The string as a quoted GraphQL `StringValue`: `"` and `\` escaped, the common control characters as
/// `\b \t \n \f \r`, and every other C0 or C1 control character (U+0000–U+001F, U+007F–U+009F) as `\u00XX`.
public func printString(_ value: String) -> String {
    var output = ""
    output.reserveCapacity(value.utf8.count + 2)
    appendPrintedString(value, to: &output)
    return output
}

/// Appends `printString(value)` to `output` without building it separately first.
func appendPrintedString(_ value: String, to output: inout String) {
    output.append("\"")
    let utf8 = value.utf8
    // Copy the runs between escapes whole; every escaped character starts a scalar, so runs are valid strings.
    var runStart = utf8.startIndex
    var index = runStart
    while index != utf8.endIndex {
        let byte = utf8[index]
        var escape: String?
        var escapedByteCount = 1
        switch byte {
        case 0x22: escape = "\\\""
        case 0x5C: escape = "\\\\"
        case 0x08: escape = "\\b"
        case 0x09: escape = "\\t"
        case 0x0A: escape = "\\n"
        case 0x0C: escape = "\\f"
        case 0x0D: escape = "\\r"
        case 0x00...0x1F, 0x7F:
            escape = unicodeEscape(byte)
        case 0xC2:
            // U+0080–U+009F (the C1 controls) are encoded as C2 80 … C2 9F.
            let next = utf8.index(after: index)
            if next != utf8.endIndex, (0x80...0x9F).contains(utf8[next]) {
                escape = unicodeEscape(utf8[next])
                escapedByteCount = 2
            }
        default:
            break
        }
        if let escape {
            output.append(contentsOf: value[runStart..<index])
            output.append(escape)
            index = utf8.index(index, offsetBy: escapedByteCount)
            runStart = index
        } else {
            index = utf8.index(after: index)
        }
    }
    output.append(contentsOf: value[runStart..<index])
    output.append("\"")
}

/// `\u00XX` with upper-case hex digits, as graphql-js writes it.
private func unicodeEscape(_ codeUnit: UInt8) -> String {
    let hexDigits = Array("0123456789ABCDEF".unicodeScalars)
    var escape = "\\u00"
    escape.unicodeScalars.append(hexDigits[Int(codeUnit >> 4)])
    escape.unicodeScalars.append(hexDigits[Int(codeUnit & 0x0F)])
    return escape
}
