/// Renders values in error messages the way graphql-js `inspect` does: `"abc"`, `[1, 2]`, `{ a: true }`.
public func inspect(_ value: GraphQLValue) -> String {
    inspect(value, depth: 0)
}

private let maxInspectDepth = 2
private let maxInspectItems = 10

private func inspect(_ value: GraphQLValue, depth: Int) -> String {
    switch value {
    case .null: return "null"
    case .boolean(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let d): return jsNumberString(d)
    case .string(let s): return jsonQuoted(s)
    case .list(let items):
        if items.isEmpty { return "[]" }
        if depth >= maxInspectDepth { return "[Array]" }
        var parts = items.prefix(maxInspectItems).map { inspect($0, depth: depth + 1) }
        if items.count > maxInspectItems {
            let remaining = items.count - maxInspectItems
            parts.append(remaining == 1 ? "... 1 more item" : "... \(remaining) more items")
        }
        return "[" + parts.joined(separator: ", ") + "]"
    case .object(let fields):
        if fields.isEmpty { return "{}" }
        if depth >= maxInspectDepth { return "[Object]" }
        let parts = fields.map { key, value in "\(key): \(inspect(value, depth: depth + 1))" }
        return "{ " + parts.joined(separator: ", ") + " }"
    }
}

/// A Double as JavaScript's `String(number)` writes it: `1`, `1.5`, `1e+21`, `NaN`, `Infinity`.
public func jsNumberString(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if d == 0 { return "0" }
    if d.rounded(.towardZero) == d && abs(d) < 1e21 {
        if abs(d) < 9.2e18 { return String(Int64(d)) }
        return String(format: d)
    }
    let abs = Swift.abs(d)
    if abs >= 1e-6 && abs < 1e21 {
        // Swift may use exponent notation where JavaScript does not (e.g. 1e-5); expand it.
        let text = "\(d)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        return expandExponent(mantissa: String(text[..<e]), exponent: Int(text[text.index(after: e)...]) ?? 0)
    }
    // Exponent form: JavaScript writes "1e+21" and "1.5e-7".
    var text = "\(d)"
    if let e = text.firstIndex(of: "e") {
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        var mantissa = String(text[..<e])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        // Swift writes "1e-07"; JavaScript "1e-7".
        text = mantissa + "e" + (exponent < 0 ? "-" : "+") + String(exponent.magnitude)
    }
    return text
}

private func String(format d: Double) -> String {
    // Integral values between 2^63 and 1e21: print all digits, as JavaScript does.
    var digits = ""
    var v = d.magnitude
    while v >= 1 {
        let r = v.truncatingRemainder(dividingBy: 10)
        digits.append(Character(String(Int(r))))
        v = (v - r) / 10
    }
    return (d < 0 ? "-" : "") + String(digits.reversed())
}

private func expandExponent(mantissa: String, exponent: Int) -> String {
    let negative = mantissa.hasPrefix("-")
    let body = negative ? String(mantissa.dropFirst()) : mantissa
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    var intPart = String(parts[0])
    var fracPart = parts.count > 1 ? String(parts[1]) : ""
    if fracPart == "0" { fracPart = "" }
    if exponent < 0 {
        let shift = -exponent
        let padded = String(repeating: "0", count: max(0, shift - intPart.count)) + intPart
        let split = padded.index(padded.endIndex, offsetBy: -shift)
        fracPart = String(padded[split...]) + fracPart
        intPart = String(padded[..<split])
        if intPart.isEmpty { intPart = "0" }
    } else {
        let padded = fracPart + String(repeating: "0", count: max(0, exponent - fracPart.count))
        let split = padded.index(padded.startIndex, offsetBy: exponent)
        intPart += padded[..<split]
        fracPart = String(padded[split...])
    }
    while fracPart.hasSuffix("0") { fracPart.removeLast() }
    return (negative ? "-" : "") + intPart + (fracPart.isEmpty ? "" : "." + fracPart)
}

/// A string as `JSON.stringify` writes it.
public func jsonQuoted(_ s: String) -> String {
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out += "\""
    return out
}
