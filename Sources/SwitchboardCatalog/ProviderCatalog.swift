import Foundation

/// The providers of one category.
public struct ProviderGroup: Sendable, Hashable {
    public var category: ProviderCategory
    public var providers: [Provider]
}

/// Why a catalog could not be loaded: every problem found, each naming its provider or file.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public var description: String {
        "invalid provider catalog (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "- \($0)" }.joined(separator: "\n")
    }
}

/// The provider catalog: every provider, validated, with lookups, filters and grouping.
///
/// The data ships with this module (`Resources/providers/<id>.json`, one file per provider); `bundled()` loads
/// and validates it once per process.
public struct ProviderCatalog: Sendable {
    /// Every provider, in category order (the enum's) and then by name.
    public let providers: [Provider]
    private let index: [String: Int]

    /// A catalog of `providers`, validated (see `ProviderCatalog.problems(in:requireEveryCategory:)`).
    public init(providers: [Provider], requireEveryCategory: Bool = true) throws(CatalogError) {
        let problems = Self.problems(in: providers, requireEveryCategory: requireEveryCategory)
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        let categoryOrder = Dictionary(
            uniqueKeysWithValues: ProviderCategory.allCases.enumerated().map { ($1, $0) })
        self.providers = providers.sorted {
            let left = categoryOrder[$0.category]!
            let right = categoryOrder[$1.category]!
            if left != right { return left < right }
            return $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending
        }
        index = Dictionary(uniqueKeysWithValues: self.providers.enumerated().map { ($1.id, $0) })
    }

    // MARK: Loading

    /// The catalog shipped with this module, loaded and validated on first use.
    public static func bundled() throws(CatalogError) -> ProviderCatalog {
        try bundledResult.get()
    }

    private static let bundledResult: Result<ProviderCatalog, CatalogError> = Result {
        () throws(CatalogError) -> ProviderCatalog in
        guard let directory = bundledDirectory else {
            throw CatalogError(problems: ["the providers directory is missing from the module's resources"])
        }
        return try load(directory: directory)
    }

    /// Where the shipped provider files are.
    public static var bundledDirectory: URL? {
        Bundle.module.url(forResource: "providers", withExtension: nil)
    }

