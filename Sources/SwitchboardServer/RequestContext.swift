import Hummingbird

/// The Hummingbird request context of the server: the core storage and the peer's address (for the
/// authenticator's rate limits and audit lines).
public struct SwitchboardRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address; nil for a Unix socket or a connection that closed.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}

/// Header names the standard set lacks.
typealias HeaderName = HTTPFields.Element.Name

extension HeaderName {
    static let requestID = HeaderName("X-Request-Id")!
}

/// The id of a request, for the response header and every log line about it.
enum RequestID {
    /// The client's (or the proxy's) `X-Request-Id` when it is a sane token: 1 to 128 characters among
    /// letters, digits and `-_.:`. Otherwise a new random id, so that a log line cannot be forged
    /// through the header.
    static func make(incoming: String?) -> String {
        if let incoming, isSane(incoming) { return incoming }
        return generate()
    }

    static func isSane(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard !utf8.isEmpty, utf8.count <= 128 else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: ":"):
                return true
            default:
                return false
            }
        }
    }

    /// 128 random bits as 32 lowercase hexadecimal digits.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
