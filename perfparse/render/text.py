"""The auditor's terminal summary of `perfparse check`: counts, then every failure in context."""
from __future__ import annotations

import re
from collections import Counter
from typing import Sequence, TextIO

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


# What a document may hold that a terminal would obey instead of print: escape sequences
# (CSI … final byte, OSC … BEL/ST, and any other ESC pair), the remaining C0 and C1 control
# characters, and the bidirectional overrides that reorder what the reader sees.
_ESCAPES = re.compile(r"\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]?"
                      r"|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?"
                      r"|\x1b[@-_]?|\x9b[0-?]{0,64}[ -/]{0,16}[@-~]?")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""`text` without the control characters and escape sequences a terminal would act on;
    line breaks and tabs stay.

    >>> printable("a\x1b[2J\x1b]0;title\x07b\x00c\u202ed")
    'abcd'
    """
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


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
    before = ("…" if lo > 0 else "") + printable(text[lo:start].translate(_FLATTEN))
    after = printable(text[end:hi].translate(_FLATTEN)) + ("…" if hi < n else "")
    span = printable(text[start:end].translate(_FLATTEN))
    if color:
        marked = _paint(span, "fail" if status == "fail" else "uncertain", True)
    else:
        marked = f"{PLAIN_MARKS[0]}{span}{PLAIN_MARKS[1]}"
    return f"{before}{marked}{after}"


def _header(index: int, report: Report, color: bool) -> list[str]:
    meta = report.meta
    title = printable(meta.get("title") or report.source or "(untitled)")
    lines = [_paint(f"[{index}] {title}", "bold", color)]
    if report.source:
        lines.append(f"    source: {printable(report.source)}")
    about = [f"{key}: {printable(str(meta[key]))}" for key in ("publisher", "published")
             if meta.get(key)]
    if about:
        lines.append("    " + " | ".join(about))
    reason = meta.get("no_text")
    if reason:
        # A page whose content is not text has nothing to check: say why, and where to look.
        lines.append(_paint(f"    no article text on this page: {NO_TEXT.get(reason, reason)}",
                            "uncertain", color))
    return lines


# meta["no_text"] as the terminal explains it.
NO_TEXT = {
    "embedded": "the document is shown in an embedded viewer; check the file it shows",
    "images": "the body is images only (meta['images'] lists them)",
    "attachments": "the body only links attached files; check those files",
    "script": "the page fills its body by script; nothing was served as text",
    "empty": "the body is empty",
}


def _counts(report: Report) -> str:
    by_status = Counter(c.status for c in report.checks)
    statuses = ", ".join(f"{s} {by_status.get(s, 0)}" for s in STATUSES)
    return (f"    {_plural(len(report.figures), 'figure')}, "
            f"{_plural(len(report.relations), 'relation')}, "
            f"{_plural(len(report.checks), 'check')} ({statuses})")


def _issue(report: Report, check: Check, color: bool) -> list[str]:
    label = _paint(check.status.upper(), check.status, color)
    where = f"@{check.start}-{check.end}"
    lines = [f"    {label} {printable(check.rule)} {printable(check.id)} "
             f"{_paint(where, 'dim', color)}",
             "      " + context(report.text, check.start, check.end, color, check.status)]
    lines.extend("      " + line for line in printable(check.message or "").splitlines()
                 if line.strip())
    return lines


class TextWriter:
    """The terminal summary written one report at a time; `close()` adds the totals."""

    def __init__(self, out: TextIO, color: bool = False):
        self.out = out
        self.color = color
        self.totals: Counter[str] = Counter()
        self.documents = 0
        self.skipped = 0

    def write(self, report: Report) -> None:
        self.documents += 1
        out = _header(self.documents, report, self.color)
        out.append(_counts(report))
        out.extend(finding_lines(report))   # standard tables and codes (render/findings.py)
        self.totals.update(c.status for c in report.checks)
        listed = sorted((c for c in report.checks if c.status in LISTED),
                        key=lambda c: (c.start, c.end, LISTED.index(c.status), c.id))
        for check in listed:
            out.extend(_issue(report, check, self.color))
        out.append("")
        self.out.write("\n".join(out) + "\n")

    def close(self) -> None:
        total = sum(self.totals.values())
        summary = (f"{_plural(self.documents, 'document')}, {_plural(total, 'check')}, "
                   f"{self.totals['fail']} failed, {self.totals['uncertain']} uncertain")
        if self.skipped:
            summary += f", {self.skipped} skipped"
        self.out.write(_paint(summary, "fail" if self.totals["fail"] else "bold", self.color)
                       + "\n")


def to_text(reports: Sequence[Report], color: bool = False) -> str:
    """A readable summary of every report's checks; passes are counted, not listed."""
    import io
    buf = io.StringIO()
    writer = TextWriter(buf, color)
    for report in reports:
        writer.write(report)
    writer.close()
    return buf.getvalue()
