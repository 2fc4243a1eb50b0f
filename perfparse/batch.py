"""Batch runs across many counties: crawl every site of a SITES.csv, check every document.

The hosts are split between worker processes — a pool of them by default, the workers of
a Dask cluster with `scheduler` — and each worker crawls its own hosts (hundreds at once,
one request at a time per host, the run's delay between requests), reads what it
downloads and checks the documents. The main process only schedules and writes: it hands
each host its queued URLs a few at a time and stores what comes back, one transaction per
batch. Everything lives in the store, so a killed run resumes: the frontier picks up where
it stopped and documents already checked (same content hash) are skipped.
"""
from __future__ import annotations

import argparse
import csv
import io
import logging
import math
import os
import queue
import re
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from .errors import (FetchError, InputError, MissingExtra, PerfparseError, SettingError,
                     UndecodableInput, WorkerDied)
from .options import positive_int, positive_seconds, seconds
from .records import Document, Report
from .store import Store, document_from_row, report_rows

log = logging.getLogger("perfparse.batch")

SITE_COLUMNS = ("county", "province", "portal", "start_url")
OPTIONAL_COLUMNS = ("profile",)
# Columns that must not be empty on any row (`portal` is a label and may be).
REQUIRED_VALUES = ("county", "province", "start_url")
# Stored documents per task of a check pass: one pickling and one future per chunk.
CHUNK_DOCS = 64
# Chunks handed to the executor ahead of the results, per worker: enough to keep the
# workers busy, few enough that memory does not grow with the number of documents.
INFLIGHT_PER_WORKER = 4
# How often a pool worker looks whether the batch process that started it still runs.
PARENT_POLL_SECONDS = 1.0
# Problem URLs printed per kind in the summary; the store's frontier table has them all.
PRINTED_PROBLEMS = 20
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
    hosts: int = 0
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
            f"crawl: {self.pages} pages fetched from {self.hosts} hosts, "
            f"{self.stored} documents stored, "
            f"{self.unchanged} unchanged, {self.fetch_failed} failed, {self.blocked} blocked, "
            f"{self.disallowed} disallowed by robots.txt"
            + ("" if self.crawl_finished else " (stopped before the frontier was empty)"),
            f"check: {self.checked} documents checked this run: {self.figures} figures, "
            f"{self.checks} checks, {self.failed} failed"
            + (f", {len(self.errors)} could not be read" if self.errors else "")]
        shown: dict[str, int] = {}
        for label, url in self.problem_urls:
            shown[label] = shown.get(label, 0) + 1
            if shown[label] <= PRINTED_PROBLEMS:
                lines.append(f"  {label}: {url}")
        totals = {"failed": self.fetch_failed, "blocked": self.blocked,
                  "disallowed": self.disallowed}
        for label, n in shown.items():
            if totals.get(label, n) > PRINTED_PROBLEMS:
                lines.append(f"  … and {totals[label] - PRINTED_PROBLEMS} more {label} "
                             "(the store's frontier table lists them all)")
        lines += [f"  unreadable: {e}" for e in self.errors[:PRINTED_PROBLEMS]]
        if len(self.errors) > PRINTED_PROBLEMS:
            lines.append(f"  … and {len(self.errors) - PRINTED_PROBLEMS} more unreadable")
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
        return doc_id, _check_error(doc.source, exc)
    # The Document would travel back a second time for nothing.
    return doc_id, Report(report.source, report.meta, report.text, report.figures,
                          report.relations, report.checks)


def _check_error(source: str, exc: Exception) -> str:
    # Hostile documents must not end a run over thousands: the document stays unchecked
    # (a later run tries again) and the error is reported in the summary.
    kind = "" if isinstance(exc, PerfparseError) else f"parser error: {type(exc).__name__}: "
    return " ".join(f"{source}: {kind}{exc}".split())


def check_rows(rows: Sequence[Mapping[str, Any]]
               ) -> list[tuple[int, str, dict[str, list[tuple]] | str]]:
    """Check stored documents in a worker: (id, checked content hash, rows or error) each.

    Fed the store's raw rows (Store.unchecked_rows) and answering with the report's rows
    ready for executemany, so the writing process neither decodes nor encodes anything.
    """
    from .pipeline import check_document
    out: list[tuple[int, str, dict[str, list[tuple]] | str]] = []
    for row in rows:
        try:
            result: dict[str, list[tuple]] | str = report_rows(
                check_document(document_from_row(row)))
        except Exception as exc:  # noqa: BLE001
            result = _check_error(row["url"], exc)
        out.append((row["id"], row["content_hash"], result))
    return out


