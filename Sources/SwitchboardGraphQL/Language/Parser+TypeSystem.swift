/// The type system (SDL) half of the parser: schema, type and directive definitions and their
/// extensions, following graphql-core 3.3.2's grammar and errors.
extension Parser {
    /// Description : StringValue
    mutating func parseDescription() throws(SyntaxError) -> StringValueNode? {
        guard token.kind == .string || token.kind == .blockString else { return nil }
        return try parseStringLiteral()
    }

    // MARK: - Schema

    /// SchemaDefinition : Description? schema Directives[Const]? { OperationTypeDefinition+ }
    mutating func parseSchemaDefinition() throws(SyntaxError) -> SchemaDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        try expect(.braceL)
        let base = stacks.operationTypes.count
        repeat {
            let element = try parseOperationTypeDefinition()
            stacks.operationTypes.push(element)
        } while try !expectOptional(.braceR)
        let operationTypes = stacks.operationTypes.popArray(from: base)
        return SchemaDefinitionNode(loc: loc(start), description: description, directives: directives, operationTypes: operationTypes)
    }

    /// OperationTypeDefinition : OperationType : NamedType
    mutating func parseOperationTypeDefinition() throws(SyntaxError) -> OperationTypeDefinitionNode {
        let start = token.start
        let operation = try parseOperationType()
        try expect(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinitionNode(loc: loc(start), operation: operation, type: type)
    }

    /// `{ OperationTypeDefinition+ }` if present, else none.
    mutating func parseOptionalOperationTypes() throws(SyntaxError) -> [OperationTypeDefinitionNode] {
        guard try expectOptional(.braceL) else { return [] }
        let base = stacks.operationTypes.count
        repeat {
            let element = try parseOperationTypeDefinition()
            stacks.operationTypes.push(element)
        } while try !expectOptional(.braceR)
        return stacks.operationTypes.popArray(from: base)
    }

    // MARK: - Type definitions

    /// ScalarTypeDefinition : Description? scalar Name Directives[Const]?
    mutating func parseScalarTypeDefinition() throws(SyntaxError) -> ScalarTypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return ScalarTypeDefinitionNode(loc: loc(start), description: description, name: name, directives: directives)
    }

    /// ObjectTypeDefinition : Description? type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
    mutating func parseObjectTypeDefinition() throws(SyntaxError) -> ObjectTypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return ObjectTypeDefinitionNode(loc: loc(start), description: description, name: name, interfaces: interfaces,
                                        directives: directives, fields: fields)
    }

    /// ImplementsInterfaces : implements `&`? NamedType (`&` NamedType)*
    mutating func parseImplementsInterfaces() throws(SyntaxError) -> [NamedTypeNode] {
        guard try expectOptionalKeyword("implements") else { return [] }
        return try parseDelimitedNamedTypes(.amp)
    }

    /// One or more named types separated by `delimiter`, which may also lead.
    mutating func parseDelimitedNamedTypes(_ delimiter: TokenKind) throws(SyntaxError) -> [NamedTypeNode] {
        _ = try expectOptional(delimiter)
        let base = stacks.namedTypes.count
        repeat {
            let type = try parseNamedType()
            stacks.namedTypes.push(type)
        } while try expectOptional(delimiter)
        return stacks.namedTypes.popArray(from: base)
    }

    /// FieldsDefinition : { FieldDefinition+ }
    mutating func parseFieldsDefinition() throws(SyntaxError) -> [FieldDefinitionNode] {
        guard try expectOptional(.braceL) else { return [] }
        let base = stacks.fieldDefinitions.count
        repeat {
            let element = try parseFieldDefinition()
            stacks.fieldDefinitions.push(element)
        } while try !expectOptional(.braceR)
        return stacks.fieldDefinitions.popArray(from: base)
    }

    /// FieldDefinition : Description? Name ArgumentsDefinition? : Type Directives[Const]?
    mutating func parseFieldDefinition() throws(SyntaxError) -> FieldDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        try expect(.colon)
        let type = try parseTypeReference()
        let directives = try parseDirectives(isConst: true)
        return FieldDefinitionNode(loc: loc(start), description: description, name: name, arguments: arguments,
                                   type: type, directives: directives)
    }

    /// ArgumentsDefinition : ( InputValueDefinition+ )
    mutating func parseArgumentDefinitions() throws(SyntaxError) -> [InputValueDefinitionNode] {
        guard try expectOptional(.parenL) else { return [] }
        let base = stacks.inputValues.count
        repeat {
            let element = try parseInputValueDefinition()
            stacks.inputValues.push(element)
        } while try !expectOptional(.parenR)
        return stacks.inputValues.popArray(from: base)
    }

    /// InputValueDefinition : Description? Name : Type DefaultValue? Directives[Const]?
    mutating func parseInputValueDefinition() throws(SyntaxError) -> InputValueDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return InputValueDefinitionNode(loc: loc(start), description: description, name: name, type: type,
                                        defaultValue: defaultValue, directives: directives)
    }

    /// InterfaceTypeDefinition : Description? interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
    mutating func parseInterfaceTypeDefinition() throws(SyntaxError) -> InterfaceTypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return InterfaceTypeDefinitionNode(loc: loc(start), description: description, name: name, interfaces: interfaces,
                                           directives: directives, fields: fields)
    }

    /// UnionTypeDefinition : Description? union Name Directives[Const]? UnionMemberTypes?
    mutating func parseUnionTypeDefinition() throws(SyntaxError) -> UnionTypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        return UnionTypeDefinitionNode(loc: loc(start), description: description, name: name, directives: directives, types: types)
    }

    /// UnionMemberTypes : = `|`? NamedType (`|` NamedType)*
    mutating func parseUnionMemberTypes() throws(SyntaxError) -> [NamedTypeNode] {
        guard try expectOptional(.equals) else { return [] }
        return try parseDelimitedNamedTypes(.pipe)
    }

    /// EnumTypeDefinition : Description? enum Name Directives[Const]? EnumValuesDefinition?
    mutating func parseEnumTypeDefinition() throws(SyntaxError) -> EnumTypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        return EnumTypeDefinitionNode(loc: loc(start), description: description, name: name, directives: directives, values: values)
    }

    /// EnumValuesDefinition : { EnumValueDefinition+ }
    mutating func parseEnumValuesDefinition() throws(SyntaxError) -> [EnumValueDefinitionNode] {
        guard try expectOptional(.braceL) else { return [] }
        let base = stacks.enumValues.count
        repeat {
            let element = try parseEnumValueDefinition()
            stacks.enumValues.push(element)
        } while try !expectOptional(.braceR)
        return stacks.enumValues.popArray(from: base)
    }

    /// EnumValueDefinition : Description? EnumValue Directives[Const]?
    mutating func parseEnumValueDefinition() throws(SyntaxError) -> EnumValueDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        // EnumValue : Name but not `true`, `false` or `null`
        if tokenValue(token, is: "true") || tokenValue(token, is: "false") || tokenValue(token, is: "null") {
            throw lexer.syntaxError(token.start, "\(lexer.describe(token)) is reserved and cannot be used for an enum value.")
        }
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return EnumValueDefinitionNode(loc: loc(start), description: description, name: name, directives: directives)
    }

    /// InputObjectTypeDefinition : Description? input Name Directives[Const]? InputFieldsDefinition?
    mutating func parseInputObjectTypeDefinition() throws(SyntaxError) -> InputObjectTypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        return InputObjectTypeDefinitionNode(loc: loc(start), description: description, name: name, directives: directives, fields: fields)
    }

    /// InputFieldsDefinition : { InputValueDefinition+ }
    mutating func parseInputFieldsDefinition() throws(SyntaxError) -> [InputValueDefinitionNode] {
        guard try expectOptional(.braceL) else { return [] }
        let base = stacks.inputValues.count
        repeat {
            let element = try parseInputValueDefinition()
            stacks.inputValues.push(element)
        } while try !expectOptional(.braceR)
        return stacks.inputValues.popArray(from: base)
    }

    // MARK: - Directive definitions

    /// DirectiveDefinition : Description? directive @ Name ArgumentsDefinition? Directives[Const]? repeatable? on DirectiveLocations
    mutating func parseDirectiveDefinition() throws(SyntaxError) -> DirectiveDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let directives = try parseDirectives(isConst: true)
        let repeatable = try expectOptionalKeyword("repeatable")
        try expectKeyword("on")
        // DirectiveLocations : `|`? DirectiveLocation (`|` DirectiveLocation)*
        _ = try expectOptional(.pipe)
        let base = stacks.names.count
        repeat {
            let locationToken = token
            let location = try parseName()
            guard Parser.directiveLocationNames.contains(location.value) else { throw unexpected(locationToken) }
            stacks.names.push(location)
        } while try expectOptional(.pipe)
        let locations = stacks.names.popArray(from: base)
        return DirectiveDefinitionNode(loc: loc(start), description: description, name: name, arguments: arguments,
                                       directives: directives, repeatable: repeatable, locations: locations)
    }

    /// The names graphql-core 3.3.2 accepts as directive locations: the spec's, plus its
    /// `FRAGMENT_VARIABLE_DEFINITION` and `DIRECTIVE_DEFINITION`.
    static let directiveLocationNames: Set<String> = Set(DirectiveLocation.allCases.map(\.rawValue))
        .union(["FRAGMENT_VARIABLE_DEFINITION", "DIRECTIVE_DEFINITION"])

    // MARK: - Extensions

    /// TypeSystemExtension : SchemaExtension | TypeExtension | DirectiveExtension
    mutating func parseTypeSystemExtension() throws(SyntaxError) -> DefinitionNode {
        let keywordToken = try peekNext()
        if keywordToken.kind == .name {
            switch definitionKeyword(keywordToken) {
            case .schema: return .schemaExtension(try parseSchemaExtension())
            case .scalar: return .scalarTypeExtension(try parseScalarTypeExtension())
            case .type: return .objectTypeExtension(try parseObjectTypeExtension())
            case .interface: return .interfaceTypeExtension(try parseInterfaceTypeExtension())
            case .union: return .unionTypeExtension(try parseUnionTypeExtension())
            case .enum: return .enumTypeExtension(try parseEnumTypeExtension())
            case .input: return .inputObjectTypeExtension(try parseInputObjectTypeExtension())
            case .directive: return .directiveExtension(try parseDirectiveExtension())
            default: break
            }
        }
        throw unexpected(keywordToken)
    }

    /// SchemaExtension : extend schema Directives[Const]? { OperationTypeDefinition+ } | extend schema Directives[Const]
    mutating func parseSchemaExtension() throws(SyntaxError) -> SchemaExtensionNode {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try parseOptionalOperationTypes()
        if directives.isEmpty && operationTypes.isEmpty { throw unexpected() }
        return SchemaExtensionNode(loc: loc(start), directives: directives, operationTypes: operationTypes)
    }

    /// ScalarTypeExtension : extend scalar Name Directives[Const]
    mutating func parseScalarTypeExtension() throws(SyntaxError) -> ScalarTypeExtensionNode {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        if directives.isEmpty { throw unexpected() }
        return ScalarTypeExtensionNode(loc: loc(start), name: name, directives: directives)
    }

    /// ObjectTypeExtension : extend type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition? (not all empty)
    mutating func parseObjectTypeExtension() throws(SyntaxError) -> ObjectTypeExtensionNode {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected() }
        return ObjectTypeExtensionNode(loc: loc(start), name: name, interfaces: interfaces, directives: directives, fields: fields)
    }

    /// InterfaceTypeExtension : extend interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition? (not all empty)
    mutating func parseInterfaceTypeExtension() throws(SyntaxError) -> InterfaceTypeExtensionNode {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected() }
        return InterfaceTypeExtensionNode(loc: loc(start), name: name, interfaces: interfaces, directives: directives, fields: fields)
    }

    /// UnionTypeExtension : extend union Name Directives[Const]? UnionMemberTypes? (not both empty)
    mutating func parseUnionTypeExtension() throws(SyntaxError) -> UnionTypeExtensionNode {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        if directives.isEmpty && types.isEmpty { throw unexpected() }
        return UnionTypeExtensionNode(loc: loc(start), name: name, directives: directives, types: types)
    }

    /// EnumTypeExtension : extend enum Name Directives[Const]? EnumValuesDefinition? (not both empty)
    mutating func parseEnumTypeExtension() throws(SyntaxError) -> EnumTypeExtensionNode {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        if directives.isEmpty && values.isEmpty { throw unexpected() }
        return EnumTypeExtensionNode(loc: loc(start), name: name, directives: directives, values: values)
    }

    /// InputObjectTypeExtension : extend input Name Directives[Const]? InputFieldsDefinition? (not both empty)
    mutating func parseInputObjectTypeExtension() throws(SyntaxError) -> InputObjectTypeExtensionNode {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        if directives.isEmpty && fields.isEmpty { throw unexpected() }
        return InputObjectTypeExtensionNode(loc: loc(start), name: name, directives: directives, fields: fields)
    }

    /// DirectiveExtension : extend directive @ Name Directives[Const]
    mutating func parseDirectiveExtension() throws(SyntaxError) -> DirectiveExtensionNode {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        if directives.isEmpty { throw unexpected() }
        return DirectiveExtensionNode(loc: loc(start), name: name, directives: directives)
    }
}
