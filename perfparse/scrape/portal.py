"""A static portal server for the demo and the tests: serves a folder on 127.0.0.1 with the
habits of real county portals switched on per path by the folder's `_portal.json`:

    charset     {path prefix: label}  charset sent in Content-Type (longest prefix wins;
                                      "" sends none; the label may lie about the bytes)
    flaky       {path: n}             the first n requests answer 503
    rate_limit  {path: seconds}       the first request answers 429 with Retry-After
    challenge   [path, …]             answers 412 with a cookie-setting script (anti-bot)
    slow        {path: seconds}       waits before answering
    redirect    {path: target}        answers 302 to target (loops are allowed)
    big         {path: bytes}         streams that many bytes with no Content-Length
    conditional true|false            whether ETag/If-Modified-Since give 304 (default true)

It may also name where a crawl of the portal starts: `start` (a path), `county`,
`province` (used by `perfparse demo` and the batch tests).

`…download…?id=N` (or wbfileid=N) serves the file `download/N.*`; `page?q` serves
`page@q.ext` when that file exists. Every answer supports ETag and
Last-Modified (304 on a matching conditional GET). Per-path counters (`requests`,
`bodies`) let tests assert that a page was not downloaded again.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import mimetypes
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

BEHAVIOURS = ("charset", "flaky", "rate_limit", "challenge", "slow", "redirect", "big",
              "conditional")
CHALLENGE = (b"<html><head><script>var x='__jsl_clearance_s=1700000000.1|0|abc';"
             b"document.cookie=x+';max-age=3600;path=/';location.href=location.pathname+"
             b"location.search;</script></head><body></body></html>")


class Portal:
    """Serve `root` on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, root: str | Path, host: str = "127.0.0.1", port: int = 0,
                 **behaviour: Any):
        self.root = Path(root).resolve()
        config: dict[str, Any] = {}
        spec = self.root / "_portal.json"
        if spec.exists():
            config.update(json.loads(spec.read_text(encoding="utf-8")))
        for key, value in behaviour.items():
            if key not in BEHAVIOURS:
                raise ValueError(f"unknown portal behaviour {key!r}")
            if isinstance(value, dict) and isinstance(config.get(key), dict):
                config[key] = {**config[key], **value}
            else:
                config[key] = value
        self.config = config
        self.requests: Counter[str] = Counter()
        self.bodies: Counter[str] = Counter()
        self.log: list[tuple[float, str, str]] = []   # (time, path, user agent)
        self._lock = threading.Lock()
        self._host = host
        self._server = ThreadingHTTPServer((host, port), _handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        return f"http://{self._host}:{self._server.server_address[1]}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    @property
    def start_url(self) -> str:
        """Where a crawl of this portal begins (`start` in _portal.json, else `/`)."""
        return self.url(self.config.get("start", "/"))

    @property
    def county(self) -> str | None:
        return self.config.get("county")

    @property
    def province(self) -> str | None:
        return self.config.get("province")

    def start(self) -> "Portal":
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "Portal":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset(self) -> None:
        """Zero the counters (flaky paths start failing again)."""
        with self._lock:
            self.requests.clear()
            self.bodies.clear()
            self.log.clear()

    def _count(self, key: str, agent: str) -> int:
        with self._lock:
            self.requests[key] += 1
            self.log.append((time.monotonic(), key, agent))
            return self.requests[key]

    def _body(self, key: str) -> None:
        with self._lock:
            self.bodies[key] += 1


def _handler(portal: Portal) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "DemoPortal/1.0"
        # Headers and body go out in separate writes; without TCP_NODELAY each keep-alive
        # answer waits ~40 ms on Nagle's algorithm and the client's delayed ACK.
        disable_nagle_algorithm = True

        def log_message(self, *args: Any) -> None:
            pass

        def handle(self) -> None:
            try:
                super().handle()
            except (ConnectionError, TimeoutError):
                pass  # the client gave up (timeouts, size caps): nothing to report

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            key = path + ("?" + parts.query if parts.query else "")
            n = portal._count(key, self.headers.get("User-Agent", ""))
            cfg = portal.config
            if path in cfg.get("slow", {}):
                time.sleep(float(cfg["slow"][path]))
            if path in cfg.get("challenge", []):
                return self._send(412, CHALLENGE, "text/html; charset=utf-8",
                                  {"Set-Cookie": "__jsluid_s=deadbeef; path=/"})
            if n <= int(cfg.get("flaky", {}).get(path, 0)):
                return self._send(503, b"busy", "text/plain")
            if n == 1 and path in cfg.get("rate_limit", {}):
                return self._send(429, b"slow down", "text/plain",
                                  {"Retry-After": str(cfg["rate_limit"][path])})
            if path in cfg.get("redirect", {}):
                return self._send(302, b"", "text/plain",
                                  {"Location": cfg["redirect"][path]})
            if path in cfg.get("big", {}):
                return self._stream_big(int(cfg["big"][path]), key)
            file = self._file(path, parts.query)
            if file is None:
                return self._send(404, b"not found", "text/plain")
            data = file.read_bytes()
            etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
            mtime = int(file.stat().st_mtime)
            modified = email.utils.formatdate(mtime, usegmt=True)
            if cfg.get("conditional", True) and self._not_modified(etag, mtime):
                return self._send(304, b"", None, {"ETag": etag, "Last-Modified": modified})
            headers = {"ETag": etag, "Last-Modified": modified}
            if "download" in path:
                headers["Content-Disposition"] = f'attachment; filename="{file.name}"'
            portal._body(key)
            self._send(200, data, self._type(file, path), headers)

        def _not_modified(self, etag: str, mtime: int) -> bool:
            inm = self.headers.get("If-None-Match")
            if inm is not None:
                return etag in [t.strip() for t in inm.split(",")]
            ims = self.headers.get("If-Modified-Since")
            if ims:
                try:
                    return mtime <= email.utils.parsedate_to_datetime(ims).timestamp()
                except (TypeError, ValueError):
                    return False
            return False

        def _file(self, path: str, query: str) -> Path | None:
            root = portal.root
            if path.rstrip("/").endswith("download") or path.endswith("download.jsp"):
                params = parse_qs(query)
                ids = params.get("id") or params.get("wbfileid") or params.get("fileid") or [""]
                ident = "".join(ch for ch in ids[0] if ch.isalnum())
                matches = sorted((root / "download").glob(ident + ".*")) if ident else []
                return matches[0] if matches else None
            target = (root / path.lstrip("/")).resolve()
            if root not in target.parents and target != root:
                return None
            if target.is_dir():
                for name in ("index.html", "index.htm"):
                    if (target / name).is_file():
                        return target / name
                return None
            if target.name.startswith("_"):
                return None
            if query:
                # A page that differs by query string is stored as name@query.ext.
                variant = target.with_name(f"{target.stem}@{query}{target.suffix}")
                if variant.is_file():
                    return variant
            return target if target.is_file() else None

        def _type(self, file: Path, path: str) -> str:
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if kind != "text/html":
                return kind
            label = None
            best = -1
            for prefix, value in portal.config.get("charset", {}).items():
                if path.startswith(prefix) and len(prefix) > best:
                    label, best = value, len(prefix)
            return f"text/html; charset={label}" if label else "text/html"

        def _stream_big(self, size: int, key: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            sent = 0
            try:
                while sent < size:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (ConnectionError, TimeoutError):
                pass
            self.close_connection = True

        def _send(self, status: int, body: bytes, ctype: str | None,
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                try:
                    self.wfile.write(body)
                except (ConnectionError, TimeoutError):
                    pass

    return Handler


def generate_portal(root: str | Path, articles: int, per_page: int = 20,
                    paragraphs: int = 3) -> str:
    """Write a synthetic TRS-style portal of `articles` articles; returns its start path.

    For tests and benchmarks that need many pages: listing pages with a createPageHTML
    pager, each article a short report with consistent change/growth sentences.
    """
    root = Path(root)
    col = root / "xxgk" / "czyjs"
    col.mkdir(parents=True, exist_ok=True)
    pages = max(1, -(-articles // per_page))
    for p in range(pages):
        items = []
        for k in range(p * per_page, min(articles, (p + 1) * per_page)):
            items.append(f'<li><a href="./202305/t20230512_{1000000 + k}.html">'
                         f"示例县第{k}号单位2022年度部门决算公开说明</a></li>")
        name = "index.html" if p == 0 else f"index_{p}.html"
        (col / name).write_text(
            "<html><head><meta charset=\"utf-8\"><title>财政预决算</title></head><body><ul>"
            + "".join(items) + f'</ul><script>createPageHTML({pages}, {p}, "index", "html");'
            "</script></body></html>", encoding="utf-8")
    art = col / "202305"
    art.mkdir(exist_ok=True)
    for k in range(articles):
        prev = 1000 + k
        change = 10 + k % 90
        rate = f"{change / prev * 100:.2f}"
        body = "".join(
            f"<p>第{j + 1}部分：本年收入合计{prev + change}.00万元，比上年增加{change}.00万元，"
            f"增长{rate}%。</p>" for j in range(paragraphs))
        (art / f"t20230512_{1000000 + k}.html").write_text(
            f"<html><head><meta charset=\"utf-8\"><title>单位{k}决算</title></head><body>"
            f"<h1>示例县第{k}号单位2022年度部门决算公开说明</h1>"
            f"<table><tr><td>发布机构：</td><td>示例县第{k}号单位</td><td>发布日期：</td>"
            f"<td>2023-05-12</td></tr></table>"
            f'<div class="TRS_Editor">{body}</div></body></html>', encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return "/xxgk/czyjs/index.html"


class PortalFarm:
    """Many small generated portals, one per port on 127.0.0.1, served by one event loop.

    For tests and benchmarks of many hosts at once: a ThreadingHTTPServer per portal
    would cost a thread per port. Portal n has a robots.txt, a listing at
    `/xxgk/czyjs/index.html` and `articles` articles (pages of `per_page` links, the
    createPageHTML pager). `log` holds (time, port, path) for every request, in order.
    """

    def __init__(self, portals: int, articles: int = 3, per_page: int = 20,
                 host: str = "127.0.0.1"):
        self.host = host
        self.count = portals
        self.articles = articles
        self.per_page = per_page
        self.log: list[tuple[float, int, str]] = []
        self.ports: list[int] = []
        self._loop: Any = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._servers: list[Any] = []
        self._index: dict[int, int] = {}
        self._error: BaseException | None = None

    start_path = "/xxgk/czyjs/index.html"

    def url(self, index: int, path: str | None = None) -> str:
        return f"http://{self.host}:{self.ports[index]}{path or self.start_path}"

    def __enter__(self) -> "PortalFarm":
        self._thread = threading.Thread(target=self._run, name="portal farm", daemon=True)
        self._thread.start()
        self._ready.wait(60)
        if self._error is not None:
            raise self._error
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def requests_by_port(self) -> dict[int, list[tuple[float, str]]]:
        out: dict[int, list[tuple[float, str]]] = {}
        for when, port, path in list(self.log):
            out.setdefault(port, []).append((when, path))
        return out

    # -- serving ----------------------------------------------------------------------
    def _run(self) -> None:
        import asyncio
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            for _ in range(self.count):
                server = loop.run_until_complete(asyncio.start_server(
                    self._client, self.host, 0, backlog=64))
                self._servers.append(server)
                self.ports.append(server.sockets[0].getsockname()[1])
            self._index = {port: n for n, port in enumerate(self.ports)}
        except BaseException as exc:  # noqa: BLE001 - reported by __enter__
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            for server in self._servers:
                server.close()
            loop.close()

    async def _client(self, reader: Any, writer: Any) -> None:
        port = writer.get_extra_info("sockname")[1]
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
                path = line[1] if len(line) > 1 else "/"
                self.log.append((time.monotonic(), port, path))
                status, body, ctype = self._answer(port, path)
                writer.write((f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n"
                              f"Content-Length: {len(body)}\r\n\r\n").encode() + body)
                await writer.drain()
        except Exception:  # noqa: BLE001 - the client closed or sent nonsense
            pass
        finally:
            writer.close()

    def _answer(self, port: int, path: str) -> tuple[str, bytes, str]:
        index = self._index.get(port, 0)
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return "200 OK", b"User-agent: *\nAllow: /\n", "text/plain"
        col = "/xxgk/czyjs/"
        if path.startswith(col + "index") and path.endswith(".html"):
            stem = path[len(col):-len(".html")]
            page = int(stem.split("_")[1]) if "_" in stem else 0
            pages = max(1, -(-self.articles // self.per_page))
            first = page * self.per_page
            items = "".join(
                f'<li><a href="./202305/t20230512_{1000000 + k}.html">示例{index}县第{k}号单位'
                f"2022年度部门决算公开说明</a></li>"
                for k in range(first, min(self.articles, first + self.per_page)))
            return "200 OK", (
                "<html><head><meta charset=\"utf-8\"><title>财政预决算</title></head><body>"
                f"<ul>{items}</ul><script>createPageHTML({pages}, {page}, \"index\", "
                "\"html\");</script></body></html>").encode("utf-8"), html
        prefix = col + "202305/t20230512_"
        if path.startswith(prefix) and path.endswith(".html"):
            k = int(path[len(prefix):-len(".html")]) - 1000000
            if 0 <= k < self.articles:
                prev, change = 1000 + k, 10 + k % 90
                return "200 OK", (
                    f"<html><head><meta charset=\"utf-8\"><title>单位{k}决算</title></head>"
                    f"<body><h1>示例{index}县第{k}号单位2022年度部门决算公开说明</h1>"
                    f"<div class=\"TRS_Editor\"><p>本年收入合计{prev + change}.00万元，"
                    f"比上年增加{change}.00万元，增长{change / prev * 100:.2f}%。</p></div>"
                    "</body></html>").encode("utf-8"), html
        return "404 Not Found", b"not found", "text/plain"
