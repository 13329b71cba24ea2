"""Serves a folder over HTTP on 127.0.0.1, as a static mirror of the real site would, and records every request.

Usage: static_mirror.py ROOT RECORD. Prints the port on stdout, then serves until stdin closes. Each request is
appended to RECORD as "STATUS PATH".
"""
import functools
import http.server
import sys
import threading


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_request(self, code="-", size="-"):
        with open(self.server.record, "a", encoding="utf-8") as record:
            record.write(f"{int(code)} {self.path}\n")

    def log_message(self, format, *args):
        pass


def main():
    root, record = sys.argv[1], sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
    server.record = record
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
