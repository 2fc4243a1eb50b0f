"""The `crawl` and `demo` subcommands (registered by perfparse.cli).

Also runnable on its own: `python -m perfparse.scrape.command crawl URL … --store DB`.
"""
from __future__ import annotations

import argparse
import csv
import logging
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from ..errors import FetchError, InputError, PerfparseError, SettingError
from ..options import positive_int, positive_seconds, seconds
from ..records import Report
from ..store import Store
from .crawl import CrawlSummary, StartUrl, crawl

log = logging.getLogger("perfparse.scrape.command")

# The demo portals ship inside the package (perfparse/demo/), so `perfparse demo` works
# from an installed wheel as well as from a checkout.
DEMO_ROOT = Path(__file__).resolve().parents[1] / "demo"
DEMO_REPORT = "perfparse-demo.html"
SERVE_IDLE = 600.0  # seconds without a request after which `demo --serve` stops
SITES_HEADER = ("county", "province", "portal", "start_url")


@dataclass
class CheckSummary:
    """What checking the stored documents found."""
    documents: int = 0
    figures: int = 0
    checks: int = 0
    failed: int = 0
    uncertain: int = 0
    errors: list[str] = field(default_factory=list)
    available: bool = True

    def __str__(self) -> str:
        if not self.available:
            return "checks skipped: the parsing pipeline is not available"
        text = (f"{self.documents} documents checked: {self.figures} figures, "
                f"{self.checks} checks, {self.failed} failed, {self.uncertain} uncertain")
        return text + (f", {len(self.errors)} could not be read" if self.errors else "")


def check_stored(store: Store, progress: bool = False,
                 on_report: Callable[[Report], None] | None = None) -> CheckSummary:
    """Parse and check every stored document that is new or changed; store the reports.

    `on_report` sees each report as it is stored (the demo writes its HTML page with it).
    A document that cannot be read, for whatever reason, is counted in `errors` and the
    others go on.
    """
    try:
        from ..pipeline import check_document
    except ImportError:
        return CheckSummary(available=False)
    out = CheckSummary()
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(unit="doc", file=sys.stderr, desc="check", dynamic_ncols=True)
    try:
        for doc_id, doc in store.documents_needing_check():
            try:
                report = check_document(doc)
            except Exception as exc:  # noqa: BLE001 - one document never ends the run
                if not isinstance(exc, PerfparseError):
                    log.info("traceback of %s", doc.source, exc_info=True)
                    exc = f"{type(exc).__name__}: {exc}"  # type: ignore[assignment]
                out.errors.append(f"{doc.source}: {exc}")
                log.warning("skipped: %s: %s", doc.source, exc)
                continue
            store.save_report(doc_id, report)
            log.info("checked %s: %d figures, %d checks, %d failed", doc.source,
                     len(report.figures), len(report.checks), len(report.failed))
            if on_report is not None:
                on_report(report)
            out.documents += 1
            out.figures += len(report.figures)
            out.checks += len(report.checks)
            out.failed += len(report.failed)
            out.uncertain += sum(c.status == "uncertain" for c in report.checks)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return out


def _progress(args: argparse.Namespace) -> bool:
    chosen = getattr(args, "progress", None)
    return bool(chosen) if chosen is not None else sys.stderr.isatty()


