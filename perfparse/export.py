"""The store's tables for researchers: Parquet or CSV files, or pandas DataFrames.

One table per record type (documents, figures, relations, checks), each row carrying its
document's id, source URL, county and province. Column names and types are pinned in
`COLUMNS`: Decimal values stay exact strings with a float64 `…_num` column beside them for
plots, counts and offsets are int64, `published` is a date. Rows come in
document id order, then in the order the report listed them, so the same store always
exports to the same bytes.
"""
from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError, MissingExtra, SettingError, StoreError
from .frames import COLUMNS as RECORD_COLUMNS
from .frames import NUMERIC, date, number
from .store import Store

FORMATS = ("parquet", "csv")
# Rows per read from SQLite and per Parquet row group: memory stays flat with store size.
CHUNK_ROWS = 20_000

# (column, type) per table; type is "int" (int64), "bool", "float" (float64, nullable),
# "date" (nullable) or "str" (exact text, nullable). Decimal-valued columns (value,
# value_max, reported, expected*) are "str" on purpose; their "…_num" companions are floats.
_INT_COLUMNS = frozenset(("start", "end", "decimals"))
_KEY = (("document_id", "int"), ("county", "str"), ("province", "str"), ("source", "str"))
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": _KEY + (
        ("parent_url", "str"), ("title", "str"), ("publisher", "str"), ("published", "date"),
        ("index_no", "str"), ("doc_no", "str"), ("year", "str"), ("content_hash", "str"),
        ("checked", "bool"), ("n_figures", "int"), ("n_relations", "int"),
        ("n_checks", "int"), ("n_failed", "int"), ("meta", "str"), ("text", "str")),
    # The record tables have the columns of to_frame() (frames.COLUMNS), after the key.
    **{table: _KEY + tuple((name, "int" if name in _INT_COLUMNS else
                            "float" if name in NUMERIC else "str")
                           for name in RECORD_COLUMNS[table] if name != "source")
       for table in ("figures", "relations", "checks")},
}
TABLES = tuple(COLUMNS)
PANDAS_DTYPES = {"int": "int64", "bool": "bool", "str": "string", "float": "float64",
                 "date": "datetime64[s]"}
# The columns each query below selects, in its order.
_SELECTED = {
    "documents": ("document_id", "county", "province", "source", "parent_url", "title",
                  "publisher", "published", "index_no", "doc_no", "year", "content_hash",
                  "checked", "n_figures", "n_relations", "n_checks", "n_failed", "meta",
                  "text"),
    "figures": ("document_id", "county", "province", "source", "id", "start", "end", "text",
                "value", "unit", "kind", "decimals", "metric", "period", "section",
                "qualifier", "value_max"),
    "relations": ("document_id", "county", "province", "source", "id", "type", "roles",
                  "start", "end", "note"),
    "checks": ("document_id", "county", "province", "source", "id", "rule", "status",
               "message", "reported", "expected", "expected_interval", "start", "end",
               "figures", "relation"),
}

_JOIN = "JOIN documents d ON d.id = t.document_id"
_SQL = {
    "documents": """
        SELECT d.id, d.county, d.province, d.url, d.parent_url, d.title, d.publisher,
               d.published, d.index_no, d.doc_no, d.year, d.content_hash,
               d.checked_hash IS NOT NULL AND d.checked_hash = d.content_hash,
               (SELECT COUNT(*) FROM figures t WHERE t.document_id = d.id),
               (SELECT COUNT(*) FROM relations t WHERE t.document_id = d.id),
               (SELECT COUNT(*) FROM checks t WHERE t.document_id = d.id),
               (SELECT COUNT(*) FROM checks t WHERE t.document_id = d.id
                                                AND t.status = 'fail'),
               d.meta_json, d.text
        FROM documents d ORDER BY d.id""",
    "figures": f"""
        SELECT t.document_id, d.county, d.province, d.url, t.id, t.start, t."end", t.text,
               t.value, t.unit, t.kind, t.decimals, t.metric, t.period, t.section,
               t.qualifier, t.value_max
        FROM figures t {_JOIN} ORDER BY t.document_id, t.rowid""",
    "relations": f"""
        SELECT t.document_id, d.county, d.province, d.url, t.id, t.type, t.roles, t.start,
               t."end", t.note
        FROM relations t {_JOIN} ORDER BY t.document_id, t.rowid""",
    "checks": f"""
        SELECT t.document_id, d.county, d.province, d.url, t.id, t.rule, t.status,
               t.message, t.reported, t.expected, t.expected_interval, t.start, t."end",
               t.figures, t.relation
        FROM checks t {_JOIN} ORDER BY t.document_id, t.rowid""",
}


