import Foundation
import SwitchboardCatalog

extension ProviderConfiguration {
    /// The environment variable through which a router hands the configuration file's PATH to its workers (the
    /// file holds secrets: they never go on a command line or into the environment themselves).
    public static let fileEnvironmentVariable = "SWITCHBOARD_PROVIDER_CONFIG"

    /// Reads and checks the JSON configuration file at `path` against `catalog` (the bundled one by default).
    public static func load(path: String, catalog: ProviderCatalog? = nil) throws -> ProviderConfiguration {
        let url = URL(fileURLWithPath: path)
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw ProviderConfigurationError(problems: ["\(path): cannot be read"])
        }
        // It holds the platform's secrets: like the key and token files, it is for the server's user alone.
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw ProviderConfigurationError(problems: [
                "\(path) may be read by others (mode \(String(mode & 0o777, radix: 8))); chmod 600 it"
            ])
        }
        if let size = attributes[.size] as? NSNumber, size.intValue > maximumFileSize {
            throw ProviderConfigurationError(problems: ["\(path): larger than \(maximumFileSize) bytes"])
        }
        guard let data = try? Data(contentsOf: url) else {
            throw ProviderConfigurationError(problems: ["\(path): cannot be read"])
        }
        do {
            return try parse(data, catalog: catalog ?? ProviderCatalog.bundled())
        } catch let error as ProviderConfigurationError {
            throw ProviderConfigurationError(problems: error.problems.map { "\(path): \($0)" })
        }
    }

    /// Checks and reads a configuration from its JSON text. Unknown keys are errors (a misspelt key would
    /// otherwise be silently ignored).
    public static func parse(_ data: Data, catalog: ProviderCatalog) throws -> ProviderConfiguration {
        guard data.count <= maximumFileSize else {
            throw ProviderConfigurationError(problems: ["larger than \(maximumFileSize) bytes"])
        }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ProviderConfigurationError(problems: ["not a JSON object"])
        }
        var problems: [String] = []
        problems += unknownKeys(
            root, known: [
                "oauthRedirectUrl", "allowedReturnOrigins", "verificationTimeoutSeconds", "allowPrivateNetworks",
                "providers",
            ],
            path: "")

        var redirect: String?
        if let value = root["oauthRedirectUrl"] {
            if let text = value as? String {
                redirect = text
            } else {
                problems.append("oauthRedirectUrl: not a string")
            }
        }
        var origins: [String] = []
        if let value = root["allowedReturnOrigins"] {
            if let list = value as? [String] { origins = list } else {
                problems.append("allowedReturnOrigins: not a list of strings")
            }
        }
        var timeout = defaultVerificationTimeout
        if let value = root["verificationTimeoutSeconds"] {
            // JSON true/false arrive as NSNumber too, of a boolean class.
            if let number = value as? NSNumber, !String(describing: type(of: number)).contains("Boolean"),
                number.doubleValue.isFinite, number.doubleValue > 0, number.doubleValue <= 60
            {
                timeout = .milliseconds(Int64((number.doubleValue * 1000).rounded()))
            } else {
                problems.append("verificationTimeoutSeconds: must be a number more than 0 and at most 60")
            }
        }

        var allowPrivateNetworks = false
        if let value = root["allowPrivateNetworks"] {
            if let flag = value as? Bool, let number = value as? NSNumber,
                String(describing: type(of: number)).contains("Boolean")
            {
                allowPrivateNetworks = flag
            } else {
                problems.append("allowPrivateNetworks: not true or false")
            }
        }

        var apps: [String: [String: String]] = [:]
        var endpoints: [String: EndpointOverrides] = [:]
        if let value = root["providers"] {
            if let providers = value as? [String: Any] {
                for (providerID, entry) in providers.sorted(by: { $0.key < $1.key }) {
                    let path = "providers.\(providerID)"
                    guard let entry = entry as? [String: Any] else {
                        problems.append("\(path): not an object")
                        continue
                    }
                    problems += unknownKeys(entry, known: ["platformApp", "endpoints"], path: path + ".")
                    if let app = entry["platformApp"] {
                        if let values = stringObject(app) { apps[providerID] = values } else {
                            problems.append("\(path).platformApp: not an object of strings")
                        }
                    }
                    if let given = entry["endpoints"] {
                        guard let urls = stringObject(given) else {
                            problems.append("\(path).endpoints: not an object of strings")
                            continue
                        }
                        problems += unknownKeys(
                            urls, known: ["authorizeUrl", "tokenUrl", "verificationUrl", "apiBaseUrl"],
                            path: path + ".endpoints.")
                        endpoints[providerID] = EndpointOverrides(
                            authorizeURL: urls["authorizeUrl"], tokenURL: urls["tokenUrl"],
                            verificationURL: urls["verificationUrl"], apiBaseURL: urls["apiBaseUrl"])
                    }
                    if entry["platformApp"] == nil, entry["endpoints"] == nil, catalog.provider(id: providerID) == nil {
                        problems.append("\(path): no such provider in the catalog")
                    }
                }
            } else {
                problems.append("providers: not an object")
            }
        }

        do {
            let configuration = try ProviderConfiguration(
                platformApps: apps, endpoints: endpoints, oauthRedirectURL: redirect, allowedReturnOrigins: origins,
                verificationTimeout: timeout, allowPrivateNetworks: allowPrivateNetworks, catalog: catalog)
            guard problems.isEmpty else { throw ProviderConfigurationError(problems: problems) }
            return configuration
        } catch let error as ProviderConfigurationError {
            // Problems of the structure first, then those of the values; each once.
            var all = problems
            for problem in error.problems where !all.contains(problem) { all.append(problem) }
            throw ProviderConfigurationError(problems: all)
        }
    }

    private static func unknownKeys(_ object: [String: Any], known: Set<String>, path: String) -> [String] {
        object.keys.sorted().filter { !known.contains($0) }.map { "\(path)\($0): unknown key" }
    }

    private static func stringObject(_ value: Any) -> [String: String]? {
        guard let object = value as? [String: Any] else { return nil }
        var strings: [String: String] = [:]
        for (key, value) in object {
            guard let text = value as? String else { return nil }
            strings[key] = text
        }
        return strings
    }
}

