#!/usr/bin/env bash
# Peer on the same job: urlwatch (from PyPI) watching the home page's release counter with a conditional request,
# against cablewatch doing the same check on an unchanged source with N cables archived. Reports user+sys CPU per
# check for urlwatch, for one idle `cablewatch poll`, and for one poll cycle inside a running `cablewatch run`
# (daemon_idle_cycles in lib.sh), and the ratios urlwatch/cablewatch. Target: both >= 20x.
#
# Usage: Benchmarks/peer-urlwatch.sh --cables N [--runs R] [--cycles M] [--seed S]
#   urlwatch is installed into bench-out/urlwatch-venv (pip install urlwatch) on first use. Its job fetches
#   /index.html, keeps the counter line (grep + re.sub), and has its cache in a temp dir; one untimed check fills
#   the cache (ETag), then R checks (default 10) are timed (child rusage) and must each be one request answered 304.
#   nginx runs with `if_modified_since before;` here: urlwatch sends If-Modified-Since = the time of its last check
#   (not the Last-Modified it got), which nginx's default `exact` answers with a 200 even when the ETag matches.
#   cablewatch poll: R idle polls of a copy of the cached backfilled archive (bench-out/archives/), median CPU.
#   cablewatch run: poll.interval 1s, jitter 0, webhooks none, metrics off; the median CPU of M cycles (default
#   30) after two untimed ones, each cycle a whole 1 s period, so the figure includes whatever the daemon does
#   between polls (heartbeat, timers).
#   Writes bench-out/peer-urlwatch-N.json.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
RUNS=10
CYCLES=30
SEED=1
usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
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
SAMPLES="$WORK_TMP/samples.tsv"
: > "$SAMPLES"

# check_one_304 MARK WHAT: the requests since MARK must be exactly one 304.
check_one_304() {
    local got
    got="$(log_slice "$1" | awk '{ print $1, $2 }' | tr '\n' ';')"
    [ "$got" = "/index.html 304;" ] || die "$2 should make one request answered 304, made: ${got:-none}"
}

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
for i in $(seq 1 "$RUNS"); do
    mark="$(log_mark)"
    precise_timed "$uw/check$i" "${URLWATCH[@]}"
    [ "$T_STATUS" -eq 0 ] || die "urlwatch check failed (exit $T_STATUS): $(tail -5 "$uw/check$i.err")"
    check_one_304 "$mark" "a urlwatch check"
    printf 'urlwatch\t%s\t%s\t%s\n' "$T_WALL" "$T_CPU" "$T_RSS_KB" >> "$SAMPLES"
done

# cablewatch poll (idle)
cw="$WORK_TMP/cablewatch"
idle_archive "$cw"
for i in $(seq 1 "$RUNS"); do
    mark="$(log_mark)"
    precise_timed "$cw/poll$i" "$CABLEWATCH" poll --config "$cw/cablewatch.yaml"
    [ "$T_STATUS" -eq 0 ] || die "cablewatch poll failed (exit $T_STATUS): $(tail -5 "$cw/poll$i.err")"
    check_one_304 "$mark" "an idle cablewatch poll"
    printf 'poll\t%s\t%s\t%s\n' "$T_WALL" "$T_CPU" "$T_RSS_KB" >> "$SAMPLES"
done

# cablewatch run: CPU per poll cycle of the daemon over CYCLES cycles
daemon_idle_cycles "$cw/cablewatch.yaml" "$CYCLES" "$cw/daemon"
printf 'run\t1\t%s\t%s\n' "$D_CPU_MEDIAN" "${D_RSS_KB:-0}" >> "$SAMPLES"
stop_nginx

python3 - "$SAMPLES" "$OUT_DIR/peer-urlwatch-$CABLES.json" "$CABLES" "$RUNS" "$CYCLES" "$URLWATCH_VERSION" \
    "$D_CPU_MEAN_TICKS" << 'EOF'
import json, statistics, sys

samples, out, cables, runs, cycles, version, mean_from_ticks = sys.argv[1:8]
rows = {}
for line in open(samples):
    name, wall, cpu, rss = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append((float(wall), float(cpu), int(float(rss))))
med = lambda name, i: statistics.median(x[i] for x in rows[name])
uw, poll, run = med("urlwatch", 1), med("poll", 1), med("run", 1)
ratio = lambda a, b: round(a / b, 1) if b > 0 else None
result = {"benchmark": "peer-urlwatch", "cables": int(cables), "runs": int(runs), "daemonCycles": int(cycles),
          "urlwatchVersion": version,
          "urlwatch": {"cpuSecondsPerCheck": round(uw, 4), "wallSecondsPerCheck": round(med("urlwatch", 0), 4),
                       "peakRSSKB": int(med("urlwatch", 2))},
          "cablewatchPoll": {"cpuSecondsPerPoll": round(poll, 4), "wallSecondsPerPoll": round(med("poll", 0), 4),
                             "peakRSSKB": int(med("poll", 2))},
          "cablewatchRun": {"cpuSecondsPerCycle": round(run, 5), "secondsPerCycle": 1.0,
                            "meanCpuSecondsPerCycleFromTicks": round(float(mean_from_ticks), 5),
                            "peakRSSKB": int(med("run", 2))},
          "ratio": {"urlwatchOverPoll": ratio(uw, poll), "urlwatchOverRunCycle": ratio(uw, run)}}
result["met"] = all(r is not None and r >= 20 for r in result["ratio"].values())
json.dump(result, open(out, "w"), indent=2)
print(f"one check of an unchanged home page (one request answered 304), {cables} cables archived")
print(f"{'':<34} {'CPU (ms)':>9} {'wall (ms)':>10} {'RSS (MB)':>9}")
print(f"{'urlwatch ' + version + ', median of ' + runs:<34} {uw * 1000:>9.1f} {med('urlwatch', 0) * 1000:>10.0f} {med('urlwatch', 2) / 1024:>9.1f}")
print(f"{'cablewatch poll, median of ' + runs:<34} {poll * 1000:>9.1f} {med('poll', 0) * 1000:>10.0f} {med('poll', 2) / 1024:>9.1f}")
print(f"{'cablewatch run, median of ' + cycles + ' cycles':<34} {run * 1000:>9.2f} {1000:>10.0f} {med('run', 2) / 1024:>9.1f}")
for key, label in (("urlwatchOverPoll", "urlwatch / cablewatch poll"), ("urlwatchOverRunCycle", "urlwatch / cablewatch run cycle")):
    r = result["ratio"][key]
    print(f"target: {label} >= 20x ... {'met' if r is not None and r >= 20 else 'NOT met'} ({r}x)")
print(f"(run cycle CPU: median of the threads' schedstat per cycle; mean from clock ticks over the "
      f"{cycles} cycles, which also counts exited threads: {float(mean_from_ticks) * 1000:.2f} ms)")
print(f"json: {out}")
EOF