def _roles(raw: str | None) -> str | None:
    # The same flat form as perfparse.frames: "current=f1;previous=f2".
    if not raw:
        return raw
    return ";".join(f"{k}={','.join(v)}" for k, v in json.loads(raw).items())


def _row(table: str, raw: tuple) -> tuple:
    """One exported row from one selected row: derived columns made, in COLUMNS order."""
    d = dict(zip(_SELECTED[table], raw))
    if table == "relations":
        d["roles"] = _roles(d["roles"])
    elif table == "checks":
        interval = json.loads(d["expected_interval"]) if d["expected_interval"] else None
        d["expected_low"], d["expected_high"] = interval if interval else (None, None)
        d["figures"] = ",".join(json.loads(d["figures"])) if d["figures"] else ""
    elif table == "documents":
        d["checked"] = bool(d["checked"])
        d["published"] = date(d["published"])
    for num, exact in NUMERIC.items():
        if exact in d:
            d[num] = number(d[exact])
    return tuple(d[c] for c, _ in COLUMNS[table])


def _rows(db: sqlite3.Connection, table: str) -> Iterator[list[tuple]]:
    """The table's rows in export order, CHUNK_ROWS at a time."""
    try:
        cursor = db.execute(_SQL[table])
        while True:
            chunk = cursor.fetchmany(CHUNK_ROWS)
            if not chunk:
                return
            yield [_row(table, r) for r in chunk]
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read table {table}: {exc}") from None


def _open(store_path: str | os.PathLike) -> Store:
    if not Path(store_path).is_file():
        raise InputError(f"{os.fspath(store_path)}: no such store")
    return Store(store_path)


def _check_table(table: str) -> None:
    if table not in COLUMNS:
        raise SettingError("table", f"must be one of {', '.join(TABLES)}, not {table!r}")


def store_frame(store_path: str | os.PathLike, table: str):
    """One exported table of a store as a pandas DataFrame with the pinned dtypes."""
    import pandas as pd
    _check_table(table)
    names = [c for c, _ in COLUMNS[table]]
    with _open(store_path) as store:
        rows = [r for chunk in _rows(store.db, table) for r in chunk]
    frame = pd.DataFrame.from_records(rows, columns=names)
    return frame.astype({c: PANDAS_DTYPES[k] for c, k in COLUMNS[table]})


def store_frames(store_path: str | os.PathLike) -> dict[str, Any]:
    """Every exported table of a store as {name: DataFrame}, the same rows as `export`."""
    return {table: store_frame(store_path, table) for table in TABLES}


def county_totals(store: Store) -> dict[tuple[str, str], dict[str, int]]:
    """Per (county, province): documents, checked, figures, checks, failed, blocked pages."""
    queries = {
        "documents": "SELECT county, province, COUNT(*) FROM documents GROUP BY 1, 2",
        "checked": """SELECT county, province, COUNT(*) FROM documents
                      WHERE checked_hash = content_hash GROUP BY 1, 2""",
        "figures": f"SELECT d.county, d.province, COUNT(*) FROM figures t {_JOIN} GROUP BY 1, 2",
        "checks": f"SELECT d.county, d.province, COUNT(*) FROM checks t {_JOIN} GROUP BY 1, 2",
        "failed": f"""SELECT d.county, d.province, COUNT(*) FROM checks t {_JOIN}
                      WHERE t.status = 'fail' GROUP BY 1, 2""",
        "blocked": """SELECT county, province, COUNT(*) FROM frontier
                      WHERE state = 'blocked' GROUP BY 1, 2""",
    }
    out: dict[tuple[str, str], dict[str, int]] = {}
    try:
        for name, sql in queries.items():
            for county, province, n in store.db.execute(sql):
                key = (county or "", province or "")
                out.setdefault(key, dict.fromkeys(queries, 0))[name] = n
    except sqlite3.Error as exc:
        raise StoreError(f"{store.path}: {exc}") from None
    return out


