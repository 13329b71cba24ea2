# Shared helpers for the benchmark scripts in this directory (sourced, not run).
#
# Provides: tool checks, the release binaries, a cached generated site per (cables, seed), a private nginx on a
# free loopback port with an access log we can count, timing of one command (wall, user+sys CPU, peak RSS), and
# medians. Every script that sources this gets a cleanup trap that stops nginx and removes its temp dir.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT_DIR="${BENCH_OUT:-$REPO_ROOT/bench-out}"
BIN_DIR="${BENCH_BIN_DIR:-$REPO_ROOT/.build/release}"
CABLEWATCH="$BIN_DIR/cablewatch"
CABLEGATE_SIM="$BIN_DIR/cablegate-sim"

die() {
    echo "error: $*" >&2
    exit 1
}

note() { echo "# $*" >&2; }

# require TOOL [HINT]: fail with a clear message when a tool is missing.
require() {
    command -v "$1" > /dev/null 2>&1 || die "'$1' is required but not installed${2:+ ($2)}"
}

require_common_tools() {
    require python3
    require wget "apt-get install -y wget"
    require curl "apt-get install -y curl"
    [ -x /usr/sbin/nginx ] || command -v nginx > /dev/null 2>&1 || die "nginx is required (apt-get install -y nginx-light)"
    [ -x /usr/bin/time ] || die "GNU time is required at /usr/bin/time (apt-get install -y time)"
    /usr/bin/time -v true > /dev/null 2>&1 || die "/usr/bin/time does not support -v (need GNU time: apt-get install -y time)"
    [ -x "$CABLEWATCH" ] || die "no release build at $CABLEWATCH; run: swift build -c release --product cablewatch (or set BENCH_BIN_DIR)"
    [ -x "$CABLEGATE_SIM" ] || die "no release build at $CABLEGATE_SIM; run: swift build -c release --product cablegate-sim"
}

NGINX_BIN="$(command -v nginx 2> /dev/null || echo /usr/sbin/nginx)"

# One temp dir per script run; removed (with nginx stopped) on any exit.
WORK_TMP="$(mktemp -d "${TMPDIR:-/tmp}/cablewatch-bench.XXXXXX")"
NGINX_PID=""

# stop_nginx: stops the private nginx started by start_nginx (by its pid only).
stop_nginx() {
    if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2> /dev/null; then
        kill -QUIT "$NGINX_PID" 2> /dev/null || true
        for _ in $(seq 1 50); do kill -0 "$NGINX_PID" 2> /dev/null || break; sleep 0.1; done
        kill -KILL "$NGINX_PID" 2> /dev/null || true
        wait "$NGINX_PID" 2> /dev/null || true
    fi
    NGINX_PID=""
}

cleanup() {
    local status=$?
    stop_nginx
    rm -rf "$WORK_TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ensure_site CABLES SEED: generates the final build once into bench-out/sites/CABLES-sSEED and sets
# SITE_DIR, SITE_PAGES, SITE_BYTES, SITE_MEAN_CABLE_BYTES, SITE_CABLE_PAGES.
ensure_site() {
    local cables="$1" seed="$2"
    SITE_DIR="$OUT_DIR/sites/$cables-s$seed"
    local summary="$SITE_DIR.summary"
    if [ ! -f "$summary" ] || [ ! -d "$SITE_DIR" ]; then
        rm -rf "$SITE_DIR" "$summary"
        mkdir -p "$OUT_DIR/sites"
        note "generating a $cables-cable site (seed $seed) into $SITE_DIR"
        "$CABLEGATE_SIM" generate --out "$SITE_DIR" --cables "$cables" --seed "$seed" > "$summary.tmp" \
            || die "cablegate-sim generate failed"
        mv "$summary.tmp" "$summary"
    fi
    # "build 19: 12345 pages, 678 bytes total" / "cable pages: 5000, mean cable page size 47000 bytes"
    SITE_PAGES="$(sed -n 's/^build [0-9]*: \([0-9]*\) pages, .*/\1/p' "$summary")"
    SITE_BYTES="$(sed -n 's/^build [0-9]*: [0-9]* pages, \([0-9]*\) bytes total.*/\1/p' "$summary")"
    SITE_CABLE_PAGES="$(sed -n 's/^cable pages: \([0-9]*\),.*/\1/p' "$summary")"
    SITE_MEAN_CABLE_BYTES="$(sed -n 's/.*mean cable page size \([0-9]*\) bytes.*/\1/p' "$summary")"
    [ -n "$SITE_BYTES" ] && [ -n "$SITE_MEAN_CABLE_BYTES" ] || die "could not read the generate summary $summary"
    [ -f "$SITE_DIR/index.html" ] || die "generated site has no index.html: $SITE_DIR"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_nginx DOCROOT: a private nginx (worker_processes 1, sendfile, keepalive, no gzip) on a free loopback port.
# Sets NGINX_PORT, BASE_URL and ACCESS_LOG (one line per request: "uri status body_bytes_sent msec-at-end").
start_nginx() {
    local root="$1" dir="$WORK_TMP/nginx"
    mkdir -p "$dir/tmp"
    ACCESS_LOG="$dir/access.log"
    : > "$ACCESS_LOG"
    local attempt
    for attempt in 1 2 3 4 5; do
        NGINX_PORT="$(free_port)"
        cat > "$dir/nginx.conf" << EOF
# One worker: the machine has few cores and the client under test needs the rest.
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    types { text/html html; text/css css; }
    default_type application/octet-stream;
    log_format bench '\$request_uri \$status \$body_bytes_sent \$msec';
    access_log $ACCESS_LOG bench;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    gzip off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $root;
        index index.html;
    }
}
EOF
        "$NGINX_BIN" -c "$dir/nginx.conf" -p "$dir" > "$dir/stdout.log" 2>&1 &
        NGINX_PID=$!
        local i
        for i in $(seq 1 50); do
            if curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/index.html" 2> /dev/null; then
                BASE_URL="http://127.0.0.1:$NGINX_PORT"
                : > "$ACCESS_LOG"
                note "nginx (pid $NGINX_PID) serving $root on $BASE_URL"
                return 0
            fi
            kill -0 "$NGINX_PID" 2> /dev/null || break
            sleep 0.1
        done
        kill -KILL "$NGINX_PID" 2> /dev/null || true
        wait "$NGINX_PID" 2> /dev/null || true
        NGINX_PID=""
        note "nginx did not start on port $NGINX_PORT (attempt $attempt): $(tail -2 "$dir/error.log" "$dir/stdout.log" 2> /dev/null | tr '\n' ' ')"
    done
    die "could not start nginx; see $dir/error.log"
}

