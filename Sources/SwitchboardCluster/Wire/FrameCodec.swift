import NIOCore

/// Bytes in, frames out: wrap in a `ByteToMessageHandler`. A malformed or oversized frame is an error, which the
/// connection handler answers by closing (see `FrameConnection`).
public struct FrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ClusterFrame

    public init() {}

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try ClusterFrame.decode(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        // Frames that are complete still count; a partial frame at the end is dropped with the connection.
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// Frames in, bytes out: wrap in a `MessageToByteHandler`.
public struct FrameEncoder: MessageToByteEncoder {
    public typealias OutboundIn = ClusterFrame

    public init() {}

    public func encode(data: ClusterFrame, out: inout ByteBuffer) throws {
        try data.encode(into: &out)
    }
}