def _worker_init(pid: int, levels: Mapping[str, int] | None = None) -> None:
    """Pool worker initializer: leave Ctrl-C to the batch, and end with it; log at the
    levels the batch process uses.

    The batch process `pid` answers Ctrl-C by shutting the pool down; killed with SIGKILL
    it cannot, and idle workers would wait on their queue for ever.
    """
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name, level in (levels or {}).items():
        logging.getLogger(name or None).setLevel(level)

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


def _mp_context() -> Any:
    import multiprocessing
    # Forking a process that runs threads can copy a held lock into the child;
    # forkserver starts workers from a clean single-threaded server instead.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() \
        else "spawn"
    return multiprocessing.get_context(method)


def _process_pool(workers: int | None) -> Executor:
    from concurrent.futures import ProcessPoolExecutor
    return ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                               initializer=_worker_init,
                               initargs=(os.getpid(), _logging_levels()))


class _Cluster:
    """A connection to a Dask scheduler: its executor checks, its workers crawl."""

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise MissingExtra("dask", "dask[distributed]", "--scheduler") from None
        try:
            self.client = Client(address, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SettingError("--scheduler", f"cannot connect to {address}: {exc}") from None
        info = self.client.scheduler_info().get("workers", {})
        self.addresses = sorted(info)
        self.workers = max(1, sum(int(w.get("nthreads", 1)) for w in info.values()))
        self._executor: Any = None

    @property
    def executor(self) -> Any:
        if self._executor is None:
            self._executor = self.client.get_executor(pure=False)
        return self._executor

    def close(self) -> None:
        try:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
        finally:
            self.client.close()


class _DaskExecutor:
    """A Dask cluster's executor that also closes the client when shut down."""

    def __init__(self, address: str):
        self.cluster = _Cluster(address)
        self.workers = self.cluster.workers

    def submit(self, fn: Any, *args: Any) -> Future:
        return self.cluster.executor.submit(fn, *args)

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        self.cluster.close()


# -- crawling shards ------------------------------------------------------------------------

def _logging_levels() -> dict[str, int]:
    """The levels this process's loggers were given (by the command line, say), for
    worker processes started from scratch to mirror."""
    levels = {"": logging.getLogger().getEffectiveLevel()}
    for name, logger in logging.Logger.manager.loggerDict.items():
        if isinstance(logger, logging.Logger) and logger.level != logging.NOTSET:
            levels[name] = logger.level
    return levels


class _ForwardLogs(logging.Handler):
    """A crawling worker's handler: every record goes to the batch process, which hands
    it to its own loggers — so the command line's logging settings rule workers too."""

    def __init__(self, send: Any):
        super().__init__()
        self._send = send

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            fields = dict(record.__dict__, msg=record.getMessage(), args=None,
                          exc_info=None)
            self._send(("log", fields))
        except Exception:  # noqa: BLE001
            self.handleError(record)


def _relog(fields: Mapping[str, Any]) -> None:
    record = logging.makeLogRecord(dict(fields))
    logger = logging.getLogger(record.name)
    if logger.isEnabledFor(record.levelno):
        logger.handle(record)


def _shard_main(commands: Any, results: Any, settings: Any, limit: int,
                options: Mapping[str, Any], levels: Mapping[str, int]) -> None:
    """A crawling worker process: serve the hosts the batch feeds, send back outcomes."""
    import signal
    from .scrape.hosts import HostPool
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's to answer
    lock = threading.Lock()

    def send(message: Any) -> None:
        with lock:
            results.send(message)

    root = logging.getLogger()
    for name, level in levels.items():
        logging.getLogger(name or None).setLevel(level)
    root.addHandler(_ForwardLogs(send))
    pool = HostPool(settings, limit=limit, fetcher_options=options)
    done = threading.Event()

    def listen() -> None:
        try:
            while True:
                message = commands.recv()
                if message[0] != "feed":
                    break
                pool.feed(message[1])
        except (EOFError, OSError):
            pass  # the batch is gone: stop too
        pool.stop()
        done.set()

    threading.Thread(target=listen, name="commands", daemon=True).start()
    try:
        while not done.is_set():
            outcomes = pool.take(0.1)
            if outcomes:
                send(outcomes)
    except (BrokenPipeError, EOFError, OSError):
        pass
    finally:
        pool.close(0.0)
        # Host threads still waiting on a socket are daemons: leave without them.
        os._exit(0)


class _ProcessShard:
    """A worker process crawling its share of the hosts, fed and read through pipes."""

    def __init__(self, ctx: Any, inbox: "queue.SimpleQueue[Any]", settings: Any, limit: int,
                 options: Mapping[str, Any]):
        # Pipe(duplex=False) gives (reading end, writing end).
        child_commands, self._commands = ctx.Pipe(duplex=False)
        self._results, child_results = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_shard_main, name="perfparse crawl worker",
                                args=(child_commands, child_results, settings, limit, options,
                                      _logging_levels()),
                                daemon=True)
        self.proc.start()
        # Only the child holds its ends now: its death is an end of file here.
        child_commands.close()
        child_results.close()
        self._inbox = inbox
        self._stopping = False
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._receive, name="crawl results",
                                        daemon=True)
        self._reader.start()

    def _receive(self) -> None:
        from .scrape.crawl import ShardDied
        try:
            while True:
                message = self._results.recv()
                if isinstance(message, tuple):
                    _relog(message[1])
                    continue
                for outcome in message:
                    self._inbox.put(outcome)
        except (EOFError, OSError):
            pass
        if not self._stopping:
            self.proc.join(2)
            self._inbox.put(ShardDied(f"exit code {self.proc.exitcode}"))

    def feed(self, items: list[Any]) -> None:
        with self._lock:
            try:
                self._commands.send(("feed", items))
            except (BrokenPipeError, OSError):
                pass  # the receiver reports the death

    def stop(self) -> None:
        with self._lock:
            if self._stopping:
                return
            self._stopping = True
            try:
                self._commands.send(("stop",))
            except (BrokenPipeError, OSError):
                pass

    def close(self, wait: float = 5.0) -> None:
        self.stop()
        self.proc.join(wait)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(2)
        self._reader.join(2)  # it ends at the end of file the child's exit leaves
        self._commands.close()
        self._results.close()


