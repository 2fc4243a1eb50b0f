"""robots.txt, fetched once per host through the crawl's own session and cached."""
from __future__ import annotations

from typing import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

# fetch(url) -> (status, text); status 0 when the request failed outright.
RobotsFetch = Callable[[str], "tuple[int, str]"]


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
    parts = urlsplit(url)
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
    return site_key(a) == site_key(b)


class Robots:
    """Answers "may this user agent fetch this URL?" per RFC 9309.

    A missing robots.txt (4xx) allows everything; 401/403 and a server error (5xx) or a
    network failure disallow the whole host, as the RFC asks of an unreachable file.
    """

    def __init__(self, fetch: RobotsFetch, user_agent: str):
        self._fetch = fetch
        self.user_agent = user_agent
        self._parsers: dict[str, RobotFileParser] = {}
        self._unreachable: set[str] = set()

    def parser(self, url: str) -> RobotFileParser:
        key = host_key(url)
        rp = self._parsers.get(key)
        if rp is None:
            rp = RobotFileParser(key + "/robots.txt")
            status, text = self._fetch(key + "/robots.txt")
            if status in (401, 403) or status == 0 or status >= 500:
                rp.disallow_all = True  # type: ignore[attr-defined]
                if status == 0:
                    self._unreachable.add(key)
            elif 200 <= status < 300:
                rp.parse(text.splitlines())
            else:
                rp.allow_all = True  # type: ignore[attr-defined]
            self._parsers[key] = rp
        return rp

    def allowed(self, url: str) -> bool:
        return self.parser(url).can_fetch(self.user_agent, url)

    def unreachable(self, url: str) -> bool:
        """Whether the host did not answer at all when asked for robots.txt."""
        self.parser(url)
        return host_key(url) in self._unreachable

    def crawl_delay(self, url: str) -> float | None:
        delay = self.parser(url).crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None
