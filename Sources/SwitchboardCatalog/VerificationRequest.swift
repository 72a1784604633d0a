/// A cheap request that proves a connection's credentials work (`GET https://api.github.com/user`).
///
/// Strings are templates: `{name}` stands for the value of the form field `name` (or `{accessToken}`, the OAuth
/// access token of an OAuth provider). `prepare(values:)` fills them in.
public struct VerificationRequest: Codable, Sendable, Hashable {
    public var kind: Kind
    /// `GET`, `POST`...
    public var method: String
    /// The URL template; for `POSTGRES`, the connection string template.
    public var url: String
    /// Header templates, e.g. `Authorization: Bearer {apiKey}`. A header whose template names an optional form
    /// field without a value is left out.
    public var headers: [String: String]
    /// Query parameter templates, e.g. `limit: 1`; left out like headers.
    public var query: [String: String]
    /// HTTP Basic authentication from two templates.
    public var basicAuth: BasicAuthTemplate?
    /// A body template (JSON templates get their values JSON-escaped).
    public var body: String?
    public var contentType: String?
    /// The statuses that mean the credentials work.
    public var expectedStatus: [Int]
    /// A dotted JSON path to a field that must be `true` as well, for APIs that report failure with status 200
    /// (Slack's `ok`).
    public var successField: String?

    public enum Kind: String, Codable, Sendable, Hashable {
        /// An HTTP request.
        case http = "HTTP"
        /// A PostgreSQL connection (connect, then `SELECT 1`) to the connection string in `url`.
        case postgres = "POSTGRES"
    }

    public struct BasicAuthTemplate: Codable, Sendable, Hashable {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, method, url, headers, query, basicAuth, body, contentType, expectedStatus, successField
    }

    public init(
        kind: Kind = .http, method: String = "GET", url: String, headers: [String: String] = [:],
        query: [String: String] = [:], basicAuth: BasicAuthTemplate? = nil, body: String? = nil,
        contentType: String? = nil, expectedStatus: [Int] = [200], successField: String? = nil
    ) {
        self.kind = kind
        self.method = method
        self.url = url
        self.headers = headers
        self.query = query
        self.basicAuth = basicAuth
        self.body = body
        self.contentType = contentType
        self.expectedStatus = expectedStatus
        self.successField = successField
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .http
        method = try container.decodeIfPresent(String.self, forKey: .method) ?? "GET"
        url = try container.decode(String.self, forKey: .url)
        headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
        query = try container.decodeIfPresent([String: String].self, forKey: .query) ?? [:]
        basicAuth = try container.decodeIfPresent(BasicAuthTemplate.self, forKey: .basicAuth)
        body = try container.decodeIfPresent(String.self, forKey: .body)
        contentType = try container.decodeIfPresent(String.self, forKey: .contentType)
        expectedStatus = try container.decodeIfPresent([Int].self, forKey: .expectedStatus) ?? [200]
        successField = try container.decodeIfPresent(String.self, forKey: .successField)
    }

    /// Every template string of the request, for validation.
    var templates: [String] {
        [url] + Array(headers.values) + Array(query.values) + [basicAuth?.username, basicAuth?.password, body]
            .compactMap { $0 }
    }
}

/// How a provider signs the webhooks it sends, so that a receiver can authenticate them.
public struct WebhookScheme: Codable, Sendable, Hashable {
    public var kind: Kind
    /// The header carrying the signature (or the shared token, for `token`).
    public var signatureHeader: String
    /// What precedes the signature in the header, e.g. `sha256=` (GitHub) or `v1=` (PagerDuty).
    public var prefix: String?
    /// How an HMAC signature is written.
    public var encoding: Encoding?
    /// The header carrying the timestamp that the signature covers (Slack, Svix, Discord).
    public var timestampHeader: String?
    /// How old a signed timestamp may be, in seconds, before a delivery counts as a replay.
    public var toleranceSeconds: Int?
    /// The form or override field holding the signing secret (or, for `ed25519`, the public key). When absent,
    /// the secret comes from the platform's own configuration of the provider.
    public var secretField: String?

    public enum Kind: String, Codable, Sendable, Hashable {
        /// HMAC-SHA256 of the raw body with the webhook secret (GitHub `X-Hub-Signature-256: sha256=<hex>`).
        case hmacSHA256
        /// HMAC-SHA1 of the raw body (Vercel `x-vercel-signature`, Expo `expo-signature: sha1=<hex>`).
        case hmacSHA1
        /// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>`, HMAC-SHA256 of `<t>.<body>`.
        case stripe
        /// Slack: `X-Slack-Signature: v0=<hex>`, HMAC-SHA256 of `v0:<X-Slack-Request-Timestamp>:<body>`.
        case slack
        /// Svix / Standard Webhooks (Resend, Clerk): `svix-signature: v1,<base64>`, HMAC-SHA256 of
        /// `<svix-id>.<svix-timestamp>.<body>` keyed with the base64 part of a `whsec_` secret.
        case svix
        /// Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex>`, HMAC-SHA256 of `<ts>:<body>`.
        case paddle
        /// Ed25519 signature of `<timestamp><body>` with the provider's public key (Discord interactions).
        case ed25519
        /// A shared secret sent as is in a header (GitLab `X-Gitlab-Token`, Telegram), compared in constant time.
        case token
    }

    public enum Encoding: String, Codable, Sendable, Hashable {
        case hex
        case base64
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, signatureHeader, prefix, encoding, timestampHeader, toleranceSeconds, secretField
    }

    public init(
        kind: Kind, signatureHeader: String, prefix: String? = nil, encoding: Encoding? = nil,
        timestampHeader: String? = nil, toleranceSeconds: Int? = nil, secretField: String? = nil
    ) {
        self.kind = kind
        self.signatureHeader = signatureHeader
        self.prefix = prefix
        self.encoding = encoding
        self.timestampHeader = timestampHeader
        self.toleranceSeconds = toleranceSeconds
        self.secretField = secretField
    }
}
