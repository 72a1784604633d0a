/// Every resolver of the graph, by type and field name. `ConnectorSchema.bind` refuses a registry that misses a
/// field of schema.graphql or has a resolver for a field it does not have.
enum GraphResolvers {
    static var registry: ResolverRegistry {
        var registry = CatalogResolvers.types
        registry.merge(ObjectResolvers.types) { _, _ in preconditionFailure("a type is bound twice") }
        registry.merge(ClusterResolvers.types) { _, _ in preconditionFailure("a type is bound twice") }
        registry.merge(PageInfoRecord.type) { _, _ in preconditionFailure("a type is bound twice") }
        registry.merge(AuditQueries.types) { _, _ in preconditionFailure("a type is bound twice") }
        registry.merge(WebhookResolvers.types) { _, _ in preconditionFailure("a type is bound twice") }
        registry.merge(VerificationResolvers.types) { _, _ in preconditionFailure("a type is bound twice") }
        registry["TenantConnector", default: [:]]["webhookEndpoint"] = WebhookResolvers.connectorField
        registry["Query"] = merged(
            CatalogResolvers.queryFields, QueryResolvers.fields, ClusterResolvers.queryFields, AuditQueries.queryFields,
            WebhookResolvers.queryFields)
        registry["Mutation"] = merged(
            ConnectorMutations.fields, ProjectMutations.fields, TenantMutations.fields, ClusterResolvers.mutationFields,
            WebhookResolvers.mutationFields, VerificationResolvers.mutationFields)
        return registry
    }

    private static func merged(_ parts: [String: FieldBinding]...) -> [String: FieldBinding] {
        parts.reduce(into: [:]) { result, part in
            result.merge(part) { _, _ in preconditionFailure("a field is bound twice") }
        }
    }
}
