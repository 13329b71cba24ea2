# Shared helpers for the benchmark scripts in this directory (sourced, not run).
#
# Provides: tool checks, the release binaries, a cached generated site per (cables, seed), a private nginx on a
# free loopback port with an access log we can count, timing of one long command (wall, user+sys CPU, peak RSS),
# reading hyperfine's JSON, and medians. Short commands are timed with hyperfine (`hyperfine_run`). Every script that sources this gets a cleanup trap that stops nginx and removes its temp dir.

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
    require jq "apt-get install -y jq"
    require sqlite3 "apt-get install -y sqlite3"
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

# Other background processes a script started (receivers, daemons): stopped by pid on exit.
BENCH_PIDS=()
track_pid() { BENCH_PIDS+=("$1"); }
# Paths outside WORK_TMP that a script made (e.g. a docroot symlink nginx's worker must reach: WORK_TMP is 0700).
BENCH_PATHS=()
track_path() { BENCH_PATHS+=("$1"); }

# tmpfs mounts a script made (site_in_ram): unmounted and removed on exit.
BENCH_MOUNTS=()

# site_in_ram: copies the generated site (SITE_DIR) into a private tmpfs and points SITE_DIR at the copy. A site
# served from the page cache is not stable on these machines: at full scale it (~17 GB) and the archive under test
# (~3 GB) only just fit in 24 GB, and the host pages out cold page cache (DAMON), so some runs served from the disk
# (C runs of 60 s and 206 s on the same site). tmpfs pages have no backing store and stay in RAM. Needs root (mount)
# and the site's size plus 4 GB of available memory.
site_in_ram() {
    local bytes available mount
    # Blocks, not apparent size: tmpfs also rounds each of the ~289,000 small files up to whole pages.
    bytes="$(($(du -sk "$SITE_DIR" | cut -f1) * 1024))"
    available="$(($(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo) * 1024))"
    [ "$available" -gt $((bytes + 4 * 1024 * 1024 * 1024)) ] \
        || die "--site-in-ram: the site needs $((bytes / 1048576)) MB of RAM plus 4 GB; $((available / 1048576)) MB available"
    mount="$(mktemp -d "${TMPDIR:-/tmp}/cablewatch-site-ram.XXXXXX")"
    chmod 755 "$mount"
    mount -t tmpfs -o "size=$((bytes + 256 * 1024 * 1024)),mode=755" tmpfs "$mount" \
        || { rmdir "$mount"; die "--site-in-ram: could not mount a tmpfs (needs root)"; }
    BENCH_MOUNTS+=("$mount")
    local start
    start="$(date +%s)"
    # Eight readers at once: a site of 289,000 small files read one by one from a cold disk crawls.
    (cd "$SITE_DIR" && find . -type f -print0 | xargs -0 -n 2000 -P 8 cp --parents -t "$mount") \
        || die "--site-in-ram: could not copy the site to $mount"
    note "site copied to a tmpfs ($((bytes / 1048576)) MB) in $(($(date +%s) - start)) s"
    SITE_NAME="$(basename "$SITE_DIR")"
    SITE_DIR="$mount"
}

# stop_pid PID: SIGTERM, up to 5 s grace, then SIGKILL; for a process this script started.
stop_pid() {
    local pid="$1"
    kill -0 "$pid" 2> /dev/null || return 0
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
}