def _process_shards(workers: int, hosts: int, settings: Any, options: Mapping[str, Any]
                    ) -> Any:
    def make(inbox: "queue.SimpleQueue[Any]") -> list[_ProcessShard]:
        ctx = _mp_context()
        per = math.ceil(hosts / workers)
        return [_ProcessShard(ctx, inbox, settings, per, options) for _ in range(workers)]
    return make


# Calls on a Dask actor whose connection fails are tried again this often, pausing 2, 4, 6 s.
ACTOR_RETRIES = 3
ACTOR_RETRY_PAUSE = 2.0


class _DaskShard:
    """A HostPool living on one Dask worker as an actor, polled for its outcomes."""

    def __init__(self, cluster: _Cluster, address: str, inbox: "queue.SimpleQueue[Any]",
                 settings: Any, limit: int, options: Mapping[str, Any]):
        from .scrape.hosts import DaskHostPool
        future = cluster.client.submit(DaskHostPool, settings, limit=limit,
                                       fetcher_options=dict(options), actor=True,
                                       workers=[address], allow_other_workers=False,
                                       pure=False)
        # The actor's handle binds to the "current" client when made; ours is not the
        # process-wide default (set_as_default=False), so make it current for this.
        with cluster.client.as_current():
            self.actor = future.result(timeout=120)
        self._inbox = inbox
        self._stopping = threading.Event()
        self._reader = threading.Thread(target=self._receive, name="dask crawl results",
                                        daemon=True)
        self._reader.start()

    def _call(self, method: str, *args: Any) -> Any:
        """One call on the actor. A connection that fails (OSError: on a loaded machine the
        worker may not answer a connect in time) is tried again after a pause, a few times:
        only a worker that stays unreachable has died."""
        for attempt in range(ACTOR_RETRIES + 1):
            try:
                return getattr(self.actor, method)(*args).result(timeout=60)
            except OSError:
                if attempt == ACTOR_RETRIES or self._stopping.is_set():
                    raise
                log.info("dask actor unreachable on %s, trying again", method)
                self._stopping.wait(ACTOR_RETRY_PAUSE * (attempt + 1))

    def _receive(self) -> None:
        from .scrape.crawl import ShardDied
        while not self._stopping.is_set():
            try:
                outcomes = self._call("take", 0.2)
            except Exception as exc:  # noqa: BLE001
                if not self._stopping.is_set():
                    self._inbox.put(ShardDied(f"{type(exc).__name__}: {exc}"))
                return
            for outcome in outcomes:
                self._inbox.put(outcome)

    def feed(self, items: list[Any]) -> None:
        try:
            self._call("feed", items)
        except Exception as exc:  # noqa: BLE001
            from .scrape.crawl import ShardDied
            self._inbox.put(ShardDied(f"{type(exc).__name__}: {exc}"))

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        self._stopping.set()
        try:
            self.actor.stop().result(timeout=10)
        except Exception:  # noqa: BLE001
            pass  # the worker is gone already

    def close(self, wait: float = 5.0) -> None:
        self.stop()
        self._reader.join(wait + 1)
        try:
            self.actor.close(0.0).result(timeout=wait + 5)
        except Exception:  # noqa: BLE001
            pass


