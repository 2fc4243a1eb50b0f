"""perfparse against trafilatura on the hand-labelled real portal pages, field by field.

    python benchmarks/bench_pages_vs_trafilatura.py [--shared ../shared] [--venv DIR] [--misses]
                                                    [--variants]

trafilatura is not a dependency of perfparse: it is imported if the running interpreter has
it, else installed on demand into a throwaway virtual environment (`--venv`, default under the
system temp folder) and run there on the same decoded pages. Both get the page text as
perfparse decodes it, so charset handling is not what is compared. The labels and the scoring
rules are in corpus/real-labels/pages/README.md.

--variants also scores perfparse on the same pages stripped of what a portal may lack
(class and id attributes, <title> and meta tags, h1–h3 headline tags): the labels still hold,
so the scores show how much the reader leans on each.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from page_labels import FIELD_NAMES, FIELDS, Extracted, Table, load_labels, score  # noqa: E402
from perfparse.readers.html import read_html  # noqa: E402
from perfparse.readers.text import decode  # noqa: E402

# Runs inside the trafilatura environment: JSON list of paths in, JSON list of results out.
TRAFILATURA_RUNNER = r"""
import json, sys, time
from trafilatura import bare_extraction
out = []
for path in json.load(sys.stdin):
    html = open(path, encoding="utf-8").read()
    t0 = time.perf_counter()
    d = bare_extraction(html, with_metadata=True, include_tables=True)
    dt = time.perf_counter() - t0
    get = (lambda k: getattr(d, k, None)) if d is not None else (lambda k: None)
    out.append({"title": get("title"), "date": get("date"), "author": get("author"),
                "sitename": get("sitename"), "text": get("text") or "", "seconds": dt})
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def shared_dir(given: str | None) -> Path:
    path = Path(given or os.environ.get("PERFPARSE_SHARED") or ROOT.parent / "shared")
    if not (path / "real").is_dir():
        sys.exit(f"../shared/real not found at {path} (use --shared or PERFPARSE_SHARED)")
    return path


def trafilatura_python(env_dir: Path) -> str:
    """An interpreter that can import trafilatura: this one, or a throwaway venv."""
    try:
        import trafilatura  # noqa: F401
        return sys.executable
    except ImportError:
        pass
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    if not py.exists():
        print(f"installing trafilatura into {env_dir} …", file=sys.stderr)
        venv.create(env_dir, with_pip=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "trafilatura", "lxml_html_clean"],
                       check=True)
    return str(py)


def decoded_pages(real: Path, labels) -> list[Path]:
    """The pages decoded as perfparse decodes them, written as UTF-8 for the other side."""
    tmp = Path(tempfile.mkdtemp(prefix="pages-utf8-"))
    out = []
    for label in labels:
        data = (real / label.file).read_bytes()
        path = tmp / (label.name + ".html")
        path.write_text(decode(data, None, label.file), "utf-8")
        out.append(path)
    return out


def run_perfparse(paths: list[Path]) -> tuple[list[Extracted], float]:
    return run_perfparse_html([path.read_text("utf-8") for path in paths])


def run_perfparse_html(pages: list[str]) -> tuple[list[Extracted], float]:
    got, seconds = [], 0.0
    for html in pages:
        t0 = time.perf_counter()
        doc = read_html(html, "")
        seconds += time.perf_counter() - t0
        m = doc.meta
        got.append(Extracted(m.get("title"), m.get("published"), m.get("publisher"), doc.text,
                             bool(m.get("no_text"))))
    return got, seconds


def run_trafilatura(paths: list[Path], python: str) -> tuple[list[Extracted], float]:
    proc = subprocess.run([python, "-c", TRAFILATURA_RUNNER], input=json.dumps(
        [str(p) for p in paths]), capture_output=True, text=True, check=True)
    got, seconds = [], 0.0
    for r in json.loads(proc.stdout):
        seconds += r["seconds"]
        others = tuple(v for v in (r["sitename"],) if v)
        got.append(Extracted(r["title"], r["date"], r["author"], r["text"], False, others))
    return got, seconds


def _strip_attrs(soup) -> None:
    for el in soup.find_all(True):
        for attr in ("class", "id"):
            el.attrs.pop(attr, None)


def _strip_refs(soup) -> None:
    for el in soup.find_all("title"):
        el.decompose()
    for el in soup.find_all("meta"):
        if (el.get("name") or el.get("property") or "").lower() in (
                "articletitle", "og:title", "pubdate", "contentsource"):
            el.decompose()


def _strip_headline_tags(soup) -> None:
    for el in soup.find_all(("h1", "h2", "h3")):
        el.name = "div"


VARIANTS = {"no class/id": (_strip_attrs,), "no <title>/meta": (_strip_refs,),
            "no h1-h3": (_strip_headline_tags,),
            "none of these": (_strip_attrs, _strip_refs, _strip_headline_tags)}


def run_variants(labels, paths: list[Path]) -> None:
    from bs4 import BeautifulSoup
    print("\nperfparse on pages stripped of …")
    for name, changes in VARIANTS.items():
        table = Table()
        for label, path in zip(labels, paths):
            soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
            for change in changes:
                change(soup)
            got, _ = run_perfparse_html([str(soup)])
            table.add(label.name, score(label, got[0]))
        print(f"  {name:<16}" + "  ".join(f"{f} {table.cell(f)}" for f in FIELDS))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", help="the shared folder holding real/ (default ../shared)")
    ap.add_argument("--venv", default=str(Path(tempfile.gettempdir()) / "perfparse-trafilatura"),
                    help="where to install trafilatura if this interpreter lacks it")
    ap.add_argument("--misses", action="store_true", help="list the pages each side gets wrong")
    ap.add_argument("--variants", action="store_true",
                    help="also score perfparse on the pages stripped of class/id, <title>/meta, "
                         "h1-h3")
    args = ap.parse_args(argv)
    real = shared_dir(args.shared) / "real"
    labels = load_labels()
    paths = decoded_pages(real, labels)
    ours, our_time = run_perfparse(paths)
    theirs, their_time = run_trafilatura(paths, trafilatura_python(Path(args.venv)))
    tables = {"perfparse": Table(), "trafilatura": Table()}
    for label, a, b in zip(labels, ours, theirs):
        tables["perfparse"].add(label.name, score(label, a))
        tables["trafilatura"].add(label.name, score(label, b))
    width = max(map(len, FIELD_NAMES.values()))
    print(f"{len(labels)} hand-labelled pages ({sum(lb.body is not None for lb in labels)} with "
          f"article text)\n")
    print(f"{'field':<{width}}  {'perfparse':>10}  {'trafilatura':>11}")
    for f in FIELDS:
        print(f"{FIELD_NAMES[f]:<{width}}  {tables['perfparse'].cell(f):>10}  "
              f"{tables['trafilatura'].cell(f):>11}")
    print(f"{'seconds for all pages':<{width}}  {our_time:>10.2f}  {their_time:>11.2f}")
    if args.variants:
        run_variants(labels, paths)
    if args.misses:
        for side, table in tables.items():
            print(f"\n{side} misses:")
            for f in FIELDS:
                if table.misses[f]:
                    print(f"  {f}: {' '.join(table.misses[f])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
