#!/usr/bin/env bash
# Incremental-release benchmark: N cables archived, then the source advances by one build that adds A cables
# (default 1,000) and changes C (default 50; every change moves the cable to the new release day, as on the real
# site). Reports the time from the start of `cablewatch poll` to the last webhook received by a local receiver,
# the poll's wall and CPU, the requests it made and the events delivered. Target: last webhook <= 10 s.
#
# Usage: Benchmarks/incremental.sh --cables N [--runs R] [--adds A] [--changes C] [--batch none|release] [--seed S]
#   Generates builds K=18 and K+1=19 of a 20-build history whose last build is planned exactly
#   (`cablegate-sim generate --final-adds A --final-changes C`; bench-out/sites/N-sS-aA-cC-bK), serves build K
#   through a docroot symlink, and backfills build K once into bench-out/archives/ (reused on later runs).
#   Each of R runs (default 3): copy the archive, start from build K, run one idle poll that also delivers the
#   archive's old events (sync.baseline …) to the new webhook, swap the symlink to build K+1 (atomic rename), then
#   time one `cablewatch poll` (wall, user+sys CPU and peak RSS from GNU time; requests from nginx's access log).
#   The receiver (Benchmarks/webhook-receiver.py) verifies every signature and logs CLOCK_REALTIME receipt times;
#   `poll` delivers webhooks after its cycle, so the last receipt minus the poll's start is the end-to-end time.
#   With --batch none (default) each event is one POST (1 release.progress + A cable.added + C cable.changed);
#   with --batch release the cable events arrive as release.summary POSTs of up to 500 events.
#   poll.revalidate is 87600h (the cached archive may be older than a day; no revalidation may fall due).
#   Writes bench-out/incremental-N.json. Needs jq, and python3 for the receiver.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
RUNS=3
ADDS=1000
CHANGES=50
BATCH=none
SEED=1
BUILDS=20
usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --cables) CABLES="${2:?--cables needs a value}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift 2 ;;
        --adds) ADDS="${2:?--adds needs a value}"; shift 2 ;;
        --changes) CHANGES="${2:?--changes needs a value}"; shift 2 ;;
        --batch) BATCH="${2:?--batch needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[ -n "$CABLES" ] || { usage >&2; die "--cables N is required"; }
for value in "$CABLES" "$RUNS" "$SEED"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -gt 0 ] || die "expected a positive integer, got '$value'"
done
for value in "$ADDS" "$CHANGES"; do
    [[ "$value" =~ ^[0-9]+$ ]] || die "expected a whole number, got '$value'"
done
case "$BATCH" in none | release) ;; *) die "--batch must be none or release, got '$BATCH'" ;; esac
[ "$CABLES" -ge $((ADDS + 10 * CHANGES + 500)) ] || die "--cables must be at least --adds + 10 × --changes + 500 ($((ADDS + 10 * CHANGES + 500))), got $CABLES"
require_common_tools
require python3
mkdir -p "$OUT_DIR"

OLD_BUILD=$((BUILDS - 2))
NEW_BUILD=$((BUILDS - 1))
SITE_KEY="$CABLES-s$SEED-a$ADDS-c$CHANGES"
GEN_ARGS=(--cables "$CABLES" --seed "$SEED" --builds "$BUILDS" --final-adds "$ADDS" --final-changes "$CHANGES")
ensure_generated "$SITE_KEY-b$NEW_BUILD" "${GEN_ARGS[@]}" --build "$NEW_BUILD"
NEW_SITE="$SITE_DIR" NEW_COUNTER="$SITE_COUNTER"
ensure_generated "$SITE_KEY-b$OLD_BUILD" "${GEN_ARGS[@]}" --build "$OLD_BUILD"
OLD_SITE="$SITE_DIR" OLD_COUNTER="$SITE_COUNTER"
[ $((NEW_COUNTER - OLD_COUNTER)) -eq "$ADDS" ] \
    || die "build $NEW_BUILD should release exactly $ADDS more cables than build $OLD_BUILD ($OLD_COUNTER -> $NEW_COUNTER); is cablegate-sim too old for --final-adds?"

