"""The perfparse command line: parse, check, eval, crawl, demo, batch, export.

Exit status: 0 when every input was read and no check failed; 1 when `check` found a
`fail` in what it read (inputs that could not be read are named on stderr); 2 for a usage
error, or when no input could be read at all. Inputs that cannot be read are skipped, one
line each on stderr (`perfparse: skipped: FILE: reason`), and the rest go on.

Only this module configures logging and progress bars: imported as a library, perfparse
logs through `logging.getLogger("perfparse…")` and prints nothing.
"""
from __future__ import annotations

import argparse
import logging
import os
import pickle
import shlex
import sys
import tempfile
import zlib
from collections import deque
from dataclasses import fields, replace
from operator import attrgetter
from typing import IO, Any, Callable, Iterator, Sequence

from .errors import InputError, PerfparseError
from .records import Check, Figure, Relation, Report

log = logging.getLogger("perfparse.cli")

# One example per command, shown under its --help.
EXAMPLES = {
    "parse": """examples:
  perfparse parse report.pdf                          # one report as JSON on stdout
  perfparse parse reports/ --format jsonl -o out.jsonl
  perfparse parse reports/ --format csv --table checks -o checks.csv""",
    "check": """examples:
  perfparse check report.txt                          # each failure in context
  perfparse check reports/ --format html -o audit.html
  perfparse check https://example.gov.cn/art/2023/5/12/art_1_1.html""",
    "eval": """examples:
  perfparse eval corpus                               # precision/recall against the gold files
  perfparse eval corpus --mutations 1000 -v
  perfparse eval corpus/real-gold -v                  # the checker on the real documents""",
    "crawl": """examples:
  perfparse crawl http://www.example.gov.cn/xxgk/czyjs/ --store county.db
  perfparse crawl URL --store county.db --max-pages 200 --delay 2 -v""",
    "demo": """examples:
  perfparse demo                                      # crawl and check the bundled portals
  perfparse demo -o demo.html --store demo.db
  perfparse demo --serve --sites sites.csv            # serve them for `perfparse batch`""",
    "batch": """examples:
  perfparse batch sites.csv --store counties.db --workers 2 --delay 1
  perfparse batch sites.csv --scheduler tcp://10.0.0.5:8786 --store counties.db""",
    "export": """examples:
  perfparse export --store counties.db --format parquet -o tables/
  perfparse export --store counties.db --format csv -o tables/""",
}

# Help for options of commands registered by other modules, used where they give none.
FALLBACK_HELP = {
    "--store": "SQLite store of pages, documents and reports",
    "--format": "output format",
    "--output": "folder to write the tables into",
    "--county": "county recorded on every stored document",
    "--province": "province recorded on every stored document",
    "--no-progress": "never show progress bars",
    "--progress": "show progress bars even when stderr is not a terminal",
    "start_urls": "where the crawl starts (listing or article pages)",
}

