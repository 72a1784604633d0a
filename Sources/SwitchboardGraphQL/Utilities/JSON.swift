/// JSON in and out of `GraphQLValue`: a strict RFC 8259 parser with limits on size and depth, for
/// request variables and bodies, and a writer that prints values as `JSON.stringify` would.
///
/// Integers stay integers when they fit in 64 bits (a JSON number with a fraction or an exponent is a
/// float, as is a larger integer); object keys keep their order, and a repeated key keeps its first
/// position with its last value, as `JSON.parse` does.

/// Why a text is not acceptable JSON.
public struct JSONError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The byte offset where the problem was found.
    public let offset: Int
    public let line: Int
    public let column: Int

    public var description: String { "\(message) at line \(line), column \(column)" }
}

/// Limits that keep a hostile document from exhausting memory or the stack.
public struct JSONLimits: Sendable {
    /// The deepest nesting of arrays and objects accepted.
    public var maxDepth: Int
    /// The largest document accepted, in bytes.
    public var maxBytes: Int

    public init(maxDepth: Int = 512, maxBytes: Int = 64 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }
}

/// Parses a JSON text into a value.
public func parseJSON(_ text: String, limits: JSONLimits = JSONLimits()) throws(JSONError) -> GraphQLValue {
    var text = text
    let result = text.withUTF8 { bytes in
        Result { () throws(JSONError) -> GraphQLValue in try parseJSON(bytes: bytes, limits: limits) }
    }
    return try result.get()
}

/// Parses JSON from UTF-8 bytes.
public func parseJSON(bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits = JSONLimits()) throws(JSONError) -> GraphQLValue {
    var parser = JSONParser(bytes: bytes, limits: limits)
    if bytes.count > limits.maxBytes {
        throw parser.error("JSON document is larger than \(limits.maxBytes) bytes", at: 0)
    }
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    if parser.position < bytes.count {
        throw parser.error("Unexpected \(parser.describe(parser.position)) after the JSON value", at: parser.position)
    }
    return value
}

