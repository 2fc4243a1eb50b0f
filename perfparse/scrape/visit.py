"""What one frontier entry yields: fetch it, read it, and say what the store must record.

`visit(item, fetcher, settings)` runs wherever the crawl's hosts are served — a thread of
the crawling process, a pool worker, a Dask worker — and touches no store. It returns an
`Outcome`: the page rows, the document row, the report rows (when checking), the links
found and the frontier state, all plain picklable data that one writer stores together.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, ContextManager, Mapping
from urllib.parse import urlsplit

from ..errors import Blocked, FetchError, InputError, PerfparseError, RobotsDisallowed
from ..records import Document
from ..store import content_hash, document_from_row, document_row, report_rows
from .article import MAX_PARTS, read_article, scan_article
from .fetch import Fetcher, Page
from .links import canonical, is_article, is_attachment
from .listing import directory, scan_listing
from .profiles import Profile, profile_for
from .robots import host_id, same_site

log = logging.getLogger("perfparse.scrape.visit")

# Sub-listings (other columns below the start page) are followed this many levels deep;
# pagination of a listing does not count as a level.
MAX_DEPTH = 2
# Pages are smaller than attachments; a page over this is not a report page.
PAGE_MAX_BYTES = 10 * 1024 * 1024
# Metadata an attachment inherits from the article that links it.
INHERITED_META = ("publisher", "published", "index_no", "doc_no", "topic", "category", "year",
                  "county", "province")


@dataclass(frozen=True)
class Item:
    """One queued frontier row, with what the store knows of its URL from earlier runs."""
    url: str
    kind: str
    host: str
    depth: int = 0
    start_url: str | None = None
    county: str | None = None
    province: str | None = None
    parent_url: str | None = None
    name: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    prev_hash: str | None = None
    stored: bool = False
    parent_meta: str | None = None
    rowid: int = 0

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "Item":
        """From a Store.queued_after() row."""
        return cls(row["url"], row["kind"], row["host"], row["depth"], row["start_url"],
                   row["county"], row["province"], row["parent_url"], row["name"],
                   row.get("etag"), row.get("last_modified"), row.get("prev_hash"),
                   bool(row.get("stored")), row.get("parent_meta"), row.get("rowid", 0))


@dataclass(frozen=True)
class Settings:
    """How pages are read: scope, depth, site profiles, and whether to check documents."""
    allow_offsite: bool = False
    max_depth: int = MAX_DEPTH
    profiles: tuple[Profile, ...] = ()
    check: bool = False


@dataclass
class Outcome:
    """What visiting one item gave, for the writer.

    `result` is one of stored, unchanged, listed (a listing read), failed, blocked,
    disallowed; `state` the frontier state it leaves (done, failed, blocked).
    """
    item: Item
    result: str = "listed"
    state: str = "done"
    error: str | None = None
    status: int = 0
    seen: int = 0
    network: bool = False       # failed on the network (timeout, refused): counts per host
    pages: list[dict[str, Any]] = field(default_factory=list)
    links: list[tuple[str, str, int, str | None]] = field(default_factory=list)
    document: dict[str, Any] | None = None
    report: dict[str, list[tuple]] | None = None
    report_error: str | None = None

    @property
    def url(self) -> str:
        return self.item.url


class _Visit:
    """One item's visit: the fetches it makes and what they found."""

    def __init__(self, item: Item, fetcher: Fetcher, settings: Settings,
                 big: ContextManager[Any] | None):
        self.item = item
        self.fetcher = fetcher
        self.settings = settings
        self.big = big if big is not None else nullcontext()
        self.out = Outcome(item)

    def run(self) -> Outcome:
        item, out = self.item, self.out
        try:
            if item.kind == "attachment":
                self._attachment()
            elif item.kind == "article":
                self._article()
            else:
                self._listing()
        except RobotsDisallowed as exc:
            self._fail("failed", "disallowed", str(exc), exc.status)
        except Blocked as exc:
            out.seen += 1
            self._fail("blocked", "blocked", str(exc), exc.status)
        except FetchError as exc:
            out.seen += 1
            out.network = exc.status == 0
            self._fail("failed", "failed", str(exc), exc.status)
        except InputError as exc:
            self._fail("failed", "failed", str(exc), 0)
        return out

    def _fail(self, state: str, result: str, error: str, status: int) -> None:
        out = self.out
        out.state, out.result, out.error, out.status = state, result, error, status
        # What was fetched before the failure (split-article parts) is not kept: the
        # whole item is tried again on the next run.
        out.pages = [dict(url=self.item.url, status=status, kind=self.item.kind, error=error)]
        out.links, out.document, out.report = [], None, None

    # -- fetching ---------------------------------------------------------------------
    def _fetch(self, url: str, conditional: bool, cap: int = PAGE_MAX_BYTES) -> Page:
        item = self.item
        page = self.fetcher.fetch(url, etag=item.etag if conditional else None,
                                  last_modified=item.last_modified if conditional else None,
                                  same_host=not self.settings.allow_offsite, max_bytes=cap)
        self.out.seen += 1
        return page

    def _unchanged(self, page: Page, digest: str | None, conditional: bool) -> bool:
        if not conditional:
            return False
        if not (page.not_modified or (self.item.prev_hash is not None
                                      and digest == self.item.prev_hash)):
            return False
        self.out.result, self.out.status = "unchanged", page.status
        self.out.pages.append(dict(url=self.item.url, status=page.status, kind=self.item.kind,
                                   etag=page.etag, last_modified=page.last_modified))
        return True

    def _in_scope(self, url: str) -> bool:
        item = self.item
        return self.settings.allow_offsite or same_site(url, item.start_url or item.url)

    def _link(self, url: str, kind: str, depth: int, name: str | None = None) -> None:
        if self._in_scope(url):
            self.out.links.append((url, kind, depth, name))

    # -- the three kinds of page ------------------------------------------------------
    def _listing(self) -> None:
        item = self.item
        has_prev = item.etag is not None or item.last_modified is not None \
            or item.prev_hash is not None
        page = self._fetch(item.url, conditional=True)
        digest = None if page.not_modified else content_hash(page.content)
        if self._unchanged(page, digest, has_prev or page.not_modified):
            return
        if not _is_html(page):
            raise InputError(f"{item.url}: not an HTML page ({page.content_type})")
        html = _decode(page)
        scan = scan_listing(html, page.url, profile_for(page.url, self.settings.profiles))
        depth = item.depth
        start_dir = directory(item.start_url or item.url)
        for url in scan.pages:
            self._link(url, "listing", depth)
        for link in scan.articles:
            self._link(link.url, "article", depth + 1)
        for link in scan.attachments:
            self._link(link.url, "attachment", depth + 1, link.text or None)
        if depth < self.settings.max_depth and start_dir != "/":
            # Other columns below the start page; above it lies the whole portal.
            for link in scan.listings:
                if urlsplit(link.url).path.startswith(start_dir):
                    self._link(link.url, "listing", depth + 1)
        self.out.pages.append(dict(url=item.url, status=page.status, kind="listing",
                                   etag=page.etag, last_modified=page.last_modified,
                                   content_hash=digest))
        self.out.status = page.status

    def _article(self) -> None:
        item = self.item
        page = self._fetch(item.url, conditional=item.stored)
        digest = None if page.not_modified else content_hash(page.content)
        if self._unchanged(page, digest, item.stored):
            return
        if not _is_html(page):
            # An article link that serves a file: read it as the file it is.
            self._store_file(page, digest, parent_url=None)
            return
        html = _decode(page)
        scan = scan_article(html, page.url, page.url)
        parts, found = [(html, page.url)], [scan.attachments]
        part_pages: list[tuple[str, Page]] = []
        pending = scan.continuations
        visited = {page.url, item.url}
        while pending and len(parts) < MAX_PARTS:
            nxt = pending.pop(0)
            if nxt in visited:
                continue
            visited.add(nxt)
            part = self._fetch(nxt, conditional=False)
            part_html = _decode(part)
            scan = scan_article(part_html, part.url, page.url)
            parts.append((part_html, part.url))
            found.append(scan.attachments)
            part_pages.append((nxt, part))
            pending += [u for u in scan.continuations if u not in visited and u not in pending]
        doc = _guard(item.url, lambda: read_article(parts, found))
        if not doc.text.strip() and not doc.attachments:
            raise InputError(f"{item.url}: page has no article text")
        self._document(doc, parent_url=None)
        for a in doc.attachments:
            if a.url.startswith(("http://", "https://")):
                try:
                    url = canonical(a.url)
                except ValueError:
                    continue
                self._link(url, "attachment", item.depth + 1, a.name or None)
        for part_url, part in part_pages:
            self.out.pages.append(dict(url=part_url, status=part.status, kind="article",
                                       content_hash=content_hash(part.content)))
        self.out.pages.append(dict(url=item.url, status=page.status, kind="article",
                                   etag=page.etag, last_modified=page.last_modified,
                                   content_hash=digest))
        self.out.status = page.status

    def _attachment(self) -> None:
        item = self.item
        with self.big:
            page = self._fetch(item.url, conditional=item.stored, cap=self.fetcher.max_bytes)
        digest = None if page.not_modified else content_hash(page.content)
        if self._unchanged(page, digest, item.stored):
            return
        self._store_file(page, digest, parent_url=item.parent_url)

    def _store_file(self, page: Page, digest: str | None, parent_url: str | None) -> None:
        from ..readers import read_bytes
        item = self.item
        name = page.filename or item.name or ""
        doc = _guard(item.url, lambda: read_bytes(page.content, name, page.content_type,
                                                  source=item.url))
        if parent_url is not None:
            doc = self._attachment_meta(doc, name)
        self._document(doc, parent_url=parent_url)
        self.out.pages.append(dict(url=item.url, status=page.status, kind=item.kind,
                                   etag=page.etag, last_modified=page.last_modified,
                                   content_hash=digest))
        self.out.status = page.status

    def _attachment_meta(self, doc: Document, name: str) -> Document:
        item = self.item
        meta = dict(doc.meta)
        if item.parent_meta:
            parent = json.loads(item.parent_meta)
            for key in INHERITED_META:
                if parent.get(key) and not meta.get(key):
                    meta[key] = parent[key]
            if parent.get("title"):
                meta.setdefault("parent_title", parent["title"])
        if not meta.get("title"):
            title = (item.name or name or "").strip()
            if title:
                meta["title"] = os.path.splitext(title)[0] if "." in title[-6:] else title
        meta["url"] = item.url
        return Document(doc.text, meta, doc.tables, doc.attachments, doc.source or item.url)

    def _document(self, doc: Document, parent_url: str | None) -> None:
        item = self.item
        self.out.result = "stored"
        self.out.document = document_row(doc, item.url, county=item.county,
                                         province=item.province, parent_url=parent_url)
        if self.settings.check:
            self._check()

    def _check(self) -> None:
        from ..pipeline import check_document
        try:
            # The Document as the store gives it back, so that a check here and one of
            # the stored row later (a resumed run) read the very same input.
            self.out.report = report_rows(check_document(document_from_row(self.out.document)))
        except Exception as exc:  # noqa: BLE001
            # The document stays stored and unchecked; the summary names the error.
            kind = "" if isinstance(exc, PerfparseError) else \
                f"parser error: {type(exc).__name__}: "
            self.out.report_error = " ".join(f"{self.item.url}: {kind}{exc}".split())