# Verbosity: -q errors only, default warnings, -v what the crawler and batch do, -vv debug.
LEVELS = (logging.ERROR, logging.WARNING, logging.INFO, logging.DEBUG)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' layout and shows every meaningful default."""

    def _get_help_string(self, action: argparse.Action) -> str:
        help_text = action.help or ""
        default = action.default
        if ("%(default)" in help_text or "default" in help_text
                or default is None or default is False or default is True
                or default == argparse.SUPPRESS or not action.option_strings
                or isinstance(action, argparse._CountAction)):
            return help_text
        return f"{help_text} (default: %(default)s)"


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        print(f"perfparse: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def _printable(text: str) -> str:
    from .render.text import printable
    return " ".join(printable(text).split())


def _say(line: str) -> None:
    """A line on stderr that does not tear a progress bar apart."""
    from tqdm import tqdm
    tqdm.write(line, file=sys.stderr)


def want_progress(args: argparse.Namespace) -> bool:
    """--progress / --no-progress, else a bar only when stderr is a terminal."""
    chosen = getattr(args, "progress", None)
    if getattr(args, "no_progress", False):
        return False
    return bool(chosen) if chosen is not None else sys.stderr.isatty()


def _reason(item: str, exc: BaseException) -> str:
    """An exception as one line, without the input's name when the message starts with it."""
    if isinstance(exc, PerfparseError):
        text = str(exc)
    else:  # a bug, not a bad input: name the exception so it can be reported
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    text = _printable(text)
    for prefix in (f"{item}: ", f"{os.path.basename(item)}: "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def iter_inputs(items: Sequence[str], skip: Callable[[str, str], None] | None = None
                ) -> list[str]:
    """Expand folders into their supported files; URLs pass through.

    With several inputs a missing path or an empty folder is passed to `skip`; alone, it
    raises InputError.
    """
    from .readers import iter_paths
    out: list[str] = []
    for item in items:
        if _is_url(item):
            out.append(item)
            continue
        try:
            paths = iter_paths(item)
            if not paths:
                raise InputError(f"{item}: no supported files in this folder")
        except InputError as exc:
            if skip is None or len(items) == 1:
                raise
            skip(item, _reason(item, exc))
            continue
        out.extend(str(p) for p in paths)
    return out


def _report_for(item: str, fetch: dict | None = None) -> Report:
    from .pipeline import check_document, parse_file
    if _is_url(item):
        from .scrape.fetch import fetch_document
        return check_document(fetch_document(item, **(fetch or {})))
    return parse_file(item)


class Run:
    """The inputs of one parse or check run, read one at a time.

    A document that cannot be read, for any reason, is skipped with one line on stderr
    and the run goes on; with a single input it is an error instead.
    """

    def __init__(self, items: Sequence[str], progress: bool, desc: str,
                 fetch: dict | None = None):
        self.fetch = fetch
        self.skipped: list[tuple[str, str]] = []
        self.inputs = iter_inputs(items, self.skip)
        self.missing = len(self.skipped)  # inputs skipped before reading: missing paths
        self.read = 0
        self.progress = progress and len(self.inputs) > 1
        self.desc = desc

    def skip(self, item: str, reason: str) -> None:
        self.skipped.append((item, reason))
        _say(f"perfparse: skipped: {_printable(item)}: {reason}")

    def __iter__(self) -> Iterator[Report]:
        bar = None
        if self.progress:
            from tqdm import tqdm
            bar = tqdm(total=len(self.inputs), unit="doc", file=sys.stderr, desc=self.desc,
                       dynamic_ncols=True)
        try:
            for item in self.inputs:
                log.debug("reading %s", item)
                try:
                    report = _report_for(item, self.fetch)
                except (KeyboardInterrupt, SystemExit):
                    raise
                except Exception as exc:  # noqa: BLE001 - one document never ends the run
                    if len(self.inputs) == 1 and isinstance(exc, PerfparseError):
                        raise
                    if not isinstance(exc, PerfparseError):
                        log.info("traceback of %s", item, exc_info=True)
                    if len(self.inputs) == 1:
                        raise InputError(f"{item}: {_reason(item, exc)}") from None
                    self.skip(item, _reason(item, exc))
                    continue
                finally:
                    if bar is not None:
                        bar.update(1)
                self.read += 1
                yield report
        finally:
            if bar is not None:
                bar.close()

    def nothing_read(self) -> InputError:
        return InputError(f"none of the {len(self.inputs) + self.missing} "
                          "inputs could be read (see the lines above)")


def _getter(cls: type) -> Callable[[Any], tuple]:
    names = [f.name for f in fields(cls)]
    get = attrgetter(*names)
    return lambda obj: get(obj)


# Records as plain tuples: pickling frozen slotted dataclasses field by field is several
# times slower, and a run may park thousands of reports.
_FIGURE, _RELATION, _CHECK = _getter(Figure), _getter(Relation), _getter(Check)


def _pack(report: Report) -> bytes:
    return zlib.compress(pickle.dumps(
        (report.source, dict(report.meta), report.text,
         [_FIGURE(f) for f in report.figures], [_RELATION(r) for r in report.relations],
         [_CHECK(c) for c in report.checks]), protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(data: bytes) -> Report:
    source, meta, text, figures, relations, checks = pickle.loads(zlib.decompress(data))
    return Report(source, meta, text, tuple(Figure(*f) for f in figures),
                  tuple(Relation(*r) for r in relations), tuple(Check(*c) for c in checks))


class _Spool:
    """Reports parked on disk, compressed, until they can be written."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()

    def put(self, report: Report) -> tuple[int, int]:
        data = _pack(report)
        self.file.seek(0, os.SEEK_END)
        at = self.file.tell()
        self.file.write(data)
        return at, len(data)

    def get(self, where: tuple[int, int]) -> Report:
        self.file.seek(where[0])
        return _unpack(self.file.read(where[1]))


class CrossYear:
    """The cross-year check over a stream of reports, in input order, memory flat.

    Year N's 上年 figures are compared with the year N−1 report of the same publisher
    whichever comes first. Of every report only the figures a later report may compare
    with are kept. A report that states last year's figures, while its publisher's
    previous-year report has not been read yet, waits on disk (with every report after it,
    so the order stays) until that report arrives or the inputs end.
    """

    def __init__(self) -> None:
        # Per (publisher, year), the figures a later year may compare with, pickled and
        # compressed: a few kilobytes per report instead of live objects by the thousand.
        self.priors: dict[tuple[str, str], bytes] = {}
        self.spool: _Spool | None = None
        self.pending: deque[tuple[tuple[int, int], tuple[str, str] | None]] = deque()

    @staticmethod
    def _key(report: Report) -> tuple[str, str] | None:
        pub, year = report.meta.get("publisher"), str(report.meta.get("year") or "")
        return (pub, year) if pub and year.isdigit() else None

    @staticmethod
    def _prior_key(key: tuple[str, str]) -> tuple[str, str]:
        return key[0], str(int(key[1]) - 1)

    def _remember(self, report: Report, key: tuple[str, str]) -> None:
        figures = tuple(f for f in report.figures
                        if f.metric and f.period in ("current", None))
        self.priors[key] = _pack(Report(report.source, {}, "", figures))

    def _complete(self, report: Report) -> Report:
        from .judge import cross_year_checks
        key = self._key(report)
        packed = self.priors.get(self._prior_key(key)) if key else None
        if packed is None:
            return report
        prior_key = self._prior_key(key)  # type: ignore[arg-type]
        prior = replace(_unpack(packed), meta={"publisher": prior_key[0], "year": prior_key[1]})
        return cross_year_checks([prior, report])[1]

    def _waits(self, key: tuple[str, str] | None) -> bool:
        return key is not None and self._prior_key(key) not in self.priors

    def feed(self, report: Report) -> Iterator[Report]:
        """The reports that can be written now that `report` was read."""
        key = self._key(report)
        if key:
            self._remember(report, key)
        states_last_year = key is not None and any(
            f.period == "previous" and f.metric for f in report.figures)
        if not self.pending and not (states_last_year and self._waits(key)):
            yield self._complete(report)
        else:
            if self.spool is None:
                self.spool = _Spool()
            self.pending.append((self.spool.put(report), key if states_last_year else None))
        while self.pending and not self._waits(self.pending[0][1]):
            yield self._complete(self.spool.get(self.pending.popleft()[0]))  # type: ignore

    def finish(self) -> Iterator[Report]:
        while self.pending:
            yield self._complete(self.spool.get(self.pending.popleft()[0]))  # type: ignore


class _Output:
    """stdout, or the file of -o opened when the first byte is written."""

    def __init__(self, path: str | None):
        self.path = path
        self.fh: IO[str] | None = None

    def write(self, text: str) -> int:
        if self.fh is None:
            if self.path:
                try:
                    self.fh = open(self.path, "w", encoding="utf-8")
                except OSError as exc:
                    raise InputError(f"-o {self.path}: cannot write: {exc.strerror}") from None
            else:
                self.fh = sys.stdout
        return self.fh.write(text)

    def flush(self) -> None:
        if self.fh is not None:
            self.fh.flush()

    def close(self) -> None:
        if self.fh is not None and self.fh is not sys.stdout:
            self.fh.close()


def _writer(fmt: str, out: _Output, args: argparse.Namespace, argv: Sequence[str]) -> Any:
    from .render.data import CsvWriter, JsonlWriter, JsonWriter
    if fmt == "json":
        return JsonWriter(out)  # type: ignore[arg-type]
    if fmt == "jsonl":
        return JsonlWriter(out)  # type: ignore[arg-type]
    if fmt == "csv":
        return CsvWriter(out, args.table)  # type: ignore[arg-type]
    if fmt == "html":
        from .render.html import HtmlWriter
        command = " ".join(["perfparse", *map(shlex.quote, argv)])
        return HtmlWriter(out, command=command, inputs=args.inputs)  # type: ignore[arg-type]
    from .render.text import TextWriter
    color = args.output is None and sys.stdout.isatty()
    return TextWriter(out, color=color)  # type: ignore[arg-type]


def cmd_parse(args: argparse.Namespace) -> int:
    run = Run(args.inputs, want_progress(args), "parsing", _fetch_options(args))
    out = _Output(args.output)
    writer = _writer(args.format, out, args, args.argv)
    try:
        for report in run:
            writer.write(report)
            out.flush()
        if not run.read:
            raise run.nothing_read()
        writer.close()
    finally:
        out.close()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    run = Run(args.inputs, want_progress(args), "checking", _fetch_options(args))
    out = _Output(args.output)
    writer = _writer(args.format, out, args, args.argv)
    cross = CrossYear()
    totals = {"documents": 0, "checks": 0, "fail": 0, "uncertain": 0}

    def emit(report: Report) -> None:
        writer.write(report)
        out.flush()
        totals["documents"] += 1
        totals["checks"] += len(report.checks)
        totals["fail"] += sum(c.status == "fail" for c in report.checks)
        totals["uncertain"] += sum(c.status == "uncertain" for c in report.checks)

    try:
        for report in run:
            for ready in cross.feed(report):
                emit(ready)
        for ready in cross.finish():
            emit(ready)
        if not run.read:
            raise run.nothing_read()
        from .render.html import HtmlWriter
        from .render.text import TextWriter
        if isinstance(writer, HtmlWriter):
            for item, reason in run.skipped:
                writer.skipped(item, reason)
        elif isinstance(writer, TextWriter):
            writer.skipped = len(run.skipped)
        writer.close()
    finally:
        out.close()
    if args.output and args.verbosity >= 0:
        skipped = f", {len(run.skipped)} skipped" if run.skipped else ""
        print(f"perfparse: {totals['documents']} documents, {totals['checks']} checks, "
              f"{totals['fail']} failed, {totals['uncertain']} uncertain{skipped}; "
              f"wrote {args.output}", file=sys.stderr)
    return 1 if totals["fail"] else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from . import realgold
    from .evaluate import evaluate_corpus, format_scores, gold_pairs
    if not os.path.isdir(args.folder):
        raise InputError(f"{args.folder}: no such folder")
    if realgold.is_real_gold(args.folder):
        # Gold for the real documents: scored against ../shared/real.
        root = realgold.real_root(args.real_root)
        if root is None:
            raise InputError("the real documents are not found: pass --real-root DIR or set "
                             "PERFPARSE_SHARED (../shared/real is looked for by default)")
        print(realgold.format_real(realgold.evaluate_real(args.folder, root),
                                   verbose=args.verbose > 0), end="")
        return 0
    if not gold_pairs(args.folder):
        raise InputError(f"{args.folder}: no gold files here (NAME.gold.json beside each "
                         "document); eval measures against a gold corpus such as corpus/")
    scores = evaluate_corpus(args.folder, progress=want_progress(args))
    print(format_scores(scores, verbose=args.verbose > 0), end="")
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


def _fetch_options(args: argparse.Namespace) -> dict:
    out: dict = {"allow_offsite": args.allow_offsite}
    if args.timeout is not None:
        out["timeout"] = args.timeout
    return out


def _add_fetch_options(parser: argparse.ArgumentParser) -> None:
    from .options import positive_seconds
    parser.add_argument("--timeout", type=positive_seconds("--timeout"), metavar="S",
                        help="give up on a URL after S seconds, headers and body included "
                        "(default 30)")
    parser.add_argument("--allow-offsite", action="store_true",
                        help="follow a URL's redirects to other hosts")


def _common(parser: argparse.ArgumentParser, progress: bool = True) -> None:
    """-v/-q, and --progress/--no-progress where there is progress to show, on every
    command that lacks them."""
    have = {s for a in parser._actions for s in a.option_strings}
    group = parser.add_argument_group("output on stderr")
    if "-v" not in have:
        group.add_argument("-v", "--verbose", action="count", default=0,
                           help="say more: -v what is being done (and the traceback of a "
                                "document that failed unexpectedly), -vv debugging detail")
    if "-q" not in have:
        group.add_argument("-q", "--quiet", action="count", default=0,
                           help="errors only")
    if progress and "--progress" not in have:
        group.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                           help="progress bars on stderr (default: only when stderr is a "
                                "terminal)")


def _describe(name: str, parser: argparse.ArgumentParser) -> None:
    """Examples, defaults shown, and help for options that have none."""
    parser.formatter_class = _Formatter
    parser.epilog = EXAMPLES.get(name, parser.epilog)
    for action in parser._actions:
        if action.help is None:
            key = next((s for s in action.option_strings if s.startswith("--")), action.dest)
            action.help = FALLBACK_HELP.get(key, FALLBACK_HELP.get(action.dest))


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    p = _Parser(prog="perfparse", description="Read Chinese county performance and budget "
                "reports into typed figures and check their arithmetic.",
                epilog="Run `perfparse COMMAND --help` for a command's options and examples.\n"
                "Exit status: 0 all read and no failed check, 1 a check failed, 2 usage "
                "error or nothing could be read.")
    p.add_argument("--version", action="version", version=f"perfparse {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    sp = sub.add_parser("parse", help="figures, relations and checks as data",
                        description="Read reports and write their figures, relations and "
                        "checks as data, one report at a time.")
    sp.add_argument("inputs", nargs="+", metavar="PATH_OR_URL",
                    help="files, folders (every supported file in them) or URLs")
    sp.add_argument("--format", choices=("json", "jsonl", "csv"), default="json",
                    help="json: one array; jsonl: one report per line; csv: one table")
    sp.add_argument("--table", choices=("figures", "relations", "checks", "documents", "tables",
                                        "findings"),
                    default="figures", help="which table --format csv writes")
    sp.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    _add_fetch_options(sp)
    sp.set_defaults(func=cmd_parse)

    sc = sub.add_parser("check", help="the auditor's view: every inconsistency explained",
                        description="Check the arithmetic of reports: every failed or "
                        "uncertain check shown in context. Exits 1 when a check fails.")
    sc.add_argument("inputs", nargs="+", metavar="PATH_OR_URL",
                    help="files, folders (every supported file in them) or URLs")
    sc.add_argument("--format", choices=("text", "json", "jsonl", "html"), default="text",
                    help="text: for the terminal; json/jsonl: the data; html: the audit page")
    sc.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    _add_fetch_options(sc)
    sc.set_defaults(func=cmd_check)

    se = sub.add_parser("eval", help="precision and recall against a gold corpus",
                        description="Score figures, relations and planted errors against the "
                        "NAME.gold.json files of a corpus folder; or, for a folder of gold for "
                        "the real documents (corpus/real-gold), the checker's fail precision, "
                        "real errors failed and claims given the right status.")
    se.add_argument("folder", nargs="?", default="corpus",
                    help="folder with documents and their .gold.json files (default: corpus)")
    se.add_argument("--mutations", type=int, default=0, metavar="N",
                    help="also change one figure of a passing claim N times and count failures")
    se.add_argument("--seed", type=int, default=20261127, help="seed of the mutation trials")
    se.add_argument("--real-root", metavar="DIR",
                    help="for a folder of real-document gold (corpus/real-gold): where the "
                         "documents are (default: $PERFPARSE_SHARED/real, else ../shared/real)")
    se.set_defaults(func=cmd_eval)

    for module in ("perfparse.scrape.command", "perfparse.batch"):
        register = _registrar(module)
        if register is not None:
            register(sub)
    for name, parser in sub.choices.items():
        _common(parser, progress=name != "export")  # export writes files, no bar to show
        _describe(name, parser)
    return p


def _registrar(module: str) -> Callable | None:
    import importlib
    try:
        return getattr(importlib.import_module(module), "register", None)
    except ImportError:
        return None


class _LogHandler(logging.Handler):
    """Log records as `perfparse: message` lines that keep progress bars whole."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            msg = self.format(record)
            _say(msg)
        except Exception:  # noqa: BLE001 - logging must never end the run
            self.handleError(record)


def setup_logging(verbosity: int) -> None:
    """The CLI's logging: perfparse's loggers to stderr at the level -v/-q ask for."""
    level = LEVELS[max(0, min(len(LEVELS) - 1, 1 + verbosity))]
    handler = _LogHandler()
    handler.setFormatter(logging.Formatter(
        "perfparse: %(levelname)s: %(name)s: %(message)s" if level <= logging.DEBUG
        else "perfparse: %(message)s"))
    root = logging.getLogger("perfparse")
    for old in list(root.handlers):
        if isinstance(old, _LogHandler):
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
    # pdfminer (under pdfplumber) warns about every odd glyph; only its errors matter here.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = argv
    args.verbosity = getattr(args, "verbose", 0) - getattr(args, "quiet", 0)
    setup_logging(args.verbosity)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("perfparse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python's exit flush quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (PerfparseError, OSError) as exc:
        print(f"perfparse: error: {_printable(str(exc))}", file=sys.stderr)
        return 2
