import SwitchboardGraphQL
import SwitchboardPostgres

/// Statements on `projects` and `project_connectors`.
enum ProjectStore {
    static func find(tenantID: String, id: String, in transaction: PostgresTransaction) async throws -> ProjectRecord? {
        guard OpaqueID.isWellFormed(id, .project) else { return nil }
        let rows = try await transaction.query(
            "SELECT \(ProjectRecord.columns) FROM projects WHERE tenant_id = $1 AND id = $2",
            [.text(tenantID), .text(id)])
        return try rows.first.map(ProjectRecord.init(row:))
    }

    /// The projects of several tenants, oldest first.
    static func projects(ofTenants tenantIDs: [String], in transaction: PostgresTransaction) async throws
        -> [ProjectRecord]
    {
        try await transaction.query(
            """
            SELECT \(ProjectRecord.columns) FROM projects WHERE tenant_id = ANY($1::text[])
            ORDER BY created_at, id
            """, [.textArray(tenantIDs)]
        ).map(ProjectRecord.init(row:))
    }

    static func projects(keys: [TenantKey], in transaction: PostgresTransaction) async throws -> [ProjectRecord] {
        try await transaction.query(
            """
            SELECT \(ProjectRecord.columns) FROM projects
            WHERE tenant_id = ANY($1::text[]) AND id = ANY($2::text[])
            """, keys.parameters
        ).map(ProjectRecord.init(row:))
    }

    /// The projects that have enabled each of the given tenant connectors: (connector key, project) pairs, in the
    /// projects' order.
    static func projectsEnabling(
        connectors keys: [TenantKey], in transaction: PostgresTransaction
    ) async throws -> [(connector: TenantKey, project: ProjectRecord)] {
        try await transaction.query(
            """
            SELECT pc.tenant_connector_id, \(ProjectRecord.columns("p"))
            FROM project_connectors pc JOIN projects p ON p.tenant_id = pc.tenant_id AND p.id = pc.project_id
            WHERE pc.tenant_id = ANY($1::text[]) AND pc.tenant_connector_id = ANY($2::text[]) AND pc.enabled
            ORDER BY p.created_at, p.id
            """, keys.parameters
        ).map { row in
            let project = try ProjectRecord(row: row)
            return (TenantKey(tenantID: project.tenantID, id: try row.string("tenant_connector_id")), project)
        }
    }

    static func insert(tenantID: String, name: String, in transaction: PostgresTransaction) async throws
        -> ProjectRecord
    {
        let rows = try await transaction.query(
            "INSERT INTO projects (tenant_id, id, name) VALUES ($1, $2, $3) RETURNING \(ProjectRecord.columns)",
            [.text(tenantID), .text(OpaqueID.generate(.project)), .text(name)])
        return try ProjectRecord(row: rows[0])
    }

    /// Deletes a project; its project connectors go with it (cascade).
    static func delete(tenantID: String, id: String, in transaction: PostgresTransaction) async throws -> Bool {
        guard OpaqueID.isWellFormed(id, .project) else { return false }
        return try await transaction.query(
            "DELETE FROM projects WHERE tenant_id = $1 AND id = $2", [.text(tenantID), .text(id)]
        ).affectedRows > 0
    }

    // MARK: Project connectors

    /// The connectors of each of the given projects, oldest first.
    static func projectConnectors(
        ofProjects keys: [TenantKey], in transaction: PostgresTransaction
    ) async throws -> [ProjectConnectorRecord] {
        try await transaction.query(
            """
            SELECT \(ProjectConnectorRecord.columns) FROM \(ProjectConnectorRecord.joinedTables)
            WHERE pc.tenant_id = ANY($1::text[]) AND pc.project_id = ANY($2::text[])
            ORDER BY pc.created_at, pc.id
            """, keys.parameters
        ).map(ProjectConnectorRecord.init(row:))
    }

    /// Enables a tenant connector for a project, or enables it again (keeping its configuration unless `config`
    /// is given).
    static func enable(
        tenantID: String, projectID: String, tenantConnectorID: String, config: GraphQLValue??,
        in transaction: PostgresTransaction
    ) async throws -> ProjectConnectorRecord {
        let rows = try await transaction.query(
            """
            WITH saved AS (
                INSERT INTO project_connectors (tenant_id, id, project_id, tenant_connector_id, config, enabled)
                VALUES ($1, $2, $3, $4, $5, true)
                ON CONFLICT (tenant_id, project_id, tenant_connector_id) DO UPDATE SET
                    enabled = true,
                    config = CASE WHEN $6 THEN EXCLUDED.config ELSE project_connectors.config END,
                    updated_at = clock_timestamp()
                RETURNING *
            )
            SELECT \(ProjectConnectorRecord.columns)
            FROM saved pc JOIN tenant_connectors tc ON tc.tenant_id = pc.tenant_id AND tc.id = pc.tenant_connector_id
            """,
            [.text(tenantID), .text(OpaqueID.generate(.projectConnector)), .text(projectID),
             .text(tenantConnectorID), StoredJSON.encode(config ?? nil), .bool(config != nil)])
        return try ProjectConnectorRecord(row: rows[0])
    }

    /// Replaces the configuration of a project connector; nil when there is none with this id.
    static func updateConfig(
        tenantID: String, id: String, config: GraphQLValue?, in transaction: PostgresTransaction
    ) async throws -> ProjectConnectorRecord? {
        guard OpaqueID.isWellFormed(id, .projectConnector) else { return nil }
        let rows = try await transaction.query(
            """
            WITH saved AS (
                UPDATE project_connectors SET config = $3, updated_at = clock_timestamp()
                WHERE tenant_id = $1 AND id = $2
                RETURNING *
            )
            SELECT \(ProjectConnectorRecord.columns)
            FROM saved pc JOIN tenant_connectors tc ON tc.tenant_id = pc.tenant_id AND tc.id = pc.tenant_connector_id
            """, [.text(tenantID), .text(id), StoredJSON.encode(config)])
        return try rows.first.map(ProjectConnectorRecord.init(row:))
    }

    static func findProjectConnector(
        tenantID: String, id: String, in transaction: PostgresTransaction
    ) async throws -> ProjectConnectorRecord? {
        guard OpaqueID.isWellFormed(id, .projectConnector) else { return nil }
        let rows = try await transaction.query(
            """
            SELECT \(ProjectConnectorRecord.columns) FROM \(ProjectConnectorRecord.joinedTables)
            WHERE pc.tenant_id = $1 AND pc.id = $2
            """, [.text(tenantID), .text(id)])
        return try rows.first.map(ProjectConnectorRecord.init(row:))
    }

    /// Turns a project connector off (keeping its configuration); false when there is none with this id.
    static func disable(tenantID: String, id: String, in transaction: PostgresTransaction) async throws -> Bool {
        guard OpaqueID.isWellFormed(id, .projectConnector) else { return false }
        return try await transaction.query(
            """
            UPDATE project_connectors SET enabled = false, updated_at = clock_timestamp()
            WHERE tenant_id = $1 AND id = $2
            """, [.text(tenantID), .text(id)]
        ).affectedRows > 0
    }
}
