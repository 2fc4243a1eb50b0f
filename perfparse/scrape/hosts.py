"""Many hosts crawled at once: a queue per host, one thread per host in flight.

A `HostPool` is fed frontier items and gives back Outcomes. Each host with queued items
gets a thread (at most `limit` at a time; the others wait their turn in arrival order)
that visits its items one after another, so concurrency per host is one and the
politeness delay is a sleep in that thread. Taking a host's next item is a deque pop:
O(1), whatever the size of the frontier.

Why threads and not an event loop: requests is blocking, and the readers and checks run in
the same thread right after the download. A thread waiting on a socket or a delay costs
no CPU and a few tens of KiB; a few hundred per process measure fine (benchmarks/
bench_hosts.py). The bound is file descriptors (one socket per host in flight; the soft
limit is raised to fit, or `limit` lowered with a warning) and memory (attachment
downloads, up to 50 MB each, are limited to a few at once).

Nothing here touches the store: a pool runs in the crawling process, in a pool worker
(batch), or on a Dask worker as an actor (batch --scheduler).
"""
from __future__ import annotations

import logging
import queue
import threading
from collections import deque
from typing import Any, Mapping

from .fetch import Fetcher
from .politeness import Politeness
from .visit import Item, Outcome, Settings, visit

log = logging.getLogger("perfparse.scrape.hosts")

# Hosts in flight at once (--hosts): the run's default, split between the processes.
HOSTS = 256
# Consecutive network failures (timeouts, refused connections) after which a host's
# remaining items fail at once: a dead or hostile server costs minutes, not days.
MAX_HOST_FAILURES = 5
# Attachment downloads at once per pool, at least: each may hold MAX_BYTES in memory.
BIG_DOWNLOADS = 4
# File descriptors kept for everything that is not a host's socket (store, pipes, files).
SPARE_FDS = 64


