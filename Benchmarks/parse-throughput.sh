#!/usr/bin/env bash
# The page micro-benchmarks: parse, canonical text and hashes over simulated pages and the real pages, one thread,
# run by ordo-one's benchmark plugin from the package in this directory (Benchmarks/Package.swift; see
# Benchmarks/README.md "Micro-benchmarks"). A thin wrapper of `swift package --package-path Benchmarks benchmark`.
#
# Usage: Benchmarks/parse-throughput.sh [--check | --update-thresholds] [--filter REGEX]
#   (default)            one run: a p50 summary, and the plugin's JMH JSON in bench-out/parse-throughput.json
#   --check              run and compare with the p90 thresholds in Benchmarks/Thresholds (exit 2: regression,
#                        4: improvements only)
#   --update-thresholds  run and record this machine's p90 as the thresholds in Benchmarks/Thresholds
#   --cables N is accepted and ignored (run-all.sh passes it). The first run builds the root package in release
#   under Benchmarks/.build (minutes). The plugin's own tables: swift package --package-path Benchmarks benchmark
set -euo pipefail
command -v jq > /dev/null || { echo "parse-throughput.sh: jq is required (apt-get install -y jq)" >&2; exit 2; }

mode=run
filter=()
while [ $# -gt 0 ]; do
    case "$1" in
        --check) mode=check; shift ;;
        --update-thresholds) mode=update; shift ;;
        --filter) filter=(--filter "${2:?--filter needs a value}"); shift 2 ;;
        --cables) shift 2 ;;
        -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "parse-throughput.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

# The plugin reads and writes thresholds in ./Thresholds: run it from the benchmark package.
cd "$(dirname "$0")"
case "$mode" in
    check) exec swift package benchmark thresholds check "${filter[@]}" --no-progress ;;
    update) exec swift package --allow-writing-to-package-directory benchmark thresholds update "${filter[@]}" --no-progress ;;
esac

out="$(cd .. && pwd)/bench-out"
mkdir -p "$out"
rm -f "$out/Current_run.jmh.json"
swift package --allow-writing-to-directory "$out" benchmark "${filter[@]}" --format jmh --path "$out" --no-progress >&2
mv "$out/Current_run.jmh.json" "$out/parse-throughput.json"
echo "page micro-benchmarks, one thread (p50 of each benchmark's iterations)"
jq -r '["benchmark", "MB/s", "iterations/s", "wall (ms)", "mallocs"],
    (.[] | .secondaryMetrics as $m | [(.benchmark | sub(".*PageParsing\\."; "")),
        ($m["bytes/s"].scorePercentiles["50.0"] / 1e6 | round), .primaryMetric.scorePercentiles["50.0"],
        ($m["Time (wall clock)"].scorePercentiles["50.0"] / 1000 * 100 | round / 100),
        $m["Malloc (total)"].scorePercentiles["50.0"]]) | @tsv' "$out/parse-throughput.json" | column -t -s $'\t'
echo "json: $out/parse-throughput.json"
