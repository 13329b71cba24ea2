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

python3 - "$OUT_DIR/backfill-memory.json" "$OUT_DIR/backfill-memory-${SIZES[0]}.json" \
    "$OUT_DIR/backfill-memory-${SIZES[1]}.json" << 'EOF'
import json, sys

out, small_path, large_path = sys.argv[1:]
small, large = json.load(open(small_path)), json.load(open(large_path))
rss = lambda r: r["cablewatch"]["peakRSSKB"]
ratio = round(rss(large) / rss(small), 2)
result = {
    "benchmark": "backfill-memory",
    "sizes": [small["cables"], large["cables"]],
    "peakRSSKB": [rss(small), rss(large)],
    "wallSeconds": [small["cablewatch"]["wallSeconds"], large["cablewatch"]["wallSeconds"]],
    "archiveBytes": [small["cablewatch"]["archiveBytes"], large["cablewatch"]["archiveBytes"]],
    "rssRatio": ratio,
    "corpusRatio": round(large["cables"] / small["cables"], 2),
    "runs": small["runs"],
}
json.dump(result, open(out, "w"), indent=2)
print(f"backfill peak RSS (cablewatch poll on a fresh archive, medians of {small['runs']} run(s))")
print(f"{'cables':>10} {'peak RSS (MB)':>15} {'wall (s)':>10} {'archive (MB)':>14}")
for r in (small, large):
    c = r["cablewatch"]
    print(f"{r['cables']:>10} {c['peakRSSKB'] / 1024:>15.1f} {c['wallSeconds']:>10.2f} {c['archiveBytes'] / 1e6:>14.1f}")
print(f"RSS ratio {large['cables']}/{small['cables']} = {ratio} (corpus ratio {result['corpusRatio']}); "
      f"{'flat' if ratio <= 1.25 else 'GROWS with the corpus'}")
print(f"json: {out}")
EOF