def _fit_fd_limit(limit: int) -> int:
    """Raise the soft RLIMIT_NOFILE to fit `limit` sockets; returns the limit that fits."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return limit
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = limit * 2 + SPARE_FDS  # a socket per host, and one more while reconnecting
    if soft != resource.RLIM_INFINITY and soft < need:
        target = need if hard == resource.RLIM_INFINITY else min(need, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    if soft != resource.RLIM_INFINITY and soft < need:
        fitted = max(1, (soft - SPARE_FDS) // 2)
        log.warning("only %d file descriptors: %d hosts in flight instead of %d",
                    soft, fitted, limit)
        return fitted
    return limit


class HostPool:
    """Visits fed items, each host in its own thread; outcomes go to `out`.

    `fetcher` serves every host when given (a caller's session); otherwise each host
    gets its own Fetcher built from `fetcher_options`, all sharing one Politeness.
    """

    def __init__(self, settings: Settings, *, limit: int = HOSTS,
                 fetcher: Fetcher | None = None,
                 fetcher_options: Mapping[str, Any] | None = None,
                 out: "queue.SimpleQueue[Any] | None" = None):
        self.settings = settings
        self.limit = _fit_fd_limit(max(1, limit))
        self.out: queue.SimpleQueue[Any] = out if out is not None else queue.SimpleQueue()
        self._options = dict(fetcher_options or {})
        self._shared = fetcher
        delay = fetcher.politeness.delay if fetcher is not None else \
            float(self._options.get("delay", 1.0))
        self._politeness = fetcher.politeness if fetcher is not None else Politeness(delay)
        # A host thread with nothing queued waits this long for more before it ends: the
        # writer's next items usually arrive well within one politeness delay.
        self._linger = min(2.0, max(0.25, delay))
        self._fetchers: dict[str, Fetcher] = {}
        self._queues: dict[str, deque[Item]] = {}
        self._conds: dict[str, threading.Condition] = {}
        self._lock = threading.Lock()
        self._active: set[str] = set()
        self._waiting: deque[str] = deque()
        self._waiting_set: set[str] = set()
        self._failures: dict[str, int] = {}
        self._dead: dict[str, str] = {}
        self._threads: set[threading.Thread] = set()
        self._stopping = False
        self._big = threading.BoundedSemaphore(max(BIG_DOWNLOADS, self.limit // 32))

    # -- fed by the writer --------------------------------------------------------------
    def feed(self, items: list[Item]) -> None:
        """Queue items; a host not yet in flight starts if there is room, else waits."""
        with self._lock:
            if self._stopping:
                return
            for item in items:
                host = item.host
                self._queues.setdefault(host, deque()).append(item)
                if host in self._active:
                    self._conds[host].notify()
                elif host not in self._waiting_set:
                    if len(self._active) < self.limit:
                        self._start(host)
                    else:
                        self._waiting.append(host)
                        self._waiting_set.add(host)

    def take(self, timeout: float) -> list[Outcome]:
        """Outcomes ready now, waiting up to `timeout` for the first."""
        got: list[Outcome] = []
        try:
            got.append(self.out.get(timeout=timeout))
            while True:
                got.append(self.out.get_nowait())
        except queue.Empty:
            pass
        return got

    @property
    def in_flight(self) -> int:
        """Hosts with a thread right now."""
        return len(self._active)

    def idle(self) -> bool:
        with self._lock:
            return not self._active and not any(self._queues.values())

    def stop(self) -> None:
        """Start nothing new; each host thread ends after the item in hand. Items still
        queued are dropped: they stay queued in the store for the next run."""
        with self._lock:
            self._stopping = True
            self._waiting.clear()
            self._waiting_set.clear()
            for cond in self._conds.values():
                cond.notify_all()

    def close(self, wait: float = 5.0) -> None:
        """stop(), wait up to `wait` seconds for the threads, close the sessions."""
        self.stop()
        for thread in list(self._threads):
            thread.join(wait)
        if self._shared is None:
            for fetcher in self._fetchers.values():
                fetcher.close()

    # -- host threads ---------------------------------------------------------------------
    def _start(self, host: str) -> None:
        # Called with the lock held.
        self._active.add(host)
        if host not in self._conds:
            self._conds[host] = threading.Condition(self._lock)
        thread = threading.Thread(target=self._run, args=(host,), name=f"host {host}",
                                  daemon=True)
        self._threads.add(thread)
        thread.start()

    def _fetcher(self, host: str) -> Fetcher:
        if self._shared is not None:
            return self._shared
        fetcher = self._fetchers.get(host)
        if fetcher is None:
            # Kept for the run once made: its robots.txt rules outlive the host's thread.
            fetcher = Fetcher(politeness=self._politeness, **self._options)
            self._fetchers[host] = fetcher
        return fetcher

    def _run(self, host: str) -> None:
        fetcher = self._fetcher(host)
        try:
            while True:
                item = self._next(host, fetcher)
                if item is None:
                    return
                self.out.put(self._visit(host, item, fetcher))
        finally:
            self._threads.discard(threading.current_thread())

    def _next(self, host: str, fetcher: Fetcher) -> Item | None:
        with self._lock:
            q = self._queues.get(host)
            if not q and not self._stopping:
                self._conds[host].wait_for(lambda: self._queues.get(host) or self._stopping,
                                           timeout=self._linger)
                q = self._queues.get(host)
            if q and not self._stopping:
                return q.popleft()
            # Leave: the host has nothing queued (or the pool stops); a waiting host
            # takes the place. The host's sockets close first, while no other thread
            # can be serving it; a later thread for the host reconnects.
            if self._shared is None:
                fetcher.close()
            self._active.discard(host)
            if not q:
                self._queues.pop(host, None)
            while self._waiting and not self._stopping:
                nxt = self._waiting.popleft()
                self._waiting_set.discard(nxt)
                if self._queues.get(nxt):
                    self._start(nxt)
                    break
            return None

    def _visit(self, host: str, item: Item, fetcher: Fetcher) -> Outcome:
        dead = self._dead.get(host)
        if dead is not None:
            error = f"{item.url}: not fetched: {dead}"
            out = Outcome(item, result="failed", state="failed", error=error)
            out.pages = [dict(url=item.url, status=0, kind=item.kind, error=error)]
            return out
        out = visit(item, fetcher, self.settings, self._big)
        if out.network:
            n = self._failures.get(host, 0) + 1
            self._failures[host] = n
            if n >= MAX_HOST_FAILURES:
                self._dead[host] = (f"{host} failed {n} times in a row on the network "
                                    f"(last: {out.error})")
                log.warning("giving up on %s for this run: %d network failures in a row",
                            host, n)
        elif out.seen:
            self._failures[host] = 0  # the server answered
        return out


class DaskHostPool(HostPool):
    """A HostPool run as a Dask actor: `take` is a coroutine, so waiting for outcomes
    runs on the worker's event loop and never holds up `feed` in the actor's thread."""

    async def take(self, timeout: float) -> list[Outcome]:  # type: ignore[override]
        import asyncio
        loop = asyncio.get_running_loop()
        until = loop.time() + timeout
        while True:
            got = HostPool.take(self, 0)
            if got or loop.time() >= until:
                return got
            await asyncio.sleep(0.02)