def export(store_path: str | os.PathLike, out_dir: str | os.PathLike,
           format: str = "parquet") -> dict[str, Path]:
    """Write documents, figures, relations and checks as one file each; returns the paths.

    Each file is written under a temporary name and renamed into place, so a reader never
    sees half a file and a killed export leaves the previous files intact.
    """
    if format not in FORMATS:
        raise SettingError("--format", f"must be one of {', '.join(FORMATS)}, not {format!r}")
    write = _write_parquet if format == "parquet" else _write_csv
    if format == "parquet":
        _pyarrow()
    out = Path(out_dir)
    paths: dict[str, Path] = {}
    with _open(store_path) as store:  # before -o is made: a wrong --store leaves nothing
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SettingError("-o", f"{out}: cannot create folder: {exc.strerror}") from None
        for table in TABLES:
            target = out / f"{table}.{format}"
            tmp = out / f".{table}.{format}.{os.getpid()}.tmp"
            try:
                write(_rows(store.db, table), table, tmp)
                os.replace(tmp, target)
            finally:
                if tmp.exists():
                    tmp.unlink()
            paths[table] = target
    return paths


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise MissingExtra("parquet", "pyarrow", "Parquet export") from None
    return pyarrow


def arrow_schema(table: str) -> Any:
    """The pyarrow schema of one exported table."""
    pa = _pyarrow()
    types = {"int": pa.int64(), "bool": pa.bool_(), "str": pa.string(), "float": pa.float64(),
             "date": pa.date32()}
    return pa.schema([pa.field(c, types[k], nullable=k in ("str", "float", "date"))
                      for c, k in COLUMNS[table]])


def _write_parquet(chunks: Iterator[list[tuple]], table: str, path: Path) -> None:
    pa = _pyarrow()
    schema = arrow_schema(table)
    with pa.parquet.ParquetWriter(path, schema) as writer:
        wrote = False
        for chunk in chunks:
            columns = list(zip(*chunk))
            writer.write_table(pa.table(
                [pa.array(col, type=schema.field(i).type) for i, col in enumerate(columns)],
                schema=schema))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# injection"): = + - @, and tab or carriage return before them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain decimal number is data in every spreadsheet, whatever its sign: -2.24, +5, 1E+3.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def neutralise(cell: Any) -> Any:
    """A text cell safe to open in a spreadsheet: one that would start a formula gets a
    leading single quote (the OWASP rule); numbers, and the other cells, stay as they are.

    >>> neutralise("=1+1"), neutralise("-2.24"), neutralise("@SUM(A1)"), neutralise("a=b")
    ("'=1+1", '-2.24', "'@SUM(A1)", 'a=b')
    """
    if isinstance(cell, str) and cell.startswith(_FORMULA_START) \
            and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _write_csv(chunks: Iterator[list[tuple]], table: str, path: Path) -> None:
    # Every text column is neutralised, the Decimal ones too: a value is a plain number
    # and passes unchanged, and anything else there is not data a spreadsheet may run.
    text = [i for i, (_, kind) in enumerate(COLUMNS[table]) if kind == "str"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([c for c, _ in COLUMNS[table]])
        for chunk in chunks:
            rows = []
            for row in chunk:
                cells = list(row)
                for i in text:
                    cells[i] = neutralise(cells[i])
                rows.append(cells)
            writer.writerows(rows)


__all__ = ["COLUMNS", "FORMATS", "TABLES", "arrow_schema", "county_totals", "export",
           "neutralise", "store_frame", "store_frames"]
