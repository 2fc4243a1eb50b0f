"""The record types every stage shares: read this module first.

A Document is what a reader makes of a file or page; Figure, Relation and Check are what the
parser and validator make of a Document; a Report bundles them. All records are frozen and
slotted; every number is a Decimal with the precision it was written with.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping

KINDS = ("money", "percent", "pp", "count", "score", "area", "date", "other")
PERIODS = ("current", "previous", "budget", "target")
RELATION_TYPES = ("change", "growth_rate", "sum", "share", "ratio", "per_capita",
                  "savings_rate", "premium_rate", "threshold", "balance", "direction",
                  "table_sum", "score", "cross_year", "equal")
STATUSES = ("pass", "fail", "uncertain", "not_assessable")
# Findings that are no arithmetic: which standard tables are there, codes against names.
FINDING_KINDS = ("completeness", "code")
FINDING_STATUSES = ("present", "empty", "missing", "mismatch")
# How a document states a claim (see perfparse.judge.verdict for what each may end as):
# explicit — a cue binds the operands and nothing is left to guess (合计, 分别为, 占 + the named
#            whole, a level with its 比上年 change in one sentence, a known complete partition);
# bound    — a breakdown whose total the document names (X，其中 A、B) but whose completeness
#            it does not show: the parts cannot exceed the total, they may fall short of it;
# inferred — the pairing itself is ours (nearest figures, a name matched across sentences).
BASES = ("explicit", "bound", "inferred")
META_KEYS = ("title", "publisher", "published", "index_no", "doc_no", "topic", "category",
             "county", "province", "year", "url")


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its text and its span in Document.text."""
    row: int
    col: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table kept as rows and cells; `unit` is the table's declared unit (单位：万元)."""
    start: int
    end: int
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int = 1
    unit: str | None = None
    title: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("table end before start")

    def cell_at(self, offset: int) -> Cell | None:
        """The cell whose span holds `offset`, if any."""
        if not self.start <= offset < self.end:
            return None
        for row in self.rows:
            for cell in row:
                if cell.start <= offset < cell.end:
                    return cell
        return None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A link from an article to an attached file."""
    url: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """Text with its metadata and tables. Offsets everywhere refer to `text`."""
    text: str
    meta: Mapping[str, str] = field(default_factory=dict)
    tables: tuple[Table, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    source: str = ""

    def table_at(self, offset: int) -> Table | None:
        for table in self.tables:
            if table.start <= offset < table.end:
                return table
        return None


@dataclass(frozen=True, slots=True)
class Figure:
    """One number of the report's measures, located in the text.

    `value` is in the base unit (元 for money, the number itself for %, 百分点, counts);
    `decimals` is the precision as written. `text[start:end] == figure.text` always holds.
    """
    id: str
    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    kind: str
    decimals: int
    metric: str = ""
    period: str | None = None
    section: str = ""
    qualifier: str | None = None      # approx | range | more | ge | le | gt | lt
    value_max: Decimal | None = None  # upper end of a range (3至5亿元)
    scale: Decimal = Decimal(1)       # base units per written unit (10000 for 万元)
    rule: str = ""                    # which pattern produced it

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown figure kind {self.kind!r}")
        if self.period is not None and self.period not in PERIODS:
            raise ValueError(f"unknown period {self.period!r}")
        if self.end - self.start != len(self.text):
            raise ValueError("figure span and text disagree")
        if not isinstance(self.value, Decimal):
            raise TypeError("figure value must be a Decimal")

    @property
    def half_ulp(self) -> Decimal:
        """Half a unit of the last written digit, in base units."""
        return Decimal(5).scaleb(-self.decimals - 1) * self.scale

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "text": self.text,
                "value": str(self.value), "unit": self.unit, "kind": self.kind,
                "decimals": self.decimals, "metric": self.metric, "period": self.period,
                "section": self.section, "qualifier": self.qualifier,
                "value_max": None if self.value_max is None else str(self.value_max)}


@dataclass(frozen=True, slots=True)
class Relation:
    """A claim linking figures; `roles` maps a role name to figure ids."""
    id: str
    type: str
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    start: int
    end: int
    note: str = ""
    basis: str = "inferred"
    cue: str = ""      # what in the text states it: 其中, 分别为, 占…, partition, table …
    group: str = ""    # claims that share completeness evidence (one table row's columns)

    def __post_init__(self) -> None:
        if self.type not in RELATION_TYPES:
            raise ValueError(f"unknown relation type {self.type!r}")
        if self.basis not in BASES:
            raise ValueError(f"unknown basis {self.basis!r}")

    def role(self, name: str) -> tuple[str, ...]:
        for key, ids in self.roles:
            if key == name:
                return ids
        return ()

    @property
    def figure_ids(self) -> tuple[str, ...]:
        return tuple(i for _, ids in self.roles for i in ids)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "roles": {k: list(v) for k, v in self.roles},
                "start": self.start, "end": self.end, "note": self.note,
                "basis": self.basis, "explicit": self.basis == "explicit", "cue": self.cue}


@dataclass(frozen=True, slots=True)
class Check:
    """The verdict on one relation; `start`/`end` span the reported figure judged."""
    id: str
    rule: str
    status: str
    message: str
    reported: str | None
    expected: str | None
    expected_interval: tuple[str, str] | None
    start: int
    end: int
    figures: tuple[str, ...]
    relation: str = ""
    basis: str = ""    # the judged relation's basis: explicit, bound or inferred

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "status": self.status,
                "message": self.message, "reported": self.reported, "expected": self.expected,
                "expected_interval": None if self.expected_interval is None
                else list(self.expected_interval),
                "start": self.start, "end": self.end, "figures": list(self.figures),
                "relation": self.relation, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class TypedRow:
    """One row of a standard table: its 科目编码 and name, its level in the table's outline (0
    for a total row), its side (收入/支出 in a two-sided table, else "") and, per column header,
    the id of the figure in that cell."""
    code: str
    name: str
    level: int
    side: str
    total: bool
    cells: tuple[tuple[str, str], ...]

    def figure(self, column: str) -> str | None:
        return next((fid for col, fid in self.cells if col == column), None)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "level": self.level, "side": self.side,
                "total": self.total, "cells": dict(self.cells)}


@dataclass(frozen=True, slots=True)
class TypedTable:
    """A standard table of the genre recognised by its title and header (收入支出决算总表,
    部门收支总表, 项目支出绩效自评表 …): `kind` is its key in perfparse/rules/statements.py
    (F1…F9 决算, B1… 预算, S1/S2 自评表), `name` its canonical name, `title` as printed.
    `empty` when it holds no figure; `stated_empty` when the text says so (本表无数据)."""
    id: str
    kind: str
    name: str
    title: str
    start: int
    end: int
    unit: str | None
    columns: tuple[str, ...]
    rows: tuple[TypedRow, ...]
    empty: bool = False
    stated_empty: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "title": self.title,
                "start": self.start, "end": self.end, "unit": self.unit,
                "columns": list(self.columns), "rows": [r.to_dict() for r in self.rows],
                "empty": self.empty, "stated_empty": self.stated_empty}


@dataclass(frozen=True, slots=True)
class Finding:
    """A finding that is no arithmetic: a standard table present, stated empty or missing
    (kind completeness), or a 科目编码 whose name is not the classification's (kind code)."""
    id: str
    kind: str
    status: str
    subject: str
    message: str
    start: int = 0
    end: int = 0

    def __post_init__(self) -> None:
        if self.kind not in FINDING_KINDS:
            raise ValueError(f"unknown finding kind {self.kind!r}")
        if self.status not in FINDING_STATUSES:
            raise ValueError(f"unknown finding status {self.status!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "status": self.status,
                "subject": self.subject, "message": self.message, "start": self.start,
                "end": self.end}


