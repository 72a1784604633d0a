import SwitchboardCatalog
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres

/// The mutations of tenant connectors and credential overrides. Each runs in one transaction scoped to the
/// caller's tenant; secrets are sealed with the tenant's current data key and only their masks are returned.
enum ConnectorMutations {
    static let fields: [String: FieldBinding] = [
        "createConnector": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("createConnector")
            let input = try Arguments.object(args["input"], "input")
            let providerID = try Arguments.string(input["providerId"], "input.providerId")
            guard let provider = context.catalog.provider(id: providerID) else {
                throw ConnectorError.providerNotFound(providerID)
            }
            let name = try Arguments.name(
                try Arguments.optionalString(input["name"], "input.name") ?? provider.name, "input.name")
            let config = try Arguments.config(input["config"], "input.config") ?? nil
            let credentials = try Arguments.credentials(input["credentials"], "input.credentials") ?? [:]
            if !credentials.isEmpty { try check(provider.validateCredentials(credentials), provider) }
            let status: ConnectorStatus = isComplete(provider, fields: Set(credentials.keys)) ? .active : .pending

            return try await context.transaction(.tenant(tenantID)) { transaction in
                let key = try await currentKey(tenantID, context, in: transaction)
                let id = OpaqueID.generate(.tenantConnector)
                guard let record = try await ConnectorStore.insert(
                    tenantID: tenantID, id: id, providerID: provider.id, name: name, status: status,
                    config: config, in: transaction)
                else {
                    let existing = try await ConnectorStore.findID(
                        tenantID: tenantID, providerID: provider.id, in: transaction)
                    throw ConnectorError(
                        .connectorAlreadyConnected,
                        "\(provider.name) is already connected" + (existing.map { " (connector \($0))" } ?? "")
                            + ". A tenant connects each provider once; update that connector instead.")
                }
                if !credentials.isEmpty {
                    try await CredentialStore.replace(
                        tenantID: tenantID, connectorID: id,
                        with: CredentialSealing.seal(credentials, key: key, tenantID: tenantID, owner: id),
                        in: transaction)
                }
                try await AuditLog.record(
                    AuditEvent(kind: .connectorConnected, connectorID: id, providerID: provider.id,
                               details: ["status": record.status.rawValue,
                                         "fields": credentials.keys.sorted().joined(separator: ",")]),
                    tenantID: tenantID, in: transaction)
                return record
            }
        },

        "updateConnector": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("updateConnector")
            let id = try Arguments.string(args["id"], "id")
            let input = try Arguments.object(args["input"], "input")
            let name = try Arguments.optionalString(input["name"], "input.name").map {
                try Arguments.name($0, "input.name")
            }
            let config = try Arguments.config(input["config"], "input.config")
            let credentials = try Arguments.credentials(input["credentials"], "input.credentials")
            let status = try CatalogResolvers.enumArgument(input["status"], ConnectorStatus.self, "input.status")

