import Foundation
import NIOCore
import NIOPosix

/// How routers and workers reach each other: the byte stream under the frames.
///
/// The protocol above (codec, `FrameConnection`) is the same whatever the transport: a transport only opens the
/// stream and may put handlers of its own first in the pipeline (a TLS transport for remote workers adds its TLS
/// handler, with the peer's certificate checked, before calling `initializer`).
public protocol ClusterTransport: Sendable, CustomStringConvertible {
    /// Connects to a listening worker; `initializer` completes the new channel's pipeline (on its event loop).
    func connect(
        group: any EventLoopGroup, initializer: @escaping @Sendable (any Channel) throws -> Void
    ) async throws -> any Channel

    /// Listens for routers; `initializer` completes each accepted channel's pipeline. Returns the listening channel.
    func listen(
        group: any EventLoopGroup, initializer: @escaping @Sendable (any Channel) throws -> Void
    ) async throws -> any Channel
}

/// A Unix domain socket: a router and the workers it spawned on one machine. The socket file is created with mode
/// 0600 in a directory of mode 0700 the router made, so other users can neither connect nor look.
public struct UnixSocketTransport: ClusterTransport {
    public let path: String

    /// The longest path a socket address holds (`sun_path` less its terminating zero).
    public static let maxPathLength = 107

    public init(path: String) {
        self.path = path
    }

    public var description: String { "unix:\(path)" }

    public func connect(
        group: any EventLoopGroup, initializer: @escaping @Sendable (any Channel) throws -> Void
    ) async throws -> any Channel {
        try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try initializer(channel) }
            }
            .connect(unixDomainSocketPath: path)
            .get()
    }

    public func listen(
        group: any EventLoopGroup, initializer: @escaping @Sendable (any Channel) throws -> Void
    ) async throws -> any Channel {
        // Created by this process's umask otherwise: narrow it while binding so that the file is 0600 from the start.
        let previous = umask(0o177)
        defer { umask(previous) }
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try initializer(channel) }
            }
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true)
            .get()
    }
}
