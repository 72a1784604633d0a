/// A provider in the catalog: what it is, how it authenticates, what a tenant must fill in to connect it, how a
/// connection is verified, and how its webhooks are signed.
///
/// Providers are declarative data (`Resources/providers/<id>.json`); `ProviderCatalog` loads and validates them.
public struct Provider: Codable, Sendable, Hashable, Identifiable {
    /// A stable lowercase identifier, also the name of the provider's file (`github` → `github.json`).
    public var id: String
    public var name: String
    public var category: ProviderCategory
    public var authType: AuthType
    /// What the platform can do with a connection, e.g. `repos`, `webhooks`, `deploy`.
    public var capabilities: [String]
    public var credentialMode: CredentialMode
    /// Whether a tenant may replace the platform's default credentials with its own ("bring your own app").
    public var supportsTenantOverride: Bool
    /// Whether the platform may provide default credentials (its own OAuth app or key) for this provider.
    public var platformDefault: Bool
    public var description: String
    public var docsURL: String
    public var iconURL: String?
    /// The base of the provider's API, for the connectors that call it.
    public var apiBaseURL: String?
    /// What a tenant fills in to connect the provider (backend-driven form). OAuth providers list only the
    /// extra settings they need besides the OAuth flow, often none.
    public var formFields: [FormField]
    /// What a tenant fills in to override the platform's credentials, when different from `formFields`
    /// (see `effectiveOverrideFields`).
    public var overrideFields: [FormField]?
    public var oauth: OAuthSettings?
    public var verification: VerificationRequest?
    public var webhook: WebhookScheme?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, category, authType, capabilities, credentialMode, supportsTenantOverride, platformDefault
        case description
        case docsURL = "docsUrl"
        case iconURL = "iconUrl"
        case apiBaseURL = "apiBaseUrl"
        case formFields, overrideFields, oauth, verification, webhook
    }

    public init(
        id: String, name: String, category: ProviderCategory, authType: AuthType, capabilities: [String],
        credentialMode: CredentialMode, supportsTenantOverride: Bool, platformDefault: Bool, description: String,
        docsURL: String, iconURL: String? = nil, apiBaseURL: String? = nil, formFields: [FormField] = [],
        overrideFields: [FormField]? = nil, oauth: OAuthSettings? = nil, verification: VerificationRequest? = nil,
        webhook: WebhookScheme? = nil
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.authType = authType
        self.capabilities = capabilities
        self.credentialMode = credentialMode
        self.supportsTenantOverride = supportsTenantOverride
        self.platformDefault = platformDefault
        self.description = description
        self.docsURL = docsURL
        self.iconURL = iconURL
        self.apiBaseURL = apiBaseURL
        self.formFields = formFields
        self.overrideFields = overrideFields
        self.oauth = oauth
        self.verification = verification
        self.webhook = webhook
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        category = try container.decode(ProviderCategory.self, forKey: .category)
        authType = try container.decode(AuthType.self, forKey: .authType)
        capabilities = try container.decode([String].self, forKey: .capabilities)
        credentialMode = try container.decode(CredentialMode.self, forKey: .credentialMode)
        supportsTenantOverride = try container.decode(Bool.self, forKey: .supportsTenantOverride)
        platformDefault = try container.decode(Bool.self, forKey: .platformDefault)
        description = try container.decode(String.self, forKey: .description)
        docsURL = try container.decode(String.self, forKey: .docsURL)
        iconURL = try container.decodeIfPresent(String.self, forKey: .iconURL)
        apiBaseURL = try container.decodeIfPresent(String.self, forKey: .apiBaseURL)
        formFields = try container.decodeIfPresent([FormField].self, forKey: .formFields) ?? []
        overrideFields = try container.decodeIfPresent([FormField].self, forKey: .overrideFields)
        oauth = try container.decodeIfPresent(OAuthSettings.self, forKey: .oauth)
        verification = try container.decodeIfPresent(VerificationRequest.self, forKey: .verification)
        webhook = try container.decodeIfPresent(WebhookScheme.self, forKey: .webhook)
    }

    /// The fields of a credential override: `overrideFields` when the provider lists them; for an OAuth provider,
    /// the client id and secret of the tenant's own OAuth app; otherwise the connection form itself.
    public var effectiveOverrideFields: [FormField] {
        if let overrideFields { return overrideFields }
        if authType == .oauth2 {
            return [
                FormField(
                    name: "clientId", label: "Client ID", type: .text, required: true, secret: false,
                    help: "The client ID of your own OAuth app."),
                FormField(
                    name: "clientSecret", label: "Client secret", type: .password, required: true, secret: true,
                    help: "The client secret of your own OAuth app."),
            ]
        }
        return formFields
    }

    /// The names of the secret fields (stored sealed, shown masked) among the form and override fields.
    public var secretFieldNames: Set<String> {
        Set((formFields + effectiveOverrideFields).filter(\.secret).map(\.name))
    }
}

/// A field of the form a provider needs. Frontends render these generically.
public struct FormField: Codable, Sendable, Hashable {
    /// The key of the value in the credentials or config object, in camelCase (`apiKey`).
    public var name: String
    public var label: String
    public var type: FormFieldType
    public var required: Bool
    /// A secret value is stored sealed and only ever shown masked.
    public var secret: Bool
    public var help: String?
    public var placeholder: String?
    /// A regular expression (NSRegularExpression syntax) that the whole value must match.
    public var pattern: String?
    /// The choices of a SELECT field.
    public var options: [String]?
    /// The value used when the field is left out; a required field with a default may be left out.
    public var defaultValue: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, label, type, required, secret, help, placeholder, pattern, options, defaultValue
    }

    public init(
        name: String, label: String, type: FormFieldType, required: Bool, secret: Bool, help: String? = nil,
        placeholder: String? = nil, pattern: String? = nil, options: [String]? = nil, defaultValue: String? = nil
    ) {
        self.name = name
        self.label = label
        self.type = type
        self.required = required
        self.secret = secret
        self.help = help
        self.placeholder = placeholder
        self.pattern = pattern
        self.options = options
        self.defaultValue = defaultValue
    }
}
