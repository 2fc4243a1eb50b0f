"""The crawl: a frontier in the store, hosts served at once, one writer.

Everything the crawl knows lives in the SQLite store, so memory does not grow with the
number of pages, and a run killed at any point resumes where it stopped: a page's results
(document, report, new links, frontier state) are committed together, or not at all.

The `Crawler` is the writing side. It hands each host's queued URLs, a few at a time, to
the process serving that host (a `HostPool`: in this process for `crawl`, in pool workers
or on Dask workers for `batch`), and stores the Outcomes that come back in batches, one
transaction per batch. Taking a host's next URLs is an index range on (state, host) from a
cursor kept per host, so the cost of a pick does not grow with the frontier.
"""
from __future__ import annotations

import logging
import os
import queue
import sys
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence
from urllib.parse import urlsplit

import requests

from ..errors import SettingError, WorkerDied
from ..store import Store
from .fetch import MAX_BYTES, TIMEOUT, Fetcher
from .hosts import HOSTS, HostPool
from .links import canonical
from .profiles import Profile, default_profiles
from .robots import host_id
from .visit import MAX_DEPTH, PAGE_MAX_BYTES, Item, Outcome, Settings, start_item

log = logging.getLogger("perfparse.scrape.crawl")

__all__ = ["CrawlSummary", "Crawler", "MAX_DEPTH", "PAGE_MAX_BYTES", "Shard", "ShardDied",
           "StartUrl", "crawl"]

# Items handed to a host ahead of its answers: the next one is there when the host is
# ready, and a kill re-fetches at most this many per host.
AHEAD = 3
# How long the writer waits for outcomes before it looks again at the shards.
POLL_SECONDS = 0.2
# URLs kept per problem list of a summary; the counts stay exact.
MAX_LISTED = 1000


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
    checked: int = 0
    figures: int = 0
    checks: int = 0
    failed_checks: int = 0
    errors: list[str] = field(default_factory=list)
    hosts: int = 0

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


