/// Resolves a type reference written in a document (`[User!]`) against a schema (graphql-js `typeFromAST`).
/// Nil when the named type at its core is not in the schema.
public func typeFromAST(_ schema: GraphQLSchema, _ typeNode: TypeNode) -> GraphQLType? {
    switch typeNode {
    case .named(let named):
        return schema.type(named: named.name.value).map(GraphQLType.named)
    case .list(let list):
        return typeFromAST(schema, list.type).map(GraphQLType.list)
    case .nonNull(let nonNull):
        return typeFromAST(schema, nonNull.type).map(GraphQLType.nonNull)
    }
}

/// The named type a type condition (`on Dog`) refers to, if the schema has it.
public func typeFromAST(_ schema: GraphQLSchema, _ named: NamedTypeNode) -> GraphQLNamedType? {
    schema.type(named: named.name.value)
}
