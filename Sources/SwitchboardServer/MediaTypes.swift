/// Media types: which one a response uses (from `Accept`, RFC 9110 §12.5.1, with q-values), and whether
/// a request body's `Content-Type` is one the server reads.

/// The media types a GraphQL response can be written in.
public enum ResponseMediaType: Sendable, Equatable {
    /// `application/graphql-response+json`: status codes tell request errors (4xx) from executions (200).
    case graphQLResponseJSON
    /// `application/json`, for legacy clients: every well-formed request is answered 200.
    case json

    /// The `Content-Type` header value.
    public var contentType: String {
        switch self {
        case .graphQLResponseJSON: return "application/graphql-response+json; charset=utf-8"
        case .json: return "application/json; charset=utf-8"
        }
    }

    var essence: String {
        switch self {
        case .graphQLResponseJSON: return "application/graphql-response+json"
        case .json: return "application/json"
        }
    }

    /// The media type for a request with these `Accept` values (several header lines are joined with
    /// commas). No header, or an empty one, means `application/graphql-response+json` (the spec's rule
    /// since 2025). Nil: the client accepts neither type (406).
    ///
    /// Each type gets the q-value of the most specific range that matches it (`application/json` over
    /// `application/*` over `*/*`); a range whose charset is not UTF-8 does not match. The higher q wins;
    /// at equal q the type named by a more specific range, then the one listed first, then
    /// `application/graphql-response+json`.
    public static func negotiate(accept: String?) -> ResponseMediaType? {
        guard let accept, accept.contains(where: { $0 != " " && $0 != "\t" && $0 != "," }) else {
            return .graphQLResponseJSON
        }
        let ranges = MediaRange.parseList(accept)
        var best: (type: ResponseMediaType, match: MediaRange.Match)?
        for type in [ResponseMediaType.graphQLResponseJSON, .json] {
            guard let match = MediaRange.bestMatch(for: type.essence, in: ranges), match.quality > 0 else { continue }
            if let current = best?.match {
                let better = match.quality > current.quality
                    || (match.quality == current.quality && match.specificity > current.specificity)
                    || (match.quality == current.quality && match.specificity == current.specificity
                        && match.position < current.position)
                if !better { continue }
            }
            best = (type, match)
        }
        return best?.type
    }
}

/// Whether a request body's `Content-Type` is JSON in UTF-8 (the only request encoding the server reads).
func isJSONContentType(_ contentType: String) -> Bool {
    guard let range = MediaRange.parse(Substring(contentType)) else { return false }
    return range.type == "application" && range.subtype == "json" && range.charsetIsUTF8
}

/// One element of an `Accept` list, or a `Content-Type`: `type/subtype;name=value…`.
struct MediaRange {
    var type: String
    var subtype: String
    var charset: String?
    /// The q-value in thousandths (0…1000), to compare exactly.
    var quality: Int

    var charsetIsUTF8: Bool {
        guard let charset else { return true }
        return charset == "utf-8" || charset == "utf8"
    }

    struct Match {
        var quality: Int
        /// 0 for `*/*`, 1 for `type/*`, 2 for an exact type.
        var specificity: Int
        /// The range's index in the list.
        var position: Int
    }

    /// The q-value of `essence` (`type/subtype`, lowercase) in `ranges`, from the most specific range that
    /// matches it; nil when none does.
    static func bestMatch(for essence: String, in ranges: [MediaRange]) -> Match? {
        let parts = essence.split(separator: "/")
        let type = String(parts[0]), subtype = String(parts[1])
        var best: Match?
        for (position, range) in ranges.enumerated() where range.charsetIsUTF8 {
            let specificity: Int
            if range.type == "*" && range.subtype == "*" {
                specificity = 0
            } else if range.type == type && range.subtype == "*" {
                specificity = 1
            } else if range.type == type && range.subtype == subtype {
                specificity = 2
            } else {
                continue
            }
            if let current = best {
                // The most specific range decides; among equally specific ones, the most favourable.
                if specificity < current.specificity { continue }
                if specificity == current.specificity && range.quality <= current.quality { continue }
            }
            best = Match(quality: range.quality, specificity: specificity, position: position)
        }
        return best
    }

    /// The ranges of an `Accept` value; malformed elements are skipped.
    static func parseList(_ header: String) -> [MediaRange] {
        splitOutsideQuotes(Substring(header), on: ",").compactMap { parse($0) }
    }

    /// One media range or type. Nil when it is not `token/token` or a q-value is malformed.
    static func parse(_ text: Substring) -> MediaRange? {
        let parts = splitOutsideQuotes(text, on: ";")
        guard let essence = parts.first else { return nil }
        let pieces = essence.trimmingSpaces.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, isToken(pieces[0]), isToken(pieces[1]) else { return nil }
        if pieces[0] == "*" && pieces[1] != "*" { return nil }
        var range = MediaRange(type: String(pieces[0]), subtype: String(pieces[1]), charset: nil, quality: 1000)
        for parameter in parts.dropFirst() {
            let trimmed = parameter.trimmingSpaces
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            let name = trimmed[..<equals].trimmingSpaces.lowercased()
            var value = trimmed[trimmed.index(after: equals)...].trimmingSpaces
            if value.count >= 2 && value.first == "\"" && value.last == "\"" {
                value = value.dropFirst().dropLast()
            }
            switch name {
            case "q":
                guard let quality = parseQuality(value) else { return nil }
                range.quality = quality
            case "charset":
                range.charset = value.lowercased()
            default:
                break
            }
        }
        return range
    }

    /// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
    static func parseQuality(_ text: Substring) -> Int? {
        guard let first = text.first, first == "0" || first == "1" else { return nil }
        let rest = text.dropFirst()
        var thousandths = first == "1" ? 1000 : 0
        if rest.isEmpty { return thousandths }
        guard rest.first == ".", rest.count <= 4 else { return nil }
        var scale = 100
        for character in rest.dropFirst() {
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            if first == "1" && digit != 0 { return nil }
            thousandths += digit * scale
            scale /= 10
        }
        return thousandths
    }

    private static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
            default: return "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    /// Splits on `separator` except inside double quotes (where a backslash escapes the next character).
    private static func splitOutsideQuotes(_ text: Substring, on separator: Character) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var inQuotes = false
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if escaped {
                escaped = false
            } else if inQuotes && character == "\\" {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == separator && !inQuotes {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
