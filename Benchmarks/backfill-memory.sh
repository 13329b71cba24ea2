#!/usr/bin/env bash
# Backfill memory benchmark: peak RSS of cablewatch's first sync (backfill.sh run A only) at two corpus sizes.
# A backfill streams listing pages and commits per page, so peak RSS must not grow with the corpus.
#
# Usage: Benchmarks/backfill-memory.sh [--cables N]... [--concurrency C] [--runs R] [--seed S]
#   --cables may be given twice (default: 5000 and 20000); the first is the baseline of the ratio.
# Writes bench-out/backfill-memory.json (and bench-out/backfill-memory-N.json per size).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZES=()
CONCURRENCY=4
RUNS=3
SEED=1
usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --cables) SIZES+=("${2:?--cables needs a value}"); shift 2 ;;
        --concurrency) CONCURRENCY="${2:?--concurrency needs a value}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(5000 20000)
[ ${#SIZES[@]} -le 2 ] || die "give --cables at most twice"
[ ${#SIZES[@]} -eq 2 ] || SIZES=(5000 "${SIZES[0]}")
require_common_tools
mkdir -p "$OUT_DIR"

for n in "${SIZES[@]}"; do
    note "backfill run A at $n cables"
    "$BENCH_DIR/backfill.sh" --cables "$n" --concurrency "$CONCURRENCY" --runs "$RUNS" --seed "$SEED" --only-a \
        --json-out "$OUT_DIR/backfill-memory-$n.json" > "$WORK_TMP/backfill-$n.txt" \
        || die "backfill.sh --cables $n failed"
done

OUT="$OUT_DIR/backfill-memory.json"
jq -s '.[0] as $small | .[1] as $large
    | ($large.cablewatch.peakRSSKB / $small.cablewatch.peakRSSKB * 100 | round / 100) as $ratio
    | {benchmark: "backfill-memory", sizes: [$small.cables, $large.cables],
       peakRSSKB: [$small.cablewatch.peakRSSKB, $large.cablewatch.peakRSSKB],
       wallSeconds: [$small.cablewatch.wallSeconds, $large.cablewatch.wallSeconds],
       archiveBytes: [$small.cablewatch.archiveBytes, $large.cablewatch.archiveBytes],
       rssRatio: $ratio, corpusRatio: ($large.cables / $small.cables * 100 | round / 100), runs: $small.runs}' \
    "$OUT_DIR/backfill-memory-${SIZES[0]}.json" "$OUT_DIR/backfill-memory-${SIZES[1]}.json" > "$OUT"
echo "backfill peak RSS (cablewatch poll on a fresh archive, medians of $RUNS run(s))"
jq -r '["cables", "peak RSS (MB)", "wall (s)", "archive (MB)"],
    (range(0; 2) as $i | [.sizes[$i], (.peakRSSKB[$i] / 1024 * 10 | round / 10), .wallSeconds[$i],
        (.archiveBytes[$i] / 1e6 * 10 | round / 10)]) | @tsv' "$OUT" | column -t -s $'\t'
jq -r '"RSS ratio \(.sizes[1])/\(.sizes[0]) = \(.rssRatio) (corpus ratio \(.corpusRatio)); \(if .rssRatio <= 1.25 then "flat" else "GROWS with the corpus" end)"' "$OUT"
echo "json: $OUT"
