#!/usr/bin/env bash
# Backfill benchmark: cablewatch's first sync of a static cablegate-style site served by a private nginx,
# against wget --mirror of the same site and a sequential wget -i of exactly the URLs cablewatch fetched.
#
# Usage: Benchmarks/backfill.sh --cables N [--concurrency C] [--runs R] [--mirror-runs M] [--seed S] [--only-a]
#                               [--site-in-ram] [--json-out FILE]
#
#   A  cablewatch poll on a fresh archive (http.perHostDelay 0s, http.concurrency C)
#   B  wget --mirror --no-parent --no-verbose of the whole site (every listing, every cable), into a temp dir
#   C  wget --input-file of run A's URLs, sequential, one keep-alive connection, body to /dev/null
#
# --mirror-runs M runs B in only the first M of the R rounds (default: all rounds below 100,000 cables, one
# round above, since B alone takes about half an hour at 251,287 cables).
# --site-in-ram serves the site from a private tmpfs instead (root; the site's size + 4 GB of RAM): the page cache
# alone is not stable at full scale on these machines (see site_in_ram in lib.sh). The archive stays on disk.
# Before each A and C run every file of the site is read once (warm_site), so both are served from the page cache:
# a full-scale site is ~17 GB, and wget --mirror's own copy evicts it, which made one C run disk-bound (223 s vs 70 s).
# Reports medians over R runs (wall, user+sys CPU, peak RSS, requests and body bytes from nginx's access log,
# archive size, cables/s), the wall-time ratios A/B and A/C, and writes bench-out/backfill-N.json.
# The site is generated once per (N, seed) under bench-out/sites/. nginx runs with worker_processes 1.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
CONCURRENCY=4
RUNS=3
MIRROR_RUNS=""
SEED=1
ONLY_A=0
SITE_IN_RAM=0
JSON_OUT=""

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --cables) CABLES="${2:?--cables needs a value}"; shift 2 ;;
        --concurrency) CONCURRENCY="${2:?--concurrency needs a value}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift 2 ;;
        --mirror-runs) MIRROR_RUNS="${2:?--mirror-runs needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        --only-a) ONLY_A=1; shift ;;
        --site-in-ram) SITE_IN_RAM=1; shift ;;
        --json-out) JSON_OUT="${2:?--json-out needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[ -n "$CABLES" ] || { usage >&2; die "--cables N is required"; }
for value in "$CABLES" "$CONCURRENCY" "$RUNS" "$SEED"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -gt 0 ] || die "expected a positive integer, got '$value'"
done
JSON_OUT="${JSON_OUT:-$OUT_DIR/backfill-$CABLES.json}"
if [ -z "$MIRROR_RUNS" ]; then
    if [ "$CABLES" -ge 100000 ]; then MIRROR_RUNS=1; else MIRROR_RUNS="$RUNS"; fi
fi
[[ "$MIRROR_RUNS" =~ ^[0-9]+$ ]] || die "--mirror-runs expects a number, got '$MIRROR_RUNS'"

require_common_tools
mkdir -p "$OUT_DIR"
ensure_site "$CABLES" "$SEED"
[ "$SITE_IN_RAM" -eq 1 ] && site_in_ram
start_nginx "$SITE_DIR"

SAMPLES="$WORK_TMP/samples.tsv"
: > "$SAMPLES"

for run in $(seq 1 "$RUNS"); do
    warm_site "$SITE_DIR"
    note "run $run/$RUNS: A (cablewatch poll, concurrency $CONCURRENCY)"
    run_cablewatch_backfill "run$run-a" "$CONCURRENCY"
    printf 'A\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$A_WALL" "$A_CPU" "$A_RSS_KB" "$A_REQUESTS" "$A_BYTES" \
        "$A_ARCHIVE_BYTES" "$A_CABLES" >> "$SAMPLES"
    urls="$A_URLS"
    if [ "$run" -eq 1 ] && [ ! -f "$(archive_cache_path)" ]; then
        # Later scripts (idle-poll, cli-latency) reuse this archive instead of backfilling again.
        save_archive_cache "$A_ARCHIVE" "$A_WALL" "$A_CPU"
    fi
    rm -f "$A_ARCHIVE" "$A_ARCHIVE-wal" "$A_ARCHIVE-shm"
    [ "$ONLY_A" -eq 1 ] && continue

    if [ "$run" -le "$MIRROR_RUNS" ]; then
        note "run $run/$RUNS: B (wget --mirror)"
        mirror="$WORK_TMP/run$run-mirror"
        mkdir -p "$mirror"
        mark="$(log_mark)"
        timed "$WORK_TMP/run$run-b" wget --mirror --no-parent --no-verbose -P "$mirror" "$BASE_URL/index.html"
        # wget exits 8 when some URL answered an error (e.g. a link to a page the site does not have); count it.
        [ "$T_STATUS" -eq 0 ] || [ "$T_STATUS" -eq 8 ] || die "wget --mirror failed (exit $T_STATUS): $(tail -3 "$WORK_TMP/run$run-b.err")"
        log_slice "$mark" > "$WORK_TMP/run$run-b.log"
        printf 'B\t%s\t%s\t%s\t%s\t%s\t\t\n' "$T_WALL" "$T_CPU" "$T_RSS_KB" \
            "$(wc -l < "$WORK_TMP/run$run-b.log" | tr -d ' ')" \
            "$(awk '{ s += $3 } END { print s + 0 }' "$WORK_TMP/run$run-b.log")" >> "$SAMPLES"
        rm -rf "$mirror"
    fi

    warm_site "$SITE_DIR"
    note "run $run/$RUNS: C (wget -i of run A's $(wc -l < "$urls" | tr -d ' ') URLs, sequential)"
    mark="$(log_mark)"
    timed "$WORK_TMP/run$run-c" wget --no-verbose --input-file "$urls" -O /dev/null
    [ "$T_STATUS" -eq 0 ] || die "wget -i failed (exit $T_STATUS): $(tail -3 "$WORK_TMP/run$run-c.err")"
    log_slice "$mark" > "$WORK_TMP/run$run-c.log"
    printf 'C\t%s\t%s\t%s\t%s\t%s\t\t\n' "$T_WALL" "$T_CPU" "$T_RSS_KB" \
        "$(wc -l < "$WORK_TMP/run$run-c.log" | tr -d ' ')" \
        "$(awk '{ s += $3 } END { print s + 0 }' "$WORK_TMP/run$run-c.log")" >> "$SAMPLES"
