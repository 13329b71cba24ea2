#!/usr/bin/env bash
# Delivers 10,000 events (committed 100 per transaction while the delivery loop runs) to a local receiver that
# verifies every Standard Webhooks signature, and reports events/s and p50/p99 commit-to-receipt latency.
# Usage: Benchmarks/webhook-throughput.sh [--events N] [EVENTS]   (--cables N is accepted and ignored, for run-all.sh)
# The receiver needs the standardwebhooks package, installed into .venv on first use. Writes
# bench-out/webhook-throughput.json (the test's result line as JSON).
set -euo pipefail
cd "$(dirname "$0")/.."
events=10000
while [ $# -gt 0 ]; do
    case "$1" in
        --events) events="$2"; shift 2 ;;
        --cables) shift 2 ;;
        [0-9]*) events="$1"; shift ;;
        *) echo "usage: $0 [--events N]" >&2; exit 2 ;;
    esac
done
if [ ! -x .venv/bin/pip ] || ! .venv/bin/pip show --quiet standardwebhooks > /dev/null 2>&1; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check standardwebhooks
fi
export WEBHOOK_TEST_PYTHON="${WEBHOOK_TEST_PYTHON:-$PWD/.venv/bin/python3}"
mkdir -p bench-out
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
# A release build of the test bundle (the @testable imports need -enable-testing); the first build takes minutes.
# It has its own build path: built in .build/, it would replace the release binaries that the other benchmarks
# run (.build/release/cablewatch) with -enable-testing ones.
build_path="$PWD/.build-bench-tests"
swift build -c release --build-path "$build_path" --build-tests -Xswiftc -enable-testing >/dev/null
WEBHOOK_BENCH_EVENTS="$events" WEBHOOK_BENCH_OUTPUT="$output" \
    swift test -c release --build-path "$build_path" -Xswiftc -enable-testing --skip-build \
    --filter deliveryLoopKeepsUpWithCommittedEvents >/dev/null
cat "$output"
# "BENCH events=N seconds=S events_per_second=E p50_ms=P p99_ms=Q"
jq -R 'sub("^BENCH "; "") | split(" ") | map(split("=") | {key: .[0], value: (.[1] | tonumber)}) | from_entries
    | {benchmark: "webhook-throughput"} + .' "$output" > bench-out/webhook-throughput.json
echo "json: bench-out/webhook-throughput.json"
