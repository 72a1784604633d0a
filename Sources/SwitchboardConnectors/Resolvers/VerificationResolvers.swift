import Foundation
import SwitchboardCatalog
import SwitchboardGraphQL
import SwitchboardPostgres

/// `verifyConnector(id:)` and its `VerificationResult` (see `ConnectorVerification` for what is checked and how
/// the outcome sets the status).
enum VerificationResolvers {
    static let types: ResolverRegistry = [
        "VerificationResult": [
            "success": .property(VerificationResultRecord.self) { $0.outcome.success },
            "error": .property(VerificationResultRecord.self) { $0.outcome.reason },
            "checkedAt": .property(VerificationResultRecord.self) { $0.checkedAt },
            "status": .property(VerificationResultRecord.self) { $0.connector.status.rawValue },
            "credentialSource": .property(VerificationResultRecord.self) { $0.source.rawValue },
            "connector": .property(VerificationResultRecord.self) { $0.connector },
        ]
    ]

    static let mutationFields: [String: FieldBinding] = [
        "verifyConnector": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("verifyConnector")
            let id = try Arguments.string(args["id"], "id")
            return try await verify(connectorID: id, tenantID: tenantID, context.services)
        }
    ]

    /// Checks the connector with its provider and records the outcome (status, reason, time) with its
    /// `connector.verified` audit event, in one transaction.
    static func verify(
        connectorID id: String, tenantID: String, _ services: ConnectorServices
    ) async throws -> VerificationResultRecord {
        // What the check needs, the credentials opened, in a short transaction.
        let (record, provider, credentials) = try await services.database.transaction(.tenant(tenantID)) {
            transaction in
            guard let record = try await ConnectorStore.find(tenantID: tenantID, id: id, in: transaction) else {
                throw ConnectorError.notFound("connector", id: id)
            }
            guard let provider = services.catalog.provider(id: record.providerID) else {
                throw ConnectorError.providerNotFound(record.providerID)
            }
            if let unsupported = ConnectorVerification.unsupported(provider) { throw unsupported }
            let credentials = try await CredentialResolver.resolve(
                provider, tenantID: tenantID, services: services, in: transaction)
            return (record, provider, credentials)
        }

        // The call, outside any transaction: a slow provider holds no database connection.
        let outcome: VerificationOutcome
        switch try await oauthAccessToken(
            connector: record, provider: provider, credentials: credentials, services: services)
        {
        case .refreshFailed(let grantIsGone):
            // No call: the refresh already marked the connector (EXPIRED or ERROR, with its reason and audit event),
            // and a call with the stale token would overwrite that with a vaguer FAILED.
            outcome = grantIsGone
                ? .failed(.expired, "The provider refused to refresh the access token; connect again.")
                : .failed(.error, "The access token could not be refreshed; try again later.")
        case .token(let accessToken):
            outcome = await ConnectorVerification.check(
                provider, values: ConnectorVerification.values(config: record.config, credentials: credentials.values),
                accessToken: accessToken, configuration: services.providerConfiguration, http: services.http)
        }
        let checkedAt = Date()

        // The outcome in one transaction. A connector turned off stays off: the check is recorded all the same.
        return try await services.database.transaction(.tenant(tenantID)) { transaction in
            guard let current = try await ConnectorStore.find(
                tenantID: tenantID, id: id, forUpdate: true, in: transaction)
            else { throw ConnectorError.notFound("connector", id: id) }
            let status = current.status == .disabled ? ConnectorStatus.disabled : outcome.status
            guard let updated = try await VerificationStore.record(
                tenantID: tenantID, connectorID: id, status: status, reason: outcome.reason, checkedAt: checkedAt,
                in: transaction)
            else { throw ConnectorError.notFound("connector", id: id) }
            // What was checked and how it went: no value, no response body (the reason is made of fixed phrases).
            var details = [
                "success": String(outcome.success), "status": status.rawValue,
                "credentialSource": credentials.source.rawValue,
            ]
            if status != current.status { details["previousStatus"] = current.status.rawValue }
            if let httpStatus = outcome.httpStatus { details["httpStatus"] = String(httpStatus) }
            if let reason = outcome.reason { details["reason"] = reason }
            try await AuditLog.record(
                AuditEvent(kind: .connectorVerified, connectorID: id, providerID: provider.id, details: details),
                tenantID: tenantID, in: transaction)
            return VerificationResultRecord(
                outcome: outcome, checkedAt: checkedAt, source: credentials.source, connector: updated)
        }
    }

    /// The OAuth access token to call an OAuth provider with; nil for other providers.
    ///
    /// The one call point of OAuth tokens in verification: a token within the refresh margin of its expiry is
    /// refreshed first (`OAuthTokens.accessToken`: one refresh for concurrent uses, across processes too).
    static func oauthAccessToken(
        connector: ConnectorRecord, provider: Provider, credentials: ResolvedCredentials, services: ConnectorServices
    ) async throws -> OAuthAccess {
        guard provider.authType == .oauth2, credentials.source == .tenant else { return .token(nil) }
        switch try await OAuthTokens.accessToken(
            tenantID: connector.tenantID, connectorID: connector.id, services: services)
        {
        case .token(let token): return .token(token ?? credentials.values["accessToken"])
        case .refreshFailed(let grantIsGone): return .refreshFailed(grantIsGone: grantIsGone)
        }
    }
}

/// What `verifyConnector` returns.
struct VerificationResultRecord: Sendable {
    let outcome: VerificationOutcome
    let checkedAt: Date
    let source: CredentialInfoRecord.Source
    let connector: ConnectorRecord
}
