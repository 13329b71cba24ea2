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
#   time one `cablewatch poll` (wall and user+sys CPU from its rusage; requests from nginx's access log). The
#   receiver (Benchmarks/webhook-receiver.py) verifies every signature and logs CLOCK_MONOTONIC receipt times;
#   `poll` delivers webhooks after its cycle, so the last receipt minus the poll's start is the end-to-end time.
#   With --batch none (default) each event is one POST (1 release.progress + A cable.added + C cable.changed);
#   with --batch release the cable events arrive as release.summary POSTs of up to 500 events.
#   poll.revalidate is 87600h (the cached archive may be older than a day; no revalidation may fall due).
#   Writes bench-out/incremental-N.json.
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
    precise_timed "$dir/pre" "$CABLEWATCH" poll --config "$dir/cablewatch.yaml" --json
    [ "$T_STATUS" -eq 0 ] || die "the idle poll before the release failed (exit $T_STATUS): $(tail -5 "$dir/pre.err")"
    pre_outcome="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["outcome"])' "$dir/pre.out")"
    [ "$pre_outcome" = unchanged ] || die "the poll before the release should be 'unchanged', was '$pre_outcome'"
    receiver_mark="$(wc -l < "$RECEIVER_LOG" | tr -d ' ')"

    point_docroot "$NEW_SITE"
    mark="$(log_mark)"
    note "run $run/$RUNS: poll of build $NEW_BUILD (+$ADDS cables, $CHANGES changed)"
    precise_timed "$dir/poll" "$CABLEWATCH" poll --config "$dir/cablewatch.yaml" --json
    [ "$T_STATUS" -eq 0 ] || die "the poll of the new build failed (exit $T_STATUS): $(tail -5 "$dir/poll.err")"
    log_slice "$mark" > "$dir/requests.log"
    tail -n "+$((receiver_mark + 1))" "$RECEIVER_LOG" > "$dir/received.log"
    python3 - "$dir/poll.out" "$dir/requests.log" "$dir/received.log" "$dir/events.jsonl" "$T_START" "$T_WALL" \
        "$T_CPU" "$T_RSS_KB" >> "$SAMPLES" << 'EOF'
import collections, json, sys

poll = json.load(open(sys.argv[1]))
requests = [line.split() for line in open(sys.argv[2]) if line.strip()]
received = [line.split() for line in open(sys.argv[3]) if line.strip()]
start, wall, cpu, rss = float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
logged = [json.loads(line) for line in open(sys.argv[4]) if line.strip()]
new_events = [e for e in logged if poll.get("lastSeq") is not None and e["seq"] > poll["lastSeq"] - poll["events"]]
types = collections.Counter(e["type"] for e in new_events)
statuses = collections.Counter(r[1] for r in requests)
last = max((float(r[0]) for r in received), default=None)
print(json.dumps({
    "outcome": poll["outcome"], "wallSeconds": wall, "cpuSeconds": cpu, "peakRSSKB": rss,
    "requests": len(requests), "requestStatuses": dict(statuses), "bytes": sum(int(r[2]) for r in requests),
    "cablesFetched": poll["cablesFetched"], "events": poll["events"], "eventTypes": dict(types),
    "webhookRequests": len(received), "eventsDelivered": sum(int(r[3]) for r in received),
    "webhookConnections": len({r[5] for r in received if len(r) > 5}),
    "badSignatures": sum(1 for r in received if r[4] != "ok"),
    "receivedTypes": dict(collections.Counter(r[2] for r in received)),
    "lastWebhookSeconds": None if last is None else round(last - start, 4),
}))
EOF
done
stop_nginx

python3 - "$SAMPLES" "$OUT_DIR/incremental-$CABLES.json" "$CABLES" "$ADDS" "$CHANGES" "$BATCH" "$RUNS" \
    "$OLD_COUNTER" "$NEW_COUNTER" "$ARCHIVE_CACHE" << 'EOF'
import json, statistics, sys

samples = [json.loads(line) for line in open(sys.argv[1])]
out, cables, adds, changes, batch, runs = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], int(sys.argv[7])
old_counter, new_counter, archive = int(sys.argv[8]), int(sys.argv[9]), sys.argv[10]
med = lambda key: statistics.median(s[key] for s in samples if s[key] is not None) if any(s[key] is not None for s in samples) else None
summary = {k: med(k) for k in ("wallSeconds", "cpuSeconds", "peakRSSKB", "requests", "bytes", "cablesFetched",
                                "events", "webhookRequests", "eventsDelivered", "lastWebhookSeconds")}
complete = all(s["eventsDelivered"] == s["events"] and s["badSignatures"] == 0 for s in samples)
last = summary["lastWebhookSeconds"]
met = last is not None and last <= 10 and complete
result = {"benchmark": "incremental", "cables": cables, "adds": adds, "changes": changes, "batch": batch,
          "runs": runs, "archivedBuildCounter": old_counter, "newBuildCounter": new_counter, "archiveCache": archive,
          "median": summary, "samples": samples,
          "target": {"lastWebhookSecondsAtMost": 10, "everyEventDeliveredAndSigned": complete, "met": met}}
json.dump(result, open(out, "w"), indent=2)
print(f"incremental release: {old_counter} archived -> {new_counter} (+{adds} cables, {changes} changed), "
      f"batch: {batch}, medians of {runs} runs")
print(f"{'':>4} {'wall (s)':>9} {'CPU (s)':>8} {'RSS (MB)':>9} {'requests':>9} {'fetched':>8} {'events':>7} "
      f"{'POSTs':>6} {'delivered':>9} {'last webhook (s)':>17}")
for i, s in enumerate(samples + [dict(summary, requestStatuses=None)]):
    label = f"#{i + 1}" if i < len(samples) else "med"
    lw = "-" if s["lastWebhookSeconds"] is None else f"{s['lastWebhookSeconds']:.3f}"
    print(f"{label:>4} {s['wallSeconds']:>9.3f} {s['cpuSeconds']:>8.3f} {s['peakRSSKB'] / 1024:>9.1f} "
          f"{s['requests']:>9.0f} {s['cablesFetched']:>8.0f} {s['events']:>7.0f} {s['webhookRequests']:>6.0f} "
          f"{s['eventsDelivered']:>9.0f} {lw:>17}")
print(f"event types (run 1): {samples[0]['eventTypes']}; requests by status: {samples[0]['requestStatuses']}")
print(f"target: last webhook <= 10 s after the poll starts, every event delivered and signed: "
      f"{'met' if met else 'NOT met'} ({last} s)")
print(f"json: {out}")
EOF
