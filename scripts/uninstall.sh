#!/usr/bin/env bash
# Removes what scripts/install.sh installed. Keeps the configuration (/etc/cablewatch), the archive
# (/var/lib/cablewatch, /var/lib/private/cablewatch) and the event log (/var/log/cablewatch) unless --purge is given.
set -euo pipefail
prefix="${PREFIX:-/usr/local}"
sysconfdir="${SYSCONFDIR:-/etc/cablewatch}"
unitdir="${UNITDIR:-/etc/systemd/system}"

if [[ -d /run/systemd/system ]] && systemctl list-unit-files cablewatch.service >/dev/null 2>&1; then
    systemctl disable --now cablewatch.service || true
fi
rm -f "$unitdir/cablewatch.service" "$prefix/bin/cablewatch" "$prefix/bin/cablewatch-demo"
if [[ -d /run/systemd/system ]]; then systemctl daemon-reload; fi
echo "removed the unit and the binaries"
if [[ "${1:-}" == "--purge" ]]; then
    rm -rf "$sysconfdir" /var/lib/cablewatch /var/lib/private/cablewatch /var/log/cablewatch /var/log/private/cablewatch
    echo "purged configuration, archive and logs"
else
    echo "kept $sysconfdir, /var/lib/cablewatch and /var/log/cablewatch (use --purge to remove them)"
fi
