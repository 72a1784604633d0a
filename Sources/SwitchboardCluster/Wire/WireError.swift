/// Why bytes from a peer are not a frame. Decoding is strict: a frame either decodes exactly, every byte of its
/// payload accounted for, or the connection is closed (a stream of frames cannot be resynchronized).
///
/// No case carries the bytes themselves: a payload may hold a sealed key or a tenant's query.
public enum WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The length prefix announces more than `FrameFormat.maxFrameLength` bytes.
    case frameTooLarge(length: Int)
    /// The length prefix announces fewer bytes than a kind and a request id take.
    case frameTooShort(length: Int)
    /// A kind byte no version of the protocol defines.
    case unknownKind(UInt8)
    /// The payload ended inside `field`.
    case truncated(kind: FrameKind, field: String)
    /// The payload has bytes after its last field.
    case trailingBytes(kind: FrameKind, count: Int)
    /// A text field that is not UTF-8.
    case invalidText(kind: FrameKind, field: String)
    /// A field whose value is out of its range.
    case invalidValue(kind: FrameKind, field: String, reason: String)
    /// A message too large to send as one frame.
    case messageTooLarge(kind: FrameKind, length: Int)

    public var description: String {
        switch self {
        case .frameTooLarge(let length):
            "frame of \(length) bytes refused: the limit is \(FrameFormat.maxFrameLength) bytes"
        case .frameTooShort(let length):
            "frame of \(length) bytes refused: a frame has at least \(FrameFormat.headerLength) bytes after its length"
        case .unknownKind(let kind):
            "unknown frame kind \(kind)"
        case .truncated(let kind, let field):
            "\(kind) frame truncated in \(field)"
        case .trailingBytes(let kind, let count):
            "\(kind) frame has \(count) bytes after its last field"
        case .invalidText(let kind, let field):
            "\(kind) frame: \(field) is not UTF-8"
        case .invalidValue(let kind, let field, let reason):
            "\(kind) frame: \(field) \(reason)"
        case .messageTooLarge(let kind, let length):
            "\(kind) message of \(length) bytes is larger than a frame may be (\(FrameFormat.maxFrameLength) bytes)"
        }
    }
}
