/// The OAuth 2.0 authorization-code settings of a provider.
public struct OAuthSettings: Codable, Sendable, Hashable {
    public var authorizeURL: String
    public var tokenURL: String
    public var revokeURL: String?
    /// The scopes requested by default.
    public var scopes: [String]
    /// How scopes are joined in the `scope` parameter: `" "` (the standard) or `","` (Slack, Linear, Facebook).
    public var scopeSeparator: String
    /// Whether the provider supports (or requires) PKCE with S256.
    public var pkce: Bool
    /// Extra query parameters of the authorize URL, e.g. Google's `access_type=offline`.
    public var extraAuthorizeParameters: [String: String]
    /// How the client authenticates at the token endpoint.
    public var clientAuthentication: ClientAuthentication
    /// How the token request body is encoded.
    public var tokenRequestFormat: TokenRequestFormat
    /// Extra headers of the token request, e.g. GitHub's `Accept: application/json`.
    public var tokenRequestHeaders: [String: String]
    /// Whether the provider issues refresh tokens.
    public var supportsRefresh: Bool
    /// Where the token response keeps what the platform needs.
    public var tokenResponse: TokenResponseHints

    public enum ClientAuthentication: String, Codable, Sendable, Hashable {
        /// `client_id` and `client_secret` in the request body (`client_secret_post`).
        case post = "POST"
        /// HTTP Basic authentication with client id and secret (`client_secret_basic`).
        case basic = "BASIC"
    }

    public enum TokenRequestFormat: String, Codable, Sendable, Hashable {
        /// `application/x-www-form-urlencoded`, as RFC 6749 says.
        case form = "FORM"
        /// `application/json` (Notion, Airtable...).
        case json = "JSON"
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case authorizeURL = "authorizeUrl"
        case tokenURL = "tokenUrl"
        case revokeURL = "revokeUrl"
        case scopes, scopeSeparator, pkce, extraAuthorizeParameters, clientAuthentication, tokenRequestFormat
        case tokenRequestHeaders, supportsRefresh, tokenResponse
    }

    public init(
        authorizeURL: String, tokenURL: String, revokeURL: String? = nil, scopes: [String] = [],
        scopeSeparator: String = " ", pkce: Bool = false, extraAuthorizeParameters: [String: String] = [:],
        clientAuthentication: ClientAuthentication = .post, tokenRequestFormat: TokenRequestFormat = .form,
        tokenRequestHeaders: [String: String] = [:], supportsRefresh: Bool = true,
        tokenResponse: TokenResponseHints = TokenResponseHints()
    ) {
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
        self.revokeURL = revokeURL
        self.scopes = scopes
        self.scopeSeparator = scopeSeparator
        self.pkce = pkce
        self.extraAuthorizeParameters = extraAuthorizeParameters
        self.clientAuthentication = clientAuthentication
        self.tokenRequestFormat = tokenRequestFormat
        self.tokenRequestHeaders = tokenRequestHeaders
        self.supportsRefresh = supportsRefresh
        self.tokenResponse = tokenResponse
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        authorizeURL = try container.decode(String.self, forKey: .authorizeURL)
        tokenURL = try container.decode(String.self, forKey: .tokenURL)
        revokeURL = try container.decodeIfPresent(String.self, forKey: .revokeURL)
        scopes = try container.decodeIfPresent([String].self, forKey: .scopes) ?? []
        scopeSeparator = try container.decodeIfPresent(String.self, forKey: .scopeSeparator) ?? " "
        pkce = try container.decodeIfPresent(Bool.self, forKey: .pkce) ?? false
        extraAuthorizeParameters =
            try container.decodeIfPresent([String: String].self, forKey: .extraAuthorizeParameters) ?? [:]
        clientAuthentication =
            try container.decodeIfPresent(ClientAuthentication.self, forKey: .clientAuthentication) ?? .post
        tokenRequestFormat = try container.decodeIfPresent(TokenRequestFormat.self, forKey: .tokenRequestFormat) ?? .form
        tokenRequestHeaders = try container.decodeIfPresent([String: String].self, forKey: .tokenRequestHeaders) ?? [:]
        supportsRefresh = try container.decodeIfPresent(Bool.self, forKey: .supportsRefresh) ?? true
        tokenResponse = try container.decodeIfPresent(TokenResponseHints.self, forKey: .tokenResponse)
            ?? TokenResponseHints()
    }

    /// The `scope` parameter: the scopes joined by the provider's separator.
    public var scopeParameter: String { scopes.joined(separator: scopeSeparator) }
}

/// Where a provider's token response keeps the tokens: dotted JSON paths (`authed_user.access_token`).
public struct TokenResponseHints: Codable, Sendable, Hashable {
    public var accessTokenPath: String
    public var refreshTokenPath: String?
    public var expiresInPath: String?
    public var scopePath: String?
    /// A user token issued next to the app's token (Slack's `authed_user.access_token`).
    public var userAccessTokenPath: String?
    /// A boolean field that must be `true` for the response to count as a success, for providers that answer
    /// errors with status 200 (Slack's `ok`).
    public var successField: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case accessTokenPath, refreshTokenPath, expiresInPath, scopePath, userAccessTokenPath, successField
    }

    public init(
        accessTokenPath: String = "access_token", refreshTokenPath: String? = "refresh_token",
        expiresInPath: String? = "expires_in", scopePath: String? = "scope", userAccessTokenPath: String? = nil,
        successField: String? = nil
    ) {
        self.accessTokenPath = accessTokenPath
        self.refreshTokenPath = refreshTokenPath
        self.expiresInPath = expiresInPath
        self.scopePath = scopePath
        self.userAccessTokenPath = userAccessTokenPath
        self.successField = successField
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessTokenPath = try container.decodeIfPresent(String.self, forKey: .accessTokenPath) ?? "access_token"
        refreshTokenPath = try container.decodeIfPresent(String.self, forKey: .refreshTokenPath) ?? "refresh_token"
        expiresInPath = try container.decodeIfPresent(String.self, forKey: .expiresInPath) ?? "expires_in"
        scopePath = try container.decodeIfPresent(String.self, forKey: .scopePath) ?? "scope"
        userAccessTokenPath = try container.decodeIfPresent(String.self, forKey: .userAccessTokenPath)
        successField = try container.decodeIfPresent(String.self, forKey: .successField)
    }
}
