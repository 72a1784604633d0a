import NIOCore
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardServer

/// Bounds on fields, besides the frame's own: an identifier longer than these is a peer out of order.
enum FieldLimits {
    static let identifier = 256
    static let contentType = 256
    static let reason = 4_096
    static let publicKey = 32
    /// A sealed key: 32 bytes, an ephemeral public key and a tag (`KeySealing.sealedByteCount`).
    static let sealedKey = 80
    /// The parts of a tenant route's HTTP request and response.
    static let method = 16
    static let path = 4_096
    static let query = 8_192
    static let headerCount = 128
    static let headerName = 256
    static let headerValue = 16_384
}

extension ClusterFrame {
    /// Appends this frame to `buffer`. A message larger than a frame may be is refused before anything is
    /// written for it.
    public func encode(into buffer: inout ByteBuffer) throws(WireError) {
        let start = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        buffer.writeInteger(message.kind.rawValue)
        buffer.writeInteger(requestID)
        var writer = PayloadWriter(buffer: buffer)
        message.writePayload(to: &writer)
        buffer = writer.buffer
        let length = buffer.writerIndex - start - 4
        guard length <= FrameFormat.maxFrameLength else {
            buffer.moveWriterIndex(to: start)
            throw .messageTooLarge(kind: message.kind, length: length)
        }
        buffer.setInteger(UInt32(length), at: start)
    }

    /// The frame at the start of `buffer`'s readable bytes, which it consumes; nil while the frame is incomplete
    /// (nothing is consumed). A length beyond the limit is refused as soon as its four bytes are in, before the
    /// frame is buffered.
    public static func decode(from buffer: inout ByteBuffer) throws(WireError) -> ClusterFrame? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self).map(Int.init) else { return nil }
        guard length <= FrameFormat.maxFrameLength else { throw .frameTooLarge(length: length) }
        guard length >= FrameFormat.headerLength else { throw .frameTooShort(length: length) }
        guard buffer.readableBytes >= 4 + length else { return nil }
        let start = buffer.readerIndex
        var frame = buffer.getSlice(at: start + 4, length: length)!
        let kindByte: UInt8 = frame.readInteger()!
        let requestID: UInt64 = frame.readInteger()!
        guard let kind = FrameKind(rawValue: kindByte) else { throw .unknownKind(kindByte) }
        var reader = PayloadReader(kind: kind, buffer: frame)
        let message = try ClusterMessage.readPayload(kind, from: &reader)
        if reader.buffer.readableBytes > 0 {
            throw .trailingBytes(kind: kind, count: reader.buffer.readableBytes)
        }
        buffer.moveReaderIndex(to: start + 4 + length)
        return ClusterFrame(requestID: requestID, message: message)
    }
}

extension ClusterMessage {
    fileprivate func writePayload(to writer: inout PayloadWriter) {
        switch self {
        case .hello(let hello):
            writer.u16(hello.protocolVersion)
            writer.text(hello.workerID)
            writer.u32(UInt32(bitPattern: hello.pid))
            writer.bytes(hello.sessionPublicKey)
        case .executeRequest(let request):
            writer.text(request.tenantID)
            writer.text(request.requestID)
            writer.u8(OperationCode.code(of: request.operation))
            writer.u8(MediaTypeCode.code(of: request.mediaType))
            writer.bytes(request.body)
        case .executeResponse(let response):
            writer.u16(response.status)
            writer.text(response.contentType)
            writer.bytes(response.body)
        case .keyRequest(let request):
            writer.text(request.tenantID)
            writer.u32(UInt32(clamping: request.version))
        case .keyGrant(let grant):
            writer.text(grant.tenantID)
            writer.u32(UInt32(clamping: grant.version))
            writer.bytes(grant.sealedKey)
        case .keyRefusal(let refusal):
            writer.text(refusal.tenantID)
            writer.text(refusal.reason)
        case .keyRevoke(let revoke):
            writer.text(revoke.tenantID)
            // Key versions start at 1: 0 says "keep none".
            writer.u32(UInt32(clamping: revoke.keptVersion ?? 0))
        case .statsResponse(let stats):
            writer.text(stats.workerID)
            writer.u32(UInt32(bitPattern: stats.pid))
            writer.u32(UInt32(clamping: stats.tenantsServed))
            writer.u64(stats.requests)
            writer.u32(UInt32(clamping: stats.inFlight))
            writer.u32(UInt32(clamping: stats.keys.count))
            for key in stats.keys {
                writer.text(key.tenantID)
                writer.u32(UInt32(clamping: key.version))
                writer.text(key.fingerprint)
            }
        case .failure(let message):
            writer.text(message)
        case .routeRequest(let route):
            writer.text(route.tenantID)
            writer.text(route.route)
            writer.text(route.request.requestID)
            writer.text(route.request.method)
            writer.text(route.request.path)
            writer.text(route.request.query)
            writer.headers(route.request.headers)
            writer.bytes(route.request.body)
        case .routeResponse(let response):
            writer.u16(UInt16(clamping: response.status))
            writer.headers(response.headers)
            writer.bytes(response.body)
        case .statsRequest, .drain, .drained:
            break
        }
    }

