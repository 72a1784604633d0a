import SwitchboardPostgres

/// Statements on `tenants`.
enum TenantStore {
    static func find(_ id: String, in transaction: PostgresTransaction) async throws -> TenantRecord? {
        guard OpaqueID.isWellFormed(id, .tenant) else { return nil }
        let rows = try await transaction.query(
            "SELECT \(TenantRecord.columns) FROM tenants WHERE id = $1", [.text(id)])
        return try rows.first.map(TenantRecord.init(row:))
    }

    /// Every tenant, oldest first (so that pages stay put as tenants are added).
    static func list(limit: Int, offset: Int, in transaction: PostgresTransaction) async throws -> [TenantRecord] {
        try await transaction.query(
            "SELECT \(TenantRecord.columns) FROM tenants ORDER BY created_at, id LIMIT $1 OFFSET $2",
            [.int(limit), .int(offset)]
        ).map(TenantRecord.init(row:))
    }

    /// The ids of every tenant (the admin's view of the cluster's shards, which places each of them).
    static func allIDs(in transaction: PostgresTransaction) async throws -> [String] {
        try await transaction.query("SELECT id FROM tenants ORDER BY id").map { try $0.string("id") }
    }

    /// The tenants among `ids`, in the order of `ids` (unknown ids left out).
    static func find(ids: [String], in transaction: PostgresTransaction) async throws -> [TenantRecord] {
        guard !ids.isEmpty else { return [] }
        let rows = try await transaction.query(
            "SELECT \(TenantRecord.columns) FROM tenants WHERE id = ANY($1::text[])", [.textArray(ids)])
        let byID = Dictionary(uniqueKeysWithValues: try rows.map { row in
            let record = try TenantRecord(row: row)
            return (record.id, record)
        })
        return ids.compactMap { byID[$0] }
    }

    static func insert(
        id: String, name: String, tokenHash: String, in transaction: PostgresTransaction
    ) async throws -> TenantRecord {
        let rows = try await transaction.query(
            """
            INSERT INTO tenants (id, name, token_hash, key_version) VALUES ($1, $2, $3, 1)
            RETURNING \(TenantRecord.columns)
            """, [.text(id), .text(name), .text(tokenHash)])
        return try TenantRecord(row: rows[0])
    }

    /// Deletes the tenant and, by cascade, everything it owns, its data keys included.
    static func delete(_ id: String, in transaction: PostgresTransaction) async throws -> Bool {
        guard OpaqueID.isWellFormed(id, .tenant) else { return false }
        return try await transaction.query("DELETE FROM tenants WHERE id = $1", [.text(id)]).affectedRows > 0
    }
}
