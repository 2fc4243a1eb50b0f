"""Links on a page and what they lead to: article, attachment, listing page, or nothing."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from .profiles import GENERIC, Profile
from .vocab import (ARTICLE_URLS, ATTACHMENT_EXTENSIONS, ATTACHMENT_URL, MOBILE_URL,
                    SKIP_EXTENSIONS)

_SCRIPT_FILE = re.compile(
    r"""["']([^"'\s<>]{1,300}?(?:\.(?:pdf|docx?|xlsx?|wps|et|zip|rar|ofd)"""
    r"""|download[^"'\s<>]{0,200}?\?[^"'\s<>]{0,200}))["']""", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A listing link whose text is this many Han characters looks like an article title.
TITLE_HAN = 6


@dataclass(frozen=True)
class Link:
    url: str
    text: str = ""


def canonical(url: str) -> str:
    """A URL without its fragment, with a lower-cased scheme and host.

    >>> canonical("HTTP://Example.GOV.cn/a/b.html#top")
    'http://example.gov.cn/a/b.html'
    """
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def absolute(base: str, href: str) -> str | None:
    """The canonical absolute http(s) URL an href points to, or None if it is malformed.

    >>> absolute("http://a.cn/x/", "../b.html"), absolute("http://a.cn/", "http://[::1/x")
    ('http://a.cn/b.html', None)
    """
    try:
        url = canonical(urljoin(base, href))
        parts = urlsplit(url)
        parts.port  # noqa: B018 — raises ValueError on a port like :99999 or :x
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


def page_links(soup: BeautifulSoup, base: str) -> list[Link]:
    """Every http(s) <a href> on the page, absolute and canonical, in document order;
    hrefs that are not URLs at all (`http://[::1/x`) are skipped."""
    out = []
    for a in soup.find_all("a", href=True):
        href = str(a["href"]).strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        url = absolute(base, href)
        if url is not None:
            out.append(Link(url, " ".join(a.get_text(" ").split())))
    return out


def script_files(soup: BeautifulSoup, base: str) -> list[Link]:
    """Attachment URLs written only inside <script> strings."""
    out = []
    for script in soup.find_all("script"):
        for m in _SCRIPT_FILE.finditer(script.get_text()):
            url = absolute(base, m.group(1))
            if url is not None:
                out.append(Link(url))
    return out


def is_attachment(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith(ATTACHMENT_EXTENSIONS) or bool(ATTACHMENT_URL.search(url))


def is_article(url: str, profile: Profile = GENERIC) -> bool:
    if profile.article_url is not None and profile.article_url.search(url):
        return True
    path = urlsplit(url).path
    return any(pattern.search(path) for _, pattern in ARTICLE_URLS)


def is_skipped(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith(SKIP_EXTENSIONS) or bool(MOBILE_URL.search(path))


def looks_like_title(text: str) -> bool:
    return len(_HAN.findall(text)) >= TITLE_HAN


def dedupe(links: list[Link]) -> list[Link]:
    seen: set[str] = set()
    out = []
    for link in links:
        if link.url not in seen:
            seen.add(link.url)
            out.append(link)
    return out
