"""`perfparse export` and `store_frames`: pinned columns and dtypes, exact decimal strings,
county on every row, atomic and deterministic files."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfparse.errors import InputError, SettingError
from perfparse.export import COLUMNS, TABLES, export, store_frame, store_frames
from perfparse.pipeline import parse_file
from perfparse.store import Store

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
# (file, county, province) stored in the fixture store.
STORED = (("tongxi-czj-2023-final-accounts.txt", "桐溪县", "四川省"),
          ("kaixian-2023-budget-execution-report-errors.txt", "开县", "重庆市"))

# The contract researchers' scripts rely on: change it only on purpose.
PINNED = {
    "documents": {
        "document_id": "int64", "county": "string", "province": "string", "source": "string",
        "parent_url": "string", "title": "string", "publisher": "string",
        "published": "datetime64[s]", "index_no": "string", "doc_no": "string", "year": "string",
        "content_hash": "string", "checked": "bool", "n_figures": "int64",
        "n_relations": "int64", "n_checks": "int64", "n_failed": "int64", "meta": "string",
        "text": "string"},
    "figures": {
        "document_id": "int64", "county": "string", "province": "string", "source": "string",
        "id": "string", "start": "int64", "end": "int64", "text": "string", "value": "string",
        "value_num": "float64", "unit": "string", "kind": "string", "decimals": "int64",
        "metric": "string",
        "period": "string", "section": "string", "qualifier": "string",
        "value_max": "string"},
    "relations": {
        "document_id": "int64", "county": "string", "province": "string", "source": "string",
        "id": "string", "type": "string", "roles": "string", "start": "int64",
        "end": "int64", "note": "string"},
    "checks": {
        "document_id": "int64", "county": "string", "province": "string", "source": "string",
        "id": "string", "rule": "string", "status": "string", "message": "string",
        "reported": "string", "reported_num": "float64", "expected": "string",
        "expected_num": "float64", "expected_low": "string",
        "expected_high": "string", "start": "int64", "end": "int64", "figures": "string",
        "relation": "string"},
}
DECIMAL_COLUMNS = {"figures": ("value", "value_max"),
                   "checks": ("reported", "expected", "expected_low", "expected_high")}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store.db"
    with Store(path) as store:
        for name, county, province in STORED:
            report = parse_file(DOCS / name)
            doc_id = store.save_document(report.document, f"https://example.gov.cn/{name}",
                                         county=county, province=province)
            store.save_report(doc_id, report)
    return path


def _perfparse(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfparse", *args], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, timeout=60)


class TestStoreFrames:
    def test_columns_table_matches_pin(self) -> None:
        """COLUMNS (the code) and PINNED (the contract) name the same columns."""
        assert {t: [c for c, _ in cols] for t, cols in COLUMNS.items()} == \
            {t: list(cols) for t, cols in PINNED.items()}

    def test_columns_and_dtypes_pinned(self, store_path) -> None:
        """Every table has exactly the pinned columns, in order, with the pinned dtypes."""
        frames = store_frames(store_path)
        assert list(frames) == list(TABLES) == list(PINNED)
        for table, frame in frames.items():
            assert {c: str(t) for c, t in frame.dtypes.items()} == PINNED[table]
            assert list(frame.columns) == list(PINNED[table])

    def test_county_on_every_row(self, store_path) -> None:
        """Each row carries its document's county and province."""
        expected = {(c, p) for _, c, p in STORED}
        for table, frame in store_frames(store_path).items():
            assert len(frame) > 0, table
            assert set(zip(frame["county"], frame["province"])) == expected

    def test_decimals_stay_exact_strings(self, store_path) -> None:
        """Decimal-valued columns hold strings that round-trip through Decimal."""
        for table, columns in DECIMAL_COLUMNS.items():
            frame = store_frame(store_path, table)
            for column in columns:
                for value in frame[column].dropna():
                    assert isinstance(value, str) and str(Decimal(value)) == value

    def test_counts_match_the_store(self, store_path) -> None:
        """n_figures and n_failed agree with the figures and checks tables."""
        frames = store_frames(store_path)
        docs = frames["documents"].set_index("document_id")
        figures = frames["figures"].groupby("document_id").size()
        failed = frames["checks"].query("status == 'fail'").groupby("document_id").size()
        assert (docs["n_figures"] == figures.reindex(docs.index, fill_value=0)).all()
        assert (docs["n_failed"] == failed.reindex(docs.index, fill_value=0)).all()
        assert docs["checked"].all() and docs["n_failed"].sum() > 0

    def test_unknown_table_and_missing_store(self, store_path, tmp_path) -> None:
        """A bad table name is a SettingError; a missing store an InputError, not a new file."""
        with pytest.raises(SettingError, match="table"):
            store_frame(store_path, "pages")
        with pytest.raises(InputError, match="no such store"):
            store_frames(tmp_path / "none.db")
        assert not (tmp_path / "none.db").exists()


