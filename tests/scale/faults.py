"""A loopback HTTP proxy in front of the S3 server that fails chosen requests the way object stores
do: 503 SlowDown with S3's error body, a connection closed part way through the body or before any
answer, or a key that is gone (404 NoSuchKey, as after someone deleted it). Reads (GET), uploads
(PUT) and listings (ListObjects) can each be failed. Everything else passes through unchanged, so
thresher talks real S3 over HTTP to it (no mocks)."""

from __future__ import annotations

import http.client
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

SLOW_DOWN = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code>'
             b"<Message>Please reduce your request rate.</Message><RequestId>0</RequestId></Error>")

#: What a fault does: ``slow_down`` answers 503 SlowDown; ``cut`` sends the headers and half the
#: body, then closes the connection; ``reset`` closes it without an answer; ``gone`` answers 404
#: NoSuchKey (the object was deleted).
KINDS = ("slow_down", "cut", "reset", "gone")
#: The faults that may pass if the request is sent again (a missing key never does).
TRANSIENT_KINDS = ("slow_down", "cut", "reset")
#: Requests a fault applies to: object reads, object uploads, bucket listings.
OPS = ("GET", "PUT", "LIST")

NO_SUCH_KEY = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>'
               b"<Message>The specified key does not exist.</Message><RequestId>0</RequestId></Error>")


@dataclass
class Fault:
    """Fail ``times`` requests of kind ``op`` whose path ends with ``key`` (``-1``: every one),
    after letting the first ``after`` through. A listing's path is its bucket's."""

    key: str
    kind: str
    times: int
    after: int = 0
    op: str = "GET"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; one of {KINDS}")
        if self.op not in OPS:
            raise ValueError(f"unknown request kind {self.op!r}; one of {OPS}")


@dataclass
class FaultyProxy:
    """``with FaultyProxy(upstream) as proxy:``; ``proxy.url`` is the endpoint to give s3fs."""

    upstream: str
    faults: list[Fault] = field(default_factory=list)
    gets: Counter = field(default_factory=Counter)  # requests seen per faulted key, failed or not
    failed: Counter = field(default_factory=Counter)  # requests failed per faulted key

    def __enter__(self) -> "FaultyProxy":
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def fail(self, key: str, kind: str, times: int = -1, after: int = 0, op: str = "GET") -> None:
        with self._lock:
            self.faults.append(Fault(key, kind, times, after, op))

    def _fault_for(self, method: str, path: str) -> str | None:
        parts = urlsplit(path)
        plain = parts.path.rstrip("/")
        op = "LIST" if method == "GET" and "list-type=" in parts.query else method
        with self._lock:
            for f in self.faults:
                if f.op == op and plain.endswith("/" + f.key.strip("/")):
                    self.gets[f.key] += 1
                    if self.gets[f.key] > f.after and (f.times < 0 or self.failed[f.key] < f.times):
                        self.failed[f.key] += 1
                        return f.kind
        return None


def _handler(proxy: FaultyProxy) -> type[BaseHTTPRequestHandler]:
    up = urlsplit(proxy.upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet: one line per request otherwise
            pass

        def _body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                out = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if not size:
                        self.rfile.readline()
                        return out
                    out += self.rfile.read(size)
                    self.rfile.readline()
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(n) if n else b""

        def _forward(self) -> None:
            body = self._body()
            kind = proxy._fault_for(self.command, self.path)
            if kind == "slow_down":
                self._send(503, {"Content-Type": "application/xml"}, SLOW_DOWN)
                return
            if kind == "gone":
                self._send(404, {"Content-Type": "application/xml"}, NO_SUCH_KEY)
                return
            if kind == "reset":
                self.close_connection = True
                return
            conn = http.client.HTTPConnection(up.hostname, up.port, timeout=30)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("transfer-encoding", "content-length")}
                if body or self.command in ("PUT", "POST"):
                    headers["Content-Length"] = str(len(body))
                conn.request(self.command, self.path, body=body or None, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                out = {k: v for k, v in resp.getheaders() if k.lower() not in ("transfer-encoding", "content-length", "connection")}
            finally:
                conn.close()
            if kind == "cut" and len(data) > 1:
                # the headers promise the whole body; half of it comes, then the connection closes
                self.send_response(resp.status)
                for k, v in out.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self._send(resp.status, out, data, head=self.command == "HEAD", length=resp.getheader("Content-Length"))

        def _send(self, status: int, headers: dict, data: bytes, head: bool = False, length: str | None = None) -> None:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", length if head and length is not None else str(len(data)))
            self.end_headers()
            if not head:
                self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward

    return Handler
