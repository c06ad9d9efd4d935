"""A tiny HTTP proxy in front of the test server, one per desk, to cut that desk's network on demand.

Modes: "up" forwards; "down" drops every connection unanswered (the desk is offline); "lose_reply"
forwards the next push to the server, lets it commit, and drops the answer (then goes back to up).
The desk keeps one address (its cursor is saved under it) whatever the mode.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"}


class Proxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.mode = "up"
        self.lost_replies = 0
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                mode = proxy.take_mode(self.command, self.path)
                if mode == "down":
                    self.close_connection = True
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP | {"host"}}
                upstream = requests.request(self.command, proxy.upstream + self.path, data=body, headers=headers,
                                            timeout=60, allow_redirects=False)
                if mode == "lose_reply":
                    self.close_connection = True  # the server committed; the desk never hears it
                    return
                payload = upstream.content
                self.send_response(upstream.status_code)
                for k, v in upstream.headers.items():
                    if k.lower() not in HOP:
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_HEAD = _relay

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="test-proxy", daemon=True,
                                        kwargs={"poll_interval": 0.05})  # close() waits for one poll
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def take_mode(self, method: str, path: str) -> str:
        with self._lock:
            if self.mode == "lose_reply":
                if method == "POST" and path.startswith("/v1/sync/push"):
                    self.mode = "up"
                    self.lost_replies += 1
                    return "lose_reply"
                return "up"
            return self.mode

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
