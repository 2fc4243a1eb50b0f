"""Article pages: continuation pages of a split article, attachment links, and the joined
Document of all its pages (read by perfparse.readers.html).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Sequence
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from ..records import Attachment, Document, Table
from .links import dedupe, is_attachment, page_links, script_files
from .listing import script_pages
from .profiles import Profile, default_profiles, profile_for
from .vocab import ARTICLE_PART, NEXT_TEXTS

# An article split over more pages than this is a trap, not an article.
MAX_PARTS = 50


def same_article(first: str, other: str) -> bool:
    """Whether `other` is a later page (`…_1.html`, `…-2.html`) of the article at `first`.

    >>> same_article("http://a.cn/x/t20230512_12345.html", "http://a.cn/x/t20230512_12345_1.html")
    True
    >>> same_article("http://a.cn/x/content_12.html", "http://a.cn/x/content_13.html")
    False
    """
    a, b = urlsplit(first), urlsplit(other)
    if a.netloc != b.netloc:
        return False
    m = ARTICLE_PART.match(b.path)
    if m is None or len(m.group("n")) > 3:
        return False
    dot = a.path.rfind(".")
    stem = a.path[:dot] if dot > a.path.rfind("/") else a.path
    return m.group("stem") == stem


@dataclass
class ArticleScan:
    """What an article page links to: its further pages and its attachments."""
    continuations: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)


def scan_article(html: str, url: str, first: str | None = None) -> ArticleScan:
    """Further pages of the article (pager script or 下一页 link) and attachment links
    (<a href> by extension or download endpoint, and <script> strings), from one parse.
    """
    first = first or url
    soup = BeautifulSoup(html, "lxml")
    links = page_links(soup, url)
    found = [u for u in script_pages(html, url) if u != url]
    found += [link.url for link in links if link.text.strip().lower() in NEXT_TEXTS]
    pages = [u for u in dict.fromkeys(found) if u != first and same_article(first, u)]
    files = [link for link in links if is_attachment(link.url)] + script_files(soup, url)
    return ArticleScan(pages, [Attachment(link.url, link.text) for link in dedupe(files)])


def continuation_pages(html: str, url: str, first: str | None = None) -> list[str]:
    """Further pages of the article, as named on this page."""
    return scan_article(html, url, first).continuations


def attachment_links(html: str, url: str) -> list[Attachment]:
    """Links to attached files named on this page."""
    return scan_article(html, url).attachments


def _shift_table(table: Table, by: int) -> Table:
    rows = tuple(tuple(replace(c, start=c.start + by, end=c.end + by) for c in row)
                 for row in table.rows)
    return replace(table, start=table.start + by, end=table.end + by, rows=rows)


def join_documents(docs: Sequence[Document], source: str = "") -> Document:
    """The pages of one article as one Document: texts in order, tables re-offset, the first
    page's metadata completed by later pages', attachments of every page.
    """
    if not docs:
        raise ValueError("nothing to join")
    if len(docs) == 1 and not source:
        return docs[0]
    text_parts: list[str] = []
    tables: list[Table] = []
    meta: dict[str, str] = {}
    attachments: dict[str, Attachment] = {}
    offset = 0
    for doc in docs:
        if text_parts and text_parts[-1] and not text_parts[-1].endswith("\n"):
            text_parts.append("\n")
            offset += 1
        tables += [_shift_table(t, offset) for t in doc.tables]
        text_parts.append(doc.text)
        offset += len(doc.text)
        for key, value in doc.meta.items():
            if key == "images" and key in meta:
                meta[key] = " ".join(dict.fromkeys((meta[key] + " " + value).split()))
            meta.setdefault(key, value)
        for a in doc.attachments:
            attachments.setdefault(a.url, a)
    if any(doc.text.strip() for doc in docs):
        # One page of pictures among pages of text: the article has text.
        meta.pop("no_text", None)
    source = source or docs[0].source
    if source and "url" in meta:
        meta["url"] = source
    return Document("".join(text_parts), meta, tuple(tables), tuple(attachments.values()),
                    source)


def read_article(pages: Sequence[tuple[str, str]],
                 attachments: Sequence[Sequence[Attachment]] | None = None,
                 profiles: tuple[Profile, ...] | None = None) -> Document:
    """[(html, url), …] of one article's pages, in order → one Document.

    `attachments`, one list per page, saves scanning the pages again when the caller
    already has them from scan_article(). `profiles` (default: the shipped ones) may name a
    portal's article container as a hint for the reader.
    """
    from ..readers.html import read_html
    docs = []
    known = default_profiles() if profiles is None else profiles
    for n, (html, url) in enumerate(pages):
        doc = read_html(html, url, profile_for(url, known).body)
        found = attachments[n] if attachments is not None else attachment_links(html, url)
        extra = [a for a in found if all(a.url != b.url for b in doc.attachments)]
        if extra:
            doc = replace(doc, attachments=doc.attachments + tuple(extra))
        docs.append(doc)
    return join_documents(docs, pages[0][1])
