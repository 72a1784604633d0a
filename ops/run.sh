#!/usr/bin/env bash
# The run command: builds the release binary (installing what is missing) and runs `switchboard` with the
# given arguments (default: --help).
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
ensure_swift
ensure_debian_packages libpq-dev libsodium-dev pkg-config postgresql
swift build -c release --product switchboard >&2
if [ $# -eq 0 ]; then set -- --help; fi
exec "$REPO_ROOT/.build/release/switchboard" "$@"
