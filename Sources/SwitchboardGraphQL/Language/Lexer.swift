/// The GraphQL lexer: reads tokens straight from the UTF-8 bytes of a `Source`.
///
/// It follows graphql-js `Lexer.readNextToken` rule for rule, including its error messages and the
/// offsets they point at. Unlike graphql-js it keeps no token list and makes no strings while
/// scanning: a token is a kind and a byte range, and the parser asks for a name's or a string's
/// value only when it builds a node. `bytes` must stay valid while the lexer is used (the parse
/// functions lex inside `withUnsafeBufferPointer`).
struct Lexer {
    let source: Source
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset where the next token's search begins (the end of the last token read).
    var position: Int

    init(source: Source, bytes: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.bytes = bytes
        self.position = 0
    }

    /// Reads the next token, comments included, and moves past it. At the end of the input it
    /// returns `.eof` tokens forever.
    @inline(__always)
    mutating func next() throws(SyntaxError) -> Token {
        let token = try read(from: position)
        position = token.end
        return token
    }

    // MARK: - Token dispatch

    private func read(from start: Int) throws(SyntaxError) -> Token {
        let n = bytes.count
        var p = start
        while p < n {
            let b = bytes[p]
            // Ignored: white space, line terminators, commas. Tested before the switch so that runs
            // of indentation do not go through its jump table byte by byte.
            if b <= 0x2C && (ignoredBytes >> UInt64(b)) & 1 != 0 {
                p += 1
                // Indentation is a run of spaces after a line feed: skip spaces eight at a time.
                while p + 8 <= n {
                    let notSpaces = word(at: p) ^ 0x2020_2020_2020_2020
                    if notSpaces != 0 {
                        p += notSpaces.trailingZeroBitCount >> 3
                        break
                    }
                    p += 8
                }
                continue
            }
            switch b {
            case UInt8(ascii: "#"):
                return readComment(p)
            case UInt8(ascii: "\""):
                if p + 2 < n && bytes[p + 1] == 0x22 && bytes[p + 2] == 0x22 {
                    return try readBlockString(p)
                }
                return try readString(p)
            case UInt8(ascii: "!"): return Token(.bang, p, p + 1)
            case UInt8(ascii: "$"): return Token(.dollar, p, p + 1)
            case UInt8(ascii: "&"): return Token(.amp, p, p + 1)
            case UInt8(ascii: "("): return Token(.parenL, p, p + 1)
            case UInt8(ascii: ")"): return Token(.parenR, p, p + 1)
            case UInt8(ascii: ":"): return Token(.colon, p, p + 1)
            case UInt8(ascii: "="): return Token(.equals, p, p + 1)
            case UInt8(ascii: "@"): return Token(.at, p, p + 1)
            case UInt8(ascii: "["): return Token(.bracketL, p, p + 1)
            case UInt8(ascii: "]"): return Token(.bracketR, p, p + 1)
            case UInt8(ascii: "{"): return Token(.braceL, p, p + 1)
            case UInt8(ascii: "}"): return Token(.braceR, p, p + 1)
            case UInt8(ascii: "|"): return Token(.pipe, p, p + 1)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                return try readNumber(p)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"):
                return Token(.name, p, nameEnd(from: p + 1))
            case UInt8(ascii: "."):
                if p + 2 < n && bytes[p + 1] == UInt8(ascii: ".") && bytes[p + 2] == UInt8(ascii: ".") {
                    return Token(.spread, p, p + 3)
                }
                throw unexpectedCharacterError(at: p)
            case 0xEF where p + 2 < n && bytes[p + 1] == 0xBB && bytes[p + 2] == 0xBF:
                p += 3  // U+FEFF, the byte order mark, is ignored like white space.
            default:
                throw unexpectedCharacterError(at: p)
            }
        }
        return Token(.eof, n, n)
    }

