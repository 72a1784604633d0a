/// What executing an operation produces (graphql-js `ExecutionResult`).
public struct ExecutionResult: Sendable {
    /// The response data. Nil when execution did not start (a request error such as an invalid variable),
    /// `.null` when a null propagated up to the root.
    public var data: GraphQLValue?
    /// Field and request errors. Field errors come in the order graphql-js reports them when its
    /// resolvers are synchronous: depth-first, in the order of the selection set.
    public var errors: [GraphQLError]

    public init(data: GraphQLValue? = nil, errors: [GraphQLError] = []) {
        self.data = data
        self.errors = errors
    }

    /// The response as JSON: `{"errors":[…],"data":…}`, in graphql-js's key order, with `errors` only
    /// when there are some and `data` only when execution started.
    public func jsonString() -> String {
        var writer = JSONWriter()
        writer.writeResult(self)
        return writer.string
    }
}

extension GraphQLError {
    /// The error as a response shows it (graphql-js `GraphQLError.toJSON`): `message`, then `locations`,
    /// `path` and `extensions` when present.
    public var formatted: GraphQLValue {
        var object = OrderedDictionary<String, GraphQLValue>(minimumCapacity: 4)
        object["message"] = .string(message)
        if !locations.isEmpty {
            object["locations"] = .list(locations.map { ["line": .int($0.line), "column": .int($0.column)] })
        }
        if let path {
            object["path"] = .list(path.map { component in
                switch component {
                case .key(let key): return .string(key)
                case .index(let index): return .int(index)
                }
            })
        }
        if let extensions, !extensions.isEmpty {
            var ext = OrderedDictionary<String, GraphQLValue>(minimumCapacity: extensions.count)
            for key in extensions.keys.sorted() { ext[key] = extensions[key] }
            object["extensions"] = .object(ext)
        }
        return .object(object)
    }
}
