/// Checks an SDL document before a schema is built from it, or before it extends `schemaToExtend`
/// (graphql-js `validateSDL`). Returns the errors found, none when the document is valid.
public func validateSDL(_ document: DocumentNode, schemaToExtend: GraphQLSchema? = nil,
                        rules: [ValidationRule.Type]? = nil) -> [GraphQLError] {
    let context = SDLValidationContext(document: document, schema: schemaToExtend)
    let instances = (rules ?? specifiedSDLRules).map { $0.init(context: context) }
    ValidationWalker(context: context, typeInfo: nil, rules: instances).walk(document)
    return context.errors
}
