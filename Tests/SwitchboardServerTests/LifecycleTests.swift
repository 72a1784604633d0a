import Hummingbird
import HummingbirdTesting
import Testing
import SwitchboardGraphQL
@testable import SwitchboardServer

/// Starting on an ephemeral port, reporting it, and stopping gracefully.
@Suite("HTTP server lifecycle")
struct LifecycleTests {
    @Test("Port 0 binds a free port, reported once listening; shutdown lets a request in flight finish")
    func ephemeralPortAndGracefulShutdown() async throws {
        let server = try TestServer()
        let (addresses, continuation) = AsyncStream.makeStream(of: HTTPServerAddress.self)
        let group = server.server.makeServiceGroup(gracefulShutdownSignals: []) { continuation.yield($0) }

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = addresses.makeAsyncIterator()
            let address = try #require(await iterator.next())
            #expect(address.port > 0)
            #expect(address.host == "127.0.0.1")
            #expect(address.graphQLURL == "http://127.0.0.1:\(address.port)/graphql")

            try await TestClient.withClient(host: "127.0.0.1", port: address.port) { client in
                let health = try await client.get("/healthz")
                #expect(health.status == .ok)

                async let slow = client.post(
                    "/graphql",
                    headers: [.authorization: "Bearer alice", .contentType: "application/json"],
                    body: ByteBuffer(string: #"{"query":"{ slow(milliseconds: 2500) }"}"#))
                // Long enough for the request to reach the server on a loaded machine; the resolver still runs well past it.
                try await Task.sleep(for: .milliseconds(1000))
                await group.triggerGracefulShutdown()
                let response = try await slow
                #expect(response.status == .ok)
                let body = response.body.map { String(buffer: $0) }
                #expect(body == #"{"data":{"slow":"done"}}"#)
            }
            // The group's run returns once the server has stopped.
            try await tasks.waitForAll()
        }
    }

    @Test("The URL shows an IPv6 host in brackets")
    func ipv6URL() {
        let address = HTTPServerAddress(host: "::1", port: 8080, graphQLPath: "/graphql")
        #expect(address.graphQLURL == "http://[::1]:8080/graphql")
    }
}
