"""Findings that are no arithmetic (which standard tables are present, stated empty or
missing; 科目编码 against their names), for the terminal and the HTML page."""
from __future__ import annotations

from collections import Counter
from html import escape
from ..records import Finding, Report

# Statuses listed one by one; a present table is only counted.
LISTED = ("missing", "empty", "mismatch")


def _listed(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.status in LISTED]


def summary(report: Report) -> str:
    """One line: the standard tables found and what is missing or empty ("" when none)."""
    tables = [f for f in report.findings if f.kind == "completeness"]
    codes = [f for f in report.findings if f.kind == "code"]
    if not tables and not codes:
        return ""
    n = Counter(f.status for f in tables)
    parts = [f"standard tables: present {n['present']}, empty {n['empty']}, "
             f"missing {n['missing']}"]
    if codes:
        parts.append(f"codes not matching their names: {len(codes)}")
    return "; ".join(parts)


def text_lines(report: Report) -> list[str]:
    """The terminal's lines: the summary, then each missing or empty table and each code."""
    head = summary(report)
    if not head:
        return []
    out = [f"    {head}"]
    for f in _listed(report):
        out.append(f"    {f.status.upper()} {f.kind} {f.id}: {f.message}")
    return out


def html_block(report: Report) -> list[str]:
    """A list of the same findings for the report's section of the HTML page."""
    head = summary(report)
    if not head:
        return []
    out = [f'<div class="findings"><p class="findings-summary">{escape(head)}</p>', "<ul>"]
    for f in report.findings:
        out.append(f'<li class="finding finding-{escape(f.status)}" data-kind="{escape(f.kind)}">'
                   f"{escape(f.status)} · {escape(f.message)}</li>")
    out.append("</ul></div>")
    return out
