import Foundation
import SwitchboardCatalog
import SwitchboardCrypto

/// The server's configuration of providers (`serve --provider-config FILE`): the platform's own apps and keys
/// (the PLATFORM source of credential resolution, for HYBRID providers), endpoint overrides (a provider's
/// authorize, token, verification and API URLs pointed elsewhere: a regional endpoint, a proxy, a test stand-in),
/// the public URL of the OAuth callback and the origins OAuth may return to.
///
/// The file is JSON (see README, "Provider configuration"):
///
/// ```json
/// { "oauthRedirectUrl": "https://sb.example.com/oauth/callback",
///   "allowedReturnOrigins": ["https://app.example.com"],
///   "verificationTimeoutSeconds": 10,
///   "providers": {
///     "github": { "platformApp": {"clientId": "…", "clientSecret": "…"},
///                 "endpoints": {"tokenUrl": "https://github.example.com/login/oauth/access_token"} } } }
/// ```
///
/// Platform app values are secrets: they are held in guarded memory (`SecureBytes`), opened only for a call to the
/// provider, and never appear in errors, logs or descriptions (which name providers and fields only).
public struct ProviderConfiguration: Sendable, CustomStringConvertible {
    /// The public URL of `GET /oauth/callback` that providers redirect to; nil when OAuth is not configured.
    public private(set) var oauthRedirectURL: String?
    /// The origins (`scheme://host[:port]`, lowercase) a `returnUrl` of OAuth may have.
    public private(set) var allowedReturnOrigins: [String]
    /// How long a verification request may take, connection included.
    public private(set) var verificationTimeout: Duration
    /// Whether the server may call hosts on private or reserved networks when a tenant's value chose the host
    /// (`PrivateNetworkGuard`); off by default.
    public private(set) var allowPrivateNetworks: Bool
    private var apps: [String: PlatformApp]
    private var overrides: [String: EndpointOverrides]

    /// The defaults: no platform app, no override, no OAuth redirect URL, a 10 s verification timeout.
    public static let empty = ProviderConfiguration(
        oauthRedirectURL: nil, allowedReturnOrigins: [], verificationTimeout: defaultVerificationTimeout,
        allowPrivateNetworks: false, apps: [:], overrides: [:])

    public static let defaultVerificationTimeout: Duration = .seconds(10)
    /// The longest a verification may be allowed to take.
    public static let maximumVerificationTimeout: Duration = .seconds(60)
    /// The largest configuration file read.
    public static let maximumFileSize = 1 << 20

    /// Overrides of a provider's endpoints; nil keeps the catalog's.
    public struct EndpointOverrides: Sendable, Hashable {
        public var authorizeURL: String?
        public var tokenURL: String?
        public var verificationURL: String?
        public var apiBaseURL: String?

        public init(
            authorizeURL: String? = nil, tokenURL: String? = nil, verificationURL: String? = nil,
            apiBaseURL: String? = nil
        ) {
            self.authorizeURL = authorizeURL
            self.tokenURL = tokenURL
            self.verificationURL = verificationURL
            self.apiBaseURL = apiBaseURL
        }
    }

    private init(
        oauthRedirectURL: String?, allowedReturnOrigins: [String], verificationTimeout: Duration,
        allowPrivateNetworks: Bool, apps: [String: PlatformApp], overrides: [String: EndpointOverrides]
    ) {
        self.oauthRedirectURL = oauthRedirectURL
        self.allowedReturnOrigins = allowedReturnOrigins
        self.verificationTimeout = verificationTimeout
        self.allowPrivateNetworks = allowPrivateNetworks
        self.apps = apps
        self.overrides = overrides
    }

    /// A checked configuration (see `ProviderConfigurationValidation` for the rules); throws every problem at once.
    ///
    /// - Parameters:
    ///   - platformApps: per provider id, the platform's own values (`clientId`/`clientSecret` for OAuth, the
    ///     form's fields such as `apiKey` otherwise; `webhookSecret` besides).
    ///   - endpoints: per provider id, the endpoints to use instead of the catalog's.
    public init(
        platformApps: [String: [String: String]] = [:], endpoints: [String: EndpointOverrides] = [:],
        oauthRedirectURL: String? = nil, allowedReturnOrigins: [String] = [],
        verificationTimeout: Duration = defaultVerificationTimeout, allowPrivateNetworks: Bool = false,
        catalog: ProviderCatalog
    ) throws(ProviderConfigurationError) {
        var problems: [String] = []
        var apps: [String: PlatformApp] = [:]
        for (providerID, values) in platformApps.sorted(by: { $0.key < $1.key }) {
            guard let provider = catalog.provider(id: providerID) else {
                problems.append("providers.\(providerID): no such provider in the catalog")
                continue
            }
            let found = ProviderConfigurationValidation.platformAppProblems(values, provider: provider)
            problems += found.map { "providers.\(providerID).platformApp: \($0)" }
            if found.isEmpty { apps[providerID] = PlatformApp(values) }
        }
        for (providerID, override) in endpoints.sorted(by: { $0.key < $1.key }) {
            guard let provider = catalog.provider(id: providerID) else {
                if platformApps[providerID] == nil {
                    problems.append("providers.\(providerID): no such provider in the catalog")
                }
                continue
            }
            problems += ProviderConfigurationValidation.endpointProblems(override, provider: provider)
                .map { "providers.\(providerID).endpoints.\($0)" }
        }
        if let oauthRedirectURL, !ProviderConfigurationValidation.isAbsoluteHTTPURL(oauthRedirectURL) {
            problems.append("oauthRedirectUrl: not an absolute http(s) URL")
        }
        var origins: [String] = []
        for (index, origin) in allowedReturnOrigins.enumerated() {
            if let normalized = ProviderConfigurationValidation.origin(origin) {
                origins.append(normalized)
            } else {
                problems.append("allowedReturnOrigins[\(index)]: not an origin (scheme://host[:port], http or https)")
            }
        }
        if verificationTimeout <= .zero || verificationTimeout > Self.maximumVerificationTimeout {
            problems.append("verificationTimeoutSeconds: must be more than 0 and at most 60")
        }
        guard problems.isEmpty else { throw ProviderConfigurationError(problems: problems) }
        self.init(
            oauthRedirectURL: oauthRedirectURL, allowedReturnOrigins: origins, verificationTimeout: verificationTimeout,
            allowPrivateNetworks: allowPrivateNetworks, apps: apps, overrides: endpoints)
    }

