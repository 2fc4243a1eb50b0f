"""The crawl loop: frontier in the store, one host at a time, documents stored as found.

Everything the crawl knows lives in the SQLite store, so memory does not grow with the
number of pages, and a run killed at any point resumes where it stopped: a page's results
(document, new links, frontier state) are committed together, or not at all.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

import requests

from ..errors import (Blocked, FetchError, InputError, PerfparseError, RobotsDisallowed,
                      SettingError)
from ..records import Document
from ..store import Store, content_hash
from .article import MAX_PARTS, read_article, scan_article
from ..readers.encoding import decode_html
from .fetch import MAX_BYTES, Fetcher, Page
from .links import canonical, is_article, is_attachment
from .listing import directory, scan_listing
from .profiles import Profile, default_profiles, profile_for
from .robots import host_id, same_site

# Sub-listings (other columns below the start page) are followed this many levels deep;
# pagination of a listing does not count as a level.
MAX_DEPTH = 2
# Pages are smaller than attachments; a page over this is not a report page.
PAGE_MAX_BYTES = 10 * 1024 * 1024
# Metadata an attachment inherits from the article that links it.
INHERITED_META = ("publisher", "published", "index_no", "doc_no", "topic", "category", "year",
                  "county", "province")


@dataclass
class CrawlSummary:
    """Counts of one crawl run; URL lists name what failed or was blocked."""
    seen: int = 0
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    blocked: int = 0
    disallowed: int = 0
    attachments: int = 0
    failed_urls: list[str] = field(default_factory=list)
    blocked_urls: list[str] = field(default_factory=list)
    disallowed_urls: list[str] = field(default_factory=list)
    finished: bool = False

    def __str__(self) -> str:
        text = (f"{self.seen} pages fetched, {self.stored} documents stored "
                f"({self.attachments} from attachments), {self.unchanged} unchanged, "
                f"{self.failed} failed, {self.blocked} blocked, "
                f"{self.disallowed} disallowed by robots.txt")
        return text if self.finished else text + " (stopped before the frontier was empty)"


@dataclass(frozen=True)
class StartUrl:
    url: str
    county: str | None = None
    province: str | None = None


def _start(item: str | Mapping[str, Any] | StartUrl, county: str | None,
           province: str | None) -> StartUrl:
    if isinstance(item, StartUrl):
        start = item
    elif isinstance(item, str):
        start = StartUrl(item, county, province)
    else:
        start = StartUrl(item.get("start_url") or item.get("url") or "",
                         item.get("county") or county, item.get("province") or province)
    url = canonical(start.url) if start.url else ""
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise SettingError("start_url", f"{start.url!r} is not an http(s) URL")
    return StartUrl(url, start.county, start.province)


def _is_html(page: Page) -> bool:
    from ..readers import sniff
    kind = sniff(page.content)
    if kind is not None:
        return kind == ".html"  # the bytes outrank a mislabelled Content-Type
    ctype = (page.content_type or "").lower()
    return not ctype or "html" in ctype or "xml" in ctype


class Crawler:
    """Crawls from start URLs into a Store through a Fetcher."""

    def __init__(self, store: Store, fetcher: Fetcher, *, max_pages: int | None = None,
                 allow_offsite: bool = False, max_depth: int = MAX_DEPTH,
                 profiles: tuple[Profile, ...] = (), progress: bool = False):
        if max_pages is not None and max_pages < 1:
            raise SettingError("max_pages", "must be at least 1")
        self.store = store
        self.fetcher = fetcher
        self.max_pages = max_pages
        self.allow_offsite = allow_offsite
        self.max_depth = max_depth
        self.profiles = profiles
        self.progress = progress
        self.summary = CrawlSummary()
        self.starts: list[StartUrl] = []
        self._bar: Any = None

    # -- setup ------------------------------------------------------------------------
    def add_start(self, start: StartUrl) -> None:
        self.store.begin_crawl(start.url)
        kind = ("attachment" if is_attachment(start.url) else
                "article" if is_article(start.url, profile_for(start.url, self.profiles))
                else "listing")
        self.store.enqueue(start.url, kind=kind, host=host_id(start.url), depth=0,
                           start_url=start.url, county=start.county, province=start.province)
        self.starts.append(start)

    # -- loop -------------------------------------------------------------------------
    def run(self) -> CrawlSummary:
        if self.progress:
            from tqdm import tqdm
            self._bar = tqdm(unit="page", file=sys.stderr, desc="crawl", dynamic_ncols=True)
        try:
            while self.max_pages is None or self.summary.seen < self.max_pages:
                row = self._next()
                if row is None:
                    self.summary.finished = True
                    break
                self._process(row)
                self._tick()
        finally:
            if self._bar is not None:
                self._bar.close()
        if self.summary.finished:
            for start in self.starts:
                self.store.finish_crawl(start.url)
        return self.summary

    def _next(self) -> dict[str, Any] | None:
        hosts = self.store.queued_hosts()
        if not hosts:
            return None
        # The host whose delay expires first goes next: one slow host does not stall others.
        host = min(hosts, key=lambda h: (self.fetcher.politeness.ready_at(h), h))
        return self.store.next_queued(host)

    def _tick(self) -> None:
        if self._bar is None:
            return
        s = self.summary
        self._bar.update(s.seen - self._bar.n)
        self._bar.set_postfix(queued=self.store.count("frontier", state="queued"),
                              stored=s.stored, failed=s.failed + s.blocked, refresh=False)

    def _process(self, row: dict[str, Any]) -> None:
        url = row["url"]
        try:
            if row["kind"] == "attachment":
                self._attachment(row)
            elif row["kind"] == "article":
                self._article(row)
            else:
                self._listing(row)
        except RobotsDisallowed as exc:
            self._fail(row, "failed", str(exc), exc.status)
            self.summary.disallowed += 1
            self.summary.disallowed_urls.append(url)
        except Blocked as exc:
            self.summary.seen += 1
            self._fail(row, "blocked", str(exc), exc.status)
            self.summary.blocked += 1
            self.summary.blocked_urls.append(url)
        except (FetchError, InputError) as exc:
            if isinstance(exc, FetchError):
                self.summary.seen += 1
            self._fail(row, "failed", str(exc), getattr(exc, "status", 0))
            self.summary.failed += 1
            self.summary.failed_urls.append(url)

    def _fail(self, row: dict[str, Any], state: str, error: str, status: int = 0) -> None:
        with self.store.transaction():
            self.store.save_page(row["url"], status=status, kind=row["kind"], error=error)
            self.store.set_state(row["url"], state, error)

    # -- fetching ---------------------------------------------------------------------
    def _fetch(self, url: str, conditional: bool, cap: int = PAGE_MAX_BYTES
               ) -> tuple[Page, dict[str, Any] | None]:
        prev = self.store.page(url) if conditional else None
        page = self.fetcher.fetch(url, etag=prev["etag"] if prev else None,
                                  last_modified=prev["last_modified"] if prev else None,
                                  same_host=not self.allow_offsite, max_bytes=cap)
        self.summary.seen += 1
        return page, prev

    def _unchanged(self, row: dict[str, Any], page: Page, prev: dict[str, Any] | None,
                   digest: str | None) -> bool:
        if not (page.not_modified or (prev is not None and digest == prev["content_hash"])):
            return False
        with self.store.transaction():
            self.store.save_page(row["url"], status=page.status, kind=row["kind"],
                                 etag=page.etag, last_modified=page.last_modified)
            self.store.set_state(row["url"], "done")
        self.summary.unchanged += 1
        return True

    def _in_scope(self, url: str, row: dict[str, Any]) -> bool:
        return self.allow_offsite or same_site(url, row["start_url"] or row["url"])

    def _enqueue(self, url: str, row: dict[str, Any], kind: str, depth: int,
                 name: str | None = None) -> None:
        if self._in_scope(url, row):
            self.store.enqueue(url, kind=kind, host=host_id(url), depth=depth,
                               start_url=row["start_url"], county=row["county"],
                               province=row["province"], parent_url=row["url"], name=name)

    # -- the three kinds of page ------------------------------------------------------
    def _listing(self, row: dict[str, Any]) -> None:
        page, prev = self._fetch(row["url"], conditional=True)
        digest = None if page.not_modified else content_hash(page.content)
        if self._unchanged(row, page, prev, digest):
            return
        if not _is_html(page):
            raise InputError(f"{row['url']}: not an HTML page ({page.content_type})")
        html, _ = decode_html(page.content, page.content_type)
        scan = scan_listing(html, page.url, profile_for(page.url, self.profiles))
        depth = row["depth"]
        start_dir = directory(row["start_url"] or row["url"])
        with self.store.transaction():
            for url in scan.pages:
                self._enqueue(url, row, "listing", depth)
            for link in scan.articles:
                self._enqueue(link.url, row, "article", depth + 1)
            for link in scan.attachments:
                self._enqueue(link.url, row, "attachment", depth + 1, link.text or None)
            if depth < self.max_depth and start_dir != "/":
                # Other columns below the start page; above it lies the whole portal.
                for link in scan.listings:
                    if urlsplit(link.url).path.startswith(start_dir):
                        self._enqueue(link.url, row, "listing", depth + 1)
            self.store.save_page(row["url"], status=page.status, kind="listing",
                                 etag=page.etag, last_modified=page.last_modified,
                                 content_hash=digest)
            self.store.set_state(row["url"], "done")

    def _article(self, row: dict[str, Any]) -> None:
        url = row["url"]
        stored = self.store.document_id(url) is not None
        page, prev = self._fetch(url, conditional=stored)
        digest = None if page.not_modified else content_hash(page.content)
        if stored and self._unchanged(row, page, prev, digest):
            return
        if not _is_html(page):
            # An article link that serves a file: read it as the file it is.
            self._store_file(row, page, digest, parent_url=None)
            return
        html, _ = decode_html(page.content, page.content_type)
        scan = scan_article(html, page.url, page.url)
        parts, found = [(html, page.url)], [scan.attachments]
        part_pages: list[tuple[str, Page]] = []
        pending = scan.continuations
        visited = {page.url, url}
        while pending and len(parts) < MAX_PARTS:
            nxt = pending.pop(0)
            if nxt in visited:
                continue
            visited.add(nxt)
            part, _ = self._fetch(nxt, conditional=False)
            part_html, _ = decode_html(part.content, part.content_type)
            scan = scan_article(part_html, part.url, page.url)
            parts.append((part_html, part.url))
            found.append(scan.attachments)
            part_pages.append((nxt, part))
            pending += [u for u in scan.continuations if u not in visited and u not in pending]
        try:
            doc = read_article(parts, found)
        except Exception as exc:  # noqa: BLE001
            # One page the reader chokes on must not stop the crawl (and, as the frontier
            # would offer it again, every resumed run): it is recorded as failed.
            raise InputError(f"{url}: reader error: {type(exc).__name__}: {exc}") from None
        if not doc.text.strip() and not doc.attachments:
            raise InputError(f"{url}: page has no article text")
        with self.store.transaction():
            self.store.save_document(doc, url, county=row["county"], province=row["province"])
            for a in doc.attachments:
                if not a.url.startswith(("http://", "https://")):
                    continue
                self._enqueue(canonical(a.url), row, "attachment", row["depth"] + 1,
                              a.name or None)
            for part_url, part in part_pages:
                self.store.save_page(part_url, status=part.status, kind="article",
                                     content_hash=content_hash(part.content))
            self.store.save_page(url, status=page.status, kind="article", etag=page.etag,
                                 last_modified=page.last_modified, content_hash=digest)
            self.store.set_state(url, "done")
        self.summary.stored += 1

    def _attachment(self, row: dict[str, Any]) -> None:
        url = row["url"]
        stored = self.store.document_id(url) is not None
        page, prev = self._fetch(url, conditional=stored, cap=self.fetcher.max_bytes)
        digest = None if page.not_modified else content_hash(page.content)
        if stored and self._unchanged(row, page, prev, digest):
            return
        self._store_file(row, page, digest, parent_url=row["parent_url"])

    def _store_file(self, row: dict[str, Any], page: Page, digest: str | None,
                    parent_url: str | None) -> None:
        from ..readers import read_bytes
        url = row["url"]
        name = page.filename or row["name"] or ""
        try:
            doc = read_bytes(page.content, name, page.content_type, source=url)
        except PerfparseError as exc:
            raise InputError(f"{url}: {exc}") from None
        except Exception as exc:  # noqa: BLE001
            # Attachments are hostile input to third-party parsers; one that crashes a
            # reader is recorded as failed rather than stopping every resumed run.
            raise InputError(f"{url}: reader error: {type(exc).__name__}: {exc}") from None
        if parent_url is not None:
            doc = self._attachment_meta(doc, row, name)
        with self.store.transaction():
            self.store.save_document(doc, url, county=row["county"], province=row["province"],
                                     parent_url=parent_url)
            self.store.save_page(url, status=page.status, kind=row["kind"], etag=page.etag,
                                 last_modified=page.last_modified, content_hash=digest)
            self.store.set_state(url, "done")
        self.summary.stored += 1
        if parent_url is not None:
            self.summary.attachments += 1

    def _attachment_meta(self, doc: Document, row: dict[str, Any], name: str) -> Document:
        meta = dict(doc.meta)
        parent_id = self.store.document_id(row["parent_url"]) if row["parent_url"] else None
        if parent_id is not None:
            parent = self.store.load_document(parent_id).meta
            for key in INHERITED_META:
                if parent.get(key) and not meta.get(key):
                    meta[key] = parent[key]
            if parent.get("title"):
                meta.setdefault("parent_title", parent["title"])
        if not meta.get("title"):
            title = (row["name"] or name or "").strip()
            if title:
                meta["title"] = os.path.splitext(title)[0] if "." in title[-6:] else title
        meta["url"] = row["url"]
        return Document(doc.text, meta, doc.tables, doc.attachments, doc.source or row["url"])


def crawl(start_urls: Iterable[str | Mapping[str, Any] | StartUrl] | str,
          store: str | os.PathLike | Store = "perfparse.db", max_pages: int | None = None,
          delay: float = 1.0, allow_offsite: bool = False, progress: bool = False,
          county: str | None = None, province: str | None = None,
          session: requests.Session | None = None, *,
          timeout: float | tuple[float, float] = (10, 30),
          retries: int = 3, backoff: float = 1.0, max_bytes: int = MAX_BYTES,
          max_depth: int = MAX_DEPTH, profiles: tuple[Profile, ...] | None = None,
          obey_robots: bool = True) -> CrawlSummary:
    """Crawl portals from their start URLs into a store; returns the run's summary.

    A start URL is a string, or a mapping with `start_url`/`url`, `county`, `province` (a
    SITES.csv row). `profiles` defaults to the site profiles shipped with perfparse.
    Re-running with the same store resumes an unfinished crawl, or re-crawls
    a finished one, downloading only what changed.
    """
    if isinstance(start_urls, str):
        start_urls = [start_urls]
    starts = [_start(item, county, province) for item in start_urls]
    if not starts:
        raise SettingError("start_urls", "give at least one start URL")
    if delay < 0:
        raise SettingError("delay", "must be >= 0 seconds")
    own_session = session is None
    session = session if session is not None else requests.Session()
    own_store = not isinstance(store, Store)
    db = Store(store) if not isinstance(store, Store) else store
    try:
        fetcher = Fetcher(session, delay=delay, timeout=timeout, retries=retries,
                          backoff=backoff, max_bytes=max_bytes, obey_robots=obey_robots)
        crawler = Crawler(db, fetcher, max_pages=max_pages, allow_offsite=allow_offsite,
                          max_depth=max_depth,
                          profiles=default_profiles() if profiles is None else profiles,
                          progress=progress)
        for start in starts:
            crawler.add_start(start)
        return crawler.run()
    finally:
        if own_store:
            db.close()
        if own_session:
            session.close()