cleanup() {
    local status=$?
    local pid
    for pid in "${BENCH_PIDS[@]}"; do stop_pid "$pid"; done
    stop_nginx
    local path
    for path in "${BENCH_PATHS[@]}"; do rm -rf "$path"; done
    for path in "${BENCH_MOUNTS[@]}"; do umount "$path" && rmdir "$path"; done
    rm -rf "$WORK_TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ensure_generated NAME GENERATE_ARGS...: runs `cablegate-sim generate GENERATE_ARGS` once into
# bench-out/sites/NAME and sets SITE_DIR, SITE_PAGES, SITE_BYTES, SITE_MEAN_CABLE_BYTES, SITE_CABLE_PAGES and
# SITE_COUNTER (the released count of the build written).
ensure_generated() {
    local name="$1"
    shift
    SITE_DIR="$OUT_DIR/sites/$name"
    local summary="$SITE_DIR.summary"
    if [ ! -f "$summary" ] || [ ! -d "$SITE_DIR" ]; then
        rm -rf "$SITE_DIR" "$summary"
        mkdir -p "$OUT_DIR/sites"
        note "generating site $name (cablegate-sim generate $*) into $SITE_DIR"
        "$CABLEGATE_SIM" generate --out "$SITE_DIR" "$@" > "$summary.tmp" \
            || die "cablegate-sim generate $* failed"
        mv "$summary.tmp" "$summary"
    fi
    # "build 19: 12345 pages, 678 bytes total" / "cable pages: 5000, mean cable page size 47000 bytes"
    # "counter 4950 / 5000, written in 1234 ms"
    SITE_PAGES="$(sed -n 's/^build [0-9]*: \([0-9]*\) pages, .*/\1/p' "$summary")"
    SITE_BYTES="$(sed -n 's/^build [0-9]*: [0-9]* pages, \([0-9]*\) bytes total.*/\1/p' "$summary")"
    SITE_CABLE_PAGES="$(sed -n 's/^cable pages: \([0-9]*\),.*/\1/p' "$summary")"
    SITE_MEAN_CABLE_BYTES="$(sed -n 's/.*mean cable page size \([0-9]*\) bytes.*/\1/p' "$summary")"
    SITE_COUNTER="$(sed -n 's/^counter \([0-9]*\) \/ .*/\1/p' "$summary")"
    [ -n "$SITE_BYTES" ] && [ -n "$SITE_MEAN_CABLE_BYTES" ] || die "could not read the generate summary $summary"
    [ -f "$SITE_DIR/index.html" ] || die "generated site has no index.html: $SITE_DIR"
}

# The real cable pages a "real" site is cloned from: ../shared/real-pages (cables/ and the three cable pages beside
# it), or the folder CABLEWATCH_REAL_PAGES names.
REAL_PAGES_DIR="${CABLEWATCH_REAL_PAGES:-$REPO_ROOT/../shared/real-pages}"

# ensure_site CABLES SEED [PAGES]: the final build of the default history, cached in bench-out/sites/CABLES-sSEED
# (sets the same variables as ensure_generated). PAGES "real" writes every cable page as a real cable page cloned
# under the simulated reference ID (cablegate-sim generate --cable-pages-from), into CABLES-sSEED-real; listings and
# the home page are the simulator's real-markup rendering either way. Default "simulated".
ensure_site() {
    case "${3:-simulated}" in
        simulated) ensure_generated "$1-s$2" --cables "$1" --seed "$2" ;;
        real)
            [ -d "$REAL_PAGES_DIR/cables" ] || die "no real cable pages at $REAL_PAGES_DIR/cables (set CABLEWATCH_REAL_PAGES)"
            local sources=(--cable-pages-from "$REAL_PAGES_DIR/cables") page
            for page in "$REAL_PAGES_DIR"/*-cable_*.html; do
                [ -f "$page" ] && sources+=(--cable-pages-from "$page")
            done
            ensure_generated "$1-s$2-real" --cables "$1" --seed "$2" "${sources[@]}"
            ;;
        *) die "pages must be 'real' or 'simulated', not '$3'" ;;
    esac
}

# warm_site DIR: reads every file of DIR once so the runs that follow are served from the page cache. A full-scale
# site is ~17 GB; without this, whichever run comes after wget --mirror (which writes another copy of the site)
# reads from disk (~80 MB/s here) and measures the disk, not the client.
warm_site() {
    local start
    start="$(date +%s)"
    # At full scale the site (~17 GB) and one archive (~3 GB) only just fit in 24 GB of RAM: first drop the cached
    # archives of earlier benchmarks from the page cache (they stay on disk), so nginx is not sent to the disk.
    # (dd's `iflag=nocache count=0` asks the kernel to drop a whole file's cached pages.)
    [ -d "$OUT_DIR/archives" ] && find "$OUT_DIR/archives" -type f \
        -exec sh -c 'for f; do dd if="$f" iflag=nocache count=0 status=none; done' sh {} + 2> /dev/null || true
    find "$1" -type f -print0 | xargs -0 -n 512 -P 2 cat > /dev/null
    note "page cache warmed with $1 ($(du -sh "$1" | cut -f1)) in $(($(date +%s) - start)) s"
}

# free_port: a loopback port nothing listens on (start_nginx retries if another process takes it first).
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        ss -Htln "sport = :$port" 2> /dev/null | grep -q . || { echo "$port"; return; }
    done
}

# start_nginx DOCROOT: a private nginx (worker_processes 1, sendfile, keepalive, gzip NGINX_GZIP or off) on a free loopback port.
# Sets NGINX_PORT, BASE_URL and ACCESS_LOG (one line per request: "uri status body_bytes_sent msec-at-end").
# NGINX_EXTRA (optional) is added to the http block, e.g. "if_modified_since before;".
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
    gzip ${NGINX_GZIP:-off};
    ${NGINX_EXTRA:-}
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
        # QUIT (not KILL) so that the master takes its worker down with it.
        stop_nginx
        note "nginx did not start on port $NGINX_PORT (attempt $attempt): $(cat "$dir/error.log" "$dir/stdout.log" 2> /dev/null | tail -2 | tr '\n' ' ')"
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
    T_WALL="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')"
    local user sys
    user="$(sed -n 's/^\s*User time (seconds): //p' "$prefix.time")"
    sys="$(sed -n 's/^\s*System time (seconds): //p' "$prefix.time")"
    T_CPU="$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN { printf "%.2f", u + s }')"
    T_RSS_KB="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$prefix.time")"
    T_USER="${user:-0}" T_SYS="${sys:-0}"
    # "File system inputs/outputs" count 512-byte blocks the process read from and wrote to the block layer.
    T_FS_IN_MB="$(sed -n 's/^\s*File system inputs: //p' "$prefix.time" | awk '{ printf "%.0f", $1 * 512 / 1e6 }')"
    T_FS_OUT_MB="$(sed -n 's/^\s*File system outputs: //p' "$prefix.time" | awk '{ printf "%.0f", $1 * 512 / 1e6 }')"
}

# hyperfine_run JSON HYPERFINE_ARGS... COMMAND...: hyperfine without a shell (`-N`: a shell's start-up would be
# charged to each command), its output to stderr, its results to JSON; dies when a command fails.
hyperfine_run() {
    local json="$1"
    shift
    hyperfine -N --style basic --export-json "$json" "$@" >&2 || die "hyperfine failed: $*"
}

# hf_field JSON INDEX FIELD: one of hyperfine's figures for its INDEX-th command (0-based), e.g. median, user.
hf_field() { jq -r ".results[$2].$3" "$1"; }

# hf_cpu_ms JSON INDEX: the mean user+sys CPU of the INDEX-th command in ms (hyperfine reports means).
hf_cpu_ms() { jq -r ".results[$2] | (.user + .system) * 1000 * 100 | round / 100" "$1"; }

# hf_percentile_ms JSON INDEX P: the P-th percentile (nearest rank) of the INDEX-th command's wall times, in ms.
hf_percentile_ms() {
    jq -r --argjson p "$3" ".results[$2].times | sort | .[((length * \$p / 100) | ceil) - 1] * 1000 * 100 | round / 100" "$1"
}

# daemon_idle_cycles CONFIG CYCLES PREFIX: runs `cablewatch run` on CONFIG (a copy with poll.interval 1s and
# jitter 0) against an unchanged source and measures CYCLES poll cycles after two untimed ones. Each cycle is
# one 1 s period, so its CPU includes whatever the daemon does between polls (heartbeat, timers). Sets
# D_CPU_MEDIAN (s per cycle: the median of the per-cycle sums of the threads' on-CPU time from
# /proc/PID/task/*/schedstat, ns resolution), D_CPU_MEAN_TICKS (s per cycle over the whole window from
# /proc/PID/stat utime+stime, which also counts threads that exited, 10 ms ticks), D_RSS_KB (VmHWM) and
# D_REQUESTS (requests per cycle); dies unless every request was one GET of the home page answered 304.
# Per-cycle CPU samples go to PREFIX.cycles, the daemon's output to PREFIX.run.{out,err}.
daemon_idle_cycles() {
    local config="$1" cycles="$2" prefix="$3"
    local home_path
    home_path="$(sed -n 's|^  home: ||p' "$config")"
    sed 's/^  revalidate: \(.*\)$/  revalidate: \1\n  interval: 1s\n  jitter: 0/' "$config" > "$prefix.yaml"
    grep -q '^  interval: 1s$' "$prefix.yaml" || die "could not set poll.interval in $prefix.yaml"
    home_requests() { grep -c "^${home_path:-/index.html} " "$ACCESS_LOG" || true; }
    local base pid
    base="$(home_requests)"
    "$CABLEWATCH" run --config "$prefix.yaml" > "$prefix.run.out" 2> "$prefix.run.err" &
    pid=$!
    track_pid "$pid"
    # wait_home COUNT SECONDS: until nginx has logged COUNT home-page requests, or die.
    wait_home() {
        local deadline=$(($(date +%s) + $2))
        while [ "$(home_requests)" -lt "$1" ]; do
            kill -0 "$pid" 2> /dev/null || die "cablewatch run exited early: $(tail -5 "$prefix.run.err")"
            [ "$(date +%s)" -lt "$deadline" ] || die "cablewatch run made fewer than $1 home requests in $2 s"
            sleep 0.005
        done
    }
    cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
    cpu_ns() { cat "/proc/$pid/task/"*/schedstat 2> /dev/null | awk '{ s += $1 } END { print s + 0 }'; }
    wait_home $((base + 2)) 60
    local mark ticks0 ticks1 i
    mark="$(log_mark)"
    ticks0="$(cpu_ticks)"
    : > "$prefix.cycles"
    local previous current
    previous="$(cpu_ns)"
    for i in $(seq 1 "$cycles"); do
        wait_home $((base + 2 + i)) 30
        current="$(cpu_ns)"
        echo $((current - previous)) >> "$prefix.cycles"
        previous="$current"
    done
    ticks1="$(cpu_ticks)"
    D_RSS_KB="$(sed -n 's/^VmHWM:\s*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2> /dev/null || true)"
    local requests other
    requests="$(log_slice "$mark" | wc -l | tr -d ' ')"
    other="$(log_slice "$mark" | awk -v home="${home_path:-/index.html}" '$1 != home || $2 != 304' | wc -l | tr -d ' ')"
    stop_pid "$pid"
    [ "$other" -eq 0 ] || die "each daemon cycle should be one 304 of the home page; saw $other other requests"
    D_REQUESTS="$(awk -v r="$requests" -v c="$cycles" 'BEGIN { print r / c }')"
    D_CPU_MEDIAN="$(median $(cat "$prefix.cycles") | awk '{ print $1 / 1e9 }')"
    D_CPU_MEAN_TICKS="$(awk -v a="$ticks0" -v b="$ticks1" -v hz="$(getconf CLK_TCK)" -v c="$cycles" \
        'BEGIN { print (b - a) / hz / c }')"
}

# median V...: the median of numbers (mean of the middle two for an even count).
median() {
    printf '%s\n' "$@" | sort -g \
        | awk '{ v[NR] = $1 } END { printf "%.10g\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# write_cablewatch_config FILE ARCHIVE EVENTS CONCURRENCY [REVALIDATE]: a config for the private nginx
# (REVALIDATE defaults to 24h; scripts working on a cached archive of unknown age pass a long one, so that no
# revalidation falls due and the measurement is the same as on a fresh archive).
write_cablewatch_config() {
    cat > "$1" << EOF
source:
  url: $BASE_URL
  home: /index.html
poll:
  revalidate: ${5:-24h}
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
    note "$label: wall ${T_WALL} s, user ${T_USER} s, sys ${T_SYS} s, disk reads ${T_FS_IN_MB} MB, disk writes ${T_FS_OUT_MB} MB"
    A_REQUESTS="$(wc -l < "$dir/requests.log" | tr -d ' ')"
    A_BYTES="$(awk '{ s += $3 } END { print s + 0 }' "$dir/requests.log")"
    A_ARCHIVE_BYTES="$(archive_bytes "$A_ARCHIVE")"
    A_CABLES="$(jq -r .cablesFetched "$dir/poll.out")"
    A_CABLES_PER_S="$(awk -v c="$A_CABLES" -v w="$A_WALL" 'BEGIN { printf "%.1f", c / w }')"
    A_URLS="$dir/urls.txt"
    awk -v base="$BASE_URL" '{ print base $1 }' "$dir/requests.log" > "$A_URLS"
}

# --- Cached archives -------------------------------------------------------------------------------------------
# A backfilled archive per generated site, kept in bench-out/archives/SITE.sqlite3 (+ SITE.base: the base URL it
# was backfilled from, SITE.backfill: wall/CPU of that backfill), so that scripts needing "N cables archived" pay
# the backfill once. Copies are made with SQLite's backup API and re-pointed at the current nginx's base URL
# (the fetch cache and cable URLs carry the port).

# archive_cache_path [SITE_DIR]: where the cached archive of a site lives.
# A site served from tmpfs (site_in_ram) keeps its generated name (SITE_NAME).
archive_cache_path() {
    local name
    if [ -n "${1:-}" ]; then name="$(basename "$1")"; else name="${SITE_NAME:-$(basename "$SITE_DIR")}"; fi
    echo "$OUT_DIR/archives/$name.sqlite3"
}

# sqlite_copy SRC DEST: a consistent copy of a (possibly WAL-mode) SQLite archive, as one file.
sqlite_copy() {
    rm -f "$2" "$2-wal" "$2-shm"
    sqlite3 -readonly "$1" ".backup '$2'" || die "could not copy the archive $1 to $2"
}

# save_archive_cache ARCHIVE WALL CPU: keeps a just-backfilled archive of the site being served as the cache.
save_archive_cache() {
    local cache
    cache="$(archive_cache_path)"
    mkdir -p "$OUT_DIR/archives"
    sqlite_copy "$1" "$cache.tmp"
    echo "$BASE_URL" > "$cache.base"
    printf 'wall %s\ncpu %s\n' "$2" "$3" > "$cache.backfill"
    sha256sum < "$CABLEWATCH" | awk '{ print $1 }' > "$cache.binary"
    mv "$cache.tmp" "$cache"
    note "cached the backfilled archive as $cache"
}

# ensure_archive: a cached backfilled archive of the site nginx serves (SITE_DIR, BASE_URL); backfills once
# (concurrency 4) when there is none. Sets ARCHIVE_CACHE.
ensure_archive() {
    ARCHIVE_CACHE="$(archive_cache_path)"
    if [ -f "$ARCHIVE_CACHE" ] && [ -f "$ARCHIVE_CACHE.base" ]; then
        if [ "$(cat "$ARCHIVE_CACHE.binary" 2> /dev/null)" != "$(sha256sum < "$CABLEWATCH" | awk '{ print $1 }')" ]; then
            note "the cached archive $ARCHIVE_CACHE was made by another cablewatch binary: copies are migrated by" \
                "their first (untimed) poll; delete bench-out/archives/ to backfill afresh"
        fi
        return 0
    fi
    note "no cached archive for $(basename "$SITE_DIR"): backfilling one (this takes a while at full scale)"
    run_cablewatch_backfill "archive-backfill" 4
    save_archive_cache "$A_ARCHIVE" "$A_WALL" "$A_CPU"
    rm -rf "$WORK_TMP/archive-backfill"
}

# use_archive DEST: copies the cached archive (ensure_archive) to DEST and points its URLs at BASE_URL.
# Scripts run one untimed `cablewatch poll` on the copy before measuring (idle_archive does both): it migrates the
# schema when the cache was made by an older cablewatch, and warms the page cache.
use_archive() {
    local dest="$1" old
    old="$(cat "$ARCHIVE_CACHE.base")"
    sqlite_copy "$ARCHIVE_CACHE" "$dest"
    [ "$old" = "$BASE_URL" ] && return 0
    # Both are http://127.0.0.1:PORT (no quotes to escape).
    local table sql=""
    for table in fetchCache cable; do
        sql+="UPDATE $table SET url = '$BASE_URL' || substr(url, ${#old} + 1) WHERE substr(url, 1, ${#old}) = '$old';"
    done
    sqlite3 "$dest" "BEGIN; $sql COMMIT;" || die "could not re-point the archive copy $dest"
}

# idle_archive DIR: a copy of the cached archive (ensure_archive) at DIR/archive.sqlite3 with its configuration,
# DIR/cablewatch.yaml (concurrency 4, revalidation 87600h, so that none falls due on an old cache), then one
# untimed poll on it (DIR/warmup.out): it migrates a cache made by an older cablewatch and warms the page cache,
# so the next poll of the unchanged site is the idle one to measure.
idle_archive() {
    local dir="$1"
    mkdir -p "$dir"
    use_archive "$dir/archive.sqlite3"
    write_cablewatch_config "$dir/cablewatch.yaml" "$dir/archive.sqlite3" "$dir/events.jsonl" 4 87600h
    "$CABLEWATCH" poll --config "$dir/cablewatch.yaml" > "$dir/warmup.out" 2>&1 \
        || die "the warm-up poll failed: $(tail -5 "$dir/warmup.out")"
}

# home_etag: prints the ETag nginx sends for the home page (what a conditional GET of it sends back); dies without.
home_etag() {
    local etag
    etag="$(curl -sI "$BASE_URL/index.html" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')"
    [ -n "$etag" ] || die "nginx sent no ETag for the home page"
    echo "$etag"
}
