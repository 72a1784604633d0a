import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardGraphQL
@testable import SwitchboardServer
import Testing

/// The execution seam: the HTTP layer still authenticates, reads, parses, validates and finds the operation (and
/// answers what fails), then hands the request to the executor, whose response goes out as it is.
@Suite struct ExecutorSeamTests {
    /// An executor that runs nothing and says what it was given.
    struct EchoExecutor: GraphQLRequestExecutor {
        let calls: Shared<[String]>

        func execute(
            _ parameters: GraphQLRequestParameters, document: DocumentNode, principal: TestPrincipal,
            request: GraphQLRequestInfo, mediaType: ResponseMediaType
        ) async -> HTTPGraphQLResponse {
            calls.update { $0.append("\(principal.name) \(request.operationType) \(parameters.query)") }
            return HTTPGraphQLResponse(status: .accepted, headers: [.contentType: "text/plain", .retryAfter: "7"],
                                       body: ByteBuffer(string: "elsewhere: \(mediaType == .json ? "json" : "graphql")"))
        }
    }

    func server(calls: Shared<[String]>) throws -> SwitchboardHTTPServer {
        SwitchboardHTTPServer(
            endpoint: try GraphQLEndpoint(schema: try makeTestSchema(counter: Shared(0))),
            authenticator: TestAuthenticator(), executor: EchoExecutor(calls: calls),
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0))
    }

    @Test func validRequestsGoToTheExecutorAndItsResponseOutAsItIs() async throws {
        let calls = Shared<[String]>([])
        try await server(calls: calls).makeApplication().test(.live) { raw in
            let client = TestHTTPClient(client: raw)
            let reply = try await client.post(#"{"query":"mutation { increment }"}"#, accept: "application/json")
            #expect(reply.status == 202)
            #expect(reply.text == "elsewhere: json")
            #expect(reply.headers[.retryAfter] == "7")
            #expect(reply.headers[.testRequestID] != nil)
        }
        #expect(calls.value == ["alice mutation mutation { increment }"])
    }

    @Test func whatTheHTTPLayerRefusesNeverReachesTheExecutor() async throws {
        let calls = Shared<[String]>([])
        try await server(calls: calls).makeApplication().test(.live) { raw in
            let client = TestHTTPClient(client: raw)
            #expect(try await client.post(#"{"query":"{ hello }"}"#, token: nil).status == 401)
            #expect(try await client.post(#"{"query":"{ nope }"}"#).status == 400)
            #expect(try await client.post(#"{"query":"{"}"#).status == 400)
            let get = try await client.send(.get, "/graphql?query=mutation%20%7B%20increment%20%7D",
                                            headers: ["Authorization": "Bearer alice"])
            #expect(get.status == 405)
            #expect(get.headers[.allow] == "POST")
        }
        #expect(calls.value.isEmpty)
    }

    @Test func parametersTravelAsAJSONBodyAndBack() throws {
        let parameters = GraphQLRequestParameters(
            query: "query Q($a: Int) { add(a: $a, b: 1) }", operationName: "Q",
            variables: ["a": .int(2), "nested": .object(["list": .list([.null, .boolean(true), .float(1.5)])])],
            extensions: ["trace": .string("x")])
        let body = parameters.jsonBody
        let decoded = try body.withUnsafeBytes { try GraphQLRequestParameters(jsonBody: $0) }
        #expect(decoded == parameters)
        #expect(throws: GraphQLError.self) {
            _ = try Array("[1]".utf8).withUnsafeBytes { try GraphQLRequestParameters(jsonBody: $0) }
        }
    }
}
