#!/usr/bin/env bash
# End-to-end test of systemd/cablewatch.service under a real systemd (PID 1 in private namespaces), against a real
# cablegate-sim, installed by scripts/install.sh, with a webhook whose secret is a root-owned 0600 file handed over by
# LoadCredential= to a receiver that verifies every signature with the reference `standardwebhooks` package.
# Needs root, unshare/nsenter, /lib/systemd/systemd, the debug build (.build/debug/cablewatch, cablewatch-demo and
# cablegate-sim) and a python with standardwebhooks ($WEBHOOK_TEST_PYTHON or .venv, as scripts/test.sh
# makes). Exit 0 = PASSED, 1 = FAILED, 77 = SKIPPED (with the reason printed; never a pass).
#
# The host is not changed: /etc, /var and /usr/local are overlays inside the namespace, thrown away at the end.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/.build/debug/cablewatch"
sim="$root/.build/debug/cablegate-sim"

skip() { echo "systemd-e2e: SKIPPED: $*"; exit 77; }
fail() { echo "systemd-e2e: FAILED: $*"; dump; exit 1; }
step() { echo "systemd-e2e: $*"; }

[[ $(id -u) -eq 0 ]] || skip "needs root (unshare of pid/mount/cgroup namespaces and systemd as PID 1)"
[[ -x /lib/systemd/systemd ]] || skip "no /lib/systemd/systemd"
for tool in unshare nsenter systemctl systemd-analyze curl; do
    command -v "$tool" >/dev/null || skip "no $tool"
done
[[ -x "$bin" && -x "$bin-demo" && -x "$sim" ]] || skip "build first: no $bin, $bin-demo or $sim"
python="${WEBHOOK_TEST_PYTHON:-$root/.venv/bin/python3}"
"$python" -c "import standardwebhooks" 2>/dev/null \
    || skip "no python with standardwebhooks at $python (scripts/test.sh makes .venv, or set WEBHOOK_TEST_PYTHON)"
if ! probe=$(unshare --fork --kill-child --pid --mount --mount-proc --propagation private --cgroup true 2>&1); then
    skip "the machine refuses the namespaces: $probe"
fi

