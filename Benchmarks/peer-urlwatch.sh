#!/usr/bin/env bash
# Peer on the same job: urlwatch (from PyPI) watching the home page's release counter with a conditional request,
# against cablewatch doing the same check on an unchanged source with N cables archived. Reports user+sys CPU per
# check for urlwatch, for one idle `cablewatch poll`, and for one poll cycle inside a running `cablewatch run`
# (daemon_idle_cycles in lib.sh), and the ratios urlwatch/cablewatch. Target: both >= 20x.
#
# Usage: Benchmarks/peer-urlwatch.sh --cables N [--runs R] [--cycles M] [--seed S]
#   urlwatch is installed into bench-out/urlwatch-venv (pip install urlwatch) on first use. Its job fetches
#   /index.html, keeps the counter line (grep + re.sub), and has its cache in a temp dir; one untimed check fills
#   the cache (ETag). Then one hyperfine invocation times R urlwatch checks and R idle `cablewatch poll`s (default
#   10 each, after one warm-up each; mean user+sys CPU); every request must be the home page answered 304.
#   nginx runs with `if_modified_since before;` here: urlwatch sends If-Modified-Since = the time of its last check
#   (not the Last-Modified it got), which nginx's default `exact` answers with a 200 even when the ETag matches.
#   cablewatch poll: idle polls of a copy of the cached backfilled archive (bench-out/archives/).
#   cablewatch run: poll.interval 1s, jitter 0, webhooks none, metrics off; the median CPU of M cycles (default
#   30) after two untimed ones, each cycle a whole 1 s period, so the figure includes whatever the daemon does
#   between polls (heartbeat, timers).
#   Writes bench-out/peer-urlwatch-N.json. Needs hyperfine and jq.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
RUNS=10
CYCLES=30
SEED=1
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --cables) CABLES="${2:?--cables needs a value}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift 2 ;;
        --cycles) CYCLES="${2:?--cycles needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[ -n "$CABLES" ] || { usage >&2; die "--cables N is required"; }
for value in "$CABLES" "$RUNS" "$CYCLES" "$SEED"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -gt 0 ] || die "expected a positive integer, got '$value'"
done
require_common_tools
require hyperfine "apt-get install -y hyperfine"
require python3
mkdir -p "$OUT_DIR"

VENV="$OUT_DIR/urlwatch-venv"
if ! "$VENV/bin/urlwatch" --version > /dev/null 2>&1; then
    note "installing urlwatch into $VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install -y python3-venv)"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check urlwatch || die "pip install urlwatch failed"
fi
URLWATCH_VERSION="$("$VENV/bin/urlwatch" --version | awk '{ print $2 }')"

ensure_site "$CABLES" "$SEED"
NGINX_EXTRA="if_modified_since before;"
start_nginx "$SITE_DIR"
ensure_archive

# urlwatch
uw="$WORK_TMP/urlwatch"
mkdir -p "$uw"
cat > "$uw/urls.yaml" << EOF
name: cablegate counter
url: $BASE_URL/index.html
filter:
  - grep: 'Currently released so far'
  - re.sub:
      pattern: '.*so far\.\.\.\s*([0-9,]+\s*/\s*[0-9,]+).*'
      repl: '\1'
EOF
URLWATCH=("$VENV/bin/urlwatch" --urls "$uw/urls.yaml" --config "$uw/urlwatch.yaml" --cache "$uw/cache.db"
    --hooks "$uw/hooks.py")
"${URLWATCH[@]}" > "$uw/first.out" 2>&1 || die "the first urlwatch check failed: $(tail -5 "$uw/first.out")"
counter="$("${URLWATCH[@]}" --test-filter 1 2> /dev/null | tail -1)"
[[ "$counter" =~ ^[0-9,]+\ /\ [0-9,]+$ ]] || die "urlwatch's filter did not extract the counter (got '$counter')"
note "urlwatch $URLWATCH_VERSION sees the counter '$counter'"

