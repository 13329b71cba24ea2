#!/usr/bin/env bash
# Backfill on PostgreSQL against SQLite, side by side: the same fresh-archive `cablewatch poll` of the same site,
# once into an SQLite file and once into a private PostgreSQL server, in alternating rounds; then one idle daemon
# cycle on each of the two archives it made.
#
# Usage: Benchmarks/backfill-postgres.sh --cables N [--pages real|simulated] [--runs R] [--concurrency C]
#                                        [--cycles K] [--seed S] [--json-out FILE]
#
#   The server is Debian's PostgreSQL (`initdb` into a temporary folder, `postgres` on a free loopback port, as
#   `nobody` when run as root), with its defaults: fsync on. Each PostgreSQL round gets a new database.
#   Reports, per backend, the median wall time, cablewatch's user+sys CPU and peak RSS, and for PostgreSQL also the
#   server's CPU (its postmaster and every backend it reaped); the ratio PostgreSQL/SQLite of the medians and of
#   each round. Then `cablewatch run` (poll.interval 1s) on each archive: median CPU of K idle cycles (default 20),
#   cablewatch's alone (the server's share of a cycle is not counted). Target: PostgreSQL wall <= 2x SQLite.
#   Writes bench-out/backfill-postgres-N-PAGES.json.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=""
PAGES=real
RUNS=1
CONCURRENCY=4
CYCLES=20
SEED=1
JSON_OUT=""
usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --cables) CABLES="${2:?--cables needs a value}"; shift 2 ;;
        --pages) PAGES="${2:?--pages needs a value}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift 2 ;;
        --concurrency) CONCURRENCY="${2:?--concurrency needs a value}"; shift 2 ;;
        --cycles) CYCLES="${2:?--cycles needs a value}"; shift 2 ;;
        --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
        --json-out) JSON_OUT="${2:?--json-out needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[ -n "$CABLES" ] || { usage >&2; die "--cables N is required"; }
for value in "$CABLES" "$RUNS" "$CONCURRENCY" "$CYCLES" "$SEED"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -gt 0 ] || die "expected a positive integer, got '$value'"
done
case "$PAGES" in real | simulated) ;; *) die "--pages must be real or simulated, not '$PAGES'" ;; esac
JSON_OUT="${JSON_OUT:-$OUT_DIR/backfill-postgres-$CABLES-$PAGES.json}"

require_common_tools
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)"
[ -x "$PG_BIN/initdb" ] || die "PostgreSQL is not installed (apt-get install -y postgresql)"
mkdir -p "$OUT_DIR"
ensure_site "$CABLES" "$SEED" "$PAGES"
start_nginx "$SITE_DIR"

# The server: its own folder, owned by `nobody` when we are root (PostgreSQL refuses to run as root).
PG_DIR="$(mktemp -d /tmp/cablewatch-bench-pg.XXXXXX)"
track_path "$PG_DIR"
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown nobody "$PG_DIR"
as_server "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C > "$PG_DIR/initdb.log" 2>&1 \
    || die "initdb failed: $(tail -5 "$PG_DIR/initdb.log")"
PG_PORT="$(free_port)"
as_server "$PG_BIN/postgres" -D "$PG_DIR/data" -p "$PG_PORT" -h 127.0.0.1 -k "$PG_DIR" > "$PG_DIR/server.log" 2>&1 &
PG_PID=$!
track_pid "$PG_PID"
for _ in $(seq 1 600); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    kill -0 "$PG_PID" 2> /dev/null || die "postgres exited: $(tail -5 "$PG_DIR/server.log")"
    sleep 0.1
done
"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || die "postgres did not start: $(tail -5 "$PG_DIR/server.log")"
# Under runuser, PG_PID is runuser's: the server's CPU is read from the postmaster itself.
POSTMASTER_PID="$(head -1 "$PG_DIR/data/postmaster.pid")"
track_pid "$POSTMASTER_PID"
note "postgres (pid $POSTMASTER_PID) on 127.0.0.1:$PG_PORT"

# server_cpu: the server's CPU seconds so far, its postmaster's own and that of every backend it reaped.
server_cpu() {
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15 + $16 + $17) / hz }' "/proc/$POSTMASTER_PID/stat"
}

# run_postgres_backfill LABEL: like run_cablewatch_backfill, into a new database; sets P_* and P_CONFIG.
run_postgres_backfill() {
    local label="$1" dir="$WORK_TMP/$1" database="archive_$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "${database//-/_}"
    P_CONFIG="$dir/cablewatch.yaml"
    write_cablewatch_config "$P_CONFIG" "unused" "$dir/events.jsonl" "$CONCURRENCY"
    sed -i "s|^  path: unused$|  url: postgresql://postgres@127.0.0.1:$PG_PORT/${database//-/_}|" "$P_CONFIG"
    local before after
    before="$(server_cpu)"
    timed "$dir/poll" "$CABLEWATCH" poll --config "$P_CONFIG" --json
    [ "$T_STATUS" -eq 0 ] || die "cablewatch poll on PostgreSQL failed (exit $T_STATUS): $(tail -5 "$dir/poll.err")"
    sleep 1 # the poll's backends exit and are reaped
    after="$(server_cpu)"
    P_WALL="$T_WALL" P_CPU="$T_CPU" P_RSS_KB="$T_RSS_KB"
    P_SERVER_CPU="$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", b - a }')"
    P_CABLES="$(jq -r .cablesFetched "$dir/poll.out")"
    note "$label: wall ${T_WALL} s, cablewatch user ${T_USER} s sys ${T_SYS} s, server ${P_SERVER_CPU} s CPU"
}

