import Foundation

/// The rules every catalog entry follows. Each rule turns a data mistake that would surface later, in a form,
/// an OAuth redirect or a verification call, into a problem reported when the catalog loads.
extension ProviderCatalog {
    /// Auth types whose connection form must hold at least one secret.
    static let authTypesNeedingSecrets: Set<AuthType> = [.apiKey, .basic, .bearerToken, .jwt, .connectionString]

    /// Everything wrong with `providers`, as readable sentences; empty when the catalog is valid.
    public static func problems(in providers: [Provider], requireEveryCategory: Bool = true) -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for provider in providers {
            if !seen.insert(provider.id).inserted {
                problems.append("\(provider.id): the id is used by more than one provider")
            }
            problems += self.problems(in: provider).map { "\(provider.id): \($0)" }
        }
        if requireEveryCategory {
            let covered = Set(providers.map(\.category))
            for category in ProviderCategory.allCases where !covered.contains(category) {
                problems.append("no provider in category \(category.rawValue)")
            }
        }
        return problems
    }

    static func problems(in provider: Provider) -> [String] {
        var problems: [String] = []
        if !matches(provider.id, "[a-z0-9][a-z0-9-]*") {
            problems.append("the id must be lowercase letters, digits and dashes")
        }
        if provider.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("the name is empty") }
        if provider.description.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("the description is empty")
        }
        if provider.capabilities.isEmpty { problems.append("it has no capabilities") }
        for capability in provider.capabilities where !matches(capability, "[a-z][a-z0-9_]*") {
            problems.append("capability \(capability) must be lowercase snake_case")
        }
        if Set(provider.capabilities).count != provider.capabilities.count {
            problems.append("a capability is listed twice")
        }

        // Credential mode.
        switch provider.credentialMode {
        case .hybrid:
            if !provider.platformDefault { problems.append("a HYBRID provider has platform default credentials") }
        case .tenantManaged:
            if provider.platformDefault { problems.append("a TENANT_MANAGED provider has no platform default") }
            if provider.supportsTenantOverride {
                problems.append("a TENANT_MANAGED provider has nothing to override")
            }
        }

        // Forms.
        problems += fieldProblems(provider.formFields, label: "form field")
        if let overrideFields = provider.overrideFields {
            problems += fieldProblems(overrideFields, label: "override field")
            if !provider.supportsTenantOverride { problems.append("override fields without tenant overrides") }
        }
        if authTypesNeedingSecrets.contains(provider.authType), !provider.formFields.contains(where: \.secret) {
            problems.append("a \(provider.authType.rawValue) provider needs at least one secret form field")
        }
        if provider.authType == .noCredentials, provider.credentialMode != .tenantManaged {
            problems.append("a provider without credentials is TENANT_MANAGED")
        }

        // OAuth.
        if provider.authType == .oauth2 {
            if let oauth = provider.oauth {
                problems += urlProblems(oauth.authorizeURL, "the authorize URL")
                problems += urlProblems(oauth.tokenURL, "the token URL")
                if let revoke = oauth.revokeURL { problems += urlProblems(revoke, "the revoke URL") }
                if oauth.scopeSeparator != " ", oauth.scopeSeparator != "," {
                    problems.append("the scope separator is a space or a comma")
                }
                if oauth.scopes.contains(where: { $0.isEmpty || $0.contains(oauth.scopeSeparator) }) {
                    problems.append("a scope is empty or contains the scope separator")
                }
            } else {
                problems.append("an OAUTH2 provider needs OAuth settings")
            }
        } else if provider.oauth != nil {
            problems.append("only OAUTH2 providers have OAuth settings")
        }

        // URLs.
        problems += urlProblems(provider.docsURL, "the docs URL")
        if let icon = provider.iconURL { problems += urlProblems(icon, "the icon URL") }
        if let api = provider.apiBaseURL { problems += urlProblems(api, "the API base URL", provider: provider) }

        // Verification.
        if let verification = provider.verification {
            problems += verificationProblems(verification, provider: provider)
        }

        // Webhooks.
        if let webhook = provider.webhook {
            if webhook.signatureHeader.isEmpty { problems.append("the webhook signature header is empty") }
            if let field = webhook.secretField,
                !(provider.formFields + provider.effectiveOverrideFields).contains(where: { $0.name == field })
            {
                problems.append("the webhook secret field \(field) is not a form or override field")
            }
            switch webhook.kind {
            case .slack, .svix, .ed25519:
                if webhook.timestampHeader == nil { problems.append("a \(webhook.kind) webhook has a timestamp header") }
            case .hmacSHA256, .hmacSHA1:
                if webhook.encoding == nil { problems.append("an HMAC webhook names its signature encoding") }
            case .stripe, .paddle, .token:
                break
            }
        }
        return problems
    }

    private static func fieldProblems(_ fields: [FormField], label: String) -> [String] {
        var problems: [String] = []
        var names: Set<String> = []
        for field in fields {
            let name = field.name
            if !names.insert(name).inserted { problems.append("\(label) \(name) is listed twice") }
            if !matches(name, "[a-z][A-Za-z0-9]*") { problems.append("\(label) \(name) must be camelCase") }
            if field.label.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(label) \(name) has no label") }
            if field.type == .password, !field.secret { problems.append("\(label) \(name) is a password, so secret") }
            if field.type == .select {
                if field.options?.isEmpty ?? true { problems.append("\(label) \(name) is a select without options") }
            } else if field.options != nil {
                problems.append("\(label) \(name) has options but is not a select")
            }
            if let pattern = field.pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
                problems.append("\(label) \(name) has a pattern that does not compile")
            }
            if let defaultValue = field.defaultValue {
                if field.secret { problems.append("\(label) \(name) is secret and cannot have a default") }
                let errors = Provider.validate([name: defaultValue], against: [field])
                if !errors.isEmpty { problems.append("\(label) \(name) has an invalid default") }
            }
        }
        return problems
    }

    private static func verificationProblems(_ verification: VerificationRequest, provider: Provider) -> [String] {
        var problems: [String] = []
        var known = Set(provider.formFields.map(\.name))
        if provider.authType == .oauth2 { known.insert("accessToken") }
        for template in verification.templates {
            for variable in Template.variables(in: template) where !known.contains(variable) {
                problems.append("the verification request uses {\(variable)}, which is not a form field")
            }
        }
        switch verification.kind {
        case .http:
            if !["GET", "POST", "HEAD"].contains(verification.method) {
                problems.append("the verification method is GET, POST or HEAD")
            }
            problems += urlProblems(verification.url, "the verification URL", provider: provider)
            if verification.method == "GET", verification.body != nil {
                problems.append("a GET verification request has no body")
            }
        case .postgres:
            if provider.authType != .connectionString {
                problems.append("a POSTGRES verification belongs to a CONNECTION_STRING provider")
            }
        }
        if verification.expectedStatus.isEmpty || verification.expectedStatus.contains(where: { !(100...599).contains($0) }) {
            problems.append("the verification expects HTTP statuses (100-599)")
        }
        return problems
    }

    /// URLs are https, except local ones (a tenant's own machine) and those that start with a placeholder for a
    /// URL form field (the tenant's own server).
    private static func urlProblems(_ url: String, _ what: String, provider: Provider? = nil) -> [String] {
        if url.hasPrefix("{") {
            let variable = Template.variables(in: url).first
            let isURLField = provider?.formFields.contains { $0.name == variable && $0.type == .url } ?? false
            return isURLField && url.hasPrefix("{\(variable ?? "")}")
                ? [] : ["\(what) starts with a placeholder that is not a URL form field"]
        }
        if url.hasPrefix("https://"), url.count > "https://".count { return [] }
        if isLocal(url) { return [] }
        return ["\(what) \(url) is not https"]
    }

    static func isLocal(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        return url.hasPrefix("http://") && (host == "localhost" || host == "127.0.0.1" || host == "::1"
            || host == "[::1]" || host.hasSuffix(".localhost"))
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        Provider.fullyMatches(text, pattern: pattern)
    }
}
