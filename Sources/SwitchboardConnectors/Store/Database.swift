import SwitchboardPostgres

/// Who a transaction acts for, which decides what row-level security lets it see.
enum DataScope: Sendable, Hashable {
    /// One tenant: `app.tenant_id` is set, and the policies show and accept that tenant's rows only.
    case tenant(String)
    /// Every tenant: `app.bypass_rls` is set for this transaction only (admin operations, token lookups, key
    /// rotation). Code that runs in this scope filters by tenant itself.
    case allTenants
}

/// Transactions as the unprivileged role `switchboard_app`, so that row-level security applies.
///
/// PostgreSQL exempts superusers (and roles with BYPASSRLS) from row-level security, whatever the policies say;
/// the connection's own user may well be one (the embedded cluster connects as `postgres`). So every transaction
/// first switches to `switchboard_app` (a NOLOGIN role created by the migrations, owning nothing, holding only
/// table privileges) with `set_config('role', …, true)`, which lasts until the transaction ends. In the same
/// statement it sets the tenant or the bypass flag the policies read.
struct Database: Sendable {
    static let applicationRole = "switchboard_app"

    let pool: PostgresPool

    /// Runs `body` in one transaction for `scope`; an error thrown by `body` rolls it back.
    func transaction<T>(
        _ scope: DataScope,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        try await pool.transaction { transaction in
            let (tenant, bypass): (String, String) = switch scope {
            case .tenant(let id): (id, "off")
            case .allTenants: ("", "on")
            }
            _ = try await transaction.query(
                """
                SELECT set_config('role', $1, true), set_config('app.tenant_id', $2, true),
                       set_config('app.bypass_rls', $3, true)
                """,
                [.text(Self.applicationRole), .text(tenant), .text(bypass)])
            return try await body(transaction)
        }
    }
}
