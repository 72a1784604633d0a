import Foundation
import SwitchboardCatalog
import SwitchboardCrypto
import SwitchboardGraphQL

/// `POST /webhooks/<secret>`: a provider's delivery to a connector's endpoint (tenant route "webhook.delivery").
///
/// The router finds the tenant by the SHA-256 of the secret; the tenant's worker then checks the signature with
/// the connector's signing secret (its credentials, else the tenant's override: the catalog names the field) and
/// stores the delivery once per delivery id. Outcomes: unknown secret 404; missing or bad signature, or a
/// timestamp out of tolerance, 401 WEBHOOK_SIGNATURE_INVALID with nothing stored (a `webhook.failed` audit event
/// records the reason); a replayed delivery id 200 with nothing stored again; accepted 200 and `webhook.received`.
/// The body's size is bounded before it gets here (`TenantRouteResponder`, 413).
struct WebhookDeliveryRoute: TenantRoute {
    let name = "webhook.delivery"
    static let signatureInvalidCode = "WEBHOOK_SIGNATURE_INVALID"

    func matches(method: String, path: String) -> Bool {
        method == "POST" && path.hasPrefix(WebhookStore.pathPrefix)
    }

    func tenant(for request: TenantHTTPRequest, services: ConnectorServices) async throws -> String? {
        guard let hash = Self.secretHash(request.path) else { return nil }
        return try await services.database.transaction(.allTenants) { transaction in
            try await WebhookStore.tenant(secretHash: hash, in: transaction)
        }
    }

    func respond(to request: TenantHTTPRequest, tenantID: String, services: ConnectorServices) async
        -> TenantHTTPResponse
    {
        do {
            return try await deliver(request, tenantID: tenantID, services: services, now: Date())
        } catch {
            services.reportInternalError(error)
            return .error(500, code: "INTERNAL_SERVER_ERROR", "Internal server error.")
        }
    }

    static func secretHash(_ path: String) -> String? {
        guard path.hasPrefix(WebhookStore.pathPrefix) else { return nil }
        return WebhookStore.secretHash(path.dropFirst(WebhookStore.pathPrefix.count))
    }

    func deliver(
        _ request: TenantHTTPRequest, tenantID: String, services: ConnectorServices, now: Date
    ) async throws -> TenantHTTPResponse {
        let notFound = TenantHTTPResponse.error(404, code: "NOT_FOUND", "Not found.")
        guard let hash = Self.secretHash(request.path) else { return notFound }
        let found = try await services.database.transaction(.tenant(tenantID)) { transaction in
            guard let endpoint = try await WebhookStore.endpoint(tenantID: tenantID, secretHash: hash, in: transaction),
                let connector = try await ConnectorStore.find(
                    tenantID: tenantID, id: endpoint.connectorID, in: transaction)
            else { return nil as (WebhookEndpointRecord, ConnectorRecord)? }
            return (endpoint, connector)
        }
        guard let (endpoint, connector) = found,
            let scheme = services.catalog.provider(id: connector.providerID)?.webhook
        else { return notFound }

        let secret = try await signingSecret(scheme, connector: connector, services: services)
        let refusal = secret.map { WebhookVerifier(scheme: scheme, secret: $0) }
            .map { $0.verify(header: request.header, body: request.body, now: now) }
            ?? .noSecret(field: scheme.secretField)
        if let refusal {
            try await services.database.transaction(.tenant(tenantID)) { transaction in
                try await AuditLog.record(
                    AuditEvent(kind: .webhookFailed, connectorID: connector.id, providerID: connector.providerID,
                               actor: "provider", details: ["reason": refusal.reason, "endpointId": endpoint.id]),
                    tenantID: tenantID, in: transaction)
            }
            return .error(401, code: Self.signatureInvalidCode, refusal.description)
        }

        let delivery = WebhookDelivery(scheme: scheme, header: request.header, body: request.body)
        let stored = try await services.database.transaction(.tenant(tenantID)) { transaction -> String? in
            guard let id = try await WebhookStore.insertEvent(
                tenantID: tenantID, connectorID: connector.id, endpointID: endpoint.id,
                providerID: connector.providerID, deliveryID: delivery.id, eventType: delivery.eventType,
                payload: delivery.jsonText, body: delivery.jsonText == nil ? request.body : nil,
                size: request.body.count, in: transaction)
            else { return nil }
            var details = ["deliveryId": delivery.id, "size": String(request.body.count), "webhookEventId": id]
            if let type = delivery.eventType { details["eventType"] = type }
            try await AuditLog.record(
                AuditEvent(kind: .webhookReceived, connectorID: connector.id, providerID: connector.providerID,
                           actor: "provider", details: details),
                tenantID: tenantID, in: transaction)
            return id
        }
        var answer: OrderedDictionary<String, GraphQLValue> = ["received": true, "duplicate": .boolean(stored == nil)]
        if let stored { answer["id"] = .string(stored) }
        return .json(200, .object(answer))
    }

