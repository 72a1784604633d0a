import Synchronization
import Testing
@testable import SwitchboardGraphQL

@Suite struct ExecuteTests {
    typealias T = ExecutionTestSupport

    /// A small schema over a GraphQLValue root, with a few Swift resolvers.
    private func makeSchema(log: Recorder<[String]>? = nil) throws -> GraphQLSchema {
        let item = GraphQLObjectType(name: "Item")
        item.fields = fieldMap([
            field("id", .nonNull(.named(GraphQLID))),
            field("name", stringType),
            field("double", intType, args: [GraphQLArgument(name: "n", type: .nonNull(intType))]) { _, args, _, _ in
                guard case .int(let n)? = args["n"] else { return nil }
                return n * 2
            },
        ])
        let query = GraphQLObjectType(name: "Query")
        query.fields = fieldMap([
            field("hello", stringType, args: [GraphQLArgument(name: "to", type: stringType, defaultValueLiteral: .string(StringValueNode(value: "world")))]) { _, args, _, _ in
                guard case .string(let to)? = args["to"] else { return "hello nobody" }
                return "hello \(to)"
            },
            field("slow", stringType) { _, _, _, _ in
                try await Task.sleep(nanoseconds: 2_000_000)
                return "late"
            },
            field("fails", stringType) { _, _, _, _ in
                throw GraphQLError("It broke.", extensions: ["code": "BROKEN"])
            },
            field("swiftError", stringType) { _, _, _, _ in throw TestFailure.boom },
            field("items", .list(.named(item))),
            field("dictionary", .named(item)) { _, _, _, _ in ["id": "d1", "name": "From a dictionary"] as [String: any Sendable] },
            field("readable", .named(item)) { _, _, _, _ in ReadableItem() },
            field("context", stringType) { _, _, context, _ in context as? String },
            field("path", .list(stringType)) { _, _, _, info in info.path.map(\.description) },
        ])
        let mutation = GraphQLObjectType(name: "Mutation")
        mutation.fields = fieldMap([
            field("first", stringType) { _, _, _, _ in
                try await Task.sleep(nanoseconds: 3_000_000)
                log?.update { $0.append("first") }
                return "1"
            },
            field("second", stringType) { _, _, _, _ in
                log?.update { $0.append("second") }
                return "2"
            },
            field("mustNot", .nonNull(stringType)) { _, _, _, _ in
                log?.update { $0.append("mustNot") }
                return nil
            },
        ])
        return try GraphQLSchema(query: query, mutation: mutation)
    }

    private enum TestFailure: Error { case boom }

    private struct ReadableItem: GraphQLFieldReadable {
        func graphQLField(named name: String) -> (any Sendable)? {
            switch name {
            case "id": return "r1"
            case "name": return "Readable"
            default: return nil
            }
        }
    }

