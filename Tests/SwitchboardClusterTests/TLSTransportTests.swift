import Foundation
import Logging
import NIOCore
import NIOPosix
@testable import SwitchboardCluster
import Synchronization
import Testing

/// Certificates made fresh by ops/cluster-certs.sh (openssl) in a temporary directory.
struct TestCertificates {
    let directory: String

    var ca: String { directory + "/ca.pem" }
    var workerFiles: ClusterTLSFiles { files("worker") }
    var routerFiles: ClusterTLSFiles { files("router") }

    func files(_ name: String, ca: String? = nil) -> ClusterTLSFiles {
        ClusterTLSFiles(certificate: "\(directory)/\(name).pem", privateKey: "\(directory)/\(name).key",
                        certificateAuthority: ca ?? self.ca)
    }

    /// `workerNames`: the worker certificate's SANs (the script's default: IP:127.0.0.1 DNS:localhost).
    static func make(workerNames: [String] = []) throws -> TestCertificates {
        var template = Array("/tmp/sbtls.XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ops/cluster-certs.sh").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, directory] + workerNames
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TLSConfigurationError("cluster-certs.sh failed") }
        return TestCertificates(directory: directory)
    }

    func write(_ name: String, _ text: String) -> String {
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A bad TLS set-up is refused with a message that names the file and the fault, and never quotes a key.
@Suite struct TLSTransportConfigurationTests {
    private func error(role: TLSTransport.Role = .worker, _ files: ClusterTLSFiles, serverName: String? = nil)
        -> String?
    {
        do {
            _ = try TLSTransport(host: "127.0.0.1", port: 0, role: role, files: files, serverName: serverName)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func goodFilesMakeBothSides() throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        #expect(error(role: .worker, certs.workerFiles) == nil)
        #expect(error(role: .router, certs.routerFiles) == nil)
        #expect(error(role: .router, certs.routerFiles, serverName: "worker.internal") == nil)
    }

    @Test func aMissingFileIsNamed() throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        var files = certs.workerFiles
        files.certificate = certs.directory + "/nope.pem"
        #expect(error(files) == "the certificate file \(certs.directory)/nope.pem does not exist")
        files = certs.workerFiles
        files.privateKey = certs.directory + "/nope.key"
        #expect(error(files) == "the private key file \(certs.directory)/nope.key does not exist")
        files = certs.workerFiles
        files.certificateAuthority = ""
        #expect(error(files) == "the CA certificate file  does not exist")
        files = certs.workerFiles
        files.certificateAuthority = certs.directory
        #expect(error(files) == "the CA certificate file \(certs.directory) is a directory")
    }

    @Test func aFileThatIsNoPEMIsRefused() throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        var files = certs.workerFiles
        files.certificate = certs.write("garbage.pem", "not a certificate\n")
        let garbage = try #require(error(files))
        #expect(garbage.hasPrefix("the certificate file \(files.certificate) ") && garbage.contains("PEM certificate"))

        files = certs.workerFiles
        files.certificateAuthority = certs.write("empty.pem", "")
        #expect(error(files) == "the CA certificate file \(files.certificateAuthority) is empty")

        // A key where the certificate goes, and the reverse.
        files = certs.workerFiles
        files.certificate = files.privateKey
        #expect(error(files)?.hasPrefix("the certificate file \(files.privateKey) ") == true)
        files = certs.workerFiles
        files.privateKey = files.certificate
        #expect(error(files) == "the private key file \(files.certificate) is not an unencrypted PEM private key")

        let truncated = try String(contentsOfFile: certs.workerFiles.privateKey, encoding: .utf8)
        files = certs.workerFiles
        files.privateKey = certs.write("broken.key", String(truncated.dropLast(40)))
        let message = try #require(error(files))
        #expect(message == "the private key file \(files.privateKey) is not an unencrypted PEM private key")
        // No line of the key in the message.
        for line in truncated.split(separator: "\n") where !line.hasPrefix("-----") {
            #expect(!message.contains(line))
        }
    }

    @Test func aKeyOfAnotherCertificateIsRefused() throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        var files = certs.workerFiles
        files.privateKey = certs.routerFiles.privateKey
        let message = try #require(error(files))
        #expect(message.hasPrefix(
            "the private key \(files.privateKey) does not fit the certificate \(files.certificate)"))
    }

    @Test func aServerNameMustBeADNSName() throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        #expect(error(role: .router, certs.routerFiles, serverName: "10.0.0.1")?.contains("is not a DNS name") == true)
        #expect(error(role: .router, certs.routerFiles, serverName: "bad name")?.contains("is not a DNS name") == true)
        #expect(error(role: .router, certs.routerFiles, serverName: "") != nil)
    }

    @Test func addressesParse() throws {
        #expect(try HostAndPort.parse("127.0.0.1:7400") == ("127.0.0.1", 7400))
        #expect(try HostAndPort.parse("[::1]:7400") == ("::1", 7400))
        #expect(try HostAndPort.parse("worker.internal:1") == ("worker.internal", 1))
        for bad in ["", "host", ":80", "host:", "host:65536", "::1:80", "[::1]80", "host:-1", "host:123456"] {
            #expect(throws: HostAndPort.ParseError.self) { try HostAndPort.parse(bad) }
        }
        #expect(try RemoteWorker.parse("r9=10.0.0.9:7400") == RemoteWorker(id: "r9", host: "10.0.0.9", port: 7400))
        #expect(throws: HostAndPort.ParseError.self) { try RemoteWorker.parse("r9=10.0.0.9:0") }
        #expect(throws: HostAndPort.ParseError.self) { try RemoteWorker.parse("w 9=10.0.0.9:7400") }
        // The form of a local worker's id, which a worker count may bring up.
        #expect(throws: HostAndPort.ParseError.self) { try RemoteWorker.parse("w9=10.0.0.9:7400") }
        #expect(throws: HostAndPort.ParseError.self) { try RemoteWorker.parse("10.0.0.9:7400") }
    }
}

