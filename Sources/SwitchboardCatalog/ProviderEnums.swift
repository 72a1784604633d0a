/// What a provider does for a tenant. Raw values and order are those of the GraphQL enum `ProviderCategory`.
public enum ProviderCategory: String, Codable, Sendable, CaseIterable, Hashable {
    case ai = "AI"
    case cliAI = "CLI_AI"
    case sourceControl = "SOURCE_CONTROL"
    case database = "DATABASE"
    case deployment = "DEPLOYMENT"
    case auth = "AUTH"
    case storage = "STORAGE"
    case payments = "PAYMENTS"
    case email = "EMAIL"
    case analytics = "ANALYTICS"
    case monitoring = "MONITORING"
    case messaging = "MESSAGING"
    case productivity = "PRODUCTIVITY"
    case search = "SEARCH"
    case web3 = "WEB3"
    case runtime = "RUNTIME"
    case secrets = "SECRETS"
    case ciCD = "CI_CD"
    case observability = "OBSERVABILITY"
    case security = "SECURITY"
    case data = "DATA"
    case apiManagement = "API_MANAGEMENT"
    case mobile = "MOBILE"
    case marketing = "MARKETING"
    case domains = "DOMAINS"
}

/// How a provider authenticates its callers. Raw values are those of the GraphQL enum `AuthType`.
public enum AuthType: String, Codable, Sendable, CaseIterable, Hashable {
    /// OAuth 2.0 authorization code, with refresh tokens where the provider issues them.
    case oauth2 = "OAUTH2"
    case apiKey = "API_KEY"
    case basic = "BASIC"
    case bearerToken = "BEARER_TOKEN"
    case jwt = "JWT"
    /// A cloud IAM role (AWS, GCP, Azure) that the platform assumes.
    case iamRole = "IAM_ROLE"
    /// A database connection string.
    case connectionString = "CONNECTION_STRING"
    /// No credentials, e.g. a local service.
    case noCredentials = "NONE"
}

/// Who supplies a provider's credentials. Raw values are those of the GraphQL enum `CredentialMode`.
public enum CredentialMode: String, Codable, Sendable, CaseIterable, Hashable {
    /// The platform provides a default (its own OAuth app or key); a tenant may override it.
    case hybrid = "HYBRID"
    /// The tenant must bring its own credentials.
    case tenantManaged = "TENANT_MANAGED"
}

/// The kind of input a form field takes. Raw values are those of the GraphQL enum `FormFieldType`.
public enum FormFieldType: String, Codable, Sendable, CaseIterable, Hashable {
    case text = "TEXT"
    case password = "PASSWORD"
    case url = "URL"
    case email = "EMAIL"
    case number = "NUMBER"
    case select = "SELECT"
    case textarea = "TEXTAREA"
}