private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: JSONLimits
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    func error(_ message: String, at offset: Int) -> JSONError {
        var line = 1, column = 1
        var i = 0
        while i < offset && i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return JSONError(message: message, offset: offset, line: line, column: column)
    }

    func describe(_ offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let b = bytes[offset]
        if b >= 0x20 && b < 0x7F { return "character '\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONError) -> GraphQLValue {
        guard position < bytes.count else { throw error("Unexpected end of input, expected a JSON value", at: position) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .boolean(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .boolean(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("Unexpected \(describe(position)), expected a JSON value", at: position)
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONError) {
        let start = position
        let length = word.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: length)
        guard start + length <= bytes.count else { throw error("Unexpected \(describe(start)), expected a JSON value", at: start) }
        for i in 0..<length where bytes[start + i] != expected[i] {
            throw error("Unexpected \(describe(start)), expected a JSON value", at: start)
        }
        position += length
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> GraphQLValue {
        if depth > limits.maxDepth { throw error("JSON is nested deeper than \(limits.maxDepth) levels", at: position) }
        position += 1
        var object = OrderedDictionary<String, GraphQLValue>()
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("Unexpected \(describe(position)), expected a string key", at: position)
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("Unexpected \(describe(position)), expected ':'", at: position)
            }
            position += 1
            skipWhitespace()
            object[key] = try parseValue(depth: depth)
            skipWhitespace()
            guard position < bytes.count else { throw error("Unexpected end of input, expected ',' or '}'", at: position) }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(object)
            }
            throw error("Unexpected \(describe(position)), expected ',' or '}'", at: position)
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> GraphQLValue {
        if depth > limits.maxDepth { throw error("JSON is nested deeper than \(limits.maxDepth) levels", at: position) }
        position += 1
        var items: [GraphQLValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .list(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw error("Unexpected end of input, expected ',' or ']'", at: position) }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .list(items)
            }
            throw error("Unexpected \(describe(position)), expected ',' or ']'", at: position)
        }
    }

    private mutating func parseNumber() throws(JSONError) -> GraphQLValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else {
            throw error("Invalid number: expected a digit", at: position)
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count && isDigit(bytes[position]) {
                throw error("Invalid number: leading zeros are not allowed", at: start)
            }
        } else {
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error("Invalid number: expected a digit after '.'", at: position)
            }
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error("Invalid number: expected a digit in the exponent", at: position)
            }
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw error("Invalid number", at: start) }
        return .float(d)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func parseString() throws(JSONError) -> String {
        let start = position
        position += 1
        // Fast path: no escapes.
        var i = position
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[position..<i])
                guard let s = String(validating: slice, as: UTF8.self) else {
                    throw error("Invalid UTF-8 in string", at: start)
                }
                position = i + 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("Unescaped control character in string", at: i) }
            i += 1
        }
        if i >= bytes.count { throw error("Unterminated string", at: start) }
        return try parseEscapedString(start: start, plainEnd: i)
    }

    private mutating func parseEscapedString(start: Int, plainEnd: Int) throws(JSONError) -> String {
        var buffer: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[position..<plainEnd]))
        position = plainEnd
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                guard let s = String(validating: buffer, as: UTF8.self) else { throw error("Invalid UTF-8 in string", at: start) }
                return s
            }
            if b < 0x20 { throw error("Unescaped control character in string", at: position) }
            if b != UInt8(ascii: "\\") {
                buffer.append(b)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: position - 2)
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                        throw error("Invalid Unicode escape: unpaired surrogate", at: position - 6)
                    }
                    position += 2
                    let low = try hex4(at: position - 2)
                    guard low >= 0xDC00 && low < 0xE000 else {
                        throw error("Invalid Unicode escape: unpaired surrogate", at: position - 6)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw error("Invalid Unicode escape: unpaired surrogate", at: position - 6)
                }
                appendUTF8(scalar, to: &buffer)
            default:
                throw error("Invalid escape sequence in string", at: position - 2)
            }
        }
        throw error("Unterminated string", at: start)
    }

    private mutating func hex4(at escapeStart: Int) throws(JSONError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("Invalid Unicode escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw error("Invalid Unicode escape", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            buffer.append(UInt8(scalar))
        case ..<0x800:
            buffer.append(UInt8(0xC0 | (scalar >> 6)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        case ..<0x10000:
            buffer.append(UInt8(0xE0 | (scalar >> 12)))
            buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            buffer.append(UInt8(0xF0 | (scalar >> 18)))
            buffer.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

// MARK: - Writing

/// Writes values as compact JSON, the way `JSON.stringify` does: floats as JavaScript prints numbers,
/// non-finite floats as `null`.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func write(_ value: GraphQLValue) {
        switch value {
        case .null: append("null")
        case .boolean(let b): append(b ? "true" : "false")
        case .int(let i): append(String(i))
        case .float(let d): append(d.isFinite ? jsNumberString(d) : "null")
        case .string(let s): writeString(s)
        case .list(let items):
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for i in 0..<object.count {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(object.keys[i])
                bytes.append(UInt8(ascii: ":"))
                write(object.values[i])
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// `{"errors":[…],"data":…}` as graphql-js orders a response.
    public mutating func writeResult(_ result: ExecutionResult) {
        bytes.append(UInt8(ascii: "{"))
        var needsComma = false
        if !result.errors.isEmpty {
            append("\"errors\":[")
            for (i, error) in result.errors.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                write(error.formatted)
            }
            bytes.append(UInt8(ascii: "]"))
            needsComma = true
        }
        if let data = result.data {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            append("\"data\":")
            write(data)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A string as `JSON.stringify` quotes it.
    public mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                switch b {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                default:
                    let hex = String(b, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension GraphQLValue {
    /// The value as compact JSON.
    public var jsonString: String {
        var writer = JSONWriter()
        writer.write(self)
        return writer.string
    }
}
