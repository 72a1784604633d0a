/// Schema validation (graphql-js `type/validate`), with graphql-core 3.3's messages and locations.
///
/// The checks are split by concern: this file has the entry points, root types, directives and names;
/// `ValidateSchema+Types.swift` fields, interfaces, unions, enums and input objects;
/// `ValidateSchema+InputCycles.swift` input objects that cannot be given a finite value and default values
/// that refer to themselves; `ValidateSchema+DefaultValues.swift` default values of the wrong type. (The files
/// are not named `Validate…` like graphql-js's: `Validation/Validate.swift` is the validation of documents, and
/// a module cannot have two files of one name.)
///
/// The type system here cannot hold a union member, interface or root type of the wrong kind, which SDL can
/// name. Building leaves those out, and validation finds them again in the AST nodes of the schema and types
/// (see `declaredInterfaces(of:)` and `validateMembers(of:)`), so that it reports what graphql-js reports.

/// Every error in the schema's type system; empty when it is valid. The result is kept on the schema, so
/// validating the same schema again costs nothing.
public func validateSchema(_ schema: GraphQLSchema) -> [GraphQLError] {
    if let cached = schema.validationErrors.withLock({ $0 }) { return cached }
    var context = SchemaValidationContext(schema: schema)
    context.validateRootTypes()
    context.validateDirectives()
    context.validateTypes()
    let errors = context.errors
    schema.validationErrors.withLock { $0 = errors }
    return errors
}

/// Throws the schema's validation errors, if it has any.
public func assertValidSchema(_ schema: GraphQLSchema) throws(GraphQLSchemaError) {
    let errors = validateSchema(schema)
    if !errors.isEmpty { throw GraphQLSchemaError(errors) }
}

/// Marks a schema as valid without checking it (the `assumeValid` option).
func markSchemaValid(_ schema: GraphQLSchema) {
    schema.validationErrors.withLock { $0 = [] }
}

struct SchemaValidationContext {
    let schema: GraphQLSchema
    var errors: [GraphQLError] = []

    init(schema: GraphQLSchema) {
        self.schema = schema
    }

    /// Reports an error at the nodes that exist (graphql-js drops the missing ones).
    mutating func report(_ message: String, _ nodes: [(any Node)?]) {
        errors.append(GraphQLError(message, nodes: nodes.compactMap { $0 }))
    }

    mutating func report(_ message: String, _ node: (any Node)?) {
        report(message, [node])
    }

    // MARK: - Root types

    mutating func validateRootTypes() {
        let declared = OperationType.allCases.map { declaredRootType($0) }
        if declared[0] == nil {
            report("Query root type must be provided.", schema.astNode)
        }

        // Object root types by identity, in first-use order, with the operations they serve.
        var usage: [(type: GraphQLObjectType, operations: [OperationType])] = []
        for (operation, rootType) in zip(OperationType.allCases, declared) {
            guard let rootType else { continue }
            if let object = rootType as? GraphQLObjectType {
                if let index = usage.firstIndex(where: { $0.type === object }) {
                    usage[index].operations.append(operation)
                } else {
                    usage.append((object, [operation]))
                }
            } else {
                let name = operation.rawValue.prefix(1).uppercased() + operation.rawValue.dropFirst()
                let ifProvided = operation == .query ? "" : " if provided"
                report("\(name) root type must be Object type\(ifProvided), it cannot be \(rootType.name).",
                       operationTypeNode(operation) ?? definitionNode(of: rootType))
            }
        }
        for (type, operations) in usage where operations.count > 1 {
            report("All root types must be different, '\(type.name)' type is used as \(Self.list(operations.map(\.rawValue), "and")) root types.",
                   operations.map { operationTypeNode($0) })
        }
    }

    /// The root type of an operation as the schema declares it, which may be of the wrong kind.
    func declaredRootType(_ operation: OperationType) -> GraphQLNamedType? {
        if let root = schema.rootType(for: operation) { return root }
        // A root of the wrong kind was dropped when building: find what the schema's AST named. Without a
        // schema definition, `buildASTSchema` takes the type of the conventional name, whatever its kind.
        let named = ([schema.astNode?.operationTypes ?? []] + schema.extensionASTNodes.map(\.operationTypes))
            .joined().last { $0.operation == operation }
        if let named {
            guard let type = schema.typeMap[named.type.name.value], !(type is GraphQLObjectType) else { return nil }
            return type
        }
        guard schema.astNode == nil, let type = schema.typeMap[conventionalRootName(operation)],
              !(type is GraphQLObjectType), definitionNode(of: type) != nil else { return nil }
        return type
    }