            return try await context.transaction(.tenant(tenantID)) { transaction in
                guard let record = try await ConnectorStore.find(
                    tenantID: tenantID, id: id, forUpdate: true, in: transaction)
                else { throw ConnectorError.notFound("connector", id: id) }
                var newStatus = record.status
                if let credentials {
                    guard let provider = context.catalog.provider(id: record.providerID) else {
                        throw ConnectorError.providerNotFound(record.providerID)
                    }
                    try check(provider.validateCredentials(credentials), provider)
                    let key = try await currentKey(tenantID, context, in: transaction)
                    try await CredentialStore.replace(
                        tenantID: tenantID, connectorID: record.id,
                        with: CredentialSealing.seal(credentials, key: key, tenantID: tenantID, owner: record.id),
                        in: transaction)
                    if record.status != .disabled {
                        newStatus = isComplete(provider, fields: Set(credentials.keys)) ? .active : .pending
                    }
                }
                if let status { newStatus = status }
                let updated = try await ConnectorStore.update(
                    record, name: name ?? record.name, status: newStatus, config: config ?? record.config,
                    in: transaction)
                // What changed, by name: never a value of a credential (only which fields were replaced).
                var details: [String: String] = [:]
                if let name, name != record.name { details["name"] = name }
                if config != nil { details["config"] = "replaced" }
                if let credentials { details["fields"] = credentials.keys.sorted().joined(separator: ",") }
                if newStatus != record.status {
                    details["previousStatus"] = record.status.rawValue
                    details["status"] = newStatus.rawValue
                }
                try await AuditLog.record(
                    AuditEvent(kind: .connectorUpdated, connectorID: record.id, providerID: record.providerID,
                               details: details),
                    tenantID: tenantID, in: transaction)
                return updated
            }
        },

        "toggleConnector": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("toggleConnector")
            let id = try Arguments.string(args["id"], "id")
            guard let enabled = Arguments.optionalBool(args["enabled"]) else {
                throw ConnectorError.badInput("enabled must be a boolean.")
            }
            return try await context.transaction(.tenant(tenantID)) { transaction in
                guard let record = try await ConnectorStore.find(
                    tenantID: tenantID, id: id, forUpdate: true, in: transaction)
                else { throw ConnectorError.notFound("connector", id: id) }
                let status: ConnectorStatus
                if !enabled {
                    status = .disabled
                } else if record.status == .disabled {
                    // Back on: active if its credentials are complete, else awaiting them.
                    let fields = try await CredentialStore.fieldNames(
                        tenantID: tenantID, connectorID: record.id, in: transaction)
                    let complete = context.catalog.provider(id: record.providerID).map {
                        isComplete($0, fields: fields)
                    } ?? false
                    status = complete ? .active : .pending
                } else {
                    status = record.status
                }
                let updated = try await ConnectorStore.update(
                    record, name: record.name, status: status, config: record.config, in: transaction)
                // Only a change is an event: switching on a connector that is on changes nothing.
                if record.enabled != enabled {
                    try await AuditLog.record(
                        AuditEvent(kind: enabled ? .connectorEnabled : .connectorDisabled, connectorID: record.id,
                                   providerID: record.providerID, details: ["status": status.rawValue]),
                        tenantID: tenantID, in: transaction)
                }
                return updated
            }
        },

        "deleteConnector": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("deleteConnector")
            let id = try Arguments.string(args["id"], "id")
            return try await context.transaction(.tenant(tenantID)) { transaction in
                guard let providerID = try await ConnectorStore.deleteReturningProvider(
                    tenantID: tenantID, id: id, in: transaction)
                else { return false }
                try await AuditLog.record(
                    AuditEvent(kind: .connectorDisconnected, connectorID: id, providerID: providerID),
                    tenantID: tenantID, in: transaction)
                return true
            }
        },

        "setCredentialOverride": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("setCredentialOverride")
            let input = try Arguments.object(args["input"], "input")
            let providerID = try Arguments.string(input["providerId"], "input.providerId")
            guard let provider = context.catalog.provider(id: providerID) else {
                throw ConnectorError.providerNotFound(providerID)
            }
            guard provider.supportsTenantOverride else {
                throw ConnectorError(
                    .forbidden, "\(provider.name) does not let tenants override its credentials.")
            }
            let values = try Arguments.credentials(input["override"], "input.override") ?? [:]
            try check(provider.validateOverride(values), provider)
            return try await context.transaction(.tenant(tenantID)) { transaction in
                let key = try await currentKey(tenantID, context, in: transaction)
                let binding = CredentialSealing.overrideBinding(providerID: provider.id)
                try await CredentialStore.replaceOverride(
                    tenantID: tenantID, providerID: provider.id,
                    with: CredentialSealing.seal(values, key: key, tenantID: tenantID, owner: binding),
                    in: transaction)
                // The override belongs to the provider; the event names the tenant's connector of it, if any.
                try await AuditLog.record(
                    AuditEvent(kind: .connectorUpdated,
                               connectorID: try await ConnectorStore.findID(
                                   tenantID: tenantID, providerID: provider.id, in: transaction),
                               providerID: provider.id,
                               details: ["override": "set", "fields": values.keys.sorted().joined(separator: ",")]),
                    tenantID: tenantID, in: transaction)
                return try await QueryResolvers.credentialInfo(provider, tenantID: tenantID, context, in: transaction)
            }
        },

        "clearCredentialOverride": .resolver { _, args, context in
            context.cache.clear()
            let tenantID = try context.requireTenant("clearCredentialOverride")
            let providerID = try Arguments.string(args["providerId"], "providerId")
            guard let provider = context.catalog.provider(id: providerID) else {
                throw ConnectorError.providerNotFound(providerID)
            }
            return try await context.transaction(.tenant(tenantID)) { transaction in
                let cleared = try await CredentialStore.clearOverride(
                    tenantID: tenantID, providerID: provider.id, in: transaction)
                if cleared {
                    try await AuditLog.record(
                        AuditEvent(kind: .connectorUpdated,
                                   connectorID: try await ConnectorStore.findID(
                                       tenantID: tenantID, providerID: provider.id, in: transaction),
                                   providerID: provider.id, details: ["override": "cleared"]),
                        tenantID: tenantID, in: transaction)
                }
                return try await QueryResolvers.credentialInfo(provider, tenantID: tenantID, context, in: transaction)
            }
        },
    ]

    /// Whether values for `fields` complete the provider's form: every required field without a default given.
    static func isComplete(_ provider: Provider, fields: Set<String>) -> Bool {
        provider.formFields.allSatisfy { field in
            !field.required || field.defaultValue != nil || fields.contains(field.name)
        }
    }

    /// CREDENTIALS_INVALID with the problems of each field, if there are any.
    static func check(_ errors: [FieldError], _ provider: Provider) throws {
        guard !errors.isEmpty else { return }
        throw ConnectorError(
            .credentialsInvalid,
            "The credentials do not fit \(provider.name)'s form: "
                + errors.map(\.message).joined(separator: "; ") + ".",
            fieldErrors: errors)
    }

    /// The tenant's current data key, share-locking the tenant for the rest of the transaction.
    static func currentKey(
        _ tenantID: String, _ context: ConnectorContext, in transaction: PostgresTransaction
    ) async throws -> TenantDataKey {
        guard let key = try await context.services.tenantKeys.currentKey(tenantID: tenantID, in: transaction) else {
            throw ConnectorError.notFound("tenant", id: tenantID)
        }
        return key
    }
}
