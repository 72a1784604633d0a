import SwitchboardGraphQL

/// Validation of request documents against the schema (all the specified rules), the one place the
/// server calls it.
func validateRequestDocument(_ schema: GraphQLSchema, _ document: DocumentNode) -> [GraphQLError] {
    validate(schema, document)
}
