#!/usr/bin/env bash
# CLI latency on the full archive: `status`, `list --limit 50`, `show REFID` and `search WORD`, as p50 and p95
# of the wall time (process start to exit) over R runs each (default 20) after one warm-up run, timed by
# hyperfine in one invocation (no shell in between). Targets: status p95 <= 200 ms; list, show and search
# p95 <= 300 ms. A search for a word in nearly every cable (COMMON) is reported too, as the worst case of FTS
# ranking; it has no target of its own.
#
# Usage: Benchmarks/cli-latency.sh --cables N [--runs R] [--ref REFID] [--word WORD] [--common COMMON] [--seed S]
#   Uses the cached backfilled archive of the N-cable site (bench-out/archives/, made by backfill.sh or here on
#   first use). REFID defaults to the 25th cable of `list --json --limit 50`; WORD defaults to "baghdad"
#   (in ~3% of the generated cables), COMMON to "regional" (~94%); the numbers of matching cables are reported.
#   Writes bench-out/cli-latency-N.json (with hyperfine's own results under "hyperfine"). Needs hyperfine and jq.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
RUNS=20
REF=""
WORD="baghdad"
COMMON="regional"
SEED=1
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
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
require hyperfine "apt-get install -y hyperfine"
mkdir -p "$OUT_DIR"
ensure_site "$CABLES" "$SEED"
start_nginx "$SITE_DIR"
ensure_archive
dir="$WORK_TMP/cli"
# With one idle poll (untimed): it migrates a cache made by an older cablewatch, like a daemon would have.
idle_archive "$dir"
CONFIG="--config $dir/cablewatch.yaml"
stop_nginx

if [ -z "$REF" ]; then
    REF="$("$CABLEWATCH" list $CONFIG --limit 50 --json | jq -r '.[([24, length - 1] | min)].referenceId')" \
        || die "could not pick a reference id from cablewatch list --json"
fi
# matches WORD: how many cables the FTS index matches (one index row per cable: its current revision).
matches() {
    sqlite3 -readonly "$dir/archive.sqlite3" \
        "SELECT count(*) FROM revisionText WHERE revisionText MATCH '${1//\'/\'\'}'" 2> /dev/null || echo unknown
}
MATCHES="$(matches "$WORD")"
COMMON_MATCHES="$(matches "$COMMON")"
note "REFID $REF, WORD '$WORD' ($MATCHES matching cables), COMMON '$COMMON' ($COMMON_MATCHES)"

NAMES=(status list show search common)
COMMANDS=("status" "list --limit 50" "show $REF" "search $WORD" "search $COMMON")
TARGETS_MS=(200 300 300 300 null)
HF_COMMANDS=()
for command in "${COMMANDS[@]}"; do
    # hyperfine only sees exit codes: each command must also print something.
    [ -n "$("$CABLEWATCH" $command $CONFIG)" ] || die "cablewatch $command printed nothing"
    HF_COMMANDS+=("$CABLEWATCH $command $CONFIG")
done
hyperfine_run "$WORK_TMP/hyperfine.json" --warmup 1 --runs "$RUNS" "${HF_COMMANDS[@]}"

OUT="$OUT_DIR/cli-latency-$CABLES.json"
printf '%s\n' "${NAMES[@]}" | jq -R . | jq -s \
    --slurpfile hf "$WORK_TMP/hyperfine.json" --argjson cables "$CABLES" --argjson runs "$RUNS" \
    --arg ref "$REF" --arg word "$WORD" --arg matches "$MATCHES" --arg common "$COMMON" \
    --arg commonMatches "$COMMON_MATCHES" --argjson targets "[$(IFS=,; echo "${TARGETS_MS[*]}")]" '
    def pct($p): sort | .[((length * $p / 100) | ceil) - 1];
    def ms: . * 100000 | round / 100;
    . as $names | $hf[0].results as $results
    | {benchmark: "cli-latency", cables: $cables, runs: $runs, referenceId: $ref, word: $word,
       wordMatches: $matches, commonWord: $common, commonWordMatches: $commonMatches,
       commands: ([range(0; $names | length) as $i | $results[$i] as $r
           | {key: $names[$i], value: {
               command: ($r.command | sub(" --config .*"; "") | sub(".*/cablewatch "; "")),
               p50Ms: ($r.times | pct(50) | ms), p95Ms: ($r.times | pct(95) | ms),
               cpuMeanMs: ($r.user + $r.system | ms), targetP95Ms: $targets[$i]}}
           | .value.met = (if .value.targetP95Ms == null then null else .value.p95Ms <= .value.targetP95Ms end)]
           | from_entries),
       hyperfine: $hf[0]}
    | .met = ([.commands[].met] | all(. != false))' > "$OUT"

echo "CLI latency on a $CABLES-cable archive (wall from process start to exit, $RUNS runs after a warm-up; hyperfine)"
jq -r '["command", "p50 (ms)", "p95 (ms)", "CPU (ms)", "target p95"],
    (.commands[] | [.command, .p50Ms, .p95Ms, .cpuMeanMs,
        (if .targetP95Ms == null then "(no target)"
         else "<= \(.targetP95Ms) ms \(if .met then "met" else "NOT met" end)" end)])
    | @tsv' "$OUT" | column -t -s $'\t'
jq -r '"\u0027\(.word)\u0027 matches \(.wordMatches) cables, \u0027\(.commonWord)\u0027 \(.commonWordMatches)"' "$OUT"
echo "json: $OUT"
