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


class Robots:
    """Answers "may this user agent fetch this URL?" per RFC 9309.

    A missing robots.txt (4xx) allows everything; 401/403 and a server error (5xx) or a
    network failure disallow the whole host, as the RFC asks of an unreachable file.
    """

    def __init__(self, fetch: RobotsFetch, user_agent: str):
        self._fetch = fetch
        self.user_agent = user_agent
        self._parsers: dict[str, RobotFileParser] = {}

    def parser(self, url: str) -> RobotFileParser:
        key = host_key(url)
        rp = self._parsers.get(key)
        if rp is None:
            rp = RobotFileParser(key + "/robots.txt")
            status, text = self._fetch(key + "/robots.txt")
            if status in (401, 403) or status == 0 or status >= 500:
                rp.disallow_all = True
            elif 200 <= status < 300:
                rp.parse(text.splitlines())
            else:
                rp.allow_all = True
            self._parsers[key] = rp
        return rp

    def allowed(self, url: str) -> bool:
        return self.parser(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        delay = self.parser(url).crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None
