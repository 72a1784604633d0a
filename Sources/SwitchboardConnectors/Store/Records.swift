import Foundation
import SwitchboardGraphQL
import SwitchboardPostgres

/// The state of a tenant connector; raw values are those of the GraphQL enum `ConnectorStatus`.
public enum ConnectorStatus: String, Sendable, CaseIterable, Hashable {
    case active = "ACTIVE"
    case pending = "PENDING"
    case pendingApproval = "PENDING_APPROVAL"
    case error = "ERROR"
    case failed = "FAILED"
    case expired = "EXPIRED"
    case disabled = "DISABLED"
}

/// A tenant as stored (the token hash and the keys stay in the database).
public struct TenantRecord: Sendable, Hashable {
    public let id: String
    public let name: String
    /// The version of the tenant's current data key.
    public let keyVersion: Int
    public let createdAt: Date

    static let columns = "id, name, key_version, created_at"

    init(row: PostgresRow) throws {
        id = try row.string("id")
        name = try row.string("name")
        keyVersion = try row.int("key_version")
        createdAt = try row.date("created_at")
    }
}

/// A tenant connector as stored; its credentials are loaded separately, masked.
struct ConnectorRecord: Sendable, Hashable {
    let tenantID: String
    let id: String
    let providerID: String
    let name: String
    let status: ConnectorStatus
    let enabled: Bool
    let config: GraphQLValue?
    let createdAt: Date
    let updatedAt: Date
    /// Why the status is what it is, when a check failed (see `VerificationStore`).
    let statusReason: String?
    let lastVerifiedAt: Date?

    static let columns = """
        tenant_id, id, provider_id, name, status, enabled, config, created_at, updated_at, status_reason, \
        last_verified_at
        """

    var key: TenantKey { TenantKey(tenantID: tenantID, id: id) }

    init(row: PostgresRow) throws {
        tenantID = try row.string("tenant_id")
        id = try row.string("id")
        providerID = try row.string("provider_id")
        name = try row.string("name")
        guard let status = ConnectorStatus(rawValue: try row.string("status")) else {
            throw PostgresError(kind: .decoding, message: "tenant_connectors.status holds an unknown status")
        }
        self.status = status
        enabled = try row.bool("enabled")
        config = try StoredJSON.decode(row.decode("config", as: String?.self))
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
        statusReason = try row.decode("status_reason", as: String?.self)
        lastVerifiedAt = try row.decode("last_verified_at", as: Date?.self)
    }
}

struct ProjectRecord: Sendable, Hashable {
    let tenantID: String
    let id: String
    let name: String
    let createdAt: Date

    static let columns = "tenant_id, id, name, created_at"

    var key: TenantKey { TenantKey(tenantID: tenantID, id: id) }

    /// The same columns of `projects` under the alias `alias`.
    static func columns(_ alias: String) -> String {
        ["tenant_id", "id", "name", "created_at"].map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    init(row: PostgresRow) throws {
        tenantID = try row.string("tenant_id")
        id = try row.string("id")
        name = try row.string("name")
        createdAt = try row.date("created_at")
    }
}

/// A project connector, with the provider of its tenant connector (joined in, for `providerName`).
struct ProjectConnectorRecord: Sendable, Hashable {
    let tenantID: String
    let id: String
    let projectID: String
    let tenantConnectorID: String
    let providerID: String
    let config: GraphQLValue?
    let enabled: Bool
    let createdAt: Date
    let updatedAt: Date

    /// The columns of `project_connectors pc` joined with `tenant_connectors tc`.
    static let columns = """
        pc.tenant_id, pc.id, pc.project_id, pc.tenant_connector_id, tc.provider_id, pc.config, pc.enabled,
        pc.created_at, pc.updated_at
        """
    static let joinedTables = """
        project_connectors pc JOIN tenant_connectors tc
            ON tc.tenant_id = pc.tenant_id AND tc.id = pc.tenant_connector_id
        """

    init(row: PostgresRow) throws {
        tenantID = try row.string("tenant_id")
        id = try row.string("id")
        projectID = try row.string("project_id")
        tenantConnectorID = try row.string("tenant_connector_id")
        providerID = try row.string("provider_id")
        config = try StoredJSON.decode(row.decode("config", as: String?.self))
        enabled = try row.bool("enabled")
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
    }
}

/// A credential as responses show it.
struct MaskedCredentialRecord: Sendable, Hashable {
    let field: String
    let maskedValue: String
}

/// Where a provider's credentials come from for one tenant.
struct CredentialInfoRecord: Sendable, Hashable {
    enum Source: String, Sendable {
        case platform = "PLATFORM"
        case tenantOverride = "TENANT_OVERRIDE"
        case tenant = "TENANT"
        case none = "NONE"
    }

    let providerID: String
    let source: Source
    let canOverride: Bool
    var isConfigured: Bool { source != .none }
}

struct CreateTenantPayloadRecord: Sendable {
    let tenant: TenantRecord
    let token: String
}

struct RotateTenantKeyPayloadRecord: Sendable {
    let tenant: TenantRecord
    let keyVersion: Int
    let resealedCredentials: Int
}

/// JSON values in `jsonb` columns.
enum StoredJSON {
    /// The JSON text of a stored value; nil (SQL NULL) for nil.
    static func encode(_ value: GraphQLValue?) -> PostgresValue? {
        guard let value, !value.isNull else { return nil }
        return .json(value.jsonString)
    }

    static func decode(_ text: String?) throws -> GraphQLValue? {
        guard let text else { return nil }
        do {
            return try parseJSON(text)
        } catch {
            throw PostgresError(kind: .decoding, message: "a jsonb column holds text that is not JSON")
        }
    }
}