def _dask_shards(cluster: _Cluster, hosts: int, settings: Any, options: Mapping[str, Any]
                 ) -> Any:
    def make(inbox: "queue.SimpleQueue[Any]") -> list[_DaskShard]:
        per = math.ceil(hosts / max(1, len(cluster.addresses)))
        return [_DaskShard(cluster, address, inbox, settings, per, options)
                for address in cluster.addresses]
    return make


def _profiles(sites: list[Site]) -> tuple[Any, ...]:
    from .scrape.profiles import Profile, default_profiles
    own = tuple(Profile(urlsplit(s.start_url).netloc.lower(), re.compile(s.profile),
                        note=f"SITES.csv profile of {s.county}")
                for s in sites if s.profile)
    return own + default_profiles()


# -- the run ------------------------------------------------------------------------------

class _Checker:
    """Feeds stored documents needing a check to the executor, CHUNK_DOCS per task, and
    stores the rows it gets back: every result ready at once in one transaction."""

    def __init__(self, store: Store, executor: Any, workers: int, summary: BatchSummary,
                 bar: Any, skip: Iterable[int] = ()):
        self.store = store
        self.executor = executor
        self.limit = max(1, workers) * INFLIGHT_PER_WORKER
        self.summary = summary
        self.bar = bar
        self.skip = set(skip)   # unreadable this run: not offered again
        self.inflight: set[Future] = set()
        self.after = 0          # highest document id handed out so far

    def run(self) -> None:
        exhausted = False
        while True:
            while not exhausted and len(self.inflight) < self.limit:
                rows = self.store.unchecked_rows(self.after, CHUNK_DOCS)
                if not rows:
                    exhausted = True
                    break
                self.after = rows[-1]["id"]
                rows = [r for r in rows if r["id"] not in self.skip]
                if rows:
                    self.inflight.add(self.executor.submit(check_rows, rows))
                    if self.bar is not None:
                        self.bar.total = (self.bar.total or 0) + len(rows)
                        self.bar.refresh()
            if not self.inflight:
                return
            done, self.inflight = wait(self.inflight, return_when=FIRST_COMPLETED)
            self._save([r for future in done for r in future.result()])

    def _save(self, results: list[tuple[int, str, Any]]) -> None:
        reports = [(doc_id, rows, digest) for doc_id, digest, rows in results
                   if not isinstance(rows, str)]
        self.store.save_reports(reports)
        s = self.summary
        for doc_id, _, rows in results:
            if isinstance(rows, str):
                self.skip.add(doc_id)
                s.errors.append(rows)
                continue
            s.checked += 1
            s.figures += len(rows.get("figures", ()))
            s.checks += len(rows.get("checks", ()))
            s.failed += sum(1 for row in rows.get("checks", ()) if row[2] == "fail")
        if self.bar is not None:
            self.bar.update(len(results))


