#!/usr/bin/env bash
# Idle-poll benchmark: the cost of one poll of an unchanged source once N cables are archived (expected: one
# conditional GET of the home page answered 304, and no work proportional to N), measured two ways:
#   - a one-shot `cablewatch poll` process (process start-up included: dynamic linking, libcurl and SQLite set-up);
#   - one poll cycle inside a running `cablewatch run`, the way the service polls.
#
# Usage: Benchmarks/idle-poll.sh --cables N [--baseline M] [--polls K] [--cycles C] [--seed S]
#   Takes the cached backfilled archive of the N-cable site (bench-out/archives/, made by backfill.sh or on first
#   use), copies it, then times K polls (default 10) against the unchanged site and reports the medians of wall
#   and user+sys CPU (the child's rusage, µs resolution) and the requests each poll made (nginx's access log),
#   after one untimed warm-up poll. After each poll, the same conditional GET by the curl command (a fresh process
#   making one libcurl request) is timed as a baseline, and the median per-pair ratio is reported with it. Then
#   runs the daemon (poll.interval 1s, jitter 0) for C cycles (default 20) after two untimed ones and reports the median CPU per cycle (daemon_idle_cycles in lib.sh). The same at M
#   cables (default 1000), and the ratios N/M.
#   Targets: one request per poll, CPU <= 20 ms, CPU and wall ratio <= 1.2.
#   poll.revalidate is 87600h because a cached archive may be older than a day (no revalidation may fall due).
#   Writes bench-out/idle-poll-N.json.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
BASELINE=1000
POLLS=10
CYCLES=20
SEED=1
usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --cables) CABLES="${2:?--cables needs a value}"; shift 2 ;;
        --baseline) BASELINE="${2:?--baseline needs a value}"; shift 2 ;;
        --polls | --runs) POLLS="${2:?$1 needs a value}"; shift 2 ;;
        --cycles) CYCLES="${2:?--cycles needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[ -n "$CABLES" ] || { usage >&2; die "--cables N is required"; }
for value in "$CABLES" "$BASELINE" "$POLLS" "$CYCLES" "$SEED"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -gt 0 ] || die "expected a positive integer, got '$value'"
done
require_common_tools
mkdir -p "$OUT_DIR"
SAMPLES="$WORK_TMP/samples.tsv"
DAEMON_SAMPLES="$WORK_TMP/daemon.tsv"
: > "$SAMPLES"
: > "$DAEMON_SAMPLES"

measure() {
    local n="$1" dir="$WORK_TMP/idle-$1"
    ensure_site "$n" "$SEED"
    start_nginx "$SITE_DIR"
    ensure_archive
    idle_archive "$dir"
    local i mark etag
    etag="$(home_etag)"
    for i in $(seq 1 "$POLLS"); do
        mark="$(log_mark)"
        precise_timed "$dir/idle$i" "$CABLEWATCH" poll --config "$dir/cablewatch.yaml" --json
        [ "$T_STATUS" -eq 0 ] || die "idle poll failed (exit $T_STATUS): $(tail -5 "$dir/idle$i.err")"
        local requests statuses outcome poll_wall poll_cpu poll_rss
        poll_wall="$T_WALL" poll_cpu="$T_CPU" poll_rss="$T_RSS_KB"
        requests="$(log_slice "$mark" | wc -l | tr -d ' ')"
        statuses="$(log_slice "$mark" | awk '{ print $2 }' | sort | uniq -c | awk '{ printf "%s%s×%s", sep, $2, $1; sep = "," }')"
        outcome="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["outcome"])' "$dir/idle$i.out")"
        # The baseline, right after each poll so that both see the same host noise: the same conditional GET made
        # by the curl command (one libcurl request in a fresh process, nothing else).
        precise_timed "$dir/curl$i" curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" \
            "$BASE_URL/index.html"
        [ "$T_STATUS" -eq 0 ] && [ "$(cat "$dir/curl$i.out")" = 304 ] \
            || die "the curl baseline did not get a 304: $(cat "$dir/curl$i.out" "$dir/curl$i.err")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$poll_wall" "$poll_cpu" "$poll_rss" "$requests" \
            "$statuses" "$outcome" "$T_CPU" >> "$SAMPLES"
    done
    daemon_idle_cycles "$dir/cablewatch.yaml" "$CYCLES" "$dir/daemon"
    printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$D_CPU_MEDIAN" "$D_CPU_MEAN_TICKS" "${D_RSS_KB:-0}" "$D_REQUESTS" \
        >> "$DAEMON_SAMPLES"
    stop_nginx
}

measure "$BASELINE"
measure "$CABLES"

python3 - "$SAMPLES" "$OUT_DIR/idle-poll-$CABLES.json" "$BASELINE" "$CABLES" "$POLLS" "$DAEMON_SAMPLES" "$CYCLES" \
    << 'EOF'
import json, statistics, sys

samples, out, baseline, cables, polls = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
daemon_samples, cycles = sys.argv[6], sys.argv[7]
daemon = {}
for line in open(daemon_samples):
    n, median_cpu, mean_cpu, rss, requests = line.rstrip("\n").split("\t")
    daemon[int(n)] = {"cables": int(n), "cpuSecondsPerCycle": round(float(median_cpu), 5),
                      "meanCpuSecondsPerCycleFromTicks": round(float(mean_cpu), 5), "peakRSSKB": int(rss),
                      "requestsPerCycle": float(requests)}
rows = {}
for line in open(samples):
    n, wall, cpu, rss, requests, statuses, outcome, curl_cpu = line.rstrip("\n").split("\t")
    rows.setdefault(int(n), []).append({"wallSeconds": float(wall), "cpuSeconds": float(cpu),
        "peakRSSKB": int(rss), "requests": int(requests), "statuses": statuses, "outcome": outcome,
        "curlCpuSeconds": float(curl_cpu)})

