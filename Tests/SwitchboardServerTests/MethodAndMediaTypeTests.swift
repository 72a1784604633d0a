import Hummingbird
import Testing
import SwitchboardGraphQL
@testable import SwitchboardServer

/// GET against POST, and the response media type the `Accept` header asks for.
@Suite("GraphQL over HTTP: GET, POST and Accept")
struct MethodAndMediaTypeTests {
    @Test("GET runs queries, with variables and operationName in the query string")
    func getQueries() async throws {
        try await TestServer().run { client in
            let plain = try await client.get([("query", "{ hello(name: \"Grace Hopper\") }")])
            #expect(plain.status == 200)
            #expect(plain.text == #"{"data":{"hello":"Hello, Grace Hopper!"}}"#)

            let withVariables = try await client.get([
                ("query", "query A { hello } query B($a: Int!, $b: Int!) { add(a: $a, b: $b) }"),
                ("operationName", "B"),
                ("variables", #"{"a": 20, "b": 22}"#),
                ("extensions", "{}"),
            ])
            #expect(withVariables.text == #"{"data":{"add":42}}"#)

            // An empty operationName is the same as none (GraphQL over HTTP, "GET").
            let emptyName = try await client.get([("query", "{ hello }"), ("operationName", "")])
            #expect(emptyName.status == 200)
        }
    }

    @Test("GET requests that are not well formed are 400 BAD_REQUEST")
    func malformedGets() async throws {
        try await TestServer().run { client in
            let cases: [[(String, String)]] = [
                [],
                [("qeury", "{ hello }")],
                [("query", "{ hello }"), ("variables", "{not json")],
                [("query", "{ hello }"), ("variables", "[1]")],
                [("query", "{ hello }"), ("extensions", "7")],
                [("query", "{ hello }"), ("query", "{ add(a: 1, b: 2) }")],
            ]
            for parameters in cases {
                let reply = try await client.get(parameters)
                #expect(reply.status == 400, "\(parameters)")
                #expect(reply.errorCodes == ["BAD_REQUEST"], "\(parameters)")
            }
            let badEscape = try await client.send(.get, "/graphql?query=%7B%20hello%ZZ", headers: ["Authorization": "Bearer alice"])
            #expect(badEscape.status == 400)
        }
    }

    @Test("A mutation over GET is 405 with Allow: POST and does not run; over POST it runs")
    func mutationsOverGet() async throws {
        let server = try TestServer()
        try await server.run { client in
            for accept in ["application/graphql-response+json", "application/json"] {
                let reply = try await client.get([("query", "mutation { increment }")], accept: accept)
                #expect(reply.status == 405)
                #expect(reply.headers[.allow] == "POST")
                #expect(reply.errorCodes == ["METHOD_NOT_ALLOWED"])
            }
            // The operation is decided after parsing: a query next to the mutation may still use GET.
            let document = "query Q { hello } mutation M { increment }"
            let query = try await client.get([("query", document), ("operationName", "Q")])
            #expect(query.status == 200)
            let mutation = try await client.get([("query", document), ("operationName", "M")])
            #expect(mutation.status == 405)
            #expect(server.counter.value == 0)

            let posted = try await client.query("mutation { increment(by: 5) }")
            #expect(posted.text == #"{"data":{"increment":5}}"#)
            #expect(server.counter.value == 5)
        }
    }

    @Test("Accept decides the media type, with q-values", arguments: [
        (nil, TestHTTPClient.graphQLResponseJSON),
        ("*/*", TestHTTPClient.graphQLResponseJSON),
        ("application/*", TestHTTPClient.graphQLResponseJSON),
        ("application/graphql-response+json", TestHTTPClient.graphQLResponseJSON),
        ("application/json", TestHTTPClient.json),
        ("application/json; charset=utf-8", TestHTTPClient.json),
        ("application/graphql-response+json; charset=utf-8, application/json; charset=utf-8", TestHTTPClient.graphQLResponseJSON),
        ("application/graphql-response+json;q=0.5, application/json", TestHTTPClient.json),
        ("application/json;q=0.9, application/graphql-response+json", TestHTTPClient.graphQLResponseJSON),
        ("application/json, text/plain, */*", TestHTTPClient.json),
        ("text/html, application/json;q=0.1", TestHTTPClient.json),
        ("application/graphql-response+json;q=0, */*", TestHTTPClient.json),
    ] as [(String?, String)])
    func acceptNegotiation(accept: String?, expected: String) async throws {
        try await TestServer().run { client in
            let reply = try await client.query("{ hello }", accept: accept)
            #expect(reply.status == 200)
            #expect(reply.contentType == expected)
        }
    }

    @Test("406 when neither response media type is acceptable")
    func notAcceptable() async throws {
        try await TestServer().run { client in
            for accept in ["text/html", "application/xml, text/*", "application/json;q=0, application/graphql-response+json;q=0",
                           "application/json; charset=latin1"] {
                let reply = try await client.query("{ hello }", accept: accept)
                #expect(reply.status == 406, "\(accept)")
                #expect(reply.errorCodes == ["NOT_ACCEPTABLE"], "\(accept)")
            }
        }
    }

    @Test("ResponseMediaType.negotiate: specificity and order break ties")
    func negotiationRules() {
        #expect(ResponseMediaType.negotiate(accept: nil) == .graphQLResponseJSON)
        #expect(ResponseMediaType.negotiate(accept: " ") == .graphQLResponseJSON)
        #expect(ResponseMediaType.negotiate(accept: "application/json, application/graphql-response+json") == .json)
        #expect(ResponseMediaType.negotiate(accept: "application/graphql-response+json, application/json") == .graphQLResponseJSON)
        #expect(ResponseMediaType.negotiate(accept: "*/*;q=0.8, application/json;q=0.8") == .json)
        #expect(ResponseMediaType.negotiate(accept: "application/*;q=0.2, */*;q=0.9") == .graphQLResponseJSON)
        #expect(ResponseMediaType.negotiate(accept: "*/*, application/json;q=0") == .graphQLResponseJSON)
        #expect(ResponseMediaType.negotiate(accept: "application/json;q=1.5") == nil)
        #expect(ResponseMediaType.negotiate(accept: "application/json;q=0.001") == .json)
        #expect(ResponseMediaType.negotiate(accept: "application/json; profile=\"a,b\"; q=0.5, text/plain") == .json)
        #expect(ResponseMediaType.negotiate(accept: "garbage") == nil)
    }

    @Test("Content-Type: JSON in UTF-8 only")
    func contentTypes() {
        #expect(isJSONContentType("application/json"))
        #expect(isJSONContentType("application/json;charset=utf-8"))
        #expect(isJSONContentType("APPLICATION/JSON; CHARSET=UTF-8"))
        #expect(!isJSONContentType("application/json; charset=iso-8859-1"))
        #expect(!isJSONContentType("application/graphql-response+json"))
        #expect(!isJSONContentType("text/json"))
        #expect(!isJSONContentType(""))
    }

    @Test("Query strings decode as URLSearchParams does, and refuse what is not URL encoding")
    func queryStrings() throws {
        let items = try decodeQueryComponent("query=%7B+hello+%7D&operationName=&x&caf%C3%A9=%E2%9C%93")
        #expect(items.map(\.name) == ["query", "operationName", "x", "café"])
        #expect(items.map(\.value) == ["{ hello }", "", "", "✓"])
        #expect(throws: RequestRejection.self) { try decodeQueryComponent("query=%7") }
        #expect(throws: RequestRejection.self) { try decodeQueryComponent("query=%FF") }
    }
}
