"""The SQLite store: WAL, idempotent writes, reports replaced, frontier and crawl runs."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from perfparse.errors import StoreError
from perfparse.records import Check, Document, Figure, Relation, Report
from perfparse.readers.builder import DocumentBuilder
from perfparse.store import TABLES, Store

ROOT = Path(__file__).resolve().parents[1]


def doc(text: str = "本年收入合计3180.46万元。", url: str = "http://a.cn/t1.html",
        **meta: str) -> Document:
    b = DocumentBuilder()
    b.add_paragraph(text)
    b.add_table([["项目", "金额"], ["收入", "3180.46"]], unit="万元")
    b.add_attachment("http://a.cn/f.xlsx", "决算表")
    return b.build({"title": "某局2022年度部门决算公开说明", "published": "2023-05-12", **meta}, url)


def report(source: str, n: int = 2) -> Report:
    figures = tuple(Figure(f"f{i}", i, i + 4, "3.50", Decimal("35000"), "万元", "money", 2,
                           metric="收入") for i in range(n))
    relations = (Relation("r1", "change", (("current", ("f0",)), ("previous", ("f1",))), 0, 9),)
    checks = (Check("c1", "change", "fail", "3.50 − 3.50 ≠ 1", "1", "0", ("-0.01", "0.01"), 0, 4,
                    ("f0", "f1"), "r1"),)
    return Report(source, {}, "x" * 20, figures, relations, checks)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.db") as s:
        yield s


class TestOpen:
    def test_wal_and_tables(self, store: Store) -> None:
        """A new store is in WAL mode with every table."""
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        for name in TABLES:
            assert store.table(name) == []

    def test_unusable_path(self, tmp_path) -> None:
        """A store that cannot be opened raises StoreError."""
        with pytest.raises(StoreError):
            Store(tmp_path / "no" / "such" / "dir" / "s.db")

    def test_unknown_table(self, store: Store) -> None:
        """table() refuses names that are not tables."""
        with pytest.raises(StoreError):
            store.table("sqlite_master; DROP TABLE pages")


class TestSaveDocument:
    def test_round_trip(self, store: Store) -> None:
        """A stored Document comes back with text, meta, tables and attachments intact."""
        d = doc()
        doc_id = store.save_document(d, county="清溪县", province="云南省")
        (got_id, got), = list(store.iter_documents())
        assert got_id == doc_id and got.text == d.text and got.tables == d.tables
        assert got.attachments == d.attachments and got.meta["county"] == "清溪县"
        row = store.table("documents")[0]
        assert (row["title"], row["published"], row["year"], row["province"]) == (
            "某局2022年度部门决算公开说明", "2023-05-12", "2022", "云南省")

    def test_idempotent(self, store: Store) -> None:
        """Storing the same URL twice gives one row and keeps its id."""
        first = store.save_document(doc())
        second = store.save_document(doc(text="改过的正文100万元。"))
        assert first == second and store.count("documents") == 1
        assert "改过的正文" in store.load_document(first).text

    def test_needs_url(self, store: Store) -> None:
        """A document with no URL or source cannot be stored."""
        with pytest.raises(StoreError):
            store.save_document(Document("text"))

    def test_iter_by_county(self, store: Store) -> None:
        """iter_documents(county=…) yields only that county's documents."""
        store.save_document(doc(url="http://a.cn/1.html"), county="甲县")
        store.save_document(doc(url="http://a.cn/2.html"), county="乙县")
        assert [d.source for _, d in store.iter_documents(county="乙县")] == ["http://a.cn/2.html"]


