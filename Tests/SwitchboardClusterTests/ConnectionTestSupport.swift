import Foundation
import Logging
import NIOCore
import NIOPosix
@testable import SwitchboardCluster
import Synchronization

/// Two `FrameConnection`s joined by a real Unix socket: `server` accepted, `client` connected.
struct ConnectedPair: Sendable {
    let client: FrameConnection
    let server: FrameConnection
    let listener: any Channel
    let directory: String

    /// `serverFrames` handles the frames the client sends (that are not answers); `clientFrames` the reverse.
    static func make(
        serverFrames: @escaping @Sendable (ClusterFrame, FrameConnection) -> Void,
        clientFrames: @escaping @Sendable (ClusterFrame, FrameConnection) -> Void = { _, _ in }
    ) async throws -> ConnectedPair {
        var template = Array("/tmp/sbct.XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        let transport = UnixSocketTransport(path: directory + "/s.sock")
        let accepted = AcceptedConnection()
        let logger = Logger(label: "test")
        let listener = try await transport.listen(group: MultiThreadedEventLoopGroup.singleton) { channel in
            accepted.set(try FrameConnection.install(on: channel, logger: logger, onFrame: serverFrames))
        }
        let channel = try await transport.connect(group: MultiThreadedEventLoopGroup.singleton) { channel in
            accepted.setClient(try FrameConnection.install(on: channel, logger: logger, onFrame: clientFrames))
        }
        _ = channel
        let server = try await accepted.waitForServer()
        return ConnectedPair(client: accepted.client!, server: server, listener: listener, directory: directory)
    }

    func close() async {
        client.close()
        server.close()
        try? await listener.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

private final class AcceptedConnection: Sendable {
    private let state = Mutex<(server: FrameConnection?, client: FrameConnection?)>((nil, nil))

    func set(_ connection: FrameConnection) { state.withLock { $0.server = connection } }
    func setClient(_ connection: FrameConnection) { state.withLock { $0.client = connection } }
    var client: FrameConnection? { state.withLock { $0.client } }

    func waitForServer() async throws -> FrameConnection {
        for _ in 0..<500 {
            if let server = state.withLock({ $0.server }) { return server }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CancellationError()
    }
}

/// Log lines kept for inspection.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        Logger(label: "capture") { _ in CapturingHandler(capture: self) }
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var all = metadata
            for (key, value) in event.metadata ?? [:] { all[key] = value }
            let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(event.level) \(event.message) \(rendered)")
        }
    }
}
