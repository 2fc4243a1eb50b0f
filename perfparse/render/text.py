"""The auditor's terminal summary of `perfparse check`: counts, then every failure in context."""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..records import STATUSES, Check, Report
from .findings import text_lines as finding_lines

CONTEXT = 20  # characters of report text shown on each side of a judged figure
LISTED = ("fail", "uncertain")  # statuses explained one by one; the rest are only counted

# How the judged figure is set off from its context. Without colour the marks are the
# full-width brackets a Chinese reader expects around a quoted term.
PLAIN_MARKS = ("【", "】")
ANSI = {"fail": "\x1b[1;31m", "uncertain": "\x1b[1;33m", "dim": "\x1b[2m",
        "bold": "\x1b[1m", "reset": "\x1b[0m"}

# Line breaks and tabs inside a context would break the one-line layout; each becomes one
# space so that the context keeps its length.
_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\v": " ", "\f": " ",
                          "\u2028": " ", "\u2029": " "})


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{ANSI[style]}{text}{ANSI['reset']}" if color else text


def context(text: str, start: int, end: int, color: bool = False,
            status: str = "fail", width: int = CONTEXT) -> str:
    """The span `start:end` of `text` with `width` characters either side, the span marked.

    >>> context("abcdefghij", 4, 6, width=2)
    '…cd【ef】gh…'
    >>> context("abc", 0, 3, width=2)
    '【abc】'
    """
    n = len(text)
    start = min(max(start, 0), n)
    end = min(max(end, start), n)
    lo, hi = max(start - width, 0), min(end + width, n)
    before = ("…" if lo > 0 else "") + text[lo:start].translate(_FLATTEN)
    after = text[end:hi].translate(_FLATTEN) + ("…" if hi < n else "")
    span = text[start:end].translate(_FLATTEN)
    if color:
        marked = _paint(span, "fail" if status == "fail" else "uncertain", True)
    else:
        marked = f"{PLAIN_MARKS[0]}{span}{PLAIN_MARKS[1]}"
    return f"{before}{marked}{after}"


def _header(index: int, report: Report, color: bool) -> list[str]:
    meta = report.meta
    title = meta.get("title") or report.source or "(untitled)"
    lines = [_paint(f"[{index}] {title}", "bold", color)]
    if report.source:
        lines.append(f"    source: {report.source}")
    about = [f"{key}: {meta[key]}" for key in ("publisher", "published") if meta.get(key)]
    if about:
        lines.append("    " + " | ".join(about))
    return lines


def _counts(report: Report) -> str:
    by_status = Counter(c.status for c in report.checks)
    statuses = ", ".join(f"{s} {by_status.get(s, 0)}" for s in STATUSES)
    return (f"    {_plural(len(report.figures), 'figure')}, "
            f"{_plural(len(report.relations), 'relation')}, "
            f"{_plural(len(report.checks), 'check')} ({statuses})")


def _issue(report: Report, check: Check, color: bool) -> list[str]:
    label = _paint(check.status.upper(), check.status, color)
    where = f"@{check.start}-{check.end}"
    lines = [f"    {label} {check.rule} {check.id} {_paint(where, 'dim', color)}",
             "      " + context(report.text, check.start, check.end, color, check.status)]
    lines.extend("      " + line for line in (check.message or "").splitlines() if line.strip())
    return lines


def to_text(reports: Sequence[Report], color: bool = False) -> str:
    """A readable summary of every report's checks; passes are counted, not listed."""
    out: list[str] = []
    totals: Counter[str] = Counter()
    for index, report in enumerate(reports, 1):
        out.extend(_header(index, report, color))
        out.append(_counts(report))
        out.extend(finding_lines(report))   # standard tables and codes (render/findings.py)
        totals.update(c.status for c in report.checks)
        listed = sorted((c for c in report.checks if c.status in LISTED),
                        key=lambda c: (c.start, c.end, LISTED.index(c.status), c.id))
        for check in listed:
            out.extend(_issue(report, check, color))
        out.append("")
    total = sum(totals.values())
    summary = (f"{_plural(len(reports), 'document')}, {_plural(total, 'check')}, "
               f"{totals['fail']} failed, {totals['uncertain']} uncertain")
    out.append(_paint(summary, "fail" if totals["fail"] else "bold", color))
    return "\n".join(out) + "\n"
