/// The layout of a frame, the same in both directions:
///
///     [u32 length][u8 kind][u64 request id][payload]
///
/// Integers are big-endian. `length` counts the bytes after itself (kind, request id and payload), so a frame
/// takes `4 + length` bytes on the wire. Within a payload a text or a byte string is `[u32 count][bytes]`.
///
/// Request ids multiplex one connection: each side numbers the requests it sends (from 1), and the answer to a
/// request carries its id. Frames that answer nothing and expect no answer (hello, key revoke) carry id 0. Each
/// side's ids are its own: the kind of an answer says whose request it answers.
public enum FrameFormat {
    /// The bytes of kind and request id.
    public static let headerLength = 1 + 8
    /// The largest `length` accepted or sent: 16 MiB.
    public static let maxFrameLength = 16 << 20
    /// The version a worker announces in its hello; a router refuses another.
    public static let protocolVersion: UInt16 = 1
}

/// What a frame carries.
public enum FrameKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Worker → router, first frame of a connection: who the worker is, and its session's public key.
    case hello = 1
    /// Router → worker: a tenant's GraphQL request.
    case executeRequest = 2
    /// Worker → router: the HTTP status, media type and body that answer it.
    case executeResponse = 3
    /// Worker → router: the data key of one of its tenants.
    case keyRequest = 4
    /// Router → worker: the key, sealed to the worker's session key.
    case keyGrant = 5
    /// Router → worker: the key is not the worker's to have.
    case keyRefusal = 6
    /// Router → worker: drop a tenant's keys (all, or all but one version).
    case keyRevoke = 7
    /// Router → worker: what it serves and holds.
    case statsRequest = 8
    /// Worker → router: its counters and the fingerprints of the keys it holds.
    case statsResponse = 9
    /// Router → worker: accept no more requests, finish those under way, then answer `drained`.
    case drain = 10
    /// Worker → router: every request it accepted is answered; it exits next.
    case drained = 11
    /// Either way: the request it answers could not be served (the message says why; it holds no secret).
    case failure = 12
    /// Router → worker: an HTTP request of a tenant route (OAuth callback, webhook delivery…) for one tenant.
    case routeRequest = 13
    /// Worker → router: the route's HTTP answer.
    case routeResponse = 14

    /// Whether a frame of this kind answers a request of the peer's (and so resolves one of its own ids).
    public var isAnswer: Bool {
        switch self {
        case .executeResponse, .keyGrant, .keyRefusal, .statsResponse, .drained, .failure, .routeResponse: true
        case .hello, .executeRequest, .keyRequest, .keyRevoke, .statsRequest, .drain, .routeRequest: false
        }
    }

    public var description: String {
        switch self {
        case .hello: "hello"
        case .executeRequest: "execute request"
        case .executeResponse: "execute response"
        case .keyRequest: "key request"
        case .keyGrant: "key grant"
        case .keyRefusal: "key refusal"
        case .keyRevoke: "key revoke"
        case .statsRequest: "stats request"
        case .statsResponse: "stats response"
        case .drain: "drain"
        case .drained: "drained"
        case .failure: "failure"
        case .routeRequest: "route request"
        case .routeResponse: "route response"
        }
    }
}
