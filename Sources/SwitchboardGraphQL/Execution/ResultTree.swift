/// The executor's intermediate results: a tree filled level by level, then turned into the response
/// bottom-up, where nulls propagate to the nearest nullable parent and errors are reported.

/// A response path as a linked list, built only for objects, lists and errors; turned into an
/// array only when an error or a resolver needs it.
final class ResponsePath: @unchecked Sendable {
    let parent: ResponsePath?
    let component: PathComponent
    let depth: Int

    init(_ parent: ResponsePath?, _ component: PathComponent) {
        self.parent = parent
        self.component = component
        self.depth = (parent?.depth ?? 0) + 1
    }

    static func components(_ path: ResponsePath?) -> [PathComponent] {
        guard let path else { return [] }
        var result = [PathComponent](repeating: .index(0), count: path.depth)
        var node: ResponsePath? = path
        var i = path.depth - 1
        while let n = node {
            result[i] = n.component
            i -= 1
            node = n.parent
        }
        return result
    }
}

/// A position in the response that has no `ResponsePath` yet: a parent path and one more step.
struct ResponsePosition {
    let parent: ResponsePath?
    let component: PathComponent

    var path: ResponsePath { ResponsePath(parent, component) }
    var components: [PathComponent] {
        var c = ResponsePath.components(parent)
        c.append(component)
        return c
    }
}

/// The completed value of one position.
enum Completed {
    /// A leaf value, or null.
    case value(GraphQLValue)
    /// An object whose fields are filled by the next level.
    case object(ObjectResult)
    case list(ContiguousArray<Completed>)
    /// Null because of this error, which is reported at this position.
    indirect case error(GraphQLError)
}

/// The result of one object: a value per field of its selection plan.
final class ObjectResult {
    let plan: SelectionPlan
    let path: ResponsePath?
    var values: ContiguousArray<Completed>

    init(plan: SelectionPlan, path: ResponsePath?) {
        self.plan = plan
        self.path = path
        self.values = ContiguousArray(repeating: .value(.null), count: plan.fields.count)
    }
}

/// Turns the result tree into response values, depth-first in selection order. A null in a non-null
/// position makes its parent null, up to the nearest nullable position; as in graphql-js with synchronous
/// resolvers, the rest of every object or list that a null propagates through is abandoned, so errors
/// found there are not reported.
struct ResultFinalizer {
    var errors: [GraphQLError] = []

    /// The object's response value, or nil when a non-null field of it is null.
    mutating func object(_ result: ObjectResult) -> GraphQLValue? {
        let fields = result.plan.fields
        var object = OrderedDictionary<String, GraphQLValue>(minimumCapacity: fields.count)
        for i in 0..<fields.count {
            guard let value = value(result.values[i], fields[i].returnType) else { return nil }
            object[fields[i].responseKey] = value
        }
        return .object(object)
    }

    /// The value at a position of `type`, or nil when it is null and `type` is non-null.
    mutating func value(_ completed: Completed, _ type: GraphQLType) -> GraphQLValue? {
        if case .nonNull(let inner) = type {
            guard let v = value(completed, inner), !v.isNull else { return nil }
            return v
        }
        switch completed {
        case .value(let v):
            return v
        case .error(let error):
            errors.append(error)
            return .null
        case .object(let result):
            return object(result) ?? .null
        case .list(let items):
            guard case .list(let itemType) = type else { return .null }
            var values: [GraphQLValue] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let v = value(item, itemType) else { return .null }
                values.append(v)
            }
            return .list(values)
        }
    }
}
