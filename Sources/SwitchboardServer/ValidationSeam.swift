import SwitchboardGraphQL

/// Validation of request documents against the schema, the one place the server calls it.
///
/// The engine's `validate(schema, document)` is landing on main; until it does this accepts every
/// document that parses, and the switch is this function's body alone.
func validateRequestDocument(_ schema: GraphQLSchema, _ document: DocumentNode) -> [GraphQLError] {
    []
}