    @Test func resolvesFieldsArgumentsAndDefaults() async throws {
        let result = try await T.run(makeSchema(), #"{ hello a: hello(to: "you") slow items { id name double(n: 21) } }"#,
                                     root: try T.json(#"{"items": [{"id": 1, "name": "one"}, {"id": "2"}]}"#))
        #expect(result.errors.isEmpty)
        #expect(result.jsonString() == #"{"data":{"hello":"hello world","a":"hello you","slow":"late","items":[{"id":"1","name":"one","double":42},{"id":"2","name":null,"double":42}]}}"#)
    }

    @Test func defaultResolverReadsDictionariesAndProtocols() async throws {
        let result = try await T.run(makeSchema(), "{ dictionary { id name } readable { id name } }")
        #expect(result.jsonString() == #"{"data":{"dictionary":{"id":"d1","name":"From a dictionary"},"readable":{"id":"r1","name":"Readable"}}}"#)
    }

    @Test func resolverErrorsKeepMessageExtensionsAndGetLocationsAndPath() async throws {
        let result = try await T.run(makeSchema(), "{ hello\n  fails swiftError }")
        #expect(result.data == ["hello": "hello world", "fails": nil, "swiftError": nil])
        #expect(T.summary(result.errors) == ["It broke. @2:3 fails", "boom @2:9 swiftError"])
        #expect(result.errors[0].extensions == ["code": "BROKEN"])
        #expect(result.jsonString().hasPrefix(#"{"errors":[{"message":"It broke.","locations":[{"line":2,"column":3}],"path":["fails"],"extensions":{"code":"BROKEN"}}"#))
    }

    @Test func contextAndPathReachResolvers() async throws {
        let result = try await T.run(makeSchema(), "{ context alias: path }", context: "the context")
        #expect(result.data == ["context": "the context", "alias": ["alias"]])
    }

    @Test func selectsTheOperation() async throws {
        let schema = try makeSchema()
        let two = "query A { hello } query B { slow }"
        #expect(T.summary(try await T.run(schema, two).errors) == ["Must provide operation name if query contains multiple operations. @ "])
        #expect(try await T.run(schema, two, operationName: "B").data == ["slow": "late"])
        #expect(T.summary(try await T.run(schema, two, operationName: "C").errors) == [#"Unknown operation named "C". @ "#])
        #expect(T.summary(try await T.run(schema, "fragment F on Query { hello }").errors) == ["Must provide an operation. @ "])
        let noData = try await T.run(schema, two)
        #expect(noData.data == nil)
        #expect(noData.jsonString() == #"{"errors":[{"message":"Must provide operation name if query contains multiple operations."}]}"#)
    }

    @Test func missingRootTypeIsAnError() async throws {
        let query = GraphQLObjectType(name: "Query", fields: fieldMap([field("a", stringType)]))
        let schema = try GraphQLSchema(query: query)
        let result = try await T.run(schema, "mutation M { a }")
        #expect(result.data == GraphQLValue.null)
        #expect(T.summary(result.errors) == ["Schema is not configured to execute mutation operation. @1:1 "])
    }

    @Test func subscriptionOperationsExecuteOnceLikeQueries() async throws {
        // As graphql-js `execute` (not `subscribe`) does: the selection set runs once on the subscription root.
        let query = GraphQLObjectType(name: "Query", fields: fieldMap([field("a", stringType)]))
        let subscription = GraphQLObjectType(name: "Subscription", fields: fieldMap([field("tick", intType)]))
        let result = try await T.run(try GraphQLSchema(query: query, subscription: subscription), "subscription { tick }",
                                     root: GraphQLValue.object(["tick": 1]))
        #expect(result.jsonString() == #"{"data":{"tick":1}}"#)
    }

    @Test func mutationRootFieldsRunInOrderAndStopAtARootNull() async throws {
        let log = Recorder<[String]>([])
        let schema = try makeSchema(log: log)
        let result = try await T.run(schema, "mutation { first second }")
        #expect(result.data == ["first": "1", "second": "2"])
        #expect(log.value == ["first", "second"])

        log.update { $0 = [] }
        let stopped = try await T.run(schema, "mutation { first mustNot second }")
        #expect(stopped.data == GraphQLValue.null)
        #expect(T.summary(stopped.errors) == ["Cannot return null for non-nullable field Mutation.mustNot. @1:18 mustNot"])
        #expect(log.value == ["first", "mustNot"])
    }

    @Test func fragmentsAliasesDirectivesAndTypename() async throws {
        let query = """
            query ($no: Boolean!) {
              __typename
              ...F
              x: hello(to: "x") @include(if: $no)
              y: hello(to: "y") @skip(if: $no)
              ... on Query @skip(if: true) { slow }
              ... @include(if: true) { z: hello(to: "z") }
            }
            fragment F on Query { hello }
            """
        let result = try await T.run(makeSchema(), query, variables: ["no": false])
        #expect(result.errors.isEmpty)
        #expect(result.jsonString() == #"{"data":{"__typename":"Query","hello":"hello world","y":"hello y","z":"hello z"}}"#)
    }

    @Test func introspectionMetaFieldsWorkOnTheQueryRoot() async throws {
        let result = try await T.run(makeSchema(), #"{ __type(name: "Item") { name kind fields { name } } __schema { queryType { name } mutationType { name } } }"#)
        #expect(result.jsonString() == #"{"data":{"__type":{"name":"Item","kind":"OBJECT","fields":[{"name":"id"},{"name":"name"},{"name":"double"}]},"__schema":{"queryType":{"name":"Query"},"mutationType":{"name":"Mutation"}}}}"#)
    }

    @Test func invalidSchemaGivesItsErrors() async throws {
        let query = GraphQLObjectType(name: "Query")
        let schema = try GraphQLSchema(query: query)
        let result = try await T.run(schema, "{ a }")
        #expect(result.data == nil)
        #expect(!result.errors.isEmpty)
    }
}