    /// The signing secret: the connector's credential named by the catalog, else the tenant's override of it.
    private func signingSecret(
        _ scheme: WebhookScheme, connector: ConnectorRecord, services: ConnectorServices
    ) async throws -> String? {
        guard let field = scheme.secretField else { return nil }
        let vault = CredentialVault(database: services.database, keyRing: services.keyRing)
        if let value = try await vault.connectorCredentials(tenantID: connector.tenantID, connectorID: connector.id)?[
            field]
        {
            return value
        }
        return try await vault.overrideCredentials(tenantID: connector.tenantID, providerID: connector.providerID)?[
            field]
    }
}

/// What is read from a delivery that passed its signature check: its id (for de-duplication), its event type, and
/// its body as JSON text when it is JSON that `jsonb` can hold.
struct WebhookDelivery: Sendable {
    /// Headers that carry a delivery's own id, by provider convention (GitHub, Svix/Standard Webhooks, GitLab,
    /// Bitbucket, generic).
    static let idHeaders = [
        "x-github-delivery", "svix-id", "webhook-id", "x-gitlab-event-uuid", "x-request-uuid", "x-hook-uuid",
        "x-delivery-id", "x-webhook-id",
    ]
    static let typeHeaders = ["x-github-event", "x-gitlab-event", "x-event-key"]
    static let maximumIDLength = 200

    let id: String
    let eventType: String?
    let jsonText: String?

    init(scheme: WebhookScheme, header: (String) -> String?, body: [UInt8]) {
        let text = String(validating: body, as: UTF8.self)
        let parsed = text.flatMap { try? parseJSON($0, limits: JSONLimits(maxDepth: 128)) }
        var object: OrderedDictionary<String, GraphQLValue>?
        if case .object(let fields)? = parsed { object = fields }
        if let text, parsed != nil, !Self.hasEscapesJSONBRefuses(text) {
            jsonText = text
        } else {
            jsonText = nil
        }

        // The provider's id of the delivery or event; else the body's hash (identical bodies count as one).
        var id = Self.firstHeader(Self.idHeaders, header)
        if id == nil, let object {
            let field = switch scheme.kind {
            case .stripe: "id"
            case .slack, .paddle: "event_id"
            default: "id"
            }
            if case .string(let value)? = object[field], !value.isEmpty { id = value }
        }
        if let given = id, given.utf8.count > Self.maximumIDLength || given.contains("\0") {
            id = "sha256:" + MessageAuthentication.hex(MessageAuthentication.sha256(Array(given.utf8)))
        }
        self.id = id ?? "sha256:" + MessageAuthentication.hex(MessageAuthentication.sha256(body))

        var type = Self.firstHeader(Self.typeHeaders, header)
        if type == nil, let object {
            for field in ["type", "event_type"] {
                if case .string(let value)? = object[field], !value.isEmpty {
                    type = value
                    break
                }
            }
        }
        eventType = type.map { String($0.replacingOccurrences(of: "\0", with: "").prefix(Self.maximumIDLength)) }
    }

    private static func firstHeader(_ names: [String], _ header: (String) -> String?) -> String? {
        for name in names {
            if let value = header(name), !value.isEmpty { return value }
        }
        return nil
    }

    /// `jsonb` refuses `\u0000` and unpaired surrogates in strings: such bodies are kept as bytes.
    static func hasEscapesJSONBRefuses(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (["\\u0000"] + ["8", "9", "a", "b", "c", "d", "e", "f"].map { "\\ud" + $0 }).contains {
            lower.contains($0)
        }
    }
}