# The docroot symlink lives next to the sites: nginx's worker (nobody) cannot enter the private WORK_TMP.
DOCROOT="$OUT_DIR/sites/.docroot-$$"
track_path "$DOCROOT"
track_path "$DOCROOT.new"
# point_docroot SITE: atomically re-points the docroot symlink nginx serves (rename over the old link).
point_docroot() {
    ln -sfn "$1" "$DOCROOT.new"
    mv -T "$DOCROOT.new" "$DOCROOT"
}
point_docroot "$OLD_SITE"
start_nginx "$DOCROOT"
ensure_archive

SECRET="whsec_$(head -c 32 /dev/urandom | base64)"
RECEIVER_LOG="$WORK_TMP/receiver.log"
: > "$RECEIVER_LOG"
python3 "$BENCH_DIR/webhook-receiver.py" "$WORK_TMP/receiver.port" "$RECEIVER_LOG" "$SECRET" \
    > "$WORK_TMP/receiver.out" 2>&1 &
track_pid $!
for _ in $(seq 1 50); do [ -f "$WORK_TMP/receiver.port" ] && break; sleep 0.1; done
[ -f "$WORK_TMP/receiver.port" ] || die "the webhook receiver did not start: $(cat "$WORK_TMP/receiver.out")"
RECEIVER_URL="http://127.0.0.1:$(cat "$WORK_TMP/receiver.port")/hook"
note "webhook receiver on $RECEIVER_URL (batch: $BATCH)"

SAMPLES="$WORK_TMP/samples.tsv"
: > "$SAMPLES"
for run in $(seq 1 "$RUNS"); do
    dir="$WORK_TMP/run$run"
    mkdir -p "$dir"
    point_docroot "$OLD_SITE"
    use_archive "$dir/archive.sqlite3"
    write_cablewatch_config "$dir/cablewatch.yaml" "$dir/archive.sqlite3" "$dir/events.jsonl" 4 87600h
    # Replace `webhooks: []` with the local receiver.
    sed -i '/^webhooks: \[\]$/d' "$dir/cablewatch.yaml"
    cat >> "$dir/cablewatch.yaml" << EOF
webhooks:
  - name: bench
    url: $RECEIVER_URL
    secret: $SECRET
    events: ["*"]
    batch: $BATCH