def register(subparsers: Any) -> None:
    """Add `crawl` and `demo` to the perfparse command line."""
    pc = subparsers.add_parser(
        "crawl", help="crawl county portals into a store, then check",
        description="Crawl portals politely (robots.txt, a delay per host, retries) into a "
        "SQLite store, then check every new or changed document. Re-running resumes.")
    pc.add_argument("start_urls", nargs="+", metavar="START_URL",
                    help="where the crawl starts (listing or article pages)")
    pc.add_argument("--store", default="perfparse.db", metavar="DB",
                    help="SQLite store of pages, documents and reports")
    pc.add_argument("--max-pages", type=positive_int("--max-pages"), metavar="N",
                    help="stop after N pages (default: no limit)")
    pc.add_argument("--delay", type=seconds, default=1.0, metavar="S",
                    help="minimum seconds between requests to one host")
    pc.add_argument("--allow-offsite", action="store_true",
                    help="follow links and redirects to other hosts")
    pc.add_argument("--hosts", type=positive_int("--hosts"), default=None, metavar="N",
                    help="hosts crawled at once (default 256)")
    pc.add_argument("--timeout", type=positive_seconds("--timeout"), metavar="S",
                    help="give up on a request after S seconds, headers and body included "
                    "(default 30)")
    pc.add_argument("--county", help="county recorded on every stored document")
    pc.add_argument("--province", help="province recorded on every stored document")
    pc.add_argument("--profiles", metavar="CSV",
                    help="site profiles (default: the ones shipped with perfparse)")
    pc.add_argument("--no-check", action="store_true", help="store documents only")
    pc.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="progress bars on stderr (default: only when stderr is a terminal)")
    pc.set_defaults(func=cmd_crawl)

    pd = subparsers.add_parser(
        "demo", help="crawl the bundled demo portals and check them",
        description="Serve the three bundled demo portals on 127.0.0.1, crawl them, check "
        "every report and write the HTML audit page: the whole job, offline. Some figures "
        "in the demo reports are wrong on purpose; finding them is the demo working.")
    pd.add_argument("-o", "--output", default=DEMO_REPORT, metavar="HTML",
                    help="where the HTML audit page goes")
    pd.add_argument("--root", metavar="DIR",
                    help="folder of demo portals (default: the ones shipped with perfparse)")
    pd.add_argument("--store", metavar="DB", help="keep the store here (default: temporary)")
    pd.add_argument("--serve", action="store_true",
                    help="only serve the portals, in the background, and write --sites; they "
                         "stop after --idle seconds without a request")
    pd.add_argument("--sites", metavar="CSV", default="sites.csv",
                    help="with --serve: write the portals' SITES.csv here")
    pd.add_argument("--idle", type=seconds, default=SERVE_IDLE, metavar="S",
                    help="with --serve: stop after this many seconds without a request")
    pd.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="progress bars on stderr (default: only when stderr is a terminal)")
    pd.set_defaults(func=cmd_demo)


def _reason(store: Store | None, url: str) -> str:
    """Why a URL failed, as the store recorded it, without the URL repeated."""
    page = store.page(url) if store is not None else None
    error = (page or {}).get("error") or ""
    return error.split(f"{url}: ", 1)[-1]


def _print_crawl(summary: CrawlSummary, out: Any, store: Store | None = None) -> None:
    print(f"crawl: {summary}", file=out)
    for label, urls in (("blocked", summary.blocked_urls), ("failed", summary.failed_urls),
                        ("disallowed", summary.disallowed_urls)):
        for url in urls:
            why = _reason(store, url)
            print(f"  {label}: {url}" + (f" ({why})" if why else ""), file=out)


def cmd_crawl(args: argparse.Namespace) -> int:
    from .profiles import load_profiles
    progress = _progress(args)
    profiles = load_profiles(args.profiles) if args.profiles else None
    log.info("crawling %d start URL(s) into %s", len(args.start_urls), args.store)
    options: dict[str, Any] = {}
    if args.hosts is not None:
        options["hosts"] = args.hosts
    if args.timeout is not None:
        options["timeout"] = args.timeout
    with Store(args.store) as store:
        summary = crawl(args.start_urls, store=store, max_pages=args.max_pages,
                        delay=args.delay, allow_offsite=args.allow_offsite, progress=progress,
                        county=args.county, province=args.province, profiles=profiles,
                        **options)
        _print_crawl(summary, sys.stdout, store)
        if summary.seen and summary.failed + summary.blocked == summary.seen \
                and not summary.stored and not summary.unchanged:
            first = (summary.blocked_urls + summary.failed_urls)[0]
            why = _reason(store, first) or "see the lines above"
            raise FetchError(first, f"nothing could be fetched ({why})")
        if not args.no_check:
            print(f"check: {check_stored(store, progress)}")
    return 0


def _demo_sites(root: str | None) -> list[Path]:
    where = Path(root) if root else DEMO_ROOT
    sites = sorted(p.parent for p in where.glob("*/_portal.json"))
    if not sites:
        raise InputError(f"{where}: no demo portals here (folders with a _portal.json)")
    return sites


def write_sites(path: str | os.PathLike, portals: Sequence[Any]) -> None:
    """A SITES.csv for served portals, as `perfparse batch` reads it."""
    tmp = f"{os.fspath(path)}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(SITES_HEADER)
        for p in portals:
            writer.writerow([p.county or "", p.province or "", p.root.name, p.start_url])
    os.replace(tmp, path)


