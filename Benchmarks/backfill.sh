#!/usr/bin/env bash
# Backfill benchmark: cablewatch's first sync of a static cablegate-style site served by a private nginx,
# against wget --mirror of the same site and a sequential wget -i of exactly the URLs cablewatch fetched.
#
# Usage: Benchmarks/backfill.sh --cables N [--pages real|simulated] [--gzip] [--concurrency C] [--runs R]
#                               [--mirror-runs M] [--mirror-limit SECONDS] [--seed S] [--only-a] [--site-in-ram]
#                               [--json-out FILE]
#
#   --pages real (the default) clones the real cable pages of ../shared/real-pages under the simulated reference
#   IDs; --pages simulated serves the simulator's own cable pages. Listings and home page are the simulator's
#   real-markup rendering in both.
#   --gzip has nginx compress pages (level 1) and C ask for them (wget --compression=gzip), so both sides get the
#   same bytes; without it nginx sends pages uncompressed to both.
#
#   A  cablewatch poll on a fresh archive (http.perHostDelay 0s, http.concurrency C)
#   B  wget --mirror --no-parent --no-verbose of the whole site (every listing, every cable), into a temp dir
#   C  wget --input-file of run A's URLs, sequential, one keep-alive connection, body to /dev/null
#
# --mirror-runs M runs B in only the first M of the R rounds (default: all rounds below 100,000 cables, one
# round above: at 251,287 cables B fetched 43,145 of the site's 288,972 pages in its first 400 s).
# --mirror-limit SECONDS stops B after SECONDS: an unfinished B counts as SECONDS, so A/B is then an upper bound,
# reported as "< ratio" (and `finished: false` with the requests B made in the JSON). Its copy is deleted as usual.
# --site-in-ram serves the site from a private tmpfs instead (root; the site's size + 4 GB of RAM): the page cache
# alone is not stable at full scale on these machines (see site_in_ram in lib.sh). The archive stays on disk.
# Before each A and C run every file of the site is read once (warm_site), so both are served from the page cache:
# a full-scale site is ~17 GB, and wget --mirror's own copy evicts it, which made one C run disk-bound (223 s vs 70 s).
# Reports medians over R runs (wall, user+sys CPU, peak RSS, requests and body bytes from nginx's access log,
# archive size, cables/s), the wall-time ratios A/B and A/C, and writes bench-out/backfill-N.json.
# The site is generated once per (N, seed) under bench-out/sites/. nginx runs with worker_processes 1.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
PAGES=real
GZIP=0
CONCURRENCY=4
RUNS=3
MIRROR_RUNS=""
MIRROR_LIMIT=""
SEED=1
ONLY_A=0
SITE_IN_RAM=0
JSON_OUT=""

usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --cables) CABLES="${2:?--cables needs a value}"; shift 2 ;;
        --pages) PAGES="${2:?--pages needs a value}"; shift 2 ;;
        --gzip) GZIP=1; shift ;;
        --concurrency) CONCURRENCY="${2:?--concurrency needs a value}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift 2 ;;
        --mirror-runs) MIRROR_RUNS="${2:?--mirror-runs needs a value}"; shift 2 ;;
        --mirror-limit) MIRROR_LIMIT="${2:?--mirror-limit needs a value}"; shift 2 ;;
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
case "$PAGES" in real | simulated) ;; *) die "--pages must be real or simulated, not '$PAGES'" ;; esac
GZIP_LABEL=off
[ "$GZIP" -eq 0 ] || GZIP_LABEL=on
JSON_OUT="${JSON_OUT:-$OUT_DIR/backfill-$CABLES-$PAGES-gzip-$GZIP_LABEL.json}"
if [ -z "$MIRROR_RUNS" ]; then
    if [ "$CABLES" -ge 100000 ]; then MIRROR_RUNS=1; else MIRROR_RUNS="$RUNS"; fi
