#!/usr/bin/env bash
# Runs every benchmark script in Benchmarks/ (every *.sh but this one, lib.sh, and soak.sh, which takes 20 minutes:
# run it on its own) at one scale: backfill.sh first (it caches the backfilled archive that idle-poll, cli-latency
# and peer-urlwatch reuse), then the scripts listed in ORDER, then any other script in name order.
# usage: Benchmarks/run-all.sh [--cables N]
# Each script gets `--cables N`; a script that has no use for it should accept and ignore it. A failing script
# is reported and the others still run; the exit status is non-zero if any failed. Results land in bench-out/.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."

cables=2000
while [ $# -gt 0 ]; do
    case "$1" in
        --cables) cables="$2"; shift 2 ;;
        -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
        *) echo "run-all.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

self="$(basename "$0")"
ORDER=(backfill.sh idle-poll.sh startup-floor.sh cli-latency.sh peer-urlwatch.sh incremental.sh backfill-memory.sh
    parse-throughput.sh webhook-throughput.sh)
scripts=()
for name in "${ORDER[@]}"; do [ -f "$here/$name" ] && scripts+=("$here/$name"); done
for script in "$here"/*.sh; do
    case " ${ORDER[*]} " in *" $(basename "$script") "*) continue ;; esac
    scripts+=("$script")
done
failed=()
ran=()
for script in "${scripts[@]}"; do
    name="$(basename "$script")"
    case "$name" in "$self" | lib.sh | soak.sh) continue ;; esac
    echo "=== $name --cables $cables"
    start=$(date +%s)
    if bash "$script" --cables "$cables"; then
        ran+=("$name ok ($(( $(date +%s) - start ))s)")
    else
        status=$?
        ran+=("$name FAILED (exit $status)")
        failed+=("$name")
    fi
done

echo "=== summary (--cables $cables)"
printf '  %s\n' "${ran[@]}"
[ ${#failed[@]} -eq 0 ]