cw="$WORK_TMP/cablewatch"
idle_archive "$cw"
mark="$(log_mark)"
hyperfine_run "$WORK_TMP/hyperfine.json" --warmup 1 --runs "$RUNS" \
    -n urlwatch "${URLWATCH[*]}" \
    -n poll "$CABLEWATCH poll --config $cw/cablewatch.yaml"
requests="$(log_slice "$mark" | wc -l)"
other="$(log_slice "$mark" | awk '$1 != "/index.html" || $2 != 304' | wc -l)"
[ "$other" -eq 0 ] && [ "$requests" -eq $((2 * (RUNS + 1))) ] \
    || die "each urlwatch check and poll should make one request answered 304: $requests requests, $other others"

# cablewatch run: CPU per poll cycle of the daemon over CYCLES cycles
daemon_idle_cycles "$cw/cablewatch.yaml" "$CYCLES" "$cw/daemon"
stop_nginx

OUT="$OUT_DIR/peer-urlwatch-$CABLES.json"
jq --argjson cables "$CABLES" --argjson runs "$RUNS" --argjson cycles "$CYCLES" --arg version "$URLWATCH_VERSION" \
    --argjson run "$D_CPU_MEDIAN" --argjson runTicks "$D_CPU_MEAN_TICKS" --argjson rss "${D_RSS_KB:-0}" '
    def ms: . * 100000 | round / 100;
    .results as [$uw, $poll]
    | ($uw.user + $uw.system) as $uwCpu | ($poll.user + $poll.system) as $pollCpu
    | {benchmark: "peer-urlwatch", cables: $cables, runs: $runs, daemonCycles: $cycles, urlwatchVersion: $version,
       urlwatch: {cpuMsPerCheck: ($uwCpu | ms), wallMedianMs: ($uw.median | ms)},
       cablewatchPoll: {cpuMsPerPoll: ($pollCpu | ms), wallMedianMs: ($poll.median | ms)},
       cablewatchRun: {cpuMsPerCycle: ($run | ms), meanCpuMsPerCycleFromTicks: ($runTicks | ms), peakRSSKB: $rss},
       ratio: {urlwatchOverPoll: ($uwCpu / $pollCpu * 10 | round / 10),
               urlwatchOverRunCycle: (if $run > 0 then $uwCpu / $run * 10 | round / 10 else null end)},
       hyperfine: .}
    | .met = ([.ratio[] | . != null and . >= 20] | all)' "$WORK_TMP/hyperfine.json" > "$OUT"

echo "one check of an unchanged home page (one request answered 304), $CABLES cables archived"
jq -r '["checker", "CPU (ms)", "wall (ms)"],
    ["urlwatch \(.urlwatchVersion), mean of \(.runs)", .urlwatch.cpuMsPerCheck, .urlwatch.wallMedianMs],
    ["cablewatch poll, mean of \(.runs)", .cablewatchPoll.cpuMsPerPoll, .cablewatchPoll.wallMedianMs],
    ["cablewatch run, median of \(.daemonCycles) cycles", .cablewatchRun.cpuMsPerCycle, 1000] | @tsv' "$OUT" \
    | column -t -s $'\t'
jq -r 'def v: if . != null and . >= 20 then "met" else "NOT met" end;
    "target: urlwatch / cablewatch poll >= 20x ...... \(.ratio.urlwatchOverPoll | v) (\(.ratio.urlwatchOverPoll)x)",
    "target: urlwatch / cablewatch run cycle >= 20x . \(.ratio.urlwatchOverRunCycle | v) (\(.ratio.urlwatchOverRunCycle)x)",
    "(run cycle CPU: median of the threads\u0027 schedstat per cycle; mean from clock ticks over the cycles, which also counts exited threads: \(.cablewatchRun.meanCpuMsPerCycleFromTicks) ms)"' "$OUT"
echo "json: $OUT"
