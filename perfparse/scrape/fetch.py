"""Polite HTTP: one session, honest User-Agent, robots.txt, per-host delay, retries with
backoff, a size cap and a wall-clock deadline per response, and redirects followed by hand
so loops, malformed targets and off-site hops are caught.
"""
from __future__ import annotations

import email.utils
import http.client
import logging
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping
from urllib.parse import unquote, urljoin, urlsplit

import requests

from ..errors import Blocked, FetchError, RobotsDisallowed, TooLarge
from .deadline import Deadline, deadline, mount
from .politeness import Politeness
from .robots import MAX_CRAWL_DELAY, ROBOTS_MAX_BYTES, Robots, host_id, same_site

log = logging.getLogger("perfparse.scrape.fetch")

if TYPE_CHECKING:
    from ..records import Document


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version
        try:
            return version("perfparse")
        except PackageNotFoundError:
            pass
    except ImportError:  # pragma: no cover
        pass
    import perfparse
    return getattr(perfparse, "__version__", "0.1.0")


USER_AGENT = f"perfparse/{_version()} (+https://pypi.org/project/perfparse/)"

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Anti-bot gateways answer with these and a script that sets a cookie.
BLOCK_STATUSES = frozenset({412, 521})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
MAX_BYTES = 50 * 1024 * 1024
# Seconds one request may take from the first byte sent to the last byte read (--timeout).
TIMEOUT = 30.0
# Connecting is one operation; it needs no longer than this even under a long deadline.
CONNECT_TIMEOUT = 10.0
ROBOTS_REDIRECTS = 5
_FILENAME = re.compile(r"""filename\*?\s*=\s*(?:UTF-8'')?["']?([^"';]+)""", re.I)


@dataclass(frozen=True)
class Page:
    """One HTTP answer: final URL, status, lower-cased headers and the body bytes."""
    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""
    requested: str = ""

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def filename(self) -> str:
        """The attachment's name from Content-Disposition, else the URL's last segment."""
        m = _FILENAME.search(self.headers.get("content-disposition", ""))
        if m:
            raw = m.group(1).strip()
            try:
                # Many portals send the UTF-8 name's bytes as latin-1 in the header.
                raw = raw.encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
            return unquote(raw)
        return unquote(urlsplit(self.url).path.rsplit("/", 1)[-1])


_COOKIE_SCRIPT = re.compile(rb"document\.cookie\s*=", re.I)
_RELOAD = re.compile(rb"location(?:\.href|\.replace|\.reload|\s*=)", re.I)
_HAN_UTF8 = re.compile(rb"[\xe4-\xe9][\x80-\xbf]{2}")
# A challenge page is a few kilobytes of script; a real page this small has some Chinese text.
CHALLENGE_MAX_BYTES = 16 * 1024


def is_challenge(data: bytes) -> bool:
    """Whether a 200 answer is an anti-bot page: a small script that sets a cookie and
    reloads, with next to no text.

    >>> is_challenge(b"<script>document.cookie='a=1';location.reload()</script>")
    True
    >>> is_challenge("<p>本年收入合计3180.46万元</p>".encode())
    False
    """
    if len(data) > CHALLENGE_MAX_BYTES or not _COOKIE_SCRIPT.search(data):
        return False
    if not _RELOAD.search(data):
        return False
    # Chinese text in either encoding: UTF-8 three-byte sequences, or GBK high bytes.
    return len(_HAN_UTF8.findall(data)) < 10 and sum(b > 0x80 for b in data) < 30


_DIGITS = re.compile(r"[0-9]{1,18}")


def _ascii_int(value: str | None) -> int | None:
    """A header's whole number, or None: `²` and `٣` are digits to str.isdigit, not to HTTP."""
    value = (value or "").strip()
    return int(value) if _DIGITS.fullmatch(value) else None


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date).

    >>> retry_after("3"), retry_after(None), retry_after("soon"), retry_after("²")
    (3.0, None, None, None)
    """
    if not value:
        return None
    value = value.strip()
    seconds = _ascii_int(value)
    if seconds is not None:
        return float(seconds)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    try:
        stamp = when.timestamp()
    except (OverflowError, OSError, ValueError):
        return None
    return max(0.0, stamp - (time.time() if now is None else now))


def _refused(exc: BaseException) -> bool:
    """Whether a requests error comes from a refused connection (nothing listens there)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, ConnectionRefusedError):
            return True
        todo += [e.__cause__, e.__context__, getattr(e, "reason", None)]
        todo += [a for a in getattr(e, "args", ()) if isinstance(a, BaseException)]
    return False


