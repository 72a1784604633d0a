#!/usr/bin/env bash
# The run command: builds the release binary (installing what is missing) and runs `switchboard` with the
# given arguments. With none it runs `switchboard serve`: the connector graph at http://127.0.0.1:8080/graphql on
# the embedded default (a private PostgreSQL cluster under ./.switchboard). `ops/run.sh <subcommand> …` runs any
# other command (`ops/run.sh --help` lists them).
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
ensure_swift
ensure_debian_packages libpq-dev libsodium-dev pkg-config postgresql
swift build -c release --product switchboard >&2
if [ $# -eq 0 ]; then set -- serve; fi
exec "$REPO_ROOT/.build/release/switchboard" "$@"
