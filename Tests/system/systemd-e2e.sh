#!/usr/bin/env bash
# End-to-end test of systemd/cablewatch.service under a real systemd (PID 1 in private namespaces), against a real
# cablegate-sim. Needs root, unshare/nsenter, /lib/systemd/systemd and the debug build (.build/debug/cablewatch,
# .build/debug/cablegate-sim). Exit 0 = PASSED, 1 = FAILED, 77 = SKIPPED (with the reason printed; never a pass).
#
# The host is not changed: /etc, /var and /usr/local are overlays inside the namespace, thrown away at the end.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/.build/debug/cablewatch"
sim="$root/.build/debug/cablegate-sim"
unit="$root/systemd/cablewatch.service"

skip() { echo "systemd-e2e: SKIPPED: $*"; exit 77; }
fail() { echo "systemd-e2e: FAILED: $*"; dump; exit 1; }
step() { echo "systemd-e2e: $*"; }

[[ $(id -u) -eq 0 ]] || skip "needs root (unshare of pid/mount/cgroup namespaces and systemd as PID 1)"
[[ -x /lib/systemd/systemd ]] || skip "no /lib/systemd/systemd"
for tool in unshare nsenter systemctl systemd-analyze curl; do
    command -v "$tool" >/dev/null || skip "no $tool"
done
[[ -x "$bin" && -x "$sim" ]] || skip "build first: no $bin or $sim"
if ! probe=$(unshare --fork --kill-child --pid --mount --mount-proc --propagation private --cgroup true 2>&1); then
    skip "the machine refuses the namespaces: $probe"
fi