    private func conventionalRootName(_ operation: OperationType) -> String {
        switch operation {
        case .query: return "Query"
        case .mutation: return "Mutation"
        case .subscription: return "Subscription"
        }
    }

    /// The type named for an operation in the schema definition or its extensions (the first one).
    func operationTypeNode(_ operation: OperationType) -> NamedTypeNode? {
        for operationTypes in [schema.astNode?.operationTypes ?? []] + schema.extensionASTNodes.map(\.operationTypes) {
            if let node = operationTypes.first(where: { $0.operation == operation }) { return node.type }
        }
        return nil
    }

    // MARK: - Directives

    mutating func validateDirectives() {
        for directive in schema.directives {
            validateName(directive.name, directive.astNode)
            if directive.locations.isEmpty {
                report("Directive @\(directive.name) must include 1 or more locations.", directive.astNode)
            }
            for arg in directive.args {
                validateName(arg.name, arg.astNode)
                let argName = "@\(directive.name)(\(arg.name):)"
                if !arg.type.isInputType {
                    report("The type of \(argName) must be Input Type but got: \(arg.type).", arg.astNode)
                }
                if isRequired(arg) && arg.deprecationReason != nil {
                    report("Required argument \(argName) cannot be deprecated.",
                           [deprecatedDirectiveNode(arg.astNode?.directives), arg.astNode?.type])
                }
                validateDefaultValue(arg, argName)
            }
        }
    }

    // MARK: - Names

    /// Names starting with `__` are for introspection.
    mutating func validateName(_ name: String, _ node: (any Node)?) {
        if name.hasPrefix("__") {
            report("Name '\(name)' must not begin with '__', which is reserved by GraphQL introspection.", node)
        }
    }

    // MARK: - Types

    mutating func validateTypes() {
        var defaultValueCycles = DefaultValueCycleDetector()
        var inputObjects: [GraphQLInputObjectType] = []
        for type in schema.typeMap.values {
            if !Self.introspectionTypeNames.contains(type.name) {
                validateName(type.name, definitionNode(of: type))
            }
            switch type {
            case let object as GraphQLObjectType:
                validateFields(of: object, object.fields)
                validateInterfaces(of: object)
            case let interface as GraphQLInterfaceType:
                validateFields(of: interface, interface.fields)
                validateInterfaces(of: interface)
            case let union as GraphQLUnionType:
                validateMembers(of: union)
            case let enumType as GraphQLEnumType:
                validateValues(of: enumType)
            case let input as GraphQLInputObjectType:
                validateFields(of: input)
                inputObjects.append(input)
                defaultValueCycles.detect(in: input, context: &self)
            default:
                break
            }
        }
        detectInputObjectsWithoutFiniteValues(inputObjects)
    }
}

// MARK: - Helpers shared by the checks

extension SchemaValidationContext {
    static let introspectionTypeNames: Set<String> = Set(introspectionTypes.map(\.name))

    /// The definition node of a named type, whatever its kind.
    func definitionNode(of type: GraphQLNamedType) -> (any Node)? {
        switch type {
        case let t as GraphQLScalarType: return t.astNode
        case let t as GraphQLObjectType: return t.astNode
        case let t as GraphQLInterfaceType: return t.astNode
        case let t as GraphQLUnionType: return t.astNode
        case let t as GraphQLEnumType: return t.astNode
        case let t as GraphQLInputObjectType: return t.astNode
        default: return nil
        }
    }

    /// Non-null, with no default (graphql-js `isRequiredArgument` and `isRequiredInputField`).
    func isRequired(_ value: GraphQLArgument) -> Bool {
        value.type.isNonNull && value.defaultValueLiteral == nil && value.defaultValue == nil
    }

    /// The first `@deprecated` among the directives.
    func deprecatedDirectiveNode(_ directives: [DirectiveNode]?) -> DirectiveNode? {
        directives?.first { $0.name.value == GraphQLDeprecatedDirective.name }
    }

    /// `A`, `A and B`, `A, B, and C` (graphql-core `and_list`, `or_list`).
    static func list(_ items: [String], _ conjunction: String) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return "\(items[0]) \(conjunction) \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + ", \(conjunction) \(items[items.count - 1])"
        }
    }
}
