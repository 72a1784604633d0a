import Hummingbird
import Testing
import SwitchboardGraphQL
@testable import SwitchboardServer

/// The status codes of GraphQL over HTTP, for both response media types: 4xx for requests that are
/// not well formed, 400 (`application/graphql-response+json`) or 200 (`application/json`) for request
/// errors, 200 once execution starts.
@Suite("GraphQL over HTTP: status codes")
struct StatusCodeTests {
    static let graphQLResponse = "application/graphql-response+json"
    static let json = "application/json"

    @Test("A query answers 200 with data, in application/graphql-response+json by default")
    func successfulQuery() async throws {
        try await TestServer().run { client in
            let reply = try await client.query("{ hello(name: \"Ada\") add(a: 2, b: 3) }")
            #expect(reply.status == 200)
            #expect(reply.contentType == TestHTTPClient.graphQLResponseJSON)
            #expect(reply.text == #"{"data":{"hello":"Hello, Ada!","add":5}}"#)
        }
    }

    @Test("Malformed requests are 400 BAD_REQUEST without data, whatever the media type",
          arguments: [graphQLResponse, json])
    func malformedRequests(accept: String) async throws {
        try await TestServer().run { client in
            let bodies = [
                "NONSENSE",
                #"{"query":"#,
                #"[{"query":"{ hello }"}]"#,
                #""{ hello }""#,
                #"{"qeury":"{ hello }"}"#,
                #"{"query":null}"#,
                #"{"query":7}"#,
                #"{"query":{"text":"{ hello }"}}"#,
                #"{"query":"{ hello }","variables":[7]}"#,
                #"{"query":"{ hello }","variables":"{}"}"#,
                #"{"query":"{ hello }","operationName":7}"#,
                #"{"query":"{ hello }","extensions":[]}"#,
                "",
            ]
            for body in bodies {
                let reply = try await client.post(body, accept: accept)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.errorCodes == ["BAD_REQUEST"], "\(body)")
                #expect(!reply.hasData, "\(body)")
                #expect(reply.contentType == "\(accept); charset=utf-8", "\(body)")
            }
        }
    }

    @Test("Null optional parameters are the same as absent ones")
    func nullParameters() async throws {
        try await TestServer().run { client in
            let reply = try await client.post(#"{"query":"{ hello }","variables":null,"operationName":null,"extensions":null}"#)
            #expect(reply.status == 200)
            #expect(reply.text == #"{"data":{"hello":"Hello, world!"}}"#)
        }
    }

    @Test("A body that is not application/json in UTF-8 is 415")
    func unsupportedMediaType() async throws {
        try await TestServer().run { client in
            for contentType in ["text/plain", "application/graphql", "application/x-www-form-urlencoded",
                                "application/json; charset=latin1", "application/jsonx", "json"] {
                let reply = try await client.post(#"{"query":"{ hello }"}"#, contentType: contentType)
                #expect(reply.status == 415, "\(contentType)")
                #expect(reply.errorCodes == ["UNSUPPORTED_MEDIA_TYPE"], "\(contentType)")
            }
            let missing = try await client.post(#"{"query":"{ hello }"}"#, contentType: nil)
            #expect(missing.status == 415)
            for contentType in ["application/json; charset=utf-8", "Application/JSON;Charset=\"UTF-8\""] {
                let reply = try await client.post(#"{"query":"{ hello }"}"#, contentType: contentType)
                #expect(reply.status == 200, "\(contentType)")
            }
        }
    }

    @Test("A document that does not parse: 400 for graphql-response+json, 200 for json, with the syntax error")
    func parseFailure() async throws {
        try await TestServer().run { client in
            let modern = try await client.query("{ hello")
            #expect(modern.status == 400)
            #expect(modern.text == #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":8}],"extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}"#)

            let legacy = try await client.query("{ hello", accept: Self.json)
            #expect(legacy.status == 200)
            #expect(legacy.contentType == TestHTTPClient.json)
            #expect(legacy.text == modern.text)
        }
    }

    @Test("A document beyond the client parse limits is a parse failure")
    func parseLimits() async throws {
        try await TestServer().run { client in
            let deep = String(repeating: "{ a ", count: 300) + String(repeating: "}", count: 300)
            let reply = try await client.query(deep)
            #expect(reply.status == 400)
            #expect(reply.errorCodes == ["GRAPHQL_PARSE_FAILED"])
        }
    }

    @Test("A document that does not validate: 400 for graphql-response+json, 200 for json")
    func validationFailure() async throws {
        try await TestServer().run { client in
            let modern = try await client.query("{ hello nope }")
            #expect(modern.status == 400)
            #expect(modern.errorCodes == ["GRAPHQL_VALIDATION_FAILED"])
            #expect(modern.errorMessages == ["Cannot query field 'nope' on type 'Query'."])
            #expect(!modern.hasData)

            let legacy = try await client.query("{ hello nope }", accept: Self.json)
            #expect(legacy.status == 200)
            #expect(legacy.text == modern.text)
        }
    }

    @Test("Variables that do not coerce: 400 BAD_USER_INPUT (200 for json), nothing executed")
    func variableCoercionFailure() async throws {
        let server = try TestServer()
        try await server.run { client in
            let query = "query Add($a: Int!) { add(a: $a, b: 1) }"
            let modern = try await client.query(query, variables: ["a": "seven"])
            #expect(modern.status == 400)
            #expect(modern.errorCodes == ["BAD_USER_INPUT"])
            #expect(modern.errorMessages == ["Variable \"$a\" has invalid value: Int cannot represent non-integer value: \"seven\""])
            #expect(!modern.hasData)

            let missing = try await client.query(query, variables: [:])
            #expect(missing.status == 400)
            #expect(missing.errorCodes == ["BAD_USER_INPUT"])

            let legacy = try await client.query(query, variables: ["a": "seven"], accept: Self.json)
            #expect(legacy.status == 200)
            #expect(legacy.text == modern.text)

            let fine = try await client.query(query, variables: ["a": 41])
            #expect(fine.text == #"{"data":{"add":42}}"#)
        }
    }

    @Test("Field errors once execution started: 200 with data, for both media types", arguments: [graphQLResponse, json])
    func fieldErrors(accept: String) async throws {
        try await TestServer().run { client in
            let reply = try await client.query("{ hello forbidden }", accept: accept)
            #expect(reply.status == 200)
            #expect(reply.text == #"{"errors":[{"message":"Not yours.","locations":[{"line":1,"column":9}],"path":["forbidden"],"extensions":{"code":"FORBIDDEN"}}],"data":{"hello":"Hello, world!","forbidden":null}}"#)
        }
    }

    @Test("The operation: chosen by operationName; 400 (200 for json) when it cannot be determined")
    func operationSelection() async throws {
        try await TestServer().run { client in
            let document = "query A { hello } query B { add(a: 1, b: 1) }"
            let b = try await client.query(document, operationName: "B")
            #expect(b.text == #"{"data":{"add":2}}"#)

            let ambiguous = try await client.query(document)
            #expect(ambiguous.status == 400)
            #expect(ambiguous.errorCodes == ["OPERATION_RESOLUTION_FAILURE"])
            #expect(ambiguous.errorMessages == ["Must provide operation name if query contains multiple operations."])

            let unknown = try await client.query(document, operationName: "C")
            #expect(unknown.status == 400)
            #expect(unknown.errorMessages == ["Unknown operation named \"C\"."])

            let legacy = try await client.query(document, operationName: "C", accept: Self.json)
            #expect(legacy.status == 200)
            #expect(legacy.errorCodes == ["OPERATION_RESOLUTION_FAILURE"])
        }
    }

    @Test("A body over the limit is 413 PAYLOAD_TOO_LARGE")
    func payloadTooLarge() async throws {
        let server = try TestServer { $0.http.maxBodyBytes = 1_024 }
        try await server.run { client in
            let padding = String(repeating: " ", count: 2_000)
            let reply = try await client.post(#"{"query":"{ hello }"}"# + padding)
            #expect(reply.status == 413)
            #expect(reply.errorCodes == ["PAYLOAD_TOO_LARGE"])
            #expect(!reply.hasData)

            // The connection still serves the next request.
            let next = try await client.query("{ hello }")
            #expect(next.status == 200)

            let justUnder = try await client.post(#"{"query":"{ hello }"}"# + String(repeating: " ", count: 1_000))
            #expect(justUnder.status == 200)
        }
    }

    @Test("The default body limit is 1 MiB")
    func defaultBodyLimit() async throws {
        #expect(GraphQLHTTPOptions().maxBodyBytes == 1_048_576)
        try await TestServer().run { client in
            let padding = String(repeating: " ", count: 1_048_576)
            let reply = try await client.post(#"{"query":"{ hello }"}"# + padding)
            #expect(reply.status == 413)
        }
    }

    @Test("Methods other than GET and POST are 405 with Allow: GET, POST")
    func otherMethods() async throws {
        try await TestServer().run { client in
            for method in [HTTPRequest.Method.put, .delete, .patch] {
                let reply = try await client.send(method, "/graphql", headers: ["Authorization": "Bearer alice"])
                #expect(reply.status == 405)
                #expect(reply.headers[.allow] == "GET, POST")
                #expect(reply.errorCodes == ["METHOD_NOT_ALLOWED"])
            }
        }
    }
}
