#!/usr/bin/env python3
"""A webhook receiver for cablewatch's delivery tests and benchmark.

Every POST is verified with the reference `standardwebhooks` package and recorded as one JSON line
(path, query, headers, body, verified, answered status, receive time) in the --record file.
Behaviour is chosen per request by the query string of the webhook URL:
  fail503=N             answer 503 to the first N requests on this path
  status=CODE           always answer CODE (e.g. 410, 301)
  status429=N&retryAfter=S   answer 429 with Retry-After: S to the first N requests on this path
  sleep=S&sleepAt=K     the K-th request on this path (1-based, default 1) sleeps S seconds before answering
A bad signature is answered 401. Prints the port on stdout, then exits when stdin closes.
With --single-threaded it serves one connection at a time and keeps each open between requests (HTTP/1.1
keep-alive) until the client closes it, as small single-threaded receivers do.
"""
import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

try:
    from standardwebhooks.webhooks import Webhook
except ImportError as error:  # fail loudly: the tests must not run without the reference verifier
    print(f"webhook_receiver: the standardwebhooks package is missing: {error}", file=sys.stderr)
    sys.exit(3)

parser = argparse.ArgumentParser()
parser.add_argument("--record", required=True)
parser.add_argument("--secret", required=True)
parser.add_argument("--quiet-body", action="store_true", help="record only the first 200 bytes of each body")
parser.add_argument("--single-threaded", action="store_true", help="serve one connection at a time")
args = parser.parse_args()

verifier = Webhook(args.secret)
lock = threading.Lock()
counts = {}
record = open(args.record, "a", encoding="utf-8", buffering=1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes; no 40 ms delayed-ACK stalls

    def log_message(self, *_):
        pass

    def do_POST(self):
        received = time.time()
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        length = int(self.headers.get("content-length", "0"))
        body = self.rfile.read(length)
        headers = {key.lower(): value for key, value in self.headers.items()}
        with lock:
            counts[parts.path] = counts.get(parts.path, 0) + 1
            number = counts[parts.path]
        try:
            verifier.verify(body, headers)
            verified, error = True, None
        except Exception as failure:  # noqa: BLE001 - any verification failure is recorded
            verified, error = False, f"{type(failure).__name__}: {failure}"

        status, extra = 200, {}
        if not verified:
            status = 401
        elif "status" in query:
            status = int(query["status"])
            if 300 <= status < 400:
                extra["Location"] = "http://127.0.0.1:9/elsewhere"
        elif number <= int(query.get("fail503", "0")):
            status = 503
        elif number <= int(query.get("status429", "0")):
            status = 429
            extra["Retry-After"] = query.get("retryAfter", "1")
        text = body.decode("utf-8", "replace")
        entry = {
            "path": parts.path, "query": parts.query, "number": number, "headers": headers,
            "body": text[:200] if args.quiet_body else text, "verified": verified, "error": error,
            "status": status, "received": received,
        }
        with lock:
            record.write(json.dumps(entry) + "\n")
        if "sleep" in query and number == int(query.get("sleepAt", "1")):
            time.sleep(float(query["sleep"]))
        reply = json.dumps({"ok": status == 200, "number": number}).encode()
        try:
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
        except (BrokenPipeError, ConnectionResetError):
            pass


if args.single_threaded:
    server = HTTPServer(("127.0.0.1", 0), Handler)
else:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
server.shutdown()
