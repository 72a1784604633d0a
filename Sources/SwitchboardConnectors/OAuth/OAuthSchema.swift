/// The tables of the OAuth flow (migration 9).
///
/// - `oauth_states`: one row per `startOAuth`, found by the SHA-256 of its `state` (unkeyed: a 256-bit random
///   value needs no key, and the router finds a callback's tenant from it without any tenant key). The PKCE code
///   verifier is sealed with the tenant's key like a credential (`field`, `sealed`, `key_version`, so that a
///   tenant key rotation reseals it with the rest). A state is used once: `used_at` is set in the transaction
///   that stores the tokens; the row stays until it has long expired, so a replay is told apart from a forgery.
/// - `oauth_tokens`: what is known about a connector's tokens without opening them (expiry, scopes, refresh
///   history). The tokens themselves are connector credentials (`accessToken`, `refreshToken`,
///   `userAccessToken` in `connector_credentials`), sealed and resealed like every other credential. Its row is
///   the lock that makes one process at a time refresh a connector's token (`SELECT … FOR UPDATE`).
enum OAuthSchema {
    static let tenantTables = ["oauth_states", "oauth_tokens"]

    /// When a refresh last failed: the background pass tries a connector that a passing failure (not
    /// `invalid_grant`) left in ERROR again once `OAuthOptions.retryFailedRefreshAfterSeconds` have gone by.
    static let refreshRetries = """
        ALTER TABLE oauth_tokens ADD COLUMN last_failed_at timestamptz;
        """

    static let statesAndTokens = """
        CREATE TABLE oauth_states (
            tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            state_hash text NOT NULL CHECK (state_hash ~ '^[0-9a-f]{64}$'),
            provider_id text NOT NULL,
            field text NOT NULL DEFAULT 'codeVerifier' CHECK (field = 'codeVerifier'),
            sealed bytea NOT NULL,
            key_version integer NOT NULL,
            redirect_uri text NOT NULL,
            return_url text NOT NULL,
            scopes text[] NOT NULL,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            expires_at timestamptz NOT NULL,
            used_at timestamptz,
            connector_id text,
            PRIMARY KEY (tenant_id, state_hash)
        );
        CREATE UNIQUE INDEX oauth_states_by_hash ON oauth_states (state_hash);
        CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);

        CREATE TABLE oauth_tokens (
            tenant_id text NOT NULL,
            connector_id text NOT NULL,
            expires_at timestamptz,
            has_refresh_token boolean NOT NULL,
            scopes text[] NOT NULL DEFAULT '{}',
            obtained_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            refreshed_at timestamptz,
            refresh_token_rotated_at timestamptz,
            refresh_count integer NOT NULL DEFAULT 0,
            last_error text,
            PRIMARY KEY (tenant_id, connector_id),
            FOREIGN KEY (tenant_id, connector_id) REFERENCES tenant_connectors (tenant_id, id) ON DELETE CASCADE
        );
        CREATE INDEX oauth_tokens_due ON oauth_tokens (expires_at) WHERE has_refresh_token;

        GRANT SELECT, INSERT, UPDATE, DELETE ON oauth_states, oauth_tokens TO switchboard_app;

        """ + tenantTables.map(ConnectorMigrations.tenantIsolation(of:)).joined()
}
