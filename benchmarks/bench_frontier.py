"""Picking the next pages at 1 M queued URLs (a script, not a test).

    python benchmarks/bench_frontier.py [--sizes 10000 100000 1000000] [--hosts 3000]

Fills a store's frontier with N queued URLs spread over H hosts, then times:

- `scan`: the pick perfparse used before issue 9 — every queued host (SELECT DISTINCT over
  the queue), the one ready first, then its first queued row — per page;
- `cursor`: the writer's pick now — a host's next AHEAD rows after its cursor
  (Store.queued_after, an index range), per page handed out;
- `pool`: a HostPool host thread taking its next item (a deque pop), per page.

The scan grows with N; the cursor and the pool stay flat.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def fill(db: str, n: int, hosts: int) -> list[str]:
    from perfparse.store import Store
    names = [f"h{k}.example.gov.cn" for k in range(hosts)]
    with Store(db) as store, store.transaction():
        batch = []
        for i in range(n):
            host = names[i % hosts]
            batch.append(dict(url=f"http://{host}/xxgk/202305/t20230512_{i}.html",
                              kind="article", host=host, depth=1,
                              start_url=f"http://{host}/xxgk/index.html"))
            if len(batch) == 50_000:
                store.enqueue_many(batch)
                batch = []
        store.enqueue_many(batch)
    return names


def scan_pick(store, ready: dict[str, float]) -> dict:
    # The pre-issue-9 Crawler._next, as it was.
    hosts = store.queued_hosts()
    host = min(hosts, key=lambda h: (ready.get(h, 0.0), h))
    return store.next_queued(host)


def measure(n: int, hosts: int, picks: int) -> dict[str, float]:
    from perfparse.scrape.crawl import AHEAD
    from perfparse.store import Store
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "f.db")
        names = fill(db, n, hosts)
        rng = random.Random(1)
        with Store(db) as store:
            ready: dict[str, float] = {}
            scan_n = max(3, min(picks, 30))
            started = time.perf_counter()
            for k in range(scan_n):
                row = scan_pick(store, ready)
                ready[row["host"]] = float(k)
            scan = (time.perf_counter() - started) / scan_n
            cursors: dict[str, int] = {}
            handed = 0
            started = time.perf_counter()
            for _ in range(picks):
                host = rng.choice(names)
                rows = store.queued_after(host, cursors.get(host, 0), AHEAD)
                if rows:
                    cursors[host] = rows[-1]["rowid"]
                handed += len(rows)
            cursor = (time.perf_counter() - started) / max(1, handed)
    queue: deque[int] = deque(range(AHEAD * hosts))
    started = time.perf_counter()
    while queue:
        queue.popleft()
    pool = (time.perf_counter() - started) / (AHEAD * hosts)
    return {"scan": scan, "cursor": cursor, "pool": pool}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--hosts", type=int, default=3000)
    parser.add_argument("--picks", type=int, default=3000)
    args = parser.parse_args()
    print(f"{'queued':>9} {'hosts':>6} {'scan pick':>11} {'cursor pick':>12} {'pool pick':>10}")
    for n in args.sizes:
        r = measure(n, args.hosts, args.picks)
        print(f"{n:>9} {args.hosts:>6} {r['scan'] * 1e3:>9.2f}ms {r['cursor'] * 1e6:>10.1f}us "
              f"{r['pool'] * 1e9:>8.0f}ns", flush=True)


if __name__ == "__main__":
    main()
