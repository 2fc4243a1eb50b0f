"""Listing pages: which links are articles, attachments or sub-listings, and the other pages
of the same listing (TRS createPageHTML/countPage scripts, 下一页/尾页 links, ?page=N).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from .links import (Link, absolute, canonical, dedupe, is_article, is_attachment, is_skipped,
                    looks_like_title, page_links, script_files)
from .profiles import GENERIC, Profile
from .vocab import LAST_TEXTS, NEXT_TEXTS, PAGE_COUNT_TEXT, PAGE_PARAMS

# A pager script can claim any count; beyond this we stop generating pages.
MAX_PAGES = 1000
# A page number is ASCII digits, few of them: `²` passes str.isdigit and fails int().
_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")

# createPageHTML(count, current, "index", "html"): arguments may be literals or variables.
_CREATE_PAGE = re.compile(
    r"""createPageHTML\(\s*(\w+)\s*,\s*\w+\s*,\s*(["'][\w.-]+["']|\w+)\s*,\s*(["']\w+["']|\w+)""")
_COUNT_PAGE = re.compile(r"""\bcountPage\s*=\s*["']?([0-9]{1,5})""")
_PREFIX = re.compile(r"""\b(?:prefix|fileName|pageName)\s*=\s*["']([\w.-]+)["']""")
_SUFFIX = re.compile(r"""\b(?:suffix|fileExt|extName)\s*=\s*["'](\w+)["']""")


@dataclass
class ListingScan:
    """What a listing page links to."""
    articles: list[Link] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)      # other pages of this listing
    listings: list[Link] = field(default_factory=list)  # other listing-like pages
    attachments: list[Link] = field(default_factory=list)


def script_pages(html: str, url: str) -> list[str]:
    """Pages named by a TRS pager script, page 0 (`index.html`) included.

    >>> script_pages('createPageHTML(3, 0, "index", "html");', "http://a.cn/x/index.html")
    ['http://a.cn/x/index.html', 'http://a.cn/x/index_1.html', 'http://a.cn/x/index_2.html']
    """
    m = _CREATE_PAGE.search(html)
    cm = _COUNT_PAGE.search(html)
    pm, sm = _PREFIX.search(html), _SUFFIX.search(html)
    if m and _PAGE_NUMBER.fullmatch(m.group(1)):
        count = int(m.group(1))
    elif cm:
        count = int(cm.group(1))
    else:
        return []
    base = pm.group(1) if pm else "index"
    ext = sm.group(1) if sm else "html"
    if m and m.group(2)[0] in "\"'":
        base = m.group(2).strip("\"'")
    if m and m.group(3)[0] in "\"'":
        ext = m.group(3).strip("\"'")
    count = min(count, MAX_PAGES)
    names = [f"{base}.{ext}"] + [f"{base}_{i}.{ext}" for i in range(1, count)]
    return [canonical(urljoin(url, name)) for name in names]


def _page_param(url: str) -> tuple[str, int] | None:
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if key.lower() in PAGE_PARAMS and _PAGE_NUMBER.fullmatch(value):
            return key, int(value)
    return None


def _with_param(url: str, key: str, value: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != key]
    query.append((key, str(value)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _strip_param(url: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    parts = urlsplit(url)
    rest = tuple(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                        if k.lower() not in PAGE_PARAMS))
    return parts.netloc, parts.path, rest


def pager_links(soup: BeautifulSoup, links: list[Link], url: str) -> list[str]:
    """Other pages of this listing named by pager links: 下一页/尾页 and ?page=N forms."""
    out = [link.url for link in links
           if link.text.strip().lower() in NEXT_TEXTS + LAST_TEXTS and link.url != url]
    # ?page=N: every link to the same path differing only in a page parameter; the highest
    # number seen (尾页 or 共N页) fills the gaps the pager does not print.
    here = _strip_param(url)
    numbered: list[tuple[str, tuple[str, int]]] = []
    for link in links:
        param = _page_param(link.url)
        if param is not None and _strip_param(link.url) == here:
            numbered.append((link.url, param))
    if numbered:
        key = numbered[0][1][0]
        values = [p[1] for _, p in numbered if p[0] == key]
        top = max(values)
        m = PAGE_COUNT_TEXT.search(soup.get_text(" "))
        if m:
            top = max(top, int(m.group(1)))
        low = min(values + [1])
        base = numbered[0][0]
        out += [_with_param(base, key, n) for n in range(low, min(top, low + MAX_PAGES) + 1)]
    return [u for u in dict.fromkeys(out) if u != url]


def scan_listing(html: str, url: str, profile: Profile = GENERIC) -> ListingScan:
    """Classify a listing page's links."""
    url = canonical(url)
    soup = BeautifulSoup(html, "lxml")
    links = page_links(soup, url)
    if profile.listing_links:
        chosen = {absolute(url, str(a["href"]).strip())
                  for a in soup.select(profile.listing_links) if a.get("href")}
    else:
        chosen = None
    pages = list(dict.fromkeys(script_pages(html, url) + pager_links(soup, links, url)))
    pages = [p for p in pages if p != url]
    paged = set(pages)
    scan = ListingScan(pages=pages)
    others: list[Link] = []
    for link in links:
        if link.url == url or link.url in paged or is_skipped(link.url):
            continue
        if is_attachment(link.url):
            scan.attachments.append(link)
        elif is_article(link.url, profile) and (chosen is None or link.url in chosen):
            scan.articles.append(link)
        else:
            others.append(link)
    scan.attachments += [link for link in script_files(soup, url)]
    if not scan.articles:
        # No known URL family and no profile: title-like link texts mark the articles.
        pool = [link for link in others if chosen is None or link.url in chosen]
        scan.articles = [link for link in pool if looks_like_title(link.text)]
    picked = {link.url for link in scan.articles}
    scan.listings = [link for link in others if link.url not in picked]
    scan.articles = dedupe(scan.articles)
    scan.attachments = dedupe(scan.attachments)
    scan.listings = dedupe(scan.listings)
    return scan


def directory(url: str) -> str:
    """The folder part of a URL's path, ending in '/'.

    >>> directory("http://a.cn/xxgk/czyjs/index_1.html"), directory("http://a.cn/x/")
    ('/xxgk/czyjs/', '/x/')
    """
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else posixpath.dirname(path).rstrip("/") + "/"