def run_batch(sites_csv_or_rows: str | os.PathLike | Iterable[Mapping[str, Any]],
              store: str | os.PathLike = "perfparse.db", workers: int | None = None,
              delay: float = 1.0, scheduler: str | None = None, progress: bool = False,
              hosts: int | None = None, allow_offsite: bool = False,
              **crawl_options: Any) -> BatchSummary:
    """Crawl every site of a SITES.csv (or rows) into `store`, checking every document.

    The hosts are crawled `hosts` at a time (default 256) on `workers` processes (default:
    one per CPU), or on the workers of the Dask cluster at `scheduler`; each worker reads
    and checks what it downloads. Re-running resumes a killed run and checks only new or
    changed documents. `crawl_options` go to the Fetcher (timeout, retries, backoff …).

    If a worker dies the run raises WorkerDied, whose `summary` says what was stored.
    """
    from .scrape.crawl import Crawler, StartUrl
    from .scrape.hosts import HOSTS
    from .scrape.visit import Settings
    sites = read_sites(sites_csv_or_rows)
    if workers is not None and workers < 1:
        raise SettingError("--workers", "must be at least 1")
    if delay < 0:
        raise SettingError("--delay", "must be >= 0 seconds")
    hosts = HOSTS if hosts is None else hosts
    if hosts < 1:
        raise SettingError("--hosts", "must be at least 1")
    timeout = crawl_options.get("timeout")
    if timeout is not None and not isinstance(timeout, tuple) and not timeout > 0:
        raise SettingError("--timeout", "must be more than 0 seconds")
    store_path = os.fspath(store)
    summary = BatchSummary()
    profiles = _profiles(sites)
    options = dict(delay=delay, allow_offsite=allow_offsite, **crawl_options)
    settings = Settings(allow_offsite=allow_offsite, profiles=profiles, check=True)
    from .scrape.robots import host_id
    start_hosts = len({host_id(s.start_url) for s in sites})
    cluster = _Cluster(scheduler) if scheduler else None
    executor: Any = None
    bar = _check_bar() if progress else None
    try:
        if cluster is not None:
            shards = _dask_shards(cluster, hosts, settings, options)
            n_workers = cluster.workers
        else:
            n_workers = workers or os.cpu_count() or 1
            shards = _process_shards(min(n_workers, start_hosts), hosts, settings, options)
        with Store(store_path) as db:
            crawler = Crawler(db, allow_offsite=allow_offsite, profiles=profiles,
                              progress=progress, hosts=hosts, check=True,
                              fetcher_options=options, shards=shards)
            for site in sites:
                crawler.add_start(StartUrl(site.start_url, site.county, site.province))
            if bar is not None:
                crawler.on_batch = lambda outcomes: _tick_checked(bar, outcomes)
            crawled = False
            try:
                crawl = crawler.run()
                crawled = True
                _add_crawl(summary, crawl)
                # Documents stored earlier and never checked (a killed run, `crawl
                # --no-check`), on the executor; those that failed this run are skipped.
                if _needs_check(db, crawler.errored_ids):
                    executor = cluster.executor if cluster is not None \
                        else _process_pool(workers)
                    _Checker(db, executor, n_workers, summary, bar,
                             crawler.errored_ids).run()
            except BaseException as exc:
                # Whatever ends the run, what was stored stays stored: say what it is.
                if not crawled:
                    _add_crawl(summary, crawler.summary)
                _add_counties(summary, db, sites)
                try:
                    exc.summary = summary  # type: ignore[attr-defined]
                except AttributeError:
                    pass
                raise
            _add_counties(summary, db, sites)
    finally:
        if bar is not None:
            bar.close()
        if cluster is not None:
            cluster.close()
        elif executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
    return summary


def _needs_check(db: Store, skip: set[int]) -> bool:
    """Whether a document other than those in `skip` needs a check (so that a run with
    nothing left to check starts no process pool)."""
    after = 0
    while True:
        rows = db.unchecked_rows(after, 256)
        if not rows:
            return False
        if any(r["id"] not in skip for r in rows):
            return True
        after = rows[-1]["id"]


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
            _Checker(db, executor, n_workers, summary, bar).run()
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