def summary(n):
    r = rows[n]
    return {"cables": n, "wallSeconds": round(statistics.median(x["wallSeconds"] for x in r), 4),
            "cpuSeconds": round(statistics.median(x["cpuSeconds"] for x in r), 5),
            "peakRSSKB": int(statistics.median(x["peakRSSKB"] for x in r)),
            "requests": int(statistics.median(x["requests"] for x in r)),
            "curlCpuSeconds": round(statistics.median(x["curlCpuSeconds"] for x in r), 4),
            "cpuRatioToCurl": round(statistics.median(x["cpuSeconds"] / x["curlCpuSeconds"] for x in r
                                                      if x["curlCpuSeconds"] > 0), 2),
            "maxRequests": max(x["requests"] for x in r),
            "outcomes": sorted({x["outcome"] for x in r}), "samples": r}

small, large = summary(baseline), summary(cables)
ratio = lambda k: round(large[k] / small[k], 2) if small[k] > 0 else (1.0 if large[k] == 0 else None)
d_small, d_large = daemon[baseline], daemon[cables]
d_ratio = (round(d_large["cpuSecondsPerCycle"] / d_small["cpuSecondsPerCycle"], 2)
           if d_small["cpuSecondsPerCycle"] > 0 else None)
targets = {
    "cliPoll": {
        "oneRequestPerPoll": large["maxRequests"] == 1 and small["maxRequests"] == 1,
        "cpuAtMost20ms": large["cpuSeconds"] <= 0.020,
        "cpuRatioAtMost1.2": (ratio("cpuSeconds") or 99) <= 1.2,
        "wallRatioAtMost1.2": (ratio("wallSeconds") or 99) <= 1.2,
    },
    "daemonCycle": {
        "oneRequestPerCycle": d_large["requestsPerCycle"] == 1 and d_small["requestsPerCycle"] == 1,
        "cpuAtMost20ms": d_large["cpuSecondsPerCycle"] <= 0.020,
        "cpuRatioAtMost1.2": (d_ratio or 99) <= 1.2,
    },
}
result = {"benchmark": "idle-poll", "polls": int(polls), "baseline": small, "measured": large,
          "ratio": {"wallSeconds": ratio("wallSeconds"), "cpuSeconds": ratio("cpuSeconds"),
                    "peakRSSKB": ratio("peakRSSKB")},
          "daemon": {"cycles": int(cycles), "baseline": d_small, "measured": d_large, "cpuRatio": d_ratio},
          "targets": targets}
json.dump(result, open(out, "w"), indent=2)
met = lambda ok: "met" if ok else "NOT met"
cli, cyc = targets["cliPoll"], targets["daemonCycle"]
print(f"one-shot `cablewatch poll` on an unchanged source (medians of {polls} polls of a copy of a backfilled archive)")
print(f"{'cables':>10} {'wall (ms)':>10} {'CPU (ms)':>10} {'RSS (MB)':>10} {'requests':>9} {'curl CPU':>9} "
      f"{'÷ curl':>7}  statuses / outcome")
for s in (small, large):
    print(f"{s['cables']:>10} {s['wallSeconds'] * 1000:>10.0f} {s['cpuSeconds'] * 1000:>10.1f} "
          f"{s['peakRSSKB'] / 1024:>10.1f} {s['maxRequests']:>9} {s['curlCpuSeconds'] * 1000:>9.1f} "
          f"{s['cpuRatioToCurl']:>7}  {s['samples'][-1]['statuses']} / {','.join(s['outcomes'])}")
print("(curl CPU: the same conditional GET by the curl command, run after each poll; ÷ curl: median of the "
      "per-pair ratios)")
print(f"ratio {cables}/{baseline}: wall {result['ratio']['wallSeconds']}, CPU {result['ratio']['cpuSeconds']}, "
      f"RSS {result['ratio']['peakRSSKB']}")
print(f"target: one request per poll ............ {met(cli['oneRequestPerPoll'])} (max {large['maxRequests']})")
print(f"target: CPU <= 20 ms at {cables} ......... {met(cli['cpuAtMost20ms'])} ({large['cpuSeconds'] * 1000:.1f} ms)")
print(f"target: CPU ratio <= 1.2 ................ {met(cli['cpuRatioAtMost1.2'])} ({result['ratio']['cpuSeconds']})")
print(f"target: wall ratio <= 1.2 ............... {met(cli['wallRatioAtMost1.2'])} ({result['ratio']['wallSeconds']})")
print()
print(f"one poll cycle of `cablewatch run` (interval 1 s; median of {cycles} cycles; mean from clock ticks)")
print(f"{'cables':>10} {'CPU (ms)':>10} {'mean (ms)':>10} {'RSS (MB)':>10} {'requests':>9}")
for d in (d_small, d_large):
    print(f"{d['cables']:>10} {d['cpuSecondsPerCycle'] * 1000:>10.2f} {d['meanCpuSecondsPerCycleFromTicks'] * 1000:>10.2f} "
          f"{d['peakRSSKB'] / 1024:>10.1f} {d['requestsPerCycle']:>9}")
print(f"target: one request per cycle ........... {met(cyc['oneRequestPerCycle'])}")
print(f"target: CPU <= 20 ms at {cables} ......... {met(cyc['cpuAtMost20ms'])} ({d_large['cpuSecondsPerCycle'] * 1000:.2f} ms)")
print(f"target: CPU ratio <= 1.2 ................ {met(cyc['cpuRatioAtMost1.2'])} ({d_ratio})")
print(f"json: {out}")
EOF