/// The rules a provider configuration must follow.
enum ProviderConfigurationValidation {
    /// The key of a platform app that holds the secret the platform's webhooks are signed with (for providers
    /// whose webhook scheme names no form field).
    static let webhookSecretField = "webhookSecret"

    /// A platform app is for HYBRID providers only (a TENANT_MANAGED provider never falls back to the platform),
    /// and its values must fill the provider's override form (the same shape as a tenant's own app or key).
    static func platformAppProblems(_ values: [String: String], provider: Provider) -> [String] {
        guard provider.credentialMode == .hybrid, provider.platformDefault else {
            return ["\(provider.name) is TENANT_MANAGED: tenants bring their own credentials, the platform has none"]
        }
        var formValues = values
        if !provider.effectiveOverrideFields.contains(where: { $0.name == webhookSecretField }) {
            formValues[webhookSecretField] = nil
        }
        return provider.validateOverride(formValues).map(\.message)
    }

    static func endpointProblems(_ override: ProviderConfiguration.EndpointOverrides, provider: Provider) -> [String] {
        var problems: [String] = []
        func check(_ url: String?, _ key: String, applies: Bool, why: String) {
            guard let url else { return }
            if !applies {
                problems.append("\(key): \(provider.name) \(why)")
            } else if !isAbsoluteHTTPURL(url) {
                problems.append("\(key): not an absolute http(s) URL")
            }
        }
        check(override.authorizeURL, "authorizeUrl", applies: provider.oauth != nil, why: "does not use OAuth")
        check(override.tokenURL, "tokenUrl", applies: provider.oauth != nil, why: "does not use OAuth")
        check(
            override.verificationURL, "verificationUrl", applies: provider.verification?.kind == .http,
            why: "has no HTTP verification request")
        check(override.apiBaseURL, "apiBaseUrl", applies: true, why: "")
        return problems
    }

    /// Whether `url` is an absolute `http` or `https` URL with a host. `{name}` placeholders may stand in its path
    /// and query (the verification request fills them in), not in its scheme or host.
    static func isAbsoluteHTTPURL(_ url: String) -> Bool {
        let filled = url.replacingOccurrences(of: #"\{[A-Za-z][A-Za-z0-9_]*\}"#, with: "x", options: .regularExpression)
        guard let components = URLComponents(string: filled), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            components.user == nil, components.password == nil
        else { return false }
        let authority = url.dropFirst(scheme.count + 3).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !authority.contains("{")
    }

    /// The origin `scheme://host[:port]` (lowercase, default ports left out) that `text` is exactly; nil when it
    /// is not one (a path, query or fragment, another scheme).
    static func origin(_ text: String) -> String? {
        guard let components = URLComponents(string: text), components.path.isEmpty || components.path == "/",
            components.query == nil, components.fragment == nil
        else { return nil }
        return origin(of: components)
    }

    /// The origin of an absolute http(s) URL.
    static func origin(ofURL text: String) -> String? {
        guard let components = URLComponents(string: text) else { return nil }
        return origin(of: components)
    }

    private static func origin(of components: URLComponents) -> String? {
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host?.lowercased(), !host.isEmpty, components.user == nil,
            components.password == nil
        else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = components.port.map { $0 == defaultPort ? "" : ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)"
    }
}
