import Foundation
import SwitchboardCrypto
import SwitchboardPostgres

/// An OAuth flow under way, as `oauth_states` keeps it (the code verifier still sealed).
struct OAuthStateRecord: Sendable {
    let tenantID: String
    let stateHash: String
    let providerID: String
    let sealedVerifier: Data
    let redirectURI: String
    let returnURL: String
    let scopes: [String]
    let expiresAt: Date
    let usedAt: Date?
    /// Whether the state had expired when it was read (by the database's clock, the one that wrote `expires_at`).
    let expired: Bool

    static let columns = """
        tenant_id, state_hash, provider_id, sealed, redirect_uri, return_url, array_to_string(scopes, ' ') AS scopes,
        expires_at, used_at, expires_at <= clock_timestamp() AS expired
        """

    init(row: PostgresRow) throws {
        tenantID = try row.string("tenant_id")
        stateHash = try row.string("state_hash")
        providerID = try row.string("provider_id")
        sealedVerifier = Data(try row.bytes("sealed"))
        redirectURI = try row.string("redirect_uri")
        returnURL = try row.string("return_url")
        scopes = try row.string("scopes").split(separator: " ").map(String.init)
        expiresAt = try row.date("expires_at")
        usedAt = try row.decode("used_at", as: Date?.self)
        expired = try row.bool("expired")
    }
}

/// What is known of a connector's tokens without opening them.
struct OAuthTokenRecord: Sendable {
    let tenantID: String
    let connectorID: String
    let expiresAt: Date?
    let hasRefreshToken: Bool
    /// Whether the access token expires within the margin asked for (by the database's clock).
    let due: Bool

    init(row: PostgresRow) throws {
        tenantID = try row.string("tenant_id")
        connectorID = try row.string("connector_id")
        expiresAt = try row.decode("expires_at", as: Date?.self)
        hasRefreshToken = try row.bool("has_refresh_token")
        due = try row.bool("due")
    }
}

/// Statements on `oauth_states` and `oauth_tokens`, and on the token fields of `connector_credentials`.
enum OAuthStore {
    /// The credential fields that hold tokens; what a new grant replaces, and what is never shown unmasked.
    static let accessTokenField = "accessToken"
    static let refreshTokenField = "refreshToken"
    static let userAccessTokenField = "userAccessToken"
    static let tokenFields = [accessTokenField, refreshTokenField, userAccessTokenField]
    /// The mask of a stored token: nothing of the token itself (tokens are not typed in by people, so a
    /// recognizable end is of no help, and a token is never to be shown in any part).
    static let tokenMask = "••••"
    /// How long a used or expired state is kept (to answer OAUTH_STATE_USED or OAUTH_STATE_EXPIRED rather than
    /// an unknown state) before it is deleted.
    static let stateRetention = "1 day"

    // MARK: States

    /// Inserts a state; deletes the tenant's states that are long past first, so that the table stays small.
    static func insertState(
        tenantID: String, stateHash: String, providerID: String, verifier: SealedField, redirectURI: String,
        returnURL: String, scopes: [String], lifetimeSeconds: Int, in transaction: PostgresTransaction
    ) async throws -> Date {
        _ = try await transaction.query(
            "DELETE FROM oauth_states WHERE tenant_id = $1 AND expires_at < clock_timestamp() - $2::interval",
            [.text(tenantID), .text(stateRetention)])
        let rows = try await transaction.query(
            """
            INSERT INTO oauth_states (tenant_id, state_hash, provider_id, sealed, key_version, redirect_uri,
                return_url, scopes, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], clock_timestamp() + make_interval(secs => $9))
            RETURNING expires_at
            """,
            [.text(tenantID), .text(stateHash), .text(providerID), .bytea([UInt8](verifier.sealed)),
             .int(verifier.keyVersion), .text(redirectURI), .text(returnURL), .textArray(scopes),
             .int(lifetimeSeconds)])
        return try rows[0].date("expires_at")
    }

    /// How many of the tenant's states are still usable (neither used nor expired).
    static func pendingStateCount(tenantID: String, in transaction: PostgresTransaction) async throws -> Int {
        try await transaction.query(
            """
            SELECT count(*) AS count FROM oauth_states
            WHERE tenant_id = $1 AND used_at IS NULL AND expires_at > clock_timestamp()
            """, [.text(tenantID)])[0].int("count")
    }

