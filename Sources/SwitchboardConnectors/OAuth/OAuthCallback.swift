import Foundation
import SwitchboardCatalog
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres

/// `GET /oauth/callback?code&state` (RFC 6749 §4.1.2): the provider sends the user back here.
///
/// Everything the callback changes happens in ONE transaction that holds the state's row locked: the code
/// exchange at the token endpoint, the tokens sealed into the connector's credentials, the connector created or
/// set ACTIVE, the state marked used, the audit events. A process killed at any point (while it waits for the
/// provider, say) leaves nothing stored and the state usable; a second callback with the same state waits for the
/// first and then finds it used.
enum OAuthCallback {
    static let path = "/oauth/callback"
    static let maximumCodeLength = 4096

    /// The callback's error codes (`error.code` of the JSON answer when there is no return URL to go back to).
    enum Refusal: String {
        case invalid = "OAUTH_CALLBACK_INVALID"
        case unknownState = "OAUTH_STATE_UNKNOWN"
        case used = "OAUTH_STATE_USED"
        case expired = "OAUTH_STATE_EXPIRED"
    }

    /// The state's tenant, found by the state's hash across tenants (the router's step: no key needed).
    static func tenant(for request: TenantHTTPRequest, services: ConnectorServices) async throws -> String? {
        guard let state = request.queryParameter("state"), OAuthSecrets.isWellFormedState(state) else { return nil }
        let hash = OAuthSecrets.stateHash(state)
        return try await services.database.transaction(.allTenants) { transaction in
            try await OAuthStore.tenantOfState(stateHash: hash, in: transaction)
        }
    }

    /// The outcome of a callback's transaction.
    private enum Outcome {
        case refused(Refusal, String)
        case connected(returnURL: String, connectorID: String)
        case failed(returnURL: String, code: String)
    }

    static func respond(
        to request: TenantHTTPRequest, tenantID: String, services: ConnectorServices
    ) async -> TenantHTTPResponse {
        guard let state = request.queryParameter("state"), OAuthSecrets.isWellFormedState(state) else {
            return refusal(.invalid, "The callback has no valid state parameter.")
        }
        let stateHash = OAuthSecrets.stateHash(state)
        let providerError = request.queryParameter("error")
        let code = request.queryParameter("code")
        if providerError == nil {
            guard let code, (1...maximumCodeLength).contains(code.utf8.count) else {
                return refusal(.invalid, "The callback has neither a valid code nor an error.")
            }
        }
        do {
            let outcome = try await services.database.transaction(.tenant(tenantID)) { transaction -> Outcome in
                guard let record = try await OAuthStore.lockState(
                    tenantID: tenantID, stateHash: stateHash, in: transaction)
                else { return .refused(.unknownState, "This OAuth state is unknown.") }
                if record.usedAt != nil {
                    return .refused(.used, "This OAuth state was already used; start the connection again.")
                }
                if record.expired {
                    return .refused(.expired, "This OAuth state has expired; start the connection again.")
                }
                if let providerError {
                    let reason = OAuthFailure.providerCode(providerError) ?? "authorization_failed"
                    try await OAuthStore.markStateUsed(
                        tenantID: tenantID, stateHash: stateHash, connectorID: nil, in: transaction)
                    try await AuditLog.record(
                        AuditEvent(kind: .oauthFailed, providerID: record.providerID, actor: "provider",
                                   details: ["stage": "authorize", "error": reason]),
                        tenantID: tenantID, in: transaction)
                    return .failed(returnURL: record.returnURL, code: reason)
                }
                return try await exchange(
                    code ?? "", record: record, tenantID: tenantID, services: services, in: transaction)
            }
            switch outcome {
            case .refused(let refusal, let message):
                return Self.refusal(refusal, message)
            case .connected(let returnURL, let connectorID):
                return redirect(returnURL, [("status", "connected"), ("connectorId", connectorID)])
            case .failed(let returnURL, let code):
                return redirect(returnURL, [("status", "error"), ("error", code)])
            }
        } catch {
            services.reportInternalError(error)
            return .error(500, code: "INTERNAL_SERVER_ERROR", "Internal server error.")
        }
    }

