#!/usr/bin/env bash
# The main job in one command, on a fresh machine: installs what the build needs, builds cablewatch and
# cablegate-sim, serves a simulated cablegate site on 127.0.0.1, and tracks it through several releases with
# `cablewatch poll`, showing what an operator sees. The archive is left in a temporary folder to explore.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libcurl4-openssl-dev libsqlite3-dev zlib1g-dev curl; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
    echo "== installing ${need[*]}"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

echo "== building"
swift build --product cablewatch >/dev/null
swift build --product cablegate-sim >/dev/null
bin="$(swift build --show-bin-path)"

work="$(mktemp -d /tmp/cablewatch-demo.XXXXXX)"
port="${DEMO_PORT:-18480}"
"$bin/cablegate-sim" serve --port "$port" --cables 600 --seed 2010 --builds 8 >"$work/sim.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/index.html" >/dev/null && break; sleep 0.2; done

cat >"$work/cablewatch.yaml" <<YAML
source:
  url: http://127.0.0.1:$port
poll:
  revalidate: 0s
http:
  perHostDelay: 0s
storage:
  path: $work/archive.sqlite3
events:
  log: $work/events.jsonl
webhooks: []
YAML
cw() { "$bin/cablewatch" "$1" --config "$work/cablewatch.yaml" "${@:2}"; }

echo "== first poll: the baseline"
cw poll 2>/dev/null
for build in $(seq 7); do
    echo "== the source publishes build $build"
    curl -sf -X POST "http://127.0.0.1:$port/_sim/advance" >/dev/null
    cw poll 2>/dev/null
done

echo "== cablewatch status"
cw status || true
echo "== event types in the log ($work/events.jsonl)"
python3 - "$work/events.jsonl" <<'PY'
import collections, json, sys
print(dict(collections.Counter(json.loads(line)["type"] for line in open(sys.argv[1]))))
PY
changed="$(grep -m1 '"type":"cable.changed"' "$work/events.jsonl" | sed 's/.*"referenceId":"\([^"]*\)".*/\1/')"
if [ -n "$changed" ]; then
    echo "== cablewatch history $changed"
    cw history "$changed"
    echo "== cablewatch diff $changed"
    cw diff "$changed" | head -20
fi
echo "== cablewatch list --limit 5"
cw list --limit 5
echo "== cablewatch verify"
cw verify
echo
echo "The archive is in $work. Try: $bin/cablewatch --config $work/cablewatch.yaml search NATO"
