/// Printing type system definitions and extensions (the SDL half of graphql-js `print`).

extension ASTPrinter {
    // MARK: Schema

    mutating func printSchemaDefinition(_ node: SchemaDefinitionNode) {
        printDescription(node.description)
        write("schema")
        printDirectives(node.directives)
        spacedBlock(node.operationTypes) { $0.printOperationTypeDefinition($1) }
    }

    mutating func printSchemaExtension(_ node: SchemaExtensionNode) {
        write("extend schema")
        printDirectives(node.directives)
        spacedBlock(node.operationTypes) { $0.printOperationTypeDefinition($1) }
    }

    mutating func printOperationTypeDefinition(_ node: OperationTypeDefinitionNode) {
        write(node.operation.rawValue)
        write(": ")
        write(node.type.name.value)
    }

    // MARK: Types

    mutating func printScalarTypeDefinition(_ node: ScalarTypeDefinitionNode) {
        printDescription(node.description)
        printScalarType("scalar ", node.name, node.directives)
    }

    mutating func printScalarTypeExtension(_ node: ScalarTypeExtensionNode) {
        printScalarType("extend scalar ", node.name, node.directives)
    }

    private mutating func printScalarType(_ keyword: String, _ name: NameNode, _ directives: [DirectiveNode]) {
        write(keyword)
        write(name.value)
        printDirectives(directives)
    }

    mutating func printObjectTypeDefinition(_ node: ObjectTypeDefinitionNode) {
        printDescription(node.description)
        printFieldsType("type ", node.name, node.interfaces, node.directives, node.fields)
    }

    mutating func printObjectTypeExtension(_ node: ObjectTypeExtensionNode) {
        printFieldsType("extend type ", node.name, node.interfaces, node.directives, node.fields)
    }

    mutating func printInterfaceTypeDefinition(_ node: InterfaceTypeDefinitionNode) {
        printDescription(node.description)
        printFieldsType("interface ", node.name, node.interfaces, node.directives, node.fields)
    }

    mutating func printInterfaceTypeExtension(_ node: InterfaceTypeExtensionNode) {
        printFieldsType("extend interface ", node.name, node.interfaces, node.directives, node.fields)
    }

    /// An object or interface type: `type Name implements A & B @directive { fields }`.
    private mutating func printFieldsType(_ keyword: String, _ name: NameNode, _ interfaces: [NamedTypeNode],
                                          _ directives: [DirectiveNode], _ fields: [FieldDefinitionNode]) {
        write(keyword)
        write(name.value)
        if !interfaces.isEmpty {
            write(" implements ")
            join(interfaces, " & ") { $0.write($1.name.value) }
        }
        printDirectives(directives)
        spacedBlock(fields) { $0.printFieldDefinition($1) }
    }

    mutating func printUnionTypeDefinition(_ node: UnionTypeDefinitionNode) {
        printDescription(node.description)
        printUnionType("union ", node.name, node.directives, node.types)
    }

    mutating func printUnionTypeExtension(_ node: UnionTypeExtensionNode) {
        printUnionType("extend union ", node.name, node.directives, node.types)
    }

    private mutating func printUnionType(_ keyword: String, _ name: NameNode, _ directives: [DirectiveNode],
                                         _ types: [NamedTypeNode]) {
        write(keyword)
        write(name.value)
        printDirectives(directives)
        if !types.isEmpty {
            write(" = ")
            join(types, " | ") { $0.write($1.name.value) }
        }
    }

    mutating func printEnumTypeDefinition(_ node: EnumTypeDefinitionNode) {
        printDescription(node.description)
        printEnumType("enum ", node.name, node.directives, node.values)
    }

    mutating func printEnumTypeExtension(_ node: EnumTypeExtensionNode) {
        printEnumType("extend enum ", node.name, node.directives, node.values)
    }

    private mutating func printEnumType(_ keyword: String, _ name: NameNode, _ directives: [DirectiveNode],
                                        _ values: [EnumValueDefinitionNode]) {
        write(keyword)
        write(name.value)
        printDirectives(directives)
        spacedBlock(values) { $0.printEnumValueDefinition($1) }
    }

    mutating func printEnumValueDefinition(_ node: EnumValueDefinitionNode) {
        printDescription(node.description)
        write(node.name.value)
        printDirectives(node.directives)
    }

    mutating func printInputObjectTypeDefinition(_ node: InputObjectTypeDefinitionNode) {
        printDescription(node.description)
        printInputObjectType("input ", node.name, node.directives, node.fields)
    }

    mutating func printInputObjectTypeExtension(_ node: InputObjectTypeExtensionNode) {
        printInputObjectType("extend input ", node.name, node.directives, node.fields)
    }

    private mutating func printInputObjectType(_ keyword: String, _ name: NameNode, _ directives: [DirectiveNode],
                                               _ fields: [InputValueDefinitionNode]) {
        write(keyword)
        write(name.value)
        printDirectives(directives)
        spacedBlock(fields) { $0.printInputValueDefinition($1) }
    }

    // MARK: Fields, arguments, directives

    mutating func printFieldDefinition(_ node: FieldDefinitionNode) {
        printDescription(node.description)
        write(node.name.value)
        printArgumentDefinitions(node.arguments)
        write(": ")
        printType(node.type)
        printDirectives(node.directives)
    }

    /// `(a: A, b: B)`, or one per line and indented when one of them spans lines (a description does). Unlike a
    /// field's arguments, argument definitions are never wrapped for length.
    mutating func printArgumentDefinitions(_ arguments: [InputValueDefinitionNode]) {
        if arguments.isEmpty { return }
        if PrintedSize.anyIsMultiline(arguments) {
            wrappedLines("(", arguments, ")") { $0.printInputValueDefinition($1) }
        } else {
            write("(")
            join(arguments, ", ") { $0.printInputValueDefinition($1) }
            write(")")
        }
    }

    mutating func printInputValueDefinition(_ node: InputValueDefinitionNode) {
        printDescription(node.description)
        write(node.name.value)
        write(": ")
        printType(node.type)
        printDefaultValue(node.defaultValue)
        printDirectives(node.directives)
    }

    mutating func printDirectiveDefinition(_ node: DirectiveDefinitionNode) {
        printDescription(node.description)
        write("directive @")
        write(node.name.value)
        printArgumentDefinitions(node.arguments)
        printDirectives(node.directives)
        if node.repeatable { write(" repeatable") }
        write(" on ")
        join(node.locations, " | ") { $0.write($1.value) }
    }

    mutating func printDirectiveExtension(_ node: DirectiveExtensionNode) {
        write("extend directive @")
        write(node.name.value)
        printDirectives(node.directives)
    }
}
