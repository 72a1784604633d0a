import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import Testing

/// `--provider-config`: the file's rules, its endpoints, and that its secrets never show.
@Suite struct ProviderConfigurationTests {
    static let catalog = Result { try ProviderCatalog.bundled() }
    static let githubSecret = "gh-platform-secret-0123456789abcdef"

    func parse(_ json: String) throws -> ProviderConfiguration {
        try ProviderConfiguration.parse(Data(json.utf8), catalog: Self.catalog.get())
    }

    /// The problems a configuration has (none when it parses).
    func problems(_ json: String) throws -> [String] {
        do {
            _ = try parse(json)
            return []
        } catch let error as ProviderConfigurationError {
            return error.problems
        }
    }

    @Test func aFullConfigurationIsRead() throws {
        let configuration = try parse(
            """
            { "oauthRedirectUrl": "https://sb.example.com/oauth/callback",
              "allowedReturnOrigins": ["https://App.Example.com", "http://localhost:3000/"],
              "verificationTimeoutSeconds": 2.5,
              "providers": {
                "github": { "platformApp": {"clientId": "Iv1.abc", "clientSecret": "\(Self.githubSecret)"},
                            "endpoints": {"tokenUrl": "http://127.0.0.1:9/p/github/login/oauth/access_token",
                                          "verificationUrl": "http://127.0.0.1:9/p/github/user"} },
                "openai": { "platformApp": {"apiKey": "sk-platform-abcdefghijklmnopqrstuvwxyz"} },
                "telegram": { "endpoints": {"verificationUrl": "http://127.0.0.1:9/p/telegram/bot{botToken}/getMe"} }
              } }
            """)
        #expect(configuration.oauthRedirectURL == "https://sb.example.com/oauth/callback")
        #expect(configuration.allowedReturnOrigins == ["https://app.example.com", "http://localhost:3000"])
        #expect(configuration.verificationTimeout == .milliseconds(2500))
        #expect(configuration.platformAppProviderIDs == ["github", "openai"])
        #expect(configuration.hasPlatformApp("github") && !configuration.hasPlatformApp("stripe"))
        #expect(configuration.platformApp("github") == ["clientId": "Iv1.abc", "clientSecret": Self.githubSecret])

        let github = try #require(Self.catalog.get().provider(id: "github"))
        let endpoints = configuration.endpoints(for: github)
        #expect(endpoints.authorizeURL == "https://github.com/login/oauth/authorize")  // not overridden
        #expect(endpoints.tokenURL == "http://127.0.0.1:9/p/github/login/oauth/access_token")
        #expect(endpoints.verificationURL == "http://127.0.0.1:9/p/github/user")
        #expect(endpoints.apiBaseURL == github.apiBaseURL)
        let applied = configuration.applyingEndpoints(to: github)
        #expect(applied.oauth?.tokenURL == endpoints.tokenURL && applied.verification?.url == endpoints.verificationURL)

        #expect(configuration.allowsReturnURL("https://app.example.com/settings?x=1"))
        #expect(configuration.allowsReturnURL("http://localhost:3000/"))
        #expect(!configuration.allowsReturnURL("https://app.example.com.evil.test/"))
        #expect(!configuration.allowsReturnURL("http://app.example.com/"))
        #expect(!configuration.allowsReturnURL("javascript:alert(1)"))

        // Descriptions name providers, never values.
        #expect(!"\(configuration)".contains(Self.githubSecret))
        #expect(!String(reflecting: configuration).contains(Self.githubSecret))
    }

    @Test func anEmptyObjectIsTheDefault() throws {
        let configuration = try parse("{}")
        #expect(configuration.platformAppProviderIDs.isEmpty)
        #expect(configuration.oauthRedirectURL == nil)
        #expect(configuration.verificationTimeout == ProviderConfiguration.defaultVerificationTimeout)
    }