declare -a S_WALLS=() S_CPUS=() S_RSS=() P_WALLS=() P_CPUS=() P_RSSS=() P_SERVER=() RATIOS=()
for run in $(seq 1 "$RUNS"); do
    warm_site "$SITE_DIR"
    note "run $run/$RUNS: SQLite"
    run_cablewatch_backfill "run$run-sqlite" "$CONCURRENCY"
    S_WALLS+=("$A_WALL") S_CPUS+=("$A_CPU") S_RSS+=("$A_RSS_KB")
    SQLITE_CONFIG="$WORK_TMP/run$run-sqlite/cablewatch.yaml"
    warm_site "$SITE_DIR"
    note "run $run/$RUNS: PostgreSQL"
    run_postgres_backfill "run$run-pg"
    [ "$P_CABLES" = "$A_CABLES" ] || die "PostgreSQL archived $P_CABLES cables, SQLite $A_CABLES"
    P_WALLS+=("$P_WALL") P_CPUS+=("$P_CPU") P_RSSS+=("$P_RSS_KB") P_SERVER+=("$P_SERVER_CPU")
    RATIOS+=("$(awk -v p="$P_WALL" -v s="$A_WALL" 'BEGIN { printf "%.2f", p / s }')")
done

note "idle cycles: SQLite"
daemon_idle_cycles "$SQLITE_CONFIG" "$CYCLES" "$WORK_TMP/idle-sqlite"
IDLE_SQLITE="$D_CPU_MEDIAN"
note "idle cycles: PostgreSQL"
daemon_idle_cycles "$P_CONFIG" "$CYCLES" "$WORK_TMP/idle-pg"
IDLE_PG="$D_CPU_MEDIAN"

S_WALL="$(median "${S_WALLS[@]}")" P_WALL_MEDIAN="$(median "${P_WALLS[@]}")"
RATIO="$(awk -v p="$P_WALL_MEDIAN" -v s="$S_WALL" 'BEGIN { printf "%.2f", p / s }')"
echo "backfill of $CABLES cables ($PAGES pages, seed $SEED), concurrency $CONCURRENCY, medians of $RUNS round(s)"
printf '%-26s %-12s %-12s\n' "" "SQLite" "PostgreSQL"
printf '%-26s %-12s %-12s\n' "wall (s)" "$S_WALL" "$P_WALL_MEDIAN"
printf '%-26s %-12s %-12s\n' "cablewatch CPU (s)" "$(median "${S_CPUS[@]}")" "$(median "${P_CPUS[@]}")"
printf '%-26s %-12s %-12s\n' "server CPU (s)" "-" "$(median "${P_SERVER[@]}")"
printf '%-26s %-12s %-12s\n' "peak RSS (MB)" "$(median "${S_RSS[@]}" | awk '{ printf "%.0f", $1 / 1024 }')" \
    "$(median "${P_RSSS[@]}" | awk '{ printf "%.0f", $1 / 1024 }')"
printf '%-26s %-12s %-12s\n' "idle cycle CPU (ms)" "$(awk -v c="$IDLE_SQLITE" 'BEGIN { printf "%.2f", c * 1000 }')" \
    "$(awk -v c="$IDLE_PG" 'BEGIN { printf "%.2f", c * 1000 }')"
echo "wall ratio PostgreSQL/SQLite = $RATIO (rounds: ${RATIOS[*]})"

json_array() { printf '%s\n' "$@" | jq -s 'map(tonumber)'; }
jq -n --argjson cables "$CABLES" --arg pages "$PAGES" --argjson runs "$RUNS" --argjson concurrency "$CONCURRENCY" \
    --argjson sqliteWall "$(json_array "${S_WALLS[@]}")" --argjson sqliteCPU "$(json_array "${S_CPUS[@]}")" \
    --argjson sqliteRSS "$(json_array "${S_RSS[@]}")" --argjson pgWall "$(json_array "${P_WALLS[@]}")" \
    --argjson pgCPU "$(json_array "${P_CPUS[@]}")" --argjson pgRSS "$(json_array "${P_RSSS[@]}")" \
    --argjson pgServerCPU "$(json_array "${P_SERVER[@]}")" --argjson ratios "$(json_array "${RATIOS[@]}")" \
    --argjson idleSQLite "$IDLE_SQLITE" --argjson idlePG "$IDLE_PG" --argjson ratio "$RATIO" \
    '{benchmark: "backfill-postgres", cables: $cables, pages: $pages, runs: $runs, concurrency: $concurrency,
      sqlite: {wallSeconds: $sqliteWall, cpuSeconds: $sqliteCPU, peakRSSKB: $sqliteRSS, idleCycleCPUSeconds: $idleSQLite},
      postgres: {wallSeconds: $pgWall, cpuSeconds: $pgCPU, peakRSSKB: $pgRSS, serverCPUSeconds: $pgServerCPU,
                 idleCycleCPUSeconds: $idlePG},
      wallRatio: $ratio, wallRatioPerRound: $ratios}' > "$JSON_OUT"
echo "json: $JSON_OUT"
