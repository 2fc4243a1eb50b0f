"""robots.txt, fetched once per host through the crawl's own session and cached.

Rules are read by protego, which implements RFC 9309 as the big crawlers do: `*` and `$`
in paths, the longest matching rule wins, Allow beats Disallow on a tie. The stdlib
parser knows none of this.
"""
from __future__ import annotations

import logging
import math
import threading
from typing import Callable
from urllib.parse import urlsplit

from protego import Protego

log = logging.getLogger("perfparse.scrape.robots")

# fetch(url) -> (status, text); status 0 when the request failed outright.
RobotsFetch = Callable[[str], "tuple[int, str]"]

# RFC 9309 §2.5: a parser must read at least the first 500 KiB; rules beyond may be ignored.
ROBOTS_MAX_BYTES = 500 * 1024
# A Crawl-delay above this is read as this (Apache Nutch refuses sites above 30 s): a
# portal's 1,000 pages still take at most about eight hours, and 86400 does not stall a run.
MAX_CRAWL_DELAY = 30.0


def host_key(url: str) -> str:
    """scheme://host[:port] of a URL: the unit robots.txt and politeness apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


_DEFAULT_PORTS = {"http": 80, "https": 443}


def site_key(url: str) -> tuple[str, int | None]:
    """A URL's host for scope checks: scheme, default ports and a leading www. ignored.

    >>> site_key("http://WWW.qx.gov.cn/a") == site_key("https://qx.gov.cn:443/b")
    True
    >>> site_key("http://127.0.0.1:8001/") == site_key("http://127.0.0.1:8002/")
    False
    """
    try:
        parts = urlsplit(url)
    except ValueError:  # http://[::1 — a malformed URL is no site at all
        return "", None
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    try:
        port = parts.port
    except ValueError:
        port = None
    if port == _DEFAULT_PORTS.get(parts.scheme.lower()):
        port = None
    return host, port


def host_id(url: str) -> str:
    """One server's name for politeness and scheduling: host[:port], as in site_key()."""
    host, port = site_key(url)
    return host if port is None else f"{host}:{port}"


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on the same portal host (http/https and www. alike)."""
    key = site_key(a)
    return bool(key[0]) and key == site_key(b)


def crawl_delay_value(raw: float | None, cap: float = MAX_CRAWL_DELAY) -> float | None:
    """A Crawl-delay as seconds to honour: None unless a finite number >= 0, at most `cap`.

    >>> crawl_delay_value(5.0), crawl_delay_value(86400.0), crawl_delay_value(float("inf"))
    (5.0, 30.0, None)
    """
    if raw is None:
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(value) or value < 0:
        return None
    return min(value, cap)


class _Rules:
    """A parsed robots.txt, or one of the two blanket answers."""

    def __init__(self, parser: Protego | None = None, allow_all: bool = False):
        self.parser = parser
        self.allow_all = allow_all

    def allowed(self, url: str, agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        try:
            return bool(self.parser.can_fetch(url, agent))
        except ValueError:
            return False  # a URL protego cannot split is not one to fetch

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        try:
            return self.parser.crawl_delay(agent)
        except (ValueError, OverflowError):
            return None


class Robots:
    """Answers "may this user agent fetch this URL?" per RFC 9309.

    A missing robots.txt (4xx) allows everything; 401/403 and a server error (5xx) or a
    network failure disallow the whole host, as the RFC asks of an unreachable file.
    Safe to share between threads: each host's file is fetched once.
    """

    def __init__(self, fetch: RobotsFetch, user_agent: str,
                 max_crawl_delay: float = MAX_CRAWL_DELAY):
        self._fetch = fetch
        self.user_agent = user_agent
        self.max_crawl_delay = max_crawl_delay
        self._rules: dict[str, _Rules] = {}
        self._unreachable: set[str] = set()
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _lock(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def parser(self, url: str) -> _Rules:
        key = host_key(url)
        rules = self._rules.get(key)
        if rules is not None:
            return rules
        with self._lock(key):
            rules = self._rules.get(key)
            if rules is None:
                rules = self._load(key)
                self._rules[key] = rules
        return rules

    def _load(self, key: str) -> _Rules:
        status, text = self._fetch(key + "/robots.txt")
        if status in (401, 403) or status == 0 or status >= 500:
            if status == 0:
                self._unreachable.add(key)
            return _Rules(allow_all=False)
        if 200 <= status < 300:
            try:
                return _Rules(Protego.parse(text))
            except Exception as exc:  # noqa: BLE001
                # A parser bug must not stop the crawl; an unreadable file is unavailable.
                log.warning("%s/robots.txt could not be parsed (%s): treated as absent",
                            key, exc)
        return _Rules(allow_all=True)

    def allowed(self, url: str) -> bool:
        return self.parser(url).allowed(url, self.user_agent)

    def unreachable(self, url: str) -> bool:
        """Whether the host did not answer at all when asked for robots.txt."""
        self.parser(url)
        return host_key(url) in self._unreachable

    def crawl_delay(self, url: str) -> float | None:
        raw = self.parser(url).crawl_delay(self.user_agent)
        value = crawl_delay_value(raw, self.max_crawl_delay)
        if raw is not None and value is not None and value < raw:
            log.warning("%s: Crawl-delay %s s capped at %s s", host_key(url), raw, value)
        return value
