#!/usr/bin/env bash
# scripts/build-release.sh must refuse, with a message naming the package to install, when the C compiler cannot
# find Debian's static SQLite or libstdc++ (it would otherwise build a binary that loads them dynamically).
# A stand-in `cc` first on PATH answers -print-file-name the way cc does for a library it cannot find: by echoing
# the bare name. The script stops before building anything, so this takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/../.."

real_cc="$(command -v cc)" || { echo "build-release-refusal: no cc on PATH" >&2; exit 1; }
fake="$(mktemp -d)"
trap 'rm -rf "$fake"' EXIT
for missing in libsqlite3.a libstdc++.a; do
    cat > "$fake/cc" << STUB
#!/bin/sh
case "\$1" in
    -print-file-name=$missing) echo "$missing" ;;
    *) exec "$real_cc" "\$@" ;;
esac
STUB
    chmod +x "$fake/cc"
    set +e
    output="$(PATH="$fake:$PATH" scripts/build-release.sh 2>&1)"
    status=$?
    set -e
    if [ "$status" -ne 1 ]; then
        echo "build-release-refusal: expected exit 1 without $missing, got $status: $output" >&2
        exit 1
    fi
    if ! grep -q "build-release: $missing not found (install libsqlite3-dev and libstdc++-12-dev)" <<< "$output"; then
        echo "build-release-refusal: unexpected message without $missing: $output" >&2
        exit 1
    fi
    echo "build-release-refusal: without $missing: exit 1, \"$(tail -1 <<< "$output")\""
done
