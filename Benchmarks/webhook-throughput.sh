#!/usr/bin/env bash
# Delivers 10,000 events (committed 100 per transaction while the delivery loop runs) to a local receiver that
# verifies every Standard Webhooks signature, and reports events/s and p50/p99 commit-to-receipt latency.
# Usage: Benchmarks/webhook-throughput.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-10000}"
if [ ! -x .venv/bin/python3 ] || ! .venv/bin/python3 -c "import standardwebhooks" 2>/dev/null; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check standardwebhooks
fi
export WEBHOOK_TEST_PYTHON="${WEBHOOK_TEST_PYTHON:-$PWD/.venv/bin/python3}"
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
swift build --build-tests -c debug >/dev/null
CABLEWATCH_BENCH_EVENTS="$events" CABLEWATCH_BENCH_OUTPUT="$output" \
    swift test --skip-build --filter deliveryLoopKeepsUpWithCommittedEvents >/dev/null
cat "$output"
