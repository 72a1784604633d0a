import Synchronization

/// The text of a GraphQL document or schema, with a name for error messages.
///
/// The lexer works on the UTF-8 bytes; line and column numbers are computed only when an error needs them,
/// and columns count UTF-16 code units so that they agree with graphql-js (whose strings are UTF-16).
///
/// Every source has a process-wide `id` that the `Location`s of its nodes carry instead of a reference (see
/// `Location`); whatever keeps nodes keeps their source alive (`DocumentNode.source`, `GraphQLSchema`).
public final class Source: Sendable {
    public let body: String
    public let name: String
    /// The number of UTF-8 bytes of `body`.
    public let byteCount: Int
    /// The number by which the locations of this source's nodes find it while it lives.
    public let id: UInt32
    private let lineStarts = Mutex<[Int]?>(nil)
    private let byteArray = Mutex<[UInt8]?>(nil)

    public init(_ body: String, name: String = "GraphQL request") {
        self.body = body
        self.name = name
        self.byteCount = body.utf8.count
        self.id = SourceRegistry.reserveID()
        SourceRegistry.register(self)
    }

    /// The UTF-8 bytes of `body`, which every offset in a `Location` indexes, as an array made on first use.
    /// The parser and error locations read `body`'s own storage through `withUTF8` instead: a copy of a large
    /// document costs as much as a tenth of parsing it.
    public var bytes: [UInt8] {
        byteArray.withLock { array in
            if let array { return array }
            let made = Array(body.utf8)
            array = made
            return made
        }
    }

    /// Calls `body` with the UTF-8 bytes of the text, read in place (valid only during the call).
    public func withUTF8<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        var text = self.body
        var result: Result<R, E>?
        text.withUTF8 { bytes in
            result = Result { () throws(E) -> R in try body(bytes) }
        }
        return try result!.get()
    }

    deinit {
        SourceRegistry.unregister(id)
    }

    /// The live source with this id, if any.
    public static func withID(_ id: UInt32) -> Source? {
        SourceRegistry.source(withID: id)
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
        let column = withUTF8 { bytes in
            let end = min(max(offset, lineStart), bytes.count)
            var column = 1
            var i = lineStart
            while i < end {
                let b = bytes[i]
                // Count UTF-16 code units: one per scalar below U+10000, two above (4-byte UTF-8 sequences).
                if b & 0xC0 != 0x80 { column += b >= 0xF0 ? 2 : 1 }
                i += 1
            }
            return column
        }
        return SourceLocation(line: lo + 1, column: column)
    }

    private func lineStartOffsets() -> [Int] {
        lineStarts.withLock { cached in
            if let cached { return cached }
            let starts = withUTF8(Source.lineStarts)
            cached = starts
            return starts
        }
    }

    private static func lineStarts(of bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
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
        return starts
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

/// Where a node came from: byte offsets `[start, end)` into a source, and the source's `id`.
///
/// A location holds no reference to its `Source`: nodes are created, copied and destroyed by the thousand, and
/// a reference would make each of those an atomic retain or release (and every node 12 bytes larger). Only
/// errors need the source, and they find it by id in a process-wide table of live sources. Whatever keeps
/// nodes must keep their source alive: a `DocumentNode` holds its `source`, a `GraphQLSchema` the sources of
/// its types' AST nodes. A location whose source is gone gives no `source`, and errors made from its node
/// carry no location. Offsets are 32-bit: the parser rejects sources of 4 GiB or more.
public struct Location: Sendable, Hashable {
    private let startOffset: UInt32
    private let endOffset: UInt32
    /// The `id` of the source.
    public let sourceID: UInt32

    public init(start: Int, end: Int, source: Source) {
        self.init(start: start, end: end, sourceID: source.id)
    }

    @inline(__always)
    public init(start: Int, end: Int, sourceID: UInt32) {
        self.startOffset = UInt32(truncatingIfNeeded: start)
        self.endOffset = UInt32(truncatingIfNeeded: end)
        self.sourceID = sourceID
    }

    public var start: Int { Int(startOffset) }
    public var end: Int { Int(endOffset) }

    /// The source, while it is alive.
    public var source: Source? { Source.withID(sourceID) }

    /// The line and column of `start`, while the source is alive.
    public var startLocation: SourceLocation? { source?.location(at: start) }
}

/// The live sources by id: weak references, added when a source is made and removed when it goes away.
/// A lock is enough: the parser never looks a source up, only errors do.
enum SourceRegistry {
    private struct WeakSource {
        weak var source: Source?
    }

    private struct State {
        var nextID: UInt32 = 1
        var sources: [UInt32: WeakSource] = [:]
    }

    private static let state = Mutex(State())

    /// A fresh id that no live source has. Ids are reused only after 2^32 sources, and never while their
    /// source lives.
    static func reserveID() -> UInt32 {
        state.withLock { state in
            while true {
                let id = state.nextID
                state.nextID &+= 1
                if state.nextID == 0 { state.nextID = 1 }
                if state.sources[id] == nil {
                    // Claimed now, so that no other thread takes it before `register`.
                    state.sources[id] = WeakSource(source: nil)
                    return id
                }
            }
        }
    }

    static func register(_ source: Source) {
        state.withLock { $0.sources[source.id] = WeakSource(source: source) }
    }

    static func unregister(_ id: UInt32) {
        _ = state.withLock { $0.sources.removeValue(forKey: id) }
    }

    static func source(withID id: UInt32) -> Source? {
        state.withLock { $0.sources[id]?.source }
    }
}
