#!/usr/bin/env bash
# Start-up floor: what a one-shot process costs on this host before any of cablewatch's own work, timed beside an
# idle one-shot `cablewatch poll` in the same shuffled rounds, so that all four see the same host noise:
#   curl         the curl command making the poll's conditional GET (one libcurl request in a fresh process)
#   do-nothing   a Swift program that does nothing, linked like the installed cablewatch (Swift runtime static)
#   one-request  the same program with Debian's libcurl, making the same conditional GET and nothing else
#                (StartupFloor/OneRequest.swift): the floor for any one-shot Swift poller on that libcurl
#   poll         one-shot `cablewatch poll` on an unchanged source (one 304), as idle-poll.sh times it
#
# Usage: Benchmarks/startup-floor.sh [--cables N] [--rounds R] [--seed S]
#   N (default 1000) cables in the archive the poll reads; R (default 40) rounds, each running the four once in
#   a random order. Reports, per command, the median CPU (user+sys from the child's rusage), wall time and minor
#   page faults, and the median per-round ratio to curl. Writes bench-out/startup-floor-N.json.
#   The two Swift programs are compiled with swiftc into bench-out/startup-floor/ on first use.
#   Compare the installed binary with BENCH_BIN_DIR=DIR (a directory holding cablewatch and cablegate-sim).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CABLES=1000
ROUNDS=40
SEED=1
usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
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

python3 - "$OUT_DIR/startup-floor-$CABLES.json" "$ROUNDS" "$CABLES" "$dir" "$etag" "$BASE_URL/index.html" \
    "$CABLEWATCH" "$FLOOR_DIR/do-nothing" "$FLOOR_DIR/one-request" << 'EOF'
import json, os, random, statistics, sys, time

out, rounds, cables, work, etag, url, cablewatch, do_nothing, one_request = sys.argv[1:]
rounds, cables = int(rounds), int(cables)
commands = {
    "curl": ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", f"If-None-Match: {etag}", url],
    "do-nothing": [do_nothing],
    "one-request": [one_request, url, etag],
    "poll": [cablewatch, "poll", "--config", os.path.join(work, "cablewatch.yaml"), "--json"],
}
expected = {"curl": "304", "do-nothing": "", "one-request": "304"}

def run(name):
    prefix = os.path.join(work, name)
    stdout = os.open(prefix + ".out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    stderr = os.open(prefix + ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    start = time.monotonic()
    # posix_spawn, as precise_timed in lib.sh: a forked Python child's faults would be charged to the child.
    pid = os.posix_spawnp(commands[name][0], commands[name], os.environ,
                          file_actions=[(os.POSIX_SPAWN_DUP2, stdout, 1), (os.POSIX_SPAWN_DUP2, stderr, 2)])
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    os.close(stdout)
    os.close(stderr)
    text = open(prefix + ".out").read().strip()
    error = open(prefix + ".err").read().strip()[-400:]
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{name} failed (status {status}): {error}")
    if name == "poll":
        if json.loads(text)["outcome"] != "unchanged":
            sys.exit(f"the poll was not idle: {text}")
    elif text != expected[name]:
        sys.exit(f"{name} printed {text!r}, expected {expected[name]!r}: {error}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime, "sys": usage.ru_stime,
            "wall": wall, "minorFaults": usage.ru_minflt}

samples = {name: [] for name in commands}
for _ in range(rounds):
    order = list(commands)
    random.shuffle(order)
    for name in order:
        samples[name].append(run(name))

def summary(name):
    rows = samples[name]
    med = lambda key: statistics.median(row[key] for row in rows)
    return {"cpuMs": round(med("cpu") * 1000, 2), "userMs": round(med("user") * 1000, 2),
            "sysMs": round(med("sys") * 1000, 2), "wallMs": round(med("wall") * 1000, 2),
            "minorFaults": int(med("minorFaults")),
            "cpuRatioToCurl": round(statistics.median(row["cpu"] / curl["cpu"]
                                                      for row, curl in zip(rows, samples["curl"])
                                                      if curl["cpu"] > 0), 2)}

result = {"benchmark": "startup-floor", "cables": cables, "rounds": rounds,
          "commands": {name: summary(name) for name in commands}, "samples": samples}
json.dump(result, open(out, "w"), indent=2)
print(f"one-shot processes, {rounds} shuffled rounds (medians; CPU = user+sys from the child's rusage)")
print(f"{'command':<12} {'CPU (ms)':>9} {'user':>7} {'sys':>7} {'wall (ms)':>10} {'faults':>7} {'÷ curl':>7}")
for name in commands:
    s = result["commands"][name]
    print(f"{name:<12} {s['cpuMs']:>9.2f} {s['userMs']:>7.2f} {s['sysMs']:>7.2f} {s['wallMs']:>10.2f} "
          f"{s['minorFaults']:>7} {s['cpuRatioToCurl']:>7}")
c = result["commands"]
print(f"poll above the Swift + libcurl floor (one-request): {c['poll']['cpuMs'] - c['one-request']['cpuMs']:.2f} ms "
      f"CPU, {c['poll']['minorFaults'] - c['one-request']['minorFaults']} faults")
print(f"json: {out}")
EOF
