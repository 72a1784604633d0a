/// Value completion (graphql-js `completeValue`): a resolver's value checked against the field's type.
/// Leaves are serialized now; objects get a result node and join the next level.

extension Executor {
    func complete(
        _ value: (any Sendable)?, _ type: GraphQLType, _ field: FieldPlan,
        at position: ResponsePosition, into next: inout LevelBuilder
    ) async -> Completed {
        if case .nonNull(let inner) = type {
            let completed = await complete(value, inner, field, at: position, into: &next)
            if case .value(let v) = completed, v.isNull {
                let message = "Cannot return null for non-nullable field \(field.parentType.name).\(field.fieldName)."
                return .error(located(GraphQLError(message), field, position))
            }
            return completed
        }
        guard let value, !isNull(value) else { return .value(.null) }
        switch type {
        case .list(let itemType):
            return await completeList(value, itemType, field, at: position, into: &next)
        case .named(let named):
            if named.isLeaf {
                do {
                    return .value(try serializeLeaf(value, named))
                } catch {
                    return .error(located(error, field, position))
                }
            }
            let objectType: GraphQLObjectType
            if let object = named as? GraphQLObjectType {
                objectType = object
            } else {
                do {
                    objectType = try await runtimeType(of: value, named, field, at: position)
                } catch {
                    return .error(located(error, field, position))
                }
            }
            return completeObject(value, objectType, field, at: position, into: &next)
        case .nonNull:
            return .value(.null)
        }
    }

    private func completeList(
        _ value: any Sendable, _ itemType: GraphQLType, _ field: FieldPlan,
        at position: ResponsePosition, into next: inout LevelBuilder
    ) async -> Completed {
        var completed = ContiguousArray<Completed>()
        if let graphQLValue = value as? GraphQLValue {
            guard case .list(let items) = graphQLValue else { return notIterable(field, position) }
            completed.reserveCapacity(items.count)
            let listPath = position.path
            for (i, item) in items.enumerated() {
                completed.append(await complete(item, itemType, field, at: ResponsePosition(parent: listPath, component: .index(i)), into: &next))
            }
            return .list(completed)
        }
        guard let items = value as? [any Sendable] else { return notIterable(field, position) }
        completed.reserveCapacity(items.count)
        let listPath = position.path
        for (i, item) in items.enumerated() {
            completed.append(await complete(item, itemType, field, at: ResponsePosition(parent: listPath, component: .index(i)), into: &next))
        }
        return .list(completed)
    }

    private func notIterable(_ field: FieldPlan, _ position: ResponsePosition) -> Completed {
        let message = "Expected Iterable, but did not find one for field \"\(field.parentType.name).\(field.fieldName)\"."
        return .error(located(GraphQLError(message), field, position))
    }

    private func completeObject(
        _ value: any Sendable, _ type: GraphQLObjectType, _ field: FieldPlan,
        at position: ResponsePosition, into next: inout LevelBuilder
    ) -> Completed {
        if let isTypeOf = type.isTypeOf, !isTypeOf(value) {
            let message = "Expected value of type \"\(type.name)\" but got: \(inspectResolved(value))."
            return .error(located(GraphQLError(message, nodes: field.nodes), field, position))
        }
        switch field.childPlan(for: type, planner.subPlan) {
        case .failure(let error):
            return .error(located(error, field, position))
        case .success(let plan):
            let result = ObjectResult(plan: plan, path: position.path)
            next.add(value, result)
            return .object(result)
        }
    }

