#!/usr/bin/env bash
# CLI latency on the full archive: `status`, `list --limit 50`, `show REFID` and `search WORD`, as p50 and p95
# of the wall time (fork to exit, from a process start) over R runs each (default 20), after one untimed warm-up
# run per command. Targets: status p95 <= 200 ms; list, show and search p95 <= 300 ms. A search for a word in
# nearly every cable (COMMON) is reported too, as the worst case of FTS ranking; it has no target of its own.
#
# Usage: Benchmarks/cli-latency.sh --cables N [--runs R] [--ref REFID] [--word WORD] [--common COMMON] [--seed S]
#   Uses the cached backfilled archive of the N-cable site (bench-out/archives/, made by backfill.sh or here on
#   first use). REFID defaults to the 25th cable of `list --json --limit 50`; WORD defaults to "baghdad"
#   (in ~3% of the generated cables), COMMON to "regional" (~94%); the numbers of matching cables are reported.
#   Writes bench-out/cli-latency-N.json.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
RUNS=20
REF=""
WORD="baghdad"
COMMON="regional"
SEED=1
usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --cables) CABLES="${2:?--cables needs a value}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift 2 ;;
        --ref) REF="${2:?--ref needs a value}"; shift 2 ;;
        --word) WORD="${2:?--word needs a value}"; shift 2 ;;
        --common) COMMON="${2:?--common needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[ -n "$CABLES" ] || { usage >&2; die "--cables N is required"; }
for value in "$CABLES" "$RUNS" "$SEED"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -gt 0 ] || die "expected a positive integer, got '$value'"
done
require_common_tools
mkdir -p "$OUT_DIR"
ensure_site "$CABLES" "$SEED"
start_nginx "$SITE_DIR"
ensure_archive
dir="$WORK_TMP/cli"
# With one idle poll (untimed): it migrates a cache made by an older cablewatch, like a daemon would have.
idle_archive "$dir"
CONFIG=(--config "$dir/cablewatch.yaml")
stop_nginx

if [ -z "$REF" ]; then
    "$CABLEWATCH" list "${CONFIG[@]}" --limit 50 --json > "$dir/list.json" 2> "$dir/list.err" \
        || die "cablewatch list --json failed: $(tail -3 "$dir/list.err")"
    REF="$(python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); print(c[min(24, len(c) - 1)]["referenceId"])' "$dir/list.json")" \
        || die "could not pick a reference id from cablewatch list --json"
fi
# matches WORD: how many cables the FTS index matches ("unknown" when python's sqlite3 lacks FTS5).
matches() {
    python3 - "$dir/archive.sqlite3" "$1" << 'EOF' 2> /dev/null || echo unknown
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
# One index row per cable: its current revision.
print(db.execute("SELECT count(*) FROM revisionText WHERE revisionText MATCH ?", (sys.argv[2],)).fetchone()[0])
EOF
}
MATCHES="$(matches "$WORD")"
COMMON_MATCHES="$(matches "$COMMON")"
note "REFID $REF, WORD '$WORD' ($MATCHES matching cables), COMMON '$COMMON' ($COMMON_MATCHES)"

SAMPLES="$WORK_TMP/samples.tsv"
: > "$SAMPLES"
# measure NAME CMD...: one warm-up, then RUNS timed runs; every run must succeed and print something.
measure() {
    local name="$1" i
    shift
    precise_timed "$dir/$name-warm" "$CABLEWATCH" "$@" "${CONFIG[@]}"
    [ "$T_STATUS" -eq 0 ] || die "cablewatch $* failed (exit $T_STATUS): $(tail -3 "$dir/$name-warm.err")"
    [ -s "$dir/$name-warm.out" ] || die "cablewatch $* printed nothing"
    for i in $(seq 1 "$RUNS"); do
        precise_timed "$dir/$name-$i" "$CABLEWATCH" "$@" "${CONFIG[@]}"
        [ "$T_STATUS" -eq 0 ] || die "cablewatch $* failed (exit $T_STATUS): $(tail -3 "$dir/$name-$i.err")"
        printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$T_WALL" "$T_CPU" "$T_RSS_KB" "$(wc -l < "$dir/$name-$i.out" | tr -d ' ')" \
            >> "$SAMPLES"
    done
}
measure status status
measure list list --limit 50
measure show show "$REF"
measure search search "$WORD"
measure common search "$COMMON"

python3 - "$SAMPLES" "$OUT_DIR/cli-latency-$CABLES.json" "$CABLES" "$RUNS" "$REF" "$WORD" "$MATCHES" "$COMMON" \
    "$COMMON_MATCHES" << 'EOF'
import json, statistics, sys

samples, out, cables, runs, ref, word, matches, common, common_matches = sys.argv[1:10]
rows = {}
for line in open(samples):
    name, wall, cpu, rss, lines = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append((float(wall), float(cpu), int(rss), int(lines)))
targets = {"status": 0.200, "list": 0.300, "show": 0.300, "search": 0.300, "common": None}
commands = {"status": "status", "list": "list --limit 50", "show": f"show {ref}", "search": f"search {word}",
            "common": f"search {common}"}

def pct(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]

result = {"benchmark": "cli-latency", "cables": int(cables), "runs": int(runs), "referenceId": ref, "word": word,
          "wordMatches": matches, "commonWord": common, "commonWordMatches": common_matches, "commands": {}}
print(f"CLI latency on a {cables}-cable archive (wall from fork to exit, {runs} runs after a warm-up)")
print(f"{'command':<28} {'p50 (ms)':>9} {'p95 (ms)':>9} {'CPU p50 (ms)':>13} {'RSS (MB)':>9} {'lines':>6}  target p95")
all_met = True
for name, limit in targets.items():
    r = rows[name]
    walls = [x[0] for x in r]
    entry = {"command": commands[name], "p50Seconds": round(pct(walls, 50), 4), "p95Seconds": round(pct(walls, 95), 4),
             "cpuP50Seconds": round(pct([x[1] for x in r], 50), 4), "peakRSSKB": int(statistics.median(x[2] for x in r)),
             "outputLines": r[-1][3], "targetP95Seconds": limit, "wallSeconds": walls}
    entry["met"] = None if limit is None else entry["p95Seconds"] <= limit
    all_met &= entry["met"] is not False
    result["commands"][name] = entry
    verdict = "(no target)" if limit is None else f"<= {limit * 1000:.0f} ms {'met' if entry['met'] else 'NOT met'}"
    print(f"{commands[name][:28]:<28} {entry['p50Seconds'] * 1000:>9.1f} {entry['p95Seconds'] * 1000:>9.1f} "
          f"{entry['cpuP50Seconds'] * 1000:>13.1f} {entry['peakRSSKB'] / 1024:>9.1f} {entry['outputLines']:>6}  {verdict}")
result["met"] = all_met
print(f"'{word}' matches {matches} cables, '{common}' {common_matches}")
json.dump(result, open(out, "w"), indent=2)
print(f"json: {out}")
EOF
