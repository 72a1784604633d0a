import Foundation
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import Testing

/// The provider stand-in (Tests/standin/server.py) as a child process, for the HTTP client's tests.
final class StandInProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is started in `init` and only terminated afterwards.
    let process: Process
    let baseURL: String

    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("standin/server.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // It exits when its standard input closes: when this process ends, however it ends.
        process.arguments = ["python3", script.path, "--exit-with-stdin"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = Pipe()
        // Not this process's standard error: `swift test` waits for every holder of that pipe to close it.
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is `STANDIN <base URL>`.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("STANDIN ") else {
            process.terminate()
            throw StartError(output: text)
        }
        self.process = process
        self.baseURL = String(text.dropFirst("STANDIN ".count))
    }

    struct StartError: Error {
        let output: String
    }

    deinit {
        process.terminate()
    }
}

/// `AsyncHTTPProviderClient` against a real HTTP server (the stand-in): what it sends, and its bounds on time,
/// size and redirects.
@Suite struct ProviderHTTPClientTests {
    static let standIn = Result { try StandInProcess() }
    let client = AsyncHTTPProviderClient()

    func url(_ path: String) throws -> String { try Self.standIn.get().baseURL + path }

    /// Makes requests to paths beginning with `path` answer as `spec` says (see server.py's `behave`).
    func behave(_ path: String, _ spec: GraphQLValue) async throws {
        var object: OrderedDictionary<String, GraphQLValue> = ["path": .string(path)]
        if case .object(let given) = spec { for (key, value) in given { object[key] = value } }
        let response = try await client.send(OutboundRequest(
            method: "POST", url: try url("/_standin/behave"),
            headers: [HTTPHeader(name: "content-type", value: "application/json")],
            body: Array(GraphQLValue.object(object).jsonString.utf8)))
        #expect(response.status == 200)
    }

    /// The requests the stand-in recorded to `path`.
    func recorded(_ path: String) async throws -> [GraphQLValue] {
        let response = try await client.send(OutboundRequest(method: "GET", url: try url("/_standin/calls")))
        let calls = try parseJSON(String(decoding: response.body, as: UTF8.self))
        guard case .object(let object) = calls, case .list(let requests)? = object["requests"] else { return [] }
        return requests.filter { $0["path"].string == path }
    }

    @Test func sendsMethodHeadersAndBody() async throws {
        let response = try await client.send(OutboundRequest(
            method: "POST", url: try url("/p/client/echo?limit=1"),
            headers: [HTTPHeader(name: "Authorization", value: "Bearer sk-test-123"),
                      HTTPHeader(name: "content-type", value: "text/plain")],
            body: Array("hello".utf8)))
        #expect(response.status == 404)  // no handler: the stand-in records it all the same
        #expect(response.header("Content-Type") == "application/json")
        let request = try #require(try await recorded("/p/client/echo").last)
        #expect(request["method"] == "POST" && request["query"] == "limit=1" && request["body"] == "hello")
        #expect(request["headers"]["authorization"] == "Bearer sk-test-123")
        #expect(request["headers"]["user-agent"] == "Switchboard")
    }

    @Test func aSlowProviderTimesOutWithoutShowingThePath() async throws {
        try await behave("/p/client/slow", ["delay": 3])
        let started = ContinuousClock.now
        let error = await #expect(throws: ProviderHTTPError.self) {
            _ = try await client.send(OutboundRequest(
                method: "GET", url: try url("/p/client/slow/sk-secret-in-path?key=sk-secret-in-query"),
                timeout: .milliseconds(500)))
        }
        #expect(ContinuousClock.now - started < .milliseconds(2500))
        #expect(error?.kind == .timedOut)
        #expect(error?.description.contains("secret") == false)
        #expect(error?.description == "The provider did not answer within 0.5 s (\(try Self.standIn.get().baseURL))")
    }

    @Test func aLargeBodyIsRefused() async throws {
        try await behave("/p/client/big", ["status": 200, "body": .string(String(repeating: "x", count: 300_000))])
        let small = AsyncHTTPProviderClient(maximumResponseBytes: 100_000)
        let error = await #expect(throws: ProviderHTTPError.self) {
            _ = try await small.send(OutboundRequest(method: "GET", url: try url("/p/client/big")))
        }
        #expect(error?.kind == .responseTooLarge)
        // Within the limit, the same answer is read whole.
        let whole = try await client.send(OutboundRequest(method: "GET", url: try url("/p/client/big")))
        #expect(whole.body.count == 300_000)
    }

    @Test func redirectsStayWithinTheOrigin() async throws {
        // Elsewhere: returned as it is, never followed with the credentials.
        try await behave("/p/client/away", ["status": 302, "headers": ["Location": "http://127.0.0.2:9/steal"]])
        let away = try await client.send(OutboundRequest(
            method: "GET", url: try url("/p/client/away"), headers: [HTTPHeader(name: "authorization", value: "x")]))
        #expect(away.status == 302 && away.header("location") == "http://127.0.0.2:9/steal")

        // Within the origin: followed, the headers with it.
        try await behave("/p/client/hop", ["status": 307, "headers": ["Location": "/p/client/landed"]])
        let hop = try await client.send(OutboundRequest(
            method: "GET", url: try url("/p/client/hop"), headers: [HTTPHeader(name: "authorization", value: "y")]))
        #expect(hop.status == 404)
        #expect(try await recorded("/p/client/landed").last?["headers"]["authorization"] == "y")

        try await behave("/p/client/loop", ["status": 302, "headers": ["Location": "/p/client/loop"]])
        let error = await #expect(throws: ProviderHTTPError.self) {
            _ = try await client.send(OutboundRequest(method: "GET", url: try url("/p/client/loop")))
        }
        #expect(error?.kind == .tooManyRedirects)
        #expect(try await recorded("/p/client/loop").count == 4)
    }

    @Test func unreachableAndInvalidURLs() async throws {
        let refused = await #expect(throws: ProviderHTTPError.self) {
            _ = try await client.send(OutboundRequest(method: "GET", url: "http://127.0.0.1:1/x?token=secret"))
        }
        #expect(refused?.kind == .connectionFailed)
        #expect(refused?.description == "Could not reach the provider (http://127.0.0.1:1)")
        for bad in ["ftp://example.test/x", "/relative", "not a url"] {
            let error = await #expect(throws: ProviderHTTPError.self) {
                _ = try await client.send(OutboundRequest(method: "GET", url: bad))
            }
            #expect(error?.kind == .invalidURL, "\(bad)")
        }
        // Descriptions of requests show the origin only.
        let request = OutboundRequest(
            method: "GET", url: "https://api.test/v2/sk-secret?key=sk-secret",
            headers: [HTTPHeader(name: "authorization", value: "Bearer sk-secret")])
        #expect("\(request)" == "OutboundRequest(GET https://api.test, credentials redacted)")
        #expect(!String(reflecting: request).contains("secret"))
    }
}