    fileprivate static func readPayload(_ kind: FrameKind, from reader: inout PayloadReader) throws(WireError)
        -> ClusterMessage
    {
        switch kind {
        case .hello:
            let version = try reader.u16("protocol version")
            let workerID = try reader.identifier("worker id")
            let pid = Int32(bitPattern: try reader.u32("pid"))
            let publicKey = try reader.bytes("session public key", exactly: FieldLimits.publicKey)
            return .hello(WorkerHello(protocolVersion: version, workerID: workerID, pid: pid,
                                      sessionPublicKey: publicKey))
        case .executeRequest:
            let tenantID = try reader.identifier("tenant id")
            let requestID = try reader.text("request id", limit: FieldLimits.identifier)
            let operationCode = try reader.u8("operation")
            guard let operation = OperationCode.operation(operationCode) else {
                throw .invalidValue(kind: kind, field: "operation", reason: "is \(operationCode), not 0, 1 or 2")
            }
            let mediaCode = try reader.u8("media type")
            guard let mediaType = MediaTypeCode.mediaType(mediaCode) else {
                throw .invalidValue(kind: kind, field: "media type", reason: "is \(mediaCode), not 0 or 1")
            }
            let body = try reader.byteBuffer("body")
            return .executeRequest(ExecuteRequest(tenantID: tenantID, requestID: requestID, operation: operation,
                                                  mediaType: mediaType, body: body))
        case .executeResponse:
            let status = try reader.u16("status")
            guard (100...599).contains(status) else {
                throw .invalidValue(kind: kind, field: "status", reason: "is \(status), not an HTTP status")
            }
            let contentType = try reader.text("content type", limit: FieldLimits.contentType)
            let body = try reader.byteBuffer("body")
            return .executeResponse(ExecuteResponse(status: status, contentType: contentType, body: body))
        case .keyRequest:
            let tenantID = try reader.identifier("tenant id")
            let version = try reader.keyVersion("version")
            return .keyRequest(KeyRequest(tenantID: tenantID, version: version))
        case .keyGrant:
            let tenantID = try reader.identifier("tenant id")
            let version = try reader.keyVersion("version")
            let sealed = try reader.bytes("sealed key", exactly: FieldLimits.sealedKey)
            return .keyGrant(KeyGrant(tenantID: tenantID, version: version, sealedKey: sealed))
        case .keyRefusal:
            let tenantID = try reader.identifier("tenant id")
            let reason = try reader.text("reason", limit: FieldLimits.reason)
            return .keyRefusal(KeyRefusal(tenantID: tenantID, reason: reason))
        case .keyRevoke:
            let tenantID = try reader.identifier("tenant id")
            let kept = Int(try reader.u32("kept version"))
            return .keyRevoke(KeyRevoke(tenantID: tenantID, keptVersion: kept == 0 ? nil : kept))
        case .statsRequest:
            return .statsRequest
        case .statsResponse:
            let workerID = try reader.identifier("worker id")
            let pid = Int32(bitPattern: try reader.u32("pid"))
            let tenantsServed = Int(try reader.u32("tenants served"))
            let requests = try reader.u64("requests")
            let inFlight = Int(try reader.u32("in flight"))
            let count = Int(try reader.u32("key count"))
            // Each key takes at least 12 bytes: a count beyond what is left is a lie, not a reason to allocate.
            guard count <= reader.buffer.readableBytes / 12 else { throw .truncated(kind: kind, field: "keys") }
            var keys: [HeldKey] = []
            keys.reserveCapacity(count)
            for _ in 0..<count {
                let tenantID = try reader.identifier("key tenant id")
                let version = try reader.keyVersion("key version")
                let fingerprint = try reader.identifier("key fingerprint")
                keys.append(HeldKey(tenantID: tenantID, version: version, fingerprint: fingerprint))
            }
            return .statsResponse(WorkerStats(workerID: workerID, pid: pid, tenantsServed: tenantsServed,
                                              requests: requests, inFlight: inFlight, keys: keys))
        case .drain:
            return .drain
        case .drained:
            return .drained
        case .failure:
            return .failure(try reader.text("message", limit: FieldLimits.reason))
        case .routeRequest:
            let tenantID = try reader.identifier("tenant id")
            let route = try reader.identifier("route")
            let requestID = try reader.text("request id", limit: FieldLimits.identifier)
            let method = try reader.text("method", limit: FieldLimits.method)
            let path = try reader.text("path", limit: FieldLimits.path)
            let query = try reader.text("query", limit: FieldLimits.query)
            let headers = try reader.headers()
            let body = try reader.byteArray("body")
            return .routeRequest(RouteRequest(
                tenantID: tenantID, route: route,
                request: TenantHTTPRequest(method: method, path: path, query: query, headers: headers, body: body,
                                           requestID: requestID)))
        case .routeResponse:
            let status = try reader.u16("status")
            guard (100...599).contains(status) else {
                throw .invalidValue(kind: kind, field: "status", reason: "is \(status), not an HTTP status")
            }
            let headers = try reader.headers()
            let body = try reader.byteArray("body")
            return .routeResponse(TenantHTTPResponse(status: Int(status), headers: headers, body: body))
        }
    }
}