EOF
    note "run $run/$RUNS: idle poll on build $OLD_BUILD (delivers the archive's earlier events)"
    "$CABLEWATCH" poll --config "$dir/cablewatch.yaml" --json > "$dir/pre.out" 2> "$dir/pre.err" \
        || die "the idle poll before the release failed: $(tail -5 "$dir/pre.err")"
    pre_outcome="$(jq -r .outcome "$dir/pre.out")"
    [ "$pre_outcome" = unchanged ] || die "the poll before the release should be 'unchanged', was '$pre_outcome'"
    receiver_mark="$(wc -l < "$RECEIVER_LOG" | tr -d ' ')"

    point_docroot "$NEW_SITE"
    mark="$(log_mark)"
    note "run $run/$RUNS: poll of build $NEW_BUILD (+$ADDS cables, $CHANGES changed)"
    start="$(date +%s.%N)"
    timed "$dir/poll" "$CABLEWATCH" poll --config "$dir/cablewatch.yaml" --json
    [ "$T_STATUS" -eq 0 ] || die "the poll of the new build failed (exit $T_STATUS): $(tail -5 "$dir/poll.err")"
    log_slice "$mark" > "$dir/requests.log"
    tail -n "+$((receiver_mark + 1))" "$RECEIVER_LOG" > "$dir/received.log"
    # requests.log: "uri status bytes msec"; received.log: "time webhook-id type events ok|BAD client-port".
    jq -c --rawfile requests "$dir/requests.log" --rawfile received "$dir/received.log" \
        --slurpfile logged "$dir/events.jsonl" --argjson start "$start" --argjson wall "$T_WALL" \
        --argjson cpu "$T_CPU" --argjson rss "$T_RSS_KB" '
        def rows: split("\n") | map(select(length > 0) | split(" "));
        def counts(f): group_by(f) | map({key: (.[0] | f), value: length}) | from_entries;
        . as $poll | ($requests | rows) as $r | ($received | rows) as $w
        | [$logged[] | select($poll.lastSeq != null and .seq > $poll.lastSeq - $poll.events)] as $new
        | ([$w[] | .[0] | tonumber] | max) as $last
        | {outcome, wallSeconds: $wall, cpuSeconds: $cpu, peakRSSKB: $rss,
           requests: ($r | length), requestStatuses: ($r | counts(.[1])), bytes: ([$r[] | .[2] | tonumber] | add // 0),
           cablesFetched, events, eventTypes: ($new | counts(.type)),
           webhookRequests: ($w | length), eventsDelivered: ([$w[] | .[3] | tonumber] | add // 0),
           webhookConnections: ([$w[] | .[5]] | unique | length),
           badSignatures: ([$w[] | select(.[4] != "ok")] | length),
           receivedTypes: ($w | counts(.[2])),
           lastWebhookSeconds: (if $last == null then null else ($last - $start) * 10000 | round / 10000 end)}' \
        "$dir/poll.out" >> "$SAMPLES"
done
stop_nginx

OUT="$OUT_DIR/incremental-$CABLES.json"
jq -s --argjson cables "$CABLES" --argjson adds "$ADDS" --argjson changes "$CHANGES" --arg batch "$BATCH" \
    --argjson runs "$RUNS" --argjson old "$OLD_COUNTER" --argjson new "$NEW_COUNTER" --arg archive "$ARCHIVE_CACHE" '
    def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
        else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    . as $samples
    | ([("wallSeconds", "cpuSeconds", "peakRSSKB", "requests", "bytes", "cablesFetched", "events", "webhookRequests",
         "eventsDelivered", "lastWebhookSeconds") as $k | {key: $k, value: ([$samples[][$k] | select(. != null)] | median
        | if . == null then . else . * 10000 | round / 10000 end)}]
       | from_entries) as $median
    | ([$samples[] | .eventsDelivered == .events and .badSignatures == 0] | all) as $complete
    | {benchmark: "incremental", cables: $cables, adds: $adds, changes: $changes, batch: $batch, runs: $runs,
       archivedBuildCounter: $old, newBuildCounter: $new, archiveCache: $archive, median: $median, samples: $samples,
       target: {lastWebhookSecondsAtMost: 10, everyEventDeliveredAndSigned: $complete,
                met: ($median.lastWebhookSeconds != null and $median.lastWebhookSeconds <= 10 and $complete)}}' \
    "$SAMPLES" > "$OUT"

echo "incremental release: $OLD_COUNTER archived -> $NEW_COUNTER (+$ADDS cables, $CHANGES changed), batch: $BATCH," \
    "medians of $RUNS runs"
jq -r '(["run", "wall (s)", "CPU (s)", "RSS (MB)", "requests", "fetched", "events", "POSTs", "delivered",
        "last webhook (s)"],
     (((.samples | to_entries[] | ["#\(.key + 1)", .value]), ["med", .median]) as [$name, $s]
      | [$name, $s.wallSeconds, $s.cpuSeconds, ($s.peakRSSKB / 1024 * 10 | round / 10), $s.requests, $s.cablesFetched,
         $s.events, $s.webhookRequests, $s.eventsDelivered, ($s.lastWebhookSeconds // "-")])) | @tsv' "$OUT" \
    | column -t -s $'\t'
jq -r '"event types (run 1): \(.samples[0].eventTypes); requests by status: \(.samples[0].requestStatuses)",
    "target: last webhook <= 10 s after the poll starts, every event delivered and signed: \(if .target.met then "met" else "NOT met" end) (\(.median.lastWebhookSeconds) s)"' "$OUT"
echo "json: $OUT"
