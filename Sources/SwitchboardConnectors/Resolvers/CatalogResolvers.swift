import SwitchboardCatalog
import SwitchboardGraphQL

/// The provider catalog in the graph: `Provider`, `FormField`, `OAuthSettings`, `ProviderGroup`, and the catalog's
/// root fields. The catalog is in memory: none of these touch the database.
enum CatalogResolvers {
    static let types: ResolverRegistry = [
        "Provider": [
            "id": .property(Provider.self) { $0.id },
            "name": .property(Provider.self) { $0.name },
            "description": .property(Provider.self) { $0.description.isEmpty ? nil : $0.description },
            "category": .property(Provider.self) { $0.category.rawValue },
            "authType": .property(Provider.self) { $0.authType.rawValue },
            "capabilities": .property(Provider.self) { $0.capabilities },
            "credentialMode": .property(Provider.self) { $0.credentialMode.rawValue },
            "supportsTenantOverride": .property(Provider.self) { $0.supportsTenantOverride },
            "docsUrl": .property(Provider.self) { $0.docsURL.isEmpty ? nil : $0.docsURL },
            "formFields": .property(Provider.self) { $0.formFields },
            "oauth": .property(Provider.self) { $0.oauth },
        ],
        "FormField": [
            "name": .property(FormField.self) { $0.name },
            "label": .property(FormField.self) { $0.label },
            "type": .property(FormField.self) { $0.type.rawValue },
            "required": .property(FormField.self) { $0.required },
            "secret": .property(FormField.self) { $0.secret },
            "help": .property(FormField.self) { $0.help },
            "placeholder": .property(FormField.self) { $0.placeholder },
            "options": .property(FormField.self) { $0.options },
        ],
        "OAuthSettings": [
            "authorizeUrl": .property(OAuthSettings.self) { $0.authorizeURL },
            "tokenUrl": .property(OAuthSettings.self) { $0.tokenURL },
            "scopes": .property(OAuthSettings.self) { $0.scopes },
            "usesPkce": .property(OAuthSettings.self) { $0.pkce },
        ],
        "ProviderGroup": [
            "category": .property(ProviderGroup.self) { $0.category.rawValue },
            "providers": .property(ProviderGroup.self) { $0.providers },
        ],
    ]

    static let queryFields: [String: FieldBinding] = [
        "providers": .resolver { _, args, context in
            let category = try enumArgument(args["category"], ProviderCategory.self, "category")
            let authType = try enumArgument(args["authType"], AuthType.self, "authType")
            let search = try Arguments.optionalString(args["search"], "search")
            return context.catalog.providers(category: category, authType: authType, search: search)
        },
        "providerGroups": .resolver { _, _, context in
            context.catalog.groupedByCategory()
        },
        "provider": .resolver { _, args, context in
            context.catalog.provider(id: try Arguments.string(args["id"], "id"))
        },
    ]

    /// An enum argument as the catalog's Swift enum (the raw values are the GraphQL names).
    static func enumArgument<Value: RawRepresentable<String>>(
        _ value: GraphQLValue?, _ type: Value.Type, _ name: String
    ) throws -> Value? {
        guard let raw = try Arguments.optionalString(value, name) else { return nil }
        guard let parsed = Value(rawValue: raw) else { throw ConnectorError.badInput("\(name) \(raw) is unknown.") }
        return parsed
    }
}