    // MARK: Platform apps

    /// Whether the platform has its own app or key for the provider (what makes a HYBRID provider PLATFORM).
    public func hasPlatformApp(_ providerID: String) -> Bool { apps[providerID] != nil }

    /// The providers the platform has apps for, by id (for logs: ids only).
    public var platformAppProviderIDs: [String] { apps.keys.sorted() }

    /// The platform's values for the provider, opened (for a call to the provider; never logged).
    func platformApp(_ providerID: String) -> [String: String]? { apps[providerID]?.opened() }

    // MARK: Endpoints

    /// The provider's endpoints: the catalog's, with this configuration's overrides applied.
    public func endpoints(for provider: Provider) -> ProviderEndpoints {
        let override = overrides[provider.id]
        return ProviderEndpoints(
            authorizeURL: override?.authorizeURL ?? provider.oauth?.authorizeURL,
            tokenURL: override?.tokenURL ?? provider.oauth?.tokenURL,
            verificationURL: override?.verificationURL ?? provider.verification?.url,
            apiBaseURL: override?.apiBaseURL ?? provider.apiBaseURL)
    }

    /// `provider` with this configuration's endpoint overrides written into it (OAuth URLs, the verification
    /// request's URL, the API base), for code that reads the catalog's structures.
    public func applyingEndpoints(to provider: Provider) -> Provider {
        guard let override = overrides[provider.id] else { return provider }
        var provider = provider
        if var oauth = provider.oauth {
            oauth.authorizeURL = override.authorizeURL ?? oauth.authorizeURL
            oauth.tokenURL = override.tokenURL ?? oauth.tokenURL
            provider.oauth = oauth
        }
        if var verification = provider.verification, let url = override.verificationURL {
            verification.url = url
            provider.verification = verification
        }
        provider.apiBaseURL = override.apiBaseURL ?? provider.apiBaseURL
        return provider
    }

    /// Whether `url` (a `returnUrl` of OAuth) is an absolute http(s) URL of an allowed origin.
    public func allowsReturnURL(_ url: String) -> Bool {
        guard let origin = ProviderConfigurationValidation.origin(ofURL: url) else { return false }
        return allowedReturnOrigins.contains(origin)
    }

    /// Providers and fields only: never a value.
    public var description: String {
        "ProviderConfiguration(platform apps: \(platformAppProviderIDs), endpoint overrides: "
            + "\(overrides.keys.sorted()), oauthRedirectUrl: \(oauthRedirectURL ?? "none"))"
    }
}

/// A provider's endpoints as the server uses them: the catalog's values with the configuration's overrides applied.
public struct ProviderEndpoints: Sendable, Hashable {
    public var authorizeURL: String?
    public var tokenURL: String?
    /// The verification request's URL template (for `POSTGRES`, the connection string template).
    public var verificationURL: String?
    public var apiBaseURL: String?

    public init(authorizeURL: String?, tokenURL: String?, verificationURL: String?, apiBaseURL: String?) {
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
        self.verificationURL = verificationURL
        self.apiBaseURL = apiBaseURL
    }
}

/// What is wrong with a provider configuration, every problem at once. Problems name keys and providers, never
/// values (which may be secrets).
public struct ProviderConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public var description: String {
        "invalid provider configuration: " + problems.joined(separator: "; ")
    }
}

/// The platform's values for one provider, each in guarded memory.
private struct PlatformApp: Sendable {
    let values: [String: SecureBytes]

    init(_ values: [String: String]) {
        var guarded: [String: SecureBytes] = [:]
        for (field, value) in values where !value.isEmpty {
            guarded[field] = SecureBytes(copying: Data(value.utf8))
        }
        self.values = guarded
    }

    func opened() -> [String: String] {
        values.mapValues { bytes in bytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
    }
}
