"""Many hosts at once: `perfparse batch` over N local portals at --delay 1 (a script).

    python benchmarks/bench_hosts.py [--hosts 500] [--pages 2] [--delay 1] [--workers 2]

Serves N generated portals on N ports of 127.0.0.1 from this process (one event loop),
each with robots.txt, a listing and `pages - 1` articles, writes their SITES.csv and runs
`perfparse batch` on it in a child process. From the servers' own request log it reports:
how long after the first host's first request the last host got its first (all hosts in
flight at once, or a few at a time?), the span from the first request to the last against
the politeness bound ((requests per host - 1) x delay), and the smallest gap between two
requests to one host (the delay honoured?). Also the child's wall time, its peak RSS and
its workers' largest, and the most threads a worker ran.
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from procstat import cpu_seconds, descendants, status  # noqa: E402


def _watch(pid: int, peaks: dict[str, Any], stop: threading.Event) -> None:
    # Workers are forked by the forkserver, itself a child of the batch: walk /proc.
    while not stop.wait(0.1):
        peaks["main"] = max(peaks["main"], status(pid, "VmHWM"))
        peaks["main_cpu"] = max(peaks["main_cpu"], cpu_seconds(pid))
        for child in descendants(pid):
            peaks["worker"] = max(peaks["worker"], status(child, "VmHWM"))
            peaks["threads"] = max(peaks["threads"], status(child, "Threads"))
            peaks["cpu"][child] = max(peaks["cpu"].get(child, 0.0), cpu_seconds(child))


def main() -> None:
    from perfparse.scrape.portal import PortalFarm
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=500)
    parser.add_argument("--pages", type=int, default=2, help="listing + articles per host")
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--in-flight", type=int, default=None,
                        help="--hosts of perfparse batch (default: its own, 256)")
    args = parser.parse_args()
    requests_per_host = args.pages + 1  # robots.txt too
    bound = (requests_per_host - 1) * args.delay
    with tempfile.TemporaryDirectory() as tmp, \
            PortalFarm(args.hosts, articles=args.pages - 1) as farm:
        sites = Path(tmp) / "SITES.csv"
        with open(sites, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["county", "province", "portal", "start_url"])
            for n in range(args.hosts):
                writer.writerow([f"示例{n}县", "示例省", "", farm.url(n)])
        cmd = [sys.executable, "-m", "perfparse", "batch", str(sites), "--store",
               str(Path(tmp) / "b.db"), "--delay", str(args.delay), "--workers",
               str(args.workers), "--no-progress"]
        if args.in_flight:
            cmd += ["--hosts", str(args.in_flight)]
        started = time.monotonic()
        proc = subprocess.Popen(cmd, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peaks: dict[str, Any] = {"main": 0, "worker": 0, "threads": 0, "main_cpu": 0.0,
                                 "cpu": {}}
        stop = threading.Event()
        watcher = threading.Thread(target=_watch, args=(proc.pid, peaks, stop), daemon=True)
        watcher.start()
        out, err = proc.communicate()
        elapsed = time.monotonic() - started
        stop.set()
        watcher.join()
        if proc.returncode != 0:
            raise SystemExit(f"batch failed ({proc.returncode}): {err}")
        log = farm.requests_by_port()
    firsts = [min(t for t, _ in reqs) for reqs in log.values()]
    times = [t for reqs in log.values() for t, _ in reqs]
    gaps = []
    for reqs in log.values():
        ts = sorted(t for t, _ in reqs)
        gaps += [b - a for a, b in zip(ts, ts[1:])]
    complete = sum(1 for reqs in log.values() if len(reqs) == requests_per_host)
    print(out.splitlines()[0])
    print(f"hosts {args.hosts} x {args.pages} pages at delay {args.delay:g} s, "
          f"{args.workers} workers")
    print(f"  hosts fully crawled          {complete}/{args.hosts}")
    print(f"  first requests spread over   {max(firsts) - min(firsts):.2f} s")
    print(f"  first request to last        {max(times) - min(times):.2f} s "
          f"(politeness bound {bound:.2f} s)")
    print(f"  smallest gap on one host     {min(gaps):.3f} s")
    print(f"  batch wall time              {elapsed:.2f} s "
          f"(first request after {min(firsts) - started:.2f} s)")
    print(f"  peak RSS main / worker       {peaks['main'] / 1024:.0f} / "
          f"{peaks['worker'] / 1024:.0f} MiB, at most {peaks['threads']} threads in a worker")
    pages = len(times)
    print(f"  CPU per request main / workers  {peaks['main_cpu'] / pages * 1e3:.2f} / "
          f"{sum(peaks['cpu'].values()) / pages * 1e3:.2f} ms (start-up included)")


if __name__ == "__main__":
    main()
