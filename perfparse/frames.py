"""Reports as pandas DataFrames, one table per record type, with stable columns.

Decimal values stay exact strings (`value`, `reported` …); beside each, a float64 column
(`value_num` …) is there for plotting and statistics — never for deciding a check.
`published` is a date.
"""
from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

from .errors import SettingError
from .records import Report

COLUMNS = {
    "documents": ("source", "title", "publisher", "published", "index_no", "doc_no", "county",
                  "province", "year", "url", "n_figures", "n_relations", "n_checks", "n_failed"),
    "figures": ("source", "id", "start", "end", "text", "value", "value_num", "unit", "kind",
                "decimals", "metric", "period", "section", "qualifier", "value_max"),
    "relations": ("source", "id", "type", "roles", "start", "end", "note"),
    "checks": ("source", "id", "rule", "status", "message", "reported", "reported_num",
               "expected", "expected_num", "expected_low", "expected_high", "start", "end",
               "figures", "relation"),
    # One row per cell of a standard table (收入支出决算总表 …): the table, the row's code,
    # name, level and side, the column, and the figure in the cell.
    "tables": ("source", "table", "kind", "name", "title", "unit", "row", "code", "row_name",
               "level", "side", "total", "column", "figure", "value", "value_num", "text"),
    "findings": ("source", "id", "kind", "status", "subject", "message", "start", "end"),
}
# Numeric companions of the exact decimal strings: column → the string column it mirrors.
NUMERIC = {"value_num": "value", "reported_num": "reported", "expected_num": "expected"}
INTS = ("start", "end", "decimals", "n_figures", "n_relations", "n_checks", "n_failed")
DATES = ("published",)


def number(text: Any) -> float | None:
    """A decimal string as a float for plots; None when there is none.

    >>> number("3371000.50"), number(None), number("")
    (3371000.5, None, None)
    """
    if text is None or text == "":
        return None
    try:
        return float(Decimal(str(text)))
    except (InvalidOperation, ValueError):
        return None


def date(text: Any) -> datetime.date | None:
    """An ISO date (2023-05-12) as a date; None when it is not one.

    >>> date("2023-05-12"), date("2023年5月"), date(None)
    (datetime.date(2023, 5, 12), None, None)
    """
    try:
        return datetime.date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def rows(reports: Iterable[Report], table: str) -> list[dict]:
    """Plain rows of one table; Decimal values stay exact as strings."""
    if table not in COLUMNS:
        raise SettingError("table", f"must be one of {', '.join(COLUMNS)}, not {table!r}")
    out: list[dict] = []
    for rep in reports:
        if table == "documents":
            out.append({**{k: rep.meta.get(k) for k in COLUMNS["documents"][1:10]},
                        "source": rep.source, "n_figures": len(rep.figures),
                        "n_relations": len(rep.relations), "n_checks": len(rep.checks),
                        "n_failed": len(rep.failed)})
        elif table == "tables":
            figs = {f.id: f for f in rep.figures}
            for t in rep.tables:
                for r, row in enumerate(t.rows):
                    for column, fid in row.cells:
                        f = figs.get(fid)
                        out.append({"source": rep.source, "table": t.id, "kind": t.kind,
                                    "name": t.name, "title": t.title, "unit": t.unit,
                                    "row": r, "code": row.code, "row_name": row.name,
                                    "level": row.level, "side": row.side, "total": row.total,
                                    "column": column, "figure": fid,
                                    "value": None if f is None else str(f.value),
                                    "text": None if f is None else f.text})
        elif table == "findings":
            out.extend({"source": rep.source, **f.to_dict()} for f in rep.findings)
        elif table == "figures":
            out.extend({"source": rep.source, **f.to_dict()} for f in rep.figures)
        elif table == "relations":
            for r in rep.relations:
                d = r.to_dict()
                d["roles"] = ";".join(f"{k}={','.join(v)}" for k, v in d["roles"].items())
                out.append({"source": rep.source, **d})
        else:
            for c in rep.checks:
                d = c.to_dict()
                low, high = d.pop("expected_interval") or (None, None)
                d["figures"] = ",".join(d["figures"])
                out.append({"source": rep.source, **d, "expected_low": low,
                            "expected_high": high})
    for r in out:
        for num, exact in NUMERIC.items():
            if exact in r:
                r[num] = number(r[exact])
    return [{k: r.get(k) for k in COLUMNS[table]} for r in out]


def to_frame(reports: Iterable[Report] | Report, table: str = "figures"):
    """One table of the reports as a DataFrame: values as exact decimal strings with a
    float64 `…_num` beside them, offsets and counts as int64, `published` as a date."""
    import pandas as pd
    if isinstance(reports, Report):
        reports = [reports]
    frame = pd.DataFrame(rows(reports, table), columns=list(COLUMNS.get(table, ())))
    for column in frame.columns:
        if column in NUMERIC:
            frame[column] = frame[column].astype("float64")
        elif column in INTS:
            frame[column] = frame[column].astype("int64")
        elif column in DATES:
            frame[column] = pd.to_datetime(frame[column].map(date))
    return frame
