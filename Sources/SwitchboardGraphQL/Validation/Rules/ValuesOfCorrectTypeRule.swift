/// Every literal value must be valid for the type expected where it stands (graphql-js
/// `ValuesOfCorrectTypeRule` with `validateInputLiteral`). Variables are not checked here: what they may
/// hold is only known at execution.
///
/// See https://spec.graphql.org/draft/#sec-Values-of-Correct-Type
public final class ValuesOfCorrectTypeRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterValue] }
    private let context: ValidationContext

    public required init(context: ASTValidationContext) {
        self.context = context as! ValidationContext
        super.init(context: context)
    }

    override public func enterValue(_ node: ValueNode) {
        let type: GraphQLType?
        switch node {
        case .variable: return
        // TypeInfo has already entered the list's item type; the list itself has the parent input type.
        case .list: type = context.parentInputType
        default: type = context.inputType
        }
        if let type { validate(node, type) }
        // The whole value has been checked.
        skipSubtree()
    }

    private func report(_ message: String, _ node: ValueNode) {
        context.reportError(GraphQLError(message, nodes: [node]))
    }

    private func report(_ message: String, _ node: ObjectFieldNode) {
        context.reportError(GraphQLError(message, nodes: [node]))
    }

    private func validate(_ node: ValueNode, _ type: GraphQLType) {
        // Statically, a variable could hold anything.
        if case .variable = node { return }
        switch type {
        case .nonNull(let inner):
            if case .null = node {
                report("Expected value of non-null type '\(type)' not to be None.", node)
                return
            }
            validate(node, inner)
        case .list(let item):
            if case .null = node { return }
            if case .list(let list) = node {
                for value in list.values { validate(value, item) }
            } else {
                // A single value stands for a list of one.
                validate(node, item)
            }
        case .named(let named):
            if case .null = node { return }
            if let inputObject = named as? GraphQLInputObjectType {
                validate(node, inputObject)
            } else if let enumType = named as? GraphQLEnumType {
                validate(node, enumType)
            } else if let scalar = named as? GraphQLScalarType {
                validate(node, scalar)
            }
        }
    }

    private func validate(_ node: ValueNode, _ type: GraphQLInputObjectType) {
        guard case .object(let object) = node else {
            report("Expected value of type '\(type.name)' to be an object, found: \(printForError(node)).", node)
            return
        }
        var fieldNodes: [String: ObjectFieldNode] = [:]
        for field in object.fields { fieldNodes[field.name.value] = field }
        for (name, field) in type.fields {
            if let fieldNode = fieldNodes[name] {
                validate(fieldNode.value, field.type)
            } else if RuleSupport.isRequired(field) {
                report("Expected value of type '\(type.name)' to include required field '\(name)', found: \(printForError(node)).", node)
            }
        }
        var knownFields: [ObjectFieldNode] = []
        for field in object.fields {
            let name = field.name.value
            if type.fields[name] == nil {
                let suggestion = context.hideSuggestions ? "" : didYouMean(suggestionList(name, type.fields.keys))
                report("Expected value of type '\(type.name)' not to include unknown field '\(name)'"
                    + (suggestion.isEmpty ? ", found" : ".\(suggestion) Found") + ": \(printForError(node)).", field)
            } else {
                knownFields.append(field)
            }
        }
        if type.isOneOf {
            let message = "Within OneOf Input Object type '\(type.name)', exactly one field must be specified, and the value for that field must be non-null."
            if knownFields.count != 1 {
                report(message, node)
            } else if case .null = knownFields[0].value {
                report(message, node)
            }
        }
    }

    private func validate(_ node: ValueNode, _ type: GraphQLEnumType) {
        // As graphql-js, the enum sees the literal with its variables replaced (lists and objects rebuilt).
        let literal = replacingVariables(node)
        let valueString = printForError(literal)
        let suggestions = { () -> String in
            if self.context.hideSuggestions { return "" }
            return didYouMean(suggestionList(valueString, type.values.map(\.name)), "the enum value")
        }
        if case .enumValue(let enumValue) = literal {
            if type.value(named: enumValue.value) == nil {
                report("Value '\(valueString)' does not exist in '\(type.name)' enum." + suggestions(), literal)
            }
            return
        }
        report("Enum '\(type.name)' cannot represent non-enum value: \(valueString)." + suggestions(), literal)
    }

    private func validate(_ node: ValueNode, _ type: GraphQLScalarType) {
        // The built-in scalars coerce the literal with its variables replaced, as graphql-js's
        // `coerceInputLiteral` does; other scalars get the literal as written.
        let isBuiltIn = specifiedScalarTypes.contains { $0 === type }
        let literal = isBuiltIn ? replacingVariables(node) : node
        do {
            _ = try type.parseLiteral(literal, nil)
        } catch let error as GraphQLError {
            context.reportError(error)
        } catch {
            report("Expected value of type '\(type.name)', but encountered error '\(error)'; found: \(printForError(node)).", node)
        }
    }
}

/// The literal with variables replaced by the values they hold; statically none, so variables in lists
/// become null and object fields given by variables are left out (graphql-js `replaceVariables`).
/// Lists and objects are rebuilt, and like graphql-js's rebuilt nodes they have no location.
private func replacingVariables(_ node: ValueNode) -> ValueNode {
    switch node {
    case .variable:
        return .null(NullValueNode(loc: nil))
    case .list(let list):
        return .list(ListValueNode(loc: nil, values: list.values.map(replacingVariables)))
    case .object(let object):
        var fields: [ObjectFieldNode] = []
        for field in object.fields {
            if case .variable = field.value { continue }
            fields.append(ObjectFieldNode(loc: nil, name: field.name, value: replacingVariables(field.value)))
        }
        return .object(ObjectValueNode(loc: nil, fields: fields))
    default:
        return node
    }
}
