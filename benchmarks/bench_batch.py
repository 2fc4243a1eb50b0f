"""Batch checking speed and memory (a script, not a test).

    python benchmarks/bench_batch.py [--sizes 1000 10000] [--workers 2]

Fills a temporary SQLite store with N documents (the texts of corpus/docs/ repeated under
distinct URLs and counties), then checks them all with `perfparse.batch.check_store` on a
process pool, in a child process so that each size starts from a fresh interpreter. Reports
documents per second, the peak RSS of the main process (which streams documents out and
writes reports) and of the largest worker. Both peaks should not grow with N: documents
are read one at a time and at most INFLIGHT_PER_WORKER per worker are in flight.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COUNTIES = (("清溪县", "云南省"), ("云岭县", "贵州省"), ("柏川县", "浙江省"), ("梅岭县", "湖南省"))


def fill(db: str, n: int) -> None:
    """Store n documents made from the corpus texts."""
    from perfparse.readers import read_path
    from perfparse.records import Document
    from perfparse.store import Store
    docs = [read_path(p) for p in sorted((ROOT / "corpus" / "docs").iterdir())
            if not p.name.endswith(".gold.json")]
    with Store(db) as store, store.transaction():
        for i in range(n):
            doc = docs[i % len(docs)]
            county, province = COUNTIES[i % len(COUNTIES)]
            url = f"https://bench.example/{i}/{Path(doc.source).name}"
            store.save_document(Document(doc.text, doc.meta, doc.tables, doc.attachments, url),
                                url, county=county, province=province)


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        kids = [p for p, pp in parents.items() if pp == parent]
        found += kids
        todo += kids
    return found


def _peak_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _watch_workers(peak: list[int], stop: threading.Event) -> None:
    # Pool workers are forked by the forkserver, not by us: getrusage(RUSAGE_CHILDREN)
    # never sees them, so read their high-water marks from /proc while they live.
    while not stop.wait(0.2):
        for pid in _descendants(os.getpid()):
            peak[0] = max(peak[0], _peak_kib(pid))


def child(db: str, workers: int) -> None:
    import resource
    from perfparse.batch import check_store
    peak = [0]
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_workers, args=(peak, stop), daemon=True)
    watcher.start()
    started = time.perf_counter()
    summary = check_store(db, workers=workers)
    elapsed = time.perf_counter() - started
    stop.set()
    watcher.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = peak[0] / 1024
    print(json.dumps({"documents": summary.checked, "errors": len(summary.errors),
                      "figures": summary.figures, "checks": summary.checks,
                      "seconds": elapsed, "docs_per_s": summary.checked / elapsed,
                      "main_rss_mib": own, "worker_rss_mib": worker}))


def measure(n: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        fill(db, n)
        out = subprocess.run([sys.executable, __file__, "--child", db, "--workers",
                              str(workers)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", metavar="DB")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.workers)
        return
    print(f"{'documents':>9} {'seconds':>8} {'docs/s':>7} {'main RSS':>9} {'worker RSS':>10}")
    for n in args.sizes:
        r = measure(n, args.workers)
        assert r["documents"] == n and not r["errors"], r
        print(f"{n:>9} {r['seconds']:>8.1f} {r['docs_per_s']:>7.1f} "
              f"{r['main_rss_mib']:>7.1f}Mi {r['worker_rss_mib']:>8.1f}Mi", flush=True)


if __name__ == "__main__":
    main()
