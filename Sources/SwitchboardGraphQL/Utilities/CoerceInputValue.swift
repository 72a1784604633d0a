/// Input coercion of runtime values, such as variables from a request's JSON (graphql-js 17
/// `coerceInputValue` and `validateInputValue`).
///
/// Coercion and error reporting are separate passes, as in graphql-js 17: `coerceInputValue` is the fast
/// path and only says "invalid" (nil); `validateInputValue` walks the same value again to explain why,
/// and runs only when coercion failed.

/// Coerces `value` (nil: not given) to `type`. Returns nil when the value is invalid for the type.
public func coerceInputValue(_ value: GraphQLValue?, _ type: GraphQLType) -> GraphQLValue? {
    switch type {
    case .nonNull(let inner):
        guard let value, !value.isNull else { return nil }
        return coerceInputValue(value, inner)
    case .list(let itemType):
        guard let value, !value.isNull else { return .null }
        guard case .list(let items) = value else {
            // A single value is accepted as a list of one.
            return coerceInputValue(value, itemType).map { .list([$0]) }
        }
        var coerced: [GraphQLValue] = []
        coerced.reserveCapacity(items.count)
        for item in items {
            guard let c = coerceInputValue(item, itemType) else { return nil }
            coerced.append(c)
        }
        return .list(coerced)
    case .named(let named):
        guard let value, !value.isNull else { return .null }
        if let inputObject = named as? GraphQLInputObjectType {
            return coerceInputObject(value, inputObject)
        }
        return coerceLeafValue(value, named)
    }
}

private func coerceInputObject(_ value: GraphQLValue, _ type: GraphQLInputObjectType) -> GraphQLValue? {
    guard case .object(let given) = value else { return nil }
    for key in given.keys where type.fields[key] == nil { return nil }
    var coerced = OrderedDictionary<String, GraphQLValue>(minimumCapacity: type.fields.count)
    for (name, field) in type.fields {
        if let fieldValue = given[name] {
            guard let c = coerceInputValue(fieldValue, field.type) else { return nil }
            coerced[name] = c
        } else {
            if field.isRequired { return nil }
            switch coerceDefaultValue(field) {
            case .none: break
            case .value(let d): coerced[name] = d
            case .invalid: return nil
            }
        }
    }
    if type.isOneOf {
        guard given.count == 1, coerced.count == 1, coerced.values[0] != .null else { return nil }
    }
    return .object(coerced)
}

/// Coerces a value of a scalar or enum type; nil when invalid.
func coerceLeafValue(_ value: GraphQLValue, _ type: GraphQLNamedType) -> GraphQLValue? {
    if let enumType = type as? GraphQLEnumType {
        return try? enumType.coerceInputValue(value)
    }
    if let scalar = type as? GraphQLScalarType {
        return try? scalar.parseValue(value)
    }
    return nil
}

/// The default of an argument or input field, coerced.
enum CoercedDefault {
    /// No default (graphql-js `undefined`).
    case none
    case value(GraphQLValue)
    /// The default literal is not valid for the type (possible only in a schema that was not validated).
    case invalid
}

/// An argument's `defaultValue` when set; otherwise its `defaultValueLiteral`, coerced
/// (schemas built from SDL only set the literal).
func coerceDefaultValue(_ input: GraphQLArgument) -> CoercedDefault {
    if let value = input.defaultValue { return .value(value) }
    guard let literal = input.defaultValueLiteral else { return .none }
    guard let coerced = coerceInputLiteral(literal, input.type) else { return .invalid }
    return .value(coerced)
}

extension GraphQLArgument {
    /// Non-null without a default: it must be given (graphql-js `isRequiredArgument`/`isRequiredInputField`).
    var isRequired: Bool { type.isNonNull && defaultValue == nil && defaultValueLiteral == nil }
}

// MARK: - Enums

extension GraphQLEnumType {
    /// The internal value of an enum value named by a runtime string.
    func coerceInputValue(_ input: GraphQLValue) throws(GraphQLError) -> GraphQLValue {
        if case .string(let name) = input {
            guard let match = value(named: name) else {
                throw GraphQLError("Value \"\(name)\" does not exist in \"\(self.name)\" enum." + didYouMeanEnumValue(name))
            }
            return match.value
        }
        let text = inspect(input)
        throw GraphQLError("Enum \"\(name)\" cannot represent non-string value: \(text)." + didYouMeanEnumValue(text))
    }

