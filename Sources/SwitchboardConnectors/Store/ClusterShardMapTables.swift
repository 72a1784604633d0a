extension ConnectorMigrations {
    /// The shard map of `switchboard serve --workers N` (SwitchboardCluster reads and writes it; the tables live in
    /// this list because the migrator keeps one sequence of versions per database).
    ///
    /// `cluster_workers` is the set of worker ids tenants are spread over by rendezvous hashing; a worker that leaves
    /// the set is marked inactive rather than deleted, so that its pins stay readable. `cluster_pins` places a tenant
    /// on a worker explicitly, overriding the hash. Only routers read these tables, through their own connection
    /// (they are placement, not tenant data: no row-level security, and `switchboard_app` has no grant on them).
    static let clusterShardMap = """
        CREATE TABLE cluster_workers (
            id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
            active boolean NOT NULL DEFAULT true,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE cluster_pins (
            tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
            worker_id text NOT NULL REFERENCES cluster_workers (id),
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX cluster_pins_worker ON cluster_pins (worker_id);
        """

    /// The worker count every router on the database follows (`setWorkerCount`, or the first router's
    /// `--workers N`): one row. A router that reads a new count spawns or retires its workers to match, and the
    /// active set of `cluster_workers` (`w1` … `wN`) is written with it in one transaction. Placement data like the
    /// tables above: no row-level security, no grant to `switchboard_app`.
    static let clusterWorkerCount = """
        CREATE TABLE cluster_settings (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            worker_count integer NOT NULL CHECK (worker_count BETWEEN 1 AND 256),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        """
}
