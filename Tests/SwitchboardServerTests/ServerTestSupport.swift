import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import SwitchboardGraphQL
@testable import SwitchboardServer

/// A small graph, an authenticator with two tokens, a context factory that counts its calls and a
/// logger that keeps every line: what the server tests run against, over real sockets.

let testSDL = """
type Query {
  hello(name: String): String!
  add(a: Int!, b: Int!): Int!
  whoami: String!
  requestID: String!
  items(count: Int! = 2): [Item!]!
  boom: String
  forbidden: String
  secret(value: String): String
  slow(milliseconds: Int!): String!
}

type Item {
  id: ID!
  name: String!
}

type Mutation {
  increment(by: Int! = 1): Int!
}
"""

/// Who a test token stands for.
struct TestPrincipal: Sendable, Equatable {
    var name: String
}

/// Tokens `alice` and `bob`; `outage` finds the token store down; anything else is refused.
struct TestAuthenticator: Authenticator {
    func authenticate(_ request: AuthenticationInput) async throws(AuthenticationFailure) -> TestPrincipal {
        guard let token = request.bearerToken else { throw .missingCredentials }
        if token == "outage" { throw .unavailable(DatabaseMeltdown()) }
        guard token == "alice" || token == "bob" else { throw .invalidCredentials }
        return TestPrincipal(name: token)
    }
}

/// What resolvers receive.
struct TestContext: Sendable {
    var principal: TestPrincipal
    var requestID: String
}

/// An error whose text must never reach a client.
struct DatabaseMeltdown: Error, CustomStringConvertible {
    var description: String { "connection to db-7.internal refused: password=hunter2" }
}

/// A value tests can read while the server changes it.
final class Shared<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    var value: Value { storage.withLock { $0 } }
    func update(_ body: (inout Value) -> Void) { storage.withLock { body(&$0) } }
}

/// A log handler that keeps each line with its metadata, rendered as text.
struct CapturingLogHandler: LogHandler {
    let lines: Shared<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        for (key, value) in event.metadata ?? [:] { all[key] = value }
        let rendered = all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
        lines.update { $0.append("\(event.level) \(event.message) \(rendered)") }
    }
}

/// A server over the test graph, with what the tests watch.
struct TestServer: Sendable {
    let server: SwitchboardHTTPServer
    let endpoint: GraphQLEndpoint
    let logLines: Shared<[String]>
    /// Contexts made and released.
    let contexts: Shared<(made: Int, finished: Int)>
    let counter: Shared<Int>

    init(otherRoutes: (any HTTPResponder<SwitchboardRequestContext>)? = nil,
         configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws {
        let counter = Shared(0)
        let schema = try makeTestSchema(counter: counter)
        let endpoint = try GraphQLEndpoint(schema: schema)
        let logLines = Shared<[String]>([])
        let contexts = Shared((made: 0, finished: 0))
        let factory = CountingContextFactory(contexts: contexts)
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        let logger = Logger(label: "switchboard.test") { _ in CapturingLogHandler(lines: logLines) }
        self.server = SwitchboardHTTPServer(endpoint: endpoint, authenticator: TestAuthenticator(), contextFactory: factory,
                                            configuration: configuration, otherRoutes: otherRoutes, logger: logger)
        self.endpoint = endpoint
        self.logLines = logLines
        self.contexts = contexts
        self.counter = counter
    }

    /// Runs `body` with a client connected to the server on an ephemeral port.
    func run(_ body: @escaping @Sendable (TestHTTPClient) async throws -> Void) async throws {
        try await server.makeApplication().test(.live) { client in
            try await body(TestHTTPClient(client: client))
        }
    }
}

struct CountingContextFactory: GraphQLContextFactory {
    let contexts: Shared<(made: Int, finished: Int)>

    func makeContext(for principal: TestPrincipal, request: GraphQLRequestInfo) async throws -> TestContext {
        contexts.update { $0.made += 1 }
        return TestContext(principal: principal, requestID: request.requestID)
    }

