/// Execution of an operation (graphql-js 17 `execution/execute`), breadth-first and batched.
///
/// The executor works level by level. A level is every object of the response at one depth, grouped by
/// selection plan (same field, same runtime type). For each field of a plan, a field with `resolveBatch`
/// is resolved with ONE call for all the objects of the group; other fields are resolved object by object,
/// awaiting resolvers one after the other (no task per field). The objects those values contain, list items
/// included, become the next level. When no level is left, the result tree is turned into the response
/// (see `ResultFinalizer`), which gives the same data and errors as graphql-js with synchronous resolvers.
///
/// Mutation root fields run one after the other, each with everything below it, as the spec requires; a
/// null that reaches the root stops the remaining ones.

/// Executes `document` against `schema`. The document is assumed valid (run `validate` first); an invalid
/// schema gives its validation errors and no data (graphql-js throws them).
public func execute(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: String? = nil,
    variableValues: [String: GraphQLValue]? = nil,
    rootValue: any Sendable = GraphQLValue.null,
    context: any Sendable = GraphQLValue.null
) async -> ExecutionResult {
    let schemaErrors = validateSchema(schema)
    if !schemaErrors.isEmpty { return ExecutionResult(errors: schemaErrors) }
    var operation: OperationDefinitionNode?
    var fragments: [String: FragmentDefinitionNode] = [:]
    for definition in document.definitions {
        switch definition {
        case .operation(let op):
            if let operationName {
                if op.name?.value == operationName { operation = op }
            } else {
                if operation != nil {
                    return ExecutionResult(errors: [GraphQLError("Must provide operation name if query contains multiple operations.")])
                }
                operation = op
            }
        case .fragment(let fragment):
            fragments[fragment.name.value] = fragment
        default:
            break
        }
    }
    guard let operation else {
        if let operationName {
            return ExecutionResult(errors: [GraphQLError("Unknown operation named \"\(operationName)\".")])
        }
        return ExecutionResult(errors: [GraphQLError("Must provide an operation.")])
    }

    let variables: [String: GraphQLValue]
    switch getVariableValues(schema: schema, definitions: operation.variableDefinitions, inputs: variableValues ?? [:]) {
    case .values(let values): variables = values
    case .errors(let errors): return ExecutionResult(errors: errors)
    }

    // From here on execution has started: an error gives `"data": null`, not a response without data.
    guard let rootType = schema.rootType(for: operation.operation) else {
        return ExecutionResult(data: .null, errors: [
            GraphQLError("Schema is not configured to execute \(operation.operation.rawValue) operation.", nodes: [operation])
        ])
    }
    let executor = Executor(schema: schema, fragments: fragments, operation: operation, variables: variables,
                            rootValue: rootValue, context: context)
    return await executor.run(rootType: rootType)
}

/// The objects of one level that share a selection plan.
struct PendingObjects {
    let plan: SelectionPlan
    var sources: [any Sendable] = []
    var results: [ObjectResult] = []
}

/// The next level, as it is gathered: groups in order of first appearance.
struct LevelBuilder {
    var groups: [PendingObjects] = []
    private var indexByPlan: [ObjectIdentifier: Int] = [:]

    mutating func add(_ source: any Sendable, _ result: ObjectResult) {
        let key = ObjectIdentifier(result.plan)
        if let i = indexByPlan[key] {
            groups[i].sources.append(source)
            groups[i].results.append(result)
        } else {
            indexByPlan[key] = groups.count
            groups.append(PendingObjects(plan: result.plan, sources: [source], results: [result]))
        }
    }
}

/// One request's execution.
final class Executor {
    let schema: GraphQLSchema
    let fragments: [String: FragmentDefinitionNode]
    let operation: OperationDefinitionNode
    let variables: [String: GraphQLValue]
    let rootValue: any Sendable
    let context: any Sendable
    let planner: SelectionPlanner
    /// Types of resolved values recently found not to be Optional (see `isNull`).
    var recentNonOptionalTypes: (ObjectIdentifier?, ObjectIdentifier?) = (nil, nil)

    init(schema: GraphQLSchema, fragments: [String: FragmentDefinitionNode], operation: OperationDefinitionNode,
         variables: [String: GraphQLValue], rootValue: any Sendable, context: any Sendable) {
        self.schema = schema
        self.fragments = fragments
        self.operation = operation
        self.variables = variables
        self.rootValue = rootValue
        self.context = context
        self.planner = SelectionPlanner(schema: schema, fragments: fragments, variables: variables)
    }

    func run(rootType: GraphQLObjectType) async -> ExecutionResult {
        let plan: SelectionPlan
        do {
            plan = try planner.plan(for: rootType, selectionSets: [operation.selectionSet])
        } catch {
            return ExecutionResult(data: .null, errors: [error])
        }
        let root = ObjectResult(plan: plan, path: nil)
        let rootGroup = PendingObjects(plan: plan, sources: [rootValue], results: [root])
        var finalizer = ResultFinalizer()

        if operation.operation == .mutation {
            // Serially: each root field and all below it before the next; a null reaching the root stops them.
            var data = OrderedDictionary<String, GraphQLValue>(minimumCapacity: plan.fields.count)
            for (i, field) in plan.fields.enumerated() {
                var next = LevelBuilder()
                await executeField(field, at: i, of: rootGroup, into: &next)
                await drain(next.groups)
                guard let value = finalizer.value(root.values[i], field.returnType) else {
                    return ExecutionResult(data: .null, errors: finalizer.errors)
                }
                data[field.responseKey] = value
            }
            return ExecutionResult(data: .object(data), errors: finalizer.errors)
        }

        await drain([rootGroup])
        let data = finalizer.object(root) ?? .null
        return ExecutionResult(data: data, errors: finalizer.errors)
    }