def _tick_checked(bar: Any, outcomes: Sequence[Any]) -> None:
    # Documents checked where they were crawled count on the check bar too.
    n = sum(1 for o in outcomes if o.report is not None or o.report_error is not None)
    if n:
        bar.total = (bar.total or 0) + n
        bar.update(n)


def _check_bar() -> Any:
    from tqdm import tqdm
    return tqdm(unit="doc", file=sys.stderr, desc="check", total=0, dynamic_ncols=True)


def _add_crawl(summary: BatchSummary, crawl: Any) -> None:
    summary.pages += crawl.seen
    summary.hosts += crawl.hosts
    summary.stored += crawl.stored
    summary.unchanged += crawl.unchanged
    summary.fetch_failed += crawl.failed
    summary.blocked += crawl.blocked
    summary.disallowed += crawl.disallowed
    summary.crawl_finished = summary.crawl_finished and crawl.finished
    summary.checked += crawl.checked
    summary.figures += crawl.figures
    summary.checks += crawl.checks
    summary.failed += crawl.failed_checks
    summary.errors += crawl.errors
    for label, urls in (("blocked", crawl.blocked_urls), ("failed", crawl.failed_urls),
                        ("disallowed", crawl.disallowed_urls)):
        summary.problem_urls += [(label, url) for url in urls]


def _add_counties(summary: BatchSummary, db: Store, sites: list[Site] | None) -> None:
    """The store's totals for the counties of `sites` (None: every county stored)."""
    from .export import county_totals
    totals = county_totals(db)
    keys = sorted(totals) if sites is None else dict.fromkeys((s.county, s.province) for s in sites)
    summary.counties = []
    for county, province in keys:
        counts = totals.get((county, province), {})
        summary.counties.append(CountySummary(county, province, **counts))


# -- command line -------------------------------------------------------------------------

def register(subparsers: Any) -> None:
    """Add `batch` and `export` to the perfparse command line."""
    pb = subparsers.add_parser(
        "batch", help="crawl and check every site of a SITES.csv",
        description="Crawl every start URL of SITES.csv and check every document. Hundreds "
        "of hosts are crawled at once, each one request at a time; worker processes (or "
        "the workers of a Dask cluster) crawl, read and check, the main process writes the "
        "store. Re-running resumes. The optional `profile` column is a regular expression "
        "that the portal's article URLs match, for portals the generic rules miss.")
    pb.add_argument("sites", metavar="SITES.csv",
                    help="header county,province,portal,start_url[,profile]")
    pb.add_argument("--store", default="perfparse.db", metavar="DB")
    pb.add_argument("--workers", type=positive_int("--workers"), metavar="N",
                    help="crawling and parsing processes (default: one per CPU)")
    pb.add_argument("--delay", type=seconds, default=1.0, metavar="S",
                    help="minimum seconds between requests to one host (default 1)")
    pb.add_argument("--hosts", type=positive_int("--hosts"), metavar="N",
                    help="hosts crawled at once, over all workers (default 256)")
    pb.add_argument("--timeout", type=positive_seconds("--timeout"), metavar="S",
                    help="give up on a request after S seconds, headers and body included "
                    "(default 30)")
    pb.add_argument("--allow-offsite", action="store_true",
                    help="follow links and redirects to other hosts")
    pb.add_argument("--scheduler", metavar="ADDRESS",
                    help="crawl and parse on the workers of this Dask scheduler "
                    "(tcp://host:port) instead")
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
    options: dict[str, Any] = {}
    if args.timeout is not None:
        options["timeout"] = args.timeout
    try:
        summary = run_batch(args.sites, store=args.store, workers=args.workers,
                            delay=args.delay, scheduler=args.scheduler, progress=progress,
                            hosts=args.hosts, allow_offsite=args.allow_offsite, **options)
    except (BrokenExecutor, PerfparseError, KeyboardInterrupt) as exc:
        # What was stored before the end stays stored: say what it is, then the error.
        partial = getattr(exc, "summary", None)
        if partial is not None:
            print(partial)
        if isinstance(exc, BrokenExecutor):
            # A worker killed from outside (out of memory, say).
            raise WorkerDied(f"a parsing worker died ({exc or type(exc).__name__}); run "
                             "the same command again to resume") from exc
        raise
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
