#!/usr/bin/env bash
# Installs cablewatch as a systemd service: release build, the binaries to /usr/local/bin (`cablewatch` and
# `cablewatch-demo`, which `cablewatch demo` runs from beside it), the example configuration to
# /etc/cablewatch/cablewatch.yaml (never overwriting an existing one), the unit to /etc/systemd/system.
# Creates the example webhook's secret /etc/cablewatch/ops.secret (mode 0600, never overwritten), which the unit hands
# to the service as the systemd credential ops.secret.
# Usage: sudo scripts/install.sh [--no-build]   (PREFIX, SYSCONFDIR and UNITDIR may be overridden for packaging;
# BINARY names the `cablewatch` to install with --no-build, its `cablewatch-demo` beside it; systemd is reloaded only
# for the default UNITDIR)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-/usr/local}"
sysconfdir="${SYSCONFDIR:-/etc/cablewatch}"
unitdir="${UNITDIR:-/etc/systemd/system}"

if [[ "${1:-}" != "--no-build" ]]; then
    echo "== scripts/build-release.sh (release build; Swift runtime, SQLite and libstdc++ linked statically)"
    binary="$(scripts/build-release.sh)"
else
    binary="${BINARY:-$(scripts/build-release.sh --print-path)}"
fi
[[ -x "$binary" ]] || { echo "install: no release binary at $binary (build first)" >&2; exit 1; }
demo="$(dirname "$binary")/cablewatch-demo"
[[ -x "$demo" ]] || { echo "install: no $demo beside $binary (build first)" >&2; exit 1; }

install -D -m 0755 "$binary" "$prefix/bin/cablewatch"
install -D -m 0755 "$demo" "$prefix/bin/cablewatch-demo"
echo "installed $prefix/bin/cablewatch and $prefix/bin/cablewatch-demo (run by \`cablewatch demo\`)"

install -d -m 0755 "$sysconfdir"
if [[ -e "$sysconfdir/cablewatch.yaml" ]]; then
    echo "kept the existing $sysconfdir/cablewatch.yaml (the new example is Config/cablewatch.example.yaml)"
else
    install -m 0644 Config/cablewatch.example.yaml "$sysconfdir/cablewatch.yaml"
    echo "installed $sysconfdir/cablewatch.yaml — set source.url, then check it with:"
    echo "    cablewatch config check --config $sysconfdir/cablewatch.yaml"
fi

if [[ -e "$sysconfdir/ops.secret" ]]; then
    echo "kept the existing webhook secret $sysconfdir/ops.secret"
else
    # umask first: the secret is never readable by others, not even for a moment.
    (umask 077 && printf 'whsec_%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" > "$sysconfdir/ops.secret")
    echo "created the webhook secret $sysconfdir/ops.secret (mode 0600): give it to the webhook's receiver"
fi

install -D -m 0644 systemd/cablewatch.service "$unitdir/cablewatch.service"
echo "installed $unitdir/cablewatch.service"
if [[ -d /run/systemd/system && "$unitdir" == /etc/systemd/system ]]; then systemctl daemon-reload; fi

cat <<'TEXT'

Next:
    sudo systemctl enable --now cablewatch     # start now and at boot
    systemctl status cablewatch                # state and the one-line poll summary
    journalctl -u cablewatch -f                # logs
    sudo systemctl reload cablewatch           # re-read the configuration (SIGHUP)
    cablewatch status                          # exit code 0 ok / 1 degraded / 2 failing or not running
TEXT
