import Foundation
import SwitchboardGraphQL

/// The OAuth fields: `startOAuth`, `refreshConnectorToken`, and what `TenantConnector` tells of its tokens (never a
/// token: their expiry and the reason of a failed refresh).
enum OAuthResolvers {
    static let mutationFields: [String: FieldBinding] = [
        "startOAuth": .resolver { _, args, context in
            let tenantID = try context.requireTenant("startOAuth")
            let input = try Arguments.object(args["input"], "input")
            let providerID = try Arguments.string(input["providerId"], "input.providerId")
            let returnURL = try Arguments.string(input["returnUrl"], "input.returnUrl")
            var scopes: [String]?
            switch input["scopes"] {
            case nil, .null?:
                scopes = nil
            case .list(let items)?:
                guard items.count <= OAuthStart.maximumScopes else {
                    throw ConnectorError.badInput("input.scopes may list at most \(OAuthStart.maximumScopes) scopes.")
                }
                scopes = try items.map { try Arguments.string($0, "input.scopes") }
            case .string(let single)?:
                scopes = [single]
            default:
                throw ConnectorError.badInput("input.scopes must be a list of strings.")
            }
            return try await OAuthStart.start(
                tenantID: tenantID, providerID: providerID, returnURL: returnURL, scopes: scopes, context: context)
        },

        "refreshConnectorToken": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("refreshConnectorToken")
            let id = try Arguments.string(args["id"], "id")
            let force = Arguments.optionalBool(args["force"]) ?? false
            let exists = try await context.transaction(.tenant(tenantID)) { transaction in
                try await ConnectorStore.find(tenantID: tenantID, id: id, in: transaction) != nil
            }
            guard exists else { throw ConnectorError.notFound("connector", id: id) }
            let outcome = try await TokenRefresher.refreshIfDue(
                tenantID: tenantID, connectorID: id, force: force, services: context.services)
            let connector = try await context.transaction(.tenant(tenantID)) { transaction in
                try await ConnectorStore.find(tenantID: tenantID, id: id, in: transaction)
            }
            guard let connector else { throw ConnectorError.notFound("connector", id: id) }
            return RefreshConnectorTokenPayloadRecord(connector: connector, outcome: outcome)
        },
    ]

    static let types: ResolverRegistry = [
        "StartOAuthPayload": [
            "authorizationUrl": .property(StartOAuthPayloadRecord.self) { $0.authorizationURL },
            "state": .property(StartOAuthPayloadRecord.self) { $0.state },
            "codeChallengeMethod": .property(StartOAuthPayloadRecord.self) { $0.codeChallengeMethod },
            "expiresAt": .property(StartOAuthPayloadRecord.self) { $0.expiresAt },
            "providerId": .property(StartOAuthPayloadRecord.self) { $0.providerID },
            "scopes": .property(StartOAuthPayloadRecord.self) { $0.scopes },
            "redirectUri": .property(StartOAuthPayloadRecord.self) { $0.redirectURI },
        ],
        "RefreshConnectorTokenPayload": [
            "connector": .property(RefreshConnectorTokenPayloadRecord.self) { $0.connector },
            "refreshed": .property(RefreshConnectorTokenPayloadRecord.self) { $0.outcome == .refreshed },
            "error": .property(RefreshConnectorTokenPayloadRecord.self) { record -> String? in
                if case .failed(let code) = record.outcome { return code }
                return nil
            },
        ],
    ]

    /// Added to `TenantConnector`'s fields.
    static let connectorFields: [String: FieldBinding] = [
        "tokenExpiresAt": .batch(ConnectorRecord.self) { connectors, _, context in
            let states = try await tokenStates(connectors, context)
            return connectors.map { states[$0.key]?.expiresAt }
        },
        "tokenError": .batch(ConnectorRecord.self) { connectors, _, context in
            let states = try await tokenStates(connectors, context)
            return connectors.map { states[$0.key]?.lastError }
        },
    ]

    private static func tokenStates(
        _ connectors: [ConnectorRecord], _ context: ConnectorContext
    ) async throws -> [TenantKey: OAuthStore.TokenState] {
        let keys = ObjectResolvers.unique(connectors.map(\.key))
        return try await context.transaction(context.readScope) { transaction in
            try await OAuthStore.tokenStates(connectors: keys, in: transaction)
        }
    }
}

struct RefreshConnectorTokenPayloadRecord: Sendable {
    let connector: ConnectorRecord
    let outcome: RefreshOutcome
}