    /// Loads every `*.json` file of `directory` as one provider and validates the result. Each file's name must
    /// be its provider's id, and its keys must all be known (a misspelled key is an error, not a silent default).
    public static func load(directory: URL, requireEveryCategory: Bool = true) throws(CatalogError) -> ProviderCatalog {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw CatalogError(problems: ["cannot list \(directory.path): \(error.localizedDescription)"])
        }
        var providers: [Provider] = []
        var problems: [String] = []
        for file in files {
            let name = file.lastPathComponent
            do {
                let data = try Data(contentsOf: file)
                problems += unknownKeys(in: data).map { "\(name): unknown key \($0)" }
                let provider = try JSONDecoder().decode(Provider.self, from: data)
                if provider.id + ".json" != name {
                    problems.append("\(name): the file of provider \(provider.id) must be named \(provider.id).json")
                }
                providers.append(provider)
            } catch let error as DecodingError {
                problems.append("\(name): \(describe(error))")
            } catch {
                problems.append("\(name): \(error.localizedDescription)")
            }
        }
        if files.isEmpty { problems.append("no provider files in \(directory.path)") }
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        return try ProviderCatalog(providers: providers, requireEveryCategory: requireEveryCategory)
    }

    // MARK: Lookups

    /// The provider with this id.
    public func provider(id: String) -> Provider? {
        index[id].map { providers[$0] }
    }

    public subscript(id: String) -> Provider? { provider(id: id) }

    /// The providers matching every given filter; `search` is a case- and diacritic-insensitive substring of the
    /// name, the id or the description. A blank search matches everything.
    public func providers(
        category: ProviderCategory? = nil, authType: AuthType? = nil, search: String? = nil
    ) -> [Provider] {
        let needle = search?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return providers.filter { provider in
            if let category, provider.category != category { return false }
            if let authType, provider.authType != authType { return false }
            if needle.isEmpty { return true }
            return [provider.name, provider.id, provider.description].contains {
                $0.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) != nil
            }
        }
    }

    /// The providers grouped by category, in the order of `ProviderCategory`; empty categories are left out.
    public func groupedByCategory() -> [ProviderGroup] {
        let byCategory = Dictionary(grouping: providers, by: \.category)
        return ProviderCategory.allCases.compactMap { category in
            byCategory[category].map { ProviderGroup(category: category, providers: $0) }
        }
    }

    /// Checks connection credentials against the provider's form fields (see `Provider.validateCredentials`).
    public func validateCredentials(_ values: [String: String], for provider: Provider) -> [FieldError] {
        provider.validateCredentials(values)
    }

    // MARK: Test stand-ins

    /// This catalog with the endpoints of some providers pointed at other servers, e.g. a local stand-in in tests:
    /// for each `providerID: baseURL`, the scheme and host of the provider's OAuth, verification and API URLs are
    /// replaced by `baseURL` (whose own path, if any, is put in front of theirs). URLs that begin with a
    /// placeholder (a tenant's own server) are left alone.
    public func withEndpointOverrides(_ overrides: [String: String]) throws(CatalogError) -> ProviderCatalog {
        var problems: [String] = []
        var providers = self.providers
        for (providerID, baseURL) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let position = index[providerID] else {
                problems.append("no provider \(providerID) to override")
                continue
            }
            guard let base = URLComponents(string: baseURL), base.scheme != nil, base.host != nil else {
                problems.append("\(providerID): \(baseURL) is not an absolute URL")
                continue
            }
            providers[position] = Self.overriding(providers[position], baseURL: baseURL)
        }
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        return try ProviderCatalog(providers: providers, requireEveryCategory: false)
    }

    private static func overriding(_ provider: Provider, baseURL: String) -> Provider {
        var provider = provider
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        func rebase(_ url: String) -> String {
            guard let schemeEnd = url.range(of: "://"), !url.hasPrefix("{") else { return url }
            let afterScheme = url[schemeEnd.upperBound...]
            let path = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterScheme[$0...] } ?? ""
            return base + path
        }
        if var oauth = provider.oauth {
            oauth.authorizeURL = rebase(oauth.authorizeURL)
            oauth.tokenURL = rebase(oauth.tokenURL)
            oauth.revokeURL = oauth.revokeURL.map(rebase)
            provider.oauth = oauth
        }
        if var verification = provider.verification, verification.kind == .http {
            verification.url = rebase(verification.url)
            provider.verification = verification
        }
        provider.apiBaseURL = provider.apiBaseURL.map(rebase)
        return provider
    }

    // MARK: Decoding diagnostics

    /// Keys of the JSON object in `data` (and its nested provider objects) that the model does not know.
    private static func unknownKeys(in data: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        var unknown: [String] = []
        func check(_ object: [String: Any], known: [String], path: String) {
            for key in object.keys.sorted() where !known.contains(key) {
                unknown.append(path + key)
            }
        }
        func checkFields(_ value: Any?, path: String) {
            for (offset, field) in ((value as? [[String: Any]]) ?? []).enumerated() {
                check(field, known: FormField.CodingKeys.allCases.map(\.rawValue), path: "\(path)[\(offset)].")
            }
        }
        check(object, known: Provider.CodingKeys.allCases.map(\.rawValue), path: "")
        checkFields(object["formFields"], path: "formFields")
        checkFields(object["overrideFields"], path: "overrideFields")
        if let oauth = object["oauth"] as? [String: Any] {
            check(oauth, known: OAuthSettings.CodingKeys.allCases.map(\.rawValue), path: "oauth.")
            if let hints = oauth["tokenResponse"] as? [String: Any] {
                check(hints, known: TokenResponseHints.CodingKeys.allCases.map(\.rawValue), path: "oauth.tokenResponse.")
            }
        }
        if let verification = object["verification"] as? [String: Any] {
            check(verification, known: VerificationRequest.CodingKeys.allCases.map(\.rawValue), path: "verification.")
        }
        if let webhook = object["webhook"] as? [String: Any] {
            check(webhook, known: WebhookScheme.CodingKeys.allCases.map(\.rawValue), path: "webhook.")
        }
        return unknown
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys.dropFirst(keys.hasPrefix(".") ? 1 : 0))"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing key \(key.stringValue)\(path(context))"
        case .typeMismatch(_, let context): return "\(context.debugDescription)\(path(context))"
        case .valueNotFound(_, let context): return "\(context.debugDescription)\(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}