    /// The object type of a value of an interface or union type: its `resolveType`, or else the value's
    /// `__typename`, or else the first possible type whose `isTypeOf` accepts it.
    private func runtimeType(
        of value: any Sendable, _ abstractType: GraphQLNamedType, _ field: FieldPlan, at position: ResponsePosition
    ) async throws -> GraphQLObjectType {
        let resolveType = (abstractType as? GraphQLInterfaceType)?.resolveType ?? (abstractType as? GraphQLUnionType)?.resolveType
        let typeName: String?
        if let resolveType {
            typeName = try await resolveType(value, context, info(field, position))
        } else {
            typeName = defaultTypeName(value, abstractType)
        }
        let abstract = abstractType.name
        guard let typeName else {
            throw GraphQLError(
                "Abstract type \"\(abstract)\" must resolve to an Object type at runtime for field \"\(field.parentType.name).\(field.fieldName)\". Either the \"\(abstract)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.",
                nodes: field.nodes)
        }
        guard let runtimeType = schema.type(named: typeName) else {
            throw GraphQLError("Abstract type \"\(abstract)\" was resolved to a type \"\(typeName)\" that does not exist inside the schema.",
                               nodes: field.nodes)
        }
        guard let objectType = runtimeType as? GraphQLObjectType else {
            throw GraphQLError("Abstract type \"\(abstract)\" was resolved to a non-object type \"\(typeName)\".", nodes: field.nodes)
        }
        guard schema.isSubType(abstractType, objectType) else {
            throw GraphQLError("Runtime Object type \"\(typeName)\" is not a possible type for \"\(abstract)\".", nodes: field.nodes)
        }
        return objectType
    }

    private func defaultTypeName(_ value: any Sendable, _ abstractType: GraphQLNamedType) -> String? {
        if let graphQLValue = value as? GraphQLValue {
            if case .object(let object) = graphQLValue, case .string(let name)? = object["__typename"] { return name }
        } else if let dictionary = value as? [String: any Sendable] {
            if let name = dictionary["__typename"] as? String { return name }
            if case .string(let name)? = dictionary["__typename"] as? GraphQLValue { return name }
        } else if let named = value as? any GraphQLTypeNamed {
            return named.graphQLTypeName
        }
        for type in schema.possibleTypes(of: abstractType) {
            if let isTypeOf = type.isTypeOf, isTypeOf(value) { return type.name }
        }
        return nil
    }

    /// Result coercion of a scalar or enum value.
    private func serializeLeaf(_ value: any Sendable, _ type: GraphQLNamedType) throws -> GraphQLValue {
        if let enumType = type as? GraphQLEnumType {
            guard let internalValue = try? GraphQLValue.fromResolved(value) else {
                throw GraphQLError("Enum \"\(enumType.name)\" cannot represent value: \(String(describing: value))")
            }
            return try enumType.serializeValue(internalValue)
        }
        guard let scalar = type as? GraphQLScalarType else { return .null }
        let serialized = try scalar.serialize(value)
        if serialized.isNull {
            throw GraphQLError("Expected `\(scalar.name).serialize(\(inspectResolved(value)))` to return non-nullable value, returned: null")
        }
        return serialized
    }
}

extension Executor {
    /// Whether a resolved value is null: `GraphQLValue.null` or an empty Optional boxed as `any Sendable`.
    /// The Optional check is a protocol cast, slow enough to matter; the last types found not to be
    /// Optional are remembered (values at one place in a response mostly share a type).
    func isNull(_ value: any Sendable) -> Bool {
        if let graphQLValue = value as? GraphQLValue { return graphQLValue.isNull }
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == recentNonOptionalTypes.0 || type == recentNonOptionalTypes.1 { return false }
        if let optional = value as? any OptionalValue { return optional.isNone }
        recentNonOptionalTypes = (type, recentNonOptionalTypes.0)
        return false
    }
}

/// Lets a boxed `Optional` be recognized without knowing its wrapped type (a cast to `Optional<any Sendable>`
/// alone succeeds for every value, wrapping it).
protocol OptionalValue {
    var isNone: Bool { get }
}

extension Optional: OptionalValue {
    var isNone: Bool { self == nil }
}

/// A resolved value in an error message: as graphql-js `inspect` shows it when it is a GraphQL value.
func inspectResolved(_ value: any Sendable) -> String {
    if let graphQLValue = try? GraphQLValue.fromResolved(value) { return inspect(graphQLValue) }
    return String(describing: value)
}