    /// Executes level after level until no objects are left.
    private func drain(_ first: [PendingObjects]) async {
        var level = first
        while !level.isEmpty {
            var next = LevelBuilder()
            for group in level {
                for (i, field) in group.plan.fields.enumerated() {
                    await executeField(field, at: i, of: group, into: &next)
                }
            }
            level = next.groups
        }
    }

    /// Resolves and completes one field for every object of a group.
    private func executeField(_ field: FieldPlan, at index: Int, of group: PendingObjects, into next: inout LevelBuilder) async {
        let results = group.results
        let args: ArgumentValues
        switch field.arguments {
        case .success(let a): args = a
        case .failure(let error):
            for result in results {
                result.values[index] = .error(located(error, field, ResponsePosition(parent: result.path, component: .key(field.responseKey))))
            }
            return
        }

        switch field.resolution {
        case .typeName:
            let name = GraphQLValue.string(field.parentType.name)
            for result in results { result.values[index] = .value(name) }

        case .property:
            let name = field.fieldName
            for (i, result) in results.enumerated() {
                let value = defaultFieldResolver(group.sources[i], name)
                let position = ResponsePosition(parent: result.path, component: .key(field.responseKey))
                result.values[index] = await complete(value, field.returnType, field, at: position, into: &next)
            }

        case .each(let resolve):
            for (i, result) in results.enumerated() {
                let position = ResponsePosition(parent: result.path, component: .key(field.responseKey))
                do {
                    let value = try await resolve(group.sources[i], args, context, info(field, position))
                    result.values[index] = await complete(value, field.returnType, field, at: position, into: &next)
                } catch {
                    result.values[index] = .error(located(error, field, position))
                }
            }

        case .batch(let resolve):
            let firstPosition = ResponsePosition(parent: results[0].path, component: .key(field.responseKey))
            do {
                let values = try await resolve(group.sources, args, context, info(field, firstPosition))
                guard values.count == results.count else {
                    throw GraphQLError("Batch resolver for field \"\(field.parentType.name).\(field.fieldName)\" returned \(values.count) results for \(results.count) sources.")
                }
                for (i, result) in results.enumerated() {
                    let position = ResponsePosition(parent: result.path, component: .key(field.responseKey))
                    result.values[index] = await complete(values[i], field.returnType, field, at: position, into: &next)
                }
            } catch {
                for result in results {
                    result.values[index] = .error(located(error, field, ResponsePosition(parent: result.path, component: .key(field.responseKey))))
                }
            }
        }
    }

    func info(_ field: FieldPlan, _ position: ResponsePosition) -> ResolveInfo {
        let shared: ResolveInfo.Shared
        if let existing = field.sharedInfo {
            shared = existing
        } else {
            shared = ResolveInfo.Shared(fieldName: field.fieldName, fieldNodes: field.nodes, returnType: field.returnType,
                                        parentType: field.parentType, schema: schema, fragments: fragments, rootValue: rootValue,
                                        operation: operation, variableValues: variables)
            field.sharedInfo = shared
        }
        return ResolveInfo(shared: shared, parentPath: position.parent, key: position.component)
    }

    /// A field error with the field's locations and the response path (graphql-js `locatedError`): an error
    /// that already has a path is kept as it is; a GraphQLError keeps its message, locations and extensions.
    func located(_ error: any Error, _ field: FieldPlan, _ position: ResponsePosition) -> GraphQLError {
        if var graphQLError = error as? GraphQLError {
            if graphQLError.path != nil { return graphQLError }
            if graphQLError.locations.isEmpty {
                let at = GraphQLError("", nodes: field.nodes)
                graphQLError.locations = at.locations
                graphQLError.source = at.source
            }
            graphQLError.path = position.components
            return graphQLError
        }
        var wrapped = GraphQLError(String(describing: error), nodes: field.nodes, path: position.components)
        wrapped.underlyingError = error
        return wrapped
    }
}

/// The default resolver: the property named like the field, of a `GraphQLValue` object, a
/// `[String: any Sendable]` dictionary or a `GraphQLFieldReadable` value.
func defaultFieldResolver(_ source: any Sendable, _ fieldName: String) -> (any Sendable)? {
    if let value = source as? GraphQLValue {
        if case .object(let object) = value { return object[fieldName] }
        return nil
    }
    if let dictionary = source as? [String: any Sendable] { return dictionary[fieldName] }
    if let readable = source as? any GraphQLFieldReadable { return readable.graphQLField(named: fieldName) }
    return nil
}

/// A Swift value whose properties the default resolver can read.
public protocol GraphQLFieldReadable: Sendable {
    /// The value of the field named `name`, or nil for null.
    func graphQLField(named name: String) -> (any Sendable)?
}

/// A Swift value that names its GraphQL object type, for fields of interface and union types
/// whose type has no `resolveType`.
public protocol GraphQLTypeNamed: Sendable {
    var graphQLTypeName: String { get }
}
