"""A hostile HTTP server on 127.0.0.1 for the tests: raw bytes, written by hand per path.

    with Hostile({"/slow": trickle_head()}) as server:
        fetch(server.url("/slow"))

Each path maps to a behaviour: a function that gets the connected socket (the request
already read) and writes whatever it likes, as slowly as it likes. Connections are closed
after each answer. `server.log` has (time, path) per request, `server.sent[path]` the
bytes written, so a test can tell how much of a 50 MB answer was read.
"""
from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from typing import Callable

Behaviour = Callable[["Hostile", socket.socket, str], None]


class Hostile:
    def __init__(self, paths: dict[str, Behaviour] | None = None):
        self.paths: dict[str, Behaviour] = dict(paths or {})
        self.log: list[tuple[float, str]] = []
        self.sent: Counter[str] = Counter()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str) -> int:
        with self._lock:
            return sum(1 for _, p in self.log if p == path)

    def __enter__(self) -> "Hostile":
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
            target = data.split(b"\r\n", 1)[0].split(b" ")[1].decode("latin-1")
            with self._lock:
                self.log.append((time.monotonic(), target))
            path = target if target in self.paths else target.split("?", 1)[0]
            behaviour = self.paths.get(path, not_found)
            behaviour(self, conn, target)
        except (OSError, IndexError):
            pass  # the client went away: that is what most of these answers provoke
        finally:
            conn.close()

    def write(self, conn: socket.socket, path: str, data: bytes) -> None:
        conn.sendall(data)
        with self._lock:
            self.sent[path] += len(data)


# -- behaviours -------------------------------------------------------------------------

def answer(status: str = "200 OK", body: bytes | str = b"", headers: dict | None = None,
           raw_headers: bytes = b"", ctype: str = "text/html; charset=utf-8") -> Behaviour:
    """An ordinary answer; `raw_headers` are written as given (for illegal ones)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nConnection: close\r\n"
    for k, v in (headers or {}).items():
        head += f"{k}: {v}\r\n"
    if b"content-length" not in raw_headers.lower():
        head += f"Content-Length: {len(data)}\r\n"

    def run(server: Hostile, conn: socket.socket, path: str) -> None:
        server.write(conn, path, head.encode("latin-1") + raw_headers + b"\r\n" + data)
    return run


def not_found(server: Hostile, conn: socket.socket, path: str) -> None:
    answer("404 Not Found", "no")(server, conn, path)


def sequence(*behaviours: Behaviour) -> Behaviour:
    """The n-th request gets the n-th behaviour (the last one after that)."""
    count: Counter[str] = Counter()

    def run(server: Hostile, conn: socket.socket, path: str) -> None:
        count[path] += 1
        behaviours[min(count[path], len(behaviours)) - 1](server, conn, path)
    return run


def trickle_head(every: float = 0.5) -> Behaviour:
    """A status line, then header bytes one at a time, for ever."""
    def run(server: Hostile, conn: socket.socket, path: str) -> None:
        server.write(conn, path, b"HTTP/1.1 200 OK\r\n")
        while True:
            server.write(conn, path, b"X")
            time.sleep(every)
    return run


def trickle_body(every: float = 0.5, declared: int | None = 100_000) -> Behaviour:
    """Complete headers, then the body one byte at a time, for ever."""
    def run(server: Hostile, conn: socket.socket, path: str) -> None:
        length = f"Content-Length: {declared}\r\n" if declared else ""
        server.write(conn, path, ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                  f"{length}Connection: close\r\n\r\n<p>").encode())
        while True:
            time.sleep(every)
            server.write(conn, path, "收".encode()[:1])
    return run


def huge(head: bytes, filler: bytes, total: int, ctype: str = "text/plain") -> Behaviour:
    """`head`, then `filler` repeated up to `total` bytes, with a Content-Length."""
    def run(server: Hostile, conn: socket.socket, path: str) -> None:
        server.write(conn, path, (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n"
                                  f"Content-Length: {total}\r\nConnection: close\r\n\r\n"
                                  ).encode() + head)
        sent = len(head)
        block = filler * max(1, 65536 // len(filler))
        while sent < total:
            part = block[:total - sent]
            server.write(conn, path, part)
            sent += len(part)
    return run


def raw(data: bytes) -> Behaviour:
    """Exactly these bytes, then close."""
    def run(server: Hostile, conn: socket.socket, path: str) -> None:
        server.write(conn, path, data)
    return run


def article(n: int, extra: str = "") -> str:
    """A small article page of our own making, with one consistent change sentence."""
    prev, change = 1000 + n, 10 + n
    return (f"<html><head><meta charset='utf-8'><title>单位{n}决算</title></head><body>"
            f"<h1>示例县第{n}号单位2022年度部门决算公开说明</h1>"
            f"<div class='TRS_Editor'><p>本年收入合计{prev + change}.00万元，比上年增加"
            f"{change}.00万元。</p>{extra}</div></body></html>")


def listing(links: list[tuple[str, str]], extra: str = "") -> str:
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return (f"<html><head><meta charset='utf-8'><title>财政预决算</title></head><body><ul>"
            f"{items}</ul>{extra}</body></html>")
