#!/usr/bin/env bash
# Idle-poll benchmark: the cost of one `cablewatch poll` on an unchanged source once N cables are archived
# (expected: one conditional GET of the home page answered 304, and no work proportional to N).
#
# Usage: Benchmarks/idle-poll.sh --cables N [--baseline M] [--polls K] [--seed S]
#   Takes the cached backfilled archive of the N-cable site (bench-out/archives/, made by backfill.sh or on first
#   use), copies it, then times K polls (default 10) against the unchanged site and reports the medians of wall
#   and user+sys CPU (the child's rusage, µs resolution) and the requests each poll made (nginx's access log),
#   after one untimed warm-up poll; the same at M cables (default 1000), and the ratio N/M.
#   Targets: one request per poll, CPU <= 20 ms, CPU and wall ratio <= 1.2.
#   poll.revalidate is 87600h because a cached archive may be older than a day (no revalidation may fall due).
#   Writes bench-out/idle-poll-N.json.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
BASELINE=1000
POLLS=10
SEED=1
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --cables) CABLES="${2:?--cables needs a value}"; shift 2 ;;
        --baseline) BASELINE="${2:?--baseline needs a value}"; shift 2 ;;
        --polls | --runs) POLLS="${2:?$1 needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[ -n "$CABLES" ] || { usage >&2; die "--cables N is required"; }
for value in "$CABLES" "$BASELINE" "$POLLS" "$SEED"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -gt 0 ] || die "expected a positive integer, got '$value'"
done
require_common_tools
mkdir -p "$OUT_DIR"
SAMPLES="$WORK_TMP/samples.tsv"
: > "$SAMPLES"

measure() {
    local n="$1" dir="$WORK_TMP/idle-$1"
    mkdir -p "$dir"
    ensure_site "$n" "$SEED"
    start_nginx "$SITE_DIR"
    ensure_archive
    use_archive "$dir/archive.sqlite3"
    write_cablewatch_config "$dir/cablewatch.yaml" "$dir/archive.sqlite3" "$dir/events.jsonl" 4 87600h
    local i mark
    # Untimed: migrates a cache made by an older cablewatch and warms the page cache.
    "$CABLEWATCH" poll --config "$dir/cablewatch.yaml" > "$dir/warmup.out" 2>&1 \
        || die "the warm-up poll failed: $(tail -5 "$dir/warmup.out")"
    for i in $(seq 1 "$POLLS"); do
        mark="$(log_mark)"
        precise_timed "$dir/idle$i" "$CABLEWATCH" poll --config "$dir/cablewatch.yaml" --json
        [ "$T_STATUS" -eq 0 ] || die "idle poll failed (exit $T_STATUS): $(tail -5 "$dir/idle$i.err")"
        local requests statuses outcome
        requests="$(log_slice "$mark" | wc -l | tr -d ' ')"
        statuses="$(log_slice "$mark" | awk '{ print $2 }' | sort | uniq -c | awk '{ printf "%s%s×%s", sep, $2, $1; sep = "," }')"
        outcome="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["outcome"])' "$dir/idle$i.out")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$T_WALL" "$T_CPU" "$T_RSS_KB" "$requests" "$statuses" \
            "$outcome" >> "$SAMPLES"
    done
    stop_nginx
}

measure "$BASELINE"
measure "$CABLES"

python3 - "$SAMPLES" "$OUT_DIR/idle-poll-$CABLES.json" "$BASELINE" "$CABLES" "$POLLS" << 'EOF'
import json, statistics, sys

samples, out, baseline, cables, polls = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rows = {}
for line in open(samples):
    n, wall, cpu, rss, requests, statuses, outcome = line.rstrip("\n").split("\t")
    rows.setdefault(int(n), []).append({"wallSeconds": float(wall), "cpuSeconds": float(cpu),
        "peakRSSKB": int(rss), "requests": int(requests), "statuses": statuses, "outcome": outcome})

def summary(n):
    r = rows[n]
    return {"cables": n, "wallSeconds": round(statistics.median(x["wallSeconds"] for x in r), 3),
            "cpuSeconds": round(statistics.median(x["cpuSeconds"] for x in r), 3),
            "peakRSSKB": int(statistics.median(x["peakRSSKB"] for x in r)),
            "requests": int(statistics.median(x["requests"] for x in r)),
            "maxRequests": max(x["requests"] for x in r),
            "outcomes": sorted({x["outcome"] for x in r}), "samples": r}

small, large = summary(baseline), summary(cables)
ratio = lambda k: round(large[k] / small[k], 2) if small[k] > 0 else (1.0 if large[k] == 0 else None)
targets = {
    "oneRequestPerPoll": large["maxRequests"] == 1 and small["maxRequests"] == 1,
    "cpuAtMost20ms": large["cpuSeconds"] <= 0.020,
    "cpuRatioAtMost1.2": (ratio("cpuSeconds") or 99) <= 1.2,
    "wallRatioAtMost1.2": (ratio("wallSeconds") or 99) <= 1.2,
}
result = {"benchmark": "idle-poll", "polls": int(polls), "baseline": small, "measured": large,
          "ratio": {"wallSeconds": ratio("wallSeconds"), "cpuSeconds": ratio("cpuSeconds"),
                    "peakRSSKB": ratio("peakRSSKB")},
          "targets": targets}
json.dump(result, open(out, "w"), indent=2)
met = lambda ok: "met" if ok else "NOT met"
print(f"idle poll on an unchanged source (medians of {polls} polls of a copy of a backfilled archive)")
print(f"{'cables':>10} {'wall (ms)':>10} {'CPU (ms)':>10} {'RSS (MB)':>10} {'requests':>9}  statuses / outcome")
for s in (small, large):
    print(f"{s['cables']:>10} {s['wallSeconds'] * 1000:>10.0f} {s['cpuSeconds'] * 1000:>10.0f} "
          f"{s['peakRSSKB'] / 1024:>10.1f} {s['maxRequests']:>9}  {s['samples'][-1]['statuses']} / {','.join(s['outcomes'])}")
print(f"ratio {cables}/{baseline}: wall {result['ratio']['wallSeconds']}, CPU {result['ratio']['cpuSeconds']}, "
      f"RSS {result['ratio']['peakRSSKB']}")
print(f"target: one request per poll ............ {met(targets['oneRequestPerPoll'])} (max {large['maxRequests']})")
print(f"target: CPU <= 20 ms at {cables} ......... {met(targets['cpuAtMost20ms'])} ({large['cpuSeconds'] * 1000:.0f} ms)")
print(f"target: CPU ratio <= 1.2 ................ {met(targets['cpuRatioAtMost1.2'])} ({result['ratio']['cpuSeconds']})")
print(f"target: wall ratio <= 1.2 ............... {met(targets['wallRatioAtMost1.2'])} ({result['ratio']['wallSeconds']})")
print(f"json: {out}")
EOF
