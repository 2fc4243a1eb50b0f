"""Crawl speed and memory on a generated portal (a script, not a test).

    python benchmarks/bench_crawl.py [--sizes 1000 5000]

Serves a generated TRS-style portal of N pages from a temp folder on 127.0.0.1 (in this
process), crawls it with delay 0 in a child process (so the server's memory is not counted),
and reports pages per second, the crawl's peak RSS, and its tracemalloc peak. Memory should
not grow with N: the frontier lives in SQLite.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PER_PAGE = 20


def child(url: str, db: str, traced: bool) -> None:
    import resource
    import tracemalloc
    from perfparse.scrape import crawl
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    summary = crawl(url, store=db, delay=0.0, backoff=0.01)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if traced else None
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"pages": summary.seen, "stored": summary.stored, "failed": summary.failed,
                      "seconds": elapsed, "rss_mib": rss_kib / 1024,
                      "traced_peak_mib": None if peak is None else peak / 2**20}))


def measure(pages: int, traced: bool) -> dict:
    from perfparse.scrape.portal import Portal, generate_portal
    # N pages in all: the articles plus their listing pages.
    articles = pages - -(-pages // (PER_PAGE + 1))
    with tempfile.TemporaryDirectory() as tmp:
        start = generate_portal(Path(tmp) / "site", articles, PER_PAGE)
        with Portal(Path(tmp) / "site") as portal:
            cmd = [sys.executable, __file__, "--child", portal.url(start),
                   str(Path(tmp) / "bench.db")] + (["--traced"] if traced else [])
            out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 5000])
    parser.add_argument("--child", nargs=2, metavar=("URL", "DB"))
    parser.add_argument("--traced", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(*args.child, traced=args.traced)
        return
    print(f"{'pages':>6} {'stored':>6} {'seconds':>8} {'pages/s':>8} {'peak RSS':>9} "
          f"{'tracemalloc peak':>17}")
    for size in args.sizes:
        fast = measure(size, traced=False)
        traced = measure(size, traced=True)
        print(f"{fast['pages']:>6} {fast['stored']:>6} {fast['seconds']:>8.1f} "
              f"{fast['pages'] / fast['seconds']:>8.1f} {fast['rss_mib']:>7.1f}Mi "
              f"{traced['traced_peak_mib']:>15.1f}Mi")


if __name__ == "__main__":
    main()