work="$(mktemp -d /tmp/cablewatch-e2e.XXXXXX)"
sim_pid=""
ns_pid=""
receiver_pid=""
cleanup() {
    [[ -n "$ns_pid" ]] && kill -9 "$ns_pid" 2>/dev/null
    [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null
    exec 3>&- 2>/dev/null
    [[ -n "$receiver_pid" ]] && kill "$receiver_pid" 2>/dev/null
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

# The webhook receiver, also on the shared loopback; it runs until its standard input (fd 3 here) closes. Its URL
# carries a token in path and query, which must not reach the journal or the archive.
secret="whsec_$(head -c 32 /dev/urandom | base64 -w0)"
(umask 077 && printf '%s\n' "$secret" > "$work/ops.secret")
token="E2ETOKEN$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkfifo "$work/receiver.in"
"$python" "$root/Tests/CablewatchServiceTests/Support/webhook_receiver.py" --record "$work/received.jsonl" \
    --secret "$secret" <"$work/receiver.in" >"$work/receiver.out" 2>&1 &
receiver_pid=$!
exec 3>"$work/receiver.in"
for _ in $(seq 100); do [[ -s "$work/receiver.out" ]] && break; sleep 0.1; done
receiver_port="$(head -1 "$work/receiver.out")"
[[ "$receiver_port" =~ ^[0-9]+$ ]] || fail "the webhook receiver did not start: $(cat "$work/receiver.out")"

# The private root: overlays over /etc, /var and /usr/local, a fresh /run; then systemd as PID 1.
mkdir -p "$work"/{etc,var,local}/{upper,work}
cat >"$work/boot.sh" <<BOOT
set -e
mount -t overlay overlay -o lowerdir=/etc,upperdir=$work/etc/upper,workdir=$work/etc/work /etc
mount -t overlay overlay -o lowerdir=/var,upperdir=$work/var/upper,workdir=$work/var/work /var
mount -t overlay overlay -o lowerdir=/usr/local,upperdir=$work/local/upper,workdir=$work/local/work /usr/local
# A fresh /run before installing: install.sh must not find (and reload) the host's systemd.
mount -t tmpfs tmpfs /run
rm -rf /var/lib/private/cablewatch /var/lib/cablewatch /var/log/private/cablewatch /var/log/cablewatch /etc/cablewatch
# The documented path: install.sh puts the binary, the example configuration, the unit and (kept here, since the
# receiver needs to know it) the webhook secret in place, root-owned.
install -D -m 0600 "$work/ops.secret" /etc/cablewatch/ops.secret
BINARY="$bin" "$root/scripts/install.sh" --no-build > "$work/install.out"
mkdir -p /etc/systemd/system/cablewatch.service.d
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
webhooks:
  - name: ops
    url: http://127.0.0.1:$receiver_port/e2e/$token?token=$token
    secretCredential: ops.secret
YAML
touch "$work/booted"
# A fresh /tmp last: the binary, the unit and this checkout may themselves live under /tmp.
mount -t tmpfs tmpfs /tmp
# Shared propagation, as the kernel-started systemd sets it up (it leaves it alone under \$container): LoadCredential=
# fills a mount made in a child namespace, which reaches the service only through it.
mount --make-rshared /
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
[[ -e "$work/booted" ]] || fail "the namespace's set-up (install.sh included) failed: $(tail -20 "$work/systemd.log")"
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
[[ "$status_text" =~ ^300/[0-9]+\ released\ ·\ 300\ archived\ ·\ last\ poll\ [0-9:]{8}\ ok\ ·\ [0-9]+\ pending\ ·\ leader$ ]] \
    || fail "StatusText does not reflect the poll: '$status_text'"
step "StatusText: $status_text"

# The webhook: its secret is root's alone, the DynamicUser service gets it through LoadCredential=, and the
# receiver verifies the signature of every alert.
[[ "$(ns stat -c '%U %a' /etc/cablewatch/ops.secret)" == "root 600" ]] \
    || fail "the secret is not a root-owned 0600 file: $(ns stat -c '%U %a' /etc/cablewatch/ops.secret)"
grep -q "kept the existing webhook secret" "$work/install.out" || fail "install.sh did not keep the secret: $(cat "$work/install.out")"
for _ in $(seq 100); do grep -q '"verified": true' "$work/received.jsonl" 2>/dev/null && break; sleep 0.1; done
verified="$(grep -c '"verified": true' "$work/received.jsonl" 2>/dev/null)"
rejected="$(grep -c '"verified": false' "$work/received.jsonl" 2>/dev/null)"
[[ "$verified" -ge 1 && "$rejected" -eq 0 ]] \
    || fail "alerts: $verified verified, $rejected rejected: $(head -c 2000 "$work/received.jsonl" 2>/dev/null)"
grep -q 'sync.baseline' "$work/received.jsonl" || fail "no sync.baseline alert: $(head -c 2000 "$work/received.jsonl")"
credential_mode="$(ns sh -c 'stat -c "%a" /run/credentials/cablewatch.service/ops.secret' 2>&1)"
step "webhook: $verified alerts verified by standardwebhooks, 0 rejected; secret root 0600, credential mode $credential_mode"
check="$(ns /usr/local/bin/cablewatch config check --config /etc/cablewatch/cablewatch.yaml 2>&1)" \
    || fail "config check as root: $check"
[[ "$check" == *"webhooks[0].secretCredential: ops.secret (/etc/cablewatch/ops.secret)"* \
    && "$check" == *"webhooks[0].url: http://127.0.0.1:$receiver_port/…"* ]] || fail "config check printed: $check"
step "config check as root reads the credential's file: ok"
demo_help="$(ns /usr/local/bin/cablewatch demo --help 2>&1)" || fail "cablewatch demo --help: $demo_help"
[[ "$demo_help" == *"--exit-after-last-build"* ]] || fail "cablewatch demo --help printed: $demo_help"
step "cablewatch demo finds the cablewatch-demo installed beside it"

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

# A new build: its alerts reach the receiver signed with the credential too.
curl -sf -X POST "$source_url/_sim/advance" >/dev/null || fail "cablegate-sim did not publish the next build"
for _ in $(seq 200); do grep -q 'release.progress' "$work/received.jsonl" && break; sleep 0.1; done
after="$(grep -c '"verified": true' "$work/received.jsonl")"
rejected="$(grep -c '"verified": false' "$work/received.jsonl")"
[[ "$after" -gt "$verified" && "$rejected" -eq 0 ]] && grep -q 'release.progress' "$work/received.jsonl" \
    || fail "the next build's alerts: $after verified, $rejected rejected: $(tail -c 2000 "$work/received.jsonl")"
step "next build: $((after - verified)) more alerts verified, release.progress among them, 0 rejected"

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
# The source published its next build above: whatever it lists now, the archive holds just that.
[[ "$status_text" =~ ^([0-9]+)/[0-9]+\ released\ ·\ ([0-9]+)\ archived\ ·\ last\ poll\ [0-9:]{8}\ (ok|unchanged)\ · ]] \
    && [[ "${BASH_REMATCH[1]}" == "${BASH_REMATCH[2]}" ]] \
    || fail "after the restart the poll does not resume cleanly: '$status_text'"
ns systemctl stop cablewatch
verify_db="$(ns /usr/local/bin/cablewatch verify --config /etc/cablewatch/cablewatch.yaml 2>&1)" \
    || fail "cablewatch verify after kill -9 and restart: $verify_db"
step "kill -9 $pid2 → restarted as $pid3 (NRestarts $restarts), archive verifies"

# No trace of the webhook's token anywhere the service writes; its files are 0640 or stricter.
archive_dir=/var/lib/private/cablewatch
modes="$(ns sh -c "stat -c '%a %n' $archive_dir/cablewatch.sqlite3* /var/log/private/cablewatch/events.jsonl")"
while read -r mode name; do
    (( (8#$mode & ~8#640) == 0 )) || fail "$name has mode $mode"
done <<<"$modes"
ns journalctl -u cablewatch --no-pager >"$work/journal.txt" 2>&1
ns sh -c "cat $archive_dir/cablewatch.sqlite3* /var/log/private/cablewatch/events.jsonl" >"$work/written.bin"
deliveries="$(ns /usr/local/bin/cablewatch deliveries --config /etc/cablewatch/cablewatch.yaml 2>&1)"
for place in journal.txt written.bin; do
    ! grep -aq "$token" "$work/$place" || fail "the webhook token is in $place"
done
[[ "$deliveries" != *"$token"* ]] || fail "the webhook token is in cablewatch deliveries"
step "the token is in neither the journal, the archive, the event log nor deliveries; files: $(echo $modes)"
[[ -n "${E2E_JOURNAL:-}" ]] && ns journalctl -u cablewatch --no-pager | tail -n "$E2E_JOURNAL"
echo "systemd-e2e: PASSED"
