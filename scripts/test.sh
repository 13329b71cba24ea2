#!/usr/bin/env bash
# The test command (README.md): format lint, a warning-free build, and every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== swift format lint --strict"
swift format lint --strict --recursive Package.swift Sources Tests

echo "== swift build --build-tests"
log="$(mktemp)"
swift build --build-tests 2>&1 | tee "$log"
if grep -E "^/.*/(Sources|Tests)/.*: warning:" "$log" | grep -v "/.build" ; then
    echo "FAIL: the build has warnings in project code (above)" >&2
    exit 1
fi

echo "== swift test"
swift test --skip-build