/// The transport on loopback: frames go through once both certificates check out, and not at all otherwise.
@Suite struct TLSTransportConnectionTests {
    /// A worker-side listener that answers stats requests and counts the connections that reached the frames.
    final class Listener: Sendable {
        let channel: any Channel
        private let reached: Counter
        /// How many connections got as far as the frame pipeline.
        var reachedCount: Int { reached.value }
        var port: Int { channel.localAddress?.port ?? 0 }

        init(files: ClusterTLSFiles, handshakeTimeout: Duration = .seconds(10), maxPendingHandshakes: Int = 32)
            async throws
        {
            var transport = try TLSTransport(host: "127.0.0.1", port: 0, role: .worker, files: files)
            transport.handshakeTimeout = handshakeTimeout
            transport.maxPendingHandshakes = maxPendingHandshakes
            let reached = Counter()
            self.reached = reached
            self.channel = try await transport.listen(group: MultiThreadedEventLoopGroup.singleton) { channel in
                reached.increment()
                let connection = try FrameConnection.install(on: channel, logger: Logger(label: "test")) {
                    frame, connection in
                    connection.answer(frame, with: .statsResponse(WorkerStats(
                        workerID: "r9", pid: 1, tenantsServed: 0, requests: 0, inFlight: 0, keys: [])))
                }
                // A worker speaks first, as the router's side of the transport expects.
                connection.send(.hello(WorkerHello(
                    workerID: "r9", pid: 1, sessionPublicKey: Array(repeating: 7, count: 32))))
            }
        }
    }

