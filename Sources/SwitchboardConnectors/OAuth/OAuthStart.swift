import Foundation
import SwitchboardCatalog
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres

/// What `startOAuth` returns. Never the code verifier: it stays sealed in the database until the callback.
struct StartOAuthPayloadRecord: Sendable {
    let authorizationURL: String
    let state: String
    let codeChallengeMethod: String
    let expiresAt: Date
    let providerID: String
    let scopes: [String]
    let redirectURI: String
}

/// `startOAuth` (RFC 6749 §4.1.1 with PKCE, RFC 7636): a random state stored as its hash with the tenant,
/// provider, sealed code verifier, redirect URI, return URL and scopes; the provider's authorization URL to send
/// the user to.
enum OAuthStart {
    static let maximumReturnURLLength = 2048
    static let maximumScopes = 50
    static let maximumScopeLength = 200

    static func start(
        tenantID: String, providerID: String, returnURL rawReturnURL: String, scopes requested: [String]?,
        context: ConnectorContext
    ) async throws -> StartOAuthPayloadRecord {
        let services = context.services
        guard let provider = context.catalog.provider(id: providerID) else {
            throw ConnectorError.providerNotFound(providerID)
        }
        guard provider.authType == .oauth2, let oauth = provider.oauth else {
            throw ConnectorError.badInput(
                "\(provider.name) does not connect with OAuth; create its connector with credentials instead.")
        }
        let returnURL = try checkedReturnURL(rawReturnURL, services: services)
        let scopes = try checkedScopes(requested ?? oauth.scopes, separator: oauth.scopeSeparator)
        guard let redirectURI = OAuthProviderAccess.redirectURL(services: services) else {
            throw ConnectorError(
                .oauthNotConfigured,
                "The server has no OAuth redirect URL (oauthRedirectUrl in its provider configuration).")
        }
        let endpoints = OAuthProviderAccess.endpoints(provider, oauth, services: services)
        let options = services.oauth.options

        let state = OAuthSecrets.newState()
        let stateHash = OAuthSecrets.stateHash(state)
        let verifier = OAuthSecrets.newCodeVerifier()

        let (expiresAt, client) = try await context.transaction(.tenant(tenantID)) { transaction in
            guard let client = try await OAuthProviderAccess.client(
                provider, tenantID: tenantID, services: services, in: transaction)
            else {
                throw ConnectorError(
                    .oauthNotConfigured,
                    provider.credentialMode == .tenantManaged
                        ? "\(provider.name) needs the tenant's own OAuth app: set it with setCredentialOverride first."
                        : "No OAuth app is configured for \(provider.name): the platform has none, and the tenant "
                            + "has set no override.")
            }
            let pending = try await OAuthStore.pendingStateCount(tenantID: tenantID, in: transaction)
            guard pending < options.maximumPendingStates else {
                throw ConnectorError.badInput(
                    "Too many OAuth flows under way (\(pending)); finish them or wait until they expire.")
            }
            let key = try await ConnectorMutations.currentKey(tenantID, context, in: transaction)
            let sealed = CredentialSealing.seal(
                ["codeVerifier": verifier], key: key, tenantID: tenantID,
                owner: CredentialSealing.oauthStateBinding(stateHash: stateHash))[0]
            let expiresAt = try await OAuthStore.insertState(
                tenantID: tenantID, stateHash: stateHash, providerID: provider.id, verifier: sealed,
                redirectURI: redirectURI, returnURL: returnURL, scopes: scopes,
                lifetimeSeconds: options.stateLifetimeSeconds, in: transaction)
            try await AuditLog.record(
                AuditEvent(
                    kind: .oauthStarted, providerID: provider.id, details: ["scopes": scopes.joined(separator: " ")]),
                tenantID: tenantID, in: transaction)
            return (expiresAt, client)
        }

        var parameters: [(String, String)] = [
            ("response_type", "code"), ("client_id", client.clientID), ("redirect_uri", redirectURI),
        ]
        if !scopes.isEmpty { parameters.append(("scope", scopes.joined(separator: oauth.scopeSeparator))) }
        parameters.append(("state", state))
        if oauth.pkce {
            parameters += [
                ("code_challenge", OAuthSecrets.codeChallengeS256(verifier)), ("code_challenge_method", "S256"),
            ]
        }
        for (name, value) in oauth.extraAuthorizeParameters.sorted(by: { $0.key < $1.key })
        where !parameters.contains(where: { $0.0 == name }) {
            parameters.append((name, value))
        }
        let query = parameters.map { TokenRequests.formEncode($0.0) + "=" + TokenRequests.formEncode($0.1) }
            .joined(separator: "&")
        let separator = endpoints.authorizeURL.contains("?") ? "&" : "?"
        return StartOAuthPayloadRecord(
            authorizationURL: endpoints.authorizeURL + separator + query, state: state,
            codeChallengeMethod: oauth.pkce ? "S256" : "none", expiresAt: expiresAt, providerID: provider.id,
            scopes: scopes, redirectURI: redirectURI)
    }

    /// `returnUrl` when it is an absolute http(s) URL, without credentials, of an origin the server allows (so
    /// the callback cannot be made an open redirect); BAD_USER_INPUT otherwise.
    static func checkedReturnURL(_ raw: String, services: ConnectorServices) throws -> String {
        let url = raw.trimmingCharacters(in: .whitespaces)
        guard url.utf8.count <= maximumReturnURLLength else {
            throw ConnectorError.badInput("returnUrl is longer than \(maximumReturnURLLength) bytes.")
        }
        guard let origin = origin(of: url) else {
            throw ConnectorError.badInput("returnUrl must be an absolute http or https URL.")
        }
        guard OAuthProviderAccess.allowsReturnOrigin(origin, services: services) else {
            throw ConnectorError.badInput(
                "returnUrl's origin \(origin) is not among the server's allowed return origins (allowedReturnOrigins).")
        }
        return url
    }

    /// `scheme://host[:port]` of an absolute http(s) URL, lowercase, the port only when it is not the default;
    /// nil for anything else (relative, other schemes, user info, no host, control characters).
    static func origin(of url: String) -> String? {
        guard !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" }),
              let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host?.lowercased(), !host.isEmpty,
              components.user == nil, components.password == nil,
              url.lowercased().hasPrefix(scheme + "://")
        else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = components.port.flatMap { $0 == defaultPort ? nil : $0 }
        return scheme + "://" + host + (port.map { ":\($0)" } ?? "")
    }

    private static func checkedScopes(_ scopes: [String], separator: String) throws -> [String] {
        guard scopes.count <= maximumScopes else {
            throw ConnectorError.badInput("scopes may list at most \(maximumScopes) scopes.")
        }
        for scope in scopes {
            guard (1...maximumScopeLength).contains(scope.utf8.count),
                  !scope.unicodeScalars.contains(where: {
                      $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "\\"
                  }),
                  !scope.contains(separator)
            else {
                throw ConnectorError.badInput(
                    "Each scope must be 1 to \(maximumScopeLength) printable characters without spaces, quotes or "
                        + "\"\(separator)\".")
            }
        }
        var seen = Set<String>()
        return scopes.filter { seen.insert($0).inserted }
    }
}