/// Operation types on the wire.
enum OperationCode {
    static func code(of operation: OperationType) -> UInt8 {
        switch operation {
        case .query: 0
        case .mutation: 1
        case .subscription: 2
        }
    }

    static func operation(_ code: UInt8) -> OperationType? {
        switch code {
        case 0: .query
        case 1: .mutation
        case 2: .subscription
        default: nil
        }
    }
}

/// Response media types on the wire.
enum MediaTypeCode {
    static func code(of mediaType: ResponseMediaType) -> UInt8 {
        switch mediaType {
        case .graphQLResponseJSON: 0
        case .json: 1
        }
    }

    static func mediaType(_ code: UInt8) -> ResponseMediaType? {
        switch code {
        case 0: .graphQLResponseJSON
        case 1: .json
        default: nil
        }
    }
}

private struct PayloadWriter {
    var buffer: ByteBuffer

    mutating func u8(_ value: UInt8) { buffer.writeInteger(value) }
    mutating func u16(_ value: UInt16) { buffer.writeInteger(value) }
    mutating func u32(_ value: UInt32) { buffer.writeInteger(value) }
    mutating func u64(_ value: UInt64) { buffer.writeInteger(value) }

    mutating func text(_ value: String) {
        buffer.writeInteger(UInt32(value.utf8.count))
        buffer.writeString(value)
    }

    mutating func bytes(_ value: [UInt8]) {
        buffer.writeInteger(UInt32(value.count))
        buffer.writeBytes(value)
    }

    mutating func bytes(_ value: ByteBuffer) {
        buffer.writeInteger(UInt32(value.readableBytes))
        buffer.writeImmutableBuffer(value)
    }

