/// Schema validation of fields, interfaces, union members, enum values and input fields (graphql-js
/// `type/validate`: `validateFields`, `validateInterfaces`, `validateTypeImplementsInterface`, …).

extension SchemaValidationContext {
    // MARK: - Fields of objects and interfaces

    mutating func validateFields(of type: GraphQLNamedType, _ fields: OrderedDictionary<String, GraphQLField>) {
        if fields.isEmpty {
            report("Type \(type.name) must define one or more fields.", [definitionNode(of: type)] + extensionNodes(of: type))
        }
        for (name, field) in fields {
            validateName(name, field.astNode)
            if !field.type.isOutputType {
                report("The type of \(type.name).\(name) must be Output Type but got: \(field.type).", field.astNode?.type)
            }
            for arg in field.args {
                validateName(arg.name, arg.astNode)
                let argName = "\(type.name).\(name)(\(arg.name):)"
                if !arg.type.isInputType {
                    report("The type of \(argName) must be Input Type but got: \(arg.type).", arg.astNode?.type)
                }
                if isRequired(arg) && arg.deprecationReason != nil {
                    report("Required argument \(argName) cannot be deprecated.",
                           [deprecatedDirectiveNode(arg.astNode?.directives), arg.astNode?.type])
                }
                validateDefaultValue(arg, argName)
            }
        }
    }

    // MARK: - Interfaces

    mutating func validateInterfaces(of type: GraphQLNamedType) {
        var seen: Set<String> = []
        for declared in declaredInterfaces(of: type) {
            guard let interface = declared as? GraphQLInterfaceType else {
                report("Type \(type.name) must only implement Interface types, it cannot implement \(declared.name).",
                       implementsNodes(of: type, naming: declared.name))
                continue
            }
            if type === interface {
                report("Type \(type.name) cannot implement itself because it would create a circular reference.",
                       implementsNodes(of: type, naming: interface.name))
            }
            if !seen.insert(interface.name).inserted {
                report("Type \(type.name) can only implement \(interface.name) once.", implementsNodes(of: type, naming: interface.name))
                continue
            }
            validateAncestors(of: type, through: interface)
            validate(type, implements: interface)
        }
    }

    private mutating func validate(_ type: GraphQLNamedType, implements interface: GraphQLInterfaceType) {
        let typeFields = fields(of: type)
        for (name, interfaceField) in interface.fields {
            guard let typeField = typeFields[name] else {
                report("Interface field \(interface.name).\(name) expected but \(type.name) does not provide it.",
                       [interfaceField.astNode, definitionNode(of: type)] + extensionNodes(of: type))
                continue
            }
            // Field types are covariant.
            if !schema.isTypeSubType(typeField.type, of: interfaceField.type) {
                report("Interface field \(interface.name).\(name) expects type \(interfaceField.type) but \(type.name).\(name) is type \(typeField.type).",
                       [interfaceField.astNode?.type, typeField.astNode?.type])
            }
            // Argument types are invariant.
            for interfaceArg in interfaceField.args {
                guard let typeArg = typeField.argument(named: interfaceArg.name) else {
                    report("Interface field argument \(interface.name).\(name)(\(interfaceArg.name):) expected but \(type.name).\(name) does not provide it.",
                           [interfaceArg.astNode, typeField.astNode])
                    continue
                }
                if interfaceArg.type != typeArg.type {
                    report("Interface field argument \(interface.name).\(name)(\(interfaceArg.name):) expects type \(interfaceArg.type) but \(type.name).\(name)(\(interfaceArg.name):) is type \(typeArg.type).",
                           [interfaceArg.astNode?.type, typeArg.astNode?.type])
                }
            }
            for typeArg in typeField.args where interfaceField.argument(named: typeArg.name) == nil && isRequired(typeArg) {
                report("Argument '\(type.name).\(name)(\(typeArg.name):)' must not be required type '\(typeArg.type)' if not provided by the Interface field '\(interface.name).\(name)'.",
                       [typeArg.astNode, interfaceField.astNode])
            }
            if typeField.deprecationReason != nil && interfaceField.deprecationReason == nil {
                report("Interface field \(interface.name).\(name) is not deprecated, so implementation field \(type.name).\(name) must not be deprecated.",
                       [deprecatedDirectiveNode(typeField.astNode?.directives), typeField.astNode?.type])
            }
        }
    }

    /// A type must also implement what its interfaces implement.
    private mutating func validateAncestors(of type: GraphQLNamedType, through interface: GraphQLInterfaceType) {
        let typeInterfaces = declaredInterfaces(of: type)
        for transitive in declaredInterfaces(of: interface) where !typeInterfaces.contains(where: { $0 === transitive }) {
            let message = transitive === type
                ? "Type \(type.name) cannot implement \(interface.name) because it would create a circular reference."
                : "Type \(type.name) must implement \(transitive.name) because it is implemented by \(interface.name)."
            report(message, implementsNodes(of: interface, naming: transitive.name) + implementsNodes(of: type, naming: interface.name))
        }
    }

