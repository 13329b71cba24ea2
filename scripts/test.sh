#!/usr/bin/env bash
# The test command (README.md), on a fresh machine or a used one: installs what the tests need when it is missing
# (Debian packages, a Python venv with standardwebhooks), then runs the format lint, a warning-free build, every test
# suite, the release build that scripts/install.sh installs, and the systemd end-to-end test. Every step runs even
# when an earlier one failed (unless it needs what failed), and the summary says which ran, passed, failed or were
# skipped, and why. Exit status: 0 when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."

# What the build and the tests use: libcurl, SQLite and zlib to build; sqlite3, curl, wget, nginx and promtool in
# tests; python3-venv for the webhook receiver; util-linux and systemd for the namespace tests; postgresql for the
# PostgreSQL archive's tests, which start a private server of their own (its service is not used).
packages=(libcurl4-openssl-dev libsqlite3-dev zlib1g-dev sqlite3 curl wget nginx-light python3-venv ca-certificates
    prometheus util-linux systemd postgresql)

# The commit `--version` names (Package.swift reads BUILD_COMMIT; CommandLineValidationTests checks the binaries say
# it), kept for scripts/build-release.sh below so both builds name the same one.
if [[ -z "${BUILD_COMMIT:-}" ]] && commit="$(git describe --always --dirty --abbrev=12 2>/dev/null)"; then
    export BUILD_COMMIT="$commit"
fi

summary=()
failed=0
# record STEP RESULT [WHY]: one line of the summary.
record() {
    summary+=("$(printf '%-42s %s' "$1" "$2${3:+ ($3)}")")
    [[ "$2" == failed ]] && failed=1
    return 0
}
# run STEP COMMAND...: runs a step, announces it, records whether it passed.
run() {
    local name="$1"
    shift
    echo "== $name"
    if "$@"; then record "$name" passed; return 0; fi
    record "$name" failed
    return 1
}

install_packages() {
    local missing=()
    for package in "${packages[@]}"; do
        dpkg -s "$package" > /dev/null 2>&1 || missing+=("$package")
    done
    ((${#missing[@]} == 0)) && { echo "all present"; return 0; }
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    echo "installing ${missing[*]}"
    "${sudo[@]}" apt-get update -q \
        && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

make_venv() {
    if [[ -x .venv/bin/python3 ]] && .venv/bin/python3 -c "import standardwebhooks" 2> /dev/null; then
        echo "present"
        return 0
    fi
    python3 -m venv .venv && .venv/bin/pip install --quiet --disable-pip-version-check standardwebhooks
}
export WEBHOOK_TEST_PYTHON="${WEBHOOK_TEST_PYTHON:-$PWD/.venv/bin/python3}"

build_without_warnings() {
    local log
    log="$(mktemp)"
    swift build --build-tests 2>&1 | tee "$log"
    local status=${PIPESTATUS[0]}
    if grep -E "^/.*/(Sources|Tests)/.*: warning:" "$log" | grep -v "/.build"; then
        echo "FAIL: the build has warnings in project code (above)" >&2
        status=1
    fi
    rm -f "$log"
    return "$status"
}

release_build() {
    local release
    release="$(scripts/build-release.sh)" || return 1
    "$release" --help > /dev/null || return 1
    "$release" demo --help > /dev/null || { echo "FAIL: $release demo --help (cablewatch-demo beside it)" >&2; return 1; }
    "$release" --version | grep -qxF "cablewatch ${BUILD_COMMIT:-unknown commit}" \
        || { echo "FAIL: $release --version does not name ${BUILD_COMMIT:-unknown commit}" >&2; return 1; }
}

run "packages (${#packages[@]} checked)" install_packages
run "python venv (standardwebhooks)" make_venv
run "swift format lint --strict" swift format lint --strict --recursive Package.swift Sources Tests
if run "swift build --build-tests" build_without_warnings; then
    run "swift test" swift test --skip-build
else
    record "swift test" "not run" "the build failed"
fi
run "build-release.sh refuses (Tests/system)" Tests/system/build-release-refusal.sh
run "release build (scripts/build-release.sh)" release_build

echo "== systemd end to end (Tests/system/systemd-e2e.sh)"
Tests/system/systemd-e2e.sh
case $? in
    0) record "systemd end to end" passed ;;
    77) record "systemd end to end" skipped "see SKIPPED above; not a pass" ;;
    *) record "systemd end to end" failed ;;
esac

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
if ((failed)); then
    echo "scripts/test.sh: FAILED"
    exit 1
fi
echo "scripts/test.sh: every step that ran passed"
