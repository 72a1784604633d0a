#!/usr/bin/env bash
# The cluster benchmark (not a test): the router's cost against a request sent straight to a worker's executor, and
# against PostgreSQL alone, in one run on the same data. Builds the release binary, starts a throwaway PostgreSQL
# cluster, seeds tenants with connectors and projects, then measures with wrk (and pgbench for the SQL):
#   (a) serve --workers 2        (b) serve in one process        (c) pgbench on the statements of one request
# and prints a Markdown table (requests/s, p50, p99) and the ratio router/direct.
#
#   ops/bench-cluster.sh
#   BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_CONNECTIONS=32 BENCH_THREADS=1 BENCH_TENANTS=16 BENCH_WORKERS=2 \
#       ops/bench-cluster.sh
#
# (a) and (b) run side by side and are measured in turn, BENCH_ROUNDS times BENCH_SECONDS each, so that whatever else
# loads the machine meanwhile weighs on both alike.
#
# BENCH_KEEP=1 keeps the working directory (logs, the wrk and pgbench scripts) for a look after.
# wrk runs on the same machine and competes with the server for the cores: the settings are the same for every run.
source "$(dirname "$0")/lib.sh"
ensure_swift
# wrk drives HTTP; pgbench comes with PostgreSQL's server package (postgresql-contrib on older releases).
ensure_debian_packages wrk postgresql postgresql-contrib
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PG_BIN/pgbench" ] || { echo "pgbench not found in $PG_BIN" >&2; exit 1; }

cd "$REPO_ROOT"
log "building the release binary"
swift build -c release --product switchboard >&2
BINARY=$(swift build -c release --product switchboard --show-bin-path)/switchboard

WORK=$(mktemp -d /tmp/bench-cluster.XXXXXX)
PG_DIR=$WORK/pg
cleanup() {
    "$REPO_ROOT/ops/pg-cluster.sh" stop "$PG_DIR" >/dev/null 2>&1 || true
    if [ -n "${BENCH_KEEP:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
mkdir -p "$PG_DIR"
# Readable by the postgres user that runs the cluster when we are root.
chmod 755 "$WORK"
DATABASE_URL=$("$REPO_ROOT/ops/pg-cluster.sh" start "$PG_DIR")

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
log "machine: $(nproc) cores, $CPU, $(free -g | awk '/Mem:/ {print $2}') GiB"
python3 "$REPO_ROOT/ops/bench_cluster.py" \
    --binary "$BINARY" --database-url "$DATABASE_URL" --pg-log "$PG_DIR/postgres.log" \
    --psql "$PG_BIN/psql" --pgbench "$PG_BIN/pgbench" --work "$WORK" \
    --workers "${BENCH_WORKERS:-2}" --tenants "${BENCH_TENANTS:-16}" \
    --duration "${BENCH_SECONDS:-10}" --rounds "${BENCH_ROUNDS:-3}" \
    --connections "${BENCH_CONNECTIONS:-32}" --threads "${BENCH_THREADS:-1}"