    /// The interfaces an object or interface type declares, in order, including names of types that are not
    /// interfaces (dropped when building from SDL, found again in the AST).
    func declaredInterfaces(of type: GraphQLNamedType) -> [GraphQLNamedType] {
        let interfaces: [GraphQLInterfaceType]
        switch type {
        case let object as GraphQLObjectType: interfaces = object.interfaces
        case let interface as GraphQLInterfaceType: interfaces = interface.interfaces
        default: return []
        }
        return declared(interfaces, named: implementsLists(of: type))
    }

    /// `kept` with the names in `lists` that are not of kind `T` put back at their places. The AST's names
    /// follow what was there before the document (a type built in code and then extended).
    private func declared<T: GraphQLNamedType>(_ kept: [T], named lists: [[NamedTypeNode]]) -> [GraphQLNamedType] {
        let names = lists.joined().compactMap { schema.typeMap[$0.name.value] }
        guard names.contains(where: { !($0 is T) }) else { return kept }
        let fromCode = kept.count - names.count { $0 is T }
        guard fromCode >= 0 else { return kept }
        var result: [GraphQLNamedType] = Array(kept.prefix(fromCode))
        var next = fromCode
        for type in names {
            if type is T {
                result.append(kept[next])
                next += 1
            } else {
                result.append(type)
            }
        }
        return result
    }

    private func implementsLists(of type: GraphQLNamedType) -> [[NamedTypeNode]] {
        switch type {
        case let object as GraphQLObjectType:
            return [object.astNode?.interfaces ?? []] + object.extensionASTNodes.map(\.interfaces)
        case let interface as GraphQLInterfaceType:
            return [interface.astNode?.interfaces ?? []] + interface.extensionASTNodes.map(\.interfaces)
        default:
            return []
        }
    }

    /// Every `implements` entry of a type (definition and extensions) that names `name`.
    private func implementsNodes(of type: GraphQLNamedType, naming name: String) -> [(any Node)?] {
        implementsLists(of: type).joined().filter { $0.name.value == name }
    }

    private func fields(of type: GraphQLNamedType) -> OrderedDictionary<String, GraphQLField> {
        switch type {
        case let object as GraphQLObjectType: return object.fields
        case let interface as GraphQLInterfaceType: return interface.fields
        default: return [:]
        }
    }

    func extensionNodes(of type: GraphQLNamedType) -> [(any Node)?] {
        switch type {
        case let t as GraphQLScalarType: return t.extensionASTNodes
        case let t as GraphQLObjectType: return t.extensionASTNodes
        case let t as GraphQLInterfaceType: return t.extensionASTNodes
        case let t as GraphQLUnionType: return t.extensionASTNodes
        case let t as GraphQLEnumType: return t.extensionASTNodes
        case let t as GraphQLInputObjectType: return t.extensionASTNodes
        default: return []
        }
    }

    // MARK: - Unions

    mutating func validateMembers(of union: GraphQLUnionType) {
        let lists = [union.astNode?.types ?? []] + union.extensionASTNodes.map(\.types)
        let members = declared(union.types, named: lists)
        if members.isEmpty {
            report("Union type \(union.name) must define one or more member types.", [union.astNode] + union.extensionASTNodes)
        }
        var included: Set<String> = []
        for member in members {
            let nodes: [(any Node)?] = lists.joined().filter { $0.name.value == member.name }
            if member is GraphQLObjectType {
                if !included.insert(member.name).inserted {
                    report("Union type \(union.name) can only include type \(member.name) once.", nodes)
                }
            } else {
                report("Union type \(union.name) can only include Object types, it cannot include \(member.name).", nodes)
            }
        }
    }

    // MARK: - Enums

    mutating func validateValues(of enumType: GraphQLEnumType) {
        if enumType.values.isEmpty {
            report("Enum type \(enumType.name) must define one or more values.", [enumType.astNode] + enumType.extensionASTNodes)
        }
        for value in enumType.values {
            validateName(value.name, value.astNode)
        }
    }

    // MARK: - Input objects

    mutating func validateFields(of input: GraphQLInputObjectType) {
        if input.fields.isEmpty {
            report("Input Object type \(input.name) must define one or more fields.", [input.astNode] + input.extensionASTNodes)
        }
        for (name, field) in input.fields {
            validateName(name, field.astNode)
            if !field.type.isInputType {
                report("The type of \(input.name).\(name) must be Input Type but got: \(field.type).", field.astNode?.type)
            }
            let fieldName = "\(input.name).\(name)"
            if isRequired(field) && field.deprecationReason != nil {
                report("Required input field \(fieldName) cannot be deprecated.",
                       [deprecatedDirectiveNode(field.astNode?.directives), field.astNode?.type])
            }
            validateDefaultValue(field, fieldName)
            if input.isOneOf {
                if field.type.isNonNull {
                    report("OneOf input field \(fieldName) must be nullable.", field.astNode?.type)
                }
                if field.defaultValueLiteral != nil || field.defaultValue != nil {
                    report("OneOf input field \(fieldName) cannot have a default value.", field.astNode)
                }
            }
        }
    }
}