    /// The tenant of a state, by its hash, across tenants (the router's lookup; it needs no key).
    static func tenantOfState(stateHash: String, in transaction: PostgresTransaction) async throws -> String? {
        try await transaction.query(
            "SELECT tenant_id FROM oauth_states WHERE state_hash = $1", [.text(stateHash)]
        ).first?.string("tenant_id")
    }

    /// A tenant's state, locked until the transaction ends: a second callback with the same state waits for the
    /// first, then finds it used.
    static func lockState(
        tenantID: String, stateHash: String, in transaction: PostgresTransaction
    ) async throws -> OAuthStateRecord? {
        try await transaction.query(
            "SELECT \(OAuthStateRecord.columns) FROM oauth_states WHERE tenant_id = $1 AND state_hash = $2 FOR UPDATE",
            [.text(tenantID), .text(stateHash)]
        ).first.map(OAuthStateRecord.init(row:))
    }

    static func markStateUsed(
        tenantID: String, stateHash: String, connectorID: String?, in transaction: PostgresTransaction
    ) async throws {
        _ = try await transaction.query(
            """
            UPDATE oauth_states SET used_at = clock_timestamp(), connector_id = $3
            WHERE tenant_id = $1 AND state_hash = $2
            """, [.text(tenantID), .text(stateHash), connectorID.map { .text($0) }])
    }

    // MARK: Tokens

    /// Deletes the credential fields `replacing` of a connector, writes `fields` (other credential fields stay),
    /// and records what is known of the tokens.
    static func saveTokens(
        tenantID: String, connectorID: String, fields: [SealedField], replacing: [String], expiresIn: Int?,
        scopes: [String]?, refreshTokenRotated: Bool, isRefresh: Bool, in transaction: PostgresTransaction
    ) async throws {
        let replaced = fields.map(\.field)
        _ = try await transaction.query(
            "DELETE FROM connector_credentials WHERE tenant_id = $1 AND connector_id = $2 AND field = ANY($3::text[])",
            [.text(tenantID), .text(connectorID), .textArray(Array(Set(replacing + replaced)).sorted())])
        _ = try await transaction.query(
            """
            INSERT INTO connector_credentials (tenant_id, connector_id, field, sealed, masked, key_version)
            SELECT $1, $2, u.field, decode(u.sealed, 'hex'), u.masked, u.key_version
            FROM unnest($3::text[], $4::text[], $5::text[], $6::int8[]) AS u(field, sealed, masked, key_version)
            """,
            [.text(tenantID), .text(connectorID), .textArray(replaced),
             .textArray(fields.map { Hex.encode($0.sealed) }), .textArray(fields.map(\.masked)),
             .intArray(fields.map(\.keyVersion))])
        let hasRefreshToken = try await transaction.query(
            """
            SELECT EXISTS (SELECT 1 FROM connector_credentials
                           WHERE tenant_id = $1 AND connector_id = $2 AND field = $3) AS present
            """,
            [.text(tenantID), .text(connectorID), .text(refreshTokenField)])[0].bool("present")
        _ = try await transaction.query(
            """
            INSERT INTO oauth_tokens AS t (tenant_id, connector_id, expires_at, has_refresh_token, scopes, obtained_at,
                refreshed_at, refresh_token_rotated_at, refresh_count, last_error)
            VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3), $4, COALESCE($5::text[], '{}'),
                clock_timestamp(), CASE WHEN $6 THEN clock_timestamp() END,
                CASE WHEN $7 THEN clock_timestamp() END, CASE WHEN $6 THEN 1 ELSE 0 END, NULL)
            ON CONFLICT (tenant_id, connector_id) DO UPDATE SET
                expires_at = EXCLUDED.expires_at, has_refresh_token = EXCLUDED.has_refresh_token,
                scopes = CASE WHEN $5::text[] IS NULL THEN t.scopes ELSE EXCLUDED.scopes END,
                obtained_at = CASE WHEN $6 THEN t.obtained_at ELSE EXCLUDED.obtained_at END,
                refreshed_at = CASE WHEN $6 THEN clock_timestamp() ELSE NULL END,
                refresh_token_rotated_at = CASE WHEN $7 THEN clock_timestamp()
                    WHEN $6 THEN t.refresh_token_rotated_at ELSE NULL END,
                refresh_count = CASE WHEN $6 THEN t.refresh_count + 1 ELSE 0 END,
                last_error = NULL
            """,
            [.text(tenantID), .text(connectorID), expiresIn.map { .int($0) }, .bool(hasRefreshToken),
             scopes.map { .textArray($0) }, .bool(isRefresh), .bool(refreshTokenRotated)])
    }