    func requestDidFinish(context: TestContext, request: GraphQLRequestInfo) async {
        contexts.update { $0.finished += 1 }
    }
}

func makeTestSchema(counter: Shared<Int>) throws -> GraphQLSchema {
    let schema = try buildSchema(testSDL)
    let query = try #require(schema.queryType)
    func bind(_ type: GraphQLObjectType, _ name: String, _ resolve: @escaping FieldResolver) throws {
        try #require(type.fields[name]).resolve = resolve
    }
    try bind(query, "hello") { _, args, _, _ in
        if case .string(let name)? = args["name"] { return "Hello, \(name)!" }
        return "Hello, world!"
    }
    try bind(query, "add") { _, args, _, _ in
        guard case .int(let a)? = args["a"], case .int(let b)? = args["b"] else { return nil }
        return a + b
    }
    try bind(query, "whoami") { _, _, context, _ in (context as? TestContext)?.principal.name }
    try bind(query, "requestID") { _, _, context, _ in (context as? TestContext)?.requestID }
    try bind(query, "items") { _, args, _, _ in
        guard case .int(let count)? = args["count"] else { return nil }
        return GraphQLValue.list((0..<count).map { i in ["id": .string("item-\(i)"), "name": .string("Item \(i)")] })
    }
    try bind(query, "boom") { _, _, _, _ in throw DatabaseMeltdown() }
    try bind(query, "forbidden") { _, _, _, _ in
        throw GraphQLError("Not yours.", extensions: ["code": "FORBIDDEN"])
    }
    try bind(query, "secret") { _, args, _, _ in
        if case .string(let value)? = args["value"] { return String(value.count) }
        return nil
    }
    try bind(query, "slow") { _, args, _, _ in
        guard case .int(let milliseconds)? = args["milliseconds"] else { return nil }
        try await Task.sleep(for: .milliseconds(milliseconds))
        return "done"
    }
    let mutation = try #require(schema.mutationType)
    try bind(mutation, "increment") { _, args, _, _ in
        guard case .int(let by)? = args["by"] else { return nil }
        var now = 0
        counter.update { $0 += by; now = $0 }
        return now
    }
    return schema
}

/// A response with its body parsed as JSON (when it is JSON).
struct Reply {
    var status: Int
    var headers: HTTPFields
    var text: String
    var json: GraphQLValue?

    var contentType: String? { headers[.contentType] }

    /// `extensions.code` of each error.
    var errorCodes: [String] {
        errors.compactMap { error in
            guard case .object(let object) = error, case .object(let extensions)? = object["extensions"],
                  case .string(let code)? = extensions["code"] else { return nil }
            return code
        }
    }

    var errors: [GraphQLValue] {
        guard case .object(let object)? = json, case .list(let errors)? = object["errors"] else { return [] }
        return errors
    }

    var errorMessages: [String] {
        errors.compactMap { error in
            guard case .object(let object) = error, case .string(let message)? = object["message"] else { return nil }
            return message
        }
    }

    /// The `data` entry: nil when absent, `.null` when null.
    var data: GraphQLValue? {
        guard case .object(let object)? = json else { return nil }
        return object["data"]
    }

    var hasData: Bool {
        guard case .object(let object)? = json else { return false }
        return object.index(forKey: "data") != nil
    }
}

typealias TestHeaderName = HTTPFields.Element.Name

extension TestHeaderName {
    static let testRequestID = TestHeaderName("X-Request-Id")!
}

/// A thin client over HummingbirdTesting's: header names as strings, replies parsed.
struct TestHTTPClient: Sendable {
    let client: any TestClientProtocol

    static let graphQLResponseJSON = "application/graphql-response+json; charset=utf-8"
    static let json = "application/json; charset=utf-8"

    func send(_ method: HTTPRequest.Method, _ uri: String, headers: [String: String] = [:], body: String? = nil) async throws -> Reply {
        var fields = HTTPFields()
        for (name, value) in headers { fields[TestHeaderName(name)!] = value }
        let response = try await client.executeRequest(uri: uri, method: method, headers: fields,
                                                       body: body.map { ByteBuffer(string: $0) })
        let text = response.body.getString(at: response.body.readerIndex, length: response.body.readableBytes) ?? ""
        return Reply(status: Int(response.status.code), headers: response.headers, text: text, json: try? parseJSON(text))
    }

    /// A POST of a JSON body, authenticated as alice unless `token` says otherwise (nil: no header).
    func post(_ body: String, accept: String? = nil, contentType: String? = "application/json",
              token: String? = "alice", headers: [String: String] = [:]) async throws -> Reply {
        var all = headers
        if let accept { all["Accept"] = accept }
        if let contentType { all["Content-Type"] = contentType }
        if let token { all["Authorization"] = "Bearer \(token)" }
        return try await send(.post, "/graphql", headers: all, body: body)
    }

    /// A POST of `{"query": …, "variables": …, "operationName": …}`.
    func query(_ query: String, variables: GraphQLValue? = nil, operationName: String? = nil, accept: String? = nil,
               token: String? = "alice") async throws -> Reply {
        var object: OrderedDictionary<String, GraphQLValue> = ["query": .string(query)]
        if let variables { object["variables"] = variables }
        if let operationName { object["operationName"] = .string(operationName) }
        return try await post(GraphQLValue.object(object).jsonString, accept: accept, token: token)
    }

    /// A GET with the parameters in the query string, form-encoded.
    func get(_ parameters: [(String, String)], accept: String? = nil, token: String? = "alice") async throws -> Reply {
        let query = parameters.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        var headers: [String: String] = [:]
        if let accept { headers["Accept"] = accept }
        if let token { headers["Authorization"] = "Bearer \(token)" }
        return try await send(.get, "/graphql?\(query)", headers: headers)
    }
}

/// `application/x-www-form-urlencoded` as URLSearchParams writes it.
func formEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        case UInt8(ascii: " "):
            out += "+"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            out += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return out
}