class TestParquet:
    def test_schema_pinned(self, store_path, tmp_path) -> None:
        """Parquet columns are typed exactly as pinned; floats only beside exact strings."""
        pq = pytest.importorskip("pyarrow.parquet")
        paths = export(store_path, tmp_path, "parquet")
        arrow = {"int64": "int64", "bool": "bool", "string": "string", "float64": "double",
                 "datetime64[s]": "date32[day]"}
        for table, path in paths.items():
            schema = pq.read_schema(path)
            assert dict(zip(schema.names, map(str, schema.types))) == \
                {c: arrow[t] for c, t in PINNED[table].items()}

    def test_same_rows_as_frames(self, store_path, tmp_path) -> None:
        """The Parquet files hold the rows store_frames gives."""
        pq = pytest.importorskip("pyarrow.parquet")
        paths = export(store_path, tmp_path, "parquet")
        frames = store_frames(store_path)
        for table, path in paths.items():
            frame = frames[table].astype(object).where(frames[table].notna(), None)
            if "published" in frame:
                frame["published"] = [x.date() if x is not None else None
                                      for x in frame["published"]]
            assert pq.read_table(path).to_pylist() == frame.to_dict("records")

    def test_empty_store(self, tmp_path) -> None:
        """An empty store exports empty tables that still have the schema."""
        pq = pytest.importorskip("pyarrow.parquet")
        Store(tmp_path / "empty.db").close()
        paths = export(tmp_path / "empty.db", tmp_path / "out", "parquet")
        for table, path in paths.items():
            read = pq.read_table(path)
            assert read.num_rows == 0 and read.schema.names == list(PINNED[table])


class TestCsv:
    def test_header_and_decimals(self, store_path, tmp_path) -> None:
        """The header is the pinned columns; decimal cells round-trip through Decimal."""
        paths = export(store_path, tmp_path, "csv")
        for table, path in paths.items():
            with open(path, encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
            assert rows[0] == list(PINNED[table])
            body = [dict(zip(rows[0], r)) for r in rows[1:]]
            assert body and all(r["county"] for r in body)
            for column in DECIMAL_COLUMNS.get(table, ()):
                for row in body:
                    if row[column]:
                        assert str(Decimal(row[column])) == row[column]
            for row in body if table == "figures" else ():
                assert float(row["value_num"]) == float(Decimal(row["value"]))


class TestNumbersAndDates:
    def test_numeric_beside_exact(self, store_path) -> None:
        """value_num is the float of value, row by row; the exact string stays."""
        figures = store_frame(store_path, "figures")
        assert (figures["value_num"] == figures["value"].map(lambda v: float(Decimal(v)))).all()
        checks = store_frame(store_path, "checks")
        has = checks["reported"].notna()
        assert (checks.loc[has, "reported_num"] ==
                checks.loc[has, "reported"].map(lambda v: float(Decimal(v)))).all()

    def test_published_is_a_date(self, store_path) -> None:
        """published is a datetime column; an unparseable date would be missing, not text."""
        documents = store_frame(store_path, "documents")
        assert str(documents["published"].dtype).startswith("datetime64")
        assert documents["published"].notna().any()

    def test_to_frame_same_types(self) -> None:
        """to_frame gives the same numeric and date columns for reports in memory."""
        from perfparse import to_frame
        report = parse_file(DOCS / STORED[0][0])
        figures = to_frame(report, "figures")
        assert str(figures["value_num"].dtype) == "float64"
        assert str(figures["start"].dtype) == "int64"
        assert str(to_frame(report, "documents")["published"].dtype).startswith("datetime64")

    def test_deterministic_and_atomic(self, store_path, tmp_path) -> None:
        """Two exports give the same bytes; no temporary file is left behind."""
        first = {t: p.read_bytes() for t, p in export(store_path, tmp_path / "a", "csv").items()}
        (tmp_path / "b").mkdir()
        (tmp_path / "b" / "figures.csv").write_text("stale", encoding="utf-8")
        second = {t: p.read_bytes() for t, p in export(store_path, tmp_path / "b", "csv").items()}
        assert first == second
        assert sorted(p.name for p in (tmp_path / "b").iterdir()) == \
            sorted(f"{t}.csv" for t in TABLES)


class TestCommand:
    def test_export_command(self, store_path, tmp_path) -> None:
        """`perfparse export` writes one file per table and names them."""
        result = _perfparse("export", "--store", str(store_path), "--format", "csv",
                            "-o", str(tmp_path))
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.csv" for t in TABLES)

    @pytest.mark.parametrize("args,words", [
        (["--store", "missing.db", "--format", "csv", "-o", "out"], "no such store"),
        (["--store", "x.db", "--format", "xlsx", "-o", "out"], "invalid choice"),
        (["--store", "x.db", "--format", "csv"], "-o"),
    ], ids=["missing store", "bad format", "no output"])
    def test_errors_exit_2_one_line(self, args, words, tmp_path) -> None:
        """Usage and input errors exit 2 with one line on stderr."""
        result = _perfparse("export", *[str(tmp_path / a) if a in ("missing.db", "x.db", "out")
                                        else a for a in args])
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and words in result.stderr