    /// The error for a character that starts no token, worded as graphql-js words it.
    @inline(never)
    private func unexpectedCharacterError(at p: Int) -> SyntaxError {
        let n = bytes.count
        switch bytes[p] {
        case UInt8(ascii: "."):
            if p + 1 < n && bytes[p + 1] == UInt8(ascii: ".") {
                return syntaxError(p, "Unexpected '..', did you mean '...'?")
            }
            if p + 1 < n && isDigit(bytes[p + 1]) {
                var q = p + 1
                while q < n && isDigit(bytes[q]) { q += 1 }
                return syntaxError(p, "Invalid number, expected digit before '.', did you mean '0.\(text(p + 1, q))'?")
            }
        case UInt8(ascii: "'"):
            return syntaxError(p, "Unexpected single quote character ('), did you mean to use a double quote (\")?")
        default:
            break
        }
        return syntaxError(p, "Unexpected character: \(printCodePoint(at: p)).")
    }

    // MARK: - Comments, names, numbers

    /// The end of the name whose characters after the first start at `start`. Reads eight bytes at a time
    /// (see `nameCharacterFlags`), since names are most of a document's tokens.
    @inline(__always)
    private func nameEnd(from start: Int) -> Int {
        let n = bytes.count
        var q = start
        while q + 8 <= n {
            let others = ~nameCharacterFlags(word(at: q)) & 0x8080_8080_8080_8080
            if others != 0 { return q + others.trailingZeroBitCount >> 3 }
            q += 8
        }
        while q < n && isNameContinue(bytes[q]) { q += 1 }
        return q
    }