    /// Exchanges the code and stores what it gives, in the callback's transaction.
    private static func exchange(
        _ code: String, record: OAuthStateRecord, tenantID: String, services: ConnectorServices,
        in transaction: PostgresTransaction
    ) async throws -> Outcome {
        func fail(_ failure: OAuthFailure) async throws -> Outcome {
            try await OAuthStore.markStateUsed(
                tenantID: tenantID, stateHash: record.stateHash, connectorID: nil, in: transaction)
            try await AuditLog.record(
                AuditEvent(kind: .oauthFailed, providerID: record.providerID, actor: "provider",
                           details: ["stage": "token", "error": failure.code]),
                tenantID: tenantID, in: transaction)
            return .failed(returnURL: record.returnURL, code: failure.code)
        }
        guard let provider = services.catalog.provider(id: record.providerID), let oauth = provider.oauth else {
            return try await fail(OAuthFailure(code: "provider_unknown", detail: "the provider left the catalog"))
        }
        guard let client = try await OAuthProviderAccess.client(
            provider, tenantID: tenantID, services: services, in: transaction)
        else {
            return try await fail(OAuthFailure(code: "client_not_configured", detail: "no OAuth app for the provider"))
        }
        let verifier = try await OAuthSealing.openVerifier(
            record, tenantID: tenantID, services: services, in: transaction)
        let tokenURL = OAuthProviderAccess.endpoints(provider, oauth, services: services).tokenURL
        let grant: OAuthTokenGrant
        do {
            let response = try await OAuthProviderAccess.send(
                TokenRequests.authorizationCode(
                    code, verifier: oauth.pkce ? verifier : nil, redirectURI: record.redirectURI, client: client,
                    oauth: oauth, tokenURL: tokenURL),
                services: services)
            grant = try OAuthTokenResponse.parse(
                status: response.status, contentType: response.contentType, body: response.body,
                hints: oauth.tokenResponse)
        } catch let failure as OAuthFailure {
            return try await fail(failure)
        }

        // The connector: the tenant's existing one for the provider (reconnected), else a new one.
        let connector: ConnectorRecord
        let key = try await OAuthSealing.currentKey(tenantID: tenantID, services: services, in: transaction)
        if let existingID = try await ConnectorStore.findID(
            tenantID: tenantID, providerID: provider.id, in: transaction),
            let existing = try await ConnectorStore.find(
                tenantID: tenantID, id: existingID, forUpdate: true, in: transaction)
        {
            guard let updated = try await ConnectorStore.update(
                existing, name: existing.name, status: .active, config: existing.config, in: transaction)
            else { throw ConnectorError.notFound("connector", id: existingID) }
            connector = updated
        } else {
            guard let inserted = try await ConnectorStore.insert(
                tenantID: tenantID, id: OpaqueID.generate(.tenantConnector), providerID: provider.id,
                name: provider.name, status: .active, config: nil, in: transaction)
            else { throw ConnectorError(.connectorAlreadyConnected, "\(provider.name) was connected meanwhile.") }
            connector = inserted
        }
        try await OAuthStore.saveTokens(
            tenantID: tenantID, connectorID: connector.id,
            fields: OAuthSealing.sealTokens(grant, key: key, tenantID: tenantID, connectorID: connector.id),
            replacing: OAuthStore.tokenFields, expiresIn: grant.expiresIn, scopes: grant.scopes ?? record.scopes,
            refreshTokenRotated: false,
            isRefresh: false, in: transaction)
        try await OAuthStore.markStateUsed(
            tenantID: tenantID, stateHash: record.stateHash, connectorID: connector.id, in: transaction)
        let scopes = (grant.scopes ?? record.scopes).joined(separator: " ")
        try await AuditLog.record(
            AuditEvent(kind: .oauthCompleted, connectorID: connector.id, providerID: provider.id, actor: "provider",
                       details: ["scopes": scopes, "refreshable": grant.refreshToken == nil ? "false" : "true"]),
            tenantID: tenantID, in: transaction)
        try await AuditLog.record(
            AuditEvent(kind: .connectorConnected, connectorID: connector.id, providerID: provider.id,
                       actor: "provider", details: ["status": ConnectorStatus.active.rawValue, "method": "oauth"]),
            tenantID: tenantID, in: transaction)
        return .connected(returnURL: record.returnURL, connectorID: connector.id)
    }

    /// 302 to `returnURL` with `parameters` added to its query (before any fragment).
    static func redirect(_ returnURL: String, _ parameters: [(String, String)]) -> TenantHTTPResponse {
        var url = returnURL
        var fragment = ""
        if let hash = url.firstIndex(of: "#") {
            fragment = String(url[hash...])
            url = String(url[..<hash])
        }
        let query = parameters.map { TokenRequests.formEncode($0.0) + "=" + TokenRequests.formEncode($0.1) }
            .joined(separator: "&")
        url += (url.contains("?") ? (url.hasSuffix("?") || url.hasSuffix("&") ? "" : "&") : "?") + query + fragment
        return TenantHTTPResponse(
            status: 302,
            headers: [HTTPHeader(name: "location", value: url), HTTPHeader(name: "cache-control", value: "no-store")])
    }

    static func refusal(_ refusal: Refusal, _ message: String) -> TenantHTTPResponse {
        .error(400, code: refusal.rawValue, message, headers: [HTTPHeader(name: "cache-control", value: "no-store")])
    }
}
