#!/usr/bin/env bash
# The engine benchmark: Switchboard's parser, schema builder, validator and executor against GraphQLSwift 4.3.0,
# on the same fixtures in one run, in release mode. Prints a Markdown table with the ratios.
#   ops/bench-engine.sh [FIXTURES_DIR]      (BENCH_SECONDS=2 per measurement by default)
source "$(dirname "$0")/lib.sh"
ensure_swift
cd "$REPO_ROOT/Benchmarks"
swift build -c release >&2
exec .build/release/GraphQLBenchmarks "${1:-$REPO_ROOT/../shared/fixtures}"
