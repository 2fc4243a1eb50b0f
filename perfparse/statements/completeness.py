"""Which standard tables a document holds: present, stated empty, or missing.

A table is missing when the document's own contents list promises it, or, with no contents
list, when the document holds most of a standard set (部门决算's nine tables, 部门预算's
eight) but not that one. These are findings of their own kind, never arithmetic fails.
"""
from __future__ import annotations

from typing import Sequence

from ..records import Document, Finding, TypedTable
from ..rules import statements as S
from .standard import KIND_NAME, KIND_SET, contents


def completeness(doc: Document, tables: Sequence[TypedTable]) -> list[Finding]:
    """One finding per standard table present, stated empty or missing, in document order
    (missing ones last, in the order expected)."""
    first: dict[str, TypedTable] = {}
    for t in tables:
        first.setdefault(t.kind, t)
    toc = contents(doc)
    expected: list[str] = []
    why = ""
    if toc:
        expected, why = list(toc), S.WHY_TOC
    else:
        for kset, kinds in S.EXPECTED.items():
            if sum(1 for k in kinds if k in first) >= S.FULL_SET_FROM:
                expected.extend(kinds)
                why = S.WHY_TEMPLATE
    out: list[Finding] = []
    for t in sorted(first.values(), key=lambda t: t.start):
        if t.empty:
            msg = S.MSG_EMPTY.format(name=t.name,
                                     stated=S.MSG_EMPTY_STATED if t.stated_empty else "")
            out.append(Finding("", "completeness", "empty", t.name, msg, t.start, t.end))
        else:
            out.append(Finding("", "completeness", "present", t.name,
                               S.MSG_PRESENT.format(name=t.name, title=t.title),
                               t.start, t.end))
    for kind in expected:
        if kind not in first:
            out.append(Finding("", "completeness", "missing", KIND_NAME[kind],
                               S.MSG_MISSING.format(name=KIND_NAME[kind], why=why)))
    return out


def document_set(tables: Sequence[TypedTable]) -> str:
    """final, budget or selfeval: the set most of the document's standard tables belong to."""
    counts: dict[str, int] = {}
    for t in tables:
        counts[KIND_SET[t.kind]] = counts.get(KIND_SET[t.kind], 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""