    /// The eight bytes at `p`, the first in the lowest byte. `p + 8` must not pass the end.
    @inline(__always)
    private func word(at p: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: p, as: UInt64.self))
    }

    private func readComment(_ start: Int) -> Token {
        Token(.comment, start, firstIndex(of: 0x0A, or: 0x0D, in: bytes, from: start + 1, to: bytes.count))
    }

    /// IntValue and FloatValue; a number must not be followed by a digit, `.` or a name start.
    private func readNumber(_ start: Int) throws(SyntaxError) -> Token {
        var p = start
        var c = byte(at: p)
        var isFloat = false
        if c == Int(UInt8(ascii: "-")) {
            p += 1
            c = byte(at: p)
        }
        if c == Int(UInt8(ascii: "0")) {
            p += 1
            c = byte(at: p)
            if isDigit(c) {
                throw syntaxError(p, "Invalid number, unexpected digit after 0: \(printCodePoint(at: p)).")
            }
        } else {
            p = try readDigits(p, c)
            c = byte(at: p)
        }
        if c == Int(UInt8(ascii: ".")) {
            isFloat = true
            p += 1
            p = try readDigits(p, byte(at: p))
            c = byte(at: p)
        }
        if c == Int(UInt8(ascii: "e")) || c == Int(UInt8(ascii: "E")) {
            isFloat = true
            p += 1
            c = byte(at: p)
            if c == Int(UInt8(ascii: "+")) || c == Int(UInt8(ascii: "-")) {
                p += 1
                c = byte(at: p)
            }
            p = try readDigits(p, c)
            c = byte(at: p)
        }
        if c == Int(UInt8(ascii: ".")) || (c >= 0 && isNameStart(UInt8(c))) {
            throw syntaxError(p, "Invalid number, expected digit but got: \(printCodePoint(at: p)).")
        }
        return Token(isFloat ? .float : .int, start, p)
    }

    /// The offset after one or more digits starting at `start` (whose byte is `first`).
    private func readDigits(_ start: Int, _ first: Int) throws(SyntaxError) -> Int {
        guard isDigit(first) else {
            throw syntaxError(start, "Invalid number, expected digit but got: \(printCodePoint(at: start)).")
        }
        let n = bytes.count
        var p = start + 1
        while p < n && isDigit(bytes[p]) { p += 1 }
        return p
    }

    // MARK: - Strings

    private func readString(_ start: Int) throws(SyntaxError) -> Token {
        let n = bytes.count
        var p = start + 1
        var hasEscape = false
        while p < n {
            let b = bytes[p]
            if b == UInt8(ascii: "\"") {
                return Token(.string, start, p + 1, hasEscape: hasEscape)
            }
            if b == UInt8(ascii: "\\") {
                hasEscape = true
                p += try readEscape(at: p).size
                continue
            }
            if b == 0x0A || b == 0x0D { break }
            p += 1
        }
        throw syntaxError(p, "Unterminated string.")
    }

    /// Reads the escape sequence whose backslash is at `p`: the Unicode scalar it stands for and
    /// how many bytes it spans (all escapes are ASCII, so bytes and characters agree).
    func readEscape(at p: Int) throws(SyntaxError) -> (scalar: UInt32, size: Int) {
        let n = bytes.count
        let next = byte(at: p + 1)
        switch next {
        case Int(UInt8(ascii: "u")):
            if byte(at: p + 2) == Int(UInt8(ascii: "{")) {
                return try readVariableWidthUnicodeEscape(at: p)
            }
            return try readFixedWidthUnicodeEscape(at: p)
        case Int(UInt8(ascii: "\"")): return (0x22, 2)
        case Int(UInt8(ascii: "\\")): return (0x5C, 2)
        case Int(UInt8(ascii: "/")): return (0x2F, 2)
        case Int(UInt8(ascii: "b")): return (0x08, 2)
        case Int(UInt8(ascii: "f")): return (0x0C, 2)
        case Int(UInt8(ascii: "n")): return (0x0A, 2)
        case Int(UInt8(ascii: "r")): return (0x0D, 2)
        case Int(UInt8(ascii: "t")): return (0x09, 2)
        default:
            let end = p + 1 < n ? scalarEnd(p + 1) : p + 1
            throw syntaxError(p, "Invalid character escape sequence: '\(text(p, end))'.")
        }
    }

    /// `\u{1F600}`: one to eight hex digits naming a Unicode scalar value.
    private func readVariableWidthUnicodeEscape(at p: Int) throws(SyntaxError) -> (scalar: UInt32, size: Int) {
        let n = bytes.count
        var point = 0
        var size = 3
        var q = p + 3
        // Not longer than 12 characters (`\u{00000000}`); every character before the one being read
        // is ASCII, so the byte offset `q` stays at character `size`.
        while size < 12 && q < n {
            let b = bytes[q]
            size += 1
            q = b < 0x80 ? q + 1 : scalarEnd(q)
            if b == UInt8(ascii: "}") {
                if size < 5 || !isScalarValue(point) { break }
                return (UInt32(point), size)
            }
            let digit = hexValue(b)
            if digit < 0 { break }
            point = (point << 4) | digit
        }
        throw syntaxError(p, "Invalid Unicode escape sequence: '\(text(p, q))'.")
    }

    /// `\u00E9`, or a surrogate pair `\uD83D\uDE00` standing for one scalar.
    private func readFixedWidthUnicodeEscape(at p: Int) throws(SyntaxError) -> (scalar: UInt32, size: Int) {
        let code = read16BitHexCode(at: p + 2)
        if code >= 0 && isScalarValue(code) {
            return (UInt32(code), 6)
        }
        if code >= 0xD800 && code <= 0xDBFF
            && byte(at: p + 6) == Int(UInt8(ascii: "\\")) && byte(at: p + 7) == Int(UInt8(ascii: "u")) {
            let trailing = read16BitHexCode(at: p + 8)
            if trailing >= 0xDC00 && trailing <= 0xDFFF {
                let scalar = 0x10000 + ((code - 0xD800) << 10) + (trailing - 0xDC00)
                return (UInt32(scalar), 12)
            }
        }
        throw syntaxError(p, "Invalid Unicode escape sequence: '\(text(p, offset(p, advancedByCharacters: 6)))'.")
    }

    /// Four hex digits at `p` as a number, or -1 if any is not a hex digit or the input ends.
    private func read16BitHexCode(at p: Int) -> Int {
        guard p + 4 <= bytes.count else { return -1 }
        return hexValue(bytes[p]) << 12 | hexValue(bytes[p + 1]) << 8 | hexValue(bytes[p + 2]) << 4 | hexValue(bytes[p + 3])
    }

    private func readBlockString(_ start: Int) throws(SyntaxError) -> Token {
        let n = bytes.count
        var p = start + 3
        var hasEscape = false
        while true {
            p = firstIndex(of: UInt8(ascii: "\""), or: UInt8(ascii: "\\"), in: bytes, from: p, to: n)
            if p >= n { break }
            if bytes[p] == UInt8(ascii: "\"") {
                if p + 2 < n && bytes[p + 1] == 0x22 && bytes[p + 2] == 0x22 {
                    return Token(.blockString, start, p + 3, hasEscape: hasEscape)
                }
            } else if p + 3 < n && bytes[p + 1] == 0x22 && bytes[p + 2] == 0x22 && bytes[p + 3] == 0x22 {
                hasEscape = true  // `\"""`
                p += 4
                continue
            }
            p += 1
        }
        throw syntaxError(n, "Unterminated string.")
    }

    // MARK: - Token values

    /// The text of a name, number or comment token (a comment without its `#`).
    func text(of token: Token) -> String {
        token.kind == .comment ? text(token.start + 1, token.end) : text(token.start, token.end)
    }

    /// The value of a `.string` token: its characters with escape sequences resolved.
    func stringValue(of token: Token) -> String {
        let contentStart = token.start + 1, contentEnd = token.end - 1
        if !token.hasEscape { return text(contentStart, contentEnd) }
        // Escapes only ever shorten the text (a 6-byte `\uXXXX` is at most 3 UTF-8 bytes, a 12-byte
        // surrogate pair 4), so the raw length is enough capacity.
        return String(unsafeUninitializedCapacity: contentEnd - contentStart) { out in
            var written = 0
            var p = contentStart
            while p < contentEnd {
                let b = bytes[p]
                if b == UInt8(ascii: "\\"), let escape = try? readEscape(at: p) {
                    written += encodeUTF8(escape.scalar, into: out, at: written)
                    p += escape.size
                } else {
                    out[written] = b
                    written += 1
                    p += 1
                }
            }
            return written
        }
    }

    /// The value of a `.blockString` token, as graphql-js `dedentBlockStringLines` makes it.
    func blockStringValue(of token: Token) -> String {
        dedentedBlockStringValue(bytes, contentStart: token.start + 3, contentEnd: token.end - 3, hasEscape: token.hasEscape)
    }

    /// How graphql-js `getTokenDesc` describes a token in error messages, e.g. `Name 'foo'`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .string: return "String '\(stringValue(of: token))'"
        case .blockString: return "BlockString '\(blockStringValue(of: token))'"
        case .name, .int, .float, .comment: return "\(token.kind.description) '\(text(of: token))'"
        default: return token.kind.description
        }
    }

    // MARK: - Helpers

    @inline(__always)
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The byte at `p` as an Int, or -1 past the end.
    @inline(__always)
    private func byte(at p: Int) -> Int {
        p < bytes.count ? Int(bytes[p]) : -1
    }

    /// The offset after the UTF-8 sequence that starts at `p`.
    @inline(__always)
    private func scalarEnd(_ p: Int) -> Int {
        let b = bytes[p]
        let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        return min(p + length, bytes.count)
    }

    /// The offset `count` characters after `p`, or the end of the input.
    private func offset(_ p: Int, advancedByCharacters count: Int) -> Int {
        var q = p
        var left = count
        while left > 0 && q < bytes.count {
            q = scalarEnd(q)
            left -= 1
        }
        return q
    }

    /// How graphql-js `printCodePointAt` shows the character at `p`: printable ASCII quoted, other
    /// characters as `U+XXXX`, the end of the input as `<EOF>`.
    func printCodePoint(at p: Int) -> String {
        guard p < bytes.count else { return "<EOF>" }
        let b = bytes[p]
        if b >= 0x20 && b <= 0x7E {
            return b == UInt8(ascii: "\"") ? "'\"'" : "'\(Character(Unicode.Scalar(b)))'"
        }
        let scalar = text(p, scalarEnd(p)).unicodeScalars.first?.value ?? UInt32(b)
        let hex = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    @inline(never)
    func syntaxError(_ offset: Int, _ description: String) -> SyntaxError {
        SyntaxError(offset: offset, description: description)
    }
}

