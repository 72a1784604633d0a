import Synchronization
import Testing
@testable import SwitchboardGraphQL

/// Helpers shared by the execution tests.
enum ExecutionTestSupport {
    static func run(
        _ schema: GraphQLSchema, _ query: String, variables: [String: GraphQLValue]? = nil,
        operationName: String? = nil, root: any Sendable = GraphQLValue.null, context: any Sendable = GraphQLValue.null
    ) async throws -> ExecutionResult {
        let document = try parse(Source(query), options: .trusted)
        return await execute(schema: schema, document: document, operationName: operationName,
                             variableValues: variables, rootValue: root, context: context)
    }

    static func json(_ value: String) throws -> GraphQLValue { try parseJSON(value) }

    /// (message, "line:column" locations, path) of each error, for compact expectations.
    static func summary(_ errors: [GraphQLError]) -> [String] {
        errors.map { error in
            let locations = error.locations.map { "\($0.line):\($0.column)" }.joined(separator: ",")
            let path = (error.path ?? []).map(\.description).joined(separator: ".")
            return "\(error.message) @\(locations) \(path)"
        }
    }
}

/// A field with a resolver, in one line.
func field(_ name: String, _ type: GraphQLType, args: [GraphQLArgument] = [], resolve: FieldResolver? = nil,
           resolveBatch: BatchFieldResolver? = nil) -> (String, GraphQLField) {
    (name, GraphQLField(name: name, type: type, args: args, resolve: resolve, resolveBatch: resolveBatch))
}

func fieldMap(_ fields: [(String, GraphQLField)]) -> OrderedDictionary<String, GraphQLField> {
    var map = OrderedDictionary<String, GraphQLField>()
    for (name, f) in fields { map[name] = f }
    return map
}

let stringType: GraphQLType = .named(GraphQLString)
let intType: GraphQLType = .named(GraphQLInt)

/// A value resolvers can change from any task, for tests that watch them.
final class Recorder<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    var value: Value { storage.withLock { $0 } }
    func update(_ body: (inout Value) -> Void) { storage.withLock { body(&$0) } }
}
