import SwitchboardPostgres

/// The database schema of the connector graph, applied in order by `Migrator` at start.
///
/// Every tenant-owned table leads its keys with `tenant_id` (the distribution column, should the database ever be
/// sharded) and has row-level security enabled and forced, with one policy: the row's tenant is the transaction's
/// `app.tenant_id`, or the transaction set `app.bypass_rls` to `on` (admin operations that span tenants). The
/// application connects as whatever user it is given and switches to `switchboard_app` in every transaction
/// (see `Database`), a role that is neither superuser nor owner and therefore always subject to the policies.
/// Deleting a tenant cascades to everything it owns, its data keys included.
///
/// The first migration creates `switchboard_app` and makes the connecting user a member of it, which needs a
/// superuser or a user with CREATEROLE. Where the application's user has neither, an administrator runs once:
/// `CREATE ROLE switchboard_app NOLOGIN; GRANT switchboard_app TO <the application's user>;`.
public enum ConnectorMigrations {
    public static let all: [Migration] = [
        Migration(version: 1, name: "application role", sql: applicationRole),
        Migration(version: 2, name: "tenants and keys", sql: tenantsAndKeys),
        Migration(version: 3, name: "connectors and credentials", sql: connectorsAndCredentials),
        Migration(version: 4, name: "projects", sql: projects),
        Migration(version: 5, name: "row-level security", sql: rowLevelSecurity),
        Migration(version: 6, name: "cluster shard map", sql: clusterShardMap),
        Migration(version: 7, name: "audit events", sql: AuditLog.migration),
        Migration(version: 8, name: "webhooks", sql: WebhookStore.migration),
        Migration(version: 9, name: "oauth states and tokens", sql: OAuthSchema.statesAndTokens),
        Migration(version: 11, name: "cluster worker count", sql: clusterWorkerCount),
        Migration(version: 12, name: "connector verification", sql: VerificationStore.migration),
        Migration(version: 13, name: "oauth refresh retries", sql: OAuthSchema.refreshRetries),
    ]

    /// Applies the migrations not applied yet (under the migrator's advisory lock).
    @discardableResult
    public static func migrate(_ pool: PostgresPool) async throws -> [Migration] {
        try await Migrator(all).migrate(pool)
    }

    /// The tables that hold tenant data, each with a `tenant_id` column (`tenants` has `id`).
    static let tenantTables = firstTenantTables + ["audit_events", "webhook_endpoints", "webhook_events"]
        + OAuthSchema.tenantTables

    /// The tenant tables of migration 5, which made their policies: frozen, since a migration's script must not
    /// change once applied. Later tables get theirs in their own migration (`tenantIsolation(of:)`).
    private static let firstTenantTables = [
        "tenant_keys", "tenant_connectors", "connector_credentials", "credential_overrides", "projects",
        "project_connectors",
    ]

    /// Row-level security for a tenant table made after migration 5: enabled, forced, and the same policy as the
    /// others (the transaction's tenant, or the admin's bypass).
    static func tenantIsolation(of table: String) -> String {
        """
        ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
        ALTER TABLE \(table) FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON \(table)
            USING (tenant_id = current_setting('app.tenant_id', true) OR \(bypassCondition))
            WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR \(bypassCondition));

        """
    }

    private static let bypassCondition = "current_setting('app.bypass_rls', true) = 'on'"

    // Roles belong to the cluster, not to one database: databases migrating at the same time may race to create
    // it, and the loser of that race finds it created (a duplicate_object or unique_violation error, caught).
    private static let applicationRole = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_app') THEN
                BEGIN
                    CREATE ROLE switchboard_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END;
            END IF;
            -- A user that is not a superuser may switch only to roles it is a member of.
            IF NOT pg_has_role(current_user, 'switchboard_app', 'MEMBER') THEN
                EXECUTE format('GRANT switchboard_app TO %I', current_user);
            END IF;
        END
        $$;
        """

    private static let tenantsAndKeys = """
        CREATE TABLE tenants (
            id text PRIMARY KEY,
            name text NOT NULL,
            token_hash text NOT NULL UNIQUE,
            key_version integer NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX tenants_created_at ON tenants (created_at, id);

        CREATE TABLE tenant_keys (
            tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            version integer NOT NULL CHECK (version >= 1),
            wrapped_key bytea NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (tenant_id, version)
        );

        -- Secrets of the server itself, wrapped by the master key: the key of the token hashes, so that rotating
        -- the master key leaves every tenant token valid. master_fingerprint names the key that wraps them all
        -- (tenant keys included), so that a process holding an outdated master key notices before it writes.
        CREATE TABLE server_secrets (
            name text PRIMARY KEY,
            wrapped bytea NOT NULL,
            master_fingerprint text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        """

    private static let connectorsAndCredentials = """
        CREATE TABLE tenant_connectors (
            tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            id text NOT NULL,
            provider_id text NOT NULL,
            name text NOT NULL,
            status text NOT NULL CHECK (status IN
                ('ACTIVE', 'PENDING', 'PENDING_APPROVAL', 'ERROR', 'FAILED', 'EXPIRED', 'DISABLED')),
            enabled boolean NOT NULL DEFAULT true,
            config jsonb,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, provider_id)
        );
        CREATE INDEX tenant_connectors_created_at ON tenant_connectors (tenant_id, created_at DESC, id DESC);

        CREATE TABLE connector_credentials (
            tenant_id text NOT NULL,
            connector_id text NOT NULL,
            field text NOT NULL,
            sealed bytea NOT NULL,
            masked text NOT NULL,
            key_version integer NOT NULL,
            PRIMARY KEY (tenant_id, connector_id, field),
            FOREIGN KEY (tenant_id, connector_id) REFERENCES tenant_connectors (tenant_id, id) ON DELETE CASCADE
        );

        CREATE TABLE credential_overrides (
            tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            provider_id text NOT NULL,
            field text NOT NULL,
            sealed bytea NOT NULL,
            masked text NOT NULL,
            key_version integer NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (tenant_id, provider_id, field)
        );
        """

    private static let projects = """
        CREATE TABLE projects (
            tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            id text NOT NULL,
            name text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (tenant_id, id)
        );

        CREATE TABLE project_connectors (
            tenant_id text NOT NULL,
            id text NOT NULL,
            project_id text NOT NULL,
            tenant_connector_id text NOT NULL,
            config jsonb,
            enabled boolean NOT NULL DEFAULT true,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, project_id, tenant_connector_id),
            FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE,
            FOREIGN KEY (tenant_id, tenant_connector_id) REFERENCES tenant_connectors (tenant_id, id)
                ON DELETE CASCADE
        );
        CREATE INDEX project_connectors_connector ON project_connectors (tenant_id, tenant_connector_id);
        """

    private static let rowLevelSecurity: String = {
        let visible = """
            current_setting('app.bypass_rls', true) = 'on'
            """
        var script = """
            GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, tenant_keys, tenant_connectors, connector_credentials,
                credential_overrides, projects, project_connectors TO switchboard_app;
            GRANT SELECT, INSERT, UPDATE ON server_secrets TO switchboard_app;

            ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
            ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON tenants
                USING (id = current_setting('app.tenant_id', true) OR \(visible))
                WITH CHECK (id = current_setting('app.tenant_id', true) OR \(visible));

            """
        for table in firstTenantTables {
            script += """
                ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
                ALTER TABLE \(table) FORCE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON \(table)
                    USING (tenant_id = current_setting('app.tenant_id', true) OR \(visible))
                    WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR \(visible));

                """
        }
        return script
    }()
}