fi
[[ "$MIRROR_RUNS" =~ ^[0-9]+$ ]] || die "--mirror-runs expects a number, got '$MIRROR_RUNS'"
[ -z "$MIRROR_LIMIT" ] || { [[ "$MIRROR_LIMIT" =~ ^[0-9]+$ ]] && [ "$MIRROR_LIMIT" -gt 0 ]; } \
    || die "--mirror-limit expects a positive number of seconds, got '$MIRROR_LIMIT'"

require_common_tools
mkdir -p "$OUT_DIR"
ensure_site "$CABLES" "$SEED" "$PAGES"
[ "$SITE_IN_RAM" -eq 1 ] && site_in_ram
WGET_COMPRESSION=none
if [ "$GZIP" -eq 1 ]; then
    NGINX_GZIP=on
    NGINX_EXTRA="gzip_comp_level 1;"
    WGET_COMPRESSION=gzip
fi
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
        limit=()
        [ -z "$MIRROR_LIMIT" ] || limit=(timeout "$MIRROR_LIMIT")
        timed "$WORK_TMP/run$run-b" "${limit[@]}" wget --mirror --no-parent --no-verbose \
            --compression="$WGET_COMPRESSION" -P "$mirror" "$BASE_URL/index.html"
        finished=1
        if [ -n "$MIRROR_LIMIT" ] && [ "$T_STATUS" -eq 124 ]; then
            finished=0
            T_WALL="$MIRROR_LIMIT"
            note "run $run/$RUNS: B stopped unfinished at its limit of $MIRROR_LIMIT s"
        else
            # wget exits 8 when some URL answered an error (e.g. a link to a page the site does not have); count it.
            [ "$T_STATUS" -eq 0 ] || [ "$T_STATUS" -eq 8 ] \
                || die "wget --mirror failed (exit $T_STATUS): $(tail -3 "$WORK_TMP/run$run-b.err")"
        fi
        log_slice "$mark" > "$WORK_TMP/run$run-b.log"
        printf 'B\t%s\t%s\t%s\t%s\t%s\t\t\t%s\n' "$T_WALL" "$T_CPU" "$T_RSS_KB" \
            "$(wc -l < "$WORK_TMP/run$run-b.log" | tr -d ' ')" \
            "$(awk '{ s += $3 } END { print s + 0 }' "$WORK_TMP/run$run-b.log")" "$finished" >> "$SAMPLES"
        rm -rf "$mirror"
    fi

    warm_site "$SITE_DIR"
    note "run $run/$RUNS: C (wget -i of run A's $(wc -l < "$urls" | tr -d ' ') URLs, sequential)"
    mark="$(log_mark)"
    timed "$WORK_TMP/run$run-c" wget --no-verbose --compression="$WGET_COMPRESSION" --input-file "$urls" -O /dev/null
    [ "$T_STATUS" -eq 0 ] || die "wget -i failed (exit $T_STATUS): $(tail -3 "$WORK_TMP/run$run-c.err")"
    log_slice "$mark" > "$WORK_TMP/run$run-c.log"
    printf 'C\t%s\t%s\t%s\t%s\t%s\t\t\n' "$T_WALL" "$T_CPU" "$T_RSS_KB" \
        "$(wc -l < "$WORK_TMP/run$run-c.log" | tr -d ' ')" \
        "$(awk '{ s += $3 } END { print s + 0 }' "$WORK_TMP/run$run-c.log")" >> "$SAMPLES"
done

