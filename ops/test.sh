#!/usr/bin/env bash
# The test command: builds, runs the Swift test suite, then the oracle suite (the same documents through
# Switchboard's CLI and graphql-core 3.3.2), then the integration suite (the real `switchboard serve` over HTTP on
# the PostgreSQL cluster started here, and `serve --workers N` with its worker processes). Installs what a new Debian
# machine lacks.
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

ensure_swift
ensure_debian_packages python3 python3-venv libpq-dev libsodium-dev pkg-config postgresql openssl
ensure_python_venv

# A throwaway PostgreSQL cluster on a Unix socket for the tests that need one (they fail, never skip, without it).
# A short path: a Unix socket path is limited to 107 bytes, and the postgres user must be able to reach it.
PG_DIR=$(mktemp -d /tmp/switchboard-pg.XXXXXX)
trap 'ops/pg-cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || true; rm -rf "$PG_DIR"' EXIT
log "starting PostgreSQL in $PG_DIR"
SWITCHBOARD_TEST_DATABASE_URL=$(ops/pg-cluster.sh start "$PG_DIR")
export SWITCHBOARD_TEST_DATABASE_URL

log "swift build"
swift build --product switchboard
log "swift test"
SWIFT_TEST_LOG=$(mktemp /tmp/switchboard-swift-test.XXXXXX.log)
swift test 2>&1 | tee "$SWIFT_TEST_LOG" | grep -E '^(✘|.*error:)|Test run with' || true
if ! grep -q "Test run with .* passed" "$SWIFT_TEST_LOG"; then
    echo "swift test failed; the full log is in $SWIFT_TEST_LOG" >&2
    grep -E "✘|error" "$SWIFT_TEST_LOG" | head -50 >&2
    exit 1
fi

log "oracle tests (graphql-core $("$PYTHON" -c 'import graphql; print(graphql.__version__)'))"
SWITCHBOARD_BIN="$REPO_ROOT/.build/debug/switchboard" "$PYTHON" -m pytest -q -p no:cacheprovider Tests/oracle

log "integration tests (switchboard serve over HTTP, PostgreSQL in $PG_DIR)"
SWITCHBOARD_BIN="$REPO_ROOT/.build/debug/switchboard" "$PYTHON" -m pytest -q -p no:cacheprovider Tests/integration

log "cluster integration tests (switchboard serve --workers N: router and worker processes)"
SWITCHBOARD_BIN="$REPO_ROOT/.build/debug/switchboard" "$PYTHON" -m pytest -q -p no:cacheprovider Tests/integration_cluster
