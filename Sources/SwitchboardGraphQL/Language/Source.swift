import Synchronization

/// The text of a GraphQL document or schema, with a name for error messages.
///
/// The lexer works on the UTF-8 bytes; line and column numbers are computed only when an error needs them,
/// and columns count UTF-16 code units so that they agree with graphql-js (whose strings are UTF-16).
public final class Source: Sendable {
    public let body: String
    public let name: String
    /// The UTF-8 bytes of `body`, which every offset in a `Location` indexes.
    public let bytes: [UInt8]
    private let lineStarts = Mutex<[Int]?>(nil)

    public init(_ body: String, name: String = "GraphQL request") {
        self.body = body
        self.name = name
        self.bytes = Array(body.utf8)
    }

    /// The 1-based line and column of a byte offset, as graphql-js `getLocation` reports them.
    public func location(at offset: Int) -> SourceLocation {
        let starts = lineStartOffsets()
        // The last line start that is <= offset.
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let lineStart = starts[lo]
        let end = min(max(offset, lineStart), bytes.count)
        var column = 1
        var i = lineStart
        while i < end {
            let b = bytes[i]
            // Count UTF-16 code units: one per scalar below U+10000, two above (4-byte UTF-8 sequences).
            if b & 0xC0 != 0x80 { column += b >= 0xF0 ? 2 : 1 }
            i += 1
        }
        return SourceLocation(line: lo + 1, column: column)
    }

    private func lineStartOffsets() -> [Int] {
        lineStarts.withLock { cached in
            if let cached { return cached }
            var starts = [0]
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == 0x0A {
                    starts.append(i + 1)
                } else if b == 0x0D {
                    if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
            cached = starts
            return starts
        }
    }
}

/// A 1-based line and column in a `Source`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// Where a node came from: byte offsets `[start, end)` into its source.
public struct Location: Sendable {
    public let start: Int
    public let end: Int
    public let source: Source

    public init(start: Int, end: Int, source: Source) {
        self.start = start
        self.end = end
        self.source = source
    }

    public var startLocation: SourceLocation { source.location(at: start) }
}
