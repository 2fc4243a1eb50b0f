"""The SQLite store: fetched pages, documents, figures, relations, checks, crawl frontier.

One file in WAL mode. Every write is its own committed transaction, so a killed process
loses nothing already stored; every write is an upsert, so storing twice gives one row.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from typing import Any, Iterator, Mapping, Sequence

from .errors import StoreError
from .records import Attachment, Cell, Document, Report, Table

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, status INTEGER, etag TEXT, last_modified TEXT,
    content_hash TEXT, fetched_at REAL, kind TEXT, error TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL UNIQUE, county TEXT,
    province TEXT, title TEXT, publisher TEXT, published TEXT, index_no TEXT, doc_no TEXT,
    year TEXT, meta_json TEXT, text TEXT, content_hash TEXT, parent_url TEXT,
    tables_json TEXT, attachments_json TEXT, checked_hash TEXT, stored_at REAL);
CREATE TABLE IF NOT EXISTS frontier (
    url TEXT PRIMARY KEY, kind TEXT NOT NULL, depth INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'queued', host TEXT NOT NULL, start_url TEXT,
    county TEXT, province TEXT, parent_url TEXT, name TEXT, error TEXT, updated_at REAL);
CREATE INDEX IF NOT EXISTS frontier_queue ON frontier (state, host);
CREATE INDEX IF NOT EXISTS frontier_start ON frontier (start_url, state);
CREATE TABLE IF NOT EXISTS crawls (
    start_url TEXT PRIMARY KEY, state TEXT NOT NULL, started_at REAL, finished_at REAL);
CREATE TABLE IF NOT EXISTS figures (
    document_id INTEGER NOT NULL, id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT,
    value TEXT, unit TEXT, kind TEXT, decimals INTEGER, metric TEXT, period TEXT,
    section TEXT, qualifier TEXT, value_max TEXT, PRIMARY KEY (document_id, id));
CREATE TABLE IF NOT EXISTS relations (
    document_id INTEGER NOT NULL, id TEXT NOT NULL, type TEXT, roles TEXT, start INTEGER,
    "end" INTEGER, note TEXT, basis TEXT, explicit INTEGER, cue TEXT,
    PRIMARY KEY (document_id, id));
CREATE TABLE IF NOT EXISTS checks (
    document_id INTEGER NOT NULL, id TEXT NOT NULL, rule TEXT, status TEXT, message TEXT,
    reported TEXT, expected TEXT, expected_interval TEXT, start INTEGER, "end" INTEGER,
    figures TEXT, relation TEXT, basis TEXT, PRIMARY KEY (document_id, id));
"""
# Columns added since version 1, added to an older store when it is opened.
_ADDED_COLUMNS = (("relations", "basis", "TEXT"), ("relations", "explicit", "INTEGER"),
                  ("relations", "cue", "TEXT"), ("checks", "basis", "TEXT"))

_SAVE_PAGE = """
    INSERT INTO pages (url, status, etag, last_modified, content_hash, fetched_at, kind, error)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(url) DO UPDATE SET status = excluded.status,
      etag = COALESCE(excluded.etag, pages.etag),
      last_modified = COALESCE(excluded.last_modified, pages.last_modified),
      content_hash = COALESCE(excluded.content_hash, pages.content_hash),
      fetched_at = excluded.fetched_at, kind = excluded.kind, error = excluded.error"""

_ENQUEUE = """
    INSERT OR IGNORE INTO frontier (url, kind, depth, state, host, start_url, county,
      province, parent_url, name, updated_at)
    VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)"""

TABLES = ("pages", "documents", "frontier", "crawls", "figures", "relations", "checks")
FRONTIER_STATES = ("queued", "done", "failed", "blocked")
# Document columns filled from Document.meta.
META_COLUMNS = ("title", "publisher", "published", "index_no", "doc_no", "year")
# Columns of the report tables after document_id, in the order report_rows() fills them:
# the keys of Figure/Relation/Check.to_dict().
REPORT_COLUMNS = {
    "figures": ("id", "start", "end", "text", "value", "unit", "kind", "decimals", "metric",
                "period", "section", "qualifier", "value_max"),
    "relations": ("id", "type", "roles", "start", "end", "note"),
    "checks": ("id", "rule", "status", "message", "reported", "expected",
               "expected_interval", "start", "end", "figures", "relation"),
}


