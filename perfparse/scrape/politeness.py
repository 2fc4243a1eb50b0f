"""Per-host minimum delay between requests, and one request at a time per host."""
from __future__ import annotations

import threading
import time
from typing import Callable


class Politeness:
    """Spaces requests to each host at least `delay` seconds apart, counted from the end
    of one answer to the start of the next request.

    `slot(host)` is a context manager: it waits for the host's turn, holds the host's lock
    while the request runs (concurrency 1 per host) and records when it ended. Counting
    from the end, not the start, keeps the gap the server sees at `delay` or more however
    long a request took to leave this machine (a busy process, a slow connect).
    """

    def __init__(self, delay: float = 1.0, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        if delay < 0:
            raise ValueError("delay must be >= 0")
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._extra: dict[str, float] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def set_host_delay(self, host: str, delay: float) -> None:
        """Raise one host's delay (robots.txt Crawl-delay); never lowers the run's delay."""
        self._extra[host] = max(delay, self._extra.get(host, 0.0))

    def delay_for(self, host: str) -> float:
        return max(self.delay, self._extra.get(host, 0.0))

    def ready_at(self, host: str) -> float:
        """Clock time at which `host` may next be asked (earlier hosts are served first)."""
        last = self._last.get(host)
        return self._clock() if last is None else last + self.delay_for(host)

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def slot(self, host: str) -> "_Slot":
        return _Slot(self, host)


class _Slot:
    def __init__(self, owner: Politeness, host: str):
        self.owner = owner
        self.host = host
        self.lock = owner._lock(host)

    def __enter__(self) -> None:
        self.lock.acquire()
        wait = self.owner.ready_at(self.host) - self.owner._clock()
        if wait > 0:
            self.owner._sleep(wait)
        self.owner._last[self.host] = self.owner._clock()

    def __exit__(self, *exc: object) -> None:
        self.owner._last[self.host] = self.owner._clock()
        self.lock.release()
