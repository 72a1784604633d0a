import Foundation
import Testing
@testable import SwitchboardCatalog

@Suite("Catalog lookups, filters and grouping")
struct CatalogQueryTests {
    @Test("looks providers up by id")
    func lookups() throws {
        #expect(catalog.provider(id: "github")?.name == "GitHub")
        #expect(catalog["stripe"]?.category == .payments)
        #expect(catalog.provider(id: "GitHub") == nil)  // ids are exact
        #expect(catalog.provider(id: "nope") == nil)
        #expect(catalog.provider(id: "") == nil)
    }

    @Test("filters by category and by auth type")
    func filters() throws {
        let ai = catalog.providers(category: .ai)
        #expect(!ai.isEmpty && ai.allSatisfy { $0.category == .ai })
        #expect(Set(["openai", "anthropic", "groq", "gemini", "ollama"]).isSubset(of: Set(ai.map(\.id))))
        let oauth = catalog.providers(authType: .oauth2)
        #expect(oauth.allSatisfy { $0.authType == .oauth2 } && oauth.contains { $0.id == "github" })
        let both = catalog.providers(category: .sourceControl, authType: .oauth2)
        #expect(Set(both.map(\.id)) == Set(["github", "gitlab", "bitbucket", "azure-devops"]))
        #expect(catalog.providers(category: .domains, authType: .noCredentials).isEmpty)
        #expect(catalog.providers().count == catalog.providers.count)
    }

    @Test("searches names, ids and descriptions case-insensitively")
    func search() {
        let github = Set(catalog.providers(search: "GITHUB").map(\.id))
        #expect(github.isSuperset(of: ["github", "github-actions", "github-copilot-cli"]))
        #expect(catalog.providers(search: "  ").count == catalog.providers.count)
        #expect(catalog.providers(search: "fly-io").map(\.id) == ["fly-io"])  // by id
        #expect(catalog.providers(search: "merchant of record").map(\.id).sorted() == ["lemonsqueezy", "paddle"])
        #expect(catalog.providers(search: "no such provider anywhere").isEmpty)
        #expect(catalog.providers(category: .ai, search: "claude").map(\.id) == ["anthropic"])
        #expect(catalog.providers(search: "Ollama") == catalog.providers(search: "ollama"))
    }

    @Test("groups by category in the enum's order, each provider once")
    func grouping() {
        let groups = catalog.groupedByCategory()
        #expect(groups.map(\.category) == ProviderCategory.allCases)
        #expect(groups.allSatisfy { group in group.providers.allSatisfy { $0.category == group.category } })
        #expect(groups.flatMap(\.providers).count == catalog.providers.count)
        let names = groups.first { $0.category == .deployment }?.providers.map(\.name) ?? []
        #expect(names == names.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending })
    }

    @Test("providers are ordered by category, then name")
    func order() {
        let order = Dictionary(uniqueKeysWithValues: ProviderCategory.allCases.enumerated().map { ($1, $0) })
        let ranks = catalog.providers.map { order[$0.category]! }
        #expect(ranks == ranks.sorted())
    }
}

@Suite("Endpoint overrides")
struct EndpointOverrideTests {
    @Test("points OAuth, verification and API URLs at a stand-in, keeping paths")
    func overrides() throws {
        let local = try catalog.withEndpointOverrides(["github": "http://127.0.0.1:9999", "slack": "http://localhost:8081/slack/"])
        let github = try #require(local["github"])
        #expect(github.oauth?.authorizeURL == "http://127.0.0.1:9999/login/oauth/authorize")
        #expect(github.oauth?.tokenURL == "http://127.0.0.1:9999/login/oauth/access_token")
        #expect(github.verification?.url == "http://127.0.0.1:9999/user")
        #expect(github.apiBaseURL == "http://127.0.0.1:9999")
        let slack = try #require(local["slack"])
        #expect(slack.oauth?.tokenURL == "http://localhost:8081/slack/api/oauth.v2.access")
        #expect(slack.oauth?.revokeURL == "http://localhost:8081/slack/api/auth.revoke")
        // Others are untouched, and the original catalog too.
        #expect(local["gitlab"] == catalog["gitlab"])
        #expect(catalog["github"]?.verification?.url == "https://api.github.com/user")
        #expect(local.providers.count == catalog.providers.count)
    }

    @Test("keeps query strings and leaves a tenant's own server URLs alone")
    func queriesAndTemplates() throws {
        let local = try catalog.withEndpointOverrides(["telegram": "http://127.0.0.1:1", "ollama": "http://127.0.0.1:2"])
        #expect(local["telegram"]?.verification?.url == "http://127.0.0.1:1/bot{botToken}/getMe")
        #expect(local["ollama"]?.verification?.url == "{baseUrl}/api/tags")
    }

    @Test("refuses unknown providers and relative base URLs")
    func refuses() {
        #expect(throws: CatalogError.self) { try catalog.withEndpointOverrides(["nope": "http://127.0.0.1:1"]) }
        #expect(throws: CatalogError.self) { try catalog.withEndpointOverrides(["github": "/relative"]) }
    }
}