def content_hash(data: bytes | str) -> str:
    """sha256 of bytes, or of text encoded as UTF-8."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _tables_json(tables: Sequence[Table]) -> str:
    return _json([{"start": t.start, "end": t.end, "header_rows": t.header_rows,
                   "unit": t.unit, "title": t.title,
                   "rows": [[[c.row, c.col, c.start, c.end, c.text] for c in row]
                            for row in t.rows]} for t in tables])


def _tables_from_json(raw: str | None) -> tuple[Table, ...]:
    if not raw:
        return ()
    return tuple(Table(t["start"], t["end"],
                       tuple(tuple(Cell(*c) for c in row) for row in t["rows"]),
                       t["header_rows"], t["unit"], t["title"]) for t in json.loads(raw))


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, (list, tuple, dict)):
        return _json(value)
    return str(value)


class Store:
    """A perfparse store in one SQLite file. Use as a context manager or call close()."""

    def __init__(self, path: str | os.PathLike = "perfparse.db", timeout: float = 30.0):
        self.path = os.fspath(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                      check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            mode = self.db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            # NORMAL in WAL mode: a committed transaction survives a killed process.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(_SCHEMA)
            for table, column, kind in _ADDED_COLUMNS:
                have = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
                if column not in have:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from None
        if self.path != ":memory:" and str(mode).lower() != "wal":
            raise StoreError(f"{self.path}: cannot switch to WAL mode (got {mode})")

    # -- plumbing ---------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None  # type: ignore[assignment]

    def transaction(self) -> "_Transaction":
        """`with store.transaction():` groups writes into one atomic commit."""
        return _Transaction(self.db)

    def _exec(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from None

    def table(self, name: str) -> list[dict[str, Any]]:
        """Every row of one table as dicts, in insertion order."""
        if name not in TABLES:
            raise StoreError(f"no table {name!r}; tables are {', '.join(TABLES)}")
        return [dict(r) for r in self._exec(f"SELECT * FROM {name} ORDER BY rowid")]

    def count(self, name: str, **where: Any) -> int:
        if name not in TABLES:
            raise StoreError(f"no table {name!r}")
        clause = " AND ".join(f"{k} = ?" for k in where) or "1"
        return self._exec(f"SELECT COUNT(*) FROM {name} WHERE {clause}",
                          list(where.values())).fetchone()[0]

    # -- pages ------------------------------------------------------------------------
    def page(self, url: str) -> dict[str, Any] | None:
        row = self._exec("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None

    def save_page(self, url: str, *, status: int, kind: str, etag: str | None = None,
                  last_modified: str | None = None, content_hash: str | None = None,
                  error: str | None = None) -> None:
        """Record a fetch. A 304 or an error keeps the validators and hash already stored."""
        self._exec(_SAVE_PAGE,
                   (url, status, etag, last_modified, content_hash, time.time(), kind, error))

    def save_pages(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Several fetches at once; each row has save_page's keyword arguments and url."""
        now = time.time()
        self._many(_SAVE_PAGE, [(r["url"], r["status"], r.get("etag"), r.get("last_modified"),
                                 r.get("content_hash"), now, r["kind"], r.get("error"))
                                for r in rows])

    # -- documents --------------------------------------------------------------------
    def save_document(self, doc: Document, url: str | None = None, *, county: str | None = None,
                      province: str | None = None, parent_url: str | None = None) -> int:
        """Store a Document under its URL (default `doc.source`); returns its id.

        Storing the same URL again updates the row in place and keeps its id; a changed
        text marks the document as needing a fresh check.
        """
        return self.upsert_document(document_row(doc, url, county=county, province=province,
                                                 parent_url=parent_url))

    def upsert_document(self, row: Mapping[str, Any]) -> int:
        """Store a row made by `document_row` (in a worker, say); returns the id."""
        self._exec(
            """INSERT INTO documents (url, county, province, title, publisher, published,
                 index_no, doc_no, year, meta_json, text, content_hash, parent_url,
                 tables_json, attachments_json, stored_at)
               VALUES (:url, :county, :province, :title, :publisher, :published, :index_no,
                 :doc_no, :year, :meta_json, :text, :content_hash, :parent_url, :tables_json,
                 :attachments_json, :stored_at)
               ON CONFLICT(url) DO UPDATE SET county = excluded.county,
                 province = excluded.province, title = excluded.title,
                 publisher = excluded.publisher, published = excluded.published,
                 index_no = excluded.index_no, doc_no = excluded.doc_no, year = excluded.year,
                 meta_json = excluded.meta_json, text = excluded.text,
                 content_hash = excluded.content_hash, parent_url = excluded.parent_url,
                 tables_json = excluded.tables_json,
                 attachments_json = excluded.attachments_json,
                 stored_at = excluded.stored_at""", row)
        return self._exec("SELECT id FROM documents WHERE url = ?", (row["url"],)).fetchone()[0]

    def document_id(self, url: str) -> int | None:
        row = self._exec("SELECT id FROM documents WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def load_document(self, doc_id: int) -> Document:
        row = self._exec("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document with id {doc_id}")
        return _document(row)

    def iter_documents(self, county: str | None = None) -> Iterator[tuple[int, Document]]:
        """(id, Document) for every stored document, in id order, one row at a time."""
        last = 0
        while True:
            sql = "SELECT * FROM documents WHERE id > ?"
            params: list[Any] = [last]
            if county is not None:
                sql += " AND county = ?"
                params.append(county)
            row = self._exec(sql + " ORDER BY id LIMIT 1", params).fetchone()
            if row is None:
                return
            last = row["id"]
            yield last, _document(row)

    def documents_needing_check(self, after: int = 0) -> Iterator[tuple[int, Document]]:
        """(id, Document) for documents never checked, or changed since their last check.

        Only ids above `after`: a caller polling a growing store skips what it has seen.
        """
        last = after
        while True:
            rows = self.unchecked_rows(last, 1)
            if not rows:
                return
            last = rows[0]["id"]
            yield last, document_from_row(rows[0])

    def unchecked_rows(self, after: int = 0, limit: int = 64) -> list[dict[str, Any]]:
        """Raw rows (id, url, text, meta_json, tables_json, attachments_json, content_hash)
        of up to `limit` documents needing a check, ids above `after`; a worker decodes
        them with `document_from_row`, so the process that reads does not parse JSON."""
        return [dict(r) for r in self._exec(
            """SELECT id, url, text, meta_json, tables_json, attachments_json, content_hash
               FROM documents WHERE id > ?
               AND (checked_hash IS NULL OR checked_hash != content_hash)
               ORDER BY id LIMIT ?""", (after, limit))]

    # -- reports ----------------------------------------------------------------------
    def save_report(self, doc_id: int, report: Report) -> None:
        """Replace the document's figures, relations and checks with the report's."""
        if self._exec("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
            raise StoreError(f"no document with id {doc_id}")
        self.save_report_rows(doc_id, report_rows(report))

    def save_report_rows(self, doc_id: int, rows: Mapping[str, Sequence[tuple]],
                         checked_hash: str | None = None) -> None:
        """Store rows made by `report_rows` (in a worker, say) for one document.

        `checked_hash` is the content hash of the text that was checked; a document
        stored again since keeps needing a check. Default: the stored hash.
        """
        self.save_reports([(doc_id, rows, checked_hash)])

    def save_reports(self, items: Sequence[tuple[int, Mapping[str, Sequence[tuple]],
                                                 str | None]]) -> None:
        """Several documents' report rows in one transaction, each table in one
        executemany: the writer's cost per document stays a few statements."""
        # A document checked twice in one batch keeps its last report.
        items = list({doc_id: (doc_id, rows, h) for doc_id, rows, h in items}.values())
        with self.transaction():
            ids = [(doc_id,) for doc_id, _, _ in items]
            for name in REPORT_COLUMNS:
                self._many(f"DELETE FROM {name} WHERE document_id = ?", ids)
            for name, cols in REPORT_COLUMNS.items():
                quoted = ", ".join(f'"{c}"' for c in cols)
                marks = ", ".join("?" for _ in cols)
                self._many(f"INSERT INTO {name} (document_id, {quoted}) VALUES (?, {marks})",
                           [(doc_id, *row) for doc_id, rows, _ in items
                            for row in rows.get(name, ())])
            self._many("""UPDATE documents SET checked_hash = COALESCE(?, content_hash)
                          WHERE id = ?""", [(h, doc_id) for doc_id, _, h in items])

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            self.db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from None

    # -- frontier ---------------------------------------------------------------------
    def enqueue(self, url: str, *, kind: str, host: str, depth: int = 0,
                start_url: str | None = None, county: str | None = None,
                province: str | None = None, parent_url: str | None = None,
                name: str | None = None) -> bool:
        """Add a URL to the frontier unless it is there already; True if it was added."""
        cur = self._exec(_ENQUEUE, (url, kind, depth, host, start_url, county, province,
                                    parent_url, name, time.time()))
        return cur.rowcount > 0

    def enqueue_many(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """enqueue() for many URLs in one statement; rows have enqueue's keyword arguments."""
        now = time.time()
        self._many(_ENQUEUE, [(r["url"], r["kind"], r.get("depth", 0), r["host"],
                               r.get("start_url"), r.get("county"), r.get("province"),
                               r.get("parent_url"), r.get("name"), now) for r in rows])

    def set_states(self, rows: Sequence[tuple[str, str, str | None]]) -> None:
        """set_state() for many (url, state, error) at once."""
        for _, state, _ in rows:
            if state not in FRONTIER_STATES:
                raise StoreError(f"unknown frontier state {state!r}")
        now = time.time()
        self._many("UPDATE frontier SET state = ?, error = ?, updated_at = ? WHERE url = ?",
                   [(state, error, now, url) for url, state, error in rows])

    def set_state(self, url: str, state: str, error: str | None = None) -> None:
        if state not in FRONTIER_STATES:
            raise StoreError(f"unknown frontier state {state!r}")
        self._exec("UPDATE frontier SET state = ?, error = ?, updated_at = ? WHERE url = ?",
                   (state, error, time.time(), url))

    def queued_hosts(self) -> list[str]:
        return [r[0] for r in self._exec(
            "SELECT DISTINCT host FROM frontier WHERE state = 'queued'")]

    def next_queued(self, host: str) -> dict[str, Any] | None:
        row = self._exec("""SELECT * FROM frontier WHERE state = 'queued' AND host = ?
                            ORDER BY rowid LIMIT 1""", (host,)).fetchone()
        return dict(row) if row else None

    def queued_after(self, host: str, after: int, limit: int) -> list[dict[str, Any]]:
        """The next `limit` queued frontier rows of one host with rowid above `after`, in
        rowid order, each with what a worker needs to fetch it: `rowid`, the page's stored
        validators (`etag`, `last_modified`, `prev_hash`), `stored` (a document exists)
        and `parent_meta` (an attachment's parent document's meta_json).

        An index range on (state, host): the cost does not grow with the frontier.
        """
        return [dict(r) for r in self._exec(
            """SELECT f.rowid AS rowid, f.*, p.etag AS etag, p.last_modified AS last_modified,
                      p.content_hash AS prev_hash,
                      EXISTS (SELECT 1 FROM documents d WHERE d.url = f.url) AS stored,
                      (SELECT d.meta_json FROM documents d WHERE d.url = f.parent_url)
                        AS parent_meta
               FROM frontier f LEFT JOIN pages p ON p.url = f.url
               WHERE f.state = 'queued' AND f.host = ? AND f.rowid > ?
               ORDER BY f.rowid LIMIT ?""", (host, after, limit))]

    def frontier_row(self, url: str) -> dict[str, Any] | None:
        row = self._exec("SELECT * FROM frontier WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None

    def frontier_counts(self) -> dict[str, int]:
        counts = {s: 0 for s in FRONTIER_STATES}
        for state, n in self._exec("SELECT state, COUNT(*) FROM frontier GROUP BY state"):
            counts[state] = n
        return counts

    def iter_frontier(self, state: str) -> Iterator[dict[str, Any]]:
        for row in self._exec("SELECT * FROM frontier WHERE state = ? ORDER BY rowid",
                              (state,)):
            yield dict(row)

    # -- crawl runs -------------------------------------------------------------------
    def begin_crawl(self, start_url: str) -> bool:
        """Start or resume the crawl of a start URL; True when resuming an unfinished run.

        A finished run is started afresh: its frontier goes back to the queue, and the
        stored validators and hashes keep unchanged pages from being downloaded again.
        """
        row = self._exec("SELECT state FROM crawls WHERE start_url = ?", (start_url,)).fetchone()
        if row is not None and row[0] == "running":
            return True
        with self.transaction():
            self._exec("""INSERT INTO crawls (start_url, state, started_at) VALUES (?, 'running', ?)
                          ON CONFLICT(start_url) DO UPDATE SET state = 'running',
                            started_at = excluded.started_at, finished_at = NULL""",
                       (start_url, time.time()))
            self._exec("""UPDATE frontier SET state = 'queued', error = NULL
                          WHERE start_url = ? AND state != 'queued'""", (start_url,))
        return False

    def finish_crawl(self, start_url: str) -> None:
        self._exec("UPDATE crawls SET state = 'finished', finished_at = ? WHERE start_url = ?",
                   (time.time(), start_url))


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.outer = False

    def __enter__(self) -> None:
        self.outer = not self.db.in_transaction
        if self.outer:
            self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if not self.outer:
            return
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")


def _year(meta: Mapping[str, str]) -> str | None:
    from .scrape.vocab import TITLE_YEAR
    m = TITLE_YEAR.search(meta.get("title") or "")
    if m:
        return m.group(1)
    published = meta.get("published") or ""
    # ASCII digits only: "²²²²" passes str.isdigit and then breaks int() downstream.
    year = published[:4]
    return year if year.isascii() and year.isdigit() else None


def document_from_row(row: Mapping[str, Any]) -> Document:
    """The Document of a documents row (a sqlite3.Row or a dict of its columns)."""
    meta = json.loads(row["meta_json"] or "{}")
    attachments = tuple(Attachment(u, n) for u, n in json.loads(row["attachments_json"] or "[]"))
    return Document(row["text"] or "", meta, _tables_from_json(row["tables_json"]),
                    attachments, row["url"])


_document = document_from_row


def document_row(doc: Document, url: str | None = None, *, county: str | None = None,
                 province: str | None = None, parent_url: str | None = None) -> dict[str, Any]:
    """The documents row of a Document, ready for Store.upsert_document. Pure: a worker
    builds it, so the writing process only executes it."""
    url = url or doc.source or doc.meta.get("url", "")
    if not url:
        raise StoreError("a document needs a URL or source to be stored")
    meta = dict(doc.meta)
    if county:
        meta.setdefault("county", county)
    if province:
        meta.setdefault("province", province)
    county = county or meta.get("county")
    province = province or meta.get("province")
    row = {k: meta.get(k) for k in META_COLUMNS}
    if not row["year"]:
        row["year"] = _year(meta)
    return {"url": url, "county": county, "province": province, **row,
            "meta_json": _json(meta), "text": doc.text, "content_hash": content_hash(doc.text),
            "parent_url": parent_url, "tables_json": _tables_json(doc.tables),
            "attachments_json": _json([[a.url, a.name] for a in doc.attachments]),
            "stored_at": time.time()}


def report_rows(report: Report) -> dict[str, list[tuple]]:
    """A report's figures, relations and checks as rows in REPORT_COLUMNS order. Pure: a
    worker builds them, so the writing process only executes them."""
    out: dict[str, list[tuple]] = {}
    for name, items in (("figures", report.figures), ("relations", report.relations),
                        ("checks", report.checks)):
        cols = REPORT_COLUMNS[name]
        rows = []
        for item in items:
            values = item.to_dict()
            rows.append(tuple(_cell(values.get(c)) for c in cols))
        out[name] = rows
    return out