    /// The internal value of an enum value written as a literal.
    func coerceInputLiteral(_ node: ValueNode) throws(GraphQLError) -> GraphQLValue {
        if case .enumValue(let literal) = node {
            guard let match = value(named: literal.value) else {
                throw GraphQLError("Value \"\(literal.value)\" does not exist in \"\(name)\" enum." + didYouMeanEnumValue(literal.value),
                                   nodes: [node])
            }
            return match.value
        }
        let text = printAST(node)
        throw GraphQLError("Enum \"\(name)\" cannot represent non-enum value: \(text)." + didYouMeanEnumValue(text), nodes: [node])
    }

    /// The name of the enum value whose internal value is `output` (result coercion).
    func serializeValue(_ output: GraphQLValue) throws(GraphQLError) -> GraphQLValue {
        for candidate in values where candidate.value == output {
            return .string(candidate.name)
        }
        throw GraphQLError("Enum \"\(name)\" cannot represent value: \(inspect(output))")
    }

    private func didYouMeanEnumValue(_ unknown: String) -> String {
        InputSuggestions.didYouMean(InputSuggestions.list(unknown, values.map(\.name)), subMessage: "the enum value")
    }
}

// MARK: - Explaining invalid values

/// Reports why `value` is not valid for `type`: each problem with its path inside the value
/// (graphql-js 17 `validateInputValue`). Call it after `coerceInputValue` returned nil.
public func validateInputValue(
    _ value: GraphQLValue?, _ type: GraphQLType, onError: (GraphQLError, [PathComponent]) -> Void
) {
    var path: [PathComponent] = []
    validateInputValue(value, type, &path, onError)
}

private func validateInputValue(
    _ value: GraphQLValue?, _ type: GraphQLType, _ path: inout [PathComponent],
    _ onError: (GraphQLError, [PathComponent]) -> Void
) {
    switch type {
    case .nonNull(let inner):
        guard let value else {
            onError(GraphQLError("Expected a value of non-null type \"\(type)\" to be provided."), path)
            return
        }
        if value.isNull {
            onError(GraphQLError("Expected value of non-null type \"\(type)\" not to be null."), path)
            return
        }
        validateInputValue(value, inner, &path, onError)
    case .list(let itemType):
        guard let value, !value.isNull else { return }
        guard case .list(let items) = value else {
            validateInputValue(value, itemType, &path, onError)
            return
        }
        for (index, item) in items.enumerated() {
            path.append(.index(index))
            validateInputValue(item, itemType, &path, onError)
            path.removeLast()
        }
    case .named(let named):
        guard let value, !value.isNull else { return }
        if let inputObject = named as? GraphQLInputObjectType {
            validateInputObject(value, inputObject, &path, onError)
        } else if let enumType = named as? GraphQLEnumType {
            do throws(GraphQLError) {
                _ = try enumType.coerceInputValue(value)
            } catch {
                onError(error, path)
            }
        } else if let scalar = named as? GraphQLScalarType {
            do {
                _ = try scalar.parseValue(value)
            } catch let error as GraphQLError {
                onError(error, path)
            } catch {
                onError(GraphQLError("Expected value of type \"\(named.name)\", but encountered error \"\(error)\"; found: \(inspect(value))."), path)
            }
        }
    }
}

private func validateInputObject(
    _ value: GraphQLValue, _ type: GraphQLInputObjectType, _ path: inout [PathComponent],
    _ onError: (GraphQLError, [PathComponent]) -> Void
) {
    guard case .object(let given) = value else {
        onError(GraphQLError("Expected value of type \"\(type.name)\" to be an object, found: \(inspect(value))."), path)
        return
    }
    for (name, field) in type.fields {
        if let fieldValue = given[name] {
            path.append(.key(name))
            validateInputValue(fieldValue, field.type, &path, onError)
            path.removeLast()
        } else if field.isRequired {
            onError(GraphQLError("Expected value of type \"\(type.name)\" to include required field \"\(name)\", found: \(inspect(value))."), path)
        }
    }
    var known: [String] = []
    for key in given.keys {
        if type.fields[key] == nil {
            let suggestion = InputSuggestions.didYouMean(InputSuggestions.list(key, type.fields.keys))
            let found = suggestion.isEmpty ? ", found" : ".\(suggestion) Found"
            onError(GraphQLError("Expected value of type \"\(type.name)\" not to include unknown field \"\(key)\"\(found): \(inspect(value))."), path)
        } else {
            known.append(key)
        }
    }
    if type.isOneOf {
        if known.count != 1 {
            onError(GraphQLError(oneOfInputObjectMessage(type)), path)
        }
        if let first = known.first, given[first] == .null {
            path.append(.key(first))
            onError(GraphQLError(oneOfInputObjectMessage(type)), path)
            path.removeLast()
        }
    }
}

