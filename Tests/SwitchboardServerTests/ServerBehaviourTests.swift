import Hummingbird
import Testing
import SwitchboardGraphQL
@testable import SwitchboardServer

/// Authentication, the per-request context, request ids, logging, error masking, the document cache,
/// and the paths beside /graphql.
@Suite("GraphQL over HTTP: server behaviour")
struct ServerBehaviourTests {
    @Test("No token or a wrong one: 401 UNAUTHENTICATED with WWW-Authenticate: Bearer, for both media types")
    func unauthenticated() async throws {
        let server = try TestServer()
        try await server.run { client in
            for accept in ["application/graphql-response+json", "application/json"] {
                let missing = try await client.query("{ hello }", accept: accept, token: nil)
                #expect(missing.status == 401)
                #expect(missing.headers[.wwwAuthenticate] == "Bearer")
                #expect(missing.errorCodes == ["UNAUTHENTICATED"])
                #expect(!missing.hasData)

                let wrong = try await client.query("{ hello }", accept: accept, token: "mallory")
                #expect(wrong.status == 401)
                #expect(wrong.headers[.wwwAuthenticate] == "Bearer")
                #expect(wrong.text == #"{"errors":[{"message":"Invalid or expired token.","extensions":{"code":"UNAUTHENTICATED"}}]}"#)
            }
            let basic = try await client.post(#"{"query":"{ hello }"}"#, token: nil, headers: ["Authorization": "Basic YWxpY2U6"])
            #expect(basic.status == 401)
            let get = try await client.get([("query", "{ hello }")], token: nil)
            #expect(get.status == 401)
            // Authentication comes before the body is looked at.
            let garbage = try await client.post("NONSENSE", token: nil)
            #expect(garbage.status == 401)
        }
        #expect(server.contexts.value.made == 0)
    }

    @Test("Credentials that cannot be checked: 503, the cause in the log only")
    func authenticationUnavailable() async throws {
        let server = try TestServer()
        try await server.run { client in
            let reply = try await client.query("{ hello }", token: "outage")
            #expect(reply.status == 503)
            #expect(reply.headers[.wwwAuthenticate] == nil)
            #expect(reply.text == #"{"errors":[{"message":"Authentication is unavailable; try again later.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
        }
        #expect(server.logLines.value.contains { $0.contains("Authentication unavailable") && $0.contains("db-7.internal") })
    }

    @Test("The principal reaches resolvers through the context factory, which hears when the request ends")
    func principalAndContext() async throws {
        let server = try TestServer()
        try await server.run { client in
            let alice = try await client.query("{ whoami }")
            #expect(alice.text == #"{"data":{"whoami":"alice"}}"#)
            let bob = try await client.query("{ whoami }", token: "bob")
            #expect(bob.text == #"{"data":{"whoami":"bob"}}"#)
            // No context is made for a document that does not parse.
            _ = try await client.query("{")
        }
        #expect(server.contexts.value.made == 2)
        #expect(server.contexts.value.finished == 2)
    }

    @Test("A resolver error that is not a GraphQLError reaches the client as 'Internal server error' and the log in full")
    func maskedResolverErrors() async throws {
        let server = try TestServer()
        try await server.run { client in
            let reply = try await client.query("{ hello boom }")
            #expect(reply.status == 200)
            #expect(reply.text == #"{"errors":[{"message":"Internal server error","locations":[{"line":1,"column":9}],"path":["boom"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"hello":"Hello, world!","boom":null}}"#)
            #expect(!reply.text.contains("hunter2"))
            #expect(!reply.text.contains("db-7"))
        }
        let logged = server.logLines.value.filter { $0.contains("Resolver failed") }
        #expect(logged.count == 1)
        #expect(logged.first?.contains("db-7.internal refused") == true)
        #expect(logged.first?.contains("graphql.path=boom") == true)
    }

    @Test("The log never holds variables, headers, tokens or the query string")
    func logsHoldNoRequestData() async throws {
        let server = try TestServer()
        try await server.run { client in
            _ = try await client.query("query S($v: String) { secret(value: $v) boom }", variables: ["v": "variable-canary-1"],
                                       token: "bob")
            _ = try await client.get([("query", "query S($v: String) { secret(value: $v) }"),
                                      ("variables", #"{"v":"variable-canary-2"}"#)], token: "bob")
            _ = try await client.post(#"{"query":"{ hello }"}"#, headers: ["X-Custom": "header-canary"])
            _ = try await client.query("{ hello }", token: "mallory")
        }
        let log = server.logLines.value.joined(separator: "\n")
        #expect(log.contains("Request served"))
        for canary in ["variable-canary", "header-canary", "mallory", "Bearer", "bob", "secret(value"] {
            #expect(!log.contains(canary), "the log contains \(canary)")
        }
    }

    @Test("X-Request-Id: a sane incoming id is echoed, any other replaced; resolvers and the log see it")
    func requestIDs() async throws {
        let server = try TestServer()
        try await server.run { client in
            let echoed = try await client.post(#"{"query":"{ requestID }"}"#, headers: ["X-Request-Id": "req-42.a:b_c"])
            #expect(echoed.headers[.testRequestID] == "req-42.a:b_c")
            #expect(echoed.text == #"{"data":{"requestID":"req-42.a:b_c"}}"#)

            let generated = try await client.query("{ requestID }")
            let id = try #require(generated.headers[.testRequestID])
            #expect(id.count == 32)
            #expect(id.allSatisfy { $0.isHexDigit })
            #expect(generated.text == #"{"data":{"requestID":"\#(id)"}}"#)

            let forged = try await client.post(#"{"query":"{ hello }"}"#, headers: ["X-Request-Id": "a b\" injected=1"])
            let replaced = try #require(forged.headers[.testRequestID])
            #expect(replaced != "a b\" injected=1")
            #expect(replaced.count == 32)

            let tooLong = try await client.post(#"{"query":"{ hello }"}"#, headers: ["X-Request-Id": String(repeating: "a", count: 129)])
            #expect(tooLong.headers[.testRequestID]?.count == 32)

            // Every response carries one: errors, other paths.
            let unauthenticated = try await client.query("{ hello }", token: nil)
            #expect(unauthenticated.headers[.testRequestID] != nil)
            let health = try await client.send(.get, "/healthz")
            #expect(health.headers[.testRequestID] != nil)
        }
        let served = server.logLines.value.filter { $0.contains("Request served") }
        #expect(served.contains { $0.contains("request.id=req-42.a:b_c") })
        #expect(served.allSatisfy { $0.contains("request.id=") })
    }

    @Test("A repeated query is neither parsed nor validated again")
    func documentCache() async throws {
        let server = try TestServer()
        try await server.run { client in
            let query = "query Add($a: Int!) { add(a: $a, b: 1) }"
            let first = try await client.query(query, variables: ["a": 1])
            let second = try await client.query(query, variables: ["a": 2])
            let third = try await client.get([("query", query), ("variables", #"{"a":3}"#)])
            #expect(first.text == #"{"data":{"add":2}}"#)
            #expect(second.text == #"{"data":{"add":3}}"#)
            #expect(third.text == #"{"data":{"add":4}}"#)
            var statistics = server.endpoint.statistics
            #expect(statistics.parses == 1)
            #expect(statistics.validations == 1)
            #expect(statistics.cacheHits == 2)
            #expect(statistics.cachedDocuments == 1)

            // Documents that fail are not kept: each attempt parses again.
            _ = try await client.query("{ hello")
            _ = try await client.query("{ hello")
            statistics = server.endpoint.statistics
            #expect(statistics.parses == 3)
            #expect(statistics.cachedDocuments == 1)
        }
    }

    @Test("GET /healthz answers 200 ok; unknown paths 404")
    func otherPaths() async throws {
        try await TestServer().run { client in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == 200)
            #expect(health.text == "ok")
            // No authentication on the health check.
            let post = try await client.send(.post, "/healthz")
            #expect(post.status == 405)
            for path in ["/", "/graphq", "/graphql/extra", "/healthz/x"] {
                let reply = try await client.send(.get, path, headers: ["Authorization": "Bearer alice"])
                #expect(reply.status == 404, "\(path)")
                #expect(reply.errorCodes == ["NOT_FOUND"], "\(path)")
            }
        }
    }

    @Test("Other routes serve the paths beside /graphql and /healthz, with request ids; their unknown paths are 404")
    func otherRoutes() async throws {
        let router = Router(context: SwitchboardRequestContext.self)
        router.get("/oauth/callback") { request, _ in
            "called back with \(request.uri.queryParameters["code"] ?? "nothing")"
        }
        router.get("/oauth/fail") { _, _ -> String in throw DatabaseMeltdown() }
        let server = try TestServer(otherRoutes: router.buildResponder())
        try await server.run { client in
            let callback = try await client.send(.get, "/oauth/callback?code=abc")
            #expect(callback.status == 200)
            #expect(callback.text == "called back with abc")
            #expect(callback.headers[.testRequestID] != nil)

            let unknown = try await client.send(.get, "/oauth/unknown")
            #expect(unknown.status == 404)

            let failing = try await client.send(.get, "/oauth/fail")
            #expect(failing.status == 500)
            #expect(failing.errorCodes == ["INTERNAL_SERVER_ERROR"])
            #expect(!failing.text.contains("hunter2"))

            let graphQL = try await client.query("{ hello }")
            #expect(graphQL.status == 200)
        }
        #expect(server.logLines.value.contains { $0.contains("Route failed") && $0.contains("db-7.internal") })
    }

    @Test("bearerToken reads RFC 6750 headers only")
    func bearerTokens() {
        func token(_ header: String?) -> String? { AuthenticationInput(authorization: header).bearerToken }
        #expect(token("Bearer abc.def") == "abc.def")
        #expect(token("bearer abc") == "abc")
        #expect(token("BEARER   abc  ") == "abc")
        #expect(token("Bearer") == nil)
        #expect(token("Bearer ") == nil)
        #expect(token("Bearerabc") == nil)
        #expect(token("Basic YWxpY2U6") == nil)
        #expect(token(nil) == nil)
    }
}
