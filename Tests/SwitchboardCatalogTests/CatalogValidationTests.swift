import Foundation
import Testing
@testable import SwitchboardCatalog

@Suite("Catalog validation")
struct CatalogValidationTests {
    func apiKeyProvider(id: String = "acme", category: ProviderCategory = .ai) -> Provider {
        Provider(
            id: id, name: "Acme", category: category, authType: .apiKey, capabilities: ["chat"],
            credentialMode: .tenantManaged, supportsTenantOverride: false, platformDefault: false,
            description: "Acme's API.", docsURL: "https://acme.example/docs",
            formFields: [FormField(name: "apiKey", label: "API key", type: .password, required: true, secret: true)],
            verification: VerificationRequest(url: "https://api.acme.example/me", headers: ["Authorization": "Bearer {apiKey}"]))
    }

    func problems(_ provider: Provider) -> [String] {
        ProviderCatalog.problems(in: [provider], requireEveryCategory: false)
    }

    @Test("a well-formed provider has no problems")
    func valid() {
        #expect(problems(apiKeyProvider()).isEmpty)
    }

    @Test("reports each broken rule")
    func rules() {
        var provider = apiKeyProvider()
        provider.formFields[0].secret = false
        #expect(problems(provider).contains("acme: form field apiKey is a password, so secret"))
        #expect(problems(provider).contains("acme: a API_KEY provider needs at least one secret form field"))

        provider = apiKeyProvider()
        provider.credentialMode = .hybrid
        #expect(problems(provider) == ["acme: a HYBRID provider has platform default credentials"])

        provider = apiKeyProvider()
        provider.supportsTenantOverride = true
        #expect(problems(provider) == ["acme: a TENANT_MANAGED provider has nothing to override"])

        provider = apiKeyProvider()
        provider.authType = .oauth2
        #expect(problems(provider).contains("acme: an OAUTH2 provider needs OAuth settings"))

        provider = apiKeyProvider()
        provider.oauth = OAuthSettings(authorizeURL: "https://a.example/authorize", tokenURL: "https://a.example/token")
        #expect(problems(provider) == ["acme: only OAUTH2 providers have OAuth settings"])

        provider = apiKeyProvider()
        provider.verification?.url = "http://api.acme.example/me"
        #expect(problems(provider) == ["acme: the verification URL http://api.acme.example/me is not https"])
        provider.verification?.url = "http://localhost:8080/me"
        #expect(problems(provider).isEmpty)

        provider = apiKeyProvider()
        provider.verification?.headers["X-Key"] = "{apiSecret}"
        #expect(problems(provider) == ["acme: the verification request uses {apiSecret}, which is not a form field"])

        provider = apiKeyProvider()
        provider.verification?.url = "{apiKey}/me"
        #expect(problems(provider) == ["acme: the verification URL starts with a placeholder that is not a URL form field"])

        provider = apiKeyProvider(id: "Acme_1")
        #expect(problems(provider) == ["Acme_1: the id must be lowercase letters, digits and dashes"])

        provider = apiKeyProvider()
        provider.formFields.append(FormField(name: "plan", label: "Plan", type: .select, required: false, secret: false))
        provider.formFields.append(FormField(name: "Region", label: "Region", type: .text, required: false, secret: false,
                                             pattern: "([a-z"))
        #expect(problems(provider) == [
            "acme: form field plan is a select without options",
            "acme: form field Region must be camelCase",
            "acme: form field Region has a pattern that does not compile",
        ])

        provider = apiKeyProvider()
        provider.webhook = WebhookScheme(kind: .hmacSHA256, signatureHeader: "X-Sig", secretField: "nope")
        #expect(problems(provider) == [
            "acme: the webhook secret field nope is not a form or override field",
            "acme: an HMAC webhook names its signature encoding",
        ])
    }

    @Test("reports duplicate ids and uncovered categories")
    func catalogRules() {
        let duplicates = ProviderCatalog.problems(in: [apiKeyProvider(), apiKeyProvider()], requireEveryCategory: false)
        #expect(duplicates == ["acme: the id is used by more than one provider"])
        let uncovered = ProviderCatalog.problems(in: [apiKeyProvider()])
        #expect(uncovered.count == ProviderCategory.allCases.count - 1)
        #expect(uncovered.contains("no provider in category DOMAINS"))
        #expect(throws: CatalogError.self) { try ProviderCatalog(providers: [apiKeyProvider()]) }
        #expect(throws: Never.self) { try ProviderCatalog(providers: [apiKeyProvider()], requireEveryCategory: false) }
    }

    @Test("loading a directory reports misnamed files, unknown keys and malformed JSON")
    func loading() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let encoder = JSONEncoder()
        try encoder.encode(apiKeyProvider()).write(to: directory.appendingPathComponent("acme.json"))
        #expect(try ProviderCatalog.load(directory: directory, requireEveryCategory: false).providers.count == 1)

        try encoder.encode(apiKeyProvider(id: "other")).write(to: directory.appendingPathComponent("wrong.json"))
        var object = try JSONSerialization.jsonObject(with: encoder.encode(apiKeyProvider(id: "typo"))) as! [String: Any]
        object["capabilites"] = ["chat"]
        try JSONSerialization.data(withJSONObject: object).write(to: directory.appendingPathComponent("typo.json"))
        try Data("{\"id\": ".utf8).write(to: directory.appendingPathComponent("broken.json"))
        let error = #expect(throws: CatalogError.self) {
            try ProviderCatalog.load(directory: directory, requireEveryCategory: false)
        }
        let problems = error?.problems ?? []
        #expect(problems.count == 3)
        #expect(problems.contains { $0.hasPrefix("broken.json: ") })
        #expect(problems.contains("typo.json: unknown key capabilites"))
        #expect(problems.contains("wrong.json: the file of provider other must be named other.json"))
    }
}
