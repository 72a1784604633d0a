import Foundation
import SwitchboardPostgres

/// What a verification leaves on a connector: its status, why (when it is not ACTIVE), and when it was checked.
enum VerificationStore {
    /// Migration 12: `status_reason` and `last_verified_at` on `tenant_connectors`.
    ///
    /// A reason explains one status: a trigger clears it whenever the status changes without a new reason being
    /// written with it (an update of the credentials, a toggle), so that no stale reason outlives its status.
    /// `IF NOT EXISTS`: the columns may come from another migration that needs a reason too (OAuth refresh).
    static let migration = """
        ALTER TABLE tenant_connectors ADD COLUMN IF NOT EXISTS status_reason text;
        ALTER TABLE tenant_connectors ADD COLUMN IF NOT EXISTS last_verified_at timestamptz;
        CREATE OR REPLACE FUNCTION tenant_connectors_clear_status_reason() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.status IS DISTINCT FROM OLD.status AND NEW.status_reason IS NOT DISTINCT FROM OLD.status_reason THEN
                NEW.status_reason := NULL;
            END IF;
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER tenant_connectors_clear_status_reason BEFORE UPDATE ON tenant_connectors
            FOR EACH ROW EXECUTE FUNCTION tenant_connectors_clear_status_reason();
        """

    /// The longest reason stored (reasons are made here, short; the bound keeps it so).
    static let maximumReasonLength = 300

    /// Writes the outcome of a verification of `connector` (locked by the caller) and returns the connector.
    static func record(
        tenantID: String, connectorID: String, status: ConnectorStatus, reason: String?, checkedAt: Date,
        in transaction: PostgresTransaction
    ) async throws -> ConnectorRecord? {
        let rows = try await transaction.query(
            """
            UPDATE tenant_connectors SET status = $3, status_reason = $4, last_verified_at = $5,
                updated_at = clock_timestamp()
            WHERE tenant_id = $1 AND id = $2
            RETURNING \(ConnectorRecord.columns)
            """,
            [.text(tenantID), .text(connectorID), .text(status.rawValue),
             reason.map { .text(String($0.prefix(maximumReasonLength))) }, .timestamptz(checkedAt)])
        return try rows.first.map(ConnectorRecord.init(row:))
    }
}
