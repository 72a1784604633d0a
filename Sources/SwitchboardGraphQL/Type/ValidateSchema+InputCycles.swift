/// Schema validation of cycles through input objects (graphql-js 17 `type/validate`): input objects that no
/// finite value can satisfy, and default values that refer to themselves.

extension SchemaValidationContext {
    // MARK: - Input objects without a finite value

    /// The spec's `InputObjectHasUnbreakableCycle` for every input object at once: an input object has a finite
    /// value when it needs no other input object (through non-null fields; for a `@oneOf` object, through at
    /// least one field), or when what it needs has one. What is left is reported once per cycle.
    mutating func detectInputObjectsWithoutFiniteValues(_ inputObjects: [GraphQLInputObjectType]) {
        var states: [FiniteValueState] = []
        var indexByName: [String: Int] = [:]
        for (index, input) in inputObjects.enumerated() {
            states.append(FiniteValueState(input: input))
            indexByName[input.name] = index
        }

        var known: [Int] = []
        func markFinite(_ index: Int) {
            if !states[index].hasFiniteValue {
                states[index].hasFiniteValue = true
                known.append(index)
            }
        }

        for index in states.indices {
            let input = states[index].input
            for (name, field) in input.fields {
                guard let target = finiteValueTarget(of: input, field.type), let targetIndex = indexByName[target.name] else { continue }
                states[index].targets.append((name, field, targetIndex))
                states[targetIndex].dependents.append(index)
            }
            if input.isOneOf {
                if input.fields.isEmpty || states[index].targets.count < input.fields.count { markFinite(index) }
            } else {
                states[index].unresolvedTargetCount = states[index].targets.count
                if states[index].targets.isEmpty { markFinite(index) }
            }
        }

        while let next = known.popLast() {
            for dependent in states[next].dependents where !states[dependent].hasFiniteValue {
                if states[dependent].input.isOneOf {
                    markFinite(dependent)
                    continue
                }
                states[dependent].unresolvedTargetCount -= 1
                if states[dependent].unresolvedTargetCount == 0 { markFinite(dependent) }
            }
        }

        var visited: Set<Int> = []
        var fieldPath: [(name: String, node: (any Node)?)] = []
        var pathIndexByType: [Int: Int] = [:]
        func reportCycles(from index: Int) {
            guard visited.insert(index).inserted else { return }
            pathIndexByType[index] = fieldPath.count
            let input = states[index].input
            for (name, field, target) in states[index].targets where !states[target].hasFiniteValue {
                let cycleIndex = pathIndexByType[target]
                fieldPath.append(("\(input.name).\(name)", field.astNode))
                if let cycleIndex {
                    let cycle = fieldPath[cycleIndex...]
                    report("Input Object \(states[target].input.name) cannot be provided a finite value because it references itself through fields: \(cycle.map(\.name).joined(separator: ", ")).",
                           cycle.map(\.node))
                } else {
                    reportCycles(from: target)
                }
                fieldPath.removeLast()
            }
            pathIndexByType[index] = nil
        }
        for index in states.indices where !states[index].hasFiniteValue {
            reportCycles(from: index)
        }
    }

    /// The input object a field needs a value of, if any.
    private func finiteValueTarget(of input: GraphQLInputObjectType, _ type: GraphQLType) -> GraphQLInputObjectType? {
        if input.isOneOf {
            if case .named(let named) = type { return named as? GraphQLInputObjectType }
            return nil
        }
        if case .nonNull(.named(let named)) = type { return named as? GraphQLInputObjectType }
        return nil
    }
}

private struct FiniteValueState {
    let input: GraphQLInputObjectType
    /// The fields that need another input object's value: name, field, index of that object's state.
    var targets: [(String, GraphQLInputField, Int)] = []
    var dependents: [Int] = []
    var unresolvedTargetCount = 0
    var hasFiniteValue = false

    init(input: GraphQLInputObjectType) {
        self.input = input
    }
}

// MARK: - Default values that refer to themselves

/// Finds input fields whose default value, directly or through other fields' defaults, contains itself
/// (graphql-js `createInputObjectDefaultValueCircularRefsValidator`, a depth-first search like
/// `NoFragmentCyclesRule`). One detector serves every input object of a schema, so that each field is explored
/// once. Only defaults written as literals are followed, as in graphql-js.
struct DefaultValueCycleDetector {
    private var visitedFields: Set<String> = []
    private var fieldPath: [(name: String, node: (any Node)?)] = []
    private var fieldPathIndex: [String: Int] = [:]

    /// Explores the defaults of every field of `input`, as if it were given an empty object.
    mutating func detect(in input: GraphQLInputObjectType, context: inout SchemaValidationContext) {
        detectInObject(input, given: [:], context: &context)
    }

    /// Explores an object value of `input`: the fields it gives, and the defaults of those it leaves out.
    private mutating func detectInObject(_ input: GraphQLInputObjectType, given: [String: ValueNode], context: inout SchemaValidationContext) {
        for (name, field) in input.fields {
            guard let fieldType = field.type.namedType as? GraphQLInputObjectType else { continue }
            if let value = given[name] {
                detectInLiteral(fieldType, value, context: &context)
            } else {
                detectInDefault(of: field, fieldType, "\(input.name).\(name)", context: &context)
            }
        }
    }

    private mutating func detectInLiteral(_ input: GraphQLInputObjectType, _ value: ValueNode, context: inout SchemaValidationContext) {
        switch value {
        case .list(let list):
            for item in list.values { detectInLiteral(input, item, context: &context) }
        case .object(let object):
            var given: [String: ValueNode] = [:]
            for field in object.fields { given[field.name.value] = field.value }
            detectInObject(input, given: given, context: &context)
        default:
            break
        }
    }

    private mutating func detectInDefault(of field: GraphQLInputField, _ fieldType: GraphQLInputObjectType, _ fieldName: String,
                                          context: inout SchemaValidationContext) {
        guard let literal = field.defaultValueLiteral else { return }
        if let cycleIndex = fieldPathIndex[fieldName] {
            let via = cycleIndex < fieldPath.count
                ? " via the default values of: " + fieldPath[cycleIndex...].map(\.name).joined(separator: ", ")
                : ""
            context.report("Invalid circular reference. The default value of Input Object field \(fieldName) references itself\(via).",
                           fieldPath[(cycleIndex - 1)...].map(\.node))
            return
        }
        guard visitedFields.insert(fieldName).inserted else { return }
        fieldPath.append((fieldName, field.astNode?.defaultValue))
        fieldPathIndex[fieldName] = fieldPath.count
        detectInLiteral(fieldType, literal, context: &context)
        fieldPath.removeLast()
        fieldPathIndex[fieldName] = nil
    }
}
