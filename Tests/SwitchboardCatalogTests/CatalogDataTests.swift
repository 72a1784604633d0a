import Foundation
import Testing
@testable import SwitchboardCatalog

/// The shipped catalog, loaded once for all tests.
let catalog: ProviderCatalog = {
    do { return try ProviderCatalog.bundled() } catch { fatalError("\(error)") }
}()

@Suite("The shipped provider catalog")
struct CatalogDataTests {
    @Test("loads at least 70 valid providers covering every category")
    func loads() throws {
        #expect(catalog.providers.count >= 70)
        #expect(Set(catalog.providers.map(\.category)) == Set(ProviderCategory.allCases))
        #expect(ProviderCatalog.problems(in: catalog.providers).isEmpty)
    }

    @Test("every file is named after its provider and holds only known keys")
    func files() throws {
        let directory = try #require(ProviderCatalog.bundledDirectory)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(files.count == catalog.providers.count)
        #expect(Set(files) == Set(catalog.providers.map { "\($0.id).json" }))
    }

    @Test("holds every example provider of the design notes", arguments: [
        "openai", "anthropic", "groq", "gemini", "ollama", "claude-code", "github-copilot-cli", "aider", "github",
        "gitlab", "bitbucket", "azure-devops", "postgresql", "mongodb-atlas", "supabase", "neon", "planetscale",
        "vercel", "netlify", "fly-io", "railway", "render", "cloudflare", "auth0", "clerk", "supabase-auth", "firebase",
        "aws-s3", "cloudflare-r2", "google-cloud-storage", "stripe", "paddle", "lemonsqueezy", "sendgrid", "resend",
        "postmark", "posthog", "mixpanel", "google-analytics", "sentry", "datadog", "slack", "discord", "telegram",
        "notion", "linear", "jira", "algolia", "typesense", "meilisearch", "alchemy", "infura", "opensea", "kubernetes",
        "docker", "aws-lambda", "hashicorp-vault", "1password", "doppler", "github-actions", "circleci", "argocd",
        "opentelemetry", "grafana", "jaeger", "snyk", "sonarqube", "snowflake", "airbyte", "kong", "expo", "google-ads",
        "facebook", "hubspot", "cloudflare-dns",
    ])
    func example(id: String) {
        #expect(catalog.provider(id: id) != nil)
    }

    @Test("the design notes' credential modes: GitHub, OpenAI and Vercel are hybrid; Auth0, Clerk, Render tenant-managed")
    func credentialModes() throws {
        for id in ["github", "openai", "vercel"] {
            let provider = try #require(catalog[id])
            #expect(provider.credentialMode == .hybrid && provider.supportsTenantOverride && provider.platformDefault)
        }
        for id in ["auth0", "clerk", "render"] {
            let provider = try #require(catalog[id])
            #expect(provider.credentialMode == .tenantManaged && !provider.supportsTenantOverride)
        }
    }

    @Test("every auth type is represented")
    func authTypes() {
        #expect(Set(catalog.providers.map(\.authType)) == Set(AuthType.allCases))
    }

    @Test("OAuth providers have OAuth settings with https endpoints; others have none")
    func oauth() throws {
        for provider in catalog.providers {
            if provider.authType == .oauth2 {
                let oauth = try #require(provider.oauth, "\(provider.id)")
                #expect(oauth.authorizeURL.hasPrefix("https://"), "\(provider.id)")
                #expect(oauth.tokenURL.hasPrefix("https://"), "\(provider.id)")
                #expect(provider.effectiveOverrideFields.contains { $0.name == "clientSecret" && $0.secret })
            } else {
                #expect(provider.oauth == nil, "\(provider.id)")
            }
        }
    }

    @Test("providers with keys or tokens ask for at least one secret field")
    func secretFields() {
        for provider in catalog.providers where [.apiKey, .basic, .bearerToken, .jwt, .connectionString]
            .contains(provider.authType)
        {
            #expect(provider.formFields.contains { $0.secret }, "\(provider.id)")
        }
    }

    @Test("endpoints are https unless they are the tenant's own or local")
    func https() {
        for provider in catalog.providers {
            var urls = [provider.docsURL] + [provider.apiBaseURL].compactMap { $0 }
            if let verification = provider.verification, verification.kind == .http { urls.append(verification.url) }
            for url in urls {
                #expect(url.hasPrefix("https://") || url.hasPrefix("{"), "\(provider.id): \(url)")
            }
            for field in provider.formFields where field.type == .url {
                if let defaultValue = field.defaultValue {
                    #expect(defaultValue.hasPrefix("https://") || ProviderCatalog.isLocal(defaultValue), "\(provider.id)")
                }
            }
        }
    }

    @Test("real endpoints of well-known providers")
    func wellKnownEndpoints() throws {
        let github = try #require(catalog["github"])
        #expect(github.oauth?.authorizeURL == "https://github.com/login/oauth/authorize")
        #expect(github.oauth?.tokenURL == "https://github.com/login/oauth/access_token")
        #expect(github.oauth?.scopes.contains("repo") == true)
        #expect(github.verification?.url == "https://api.github.com/user")
        #expect(github.webhook?.kind == .hmacSHA256)
        #expect(github.webhook?.signatureHeader == "X-Hub-Signature-256")
        #expect(github.webhook?.prefix == "sha256=")

        let openai = try #require(catalog["openai"])
        #expect(openai.verification?.method == "GET")
        #expect(openai.verification?.url == "https://api.openai.com/v1/models")
        #expect(openai.verification?.headers["Authorization"] == "Bearer {apiKey}")

        let stripe = try #require(catalog["stripe"])
        #expect(stripe.verification?.url == "https://api.stripe.com/v1/balance")
        #expect(stripe.webhook?.kind == .stripe)
        #expect(stripe.webhook?.signatureHeader == "Stripe-Signature")
        #expect(stripe.webhook?.toleranceSeconds == 300)

        let slack = try #require(catalog["slack"])
        #expect(slack.oauth?.scopeSeparator == ",")
        #expect(slack.oauth?.scopeParameter == "chat:write,channels:read,users:read")
        #expect(slack.oauth?.tokenResponse.userAccessTokenPath == "authed_user.access_token")
        #expect(slack.webhook?.kind == .slack)
        #expect(slack.webhook?.signatureHeader == "X-Slack-Signature")
        #expect(slack.webhook?.timestampHeader == "X-Slack-Request-Timestamp")

        let ollama = try #require(catalog["ollama"])
        #expect(ollama.authType == .noCredentials)
        #expect(ollama.formFields.first?.type == .url)
        #expect(ollama.verification?.url == "{baseUrl}/api/tags")
    }

    @Test("self-hosted providers take their server's URL in a form field")
    func selfHosted() throws {
        for id in ["ollama", "kubernetes", "hashicorp-vault", "argocd", "jenkins", "grafana", "jaeger", "typesense",
                   "meilisearch", "docker", "1password", "opentelemetry", "kong"]
        {
            let provider = try #require(catalog[id])
            #expect(provider.formFields.contains { $0.type == .url && $0.required }, "\(id)")
            #expect(provider.verification?.url.hasPrefix("{") == true, "\(id)")
        }
    }

    @Test("every provider survives an encode-decode round trip")
    func codableRoundTrip() throws {
        let data = try JSONEncoder().encode(catalog.providers)
        #expect(try JSONDecoder().decode([Provider].self, from: data) == catalog.providers)
    }
}
