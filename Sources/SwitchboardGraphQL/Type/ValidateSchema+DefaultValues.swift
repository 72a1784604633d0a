/// Schema validation of default values written as literals (graphql-js 17 `validateDefaultValue`, which runs
/// `validateInputLiteral` statically: variables are not looked at).
///
/// Coerced defaults (`defaultValue` without a literal, as code sets them) are taken as valid, as graphql-js
/// takes its internal `defaultValue`.

extension SchemaValidationContext {
    mutating func validateDefaultValue(_ value: GraphQLArgument, _ name: String) {
        guard let literal = value.defaultValueLiteral else { return }
        var problems: [(error: GraphQLError, path: [PathComponent])] = []
        var validator = StaticLiteralValidator { error, path in problems.append((error, path)) }
        validator.validate(literal, value.type, path: [])
        for (error, path) in problems {
            let message = "\(name) has invalid default value\(Self.describe(path)): \(error.message)"
            if error.locations.isEmpty {
                report(message, value.astNode?.defaultValue)
            } else {
                errors.append(GraphQLError(message, locations: error.locations, source: error.source))
            }
        }
    }

    /// ` at .a[0].b`, or nothing for the value itself (graphql-core `print_path_list`).
    private static func describe(_ path: [PathComponent]) -> String {
        guard !path.isEmpty else { return "" }
        return " at " + path.map { component in
            switch component {
            case .key(let key): return ".\(key)"
            case .index(let index): return "[\(index)]"
            }
        }.joined()
    }
}

/// Checks a literal against an input type without variables (graphql-core `validate_input_literal` with no
/// variable values), reporting each problem with its path inside the literal.
private struct StaticLiteralValidator {
    let onError: (GraphQLError, [PathComponent]) -> Void

    init(onError: @escaping (GraphQLError, [PathComponent]) -> Void) {
        self.onError = onError
    }

    mutating func validate(_ node: ValueNode, _ type: GraphQLType, path: [PathComponent]) {
        // Variables cannot be checked statically.
        if case .variable = node { return }
        if case .nonNull(let inner) = type {
            if case .null = node {
                invalid("Expected value of non-null type '\(type)' not to be None.", node, path)
                return
            }
            validate(node, inner, path: path)
            return
        }
        if case .null = node { return }
        switch type {
        case .list(let itemType):
            if case .list(let list) = node {
                for (index, item) in list.values.enumerated() {
                    validate(item, itemType, path: path + [.index(index)])
                }
            } else {
                // A single value stands for a list of one.
                validate(node, itemType, path: path)
            }
        case .named(let named):
            if let input = named as? GraphQLInputObjectType {
                validateObject(node, input, path: path)
            } else if let enumType = named as? GraphQLEnumType {
                validateEnum(node, enumType, path: path)
            } else if let scalar = named as? GraphQLScalarType {
                do {
                    _ = try scalar.parseLiteral(node, nil)
                } catch let error as GraphQLError {
                    onError(error, path)
                } catch {
                    invalid("Expected value of type '\(scalar.name)', but encountered error '\(error)'; found: \(printForError(node)).", node, path)
                }
            }
        case .nonNull:
            break
        }
    }

    private mutating func validateObject(_ node: ValueNode, _ type: GraphQLInputObjectType, path: [PathComponent]) {
        guard case .object(let object) = node else {
            invalid("Expected value of type '\(type.name)' to be an object, found: \(printForError(node)).", node, path)
            return
        }
        var given: [String: ObjectFieldNode] = [:]
        for field in object.fields { given[field.name.value] = field }
        for (name, field) in type.fields {
            if let fieldNode = given[name] {
                validate(fieldNode.value, field.type, path: path + [.key(name)])
            } else if field.type.isNonNull && field.defaultValueLiteral == nil && field.defaultValue == nil {
                invalid("Expected value of type '\(type.name)' to include required field '\(name)', found: \(printForError(node)).", node, path)
            }
        }
        var known: [ObjectFieldNode] = []
        for field in object.fields {
            let name = field.name.value
            if type.fields[name] == nil {
                let suggestion = Suggestions.didYouMean(Suggestions.suggestions(for: name, among: type.fields.keys))
                let found = suggestion.isEmpty ? ", found" : ".\(suggestion) Found"
                invalid("Expected value of type '\(type.name)' not to include unknown field '\(name)'\(found): \(printForError(node)).", field, path)
            } else {
                known.append(field)
            }
        }
        if type.isOneOf {
            let message = "Within OneOf Input Object type '\(type.name)', exactly one field must be specified, and the value for that field must be non-null."
            if known.count != 1 {
                invalid(message, node, path)
            } else if case .null = known[0].value {
                invalid(message, node, path + [.key(known[0].name.value)])
            }
        }
    }