work="$(mktemp -d /tmp/cablewatch-e2e.XXXXXX)"
sim_pid=""
ns_pid=""
cleanup() {
    [[ -n "$ns_pid" ]] && kill -9 "$ns_pid" 2>/dev/null
    [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# The simulated source on the shared loopback.
"$sim" serve --port 0 --cables 300 --seed 21 --builds 3 --build 1 >"$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/sim.out" && break; sleep 0.1; done
source_url="$(grep -o 'http://[0-9.:]*' "$work/sim.out" | head -1)"
[[ -n "$source_url" ]] || skip "cablegate-sim did not start: $(cat "$work/sim.out")"

# The private root: overlays over /etc, /var and /usr/local, a fresh /run; then systemd as PID 1.
mkdir -p "$work"/{etc,var,local}/{upper,work}
cat >"$work/boot.sh" <<BOOT
set -e
mount -t overlay overlay -o lowerdir=/etc,upperdir=$work/etc/upper,workdir=$work/etc/work /etc
mount -t overlay overlay -o lowerdir=/var,upperdir=$work/var/upper,workdir=$work/var/work /var
mount -t overlay overlay -o lowerdir=/usr/local,upperdir=$work/local/upper,workdir=$work/local/work /usr/local
rm -rf /var/lib/private/cablewatch /var/lib/cablewatch /var/log/private/cablewatch /var/log/cablewatch
install -m 0755 "$bin" /usr/local/bin/cablewatch
mkdir -p /etc/cablewatch /etc/systemd/system/cablewatch.service.d
install -m 0644 "$unit" /etc/systemd/system/cablewatch.service
# Test-only timing: a fast watchdog and restart, so the test takes seconds.
printf '[Service]\nWatchdogSec=3s\nRestartSec=1s\n' > /etc/systemd/system/cablewatch.service.d/e2e.conf
printf '[Unit]\nDescription=e2e\n' > /etc/systemd/system/e2e.target
cat > /etc/cablewatch/cablewatch.yaml <<YAML
source:
  url: $source_url
poll:
  interval: 1h
  jitter: 0
http:
  perHostDelay: 0s
storage:
  path: /var/lib/cablewatch/cablewatch.sqlite3
events:
  log: /var/log/cablewatch/events.jsonl
YAML
# A fresh /run and /tmp last: the binary, the unit and this checkout may themselves live under /tmp.
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
export container=cablewatch-e2e
exec /lib/systemd/systemd --system --unit=e2e.target --log-target=console --log-level=notice
BOOT
unshare --fork --kill-child --pid --mount --mount-proc --propagation private --cgroup /bin/sh "$work/boot.sh" \
    >"$work/systemd.log" 2>&1 &
unshare_pid=$!
for _ in $(seq 100); do
    ns_pid="$(pgrep -P "$unshare_pid" | head -1)"
    [[ -n "$ns_pid" ]] && break
    sleep 0.1
done
[[ -n "$ns_pid" ]] || skip "systemd did not start in the namespace: $(cat "$work/systemd.log")"
ns() { nsenter -t "$ns_pid" -m -p "$@"; }
dump() {
    echo "--- systemd log"; tail -40 "$work/systemd.log" 2>/dev/null
    echo "--- unit"; ns systemctl status --no-pager cablewatch 2>&1 | tail -20
    echo "--- journal"; ns journalctl -u cablewatch --no-pager 2>&1 | tail -30
}
prop() { ns systemctl show -p "$1" --value cablewatch; }
for _ in $(seq 100); do
    state="$(ns systemctl is-system-running 2>/dev/null)"
    [[ "$state" == running || "$state" == degraded ]] && break
    sleep 0.1
done
[[ "$state" == running || "$state" == degraded ]] || skip "systemd in the namespace did not come up ($state): $(tail -5 "$work/systemd.log")"
step "systemd $(ns systemctl --version | head -1 | cut -d' ' -f2) is PID 1 in the namespace"

# The unit is clean for systemd-analyze with the binary at its ExecStart path.
verify_out="$(ns systemd-analyze verify /etc/systemd/system/cablewatch.service 2>&1)"
[[ -z "$verify_out" ]] || fail "systemd-analyze verify printed: $verify_out"
step "systemd-analyze verify: clean"

# Start: activating until READY=1, then active; STATUS= reflects the poll.
ns systemctl start --no-block cablewatch
seen=""
for _ in $(seq 300); do
    s="$(prop ActiveState)"
    [[ "$seen" == *" $s" ]] || seen="$seen $s"
    [[ "$s" == active || "$s" == failed ]] && break
    sleep 0.02
done
[[ "$(prop ActiveState)" == active ]] || fail "did not become active (states:$seen)"
[[ "$seen" == *" activating"*" active"* ]] || fail "expected activating before active, saw:$seen"
step "ActiveState went:$seen"
for _ in $(seq 100); do
    status_text="$(prop StatusText)"
    [[ "$status_text" == *"last poll"* ]] && break
    sleep 0.2
done
[[ "$status_text" =~ ^300/[0-9]+\ released\ ·\ 300\ archived\ ·\ last\ poll\ [0-9:]{8}\ ok\ ·\ 0\ pending$ ]] \
    || fail "StatusText does not reflect the poll: '$status_text'"
step "StatusText: $status_text"

w1="$(prop WatchdogTimestampMonotonic)"
sleep 2.5
w2="$(prop WatchdogTimestampMonotonic)"
[[ "$w1" =~ ^[0-9]+$ && "$w2" =~ ^[0-9]+$ && "$w2" -gt "$w1" ]] || fail "WatchdogTimestamp did not advance ($w1 → $w2)"
step "WatchdogTimestamp advanced by $(((w2 - w1) / 1000)) ms"

# Reload: same MainPID, the new interval takes effect (the poll time in StatusText moves).
pid1="$(prop MainPID)"
ns sed -i 's/interval: 1h/interval: 500ms/' /etc/cablewatch/cablewatch.yaml
ns systemctl reload cablewatch || fail "systemctl reload failed"
[[ "$(prop MainPID)" == "$pid1" ]] || fail "reload changed MainPID"
before="$status_text"
for _ in $(seq 50); do
    status_text="$(prop StatusText)"
    [[ "$status_text" == *"last poll"* && "$status_text" != "$before" ]] && break
    sleep 0.2
done
[[ "$status_text" != "$before" && "$status_text" == *"last poll"* ]] || fail "reload did not apply the new interval ('$status_text')"
[[ "$(prop ActiveState)" == active ]] || fail "not active after reload"
step "reload kept MainPID $pid1 and applied the new interval: $status_text"

# Stop: Result=success, exit 0.
ns systemctl stop cablewatch
[[ "$(prop Result)" == success ]] || fail "stop Result=$(prop Result)"
[[ "$(prop ExecMainStatus)" == 0 ]] || fail "exit status $(prop ExecMainStatus)"
step "stop: Result=success, exit status 0"

# kill -9: restarted by Restart=on-failure, and it resumes cleanly.
ns systemctl start cablewatch || fail "restart after stop failed"
pid2="$(prop MainPID)"
ns kill -9 "$pid2"
for _ in $(seq 100); do
    pid3="$(prop MainPID)"
    [[ "$pid3" != 0 && "$pid3" != "$pid2" && "$(prop ActiveState)" == active ]] && break
    sleep 0.1
done
[[ "$pid3" != 0 && "$pid3" != "$pid2" ]] || fail "no restart after kill -9 (MainPID $pid3)"
restarts="$(prop NRestarts)"
[[ "$restarts" -ge 1 ]] || fail "NRestarts=$restarts"
sleep 1.5
status_text="$(prop StatusText)"
[[ "$status_text" == *"300 archived"*" ok · "* || "$status_text" == *"300 archived"*" unchanged · "* ]] \
    || fail "after the restart the poll does not resume cleanly: '$status_text'"
ns systemctl stop cablewatch
verify_db="$(ns /usr/local/bin/cablewatch verify --config /etc/cablewatch/cablewatch.yaml 2>&1)" \
    || fail "cablewatch verify after kill -9 and restart: $verify_db"
step "kill -9 $pid2 → restarted as $pid3 (NRestarts $restarts), archive verifies"
[[ -n "${E2E_JOURNAL:-}" ]] && ns journalctl -u cablewatch --no-pager | tail -n "$E2E_JOURNAL"
echo "systemd-e2e: PASSED"
