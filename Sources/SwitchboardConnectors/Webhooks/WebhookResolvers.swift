import Foundation
import SwitchboardCatalog
import SwitchboardCrypto
import SwitchboardGraphQL

/// `createWebhookEndpoint`, `deleteWebhookEndpoint`, `webhookEvents` and their types.
enum WebhookResolvers {
    struct CreatedEndpoint: Sendable {
        let endpoint: WebhookEndpointRecord
        let url: String
    }

    static let mutationFields: [String: FieldBinding] = [
        "createWebhookEndpoint": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("createWebhookEndpoint")
            let connectorID = try Arguments.string(args["connectorId"], "connectorId")
            let secret = MessageAuthentication.randomBase64URL(count: 32)
            guard let hash = WebhookStore.secretHash(Substring(secret)) else {
                throw ConnectorError(.internalServerError, "a new webhook secret has an unexpected form")
            }
            let endpoint = try await context.transaction(.tenant(tenantID)) { transaction in
                guard let connector = try await ConnectorStore.find(
                    tenantID: tenantID, id: connectorID, forUpdate: true, in: transaction)
                else { throw ConnectorError.notFound("connector", id: connectorID) }
                guard let provider = context.catalog.provider(id: connector.providerID), provider.webhook != nil else {
                    throw ConnectorError.badInput(
                        "\(context.catalog.provider(id: connector.providerID)?.name ?? connector.providerID) "
                            + "sends no signed webhooks that Switchboard can check.")
                }
                let existed = try await WebhookStore.deleteEndpoint(
                    tenantID: tenantID, connectorID: connector.id, in: transaction)
                let endpoint = try await WebhookStore.insertEndpoint(
                    tenantID: tenantID, connectorID: connector.id, secretHash: hash, in: transaction)
                try await AuditLog.record(
                    AuditEvent(kind: .connectorUpdated, connectorID: connector.id, providerID: connector.providerID,
                               details: ["webhookEndpoint": existed ? "rotated" : "created",
                                         "endpointId": endpoint.id]),
                    tenantID: tenantID, in: transaction)
                return endpoint
            }
            // Shown this once: the database keeps only the secret's hash.
            let base = context.services.publicURL.withLock { $0 } ?? ""
            return CreatedEndpoint(endpoint: endpoint, url: base + WebhookStore.pathPrefix + secret)
        },
        "deleteWebhookEndpoint": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("deleteWebhookEndpoint")
            let connectorID = try Arguments.string(args["connectorId"], "connectorId")
            return try await context.transaction(.tenant(tenantID)) { transaction in
                guard let connector = try await ConnectorStore.find(
                    tenantID: tenantID, id: connectorID, forUpdate: true, in: transaction),
                    try await WebhookStore.deleteEndpoint(
                        tenantID: tenantID, connectorID: connector.id, in: transaction)
                else { return false }
                try await AuditLog.record(
                    AuditEvent(kind: .connectorUpdated, connectorID: connector.id, providerID: connector.providerID,
                               details: ["webhookEndpoint": "deleted"]),
                    tenantID: tenantID, in: transaction)
                return true
            }
        },
    ]

    static let queryFields: [String: FieldBinding] = [
        "webhookEvents": .resolver { _, args, context in
            let tenantID = try context.requireTenant("webhookEvents")
            let connectorID = try Arguments.optionalString(args["connectorId"], "connectorId")
            let (first, after) = try CursorPage<WebhookEventRecord>.arguments(args, kind: .webhookEvent)
            var conditions = SQLConditions(firstParameter: 3)
            if let connectorID { conditions.add([.text(connectorID)]) { "connector_id = \($0[0])" } }
            conditions.after(after)
            let rows = try await context.transaction(.tenant(tenantID)) { transaction in
                try await transaction.query(
                    """
                    SELECT \(WebhookEventRecord.columns) FROM webhook_events WHERE tenant_id = $1\(conditions.sql)
                    ORDER BY created_at DESC, id DESC LIMIT $2
                    """, [.text(tenantID), .int(first + 1)] + conditions.parameters
                ).map { row in
                    (try WebhookEventRecord(row: row), try Cursor(row: row))
                }
            }
            return CursorPage(rows: rows, first: first)
        },
    ]

    static let types: ResolverRegistry = {
        var types = CursorPage<WebhookEventRecord>.types(connection: "WebhookEventConnection", edge: "WebhookEventEdge")
        types["WebhookEvent"] = [
            "id": .property(WebhookEventRecord.self) { $0.id },
            "connectorId": .property(WebhookEventRecord.self) { $0.connectorID },
            "providerId": .property(WebhookEventRecord.self) { $0.providerID },
            "deliveryId": .property(WebhookEventRecord.self) { $0.deliveryID },
            "eventType": .property(WebhookEventRecord.self) { $0.eventType },
            "payload": .property(WebhookEventRecord.self) { $0.payload },
            "bodyBase64": .property(WebhookEventRecord.self) { $0.body.map { Data($0).base64EncodedString() } },
            "size": .property(WebhookEventRecord.self) { $0.size },
            "receivedAt": .property(WebhookEventRecord.self) { $0.receivedAt },
        ]
        types["WebhookEndpoint"] = [
            "id": .property(WebhookEndpointRecord.self) { $0.id },
            "connectorId": .property(WebhookEndpointRecord.self) { $0.connectorID },
            "createdAt": .property(WebhookEndpointRecord.self) { $0.createdAt },
        ]
        types["CreateWebhookEndpointPayload"] = [
            "endpoint": .property(CreatedEndpoint.self) { $0.endpoint },
            "url": .property(CreatedEndpoint.self) { $0.url },
        ]
        return types
    }()

    /// `TenantConnector.webhookEndpoint`, for every connector of a level in one statement.
    static let connectorField: FieldBinding = .batch(ConnectorRecord.self) { connectors, _, context in
        let keys = connectors.map(\.key)
        let endpoints = try await context.transaction(context.readScope) { transaction in
            try await WebhookStore.endpoints(connectors: keys, in: transaction)
        }
        let byConnector = Dictionary(
            endpoints.map { (TenantKey(tenantID: $0.tenantID, id: $0.connectorID), $0) },
            uniquingKeysWith: { first, _ in first })
        return keys.map { byConnector[$0] }
    }
}