def cmd_demo(args: argparse.Namespace) -> int:
    sites = _demo_sites(args.root)
    if args.serve:
        return _serve_detached(sites, args.sites, args.idle)
    from .portal import Portal
    from ..render.html import HtmlWriter
    progress = _progress(args)
    quiet = getattr(args, "verbosity", 0) < 0
    with ExitStack() as stack:
        if args.store:
            path = args.store
        else:
            path = str(Path(stack.enter_context(tempfile.TemporaryDirectory())) / "demo.db")
        portals = [stack.enter_context(Portal(site)) for site in sites]
        store = stack.enter_context(Store(path))
        starts = [StartUrl(p.start_url, p.county, p.province) for p in portals]
        for portal in portals:
            log.info("serving %s (%s) at %s", portal.root.name, portal.county, portal.base)
        if not quiet:
            print(f"demo: {len(portals)} county portals served on 127.0.0.1: "
                  + ", ".join(f"{p.county} ({p.root.name})" for p in portals))
        summary = crawl(starts, store=store, delay=0.0, progress=progress, backoff=0.05,
                        timeout=5)
        if not quiet:
            _print_crawl(summary, sys.stdout, store)
        try:
            html = open(args.output, "w", encoding="utf-8")
        except OSError as exc:
            raise SettingError("-o", f"{args.output}: cannot write: {exc.strerror}") from None
        with html:
            page = HtmlWriter(html, command="perfparse demo",
                              inputs=[p.start_url for p in portals])
            result = check_stored(store, progress, on_report=page.write)
            for error in result.errors:
                page.skipped(*error.split(": ", 1))
            page.close()
        if not result.available:
            raise InputError("the parsing pipeline is not available")
        if not result.documents:
            raise FetchError(starts[0].url, "the demo crawl stored no documents")
        if not quiet:
            _print_counties(store)
            print(f"check: {result}")
            if result.failed:
                what = "errors" if result.failed > 1 else "an error"
                print(f"{result.failed} failed check{'s' if result.failed > 1 else ''}: "
                      f"{what} planted in the demo reports, found as intended.")
            print(f"HTML audit page: {Path(args.output).resolve()}")
    return 0


def _print_counties(store: Store) -> None:
    from ..export import county_totals
    from ..render.text import printable
    for (county, _), n in sorted(county_totals(store).items()):
        print(f"  {printable(county) or '(no county)'}: {n['documents']} documents, "
              f"{n['figures']} figures, {n['checks']} checks, {n['failed']} failed")


def _serve_detached(sites: Sequence[Path], sites_csv: str, idle: float) -> int:
    """Start the portals in a process of their own and return once they answer."""
    code = ("import sys; from perfparse.scrape.command import serve_portals; "
            "serve_portals(sys.argv[1:-2], sys.argv[-2], float(sys.argv[-1]))")
    child = subprocess.Popen(
        [sys.executable, "-c", code, *map(str, sites), os.path.abspath(sites_csv), str(idle)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        start_new_session=True, text=True)
    assert child.stdout is not None
    ready = child.stdout.readline().strip()
    child.stdout.close()
    if not ready.startswith("ready"):
        child.kill()
        raise InputError("the demo portals could not be started")
    print(f"demo: {len(sites)} portals served on 127.0.0.1 by process {child.pid}; "
          f"their SITES.csv: {sites_csv}")
    print(f"They stop after {idle:g} s without a request, or now with: kill {child.pid}")
    return 0


def serve_portals(roots: Sequence[str], sites_csv: str, idle: float) -> None:
    """Serve the portals, write their SITES.csv, say `ready`, and serve until idle."""
    from .portal import Portal
    portals = [Portal(root).start() for root in roots]
    write_sites(sites_csv, portals)
    print("ready", flush=True)
    sys.stdout.close()
    last, seen = time.monotonic(), -1
    while True:
        time.sleep(1.0)
        count = sum(sum(p.requests.values()) for p in portals)
        if count != seen:
            last, seen = time.monotonic(), count
        elif idle and time.monotonic() - last > idle:
            break
    for p in portals:
        p.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """A stand-alone entry point with just these subcommands."""
    parser = argparse.ArgumentParser(prog="perfparse-scrape")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (PerfparseError, OSError, SettingError) as exc:
        print(f"perfparse: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
