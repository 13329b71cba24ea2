#!/usr/bin/env python3
"""A local webhook receiver for the benchmarks: answers every POST with 200 and logs it.

Usage: webhook-receiver.py PORT_FILE LOG_FILE SECRET
  Listens on a free 127.0.0.1 port (written to PORT_FILE once listening), HTTP/1.1 keep-alive. For every POST it
  verifies the Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature: v1,<base64
  HMAC-SHA256 of "id.timestamp.body"> under the whsec_ SECRET) and appends one line to LOG_FILE, flushed before
  the answer: "<CLOCK_REALTIME seconds> <webhook-id> <type> <events> <signature ok|BAD> <client port>", where
  events is 1, or the member count of a release.summary, and the client port tells connections apart.
"""
import base64, hashlib, hmac, http.server, json, os, sys, time

port_file, log_path, secret = sys.argv[1], sys.argv[2], sys.argv[3]
key = base64.b64decode(secret.removeprefix("whsec_"))
log = open(log_path, "a", buffering=1)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        received = time.time()
        wid, ts = self.headers.get("webhook-id", ""), self.headers.get("webhook-timestamp", "")
        expected = base64.b64encode(hmac.new(key, f"{wid}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
        signatures = [s.split(",", 1)[-1] for s in self.headers.get("webhook-signature", "").split()]
        ok = any(hmac.compare_digest(s, expected) for s in signatures)
        try:
            event = json.loads(body)
            kind = event.get("type", "?")
            count = event.get("data", {}).get("count", 1) if kind == "release.summary" else 1
        except ValueError:
            kind, count = "unparseable", 0
        log.write(f"{received:.6f} {wid} {kind} {count} {'ok' if ok else 'BAD'} {self.client_address[1]}\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


# Threads: the client may open a new connection while an idle keep-alive one is still held open.
http.server.ThreadingHTTPServer.daemon_threads = True
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