    /// A connector's token row, locked for update when `lock` (the cross-process half of single-flight refresh);
    /// `due` says whether it expires within `marginSeconds`.
    static func token(
        tenantID: String, connectorID: String, marginSeconds: Int, lock: Bool, in transaction: PostgresTransaction
    ) async throws -> OAuthTokenRecord? {
        try await transaction.query(
            """
            SELECT tenant_id, connector_id, expires_at, has_refresh_token,
                COALESCE(expires_at <= clock_timestamp() + make_interval(secs => $3), false) AS due
            FROM oauth_tokens WHERE tenant_id = $1 AND connector_id = $2
            """ + (lock ? " FOR UPDATE" : ""),
            [.text(tenantID), .text(connectorID), .int(marginSeconds)]
        ).first.map(OAuthTokenRecord.init(row:))
    }

    static func recordRefreshFailure(
        tenantID: String, connectorID: String, reason: String, in transaction: PostgresTransaction
    ) async throws {
        _ = try await transaction.query(
            """
            UPDATE oauth_tokens SET last_error = $3, last_failed_at = clock_timestamp()
            WHERE tenant_id = $1 AND connector_id = $2
            """,
            [.text(tenantID), .text(connectorID), .text(reason)])
    }

    /// What `TenantConnector` shows of a connector's tokens.
    struct TokenState: Sendable {
        let expiresAt: Date?
        let lastError: String?
    }

    /// The token states of the given connectors (one statement for a level of `TenantConnector.tokenExpiresAt`).
    static func tokenStates(
        connectors keys: [TenantKey], in transaction: PostgresTransaction
    ) async throws -> [TenantKey: TokenState] {
        var states: [TenantKey: TokenState] = [:]
        for row in try await transaction.query(
            """
            SELECT tenant_id, connector_id, expires_at, last_error FROM oauth_tokens
            WHERE tenant_id = ANY($1::text[]) AND connector_id = ANY($2::text[])
            """, keys.parameters)
        {
            states[TenantKey(tenantID: try row.string("tenant_id"), id: try row.string("connector_id"))] = TokenState(
                expiresAt: try row.decode("expires_at", as: Date?.self),
                lastError: try row.decode("last_error", as: String?.self))
        }
        return states
    }

    /// The tenants with refreshable tokens of active connectors that expire within `marginSeconds`, across
    /// tenants (the background pass, run by the router: no key needed).
    static func tenantsWithTokensDue(
        marginSeconds: Int, retryAfterSeconds: Int, limit: Int, in transaction: PostgresTransaction
    ) async throws -> [String] {
        try await transaction.query(
            """
            SELECT DISTINCT t.tenant_id FROM oauth_tokens t
            JOIN tenant_connectors c ON c.tenant_id = t.tenant_id AND c.id = t.connector_id
            WHERE t.has_refresh_token AND t.expires_at <= clock_timestamp() + make_interval(secs => $1)
                AND \(refreshable)
            ORDER BY t.tenant_id LIMIT $3
            """, [.int(marginSeconds), .int(retryAfterSeconds), .int(limit)]
        ).map { try $0.string("tenant_id") }
    }

    /// The connectors the background pass refreshes (with `$2` the retry delay in seconds): active ones, and those
    /// a refresh that failed for a passing reason left in ERROR, once the delay has gone by since that failure.
    /// EXPIRED (`invalid_grant`) needs the tenant to connect again; DISABLED stays off.
    private static let refreshable = """
        (c.status = 'ACTIVE' OR (c.status = 'ERROR' AND t.last_error IS NOT NULL
            AND t.last_failed_at <= clock_timestamp() - make_interval(secs => $2)))
        """

    /// One tenant's connectors whose refreshable tokens expire within `marginSeconds`.
    static func connectorsWithTokensDue(
        tenantID: String, marginSeconds: Int, retryAfterSeconds: Int, limit: Int, in transaction: PostgresTransaction
    ) async throws -> [String] {
        try await transaction.query(
            """
            SELECT t.connector_id FROM oauth_tokens t
            JOIN tenant_connectors c ON c.tenant_id = t.tenant_id AND c.id = t.connector_id
            WHERE t.tenant_id = $3 AND t.has_refresh_token
                AND t.expires_at <= clock_timestamp() + make_interval(secs => $1) AND \(refreshable)
            ORDER BY t.expires_at LIMIT $4
            """, [.int(marginSeconds), .int(retryAfterSeconds), .text(tenantID), .int(limit)]
        ).map { try $0.string("connector_id") }
    }
}
