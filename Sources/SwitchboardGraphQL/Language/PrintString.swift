/// Printing a string as a GraphQL string literal, as graphql-js `printString` does.

/// The string as a quoted GraphQL `StringValue`: `"` and `\` escaped, the common control characters as
/// `\b \t \n \f \r`, and every other C0 or C1 control character (U+0000–U+001F, U+007F–U+009F) as `\u00XX`.
public func printString(_ value: String) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(value.utf8.count + 2)
    appendPrintedString(value, to: &output)
    return String(decoding: output, as: UTF8.self)
}

/// Appends the UTF-8 of `printString(value)` to `output`.
func appendPrintedString(_ value: String, to output: inout [UInt8]) {
    var value = value
    value.withUTF8 { bytes in
        output.append(0x22)
        // Copy the runs between escapes whole.
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let escapedByteCount: Int
            switch byte {
            case 0x22, 0x5C, 0x00...0x1F, 0x7F:
                escapedByteCount = 1
            case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                // U+0080–U+009F (the C1 controls) are encoded as C2 80 … C2 9F.
                escapedByteCount = 2
            default:
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            appendEscape(of: escapedByteCount == 1 ? byte : bytes[index + 1], to: &output)
            index += escapedByteCount
            runStart = index
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        output.append(0x22)
    }
}

/// The escape of a character below U+00A0 that needs one: `\"`, `\\`, a short escape or `\u00XX` (upper case).
private func appendEscape(of codePoint: UInt8, to output: inout [UInt8]) {
    let backslash: UInt8 = 0x5C
    switch codePoint {
    case 0x22: output.append(contentsOf: [backslash, 0x22])
    case 0x5C: output.append(contentsOf: [backslash, backslash])
    case 0x08: output.append(contentsOf: [backslash, UInt8(ascii: "b")])
    case 0x09: output.append(contentsOf: [backslash, UInt8(ascii: "t")])
    case 0x0A: output.append(contentsOf: [backslash, UInt8(ascii: "n")])
    case 0x0C: output.append(contentsOf: [backslash, UInt8(ascii: "f")])
    case 0x0D: output.append(contentsOf: [backslash, UInt8(ascii: "r")])
    default:
        let hexDigits: StaticString = "0123456789ABCDEF"
        let digit = { (value: UInt8) in hexDigits.utf8Start[Int(value)] }
        output.append(contentsOf: [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                   digit(codePoint >> 4), digit(codePoint & 0x0F)])
    }
}
