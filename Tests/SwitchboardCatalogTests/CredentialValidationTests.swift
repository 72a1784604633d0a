import Foundation
import Testing
@testable import SwitchboardCatalog

@Suite("Credential validation")
struct CredentialValidationTests {
    func provider(_ id: String) throws -> Provider { try #require(catalog[id]) }

    @Test("accepts complete, well-formed credentials")
    func valid() throws {
        let openai = try provider("openai")
        #expect(catalog.validateCredentials(["apiKey": "sk-proj-abcdefghijklmnopqrstuvwx"], for: openai).isEmpty)
        #expect(openai.validateCredentials([
            "apiKey": "sk-proj-abcdefghijklmnopqrstuvwx", "organization": "org-abc123", "project": "",
        ]).isEmpty)
        let jira = try provider("jira")
        #expect(jira.validateCredentials([
            "siteUrl": "https://acme.atlassian.net", "email": "ops@acme.example", "apiToken": "ATATT3x",
        ]).isEmpty)
    }

    @Test("reports missing required fields, blank ones included")
    func required() throws {
        let stripe = try provider("stripe")
        #expect(stripe.validateCredentials([:]) == [
            FieldError(field: "secretKey", code: .required, message: "Secret key is required"),
        ])
        #expect(stripe.validateCredentials(["secretKey": "   "]).map(\.code) == [.required])
        let jira = try provider("jira")
        #expect(jira.validateCredentials([:]).map(\.field) == ["siteUrl", "email", "apiToken"])
    }

    @Test("a required field with a default may be left out")
    func defaults() throws {
        let ollama = try provider("ollama")
        #expect(ollama.validateCredentials([:]).isEmpty)
        #expect(ollama.applyingDefaults(to: [:]) == ["baseUrl": "http://localhost:11434"])
        #expect(ollama.applyingDefaults(to: ["baseUrl": "http://gpu-box:11434"]) == ["baseUrl": "http://gpu-box:11434"])
    }

    @Test("reports unknown fields by name")
    func unknown() throws {
        let errors = try provider("stripe").validateCredentials(["secretKey": "sk_test_abc", "apikey": "x", "extra": "y"])
        #expect(errors.map(\.field) == ["apikey", "extra"])
        #expect(errors.allSatisfy { $0.code == .unknownField })
        #expect(errors[0].message == "Unknown field apikey; expected secretKey, webhookSecret")
        let noFields = try provider("github").validateCredentials(["token": "x"])
        #expect(noFields.first?.message == "Unknown field token; this provider takes no fields")
    }

    @Test("checks patterns against the whole value and never echoes it")
    func patterns() throws {
        let stripe = try provider("stripe")
        for bad in ["pk_live_abc", "sk_live_", "xsk_live_abc", "sk_live_abc\n", "sk_live_abc def"] {
            let errors = stripe.validateCredentials(["secretKey": bad])
            #expect(errors.map(\.code) == [.patternMismatch], "\(bad)")
            #expect(errors.allSatisfy { !$0.message.contains(bad.trimmingCharacters(in: .whitespacesAndNewlines)) })
        }
        #expect(stripe.validateCredentials(["secretKey": "rk_test_51Habc"]).isEmpty)
        let telegram = try provider("telegram")
        #expect(telegram.validateCredentials(["botToken": "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"]).isEmpty)
        #expect(telegram.validateCredentials(["botToken": "not-a-bot-token"]).map(\.code) == [.patternMismatch])
    }

    @Test("checks selects, URLs, e-mail addresses and lengths")
    func types() throws {
        let datadog = try provider("datadog")
        let apiKey = String(repeating: "a", count: 32)
        #expect(datadog.validateCredentials(["apiKey": apiKey, "site": "datadoghq.eu"]).isEmpty)
        let badSite = datadog.validateCredentials(["apiKey": apiKey, "site": "example.com"])
        #expect(badSite.map(\.code) == [.invalidOption])
        #expect(badSite.first?.message.contains("datadoghq.com") == true)

        let okta = try provider("okta")
        for bad in ["okta.com", "ftp://okta.example", "https://", "not a url"] {
            #expect(okta.validateCredentials(["orgUrl": bad, "apiToken": "t"]).map(\.code) == [.invalidURL], "\(bad)")
        }
        #expect(okta.validateCredentials(["orgUrl": "https://acme.okta.com", "apiToken": "t"]).isEmpty)

        let jira = try provider("jira")
        for bad in ["ops", "ops@", "@acme.example", "ops@acme", "o ps@acme.example", "a@b@c.example"] {
            let errors = jira.validateCredentials(["siteUrl": "https://acme.atlassian.net", "email": bad, "apiToken": "t"])
            #expect(errors.map(\.code) == [.invalidEmail], "\(bad)")
        }

        let long = String(repeating: "x", count: Provider.maximumValueLength + 1)
        #expect(try provider("mistral").validateCredentials(["apiKey": long]).map(\.code) == [.tooLong])
    }

    @Test("checks numbers")
    func numbers() {
        let fields = [FormField(name: "port", label: "Port", type: .number, required: true, secret: false)]
        #expect(Provider.validate(["port": "5432"], against: fields).isEmpty)
        #expect(Provider.validate(["port": "fifty"], against: fields).map(\.code) == [.invalidNumber])
    }

    @Test("checks overrides against the OAuth app fields of an OAuth provider")
    func overrides() throws {
        let github = try provider("github")
        #expect(github.validateOverride(["clientId": "Iv1.abc", "clientSecret": "s3cr3t"]).isEmpty)
        #expect(github.validateOverride(["clientId": "Iv1.abc"]).map(\.field) == ["clientSecret"])
        #expect(github.secretFieldNames == ["clientSecret", "webhookSecret"])
        let openai = try provider("openai")
        #expect(openai.effectiveOverrideFields == openai.formFields)
    }
}

