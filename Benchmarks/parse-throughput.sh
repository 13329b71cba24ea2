#!/usr/bin/env bash
# Parse+hash throughput of PageParser on one thread over simulator-generated pages, or over the real pages.
# usage: Benchmarks/parse-throughput.sh [--cables N] [--rounds N] [--listings N] [--seed N] [--out PATH]
#        Benchmarks/parse-throughput.sh --real-pages [DIR] [--rounds N] [--out PATH]   (DIR: ../shared/real-pages)
# Builds CablewatchBench in release, prints a short table, writes bench-out/parse-throughput.json.
set -euo pipefail
cd "$(dirname "$0")/.."

cables=2000
rounds=5
listings=20
seed=20101128
out=bench-out/parse-throughput.json
real=()
while [ $# -gt 0 ]; do
    case "$1" in
        --real-pages)
            if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then dir="$2"; shift 2; else dir=../shared/real-pages; shift; fi
            real=(--real-pages "$(cd "$dir" && pwd)")
            out=bench-out/parse-throughput-real.json ;;
        --cables) cables="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --listings) listings="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
        *) echo "parse-throughput.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

swift build -c release --product CablewatchBench >&2
bin="$(swift build -c release --show-bin-path)/CablewatchBench"
mkdir -p "$(dirname "$out")"
"$bin" parse --cables "$cables" --rounds "$rounds" --listings "$listings" --seed "$seed" --json "$out" "${real[@]}"
echo "wrote $out"
