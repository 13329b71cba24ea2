#!/usr/bin/env bash
# Start-up floor: what a one-shot process costs on this host before any of cablewatch's own work, timed beside an
# idle one-shot `cablewatch poll` by one hyperfine invocation (no shell in between), so that all four see the
# same host:
#   curl         the curl command making the poll's conditional GET (one libcurl request in a fresh process)
#   do-nothing   a Swift program that does nothing, linked like the installed cablewatch (Swift runtime static)
#   one-request  the same program with Debian's libcurl, making the same conditional GET and nothing else
#                (StartupFloor/OneRequest.swift): the floor for any one-shot Swift poller on that libcurl
#   poll         one-shot `cablewatch poll` on an unchanged source (one 304)
# Target: the poll's CPU at most 3x curl's.
#
# Usage: Benchmarks/startup-floor.sh [--cables N] [--rounds R] [--seed S]
#   N (default 1000) cables in the archive the poll reads; R (default 40) runs of each after 2 warm-up runs.
#   Reports, per command, hyperfine's mean CPU (user, sys) and median wall time, and their ratios to curl; every
#   request made must be the home page answered 304 (nginx's access log). Writes bench-out/startup-floor-N.json
#   (with hyperfine's own results under "hyperfine"). The two Swift programs are compiled with swiftc into
#   bench-out/startup-floor/ on first use. Compare the installed binary with BENCH_BIN_DIR=DIR (a directory
#   holding cablewatch and cablegate-sim). Needs hyperfine and jq.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=1000
ROUNDS=40
SEED=1
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --cables) CABLES="${2:?--cables needs a value}"; shift 2 ;;
        --rounds) ROUNDS="${2:?--rounds needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
for value in "$CABLES" "$ROUNDS" "$SEED"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -gt 0 ] || die "expected a positive integer, got '$value'"
done
require_common_tools
require hyperfine "apt-get install -y hyperfine"
require swiftc
mkdir -p "$OUT_DIR"

# The reference programs, rebuilt when their source changes.
FLOOR_DIR="$OUT_DIR/startup-floor"
mkdir -p "$FLOOR_DIR"
build_floor_program() {
    local name="$1" source="$REPO_ROOT/Benchmarks/StartupFloor/$2"
    shift 2
    if [ ! -x "$FLOOR_DIR/$name" ] || [ "$source" -nt "$FLOOR_DIR/$name" ]; then
        note "compiling $source"
        swiftc -O -static-stdlib "$@" "$source" -o "$FLOOR_DIR/$name" || die "could not compile $source"
    fi
}
build_floor_program do-nothing DoNothing.swift
build_floor_program one-request OneRequest.swift -I "$REPO_ROOT/Sources/CCurl"

dir="$WORK_TMP/floor"
ensure_site "$CABLES" "$SEED"
start_nginx "$SITE_DIR"
ensure_archive
idle_archive "$dir"
etag="$(home_etag)"
# hyperfine -N splits a command line on whitespace and honours quotes; the ETag carries its own double quotes.
[ "$("$FLOOR_DIR/one-request" "$BASE_URL/index.html" "$etag")" = 304 ] || die "one-request did not get a 304"
[ "$(jq -r .outcome <("$CABLEWATCH" poll --config "$dir/cablewatch.yaml" --json))" = unchanged ] \
    || die "the poll is not idle"

mark="$(log_mark)"
hyperfine_run "$WORK_TMP/hyperfine.json" --warmup 2 --runs "$ROUNDS" \
    -n curl "curl -s -o /dev/null -H 'If-None-Match: $etag' $BASE_URL/index.html" \
    -n do-nothing "$FLOOR_DIR/do-nothing" \
    -n one-request "$FLOOR_DIR/one-request $BASE_URL/index.html '$etag'" \
    -n poll "$CABLEWATCH poll --config $dir/cablewatch.yaml"
other="$(log_slice "$mark" | awk '$1 != "/index.html" || $2 != 304' | wc -l)"
requests="$(log_slice "$mark" | wc -l)"
[ "$other" -eq 0 ] || die "every request should be the home page answered 304; $other of $requests were not"
[ "$requests" -eq $((3 * (ROUNDS + 2))) ] || die "expected $((3 * (ROUNDS + 2))) requests (curl, one-request, poll), saw $requests"

OUT="$OUT_DIR/startup-floor-$CABLES.json"
jq --argjson cables "$CABLES" --argjson rounds "$ROUNDS" '
    def ms: . * 100000 | round / 100;
    .results[0] as $curl
    | {benchmark: "startup-floor", cables: $cables, rounds: $rounds,
       commands: ([.results[] | {key: .command, value: {
           cpuMs: (.user + .system | ms), userMs: (.user | ms), sysMs: (.system | ms), wallMedianMs: (.median | ms),
           cpuRatioToCurl: ((.user + .system) / ($curl.user + $curl.system) * 100 | round / 100),
           wallRatioToCurl: (.median / $curl.median * 100 | round / 100)}}] | from_entries),
       hyperfine: .}
    | .target = {pollCpuAtMost3xCurl: (.commands.poll.cpuRatioToCurl <= 3)}' "$WORK_TMP/hyperfine.json" > "$OUT"

echo "one-shot processes, $ROUNDS runs each (hyperfine: mean CPU = user+sys, median wall)"
jq -r '["command", "CPU (ms)", "user", "sys", "wall (ms)", "CPU ÷ curl", "wall ÷ curl"],
    (.commands | to_entries[] | [.key, .value.cpuMs, .value.userMs, .value.sysMs, .value.wallMedianMs,
        .value.cpuRatioToCurl, .value.wallRatioToCurl]) | @tsv' "$OUT" | column -t -s $'\t'
jq -r '.commands as $c | "poll above the Swift + libcurl floor (one-request): \(($c.poll.cpuMs - $c["one-request"].cpuMs) * 100 | round / 100) ms CPU",
    "target: poll CPU <= 3x curl: \(if .target.pollCpuAtMost3xCurl then "met" else "NOT met" end) (\($c.poll.cpuRatioToCurl)x)"' "$OUT"
echo "json: $OUT"
