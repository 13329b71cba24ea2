#!/usr/bin/env bash
# Builds the release binaries that scripts/install.sh installs, `cablewatch` and, beside it, `cablewatch-demo` (which
# `cablewatch demo` runs), and prints the path of `cablewatch`.
# Usage: scripts/build-release.sh [--print-path]   (--print-path: print where `cablewatch` is, build nothing)
#
# Linked statically: the Swift runtime and Foundation (--static-swift-stdlib), libstdc++ and SQLite (Debian's
# libstdc++.a and libsqlite3.a, put first on the library path). libcurl and its TLS, GSSAPI and LDAP libraries stay
# shared, so Debian's security updates to them apply without a rebuild; an SQLite update needs a rebuild.
# Why: a one-shot `cablewatch poll` is a new process each time, and the dynamic loader resolved every symbol of
# libsqlite3 and libstdc++ at start-up (Debian links them with BIND_NOW): ~3,300 of the ~12,300 symbol lookups.
# See README.md "Performance".
# The build has its own scratch path (.build-release), so it does not rebuild the development build's .build/.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=".build-release"
# The commit `cablewatch --version` names (Package.swift reads BUILD_COMMIT; one set by the caller is kept; without
# git: "unknown commit").
if [[ -z "${BUILD_COMMIT:-}" ]] && commit="$(git describe --always --dirty --abbrev=12 2>/dev/null)"; then
    export BUILD_COMMIT="$commit"
fi
flags=(-c release --static-swift-stdlib --scratch-path "$scratch")

if [[ "${1:-}" == "--print-path" ]]; then
    echo "$(swift build "${flags[@]}" --show-bin-path)/cablewatch"
    exit 0
fi

# The archives, found the way the C compiler finds libraries; -print-file-name echoes the bare name when it finds none.
static_libs="$PWD/$scratch/static-libs"
mkdir -p "$static_libs"
for archive in libsqlite3.a libstdc++.a; do
    found="$(cc -print-file-name="$archive")"
    if [[ "$found" != /* || ! -f "$found" ]]; then
        echo "build-release: $archive not found (install libsqlite3-dev and libstdc++-12-dev)" >&2
        exit 1
    fi
    ln -sf "$found" "$static_libs/$archive"
done

# -L before the compiler's own library directories: `link "sqlite3"` and -lstdc++ then find the archives first.
for product in cablewatch cablewatch-demo; do
    swift build "${flags[@]}" --product "$product" -Xswiftc -L"$static_libs" >&2
done
bin="$(swift build "${flags[@]}" --show-bin-path)"
for binary in "$bin/cablewatch" "$bin/cablewatch-demo"; do
    if ldd "$binary" | grep -E 'libsqlite3|libstdc\+\+' >&2; then
        echo "build-release: $binary still loads the libraries above dynamically" >&2
        exit 1
    fi
done
# The daemon does not link the simulated source: only cablewatch-demo does.
if nm "$bin/cablewatch" | grep -m 3 CablegateSim >&2; then
    echo "build-release: $bin/cablewatch links the simulator (CablegateSim symbols above)" >&2
    exit 1
fi
echo "$bin/cablewatch"