    /// `[u32 count]` then each header's name and value as texts.
    mutating func headers(_ headers: [HTTPHeader]) {
        buffer.writeInteger(UInt32(headers.count))
        for header in headers {
            text(header.name)
            text(header.value)
        }
    }
}

private struct PayloadReader {
    let kind: FrameKind
    var buffer: ByteBuffer

    mutating func u8(_ field: String) throws(WireError) -> UInt8 { try integer(field) }
    mutating func u16(_ field: String) throws(WireError) -> UInt16 { try integer(field) }
    mutating func u32(_ field: String) throws(WireError) -> UInt32 { try integer(field) }
    mutating func u64(_ field: String) throws(WireError) -> UInt64 { try integer(field) }

    private mutating func integer<T: FixedWidthInteger>(_ field: String) throws(WireError) -> T {
        guard let value = buffer.readInteger(as: T.self) else { throw .truncated(kind: kind, field: field) }
        return value
    }

    /// A key version: 1 through `UInt32.max` (0 is no version).
    mutating func keyVersion(_ field: String) throws(WireError) -> Int {
        let version = try u32(field)
        guard version > 0 else { throw .invalidValue(kind: kind, field: field, reason: "is 0") }
        return Int(version)
    }

    mutating func byteBuffer(_ field: String) throws(WireError) -> ByteBuffer {
        let count = Int(try u32(field + " length"))
        guard let slice = buffer.readSlice(length: count) else { throw .truncated(kind: kind, field: field) }
        return slice
    }

    /// A byte string of any length the frame holds.
    mutating func byteArray(_ field: String) throws(WireError) -> [UInt8] {
        let count = Int(try u32(field + " length"))
        guard let bytes = buffer.readBytes(length: count) else { throw .truncated(kind: kind, field: field) }
        return bytes
    }

    /// Headers as `PayloadWriter.headers` writes them, at most `FieldLimits.headerCount`, names not empty.
    mutating func headers() throws(WireError) -> [HTTPHeader] {
        let count = Int(try u32("header count"))
        guard count <= FieldLimits.headerCount else {
            throw .invalidValue(
                kind: kind, field: "header count", reason: "is \(count), more than \(FieldLimits.headerCount)")
        }
        var headers: [HTTPHeader] = []
        headers.reserveCapacity(count)
        for _ in 0..<count {
            let name = try text("header name", limit: FieldLimits.headerName)
            guard !name.isEmpty else { throw .invalidValue(kind: kind, field: "header name", reason: "is empty") }
            headers.append(HTTPHeader(name: name, value: try text("header value", limit: FieldLimits.headerValue)))
        }
        return headers
    }

    mutating func bytes(_ field: String, exactly expected: Int) throws(WireError) -> [UInt8] {
        let count = Int(try u32(field + " length"))
        guard count == expected else {
            throw .invalidValue(kind: kind, field: field, reason: "has \(count) bytes, not \(expected)")
        }
        guard let bytes = buffer.readBytes(length: count) else { throw .truncated(kind: kind, field: field) }
        return bytes
    }

    mutating func text(_ field: String, limit: Int) throws(WireError) -> String {
        let count = Int(try u32(field + " length"))
        guard count <= limit else {
            throw .invalidValue(kind: kind, field: field, reason: "has \(count) bytes, more than \(limit)")
        }
        guard let bytes = buffer.readSlice(length: count) else { throw .truncated(kind: kind, field: field) }
        guard let text = bytes.withUnsafeReadableBytes({ String(validating: $0, as: UTF8.self) }) else {
            throw .invalidText(kind: kind, field: field)
        }
        return text
    }

    /// A non-empty identifier (tenant, worker, fingerprint).
    mutating func identifier(_ field: String) throws(WireError) -> String {
        let value = try text(field, limit: FieldLimits.identifier)
        guard !value.isEmpty else { throw .invalidValue(kind: kind, field: field, reason: "is empty") }
        return value
    }
}
