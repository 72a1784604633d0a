#!/usr/bin/env bash
# Builds the libFuzzer target for the GraphQL parser (Fuzz/) and runs it.
#
#   ops/fuzz.sh [SECONDS]      default 180
#
# Crashing inputs are written to Fuzz/artifacts/; add each one to Fuzz/corpus/ once fixed.
# New interesting inputs found while fuzzing go to a scratch corpus, not to Fuzz/corpus/.
set -euo pipefail

seconds="${1:-180}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/Fuzz"

# The default gold linker crashes on fuzzer builds; lld works.
swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld
binary="$(swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld --show-bin-path)/fuzz-parser"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p artifacts

# Without SWIFT_BACKTRACE=enable=no, Swift's backtracer handles the crash before libFuzzer sees it.
SWIFT_BACKTRACE=enable=no "$binary" "$scratch" corpus \
    -max_len=4096 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=artifacts/ -print_final_stats=1