class TestSaveReport:
    def test_replaces_rows(self, store: Store) -> None:
        """Saving a report twice replaces the document's figures, relations and checks."""
        doc_id = store.save_document(doc())
        store.save_report(doc_id, report("u", n=3))
        store.save_report(doc_id, report("u", n=2))
        assert store.count("figures", document_id=doc_id) == 2
        assert store.count("relations") == 1 and store.count("checks") == 1

    def test_values_as_text_decimals(self, store: Store) -> None:
        """Values are stored as Decimal strings; lists and roles as JSON."""
        doc_id = store.save_document(doc())
        store.save_report(doc_id, report("u"))
        fig = store.table("figures")[0]
        assert fig["value"] == "35000" and isinstance(fig["value"], str) and fig["decimals"] == 2
        chk = store.table("checks")[0]
        assert json.loads(chk["expected_interval"]) == ["-0.01", "0.01"]
        assert json.loads(chk["figures"]) == ["f0", "f1"]
        roles = json.loads(store.table("relations")[0]["roles"])
        assert roles == {"current": ["f0"], "previous": ["f1"]}

    def test_needing_check(self, store: Store) -> None:
        """A document needs checking until its report is saved, and again once its text changes."""
        doc_id = store.save_document(doc())
        assert [i for i, _ in store.documents_needing_check()] == [doc_id]
        store.save_report(doc_id, report("u"))
        assert list(store.documents_needing_check()) == []
        store.save_document(doc())  # same text: still checked
        assert list(store.documents_needing_check()) == []
        store.save_document(doc(text="新正文。"))
        assert [i for i, _ in store.documents_needing_check()] == [doc_id]

    def test_unknown_document(self, store: Store) -> None:
        """A report for a document that is not stored raises StoreError."""
        with pytest.raises(StoreError):
            store.save_report(99, report("u"))


class TestPages:
    def test_upsert_keeps_validators(self, store: Store) -> None:
        """A later 304 or error keeps the ETag and hash of the last full answer; one row."""
        store.save_page("http://a.cn/x", status=200, kind="listing", etag='"e1"',
                        content_hash="h1")
        store.save_page("http://a.cn/x", status=304, kind="listing")
        row = store.page("http://a.cn/x")
        assert (row["status"], row["etag"], row["content_hash"]) == (304, '"e1"', "h1")
        assert store.count("pages") == 1


class TestFrontier:
    def test_enqueue_once(self, store: Store) -> None:
        """A URL enters the frontier once; queued URLs come out in order, per host."""
        assert store.enqueue("http://a.cn/1", kind="listing", host="http://a.cn")
        assert not store.enqueue("http://a.cn/1", kind="article", host="http://a.cn")
        store.enqueue("http://a.cn/2", kind="article", host="http://a.cn")
        store.enqueue("http://b.cn/1", kind="article", host="http://b.cn")
        assert sorted(store.queued_hosts()) == ["http://a.cn", "http://b.cn"]
        assert store.next_queued("http://a.cn")["url"] == "http://a.cn/1"
        store.set_state("http://a.cn/1", "done")
        assert store.next_queued("http://a.cn")["url"] == "http://a.cn/2"
        assert store.frontier_counts() == {"queued": 2, "done": 1, "failed": 0, "blocked": 0}

    def test_bad_state(self, store: Store) -> None:
        """Only the four frontier states are accepted."""
        with pytest.raises(StoreError):
            store.set_state("http://a.cn/1", "maybe")

    def test_resume_then_recrawl(self, store: Store) -> None:
        """An unfinished crawl resumes as it was; a finished one is queued again."""
        start = "http://a.cn/"
        assert store.begin_crawl(start) is False
        store.enqueue(start, kind="listing", host="http://a.cn", start_url=start)
        store.set_state(start, "done")
        assert store.begin_crawl(start) is True
        assert store.frontier_row(start)["state"] == "done"
        store.finish_crawl(start)
        assert store.begin_crawl(start) is False
        assert store.frontier_row(start)["state"] == "queued"

    def test_transaction_rolls_back(self, store: Store) -> None:
        """A failure inside a transaction leaves nothing of it behind."""
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.enqueue("http://a.cn/1", kind="listing", host="http://a.cn")
                raise RuntimeError("boom")
        assert store.count("frontier") == 0


class TestDurability:
    def test_sigkill_loses_nothing_committed(self, tmp_path) -> None:
        """Rows written before a SIGKILL are all there when the store is reopened."""
        path = tmp_path / "k.db"
        script = textwrap.dedent(f"""
            import os, signal, sys
            sys.path.insert(0, {str(ROOT)!r})
            from perfparse.store import Store
            from perfparse.records import Document
            s = Store({str(path)!r})
            for i in range(50):
                s.save_document(Document("正文%d" % i, {{}}, source="http://a.cn/%d" % i))
            os.kill(os.getpid(), signal.SIGKILL)
        """)
        proc = subprocess.run([sys.executable, "-c", script], timeout=60)
        assert proc.returncode == -signal.SIGKILL
        with Store(path) as s:
            assert s.count("documents") == 50