# log_mark: the number of access-log lines so far (nginx writes each line unbuffered at request end).
log_mark() { wc -l < "$ACCESS_LOG" | tr -d ' '; }

# log_slice FROM: the access-log lines after line FROM.
log_slice() { tail -n "+$(($1 + 1))" "$ACCESS_LOG"; }

# timed OUTFILE_PREFIX CMD...: runs CMD under /usr/bin/time -v; sets T_WALL (s), T_CPU (user+sys s),
# T_RSS_KB and T_STATUS. stdout goes to PREFIX.out, stderr to PREFIX.err.
timed() {
    local prefix="$1"
    shift
    local start end
    start="$(date +%s.%N)"
    set +e
    /usr/bin/time -v -o "$prefix.time" "$@" > "$prefix.out" 2> "$prefix.err"
    T_STATUS=$?
    set -e
    end="$(date +%s.%N)"
    T_WALL="$(python3 -c "print(f'{$end - $start:.3f}')")"
    local user sys
    user="$(sed -n 's/^\s*User time (seconds): //p' "$prefix.time")"
    sys="$(sed -n 's/^\s*System time (seconds): //p' "$prefix.time")"
    T_CPU="$(python3 -c "print(f'{${user:-0} + ${sys:-0}:.2f}')")"
    T_RSS_KB="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$prefix.time")"
}

# median V...: the median of numbers (mean of the middle two for an even count).
median() {
    python3 -c 'import statistics, sys; print(statistics.median(float(v) for v in sys.argv[1:]))' "$@"
}

# write_cablewatch_config FILE ARCHIVE EVENTS CONCURRENCY: a config for the private nginx.
write_cablewatch_config() {
    cat > "$1" << EOF
source:
  url: $BASE_URL
  home: /index.html
poll:
  revalidate: 24h
http:
  concurrency: $4
  perHostDelay: 0s
storage:
  path: $2
events:
  log: $3
webhooks: []
EOF
}

# archive_bytes PATH: the size of the SQLite file plus its WAL (0 for a missing WAL).
archive_bytes() {
    local total=0 f
    for f in "$1" "$1-wal"; do
        [ -f "$f" ] && total=$((total + $(stat -c %s "$f")))
    done
    echo "$total"
}

# run_cablewatch_backfill LABEL CONCURRENCY: one fresh-archive `cablewatch poll`; sets A_* variables and
# A_ARCHIVE (kept until the script exits) and A_URLS (the URLs it fetched, one per line).
run_cablewatch_backfill() {
    local label="$1" concurrency="$2" dir="$WORK_TMP/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    A_ARCHIVE="$dir/archive.sqlite3"
    write_cablewatch_config "$dir/cablewatch.yaml" "$A_ARCHIVE" "$dir/events.jsonl" "$concurrency"
    local mark
    mark="$(log_mark)"
    timed "$dir/poll" "$CABLEWATCH" poll --config "$dir/cablewatch.yaml" --json
    [ "$T_STATUS" -eq 0 ] || die "cablewatch poll failed (exit $T_STATUS): $(tail -5 "$dir/poll.err")"
    log_slice "$mark" > "$dir/requests.log"
    A_WALL="$T_WALL" A_CPU="$T_CPU" A_RSS_KB="$T_RSS_KB"
    A_REQUESTS="$(wc -l < "$dir/requests.log" | tr -d ' ')"
    A_BYTES="$(awk '{ s += $3 } END { print s + 0 }' "$dir/requests.log")"
    A_ARCHIVE_BYTES="$(archive_bytes "$A_ARCHIVE")"
    A_CABLES="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["cablesFetched"])' "$dir/poll.out")"
    A_CABLES_PER_S="$(python3 -c "print(f'{$A_CABLES / $A_WALL:.1f}')")"
    A_URLS="$dir/urls.txt"
    awk -v base="$BASE_URL" '{ print base $1 }' "$dir/requests.log" > "$A_URLS"
}
