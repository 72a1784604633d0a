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
}
