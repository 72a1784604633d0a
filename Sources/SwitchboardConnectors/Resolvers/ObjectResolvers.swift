import SwitchboardCatalog
import SwitchboardGraphQL

/// The fields of the graph's stored objects. Lists below an object load in batches: one statement for every
/// parent of a level (`WHERE tenant_id = ANY($1) AND x = ANY($2)`), so the statements of a request grow with the
/// depth of its query, not with the number of rows.
enum ObjectResolvers {
    static let types: ResolverRegistry = [
        "Tenant": [
            "id": .property(TenantRecord.self) { $0.id },
            "name": .property(TenantRecord.self) { $0.name },
            "createdAt": .property(TenantRecord.self) { $0.createdAt },
            "projects": .batch(TenantRecord.self) { tenants, _, context in
                let ids = unique(tenants.map(\.id))
                let projects = try await context.transaction(context.readScope) { transaction in
                    try await ProjectStore.projects(ofTenants: ids, in: transaction)
                }
                let byTenant = Dictionary(grouping: projects, by: \.tenantID)
                return tenants.map { byTenant[$0.id] ?? [] }
            },
            "connectors": .batch(TenantRecord.self) { tenants, _, context in
                let ids = unique(tenants.map(\.id))
                let connectors = try await context.transaction(context.readScope) { transaction in
                    try await ConnectorStore.connectors(ofTenants: ids, in: transaction)
                }
                let byTenant = Dictionary(grouping: connectors, by: \.tenantID)
                return tenants.map { byTenant[$0.id] ?? [] }
            },
            "placement": .resolver { source, _, context in
                try ClusterResolvers.placement(of: try cast(source, TenantRecord.self), context)
            },
        ],
        "TenantConnector": [
            "id": .property(ConnectorRecord.self) { $0.id },
            "providerId": .property(ConnectorRecord.self) { $0.providerID },
            "providerName": .resolver { source, _, context in
                let connector = try cast(source, ConnectorRecord.self)
                return context.catalog.provider(id: connector.providerID)?.name ?? connector.providerID
            },
            "category": .resolver { source, _, context in
                try provider(of: cast(source, ConnectorRecord.self), context).category.rawValue
            },
            "provider": .resolver { source, _, context in
                try provider(of: cast(source, ConnectorRecord.self), context)
            },
            "status": .property(ConnectorRecord.self) { $0.status.rawValue },
            "enabled": .property(ConnectorRecord.self) { $0.enabled },
            "name": .property(ConnectorRecord.self) { $0.name },
            "config": .property(ConnectorRecord.self) { $0.config },
            "credentials": .batch(ConnectorRecord.self) { connectors, _, context in
                let keys = connectors.map(\.key)
                let rows = try await context.transaction(context.readScope) { transaction in
                    try await CredentialStore.masked(connectors: keys, in: transaction)
                }
                let byConnector = Dictionary(grouping: rows) { $0.connector }
                return keys.map { (byConnector[$0] ?? []).map { $0.credential } }
            },
            "createdAt": .property(ConnectorRecord.self) { $0.createdAt },
            "updatedAt": .property(ConnectorRecord.self) { $0.updatedAt },
            "projects": .batch(ConnectorRecord.self) { connectors, _, context in
                let keys = connectors.map(\.key)
                let rows = try await context.transaction(context.readScope) { transaction in
                    try await ProjectStore.projectsEnabling(connectors: keys, in: transaction)
                }
                let byConnector = Dictionary(grouping: rows) { $0.connector }
                return keys.map { (byConnector[$0] ?? []).map { $0.project } }
            },
            "statusReason": .property(ConnectorRecord.self) { $0.statusReason },
            "lastVerifiedAt": .property(ConnectorRecord.self) { $0.lastVerifiedAt },
        ],
        "Project": [
            "id": .property(ProjectRecord.self) { $0.id },
            "name": .property(ProjectRecord.self) { $0.name },
            "createdAt": .property(ProjectRecord.self) { $0.createdAt },
            "connectors": .batch(ProjectRecord.self) { projects, _, context in
                let keys = projects.map(\.key)
                let rows = try await context.transaction(context.readScope) { transaction in
                    try await ProjectStore.projectConnectors(ofProjects: keys, in: transaction)
                }
                let byProject = Dictionary(grouping: rows) { TenantKey(tenantID: $0.tenantID, id: $0.projectID) }
                return keys.map { byProject[$0] ?? [] }
            },
        ],
        "ProjectConnector": [
            "id": .property(ProjectConnectorRecord.self) { $0.id },
            "project": .batch(ProjectConnectorRecord.self) { projectConnectors, _, context in
                let keys = projectConnectors.map { TenantKey(tenantID: $0.tenantID, id: $0.projectID) }
                let projects = try await context.transaction(context.readScope) { transaction in
                    try await ProjectStore.projects(keys: unique(keys), in: transaction)
                }
                let byKey = Dictionary(projects.map { ($0.key, $0) }) { first, _ in first }
                return keys.map { byKey[$0] }
            },
            "tenantConnector": .batch(ProjectConnectorRecord.self) { projectConnectors, _, context in
                let keys = projectConnectors.map { TenantKey(tenantID: $0.tenantID, id: $0.tenantConnectorID) }
                let connectors = try await context.transaction(context.readScope) { transaction in
                    try await ConnectorStore.connectors(keys: unique(keys), in: transaction)
                }
                let byKey = Dictionary(connectors.map { ($0.key, $0) }) { first, _ in first }
                return keys.map { byKey[$0] }
            },
            "providerName": .resolver { source, _, context in
                let projectConnector = try cast(source, ProjectConnectorRecord.self)
                return context.catalog.provider(id: projectConnector.providerID)?.name ?? projectConnector.providerID
            },
            "config": .property(ProjectConnectorRecord.self) { $0.config },
            "enabled": .property(ProjectConnectorRecord.self) { $0.enabled },
            "createdAt": .property(ProjectConnectorRecord.self) { $0.createdAt },
            "updatedAt": .property(ProjectConnectorRecord.self) { $0.updatedAt },
        ],
        "MaskedCredential": [
            "field": .property(MaskedCredentialRecord.self) { $0.field },
            "maskedValue": .property(MaskedCredentialRecord.self) { $0.maskedValue },
        ],
        "CredentialInfo": [
            "providerId": .property(CredentialInfoRecord.self) { $0.providerID },
            "source": .property(CredentialInfoRecord.self) { $0.source.rawValue },
            "isConfigured": .property(CredentialInfoRecord.self) { $0.isConfigured },
            "canOverride": .property(CredentialInfoRecord.self) { $0.canOverride },
        ],
        "CreateTenantPayload": [
            "tenant": .property(CreateTenantPayloadRecord.self) { $0.tenant },
            "token": .property(CreateTenantPayloadRecord.self) { $0.token },
        ],
        "RotateTenantKeyPayload": [
            "tenant": .property(RotateTenantKeyPayloadRecord.self) { $0.tenant },
            "keyVersion": .property(RotateTenantKeyPayloadRecord.self) { $0.keyVersion },
            "resealedCredentials": .property(RotateTenantKeyPayloadRecord.self) { $0.resealedCredentials },
        ],
    ]

    /// The catalog entry of a connector's provider. A provider removed from the catalog after it was connected
    /// is a server-side inconsistency, not the caller's mistake.
    static func provider(of connector: ConnectorRecord, _ context: ConnectorContext) throws -> Provider {
        guard let provider = context.catalog.provider(id: connector.providerID) else {
            throw ConnectorError(
                .internalServerError,
                "The provider \"\(connector.providerID)\" of this connector is no longer in the catalog.")
        }
        return provider
    }

    static func cast<Source>(_ source: any Sendable, _ type: Source.Type) throws -> Source {
        guard let source = source as? Source else {
            throw ConnectorError(.internalServerError, "Unexpected parent value.")
        }
        return source
    }

    static func unique<Element: Hashable>(_ elements: [Element]) -> [Element] {
        var seen = Set<Element>()
        return elements.filter { seen.insert($0).inserted }
    }
}
