import Foundation
import SwitchboardCatalog
import SwitchboardPostgres
import Synchronization

/// What a refresh attempt came to.
enum RefreshOutcome: Sendable, Equatable {
    /// The token was refreshed by this call (or by the call it joined).
    case refreshed
    /// Nothing to do: the token is not due (perhaps another process refreshed it meanwhile), or it cannot be
    /// refreshed (no refresh token, a provider without refresh).
    case notNeeded
    /// The provider refused or failed; the connector is now EXPIRED (`invalid_grant`) or ERROR.
    case failed(code: String)
}

/// The refreshes under way in this process, one per connector: a second caller joins the first one's task instead
/// of sending a second refresh request (single flight). Across processes the row lock on `oauth_tokens` does the same.
final class RefreshFlights: Sendable {
    private let tasks = Mutex<[TenantKey: Task<RefreshOutcome, any Error>]>([:])

    func run(
        _ key: TenantKey, _ body: @escaping @Sendable () async throws -> RefreshOutcome
    ) async throws -> RefreshOutcome {
        let task = tasks.withLock { running -> Task<RefreshOutcome, any Error> in
            if let flight = running[key] { return flight }
            let flight = Task { [self] in
                defer { _ = tasks.withLock { $0.removeValue(forKey: key) } }
                return try await body()
            }
            running[key] = flight
            return flight
        }
        return try await task.value
    }
}

/// Refreshing access tokens (RFC 6749 §6) before they expire.
///
/// A token is due when it expires within the margin (`OAuthOptions.refreshMarginSeconds`). The refresh runs in one
/// transaction that holds the connector's `oauth_tokens` row locked (`FOR UPDATE`): a process that waited for the
/// lock reads the row again and finds the token fresh, so across processes too one refresh request is sent. A
/// rotated refresh token is saved with the new access token; a refusal marks the connector EXPIRED
/// (`invalid_grant`: the tenant must connect again) or ERROR (anything else), with the reason, in the same
/// transaction as its audit event.
enum TokenRefresher {
    /// Refreshes the connector's token if it is due (or in any case with `force`). `actor` is who asked, for the
    /// audit log ("tenant", or "system" for the background pass).
    static func refreshIfDue(
        tenantID: String, connectorID: String, force: Bool = false, actor: String = "tenant",
        services: ConnectorServices
    ) async throws -> RefreshOutcome {
        let margin = services.oauth.options.refreshMarginSeconds
        if !force {
            // A cheap look first: most uses find the token fresh and take no lock.
            let current = try await services.database.transaction(.tenant(tenantID)) { transaction in
                try await OAuthStore.token(
                    tenantID: tenantID, connectorID: connectorID, marginSeconds: margin, lock: false, in: transaction)
            }
            guard let current, current.due, current.hasRefreshToken else { return .notNeeded }
        }
        return try await services.oauth.flights.run(TenantKey(tenantID: tenantID, id: connectorID)) {
            try await refresh(
                tenantID: tenantID, connectorID: connectorID, force: force, actor: actor, margin: margin,
                services: services)
        }
    }

    /// Refreshes every due token of a tenant's connectors (the background pass, in the tenant's worker): active ones,
    /// and those a passing failure left in ERROR once `retryFailedRefreshAfterSeconds` have gone by.
    static func refreshDue(
        tenantID: String, services: ConnectorServices, limit: Int = 100
    ) async -> (refreshed: Int, failed: Int) {
        let options = services.oauth.options
        let due: [String]
        do {
            due = try await services.database.transaction(.tenant(tenantID)) { transaction in
                try await OAuthStore.connectorsWithTokensDue(
                    tenantID: tenantID, marginSeconds: options.refreshMarginSeconds,
                    retryAfterSeconds: options.retryFailedRefreshAfterSeconds, limit: limit, in: transaction)
            }
        } catch {
            services.reportInternalError(error)
            return (0, 0)
        }
        var refreshed = 0
        var failed = 0
        for connectorID in due {
            do {
                switch try await refreshIfDue(
                    tenantID: tenantID, connectorID: connectorID, actor: "system", services: services)
                {
                case .refreshed: refreshed += 1
                case .failed: failed += 1
                case .notNeeded: break
                }
            } catch {
                services.reportInternalError(error)
                failed += 1
            }
        }
        return (refreshed, failed)
    }