@dataclass(frozen=True, slots=True)
class Report:
    """A document with its figures, relations and checks."""
    source: str
    meta: Mapping[str, str]
    text: str
    figures: tuple[Figure, ...]
    relations: tuple[Relation, ...] = ()
    checks: tuple[Check, ...] = ()
    document: Document | None = None
    tables: tuple[TypedTable, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status == "fail")

    def __repr__(self) -> str:
        # The default would print the whole text and every record: tens of kilobytes.
        title = self.meta.get("title") or ""
        if len(title) > 40:
            title = title[:39] + "…"
        counts = {s: 0 for s in STATUSES}
        for c in self.checks:
            counts[c.status] = counts.get(c.status, 0) + 1
        tally = ", ".join(f"{s} {n}" for s, n in counts.items() if n)
        return (f"<Report {self.source or '(text)'!r} {title!r}: {len(self.figures)} figures, "
                f"{len(self.relations)} relations, {len(self.checks)} checks"
                + (f" ({tally})" if tally else "") + ">")

    def _repr_html_(self) -> str:
        """A short card for notebooks: title, counts by status, the failed checks."""
        from html import escape
        counts = {s: sum(c.status == s for c in self.checks) for s in STATUSES}
        rows = "".join(f"<tr><th>{s}</th><td>{n}</td></tr>" for s, n in counts.items())
        fails = "".join(
            f"<li><code>{escape(self.text[c.start:c.end])}</code> {escape(c.rule)}: "
            f"{escape(c.message)}</li>" for c in self.failed[:10])
        more = (f"<li>… {len(self.failed) - 10} more</li>" if len(self.failed) > 10 else "")
        return (f"<div><b>{escape(self.meta.get('title') or self.source or 'Report')}</b>"
                f"<br><small>{escape(self.source)}</small>"
                f"<p>{len(self.figures)} figures, {len(self.relations)} relations, "
                f"{len(self.checks)} checks</p><table>{rows}</table>"
                + (f"<p>failed:</p><ul>{fails}{more}</ul>" if fails else "") + "</div>")

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source, "meta": dict(self.meta),
            "figures": [f.to_dict() for f in self.figures],
            "relations": [r.to_dict() for r in self.relations],
            "checks": [c.to_dict() for c in self.checks],
            "tables": [t.to_dict() for t in self.tables],
            "findings": [f.to_dict() for f in self.findings]}
        if include_text:
            out["text"] = self.text
        return out