done

python3 - "$SAMPLES" "$JSON_OUT" "$CABLES" "$SEED" "$CONCURRENCY" "$RUNS" "$SITE_PAGES" "$SITE_BYTES" \
    "$SITE_CABLE_PAGES" "$SITE_MEAN_CABLE_BYTES" "$SITE_IN_RAM" << 'EOF'
import json, statistics, sys

samples, out, cables, seed, concurrency, runs, pages, site_bytes, cable_pages, mean_cable, in_ram = sys.argv[1:]
fields = ["wallSeconds", "cpuSeconds", "peakRSSKB", "requests", "bytes", "archiveBytes", "cablesFetched"]
rows = {}
for line in open(samples):
    kind, *values = line.rstrip("\n").split("\t")
    rows.setdefault(kind, []).append({k: float(v) for k, v in zip(fields, values) if v != ""})

def summarise(kind):
    if kind not in rows:
        return None
    result = {}
    for key in fields:
        values = [r[key] for r in rows[kind] if key in r]
        if values:
            m = statistics.median(values)
            result[key] = round(m, 3) if key in ("wallSeconds", "cpuSeconds") else int(m)
    result["samples"] = rows[kind]
    return result

a, b, c = summarise("A"), summarise("B"), summarise("C")
a["cablesPerSecond"] = round(statistics.median(r["cablesFetched"] / r["wallSeconds"] for r in rows["A"]), 1)
ratio = lambda x, y: round(x["wallSeconds"] / y["wallSeconds"], 2) if x and y and y["wallSeconds"] > 0 else None
result = {
    "benchmark": "backfill",
    "cables": int(cables), "seed": int(seed), "concurrency": int(concurrency), "runs": int(runs),
    "nginx": {"workerProcesses": 1, "sendfile": True, "keepalive": True, "gzip": False},
    "site": {"pages": int(pages), "bytes": int(site_bytes), "cablePages": int(cable_pages),
             "meanCablePageBytes": int(mean_cable), "servedFromTmpfs": in_ram == "1"},
    "cablewatch": a, "wgetMirror": b, "wgetInputFile": c,
    "wallRatio": {"cablewatchOverMirror": ratio(a, b), "cablewatchOverInputFile": ratio(a, c)},
}
with open(out, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")

def cell(x, key, fmt="{}"):
    return fmt.format(x[key]) if x and key in x else "-"

print(f"backfill: {cables} cables (seed {seed}), site {int(site_bytes)/1e6:.1f} MB in {pages} pages, "
      f"mean cable page {int(mean_cable)/1e3:.1f} KB; medians of {runs} run(s); nginx 1 worker")
cols = [("A cablewatch", a), ("B wget --mirror", b), ("C wget -i", c)]
print(f"{'':22}" + "".join(f"{name:>18}" for name, _ in cols))
for label, key, fmt in [
    ("wall (s)", "wallSeconds", "{:.2f}"), ("user+sys CPU (s)", "cpuSeconds", "{:.2f}"),
    ("peak RSS (MB)", "peakRSSKB", None), ("requests", "requests", "{}"), ("bytes (MB)", "bytes", None),
    ("archive (MB)", "archiveBytes", None), ("cables/s", "cablesPerSecond", "{}"),
]:
    cells = []
    for _, x in cols:
        if x and key in x:
            cells.append(f"{x[key] / 1024:.1f}" if key == "peakRSSKB" else
                         f"{x[key] / 1e6:.1f}" if fmt is None else fmt.format(x[key]))
        else:
            cells.append("-")
    print(f"{label:22}" + "".join(f"{v:>18}" for v in cells))
r = result["wallRatio"]
print(f"wall ratio A/B = {r['cablewatchOverMirror']}, A/C = {r['cablewatchOverInputFile']}")
print(f"json: {out}")
EOF
