"""The perfparse command line: parse, check, eval, crawl, demo, batch, export."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .errors import InputError, PerfparseError
from .records import Report


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        print(f"perfparse: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def iter_inputs(items: Sequence[str]) -> list[str]:
    """Expand folders into their supported files; URLs pass through."""
    from .readers import iter_paths
    out: list[str] = []
    for item in items:
        if _is_url(item):
            out.append(item)
            continue
        paths = iter_paths(item)
        if not paths:
            raise InputError(f"{item}: no supported files in this folder")
        out.extend(str(p) for p in paths)
    return out


def _report_for(item: str, fetch: dict | None = None) -> Report:
    from .pipeline import check_document, parse_file
    if _is_url(item):
        from .scrape.fetch import fetch_document
        return check_document(fetch_document(item, **(fetch or {})))
    return parse_file(item)


def _fetch_options(args: argparse.Namespace) -> dict:
    out: dict = {"allow_offsite": args.allow_offsite}
    if args.timeout is not None:
        out["timeout"] = args.timeout
    return out


def iter_reports(items: Sequence[str], progress: bool,
                 errors: list[str], fetch: dict | None = None) -> Iterator[Report]:
    """Reports of every input; a bad file is reported and skipped when there are several."""
    inputs = iter_inputs(items)
    bar = None
    if progress and len(inputs) > 1:
        from tqdm import tqdm
        bar = tqdm(total=len(inputs), unit="doc", file=sys.stderr, desc="checking")
    for item in inputs:
        try:
            yield _report_for(item, fetch)
        except PerfparseError as exc:
            if len(inputs) == 1:
                raise
            errors.append(str(exc))
        finally:
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()


def _write(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def cmd_parse(args: argparse.Namespace) -> int:
    from .render.data import to_csv, to_json, to_jsonl
    errors: list[str] = []
    reports = list(iter_reports(args.inputs, not args.no_progress, errors,
                                _fetch_options(args)))
    if args.format == "json":
        text = to_json(reports)
    elif args.format == "jsonl":
        text = to_jsonl(reports)
    else:
        text = to_csv(reports, args.table)
    _write(text, args.output)
    for e in errors:
        print(f"perfparse: skipped: {e}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .checks import cross_year_checks
    from .render.data import to_json
    errors: list[str] = []
    reports = list(iter_reports(args.inputs, not args.no_progress, errors,
                                _fetch_options(args)))
    reports = cross_year_checks(reports)
    if args.format == "json":
        text = to_json(reports)
    elif args.format == "html":
        from .render.html import to_html
        text = to_html(reports)
    else:
        from .render.text import to_text
        text = to_text(reports, color=args.output is None and sys.stdout.isatty())
    _write(text, args.output)
    for e in errors:
        print(f"perfparse: skipped: {e}", file=sys.stderr)
    return 1 if any(r.failed for r in reports) else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_corpus, format_scores
    scores = evaluate_corpus(args.folder)
    print(format_scores(scores, verbose=args.verbose), end="")
    if args.mutations:
        from .evaluate import mutation_scores
        m = mutation_scores(args.folder, trials=args.mutations, seed=args.seed)
        print(f"mutations failed at the changed figure: {m.caught}/{m.trials} "
              f"({m.detection_rate:.3f})")
        print(f"checks failing on the unchanged consistent texts: {m.fails_unchanged}/"
              f"{m.checks_unchanged} ({m.false_fail_rate:.3f})")
        if args.verbose:
            print("\n".join("   missed: " + x for x in m.missed))
    return 0


def _add_fetch_options(parser: argparse.ArgumentParser) -> None:
    from .options import positive_seconds
    parser.add_argument("--timeout", type=positive_seconds("--timeout"), metavar="S",
                        help="give up on a URL after S seconds, headers and body included "
                        "(default 30)")
    parser.add_argument("--allow-offsite", action="store_true",
                        help="follow a URL's redirects to other hosts")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    p = _Parser(prog="perfparse", description="Read Chinese county performance and budget "
                "reports into typed figures and check their arithmetic.")
    p.add_argument("--version", action="version", version=f"perfparse {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    sp = sub.add_parser("parse", help="figures, relations and checks as data")
    sp.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    sp.add_argument("--format", choices=("json", "jsonl", "csv"), default="json")
    sp.add_argument("--table", choices=("figures", "relations", "checks", "documents"),
                    default="figures", help="which table --format csv writes")
    sp.add_argument("-o", "--output", metavar="OUT")
    sp.add_argument("--no-progress", action="store_true")
    _add_fetch_options(sp)
    sp.set_defaults(func=cmd_parse)

    sc = sub.add_parser("check", help="the auditor's view: every inconsistency explained")
    sc.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    sc.add_argument("--format", choices=("text", "json", "html"), default="text")
    sc.add_argument("-o", "--output", metavar="OUT")
    sc.add_argument("--no-progress", action="store_true")
    _add_fetch_options(sc)
    sc.set_defaults(func=cmd_check)

    se = sub.add_parser("eval", help="precision and recall against a gold corpus")
    se.add_argument("folder", nargs="?", default="corpus")
    se.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    se.add_argument("--mutations", type=int, default=0, metavar="N",
                    help="also change one figure of a passing claim N times and count failures")
    se.add_argument("--seed", type=int, default=20261127, help="seed of the mutation trials")
    se.set_defaults(func=cmd_eval)

    for module in ("perfparse.scrape.command", "perfparse.batch"):
        register = _registrar(module)
        if register is not None:
            register(sub)
    return p


def _registrar(module: str) -> Callable | None:
    import importlib
    try:
        return getattr(importlib.import_module(module), "register", None)
    except ImportError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    import logging
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("perfparse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except (PerfparseError, OSError) as exc:
        msg = " ".join(str(exc).split())
        print(f"perfparse: error: {msg}", file=sys.stderr)
        return 2