    @Test func unknownProvidersKeysAndBadURLsAreRefused() throws {
        #expect(try problems(#"{"providers": {"nope": {"endpoints": {"apiBaseUrl": "https://x.test"}}}}"#)
            == ["providers.nope: no such provider in the catalog"])
        #expect(try problems(#"{"providers": {"nope": {}}}"#) == ["providers.nope: no such provider in the catalog"])
        #expect(try problems(#"{"oauthRedirectURL": "https://x.test/cb"}"#) == ["oauthRedirectURL: unknown key"])
        #expect(try problems(#"{"providers": {"openai": {"platformapp": {}}}}"#)
            == ["providers.openai.platformapp: unknown key"])
        #expect(try problems(#"{"providers": {"openai": {"endpoints": {"verifyUrl": "https://x.test"}}}}"#)
            == ["providers.openai.endpoints.verifyUrl: unknown key"])
        for bad in ["ftp://x.test/a", "/relative", "https://{host}/a", "https://user:pw@x.test/", "not a url"] {
            #expect(try problems(#"{"providers": {"github": {"endpoints": {"tokenUrl": "\#(bad)"}}}}"#)
                == ["providers.github.endpoints.tokenUrl: not an absolute http(s) URL"], "\(bad)")
        }
        #expect(try problems(#"{"providers": {"openai": {"endpoints": {"tokenUrl": "https://x.test/t"}}}}"#)
            == ["providers.openai.endpoints.tokenUrl: OpenAI does not use OAuth"])
        #expect(try problems(#"{"providers": {"postgresql": {"endpoints": {"verificationUrl": "https://x.test"}}}}"#)
            == ["providers.postgresql.endpoints.verificationUrl: PostgreSQL has no HTTP verification request"])
        #expect(try problems(#"{"oauthRedirectUrl": "callback"}"#) == ["oauthRedirectUrl: not an absolute http(s) URL"])
        #expect(try problems(#"{"allowedReturnOrigins": ["https://a.test/path"]}"#)
            == ["allowedReturnOrigins[0]: not an origin (scheme://host[:port], http or https)"])
        for timeout in ["0", "61", "true", "\"5\""] {
            #expect(try problems(#"{"verificationTimeoutSeconds": \#(timeout)}"#)
                == ["verificationTimeoutSeconds: must be a number more than 0 and at most 60"], "\(timeout)")
        }
        #expect(try problems("[]") == ["not a JSON object"])
        #expect(try problems(#"{"providers": {"openai": {"platformApp": {"apiKey": 5}}}}"#)
            == ["providers.openai.platformApp: not an object of strings"])
    }

    @Test func platformAppsAreForHybridProvidersAndMustFitTheirForm() throws {
        let secret = "sk_live_do-not-echo-this-value"
        let stripe = try problems(#"{"providers": {"stripe": {"platformApp": {"secretKey": "\#(secret)"}}}}"#)
        #expect(stripe == [
            "providers.stripe.platformApp: Stripe is TENANT_MANAGED: tenants bring their own credentials, "
                + "the platform has none"
        ])
        let incomplete = try problems(#"{"providers": {"github": {"platformApp": {"clientId": "Iv1.abc"}}}}"#)
        #expect(incomplete.count == 1 && incomplete[0].hasPrefix("providers.github.platformApp: "))
        let wrong = try problems(#"{"providers": {"openai": {"platformApp": {"apiKey": "not-a-key-\#(secret)"}}}}"#)
        #expect(wrong.count == 1 && wrong[0].hasPrefix("providers.openai.platformApp: "))
        #expect(!wrong[0].contains(secret) && !stripe.joined().contains(secret))
        // The platform's webhook secret may come with any platform app.
        #expect(try problems(
            #"{"providers": {"openai": {"platformApp": {"apiKey": "sk-abcdefghijklmnopqrstuvwxyz", "webhookSecret": "w"}}}}"#
        ) == [])
    }

    @Test func loadReadsAFileAndNamesItInErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.json")
        try Data(#"{"providers": {"openai": {"platformApp": {"apiKey": "sk-abcdefghijklmnopqrstuvwxyz"}}}}"#.utf8)
            .write(to: good)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: good.path)
        let open = "\(good.path) may be read by others (mode 644); chmod 600 it"
        #expect(throws: ProviderConfigurationError(problems: [open])) {
            try ProviderConfiguration.load(path: good.path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: good.path)
        #expect(try ProviderConfiguration.load(path: good.path).hasPlatformApp("openai"))

        let bad = directory.appendingPathComponent("bad.json")
        try Data(#"{"providers": {"nope": {}}}"#.utf8).write(to: bad)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: bad.path)
        let unknown = "\(bad.path): providers.nope: no such provider in the catalog"
        #expect(throws: ProviderConfigurationError(problems: [unknown])) {
            try ProviderConfiguration.load(path: bad.path)
        }
        let missing = directory.appendingPathComponent("missing.json").path
        #expect(throws: ProviderConfigurationError(problems: ["\(missing): cannot be read"])) {
            try ProviderConfiguration.load(path: missing)
        }
    }
}