class ShardDied(Exception):
    """Put in the inbox by a shard whose process ended while it still had work."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Shard(Protocol):
    """Where a share of the hosts is crawled; outcomes go to the inbox it was made with."""

    def feed(self, items: list[Item]) -> None: ...

    def stop(self) -> None: ...

    def close(self, wait: float = 5.0) -> None: ...


# Makes the shards of a run, given the inbox their outcomes go to.
ShardFactory = Callable[["queue.SimpleQueue[Any]"], Sequence[Shard]]


def _start(item: str | Mapping[str, Any] | StartUrl, county: str | None,
           province: str | None) -> StartUrl:
    if isinstance(item, StartUrl):
        start = item
    elif isinstance(item, str):
        start = StartUrl(item, county, province)
    else:
        start = StartUrl(item.get("start_url") or item.get("url") or "",
                         item.get("county") or county, item.get("province") or province)
    try:
        url = canonical(start.url) if start.url else ""
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        raise SettingError("start_url", f"{start.url!r} is not an http(s) URL")
    return StartUrl(url, start.county, start.province)


class Crawler:
    """Crawls from start URLs into a Store.

    Hosts are served by `shards` (default: one HostPool in this process, `hosts` hosts in
    flight, through `fetcher` if given — else a Fetcher per host built from
    `fetcher_options`). With `check`, documents are checked where they are read and the
    reports stored with them.
    """

    def __init__(self, store: Store, fetcher: Fetcher | None = None, *,
                 max_pages: int | None = None, allow_offsite: bool = False,
                 max_depth: int = MAX_DEPTH, profiles: tuple[Profile, ...] = (),
                 progress: bool = False, hosts: int = HOSTS, check: bool = False,
                 fetcher_options: Mapping[str, Any] | None = None,
                 shards: ShardFactory | None = None):
        if max_pages is not None and max_pages < 1:
            raise SettingError("max_pages", "must be at least 1")
        if hosts < 1:
            raise SettingError("--hosts", "must be at least 1")
        self.store = store
        self.fetcher = fetcher
        self.max_pages = max_pages
        self.allow_offsite = allow_offsite
        self.max_depth = max_depth
        self.profiles = profiles
        self.progress = progress
        self.hosts = hosts
        self.settings = Settings(allow_offsite, max_depth, profiles, check)
        self.fetcher_options = dict(fetcher_options or {})
        self.fetcher_options.setdefault("allow_offsite", allow_offsite)
        self._shard_factory = shards
        self.summary = CrawlSummary()
        self.starts: list[StartUrl] = []
        self.inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._shards: list[Shard] = []
        self._shard_of: dict[str, int] = {}
        self._shard_load: list[int] = []
        self._outstanding: dict[str, int] = {}
        self._cursor: dict[str, int] = {}
        self._more: set[str] = set()        # hosts whose queue may hold rows past the cursor
        self._candidates: deque[str] = deque()  # of those, hosts low on handed-out items
        self._candidate_set: set[str] = set()
        self._in_flight = 0
        self._stopped = False
        self.errored_ids: set[int] = set()  # documents whose check raised, this run
        self._bar: Any = None
        self.on_batch: Callable[[list[Outcome]], None] | None = None

    # -- setup ------------------------------------------------------------------------
    def add_start(self, start: StartUrl) -> None:
        self.store.begin_crawl(start.url)
        self.store.enqueue(**start_item(start.url, start.county, start.province,
                                        self.profiles))
        self.starts.append(start)

    def stop(self) -> None:
        """Hand out nothing more; run() returns once the items in flight are stored,
        leaving the crawl unfinished so that the next run resumes it."""
        self._stopped = True

    # -- loop -------------------------------------------------------------------------
    def run(self) -> CrawlSummary:
        if self.progress and self._bar is None:
            from tqdm import tqdm
            self._bar = tqdm(unit="page", file=sys.stderr, desc="crawl", dynamic_ncols=True)
        self._shards = list(self._make_shards())
        self._shard_load = [0] * len(self._shards)
        for host in self.store.queued_hosts():
            self._mark_more(host)
        clean = False
        try:
            while True:
                self._refill()
                if not self._in_flight:
                    break
                self._write(self._take())
            clean = True
        finally:
            for shard in self._shards:
                shard.close(5.0 if clean else 0.0)
            if self._bar is not None:
                self._bar.close()
        self.summary.hosts = len(self._shard_of)
        self.summary.finished = not self._stopped and not self._budget_spent() \
            and not self.store.count("frontier", state="queued")
        if self.summary.finished:
            for start in self.starts:
                self.store.finish_crawl(start.url)
        return self.summary

    def _make_shards(self) -> Sequence[Shard]:
        if self._shard_factory is not None:
            return self._shard_factory(self.inbox)
        return [HostPool(self.settings, limit=self.hosts, fetcher=self.fetcher,
                         fetcher_options=self.fetcher_options, out=self.inbox)]

    def _take(self) -> list[Outcome]:
        got: list[Any] = []
        try:
            got.append(self.inbox.get(timeout=POLL_SECONDS))
            while True:
                got.append(self.inbox.get_nowait())
        except queue.Empty:
            pass
        return got

    # -- the frontier -----------------------------------------------------------------
    def _mark_more(self, host: str) -> None:
        self._more.add(host)
        if self._outstanding.get(host, 0) < AHEAD and host not in self._candidate_set:
            self._candidates.append(host)
            self._candidate_set.add(host)

    def _budget_spent(self) -> bool:
        return self.max_pages is not None and self.summary.seen >= self.max_pages

    def _refill(self) -> None:
        """Hand queued rows to every host that is low on them, from its cursor on."""
        if self._stopped:
            return
        budget = None
        if self.max_pages is not None:
            # At most one item per page still allowed; a split article may go over.
            budget = self.max_pages - self.summary.seen - self._in_flight
        feeds: dict[int, list[Item]] = {}
        while self._candidates:
            if budget is not None and budget <= 0:
                return
            host = self._candidates.popleft()
            self._candidate_set.discard(host)
            want = AHEAD - self._outstanding.get(host, 0)
            if host not in self._more or want <= 0:
                continue
            if budget is not None:
                want = min(want, budget)
            rows = self.store.queued_after(host, self._cursor.get(host, 0), want)
            if len(rows) < want:
                self._more.discard(host)
            if not rows:
                continue
            self._cursor[host] = rows[-1]["rowid"]
            self._outstanding[host] = self._outstanding.get(host, 0) + len(rows)
            self._in_flight += len(rows)
            if budget is not None:
                budget -= len(rows)
            feeds.setdefault(self._shard(host), []).extend(Item.from_row(r) for r in rows)
        for index, items in feeds.items():
            self._shards[index].feed(items)

    def _shard(self, host: str) -> int:
        index = self._shard_of.get(host)
        if index is None:
            # A host belongs to one shard for the run: one request at a time, wherever.
            index = min(range(len(self._shards)), key=self._shard_load.__getitem__)
            self._shard_of[host] = index
            self._shard_load[index] += 1
        return index

    # -- the writer -------------------------------------------------------------------
    def _write(self, batch: list[Any]) -> None:
        died = next((o for o in batch if isinstance(o, ShardDied)), None)
        outcomes = [o for o in batch if isinstance(o, Outcome)]
        if outcomes:
            self._store(outcomes)
            for o in outcomes:
                self._count(o)
            if self.on_batch is not None:
                self.on_batch(outcomes)
            self._tick()
        if died is not None:
            raise WorkerDied(f"a crawling worker died ({died.reason}); run the same command "
                             "again to resume")

    def _store(self, outcomes: list[Outcome]) -> None:
        store = self.store
        pages: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        states: list[tuple[str, str, str | None]] = []
        reports: list[tuple[int, Any, str | None]] = []
        linked: set[str] = set()
        with store.transaction():
            for o in outcomes:
                item = o.item
                pages += o.pages
                if o.document is not None:
                    doc_id = store.upsert_document(o.document)
                    if o.report is not None:
                        reports.append((doc_id, o.report, o.document["content_hash"]))
                    elif o.report_error is not None:
                        self.errored_ids.add(doc_id)
                        self.summary.errors.append(o.report_error)
                for url, kind, depth, name in o.links:
                    host = host_id(url)
                    links.append(dict(url=url, kind=kind, depth=depth, host=host,
                                      start_url=item.start_url, county=item.county,
                                      province=item.province, parent_url=item.url, name=name))
                    linked.add(host)
                states.append((item.url, o.state, o.error))
            store.save_pages(pages)
            if reports:
                store.save_reports(reports)
            store.enqueue_many(links)
            store.set_states(states)
        for o in outcomes:
            host = o.item.host
            self._outstanding[host] -= 1
            self._in_flight -= 1
            if host in self._more:
                self._mark_more(host)
        for host in linked:
            self._mark_more(host)
        s = self.summary
        for o in outcomes:
            if o.report is not None:
                s.checked += 1
                s.figures += len(o.report.get("figures", ()))
                s.checks += len(o.report.get("checks", ()))
                s.failed_checks += sum(1 for row in o.report.get("checks", ())
                                       if row[2] == "fail")

    def _count(self, o: Outcome) -> None:
        s = self.summary
        s.seen += o.seen
        if o.result == "stored":
            s.stored += 1
            if o.document is not None and o.document.get("parent_url"):
                s.attachments += 1
        elif o.result == "unchanged":
            s.unchanged += 1
        elif o.result in ("failed", "blocked", "disallowed"):
            setattr(s, o.result, getattr(s, o.result) + 1)
            urls = getattr(s, f"{o.result}_urls")
            if len(urls) < MAX_LISTED:
                urls.append(o.item.url)
            log.info("%s: %s", o.result, o.error)

    def _tick(self) -> None:
        if self._bar is None:
            return
        s = self.summary
        self._bar.update(s.seen - self._bar.n)
        self._bar.set_postfix(hosts=sum(1 for n in self._outstanding.values() if n),
                              stored=s.stored, failed=s.failed + s.blocked, refresh=False)


def crawl(start_urls: Iterable[str | Mapping[str, Any] | StartUrl] | str,
          store: str | os.PathLike | Store = "perfparse.db", max_pages: int | None = None,
          delay: float = 1.0, allow_offsite: bool = False, progress: bool = False,
          county: str | None = None, province: str | None = None,
          session: requests.Session | None = None, *,
          timeout: float | tuple[float, float] = TIMEOUT,
          retries: int = 3, backoff: float = 1.0, max_bytes: int = MAX_BYTES,
          max_depth: int = MAX_DEPTH, profiles: tuple[Profile, ...] | None = None,
          obey_robots: bool = True, hosts: int = HOSTS) -> CrawlSummary:
    """Crawl portals from their start URLs into a store; returns the run's summary.

    A start URL is a string, or a mapping with `start_url`/`url`, `county`, `province` (a
    SITES.csv row). Up to `hosts` hosts are crawled at once, each at most one request at
    a time, `delay` seconds apart; `timeout` is the deadline of one request, headers and
    body included. `profiles` defaults to the site profiles shipped with perfparse.
    Re-running with the same store resumes an unfinished crawl, or re-crawls a finished
    one, downloading only what changed.
    """
    if isinstance(start_urls, str):
        start_urls = [start_urls]
    starts = [_start(item, county, province) for item in start_urls]
    if not starts:
        raise SettingError("start_urls", "give at least one start URL")
    if delay < 0:
        raise SettingError("delay", "must be >= 0 seconds")
    options = dict(delay=delay, timeout=timeout, retries=retries, backoff=backoff,
                   max_bytes=max_bytes, obey_robots=obey_robots, allow_offsite=allow_offsite)
    own_store = not isinstance(store, Store)
    db = Store(store) if not isinstance(store, Store) else store
    try:
        fetcher = Fetcher(session, **options) if session is not None else None
        crawler = Crawler(db, fetcher, max_pages=max_pages, allow_offsite=allow_offsite,
                          max_depth=max_depth,
                          profiles=default_profiles() if profiles is None else profiles,
                          progress=progress, hosts=hosts, fetcher_options=options)
        for start in starts:
            crawler.add_start(start)
        return crawler.run()
    finally:
        if own_store:
            db.close()