/// A syntax error found while lexing or parsing: where it is, and graphql-js's description of it.
///
/// Kept small (unlike `GraphQLError`) because every inlined `try` of the recursive descent reserves
/// stack for the error it may pass on; the parse functions turn it into a `GraphQLError`.
struct SyntaxError: Error {
    let offset: Int
    let description: String

    func graphQLError(in source: Source) -> GraphQLError {
        GraphQLError.syntax(source, offset, description)
    }
}

// MARK: - Character classes

/// Bit `b` is set for each ignored byte `b` below 64: tab, line feed, carriage return, space, comma.
private let ignoredBytes: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x20 | 1 << 0x2C

@inline(__always)
func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

@inline(__always)
func isDigit(_ c: Int) -> Bool { c >= 0x30 && c <= 0x39 }

@inline(__always)
func isNameStart(_ b: UInt8) -> Bool {
    (b | 0x20) &- 0x61 < 26 || b == 0x5F
}

@inline(__always)
func isNameContinue(_ b: UInt8) -> Bool {
    (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F
}

/// For each byte of `word` that is a name character (`[_0-9A-Za-z]`), its high bit set; all other bits clear.
///
/// Works on the eight bytes at once with the "bytes between m and n" test of Hacker's Delight: with each byte
/// `y` at most 0x7F, `(0x7F + n) - y` has its high bit set exactly when `y < n` and `y + (0x7F - m)` exactly when
/// `y > m`, and no byte borrows from or carries into its neighbour.
@inline(__always)
func nameCharacterFlags(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let y = word & ~highs
    @inline(__always)
    func between(_ y: UInt64, _ m: UInt64, _ n: UInt64) -> UInt64 {
        (ones &* (0x7F + n) &- y) & (y &+ ones &* (0x7F - m))
    }
    // Setting bit 0x20 maps exactly the letters, upper and lower case, into `a...z`.
    let letters = between(y | 0x2020_2020_2020_2020, 0x60, 0x7B)
    let digits = between(y, 0x2F, 0x3A)
    let underscores = between(y, 0x5E, 0x60)
    // Bytes of 0x80 and above are not name characters.
    return (letters | digits | underscores) & ~word & highs
}

@inline(__always)
private func hexValue(_ b: UInt8) -> Int {
    switch b {
    case 0x30...0x39: return Int(b) - 0x30
    case 0x41...0x46: return Int(b) - 0x37
    case 0x61...0x66: return Int(b) - 0x57
    default: return -1
    }
}

@inline(__always)
private func isScalarValue(_ point: Int) -> Bool {
    (point >= 0 && point <= 0xD7FF) || (point >= 0xE000 && point <= 0x10FFFF)
}

/// Writes the UTF-8 encoding of a scalar at `at` and returns its length.
@inline(__always)
func encodeUTF8(_ scalar: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
    switch scalar {
    case 0..<0x80:
        out[i] = UInt8(scalar)
        return 1
    case 0x80..<0x800:
        out[i] = UInt8(0xC0 | (scalar >> 6))
        out[i + 1] = UInt8(0x80 | (scalar & 0x3F))
        return 2
    case 0x800..<0x10000:
        out[i] = UInt8(0xE0 | (scalar >> 12))
        out[i + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
        out[i + 2] = UInt8(0x80 | (scalar & 0x3F))
        return 3
    default:
        out[i] = UInt8(0xF0 | (scalar >> 18))
        out[i + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
        out[i + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
        out[i + 3] = UInt8(0x80 | (scalar & 0x3F))
        return 4
    }
}

/// The offset of the first byte equal to `a` or `b` in `bytes[from..<end]`, or `end` if none is.
///
/// Reads eight bytes at a time and finds a match with the classic "has zero byte" bit trick on the
/// word XOR-ed with each wanted byte; the lowest flagged byte is always a true match.
@inline(__always)
func firstIndex(of a: UInt8, or b: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
    var p = start
    if let base = bytes.baseAddress {
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let wantA = ones &* UInt64(a), wantB = ones &* UInt64(b)
        while p + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt64.self))
            let xa = word ^ wantA, xb = word ^ wantB
            let found = (((xa &- ones) & ~xa) | ((xb &- ones) & ~xb)) & highs
            if found != 0 { return p + found.trailingZeroBitCount >> 3 }
            p += 8
        }
    }
    while p < end {
        let byte = bytes[p]
        if byte == a || byte == b { return p }
        p += 1
    }
    return end
}