func oneOfInputObjectMessage(_ type: GraphQLInputObjectType) -> String {
    "Within OneOf Input Object type \"\(type.name)\", exactly one field must be specified, and the value for that field must be non-null."
}

/// ` at .a[0].b` for a path inside an input value (graphql-js `printPathList`); empty for the value itself.
func printPathList(_ path: [PathComponent]) -> String {
    if path.isEmpty { return "" }
    var text = " at "
    for component in path {
        switch component {
        case .key(let key): text += "." + key
        case .index(let index): text += "[\(index)]"
        }
    }
    return text
}

// MARK: - Suggestions

/// "Did you mean …?" hints, as graphql-js `suggestionList` and `didYouMean` compute them.
enum InputSuggestions {
    private static let maxSuggestions = 5

    /// ` Did you mean "A", "B", or "C"?`, or empty when there is nothing to suggest.
    static func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
        guard !suggestions.isEmpty else { return "" }
        var message = " Did you mean "
        if let subMessage { message += subMessage + " " }
        let quoted = suggestions.prefix(maxSuggestions).map { "\"\($0)\"" }
        switch quoted.count {
        case 1: message += quoted[0]
        case 2: message += "\(quoted[0]) or \(quoted[1])"
        default: message += quoted.dropLast().joined(separator: ", ") + ", or " + quoted.last!
        }
        return message + "?"
    }

    /// The options close to `input` (by edit distance, with a transposition counting as one edit),
    /// nearest first, ties in natural order.
    static func list(_ input: String, _ options: [String]) -> [String] {
        let inputLower = Array(input.lowercased().unicodeScalars)
        let threshold = Int(Double(input.unicodeScalars.count) * 0.4) + 1
        var scored: [(option: String, distance: Int)] = []
        for option in options {
            if let d = distance(input, inputLower, option, threshold) { scored.append((option, d)) }
        }
        scored.sort { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            return naturalLess(a.option, b.option)
        }
        return scored.map(\.option)
    }

    private static func distance(_ input: String, _ inputLower: [Unicode.Scalar], _ option: String, _ threshold: Int) -> Int? {
        if input == option { return 0 }
        let optionLower = Array(option.lowercased().unicodeScalars)
        if optionLower == inputLower { return 1 }
        var a = optionLower, b = inputLower
        if a.count < b.count { swap(&a, &b) }
        let aLen = a.count, bLen = b.count
        if aLen - bLen > threshold { return nil }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: bLen + 1), count: 3)
        for j in 0...bLen { rows[0][j] = j }
        if aLen == 0 { return bLen <= threshold ? bLen : nil }
        for i in 1...aLen {
            let up = (i - 1) % 3, current = i % 3
            rows[current][0] = i
            var smallest = i
            if bLen > 0 {
                for j in 1...bLen {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var cell = min(rows[up][j] + 1, rows[current][j - 1] + 1, rows[up][j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        cell = min(cell, rows[(i - 2) % 3][j - 2] + 1)
                    }
                    smallest = min(smallest, cell)
                    rows[current][j] = cell
                }
            }
            if smallest > threshold { return nil }
        }
        let d = rows[aLen % 3][bLen]
        return d <= threshold ? d : nil
    }

    /// Natural order: runs of digits compare as numbers ("a2" < "a10").
    static func naturalLess(_ x: String, _ y: String) -> Bool {
        let a = Array(x.unicodeScalars), b = Array(y.unicodeScalars)
        var i = 0, j = 0
        func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                var ei = i, ej = j
                while ei < a.count && isDigit(a[ei]) { ei += 1 }
                while ej < b.count && isDigit(b[ej]) { ej += 1 }
                let na = Int(String(String.UnicodeScalarView(a[i..<ei]))) ?? 0
                let nb = Int(String(String.UnicodeScalarView(b[j..<ej]))) ?? 0
                if na != nb { return na < nb }
                i = ei; j = ej
            } else {
                if a[i] != b[j] { return a[i].value < b[j].value }
                i += 1; j += 1
            }
        }
        return (a.count - i) < (b.count - j)
    }
}