    private mutating func validateEnum(_ node: ValueNode, _ type: GraphQLEnumType, path: [PathComponent]) {
        let printed = printForError(node)
        let suggestion = Suggestions.didYouMean(Suggestions.suggestions(for: printed, among: type.values.map(\.name)), "the enum value")
        if case .enumValue(let value) = node {
            if type.value(named: value.value) == nil {
                invalid("Value '\(printed)' does not exist in '\(type.name)' enum.\(suggestion)", node, path)
            }
        } else {
            invalid("Enum '\(type.name)' cannot represent non-enum value: \(printed).\(suggestion)", node, path)
        }
    }

    private func invalid(_ message: String, _ node: any Node, _ path: [PathComponent]) {
        onError(GraphQLError(message, nodes: [node]), path)
    }
}

// MARK: - Suggestions

/// graphql-core's `did_you_mean` and `suggestion_list`, kept apart under their own name.
private enum Suggestions {

    /// ` Did you mean 'A', 'B', or 'C'?` for up to five suggestions (graphql-core `did_you_mean`).
    static func didYouMean(_ suggestions: [String], _ subMessage: String? = nil) -> String {
        guard !suggestions.isEmpty else { return "" }
        var message = " Did you mean "
        if let subMessage { message += subMessage + " " }
        return message + SchemaValidationContext.list(suggestions.prefix(5).map { "'\($0)'" }, "or") + "?"
    }

    /// The options close enough to `input` to be a typo of it, closest first (graphql-core `suggestion_list`).
    static func suggestions(for input: String, among options: [String]) -> [String] {
        let distance = LexicalDistance(input)
        let threshold = input.unicodeScalars.count * 4 / 10 + 1
        var byDistance: [(option: String, distance: Int)] = []
        for option in options {
            if let d = distance.measure(option, threshold: threshold) { byDistance.append((option, d)) }
        }
        return byDistance.sorted { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            return naturalOrder(a.option, b.option)
        }.map(\.option)
    }

    /// Damerau-Levenshtein distance (with adjacent transpositions), case changes counting as one edit.
    struct LexicalDistance {
        let input: String
        let inputLowercased: [Unicode.Scalar]

        init(_ input: String) {
            self.input = input
            self.inputLowercased = Array(input.lowercased().unicodeScalars)
        }

        func measure(_ option: String, threshold: Int) -> Int? {
            if option == input { return 0 }
            var a = Array(option.lowercased().unicodeScalars)
            var b = inputLowercased
            if a == b { return 1 }
            if a.count < b.count { swap(&a, &b) }
            if a.count - b.count > threshold { return nil }
            var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: 3)
            for j in 0...b.count { rows[0][j] = j }
            if a.isEmpty { return b.count <= threshold ? b.count : nil }
            for i in 1...a.count {
                let up = (i - 1) % 3, current = i % 3
                rows[current][0] = i
                var smallest = i
                if !b.isEmpty {
                    for j in 1...b.count {
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
            let result = rows[a.count % 3][b.count]
            return result <= threshold ? result : nil
        }
    }

    /// Natural sort order: runs of digits compare as numbers (graphql-core `natural_comparison_key`).
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        let x = naturalKey(a), y = naturalKey(b)
        for (p, q) in zip(x, y) {
            switch (p, q) {
            case (.text(let s), .text(let t)) where s != t: return s.unicodeScalars.lexicographicallyPrecedes(t.unicodeScalars)
            case (.number(let m, let s), .number(let n, let t)) where m != n || s != t:
                return m != n ? m < n : s.unicodeScalars.lexicographicallyPrecedes(t.unicodeScalars)
            default: continue
            }
        }
        return x.count < y.count
    }

    enum NaturalKeyPart {
        case text(String)
        case number(Int, String)
    }

    /// Text and digit runs alternating, starting with (possibly empty) text, as Python's `re.split(r"(\d+)")`.
    static func naturalKey(_ s: String) -> [NaturalKeyPart] {
        var parts: [NaturalKeyPart] = []
        var text = "", digits = ""
        for scalar in s.unicodeScalars {
            if scalar >= "0" && scalar <= "9" {
                if digits.isEmpty {
                    parts.append(.text(text))
                    text = ""
                }
                digits.unicodeScalars.append(scalar)
            } else {
                if !digits.isEmpty {
                    parts.append(.number(Int(digits) ?? .max, digits))
                    digits = ""
                }
                text.unicodeScalars.append(scalar)
            }
        }
        if !digits.isEmpty {
            parts.append(.number(Int(digits) ?? .max, digits))
            parts.append(.text(""))
        } else {
            parts.append(.text(text))
        }
        return parts
    }
}
