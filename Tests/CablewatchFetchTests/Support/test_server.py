#!/usr/bin/env python3
"""HTTP test servers (each with a tiny SOCKS5 proxy) for CablewatchFetchTests. Standard library only.

One process hosts many independent instances, so parallel tests do not pay for many interpreter start-ups.
Prints "ready" on the first stdout line, then answers commands read from stdin, one line each, every reply
prefixed with the command's token:
  "<token> new"           -> "<token> <id> <http-port> <socks-port> <blackhole-port>" (127.0.0.1, ephemeral;
                             the blackhole accepts connections and never says a word)
  "<token> stats <id>"    -> "<token> <JSON of what instance <id> observed>"
  "<token> stop <id>"     -> "<token> stopped"
End of input stops the process.
"""
import email.utils
import gzip
import io
import json
import socket
import socketserver
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()
STARTED = time.monotonic()


def new_state():
    return {"connections": 0, "in_flight": 0, "max_in_flight": 0, "arrivals": [],
            "socks_connections": 0, "socks_targets": []}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.state = self.server.state
        with LOCK:
            self.state["connections"] += 1

    def log_message(self, *args):
        pass

    def send_body(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        received = self.rfile.read(length)
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/redirect":
            self.send_body(int(query.get("status", ["302"])[0]), b"", [("Location", query["to"][0])])
            return
        reply = {"body": received.decode("utf-8", "replace"), "headers": {k.lower(): v for k, v in self.headers.items()}}
        status = int(query.get("status", ["200"])[0])
        self.send_body(status, json.dumps(reply).encode() + b" " * int(query.get("pad", ["0"])[0]),
                       [("Content-Type", "application/json")])

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        path = url.path
        with LOCK:
            self.state["arrivals"].append([path, time.monotonic() - STARTED])
        if path == "/plain":
            self.send_body(200, b"hello cablewatch\n", [("Content-Type", "text/plain"),
                                                        ("Cache-Control", "public, max-age=300")])
        elif path == "/etag":
            etag, modified = '"v1"', "Sun, 28 Nov 2010 18:00:00 GMT"
            if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == modified:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
            else:
                self.send_body(200, b"versioned page", [("ETag", etag), ("Last-Modified", modified)])
        elif path == "/gzip":
            body = ("<p>Currently released so far... 1234 / 251,287</p>\n" * 200).encode()
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                self.send_body(200, gzip.compress(body), [("Content-Encoding", "gzip")])
            else:
                self.send_body(200, body)
        elif path == "/slow":
            with LOCK:
                self.state["in_flight"] += 1
                self.state["max_in_flight"] = max(self.state["max_in_flight"], self.state["in_flight"])
            time.sleep(int(query.get("ms", ["200"])[0]) / 1000)
            with LOCK:
                self.state["in_flight"] -= 1
            self.send_body(200, b"slow")
        elif path == "/big":
            self.send_body(200, b"x" * (2 * 1024 * 1024))
        elif path == "/big-stream":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"y" * 32768)
            self.close_connection = True
        elif path == "/status":
            status = int(query.get("code", ["503"])[0])
            headers = []
            if "retry_after" in query:
                headers.append(("Retry-After", query["retry_after"][0]))
            if "retry_after_in" in query:
                moment = time.time() + int(query["retry_after_in"][0])
                headers.append(("Retry-After", email.utils.formatdate(moment, usegmt=True)))
            self.send_body(status, b"status page", headers)
        elif path == "/redirect":
            hops = int(query.get("hops", ["0"])[0])
            target = query["to"][0] if "to" in query else "/plain"
            if hops > 1:
                target = "/redirect?hops=%d" % (hops - 1)
            self.send_body(int(query.get("status", ["302"])[0]), b"", [("Location", target)])
        elif path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"z" * 100)
            self.wfile.flush()
            self.close_connection = True
        elif path == "/reset":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n")
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            self.wfile.close()
            self.connection.close()
            self.wfile = io.BytesIO()  # the handler flushes after do_GET; give it somewhere harmless
            self.close_connection = True
        elif path == "/echo":
            reply = {k.lower(): v for k, v in self.headers.items()}
            self.send_body(200, json.dumps(reply).encode(), [("Content-Type", "application/json")])
        else:
            self.send_body(404, b"not found")


class Socks5Handler(socketserver.BaseRequestHandler):
    """CONNECT-only SOCKS5 without authentication; records the requested host as the client sent it."""

    def handle(self):
        client = self.request
        state = self.server.state
        with LOCK:
            state["socks_connections"] += 1
        version, count = recv_exact(client, 2)
        recv_exact(client, count)
        client.sendall(b"\x05\x00")
        _, command, _, address_type = recv_exact(client, 4)
        if address_type == 1:
            host = socket.inet_ntoa(recv_exact(client, 4))
        elif address_type == 3:
            host = recv_exact(client, recv_exact(client, 1)[0]).decode()
        else:
            client.sendall(b"\x05\x08\x00\x01" + b"\x00" * 6)
            return
        port = struct.unpack("!H", recv_exact(client, 2))[0]
        with LOCK:
            state["socks_targets"].append("%s:%d" % (host, port))
        try:
            upstream = socket.create_connection((host, port), timeout=5)
        except OSError:
            client.sendall(b"\x05\x05\x00\x01" + b"\x00" * 6)
            return
        client.sendall(b"\x05\x00\x00\x01" + b"\x00" * 6)
        relay(client, upstream)


def recv_exact(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("short read")
        data += chunk
    return data


def relay(client, upstream):
    def pump(source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    other = threading.Thread(target=pump, args=(upstream, client), daemon=True)
    other.start()
    pump(client, upstream)
    other.join()
    upstream.close()


class ThreadingSocksServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    instances = {}
    print("ready", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if len(parts) < 2:
            continue
        token, command, arguments = parts[0], parts[1], parts[2:]
        if command == "new":
            state = new_state()
            http_server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            http_server.daemon_threads = True
            socks_server = ThreadingSocksServer(("127.0.0.1", 0), Socks5Handler)
            for server in (http_server, socks_server):
                server.state = state
                threading.Thread(target=server.serve_forever, daemon=True).start()
            blackhole = socket.create_server(("127.0.0.1", 0))
            threading.Thread(target=swallow, args=(blackhole,), daemon=True).start()
            identifier = str(len(instances) + 1)
            instances[identifier] = (state, http_server, socks_server)
            reply = "%s %d %d %d" % (identifier, http_server.server_address[1], socks_server.server_address[1],
                                     blackhole.getsockname()[1])
        elif command == "stats" and arguments and arguments[0] in instances:
            with LOCK:
                reply = json.dumps(instances[arguments[0]][0])
        elif command == "stop" and arguments and arguments[0] in instances:
            _, http_server, socks_server = instances[arguments[0]]
            threading.Thread(target=stop, args=(http_server, socks_server), daemon=True).start()
            reply = "stopped"
        else:
            reply = "error unknown command"
        print(token, reply, flush=True)


def swallow(listener):
    held = []
    while True:
        connection, _ = listener.accept()
        held.append(connection)


def stop(*servers):
    for server in servers:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
