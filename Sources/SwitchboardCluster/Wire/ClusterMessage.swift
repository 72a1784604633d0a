import NIOCore
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardServer

/// One frame: a request id and a message (whose case is the frame's kind).
public struct ClusterFrame: Sendable, Equatable {
    public var requestID: UInt64
    public var message: ClusterMessage

    public init(requestID: UInt64, message: ClusterMessage) {
        self.requestID = requestID
        self.message = message
    }
}

/// The messages of the router–worker protocol (see `FrameKind` for who sends which).
public enum ClusterMessage: Sendable, Equatable {
    case hello(WorkerHello)
    case executeRequest(ExecuteRequest)
    case executeResponse(ExecuteResponse)
    case keyRequest(KeyRequest)
    case keyGrant(KeyGrant)
    case keyRefusal(KeyRefusal)
    case keyRevoke(KeyRevoke)
    case statsRequest
    case statsResponse(WorkerStats)
    case drain
    case drained
    case failure(String)
    case routeRequest(RouteRequest)
    case routeResponse(TenantHTTPResponse)

    public var kind: FrameKind {
        switch self {
        case .hello: .hello
        case .executeRequest: .executeRequest
        case .executeResponse: .executeResponse
        case .keyRequest: .keyRequest
        case .keyGrant: .keyGrant
        case .keyRefusal: .keyRefusal
        case .keyRevoke: .keyRevoke
        case .statsRequest: .statsRequest
        case .statsResponse: .statsResponse
        case .drain: .drain
        case .drained: .drained
        case .failure: .failure
        case .routeRequest: .routeRequest
        case .routeResponse: .routeResponse
        }
    }
}

/// The first frame a worker sends on a connection.
public struct WorkerHello: Sendable, Equatable {
    public var protocolVersion: UInt16
    public var workerID: String
    public var pid: Int32
    /// The public half of a key pair the worker made for this connection: the router seals the data keys it grants
    /// to it (`KeySealing`), so that no buffer on either side ever holds a tenant key in clear.
    public var sessionPublicKey: [UInt8]

    public init(protocolVersion: UInt16 = FrameFormat.protocolVersion, workerID: String, pid: Int32,
                sessionPublicKey: [UInt8]) {
        self.protocolVersion = protocolVersion
        self.workerID = workerID
        self.pid = pid
        self.sessionPublicKey = sessionPublicKey
    }
}

/// A tenant's GraphQL request, authenticated and validated by the router.
public struct ExecuteRequest: Sendable, Equatable {
    public var tenantID: String
    /// The HTTP request's id, for the worker's log lines.
    public var requestID: String
    /// The operation's type, which the router learnt parsing the document.
    public var operation: OperationType
    /// The media type the router negotiated with the client.
    public var mediaType: ResponseMediaType
    /// The request's parameters as a JSON object (`GraphQLRequestParameters.jsonBody`).
    public var body: ByteBuffer

    public init(tenantID: String, requestID: String, operation: OperationType, mediaType: ResponseMediaType,
                body: ByteBuffer) {
        self.tenantID = tenantID
        self.requestID = requestID
        self.operation = operation
        self.mediaType = mediaType
        self.body = body
    }
}

/// The HTTP answer to an execute request, as the router sends it on.
public struct ExecuteResponse: Sendable, Equatable {
    public var status: UInt16
    public var contentType: String
    public var body: ByteBuffer

    public init(status: UInt16, contentType: String, body: ByteBuffer) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// A request of a tenant route, for the tenant the router found it belongs to (`TenantRoute`).
public struct RouteRequest: Sendable, Equatable {
    public var tenantID: String
    /// The route's stable name (`webhook.delivery`, `oauth.callback`…).
    public var route: String
    public var request: TenantHTTPRequest

    public init(tenantID: String, route: String, request: TenantHTTPRequest) {
        self.tenantID = tenantID
        self.route = route
        self.request = request
    }
}

/// A worker asks for a tenant's data key at a version (the one it read in the database).
public struct KeyRequest: Sendable, Equatable, Hashable {
    public var tenantID: String
    public var version: Int

    public init(tenantID: String, version: Int) {
        self.tenantID = tenantID
        self.version = version
    }
}

/// The key, sealed to the worker's session public key.
public struct KeyGrant: Sendable, Equatable {
    public var tenantID: String
    public var version: Int
    public var sealedKey: [UInt8]

    public init(tenantID: String, version: Int, sealedKey: [UInt8]) {
        self.tenantID = tenantID
        self.version = version
        self.sealedKey = sealedKey
    }
}

/// The router will not give this key to this worker.
public struct KeyRefusal: Sendable, Equatable {
    public var tenantID: String
    public var reason: String

    public init(tenantID: String, reason: String) {
        self.tenantID = tenantID
        self.reason = reason
    }
}

/// Drop a tenant's keys: every version, or every version but `keptVersion` (after a rotation).
public struct KeyRevoke: Sendable, Equatable {
    public var tenantID: String
    public var keptVersion: Int?

    public init(tenantID: String, keptVersion: Int? = nil) {
        self.tenantID = tenantID
        self.keptVersion = keptVersion
    }
}

/// What a worker serves and holds.
public struct WorkerStats: Sendable, Equatable {
    public var workerID: String
    public var pid: Int32
    /// Tenants it has executed requests for since it started.
    public var tenantsServed: Int
    /// Requests it has answered since it started.
    public var requests: UInt64
    /// Requests under way now.
    public var inFlight: Int
    /// The keys it holds now, by tenant and version, as fingerprints.
    public var keys: [HeldKey]

    public init(workerID: String, pid: Int32, tenantsServed: Int, requests: UInt64, inFlight: Int, keys: [HeldKey]) {
        self.workerID = workerID
        self.pid = pid
        self.tenantsServed = tenantsServed
        self.requests = requests
        self.inFlight = inFlight
        self.keys = keys
    }
}

/// One key a worker holds, shown by fingerprint only.
public struct HeldKey: Sendable, Equatable, Hashable {
    public var tenantID: String
    public var version: Int
    public var fingerprint: String

    public init(tenantID: String, version: Int, fingerprint: String) {
        self.tenantID = tenantID
        self.version = version
        self.fingerprint = fingerprint
    }
}
