"""Batch runs across many counties: crawl every site of a SITES.csv, check every document.

Crawling runs in one thread per host (a polite lane: one request at a time, the run's
delay between requests), each lane with its own store connection. Meanwhile the main
thread hands stored documents to a `concurrent.futures` executor — a process pool, or a
Dask cluster's executor — and writes the reports it gets back: the store has one writer
of reports. Everything lives in the store, so a killed run resumes: the crawl frontier
picks up where it stopped and documents already checked (same content hash) are skipped.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from .errors import (FetchError, InputError, MissingExtra, PerfparseError, SettingError,
                     UndecodableInput, WorkerDied)
from .options import positive_int, seconds
from .records import Document, Report
from .store import Store

SITE_COLUMNS = ("county", "province", "portal", "start_url")
OPTIONAL_COLUMNS = ("profile",)
# Columns that must not be empty on any row (`portal` is a label and may be).
REQUIRED_VALUES = ("county", "province", "start_url")
# Documents handed to the executor ahead of the results, per worker: enough to keep the
# workers busy, few enough that memory does not grow with the number of documents.
INFLIGHT_PER_WORKER = 4
# Lanes crawling at once (the others wait their turn): each is a thread with its own
# store connection and HTTP session, so a SITES.csv of 2,000 counties must not open 2,000.
MAX_LANES = 16
# How long the main thread waits for a result before looking for new documents.
POLL_SECONDS = 0.2
# How often a pool worker looks whether the batch process that started it still runs.
PARENT_POLL_SECONDS = 1.0
# SITES.csv files saved by Excel on Chinese Windows are GBK; gb18030 is its superset.
SITES_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Site:
    """One row of SITES.csv: a start URL and the county it belongs to."""
    county: str
    province: str
    portal: str
    start_url: str
    profile: str = ""


@dataclass
class CountySummary:
    """What the store holds for one county after the run."""
    county: str
    province: str
    documents: int = 0
    checked: int = 0
    figures: int = 0
    checks: int = 0
    failed: int = 0
    blocked: int = 0

    def __str__(self) -> str:
        return (f"{self.county} ({self.province}): {self.documents} documents "
                f"({self.checked} checked), {self.figures} figures, {self.checks} checks, "
                f"{self.failed} failed, {self.blocked} blocked pages")


@dataclass
class BatchSummary:
    """Counts of one batch run; `counties` are totals in the store, the rest this run's."""
    pages: int = 0
    stored: int = 0
    unchanged: int = 0
    fetch_failed: int = 0
    blocked: int = 0
    disallowed: int = 0
    checked: int = 0
    figures: int = 0
    checks: int = 0
    failed: int = 0
    crawl_finished: bool = True
    counties: list[CountySummary] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    problem_urls: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"crawl: {self.pages} pages fetched, {self.stored} documents stored, "
            f"{self.unchanged} unchanged, {self.fetch_failed} failed, {self.blocked} blocked, "
            f"{self.disallowed} disallowed by robots.txt"
            + ("" if self.crawl_finished else " (stopped before the frontier was empty)"),
            f"check: {self.checked} documents checked this run: {self.figures} figures, "
            f"{self.checks} checks, {self.failed} failed"
            + (f", {len(self.errors)} could not be read" if self.errors else "")]
        lines += [f"  {label}: {url}" for label, url in self.problem_urls]
        lines += [f"  unreadable: {e}" for e in self.errors]
        lines += [f"county: {c}" for c in self.counties]
        return "\n".join(lines)


# -- SITES.csv --------------------------------------------------------------------------

