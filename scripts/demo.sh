#!/usr/bin/env bash
# The main job in one command, on a fresh machine: installs the system packages the build needs, builds cablewatch
# and cablewatch-demo (which `cablewatch demo` runs from beside it), and runs `cablewatch demo` — a simulated
# cablegate site, a throwaway archive and a signature-checking webhook
# receiver, all in one process on 127.0.0.1 — through several releases. Ctrl-C stops it; the archive is left in a
# temporary folder to explore. Arguments are passed to `cablewatch demo` (e.g. --cables 600 --builds 5).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libcurl4-openssl-dev libsqlite3-dev zlib1g-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
    echo "== installing ${need[*]}"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

echo "== building"
swift build --product cablewatch-demo >/dev/null
swift build --product cablewatch >/dev/null
exec "$(swift build --show-bin-path)/cablewatch" demo "$@"