    private static func refresh(
        tenantID: String, connectorID: String, force: Bool, actor: String, margin: Int, services: ConnectorServices
    ) async throws -> RefreshOutcome {
        try await services.database.transaction(.tenant(tenantID)) { transaction -> RefreshOutcome in
            guard let token = try await OAuthStore.token(
                tenantID: tenantID, connectorID: connectorID, marginSeconds: margin, lock: true, in: transaction),
                token.hasRefreshToken, force || token.due
            else { return .notNeeded }
            guard let connector = try await ConnectorStore.find(
                tenantID: tenantID, id: connectorID, forUpdate: true, in: transaction),
                let provider = services.catalog.provider(id: connector.providerID), let oauth = provider.oauth,
                oauth.supportsRefresh
            else { return .notNeeded }

            func fail(_ failure: OAuthFailure) async throws -> RefreshOutcome {
                let status: ConnectorStatus = failure.grantIsGone ? .expired : .error
                if connector.status != .disabled {
                    _ = try await ConnectorStore.update(
                        connector, name: connector.name, status: status, config: connector.config, in: transaction)
                }
                try await OAuthStore.recordRefreshFailure(
                    tenantID: tenantID, connectorID: connectorID, reason: failure.code, in: transaction)
                try await AuditLog.record(
                    AuditEvent(kind: .oauthFailed, connectorID: connectorID, providerID: provider.id, actor: actor,
                               details: ["stage": "refresh", "error": failure.code, "status": status.rawValue]),
                    tenantID: tenantID, in: transaction)
                return .failed(code: failure.code)
            }

            guard let refreshToken = try await OAuthSealing.refreshToken(
                tenantID: tenantID, connectorID: connectorID, services: services, in: transaction)
            else { return .notNeeded }
            guard let client = try await OAuthProviderAccess.client(
                provider, tenantID: tenantID, services: services, in: transaction)
            else {
                return try await fail(
                    OAuthFailure(code: "client_not_configured", detail: "no OAuth app for the provider"))
            }
            let tokenURL = OAuthProviderAccess.endpoints(provider, oauth, services: services).tokenURL
            let grant: OAuthTokenGrant
            do {
                let response = try await OAuthProviderAccess.send(
                    TokenRequests.refresh(refreshToken, client: client, oauth: oauth, tokenURL: tokenURL),
                    services: services)
                grant = try OAuthTokenResponse.parse(
                    status: response.status, contentType: response.contentType, body: response.body,
                    hints: oauth.tokenResponse)
            } catch let failure as OAuthFailure {
                return try await fail(failure)
            }
            let rotated = grant.refreshToken != nil && grant.refreshToken != refreshToken
            let key = try await OAuthSealing.currentKey(tenantID: tenantID, services: services, in: transaction)
            try await OAuthStore.saveTokens(
                tenantID: tenantID, connectorID: connectorID,
                fields: OAuthSealing.sealTokens(grant, key: key, tenantID: tenantID, connectorID: connectorID),
                replacing: [], expiresIn: grant.expiresIn, scopes: grant.scopes, refreshTokenRotated: rotated,
                isRefresh: true, in: transaction)
            if connector.status == .expired || connector.status == .error {
                _ = try await ConnectorStore.update(
                    connector, name: connector.name, status: .active, config: connector.config, in: transaction)
            }
            var details = ["rotated": rotated ? "true" : "false"]
            if let expiresIn = grant.expiresIn { details["expiresIn"] = String(expiresIn) }
            try await AuditLog.record(
                AuditEvent(kind: .oauthRefreshed, connectorID: connectorID, providerID: provider.id, actor: actor,
                           details: details),
                tenantID: tenantID, in: transaction)
            return .refreshed
        }
    }
}

/// What a provider may be called with.
enum OAuthAccess: Sendable, Equatable {
    /// The connector's access token (fresh, or refreshed just now); nil when it has none.
    case token(String?)
    /// The token was due and its refresh failed: the connector is now EXPIRED (`grantIsGone`) or ERROR, and the
    /// stored token must not be used to judge the connector (a call with it would only fail again, differently).
    case refreshFailed(grantIsGone: Bool)
}

/// Access tokens for calls to providers.
enum OAuthTokens {
    /// The connector's access token, refreshed first when it is within the refresh margin of its expiry.
    static func accessToken(
        tenantID: String, connectorID: String, services: ConnectorServices
    ) async throws -> OAuthAccess {
        if case .failed(let code) = try await TokenRefresher.refreshIfDue(
            tenantID: tenantID, connectorID: connectorID, services: services)
        {
            return .refreshFailed(grantIsGone: code == OAuthFailure.invalidGrant)
        }
        return .token(try await services.database.transaction(.tenant(tenantID)) { transaction in
            try await CredentialVault.open(
                .connectorCredentials, tenantID: tenantID, owner: connectorID, keyRing: services.keyRing,
                in: transaction)[OAuthStore.accessTokenField]
        })
    }
}
