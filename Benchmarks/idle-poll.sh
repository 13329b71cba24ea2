#!/usr/bin/env bash
# Idle-poll benchmark: the cost of one poll of an unchanged source once N cables are archived (expected: one
# conditional GET of the home page answered 304, and no work proportional to N), measured two ways:
#   - a one-shot `cablewatch poll` process (process start-up included: dynamic linking, libcurl and SQLite set-up),
#     timed by hyperfine beside the curl command making the same conditional GET (a fresh process making one
#     libcurl request) in the same invocation, as the baseline that moves with the host's noise;
#   - one poll cycle inside a running `cablewatch run`, the way the service polls.
#
# Usage: Benchmarks/idle-poll.sh --cables N [--baseline M] [--polls K] [--cycles C] [--seed S]
#   Takes the cached backfilled archive of the N-cable site (bench-out/archives/, made by backfill.sh or on first
#   use), copies it and polls it once (untimed), then hyperfine times K polls (default 10) and K curls after one
#   warm-up each: mean user+sys CPU, median wall, and the poll ÷ curl CPU ratio; every request must be the home
#   page answered 304 (nginx's access log). Then runs the daemon (poll.interval 1s, jitter 0) for C cycles
#   (default 20) after two untimed ones and reports the median CPU per cycle (daemon_idle_cycles in lib.sh).
#   The same at M cables (default 1000), and the ratios N/M.
#   Targets: one request per poll, CPU <= 20 ms, CPU ratio N/M <= 1.2, poll CPU <= 3x curl.
#   poll.revalidate is 87600h because a cached archive may be older than a day (no revalidation may fall due).
#   Writes bench-out/idle-poll-N.json. Needs hyperfine and jq.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
BASELINE=1000
POLLS=10
CYCLES=20
SEED=1
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
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
require hyperfine "apt-get install -y hyperfine"
mkdir -p "$OUT_DIR"

# measure N: hyperfine's poll-and-curl JSON to WORK_TMP/hyperfine-N.json, the daemon's figures to
# WORK_TMP/daemon-N.json.
measure() {
    local n="$1" dir="$WORK_TMP/idle-$1"
    ensure_site "$n" "$SEED"
    start_nginx "$SITE_DIR"
    ensure_archive
    idle_archive "$dir"
    local etag mark requests other
    etag="$(home_etag)"
    mark="$(log_mark)"
    hyperfine_run "$WORK_TMP/hyperfine-$n.json" --warmup 1 --runs "$POLLS" \
        -n poll "$CABLEWATCH poll --config $dir/cablewatch.yaml" \
        -n curl "curl -s -o /dev/null -H 'If-None-Match: $etag' $BASE_URL/index.html"
    requests="$(log_slice "$mark" | wc -l)"
    other="$(log_slice "$mark" | awk '$1 != "/index.html" || $2 != 304' | wc -l)"
    [ "$other" -eq 0 ] && [ "$requests" -eq $((2 * (POLLS + 1))) ] \
        || die "each poll and curl should make one request answered 304: $requests requests, $other others"
    daemon_idle_cycles "$dir/cablewatch.yaml" "$CYCLES" "$dir/daemon"
    jq -n --argjson cables "$n" --argjson cpu "$D_CPU_MEDIAN" --argjson mean "$D_CPU_MEAN_TICKS" \
        --argjson rss "${D_RSS_KB:-0}" --argjson requests "$D_REQUESTS" \
        '{cables: $cables, cpuMsPerCycle: ($cpu * 100000 | round / 100),
          meanCpuMsPerCycleFromTicks: ($mean * 100000 | round / 100), peakRSSKB: $rss, requestsPerCycle: $requests}' \
        > "$WORK_TMP/daemon-$n.json"
    stop_nginx
}

measure "$BASELINE"
measure "$CABLES"

