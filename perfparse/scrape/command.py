"""The `crawl` and `demo` subcommands (registered by perfparse.cli).

Also runnable on its own: `python -m perfparse.scrape.command crawl URL … --store DB`.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..errors import FetchError, InputError, PerfparseError, SettingError
from ..options import positive_int, positive_seconds, seconds
from ..store import Store
from .crawl import CrawlSummary, StartUrl, crawl

# The demo portals live in the source tree, not in an installed package: look in the
# checkout the user stands in, then beside the package when it runs from a checkout.
DEMO_ROOTS = (Path("corpus") / "site", Path(__file__).resolve().parents[2] / "corpus" / "site")


@dataclass
class CheckSummary:
    """What checking the stored documents found."""
    documents: int = 0
    figures: int = 0
    checks: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    available: bool = True

    def __str__(self) -> str:
        if not self.available:
            return "checks skipped: the parsing pipeline is not available"
        text = (f"{self.documents} documents checked: {self.figures} figures, "
                f"{self.checks} checks, {self.failed} failed")
        return text + (f", {len(self.errors)} could not be read" if self.errors else "")


def check_stored(store: Store, progress: bool = False) -> CheckSummary:
    """Parse and check every stored document that is new or changed; store the reports."""
    try:
        from ..pipeline import check_document
    except ImportError:
        return CheckSummary(available=False)
    out = CheckSummary()
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(unit="doc", file=sys.stderr, desc="check")
    try:
        for doc_id, doc in store.documents_needing_check():
            try:
                report = check_document(doc)
            except PerfparseError as exc:
                out.errors.append(f"{doc.source}: {exc}")
                continue
            store.save_report(doc_id, report)
            out.documents += 1
            out.figures += len(report.figures)
            out.checks += len(report.checks)
            out.failed += len(report.failed)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return out


def register(subparsers: Any) -> None:
    """Add `crawl` and `demo` to the perfparse command line."""
    pc = subparsers.add_parser("crawl", help="crawl county portals into a store, then check")
    pc.add_argument("start_urls", nargs="+", metavar="START_URL")
    pc.add_argument("--store", default="perfparse.db", metavar="DB")
    pc.add_argument("--max-pages", type=positive_int("--max-pages"), metavar="N")
    pc.add_argument("--delay", type=seconds, default=1.0, metavar="S",
                    help="minimum seconds between requests to one host (default 1)")
    pc.add_argument("--allow-offsite", action="store_true",
                    help="follow links and redirects to other hosts")
    pc.add_argument("--hosts", type=positive_int("--hosts"), default=None, metavar="N",
                    help="hosts crawled at once (default 256)")
    pc.add_argument("--timeout", type=positive_seconds("--timeout"), metavar="S",
                    help="give up on a request after S seconds, headers and body included "
                    "(default 30)")
    pc.add_argument("--county")
    pc.add_argument("--province")
    pc.add_argument("--profiles", metavar="CSV", help="site profiles (default: the shipped ones)")
    pc.add_argument("--no-check", action="store_true", help="store documents only")
    pc.add_argument("--no-progress", action="store_true")
    pc.set_defaults(func=cmd_crawl)

    pd = subparsers.add_parser("demo", help="crawl the bundled demo portals and check them")
    pd.add_argument("--root", metavar="DIR",
                    help="folder of demo portals (default: corpus/site of this checkout)")
    pd.add_argument("--store", metavar="DB", help="keep the store here (default: temporary)")
    pd.add_argument("--no-progress", action="store_true")
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
    progress = not args.no_progress and sys.stderr.isatty()
    profiles = load_profiles(args.profiles) if args.profiles else None
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


def cmd_demo(args: argparse.Namespace) -> int:
    from .portal import Portal
    roots = [Path(args.root)] if args.root else list(DEMO_ROOTS)
    sites = next((found for found in (sorted(p.parent for p in root.glob("*/_portal.json"))
                                      for root in roots) if found), [])
    if not sites:
        raise InputError(f"{roots[0]}: no demo portals here (folders with a _portal.json); "
                         "run from a perfparse checkout or pass --root DIR")
    progress = not args.no_progress and sys.stderr.isatty()
    with ExitStack() as stack:
        if args.store:
            path = args.store
        else:
            path = str(Path(stack.enter_context(tempfile.TemporaryDirectory())) / "demo.db")
        portals = [stack.enter_context(Portal(site)) for site in sites]
        store = stack.enter_context(Store(path))
        starts = [StartUrl(p.start_url, p.county, p.province) for p in portals]
        for portal in portals:
            print(f"serving {portal.root.name} at {portal.base}")
        summary = crawl(starts, store=store, delay=0.0, progress=progress, backoff=0.05,
                        timeout=5)
        _print_crawl(summary, sys.stdout, store)
        result = check_stored(store, progress)
        print(f"check: {result}")
        if result.available:
            _print_documents(store)
    return 0


def _print_documents(store: Store) -> None:
    fails: dict[int, list[str]] = {}
    for row in store.table("checks"):
        if row["status"] == "fail":
            fails.setdefault(row["document_id"], []).append(row["message"])
    counts: dict[int, int] = {}
    for row in store.table("figures"):
        counts[row["document_id"]] = counts.get(row["document_id"], 0) + 1
    for row in store.table("documents"):
        what = "attachment" if row["parent_url"] else "article"
        n_fail = len(fails.get(row["id"], []))
        print(f"  [{row['county']}] {row['title']} ({what}): "
              f"{counts.get(row['id'], 0)} figures, {n_fail} failed checks")
        for message in fails.get(row["id"], []):
            print(f"      fail: {' '.join(message.split())}")


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