def _is_default_agent(agent: str | bytes | None) -> bool:
    return not agent or str(agent).startswith("python-requests")


def _timeouts(timeout: float | tuple[float, float]) -> tuple[tuple[float, float], float]:
    """(connect, read) for requests and the wall-clock deadline of one request.

    A number is the deadline, and bounds each socket operation too; a (connect, read) pair
    keeps its per-operation meaning, with their sum as the deadline.
    """
    if isinstance(timeout, tuple):
        connect, read = (float(t) for t in timeout)
        return (connect, read), connect + read
    total = float(timeout)
    return (min(CONNECT_TIMEOUT, total), total), total


def _redirect_target(current: str, location: str) -> str | None:
    """The absolute http(s) URL a Location header points to, or None if it is malformed."""
    try:
        target = urljoin(current, location.strip()).split("#")[0]
        parts = urlsplit(target)
        parts.port  # noqa: B018 — raises ValueError on a port like :99999 or :x
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return target


class Fetcher:
    """Fetches URLs politely through one requests.Session.

    `timeout` is a wall-clock deadline per request in seconds, headers and body included;
    `retries` is the number of extra attempts after the first; the n-th retry waits
    `backoff * 2**n` seconds (at most `max_backoff`), or longer if Retry-After asks.
    robots.txt is followed through redirects on its own site only, unless `allow_offsite`.
    """

    def __init__(self, session: requests.Session | None = None, *, delay: float = 1.0,
                 user_agent: str = USER_AGENT, timeout: float | tuple[float, float] = TIMEOUT,
                 retries: int = 3, backoff: float = 1.0, max_backoff: float = 60.0,
                 max_bytes: int = MAX_BYTES, max_redirects: int = 10,
                 obey_robots: bool = True, politeness: Politeness | None = None,
                 sleep: Callable[[float], None] = time.sleep, allow_offsite: bool = False,
                 max_crawl_delay: float = MAX_CRAWL_DELAY):
        self.session = session if session is not None else requests.Session()
        mount(self.session)
        agent = self.session.headers.get("User-Agent")
        self.user_agent = user_agent if _is_default_agent(agent) else str(agent)
        self.timeout = timeout
        self._per_op, self.deadline = _timeouts(timeout)
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allow_offsite = allow_offsite
        self.politeness = politeness if politeness is not None else Politeness(delay, sleep=sleep)
        self._sleep = sleep
        self.robots = (Robots(self._fetch_robots, self.user_agent, max_crawl_delay)
                       if obey_robots else None)

    # -- public -----------------------------------------------------------------------
    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url` (fetches robots.txt once per host)."""
        if self.robots is None:
            return True
        ok = self.robots.allowed(url)
        delay = self.robots.crawl_delay(url)
        if delay is not None:
            self.politeness.set_host_delay(host_id(url), delay)
        return ok

    def close(self) -> None:
        """Close the session's connections (the Fetcher stays usable and reconnects)."""
        self.session.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              same_host: bool = False, max_bytes: int | None = None) -> Page:
        """GET `url`; a 304 comes back as a Page with `not_modified` and no content.

        Raises RobotsDisallowed, Blocked (412/521), TooLarge, or FetchError (status ≥ 400
        after retries, network failure, deadline passed, redirect loop, malformed redirect,
        off-site redirect when `same_host`).
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        current = url
        for _ in range(self.max_redirects + 1):
            if not self.allowed(current):
                if self.robots is not None and self.robots.unreachable(current):
                    # Not a refusal: the host is down or unreachable. Say so, as a failure.
                    raise FetchError(current, "host unreachable (could not fetch robots.txt)")
                raise RobotsDisallowed(current, "robots.txt disallows this URL")
            page = self._get(current, headers, max_bytes or self.max_bytes)
            if page.status not in REDIRECT_STATUSES or "location" not in page.headers:
                return Page(page.url, page.status, page.headers, page.content, url)
            target = _redirect_target(current, page.headers["location"])
            if target is None:
                raise FetchError(url, "redirect to a malformed or non-http URL "
                                 f"{page.headers['location'][:200]!r}", page.status)
            if target in seen:
                raise FetchError(url, f"redirect loop at {target}", page.status)
            if same_host and not same_site(target, url):
                raise FetchError(url, f"redirects off the site to {target}", page.status)
            seen.add(target)
            current = target
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    # -- internals --------------------------------------------------------------------
    def _fetch_robots(self, url: str) -> tuple[int, str]:
        """(status, text) of robots.txt: its first ROBOTS_MAX_BYTES, redirects followed
        by hand (RFC 9309 asks for five) and only on its own site unless allow_offsite."""
        current = url
        for _ in range(ROBOTS_REDIRECTS + 1):
            try:
                page = self._get(current, {}, ROBOTS_MAX_BYTES, truncate=True)
            except FetchError as exc:
                if getattr(exc, "refused", False):
                    raise  # the host, not its robots.txt, is the problem: say so
                return exc.status, ""
            if page.status not in REDIRECT_STATUSES:
                return page.status, _robots_text(page)
            target = _redirect_target(current, page.headers.get("location", ""))
            if target is None or not (self.allow_offsite or same_site(target, url)):
                # RFC 9309 §2.3.1.2 lets a crawler treat a file it does not follow as
                # unavailable (as a 404): the host is crawled, its robots.txt unread.
                log.info("%s redirects to %r, not followed: robots.txt treated as absent",
                         url, page.headers.get("location", "")[:200])
                return 404, ""
            current = target
        return 404, ""

    def _wait(self, attempt: int, asked: float | None) -> None:
        wait = min(self.backoff * (2 ** attempt), self.max_backoff)
        if asked is not None:
            wait = max(wait, min(asked, self.max_backoff))
        if wait > 0:
            self._sleep(wait)

    def _get(self, url: str, headers: Mapping[str, str], cap: int,
             truncate: bool = False) -> Page:
        """One URL with retries; returns any status < 400 (and redirects), raises otherwise."""
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                page = self._once(url, headers, cap, truncate)
            except (requests.Timeout, requests.ConnectionError) as exc:
                if _refused(exc):
                    # Nothing listens there: retrying only makes the user wait for the same answer.
                    refused = FetchError(url, f"cannot connect to {urlsplit(url).netloc} "
                                              "(connection refused)")
                    refused.refused = True  # type: ignore[attr-defined]
                    raise refused from None
                if last:
                    kind = ("timed out" if isinstance(exc, requests.Timeout)
                            else "connection failed")
                    raise FetchError(url, f"{kind} after {attempt + 1} attempts"
                                     f"{_detail(exc)}") from None
                self._wait(attempt, None)
                continue
            except requests.TooManyRedirects:
                raise FetchError(url, "redirect loop") from None
            except requests.RequestException as exc:
                raise FetchError(url, f"request failed: {type(exc).__name__}") from None
            if page.status in BLOCK_STATUSES:
                raise Blocked(url, f"anti-bot challenge (HTTP {page.status})", page.status)
            if page.status < 300 and is_challenge(page.content):
                raise Blocked(url, f"anti-bot challenge script (HTTP {page.status})",
                              page.status)
            if page.status in RETRY_STATUSES and not last:
                self._wait(attempt, retry_after(page.headers.get("retry-after")))
                continue
            if page.status >= 400:
                raise FetchError(url, f"HTTP {page.status}", page.status)
            return page
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: Mapping[str, str], cap: int, truncate: bool) -> Page:
        all_headers = {"User-Agent": self.user_agent, **headers}
        with self.politeness.slot(host_id(url)), deadline(self.deadline) as dl:
            try:
                page = self._read(url, all_headers, cap, truncate, dl)
            except TooLarge:
                raise
            except _BadLocation as exc:
                location, status = exc.args
                raise FetchError(url, "redirect to a malformed or non-http URL "
                                 f"{location[:200]!r}", status) from None
            except (requests.RequestException, ValueError, OSError,
                    http.client.HTTPException) as exc:
                if dl.expired:
                    raise requests.Timeout(f"{url}: no complete answer within "
                                           f"{self.deadline:g} s") from None
                if isinstance(exc, requests.RequestException):
                    raise
                # A Location requests cannot parse, a header http.client refuses …: the
                # server's answer is unusable, which is a failure of this page.
                raise FetchError(url, f"unreadable answer: {type(exc).__name__}: "
                                 f"{str(exc)[:200]}") from None
            if dl.expired:
                # The watchdog cut the connection and the body ended early without an error.
                raise requests.Timeout(f"{url}: no complete answer within {self.deadline:g} s")
        return page

    def _read(self, url: str, headers: Mapping[str, str], cap: int, truncate: bool,
              dl: Deadline) -> Page:
        resp = self.session.get(url, headers=headers, timeout=self._per_op, stream=True,
                                allow_redirects=False, hooks={"response": _check_location})
        try:
            lowered = {k.lower(): v for k, v in resp.headers.items()}
            declared = _ascii_int(lowered.get("content-length"))
            if declared is not None and declared > cap and not truncate:
                raise TooLarge(url, f"{declared} bytes is over the {cap}-byte cap",
                               resp.status_code)
            chunks, size = [], 0
            for chunk in resp.iter_content(CHUNK):
                if size + len(chunk) > cap:
                    if truncate:
                        chunks.append(chunk[:cap - size])
                        break
                    raise TooLarge(url, f"response is over the {cap}-byte cap",
                                   resp.status_code)
                size += len(chunk)
                chunks.append(chunk)
                if dl.remaining() < 0:
                    raise requests.Timeout(f"{url}: body still arriving after "
                                           f"{self.deadline:g} s")
        finally:
            resp.close()
        return Page(resp.url, resp.status_code, lowered, b"".join(chunks), url)


class _BadLocation(Exception):
    """A redirect whose Location is no http(s) URL, caught before requests parses it."""


def _check_location(resp: requests.Response, *args: object, **kwargs: object) -> None:
    # A response hook runs before requests works out the next URL of a redirect, which
    # raises a bare ValueError on `Location: http://[::1`; say what it is instead.
    if resp.status_code in REDIRECT_STATUSES and "location" in resp.headers:
        location = resp.headers["location"]
        if _redirect_target(resp.url, location) is None:
            resp.close()
            raise _BadLocation(location, resp.status_code)