def _guard(url: str, read: Any) -> Document:
    try:
        return read()
    except PerfparseError as exc:
        raise InputError(f"{url}: {exc}") from None
    except Exception as exc:  # noqa: BLE001
        # Pages and attachments are hostile input to third-party parsers; one that crashes
        # a reader is recorded as failed rather than stopping every resumed run.
        raise InputError(f"{url}: reader error: {type(exc).__name__}: {exc}") from None


def _decode(page: Page) -> str:
    from ..readers.encoding import decode_html
    return decode_html(page.content, page.content_type)[0]


def _is_html(page: Page) -> bool:
    from ..readers import sniff
    kind = sniff(page.content)
    if kind is not None:
        return kind == ".html"  # the bytes outrank a mislabelled Content-Type
    ctype = (page.content_type or "").lower()
    return not ctype or "html" in ctype or "xml" in ctype


def visit(item: Item, fetcher: Fetcher, settings: Settings,
          big: ContextManager[Any] | threading.Semaphore | None = None) -> Outcome:
    """Fetch and read one frontier item; never raises for anything the server sends.

    `big` bounds attachment downloads at once (they may be 50 MB each).
    """
    try:
        return _Visit(item, fetcher, settings, big).run()
    except Exception as exc:  # noqa: BLE001
        # A bug met on some page must cost that page, not the host or the run.
        log.exception("internal error on %s", item.url)
        out = Outcome(item, result="failed", state="failed",
                      error=f"{item.url}: internal error: {type(exc).__name__}: {exc}")
        out.pages = [dict(url=item.url, status=0, kind=item.kind, error=out.error)]
        return out


def start_item(url: str, county: str | None, province: str | None,
               profiles: tuple[Profile, ...]) -> dict[str, Any]:
    """The frontier row of a start URL (kind guessed from its shape)."""
    kind = ("attachment" if is_attachment(url) else
            "article" if is_article(url, profile_for(url, profiles)) else "listing")
    return dict(url=url, kind=kind, host=host_id(url), depth=0, start_url=url, county=county,
                province=province)
