"""A wall-clock deadline per request, headers and body included.

requests' `timeout` bounds each socket read, so a server that sends one byte every few
seconds — in the headers or in the body — keeps a request alive for ever. Here a request
runs under `deadline(seconds)`: the connection it uses registers its socket, and one
watchdog thread shuts that socket down when the time is up. The blocked read returns at
once, the request fails, and `Deadline.expired` says why.

Sessions get this through `DeadlineAdapter` (mounted by `mount`), whose connections
register their socket with the calling thread's current deadline.
"""
from __future__ import annotations

import heapq
import itertools
import socket
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_local = threading.local()


class Deadline:
    """One request's deadline: the sockets it uses and whether time ran out."""

    def __init__(self, seconds: float):
        self.when = time.monotonic() + seconds
        self.seconds = seconds
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._armed = True

    def attach(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if not self._armed:
                return
            self._socks.append(sock)
            late = self.expired or time.monotonic() >= self.when
        if late:
            self._fire()

    def remaining(self) -> float:
        return self.when - time.monotonic()

    def _fire(self) -> None:
        with self._lock:
            if not self._armed:
                return
            self.expired = True
            socks, self._socks = self._socks, []
        for sock in socks:
            try:
                # The base class's shutdown: on an SSLSocket it leaves the TLS object to
                # the thread that is reading, which then sees the connection end.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except OSError:
                pass  # already closed: the request ended on its own

    def disarm(self) -> None:
        with self._lock:
            self._armed = False
            self._socks = []


class _Watchdog:
    """One thread for every deadline of the process: sleeps until the earliest is due."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Deadline]] = []
        self._count = itertools.count()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, dl: Deadline) -> None:
        with self._cond:
            heapq.heappush(self._heap, (dl.when, next(self._count), dl))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="perfparse deadlines",
                                                daemon=True)
                self._thread.start()
            if self._heap[0][2] is dl:
                self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap:
                    self._cond.wait()
                when, _, dl = self._heap[0]
                wait = when - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
            dl._fire()


_WATCHDOG = _Watchdog()


@contextmanager
def deadline(seconds: float) -> Iterator[Deadline]:
    """Run the requests of the block under one wall-clock deadline (this thread only)."""
    dl = Deadline(seconds)
    outer = getattr(_local, "current", None)
    _local.current = dl
    _WATCHDOG.add(dl)
    try:
        yield dl
    finally:
        dl.disarm()
        _local.current = outer


def current() -> Deadline | None:
    return getattr(_local, "current", None)


class _Register:
    """Connection mix-in: hand the socket of each request to the thread's deadline."""

    def request(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().request(*args, **kwargs)  # type: ignore[misc]
        finally:
            dl = current()
            if dl is not None:
                dl.attach(getattr(self, "sock", None))


class _HTTPConnection(_Register, HTTPConnection):
    pass


class _HTTPSConnection(_Register, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class DeadlineAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections obey `deadline()`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if hasattr(manager, "pool_classes_by_scheme"):
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


def mount(session: requests.Session) -> None:
    """Give a session deadline-aware connections, unless it has adapters of its own."""
    for prefix in ("http://", "https://"):
        adapter = session.adapters.get(prefix)
        if isinstance(adapter, DeadlineAdapter):
            continue
        if adapter is not None and type(adapter) is not HTTPAdapter:
            continue  # the caller's own adapter (retries, proxies …): leave it alone
        if adapter is None:
            session.mount(prefix, DeadlineAdapter())
            continue
        adapter.close()
        session.mount(prefix, DeadlineAdapter(
            pool_connections=adapter._pool_connections, pool_maxsize=adapter._pool_maxsize,
            max_retries=adapter.max_retries, pool_block=adapter._pool_block))
