#!/usr/bin/env bash
# Soak test: `cablewatch run` polls the simulator every 200 ms for --minutes (default 20) while the simulator
# publishes a new build every minute. Samples the daemon's RSS and open file descriptors every minute, prints a
# table, and says whether RSS stayed within 10% of its level after the warm-up (minute 2: first backfill done,
# SQLite caches filled) and whether the FD count stayed flat. The simulated release is spread over --builds
# builds (default 200), so each minute adds a small batch of cables and the archive stays nearly steady: RSS
# growth then means a leak, not a bigger archive.
# Usage: Benchmarks/soak.sh [--minutes N] [--cables N] [--builds N]   (uses .build/release if built, else debug)
# Needs jq and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=20
cables=3000
builds=200
while [[ $# -gt 0 ]]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --cables) cables="$2"; shift 2 ;;
        --builds) builds="$2"; shift 2 ;;
        *) echo "usage: $0 [--minutes N] [--cables N] [--builds N]" >&2; exit 2 ;;
    esac
done
dir=.build/release
[[ -x $dir/cablewatch && -x $dir/cablegate-sim ]] || dir=.build/debug
[[ -x $dir/cablewatch && -x $dir/cablegate-sim ]] || { echo "build first (swift build)" >&2; exit 2; }
command -v jq > /dev/null || { echo "soak: jq is required (apt-get install -y jq)" >&2; exit 2; }

work="$(mktemp -d /tmp/cablewatch-soak.XXXXXX)"
sim_pid=""
daemon_pid=""
cleanup() {
    [[ -n "$daemon_pid" ]] && kill "$daemon_pid" 2>/dev/null
    [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

(( minutes >= 3 )) || { echo "soak: at least 3 minutes (minute 2 is the warm-up baseline)" >&2; exit 2; }
(( builds >= minutes + 2 )) || builds=$((minutes + 2))
"$dir/cablegate-sim" serve --port 0 --cables "$cables" --seed 99 --builds "$builds" --build 1 >"$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 300); do grep -q "listening on" "$work/sim.out" && break; sleep 0.1; done
url="$(grep -o 'http://[0-9.:]*' "$work/sim.out" | head -1)"
cat >"$work/cablewatch.yaml" <<YAML
source:
  url: $url
poll:
  interval: 200ms
  jitter: 0.1
  revalidate: 0s
http:
  perHostDelay: 0s
storage:
  path: $work/archive.sqlite3
events:
  log: $work/events.jsonl
YAML
"$dir/cablewatch" run --config "$work/cablewatch.yaml" >"$work/daemon.log" 2>&1 &
daemon_pid=$!

rss() { awk '/VmRSS/ {print $2}' "/proc/$daemon_pid/status"; }
fds() { ls "/proc/$daemon_pid/fd" | wc -l; }
echo "soak: $minutes min, $cables cables, 200 ms interval, a new build every minute ($dir binaries)"
printf "%6s %10s %6s %8s %10s\n" minute rss_kb fds polls archived
declare -a rss_samples fd_samples
start=$(date +%s)
for minute in $(seq 1 "$minutes"); do
    while (( $(date +%s) < start + minute * 60 )); do
        kill -0 "$daemon_pid" 2>/dev/null || { echo "soak: the daemon died"; tail -20 "$work/daemon.log"; exit 1; }
        sleep 5
    done
    r=$(rss); f=$(fds)
    rss_samples+=("$r"); fd_samples+=("$f")
    polls=$(grep -c "poll finished" "$work/daemon.log" || true)
    archived=$("$dir/cablewatch" status --config "$work/cablewatch.yaml" --json 2>/dev/null \
        | jq -r .archive.cables 2>/dev/null || echo "?")
    printf "%6d %10d %6d %8d %10s\n" "$minute" "$r" "$f" "$polls" "$archived"
    curl -sf -X POST "$url/_sim/advance" >/dev/null || true
done
kill -TERM "$daemon_pid"; wait "$daemon_pid"; code=$?; daemon_pid=""
baseline=${rss_samples[1]}
after=("${rss_samples[@]:1}")
max_rss=$(printf "%s\n" "${after[@]}" | sort -n | tail -1)
fds_after=("${fd_samples[@]:1}")
min_fd=$(printf "%s\n" "${fds_after[@]}" | sort -n | head -1)
max_fd=$(printf "%s\n" "${fds_after[@]}" | sort -n | tail -1)
growth=$(awk -v m="$max_rss" -v b="$baseline" 'BEGIN { printf "%.1f", (m - b) * 100 / b }')
rss_ok=$(awk -v m="$max_rss" -v b="$baseline" 'BEGIN { print (m <= b * 1.10) ? "yes" : "NO" }')
fd_ok=$([[ $((max_fd - min_fd)) -le 2 ]] && echo yes || echo NO)
verify="$("$dir/cablewatch" verify --config "$work/cablewatch.yaml" >/dev/null 2>&1 && echo clean || echo FAILED)"
echo "RSS at minute 2 (after warm-up): ${baseline} kB, max: ${max_rss} kB (+${growth}%) — within 10%: $rss_ok"
echo "open FDs from minute 2: min ${min_fd}, max ${max_fd} — flat: $fd_ok"
echo "exit after SIGTERM: $code; verify: $verify"
[[ "$rss_ok" == yes && "$fd_ok" == yes && "$code" == 0 && "$verify" == clean ]]