# samples.tsv: KIND wall cpu rssKB requests bytes [archiveBytes cablesFetched] [finished], one line per run.
jq -R 'split("\t") as $f | ["wallSeconds", "cpuSeconds", "peakRSSKB", "requests", "bytes", "archiveBytes",
    "cablesFetched", "finished"] as $keys
    | {kind: $f[0], values: ([range(0; 8) as $i | select(($f[$i + 1] // "") != "") | {key: $keys[$i],
        value: ($f[$i + 1] | tonumber)}] | from_entries)}' "$SAMPLES" \
    | jq -s --argjson cables "$CABLES" --arg pages "$PAGES" --argjson gzip "$GZIP" --argjson seed "$SEED" --argjson concurrency "$CONCURRENCY" \
        --argjson runs "$RUNS" --argjson pages "$SITE_PAGES" --argjson siteBytes "$SITE_BYTES" \
        --argjson cablePages "$SITE_CABLE_PAGES" --argjson meanCable "$SITE_MEAN_CABLE_BYTES" \
        --argjson inRam "$SITE_IN_RAM" '
    def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def summarise($kind): [.[] | select(.kind == $kind) | .values] as $rows
        | if ($rows | length) == 0 then null else
            ([$rows[0] | keys[] as $k | {key: $k, value: ([$rows[][$k]] | median
                | if $k == "wallSeconds" or $k == "cpuSeconds" then . * 1000 | round / 1000 else floor end)}]
             | from_entries) + {samples: $rows} end;
    def ratio($x; $y): if $x != null and $y != null and $y.wallSeconds > 0
        then $x.wallSeconds / $y.wallSeconds * 100 | round / 100 else null end;
    (summarise("A") | .cablesPerSecond = ([.samples[] | .cablesFetched / .wallSeconds] | median * 10 | round / 10))
        as $a
    | (summarise("B") | if . == null then null else .finished = ([.samples[].finished] | all(. == 1)) end) as $b
    | summarise("C") as $c
    | {benchmark: "backfill", cables: $cables, pages: $pages, seed: $seed, concurrency: $concurrency, runs: $runs,
       nginx: {workerProcesses: 1, sendfile: true, keepalive: true, gzip: ($gzip == 1)},
       site: {pages: $pages, bytes: $siteBytes, cablePages: $cablePages, meanCablePageBytes: $meanCable,
              servedFromTmpfs: ($inRam == 1)},
       cablewatch: $a, wgetMirror: $b, wgetInputFile: $c,
       wallRatio: {cablewatchOverMirror: ratio($a; $b), cablewatchOverInputFile: ratio($a; $c),
                   cablewatchOverMirrorIsUpperBound: ($b != null and ($b.finished | not))}}' > "$JSON_OUT"

echo "backfill: $CABLES cables with $PAGES cable pages (seed $SEED, gzip $GZIP_LABEL), site $((SITE_BYTES / 1000000)) MB in $SITE_PAGES pages," \
    "mean cable page $((SITE_MEAN_CABLE_BYTES / 1000)) KB; medians of $RUNS run(s); nginx 1 worker"
jq -r 'def cell($x; $k; f): if $x == null or $x[$k] == null then "-" else $x[$k] | f end;
    def rounded($scale; $places): . / $scale * $places | round / $places;
    [.cablewatch, .wgetMirror, .wgetInputFile] as $cols
    | (["", "A cablewatch", "B wget --mirror", "C wget -i"],
       ((["wall (s)", "wallSeconds", 1, 100], ["user+sys CPU (s)", "cpuSeconds", 1, 100],
         ["peak RSS (MB)", "peakRSSKB", 1024, 10], ["requests", "requests", 1, 1], ["bytes (MB)", "bytes", 1e6, 10],
         ["archive (MB)", "archiveBytes", 1e6, 10], ["cables/s", "cablesPerSecond", 1, 10])
        as [$name, $key, $scale, $places]
        | [$name] + [$cols[] as $x | cell($x; $key; rounded($scale; $places))]))
    | @tsv' "$JSON_OUT" | column -t -s $'\t'
jq -r '(if .wallRatio.cablewatchOverMirrorIsUpperBound then "< " else "" end) as $bound
    | (if .wgetMirror.finished == false then " (B stopped unfinished after \(.wgetMirror.wallSeconds) s,"
        + " \(.wgetMirror.requests) requests)" else "" end) as $b
    | "wall ratio A/B = \($bound)\(.wallRatio.cablewatchOverMirror), A/C = \(.wallRatio.cablewatchOverInputFile)\($b)"' \
    "$JSON_OUT"
echo "json: $JSON_OUT"