OUT="$OUT_DIR/idle-poll-$CABLES.json"
jq -n --slurpfile small "$WORK_TMP/hyperfine-$BASELINE.json" --slurpfile large "$WORK_TMP/hyperfine-$CABLES.json" \
    --slurpfile dSmall "$WORK_TMP/daemon-$BASELINE.json" --slurpfile dLarge "$WORK_TMP/daemon-$CABLES.json" \
    --argjson baseline "$BASELINE" --argjson cables "$CABLES" --argjson polls "$POLLS" --argjson cycles "$CYCLES" '
    def ms: . * 100000 | round / 100;
    def round2: . * 100 | round / 100;
    def summary($n): .results as [$poll, $curl]
        | {cables: $n, cpuMs: ($poll.user + $poll.system | ms), wallMedianMs: ($poll.median | ms),
           curlCpuMs: ($curl.user + $curl.system | ms), curlWallMedianMs: ($curl.median | ms),
           cpuRatioToCurl: (($poll.user + $poll.system) / ($curl.user + $curl.system) | round2), requestsPerPoll: 1,
           hyperfine: .};
    ($small[0] | summary($baseline)) as $s | ($large[0] | summary($cables)) as $l
    | $dSmall[0] as $ds | $dLarge[0] as $dl
    | {benchmark: "idle-poll", polls: $polls, baseline: $s, measured: $l,
       ratio: {cpu: ($l.cpuMs / $s.cpuMs | round2), wall: ($l.wallMedianMs / $s.wallMedianMs | round2)},
       daemon: {cycles: $cycles, baseline: $ds, measured: $dl, cpuRatio: ($dl.cpuMsPerCycle / $ds.cpuMsPerCycle | round2)}}
    | .targets = {
        cliPoll: {cpuAtMost20ms: ($l.cpuMs <= 20), cpuRatioAtMost1_2: (.ratio.cpu <= 1.2),
                  cpuAtMost3xCurl: ($l.cpuRatioToCurl <= 3)},
        daemonCycle: {oneRequestPerCycle: ($dl.requestsPerCycle == 1 and $ds.requestsPerCycle == 1),
                      cpuAtMost20ms: ($dl.cpuMsPerCycle <= 20), cpuRatioAtMost1_2: (.daemon.cpuRatio <= 1.2)}}' > "$OUT"

echo "one-shot \`cablewatch poll\` on an unchanged source (one 304 each), beside curl making the same request"
echo "(hyperfine, $POLLS runs each: mean CPU = user+sys, median wall)"
jq -r '["cables", "CPU (ms)", "wall (ms)", "curl CPU", "curl wall", "CPU ÷ curl"],
    (.baseline, .measured | [.cables, .cpuMs, .wallMedianMs, .curlCpuMs, .curlWallMedianMs, .cpuRatioToCurl])
    | @tsv' "$OUT" | column -t -s $'\t'
echo
echo "one poll cycle of \`cablewatch run\` (interval 1 s; median of $CYCLES cycles; mean from clock ticks)"
jq -r '["cables", "CPU (ms)", "mean (ms)", "RSS (KB)", "requests"],
    (.daemon.baseline, .daemon.measured | [.cables, .cpuMsPerCycle, .meanCpuMsPerCycleFromTicks, .peakRSSKB,
        .requestsPerCycle]) | @tsv' "$OUT" | column -t -s $'\t'
jq -r 'def v: if . then "met" else "NOT met" end;
    "ratio \(.measured.cables)/\(.baseline.cables): poll CPU \(.ratio.cpu), wall \(.ratio.wall); cycle CPU \(.daemon.cpuRatio)",
    "target: poll CPU <= 20 ms ........ \(.targets.cliPoll.cpuAtMost20ms | v) (\(.measured.cpuMs) ms)",
    "target: poll CPU ratio <= 1.2 .... \(.targets.cliPoll.cpuRatioAtMost1_2 | v) (\(.ratio.cpu))",
    "target: poll CPU <= 3x curl ...... \(.targets.cliPoll.cpuAtMost3xCurl | v) (\(.measured.cpuRatioToCurl)x)",
    "target: one request per cycle .... \(.targets.daemonCycle.oneRequestPerCycle | v)",
    "target: cycle CPU <= 20 ms ....... \(.targets.daemonCycle.cpuAtMost20ms | v) (\(.daemon.measured.cpuMsPerCycle) ms)",
    "target: cycle CPU ratio <= 1.2 ... \(.targets.daemonCycle.cpuRatioAtMost1_2 | v) (\(.daemon.cpuRatio))"' "$OUT"
echo "json: $OUT"