    final class Counter: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func increment() { count.withLock { $0 += 1 } }
    }

    private func connect(host: String = "127.0.0.1", port: Int, files: ClusterTLSFiles, serverName: String? = nil)
        async throws -> FrameConnection
    {
        let transport = try TLSTransport(host: host, port: port, role: .router, files: files, serverName: serverName)
        let made = Mutex<FrameConnection?>(nil)
        _ = try await transport.connect(group: MultiThreadedEventLoopGroup.singleton) { channel in
            let connection = try FrameConnection.install(on: channel, logger: Logger(label: "test")) { _, _ in }
            made.withLock { $0 = connection }
        }
        return try #require(made.withLock { $0 })
    }

    @Test func framesGoThroughBetweenCertifiedPeers() async throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        let listener = try await Listener(files: certs.workerFiles)
        for host in ["127.0.0.1", "localhost"] {
            let connection = try await connect(host: host, port: listener.port, files: certs.routerFiles)
            let answer = try await connection.request(.statsRequest, timeout: .seconds(5))
            guard case .statsResponse(let stats) = answer else {
                Issue.record("unexpected \(answer.kind)")
                return
            }
            #expect(stats.workerID == "r9")
            connection.close()
        }
        #expect(listener.reachedCount == 2)
        try await listener.channel.close()
    }

    @Test func aRouterWithAnotherCAsCertificateReachesNoFrame() async throws {
        let certs = try TestCertificates.make()
        let stranger = try TestCertificates.make()
        defer { certs.remove(); stranger.remove() }
        let listener = try await Listener(files: certs.workerFiles)
        // The stranger trusts the worker's CA, so its own side of the handshake completes (TLS 1.3 lets a client
        // finish first); the worker then refuses its certificate with an alert instead of a hello, which fails the
        // connect before any frame.
        await #expect(throws: (any Error).self) {
            _ = try await connect(port: listener.port, files: stranger.files("router", ca: certs.ca))
        }
        #expect(listener.reachedCount == 0)
        try await listener.channel.close()
    }

    @Test func aRouterRefusesAWorkerItsCADidNotSign() async throws {
        let certs = try TestCertificates.make()
        let stranger = try TestCertificates.make()
        defer { certs.remove(); stranger.remove() }
        let listener = try await Listener(files: stranger.files("worker", ca: certs.ca))
        await #expect(throws: (any Error).self) {
            _ = try await connect(port: listener.port, files: certs.routerFiles)
        }
        #expect(listener.reachedCount == 0)
        try await listener.channel.close()
    }

    @Test func aRouterChecksTheWorkersName() async throws {
        // A certificate for a DNS name only: NIOSSL also accepts an IP SAN equal to the address dialled, whatever
        // the name asked for, so a name check is only as strict as the certificate's SANs.
        let certs = try TestCertificates.make(workerNames: ["DNS:worker.internal"])
        defer { certs.remove() }
        let listener = try await Listener(files: certs.workerFiles)
        await #expect(throws: (any Error).self) {
            _ = try await connect(port: listener.port, files: certs.routerFiles)
        }
        await #expect(throws: (any Error).self) {
            _ = try await connect(port: listener.port, files: certs.routerFiles, serverName: "other.internal")
        }
        let named = try await connect(port: listener.port, files: certs.routerFiles, serverName: "worker.internal")
        #expect(try await named.request(.statsRequest, timeout: .seconds(5)).kind == .statsResponse)
        named.close()
        // (The worker does not count the refusals above: the router's certificate is good, and the router itself
        // hangs up once it finds the worker's name wrong.)
        try await listener.channel.close()
    }

    /// Plain TCP connections that never start a handshake.
    private func silent(port: Int) async throws -> any Channel {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port)
            .get()
    }

    @Test func aPeerThatNeverCompletesItsHandshakeIsDisconnected() async throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        let listener = try await Listener(files: certs.workerFiles, handshakeTimeout: .milliseconds(300))
        let started = ContinuousClock.now
        let peer = try await silent(port: listener.port)
        try await peer.closeFuture.get()
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        #expect(listener.reachedCount == 0)
        try await listener.channel.close()
    }

    @Test func silentPeersCannotCrowdOutARouter() async throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        // A handshake timeout far longer than the test: the two silent peers must outlive everything below even on
        // a loaded machine.
        let listener = try await Listener(
            files: certs.workerFiles, handshakeTimeout: .seconds(120), maxPendingHandshakes: 2)
        let first = try await silent(port: listener.port)
        let second = try await silent(port: listener.port)
        // Accepted channels are set up on either event loop: give both time to take their slots before the third.
        try await Task.sleep(for: .seconds(1))
        // Beyond the limit a connection is closed at once, while the two still wait for their handshake.
        let third = try await silent(port: listener.port)
        let deadline = ContinuousClock.now + .seconds(10)
        while third.isActive, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!third.isActive)
        #expect(first.isActive && second.isActive)
        // One hangs up: its slot is free again, and a router gets in.
        try await first.close()
        var connection: FrameConnection?
        for _ in 0..<20 where connection == nil {
            connection = try? await connect(port: listener.port, files: certs.routerFiles)
            if connection == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let router = try #require(connection)
        #expect(try await router.request(.statsRequest, timeout: .seconds(5)).kind == .statsResponse)
        router.close()
        #expect(listener.reachedCount == 1)
        try await second.close()
        try await listener.channel.close()
    }
}
