"""Batch checking speed and memory (a script, not a test).

    python benchmarks/bench_batch.py [--sizes 1000 10000] [--workers 2] [--repeat 3]

Fills a temporary SQLite store with N documents (the texts of corpus/docs/ repeated under
distinct URLs and counties), then checks them all twice, each time in a fresh child
process on a fresh copy of the store:

- `loop`: a single-process loop, the way `perfparse crawl` checks — read a document,
  check it, store its report (perfparse.scrape.command.check_stored);
- `batch`: `perfparse.batch.check_store` on a process pool of --workers.

Also the CPU time per document of the main process and of the workers together, and a
control: how much faster --workers processes finish perfectly parallel CPU work than one
does. On a machine shared with other jobs the wall-clock speed-up says little alone; the
control says what the machine allowed, the CPU split what free cores would give (main
CPU per document is the writer's cost).

Reports documents per second, the speed-up of batch over loop (issue 9 asks >= 1.6 on 2
workers), the peak RSS of the main process (which streams documents out and writes
reports) and of the largest worker. Peaks should not grow with N: documents are read a
chunk at a time and at most INFLIGHT_PER_WORKER chunks per worker are in flight.
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

from procstat import cpu_seconds, descendants, status  # noqa: E402

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


def _watch_workers(peak: list[int], cpu: dict[int, float], stop: threading.Event) -> None:
    # Pool workers are forked by the forkserver, not by us: getrusage(RUSAGE_CHILDREN)
    # never sees them, so read their high-water marks and CPU time from /proc while
    # they live.
    while not stop.wait(0.1):
        for pid in descendants(os.getpid()):
            peak[0] = max(peak[0], status(pid, "VmHWM"))
            cpu[pid] = max(cpu.get(pid, 0.0), cpu_seconds(pid))


def _loop(db: str) -> tuple[int, int, int, int]:
    from perfparse.scrape.command import check_stored
    from perfparse.store import Store
    with Store(db) as store:
        done = check_stored(store)
    return done.documents, len(done.errors), done.figures, done.checks


def _batch(db: str, workers: int) -> tuple[int, int, int, int]:
    from perfparse.batch import check_store
    summary = check_store(db, workers=workers)
    return summary.checked, len(summary.errors), summary.figures, summary.checks


def child(db: str, workers: int, mode: str) -> None:
    import resource
    peak = [0]
    cpu: dict[int, float] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_workers, args=(peak, cpu, stop), daemon=True)
    watcher.start()
    started = time.perf_counter()
    own_cpu = time.process_time()
    checked, errors, figures, checks = _loop(db) if mode == "loop" else _batch(db, workers)
    elapsed = time.perf_counter() - started
    own_cpu = time.process_time() - own_cpu
    stop.set()
    watcher.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = peak[0] / 1024
    print(json.dumps({"documents": checked, "errors": errors, "figures": figures,
                      "checks": checks, "seconds": elapsed, "docs_per_s": checked / elapsed,
                      "main_rss_mib": own, "worker_rss_mib": worker,
                      "main_cpu_ms": own_cpu / checked * 1e3,
                      "worker_cpu_ms": sum(cpu.values()) / checked * 1e3}))


def _burn(n: int) -> int:
    x = 0
    for i in range(n):
        x += i * i
    return x


def control(workers: int, n: int = 6_000_000) -> float:
    """How much faster `workers` processes finish perfectly parallel work than one does,
    right now: on a machine shared with other jobs, the best batch could do."""
    from multiprocessing import get_context
    started = time.perf_counter()
    for _ in range(workers):
        _burn(n)
    alone = time.perf_counter() - started
    with get_context("fork").Pool(workers) as pool:
        started = time.perf_counter()
        pool.map(_burn, [n] * workers)
        together = time.perf_counter() - started
    return alone / together


def measure(n: int, workers: int, repeat: int) -> dict[str, dict]:
    """The fastest of `repeat` runs per mode, the modes taking turns so that both meet
    the same passing load on a shared machine."""
    import shutil
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        filled = str(Path(tmp) / "filled.db")
        fill(filled, n)
        for _ in range(repeat):
            out["control"] = {"speedup": max(out.get("control", {}).get("speedup", 0.0),
                                             control(workers))}
            for mode in ("loop", "batch"):
                db = str(Path(tmp) / f"{mode}.db")
                shutil.copy(filled, db)
                done = subprocess.run([sys.executable, __file__, "--child", db, "--workers",
                                       str(workers), "--mode", mode], capture_output=True,
                                      text=True, check=True,
                                      env={**os.environ, "PYTHONPATH": str(ROOT)})
                run = json.loads(done.stdout.strip().splitlines()[-1])
                if mode not in out or run["seconds"] < out[mode]["seconds"]:
                    out[mode] = run
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", metavar="DB")
    parser.add_argument("--mode", choices=("loop", "batch"), default="batch")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per mode, taking turns; the fastest is reported")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.workers, args.mode)
        return
    print(f"{'documents':>9} {'mode':>14} {'seconds':>8} {'docs/s':>7} {'speed-up':>8} "
          f"{'main RSS':>9} {'worker RSS':>10} {'CPU/doc main':>12} {'workers':>8}")
    for n in args.sizes:
        runs = measure(n, args.workers, args.repeat)
        available = runs.pop("control")["speedup"]
        for mode, r in runs.items():
            assert r["documents"] == n and not r["errors"], r
        assert runs["loop"]["checks"] == runs["batch"]["checks"], runs
        base = runs["loop"]["docs_per_s"]
        for mode, r in runs.items():
            label = "loop (1 proc)" if mode == "loop" else f"batch ({args.workers} w)"
            print(f"{n:>9} {label:>14} {r['seconds']:>8.1f} {r['docs_per_s']:>7.1f} "
                  f"{r['docs_per_s'] / base:>7.2f}x {r['main_rss_mib']:>7.1f}Mi "
                  f"{r['worker_rss_mib']:>8.1f}Mi {r['main_cpu_ms']:>10.2f}ms "
                  f"{r['worker_cpu_ms']:>6.2f}ms", flush=True)
        print(f"load average during the run: {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs; {args.workers} processes of pure CPU work ran "
              f"{available:.2f}x as fast as one (the most any batch could gain here)",
              flush=True)


if __name__ == "__main__":
    main()