def _detail(exc: BaseException) -> str:
    text = str(exc)
    return f" ({text[:200]})" if "within" in text else ""


def _robots_text(page: Page) -> str:
    text = page.content.decode("utf-8", errors="replace")
    if len(page.content) >= ROBOTS_MAX_BYTES and "\n" in text:
        # Cut at the byte limit: the last line may be half a rule, so it is dropped.
        text = text[:text.rindex("\n") + 1]
    return text


def fetch_document(url: str, session: requests.Session | None = None, *, delay: float = 1.0,
                   timeout: float | tuple[float, float] = TIMEOUT,
                   allow_offsite: bool = False) -> "Document":
    """Fetch one page or file politely and read it: an article's split pages are joined,
    an attachment goes to the reader its content calls for. A redirect to another host
    (robots.txt's included) is refused unless `allow_offsite`.
    """
    from ..readers import read_bytes, sniff
    from .article import MAX_PARTS, continuation_pages, read_article
    from ..readers.encoding import decode_html
    own = session is None
    fetcher = Fetcher(session, delay=delay, timeout=timeout, allow_offsite=allow_offsite)
    try:
        page = fetcher.fetch(url, same_host=not allow_offsite)
        ctype = (page.content_type or "").lower()
        if "html" not in ctype and sniff(page.content) != ".html":
            return read_bytes(page.content, page.filename, page.content_type, source=url)
        html, _ = decode_html(page.content, page.content_type)
        parts = [(html, page.url)]
        pending = continuation_pages(html, page.url)
        visited = {url, page.url}
        while pending and len(parts) < MAX_PARTS:
            nxt = pending.pop(0)
            if nxt in visited:
                continue
            visited.add(nxt)
            part = fetcher.fetch(nxt, same_host=True)
            part_html, _ = decode_html(part.content, part.content_type)
            parts.append((part_html, part.url))
            pending += [u for u in continuation_pages(part_html, part.url, page.url)
                        if u not in visited]
        return read_article(parts)
    finally:
        if own:
            fetcher.session.close()