def _is_start_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _decode_sites(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a SITES.csv file") from None
    for encoding in SITES_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UndecodableInput(f"{path}: not UTF-8 or GB18030 text")


def _check_header(fields: Sequence[str], where: str) -> None:
    expected = ",".join(SITE_COLUMNS)
    missing = [c for c in SITE_COLUMNS if c not in fields]
    unknown = [c for c in fields if c not in SITE_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        what = (f"missing {', '.join(missing)}" if missing else
                f"unknown column {', '.join(repr(c) for c in unknown)}")
        raise InputError(f"{where}: header must be {expected} (optional: profile); {what}")


def _site(row: Mapping[str, Any], where: str) -> Site:
    values = {k: str(row.get(k) or "").strip() for k in SITE_COLUMNS + OPTIONAL_COLUMNS}
    for key in REQUIRED_VALUES:
        if not values[key]:
            raise InputError(f"{where}: empty {key}")
    if not _is_start_url(values["start_url"]):
        raise InputError(f"{where}: start_url {values['start_url']!r} is not an http(s) URL")
    if values["profile"]:
        try:
            re.compile(values["profile"])
        except re.error as exc:
            raise InputError(f"{where}: profile is not a valid regular expression: {exc}"
                             ) from None
    return Site(**values)


def read_sites(sites: str | os.PathLike | Iterable[Mapping[str, Any]]) -> list[Site]:
    """Validated sites from a SITES.csv path or from row mappings (the same columns).

    Raises InputError naming the file and line of the first bad row.
    """
    out: list[Site] = []
    if isinstance(sites, (str, os.PathLike)):
        path = Path(sites)
        reader = csv.DictReader(io.StringIO(_decode_sites(path), newline=""))
        # "county, province" as a spreadsheet may write it names the same columns.
        reader.fieldnames = [f.strip() for f in reader.fieldnames or ()]
        _check_header(reader.fieldnames, str(path))
        rows: Iterable[tuple[str, Mapping[str, Any]]] = (
            (f"{path}:{reader.line_num}", row) for row in reader)
        name = str(path)
    else:
        rows = ((f"sites row {n}", row) for n, row in enumerate(sites, start=1))
        name = "sites"
    seen: dict[str, str] = {}
    for where, row in rows:
        if isinstance(sites, (str, os.PathLike)) and None in row:
            raise InputError(f"{where}: more cells than the header has columns")
        if not isinstance(sites, (str, os.PathLike)):
            if not isinstance(row, Mapping):
                raise InputError(f"{where}: a site must be a mapping with columns "
                                 f"{','.join(SITE_COLUMNS)}")
            _check_header(list(row), where)
        site = _site(row, where)
        if site.start_url in seen:
            raise InputError(f"{where}: start_url repeats {seen[site.start_url]}")
        seen[site.start_url] = where
        out.append(site)
    if not out:
        raise InputError(f"{name}: no sites (one row per start URL under the header)")
    return out


# -- the check workers --------------------------------------------------------------------

def check_one(doc_id: int, doc: Document) -> tuple[int, Report | str]:
    """Check one document in a worker: (id, Report without its Document) or (id, error).

    Module-level and fed plain picklable records, so any executor can run it.
    """
    from .pipeline import check_document
    try:
        report = check_document(doc)
    except Exception as exc:  # noqa: BLE001
        # Hostile documents must not end a run over thousands: the document stays
        # unchecked (a later run tries again) and the error is reported in the summary.
        kind = "" if isinstance(exc, PerfparseError) else f"parser error: {type(exc).__name__}: "
        return doc_id, f"{doc.source}: {kind}{exc}"
    # The Document would travel back a second time for nothing.
    return doc_id, Report(report.source, report.meta, report.text, report.figures,
                          report.relations, report.checks)


def _worker_init(pid: int) -> None:
    """Pool worker initializer: leave Ctrl-C to the batch, and end with it.

    The batch process `pid` answers Ctrl-C by shutting the pool down; killed with SIGKILL
    it cannot, and idle workers would wait on their queue for ever.
    """
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass

    threading.Thread(target=watch, name="parent watch", daemon=True).start()


def _process_pool(workers: int | None) -> Executor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    # Forking a process that runs crawl threads can copy a held lock into the child;
    # forkserver starts workers from a clean single-threaded server instead.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() \
        else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_worker_init, initargs=(os.getpid(),))


class _DaskExecutor:
    """A Dask cluster's executor that also closes the client when shut down."""

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise MissingExtra("dask", "dask[distributed]", "--scheduler") from None
        try:
            self.client = Client(address, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SettingError("--scheduler", f"cannot connect to {address}: {exc}") from None
        self.executor = self.client.get_executor(pure=False)
        info = self.client.scheduler_info().get("workers", {})
        self.workers = max(1, sum(int(w.get("nthreads", 1)) for w in info.values()))

    def submit(self, fn: Any, *args: Any) -> Future:
        return self.executor.submit(fn, *args)

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        try:
            self.executor.shutdown(wait=wait)
        finally:
            self.client.close()


# -- crawl lanes ----------------------------------------------------------------------------

def _lane_crawler() -> type:
    from .scrape.crawl import Crawler

    class Lane(Crawler):
        """A Crawler that serves only the hosts it owns; other lanes serve the rest.

        Hosts are claimed in a table shared by the lanes: each lane starts owning its
        start URLs' hosts, and a host first met in the frontier (a subdomain, say) goes to
        the first lane that sees it, so no host is ever asked by two lanes at once.
        """

        def __init__(self, *args: Any, lane: str, owners: dict[str, str],
                     lock: threading.Lock, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self.lane = lane
            self.owners = owners
            self.lock = lock

        def _next(self) -> dict[str, Any] | None:
            with self.lock:
                mine = [h for h in self.store.queued_hosts()
                        if self.owners.setdefault(h, self.lane) == self.lane]
            if not mine:
                return None
            host = min(mine, key=lambda h: (self.fetcher.politeness.ready_at(h), h))
            return self.store.next_queued(host)

        def stop(self) -> None:
            # run() ends after the page in hand and leaves the crawl unfinished, so the
            # next run resumes it rather than starting over.
            self.max_pages = self.summary.seen

    return Lane


@dataclass
class _LaneRun:
    host: str
    sites: list[Site]
    crawler: Any = None
    summary: Any = None


def _lanes(sites: list[Site]) -> list[_LaneRun]:
    from .scrape.robots import host_id
    by_host: dict[str, list[Site]] = {}
    for site in sites:
        by_host.setdefault(host_id(site.start_url), []).append(site)
    return [_LaneRun(host, group) for host, group in by_host.items()]


def _profiles(sites: list[Site]) -> tuple[Any, ...]:
    from .scrape.profiles import Profile, default_profiles
    own = tuple(Profile(urlsplit(s.start_url).netloc.lower(), re.compile(s.profile),
                        note=f"SITES.csv profile of {s.county}")
                for s in sites if s.profile)
    return own + default_profiles()


def _run_lane(lane: _LaneRun, store_path: str, delay: float, owners: dict[str, str],
              lock: threading.Lock, stop: threading.Event, profiles: tuple[Any, ...],
              progress: bool, crawl_options: Mapping[str, Any]) -> None:
    """Crawl one lane's sites to the end, in the calling thread, on its own connection."""
    from .scrape.crawl import StartUrl
    from .scrape.fetch import Fetcher
    if stop.is_set():
        return
    Lane = _lane_crawler()
    with Store(store_path) as store:
        fetcher = Fetcher(delay=delay, **crawl_options)
        try:
            crawler = Lane(store, fetcher, profiles=profiles, lane=lane.host, owners=owners,
                           lock=lock)
            for site in lane.sites:
                crawler.add_start(StartUrl(site.start_url, site.county, site.province))
            if progress:
                from tqdm import tqdm
                counties = "/".join(dict.fromkeys(s.county for s in lane.sites))
                # Crawler.run ticks and closes the bar it finds in `_bar`.
                crawler._bar = tqdm(unit="page", file=sys.stderr, desc=f"crawl {counties}",
                                    leave=False, dynamic_ncols=True)
            lane.crawler = crawler
            if stop.is_set():
                crawler.stop()
            lane.summary = crawler.run()
        finally:
            fetcher.session.close()


# -- the run ------------------------------------------------------------------------------

class _Checker:
    """Feeds documents needing a check to the executor and stores the reports."""

    def __init__(self, store: Store, executor: Any, workers: int, summary: BatchSummary,
                 bar: Any):
        self.store = store
        self.executor = executor
        self.limit = max(1, workers) * INFLIGHT_PER_WORKER
        self.summary = summary
        self.bar = bar
        self.inflight: dict[Future, int] = {}
        self.skip: set[int] = set()   # unreadable this run: not offered again
        self.seen = 0                 # highest document id handed out so far

    def feed(self, after: int) -> None:
        """Submit every document with an id above `after` that needs a check."""
        busy = set(self.inflight.values())
        for doc_id, doc in self.store.documents_needing_check(after):
            if doc_id in busy or doc_id in self.skip:
                continue
            while len(self.inflight) >= self.limit:
                self.collect(None)
            self.inflight[self.executor.submit(check_one, doc_id, doc)] = doc_id
            self.seen = max(self.seen, doc_id)
            if self.bar is not None:
                self.bar.total = (self.bar.total or 0) + 1
                self.bar.refresh()

    def collect(self, timeout: float | None) -> None:
        """Store the results that are ready (waiting up to `timeout` for the first)."""
        if not self.inflight:
            return
        done, _ = wait(list(self.inflight), timeout=timeout, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=self.inflight.__getitem__):
            doc_id = self.inflight.pop(future)
            _, result = future.result()
            if isinstance(result, str):
                self.skip.add(doc_id)
                self.summary.errors.append(" ".join(result.split()))
            else:
                self.store.save_report(doc_id, result)
                self.summary.checked += 1
                self.summary.figures += len(result.figures)
                self.summary.checks += len(result.checks)
                self.summary.failed += len(result.failed)
            if self.bar is not None:
                self.bar.update(1)

    def drain(self) -> None:
        while self.inflight:
            self.collect(None)


def run_batch(sites_csv_or_rows: str | os.PathLike | Iterable[Mapping[str, Any]],
              store: str | os.PathLike = "perfparse.db", workers: int | None = None,
              delay: float = 1.0, scheduler: str | None = None, progress: bool = False,
              **crawl_options: Any) -> BatchSummary:
    """Crawl every site of a SITES.csv (or rows) into `store`, then check every document.

    Documents are checked on a process pool of `workers` (default: one per CPU), or on the
    Dask cluster at `scheduler`. Re-running resumes a killed run and checks only new or
    changed documents. `crawl_options` go to the Fetcher (timeout, retries, backoff …).
    """
    sites = read_sites(sites_csv_or_rows)
    if workers is not None and workers < 1:
        raise SettingError("--workers", "must be at least 1")
    if delay < 0:
        raise SettingError("--delay", "must be >= 0 seconds")
    store_path = os.fspath(store)
    summary = BatchSummary()
    lanes = _lanes(sites)
    profiles = _profiles(sites)
    # Every lane owns its start hosts before any runs, or a resumed frontier's queued
    # pages could be taken by the first lane to run.
    owners = {lane.host: lane.host for lane in lanes}
    lock = threading.Lock()
    stop = threading.Event()
    executor, n_workers = _executor(workers, scheduler)
    bar = _check_bar() if progress else None
    crawlers = ThreadPoolExecutor(max_workers=min(len(lanes), MAX_LANES),
                                  thread_name_prefix="crawl")
    try:
        with Store(store_path) as db:
            checker = _Checker(db, executor, n_workers, summary, bar)
            running = [crawlers.submit(_run_lane, lane, store_path, delay, owners, lock, stop,
                                       profiles, progress, crawl_options) for lane in lanes]
            try:
                # Check while the lanes crawl: each pass offers only documents stored since.
                while not all(f.done() for f in running):
                    checker.feed(checker.seen)
                    checker.collect(POLL_SECONDS)
                    if not checker.inflight:
                        wait(running, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in running:
                    future.result()  # a lane's exception ends the batch here
                # A last pass from the start finds documents re-stored under an old id.
                checker.feed(0)
                checker.drain()
            except BaseException:
                stop.set()
                for lane in lanes:
                    if lane.crawler is not None:
                        lane.crawler.stop()
                crawlers.shutdown(wait=True, cancel_futures=True)
                raise
            for lane in lanes:
                _add_crawl(summary, lane.summary)
            _add_counties(summary, db, sites)
    finally:
        crawlers.shutdown(wait=True)
        if bar is not None:
            bar.close()
        executor.shutdown(wait=True, cancel_futures=True)
    return summary


def check_store(store: str | os.PathLike = "perfparse.db", workers: int | None = None,
                scheduler: str | None = None, progress: bool = False) -> BatchSummary:
    """Check every stored document that is new or changed, without crawling.

    For a store filled by `perfparse crawl --no-check` or by hand: the check half of
    `run_batch`, on the same executors, streaming, and as resumable.
    """
    if workers is not None and workers < 1:
        raise SettingError("--workers", "must be at least 1")
    summary = BatchSummary()
    executor, n_workers = _executor(workers, scheduler)
    bar = _check_bar() if progress else None
    try:
        with Store(store) as db:
            checker = _Checker(db, executor, n_workers, summary, bar)
            checker.feed(0)
            checker.drain()
            _add_counties(summary, db, None)
    finally:
        if bar is not None:
            bar.close()
        executor.shutdown(wait=True, cancel_futures=True)
    return summary


def _executor(workers: int | None, scheduler: str | None) -> tuple[Any, int]:
    if scheduler:
        dask = _DaskExecutor(scheduler)
        return dask, dask.workers
    return _process_pool(workers), workers or os.cpu_count() or 1


def _check_bar() -> Any:
    from tqdm import tqdm
    return tqdm(unit="doc", file=sys.stderr, desc="check", total=0, dynamic_ncols=True)


def _add_crawl(summary: BatchSummary, crawl: Any) -> None:
    summary.pages += crawl.seen
    summary.stored += crawl.stored
    summary.unchanged += crawl.unchanged
    summary.fetch_failed += crawl.failed
    summary.blocked += crawl.blocked
    summary.disallowed += crawl.disallowed
    summary.crawl_finished = summary.crawl_finished and crawl.finished
    for label, urls in (("blocked", crawl.blocked_urls), ("failed", crawl.failed_urls),
                        ("disallowed", crawl.disallowed_urls)):
        summary.problem_urls += [(label, url) for url in urls]


def _add_counties(summary: BatchSummary, db: Store, sites: list[Site] | None) -> None:
    """The store's totals for the counties of `sites` (None: every county stored)."""
    from .export import county_totals
    totals = county_totals(db)
    keys = sorted(totals) if sites is None else dict.fromkeys((s.county, s.province) for s in sites)
    for county, province in keys:
        counts = totals.get((county, province), {})
        summary.counties.append(CountySummary(county, province, **counts))


# -- command line -------------------------------------------------------------------------

def register(subparsers: Any) -> None:
    """Add `batch` and `export` to the perfparse command line."""
    pb = subparsers.add_parser(
        "batch", help="crawl and check every site of a SITES.csv",
        description="Crawl every start URL of SITES.csv (one polite lane per host) and check "
        "every stored document on a process pool or a Dask cluster. Re-running resumes. "
        "The optional `profile` column is a regular expression that the portal's article "
        "URLs match, for portals the generic rules miss.")
    pb.add_argument("sites", metavar="SITES.csv",
                    help="header county,province,portal,start_url[,profile]")
    pb.add_argument("--store", default="perfparse.db", metavar="DB")
    pb.add_argument("--workers", type=positive_int("--workers"), metavar="N",
                    help="parsing processes (default: one per CPU)")
    pb.add_argument("--delay", type=seconds, default=1.0, metavar="S",
                    help="minimum seconds between requests to one host (default 1)")
    pb.add_argument("--scheduler", metavar="ADDRESS",
                    help="parse on this Dask scheduler (tcp://host:port) instead")
    pb.add_argument("--progress", action="store_true",
                    help="show progress bars even when stderr is not a terminal")
    pb.add_argument("--no-progress", action="store_true")
    pb.set_defaults(func=cmd_batch)

    pe = subparsers.add_parser("export", help="write the store's tables as Parquet or CSV")
    pe.add_argument("--store", default="perfparse.db", metavar="DB")
    pe.add_argument("--format", choices=("parquet", "csv"), required=True)
    pe.add_argument("-o", "--output", required=True, metavar="DIR")
    pe.set_defaults(func=cmd_export)


def cmd_batch(args: argparse.Namespace) -> int:
    from concurrent.futures import BrokenExecutor
    progress = not args.no_progress and (args.progress or sys.stderr.isatty())
    try:
        summary = run_batch(args.sites, store=args.store, workers=args.workers,
                            delay=args.delay, scheduler=args.scheduler, progress=progress)
    except BrokenExecutor as exc:
        # A worker killed from outside (out of memory, say): what is stored stays stored.
        raise WorkerDied(f"a parsing worker died ({exc or type(exc).__name__}); run the same "
                         "command again to resume") from exc
    print(summary)
    if summary.problem_urls and not summary.stored and not summary.unchanged \
            and not any(c.documents for c in summary.counties):
        # Every site unreachable, blocked or disallowed: a setup problem, not a result.
        first = summary.problem_urls[0][1]
        raise FetchError(first, "nothing could be fetched (see the lines above)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export
    paths = export(args.store, args.output, args.format)
    for table, path in paths.items():
        print(f"{table}: {path}")
    return 0


batch = run_batch

__all__ = ["BatchSummary", "CountySummary", "Site", "batch", "check_one", "check_store",
           "read_sites", "register", "run_batch"]