@Suite("Verification requests")
struct VerificationRequestTests {
    func provider(_ id: String) throws -> Provider { try #require(catalog[id]) }

    @Test("fills in headers and leaves out those whose optional value is missing")
    func headers() throws {
        let request = try #require(try provider("openai").prepareVerification(values: ["apiKey": "sk-test", "project": "proj_1"]))
        #expect(request.method == "GET")
        #expect(request.url == "https://api.openai.com/v1/models")
        #expect(request.headers == ["Authorization": "Bearer sk-test", "OpenAI-Project": "proj_1"])
        #expect(request.body == nil)
        #expect(request.expectedStatus == [200])
    }

    @Test("uses the OAuth access token")
    func oauth() throws {
        let request = try #require(try provider("github").prepareVerification(values: [:], accessToken: "gho_abc"))
        #expect(request.headers["Authorization"] == "Bearer gho_abc")
        #expect(request.headers["User-Agent"] == "Switchboard")
        #expect(throws: TemplateError.missingValue(field: "accessToken")) {
            try provider("supabase").prepareVerification(values: [:]).map { _ in () }
        }
    }

    @Test("puts URL fields in as they are and encodes other values")
    func urls() throws {
        let ollama = try #require(try provider("ollama").prepareVerification(values: ["baseUrl": "http://gpu:11434/"]))
        #expect(ollama.url == "http://gpu:11434/api/tags")
        let defaulted = try #require(try provider("ollama").prepareVerification(values: [:]))
        #expect(defaulted.url == "http://localhost:11434/api/tags")
        let telegram = try #require(try provider("telegram").prepareVerification(values: ["botToken": "123:AB/C?D"]))
        #expect(telegram.url == "https://api.telegram.org/bot123:AB%2FC%3FD/getMe")
        #expect(telegram.successField == "ok")
        let datadog = try #require(try provider("datadog").prepareVerification(values: ["apiKey": "k", "site": "datadoghq.eu"]))
        #expect(datadog.url == "https://api.datadoghq.eu/api/v1/validate")
    }

    @Test("appends encoded query parameters")
    func query() throws {
        let request = try #require(try provider("google-cloud-storage").prepareVerification(
            values: ["projectId": "my project&x"], accessToken: "ya29"))
        #expect(request.url == "https://storage.googleapis.com/storage/v1/b?maxResults=1&project=my%20project%26x")
    }

    @Test("builds basic authentication")
    func basic() throws {
        let request = try #require(try provider("twilio").prepareVerification(
            values: ["accountSid": "AC123", "authToken": "tok"]))
        #expect(request.url == "https://api.twilio.com/2010-04-01/Accounts/AC123.json")
        #expect(request.headers["Authorization"] == "Basic " + Data("AC123:tok".utf8).base64EncodedString())
    }

    @Test("JSON-escapes values in JSON bodies")
    func jsonBody() throws {
        let request = try #require(try provider("auth0").prepareVerification(
            values: ["domain": "acme.us.auth0.com", "clientId": "id", "clientSecret": "a\"b\\c\n"]))
        #expect(request.url == "https://acme.us.auth0.com/oauth/token")
        #expect(request.headers["Content-Type"] == "application/json")
        let body = try JSONSerialization.jsonObject(with: Data(try #require(request.body).utf8)) as? [String: String]
        #expect(body?["client_secret"] == "a\"b\\c\n")
        #expect(body?["audience"] == "https://acme.us.auth0.com/api/v2/")
        let linear = try #require(try provider("linear").prepareVerification(values: [:], accessToken: "lin"))
        #expect(linear.body == "{\"query\": \"query { viewer { id } }\"}")
    }

    @Test("refuses values that would break a header")
    func headerInjection() throws {
        #expect(throws: TemplateError.invalidValue(field: "apiKey")) {
            try provider("openai").prepareVerification(values: ["apiKey": "sk\r\nX-Evil: 1"]).map { _ in () }
        }
    }

    @Test("PostgreSQL verification carries the connection string")
    func postgres() throws {
        let request = try #require(try provider("postgresql").prepareVerification(
            values: ["connectionString": "postgresql://u:p@db/x"]))
        #expect(request.kind == .postgres)
        #expect(request.url == "postgresql://u:p@db/x")
        #expect(!request.description.contains("u:p"))
    }

    @Test("descriptions never show credentials")
    func redacted() throws {
        let request = try #require(try provider("telegram").prepareVerification(values: ["botToken": "123:SECRET"]))
        #expect(request.description == "PreparedRequest(GET api.telegram.org, credentials redacted)")
        #expect(!"\(request)".contains("SECRET"))
        #expect(try provider("aws-s3").prepareVerification(values: [:]) == nil)
    }

    @Test("placeholders are identifiers in braces; JSON and GraphQL braces are text")
    func templates() {
        #expect(Template.variables(in: "{baseUrl}/api/{id}") == ["baseUrl", "id"])
        #expect(Template.variables(in: "{\"query\": \"query { me { id } }\"}").isEmpty)
        #expect(Template.variables(in: "{}{1x}{ a }{a b}").isEmpty)
        #expect(Template.render("x{a}y{b}", { ["a": "1", "b": "2"][$0] }) == "x1y2")
        #expect(Template.render("x{a}y{b}", { ["a": "1"][$0] }) == nil)
    }
}
