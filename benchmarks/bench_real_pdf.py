"""Speed on the real published PDFs: ms per page for read+parse+check beside pypdfium2's
plain text time on the same pages, in one run.

    python benchmarks/bench_real_pdf.py [--repeat 3] [--shared PATH]

The PDFs are ../shared/real/files/*.pdf (PERFPARSE_SHARED, or ../shared beside the clone).
Each file is timed `repeat` times and the best run kept (the least disturbed by the rest of
the machine); the ratio is the whole set's read+parse+check time over its plain text time.
Issue 13's target is a ratio of at most 10.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

TARGET_RATIO = 10


def shared_dir(given: str | None) -> Path:
    root = Path(__file__).resolve().parent.parent
    return Path(given or os.environ.get("PERFPARSE_SHARED") or root.parent / "shared")


def plain_text(data: bytes) -> int:
    """pypdfium2's text of every page, the floor any PDF reader pays; returns pages."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(data)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def full(data: bytes, name: str) -> tuple[int, int, int]:
    """Read, parse and check one PDF; returns (figures, relations, checks)."""
    from perfparse.pipeline import check_document
    from perfparse.readers import read_bytes
    report = check_document(read_bytes(data, name))
    return len(report.figures), len(report.relations), len(report.checks)


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shared", help="the shared folder (default: PERFPARSE_SHARED or ../shared)")
    args = ap.parse_args(argv)
    folder = shared_dir(args.shared) / "real" / "files"
    files = sorted(folder.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {folder}", file=sys.stderr)
        return 2
    # Warm up the imports (pdfplumber, jieba's dictionary) outside the timings.
    for path in files:
        try:
            full(path.read_bytes(), path.name)
            break
        except Exception:
            continue
    print(f"{'file':44} {'pages':>5} {'pdfium ms/p':>11} {'perfparse ms/p':>14} {'ratio':>6}"
          f" {'figures':>7} {'checks':>6}")
    total_pages, total_plain, total_full = 0, 0.0, 0.0
    for path in files:
        data = path.read_bytes()
        t_plain, pages = best(lambda: plain_text(data), args.repeat)
        try:
            t_full, counts = best(lambda: full(data, path.name), args.repeat)
        except Exception as exc:   # a file the pipeline cannot parse yet: say so, go on
            print(f"{path.name[:44]:44} {pages:5d} {1000 * t_plain / pages:11.1f}  "
                  f"error: {type(exc).__name__}: {exc}"[:160])
            continue
        total_pages += pages
        total_plain += t_plain
        total_full += t_full
        figures, _, checks = counts  # type: ignore[misc]
        print(f"{path.name[:44]:44} {pages:5d} {1000 * t_plain / pages:11.1f} "
              f"{1000 * t_full / pages:14.1f} {t_full / t_plain:6.1f} {figures:7d} {checks:6d}")
    ratio = total_full / total_plain
    print(f"{'all':44} {total_pages:5d} {1000 * total_plain / total_pages:11.1f} "
          f"{1000 * total_full / total_pages:14.1f} {ratio:6.1f}")
    print(f"target: ratio <= {TARGET_RATIO}: {'met' if ratio <= TARGET_RATIO else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
