"""`perfparse batch`: three demo portals crawled and checked, killed and resumed, on a
process pool and on a Dask cluster; bad SITES.csv files refused in one line."""
from __future__ import annotations

import csv
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from perfparse.batch import BatchSummary, Site, read_sites, run_batch
from perfparse.errors import InputError, SettingError
from perfparse.store import Store
from portal import PORTALS, serve

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
HEADER = "county,province,portal,start_url"
# The trs portal's page that answers 503 twice: retried with backoff, which would cost
# seconds per run here (the crawl tests cover it).
TRS_FLAKY = "/xxgk/czyjs/202307/t20230710_1234572.html"


def _perfparse(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfparse", *args], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=timeout)


def _query(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute(sql).fetchall()
    except sqlite3.OperationalError:  # the batch has not created the tables yet
        return []
    finally:
        con.close()


def _rows_by_url(db: Path, table: str) -> list[tuple]:
    """A table's rows keyed by document URL instead of id (ids depend on crawl order)."""
    cols = [r[1] for r in _query(db, f"PRAGMA table_info({table})") if r[1] != "document_id"]
    select = ", ".join(f't."{c}"' for c in cols)
    return sorted(_query(db, f"SELECT d.url, {select} FROM {table} t "
                             "JOIN documents d ON d.id = t.document_id"))


@pytest.fixture(scope="module")
def portals():
    started = [serve(name, flaky={TRS_FLAKY: 0}).start() for name in PORTALS]
    yield started
    for portal in started:
        portal.stop()


@pytest.fixture(scope="module")
def sites_csv(portals, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sites") / "SITES.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER.split(","))
        for p in portals:
            writer.writerow([p.county, p.province, p.root.name, p.start_url])
    return path


@pytest.fixture(scope="module")
def reference(portals, tmp_path_factory) -> tuple[Path, BatchSummary]:
    """One uninterrupted batch on a process pool, through the API with row mappings."""
    db = tmp_path_factory.mktemp("reference") / "ref.db"
    rows = [{"county": p.county, "province": p.province, "portal": p.root.name,
             "start_url": p.start_url} for p in portals]
    summary = run_batch(rows, store=db, workers=2, delay=0.0, backoff=0.05)
    return db, summary


class TestRunBatch:
    def test_every_site_crawled_and_checked(self, reference, portals) -> None:
        """Every county gets documents, all of them checked, county and province kept."""
        db, summary = reference
        assert summary.crawl_finished and not summary.errors
        assert {(c.county, c.province) for c in summary.counties} == \
            {(p.county, p.province) for p in portals}
        for county in summary.counties:
            assert county.documents > 0 and county.checked == county.documents
            assert county.figures > 0
        docs = _query(db, "SELECT county, province, checked_hash = content_hash FROM documents")
        assert len(docs) == summary.stored == sum(c.documents for c in summary.counties)
        assert all(county and province and checked for county, province, checked in docs)

    def test_summary_names_blocked_pages(self, reference) -> None:
        """The anti-bot page of the trs portal is counted against its county."""
        _, summary = reference
        assert summary.blocked == 1
        assert [c.blocked for c in summary.counties if c.county == "清溪县"] == [1]
        assert "blocked pages" in str(summary)

    def test_rerun_checks_nothing_new(self, reference, portals, tmp_path) -> None:
        """A second run over an unchanged store downloads and checks nothing again."""
        db, summary = reference
        rows = [{"county": p.county, "province": p.province, "portal": p.root.name,
                 "start_url": p.start_url} for p in portals]
        again = run_batch(rows, store=db, workers=1, delay=0.0, backoff=0.05)
        assert again.checked == 0 and again.stored == 0
        assert sum(c.documents for c in again.counties) == summary.stored


@pytest.mark.slow
class TestKillAndResume:
    def test_sigkill_then_resume(self, sites_csv, reference, tmp_path) -> None:
        """SIGKILL mid-run, run again: every document once in the store and the exports."""
        ref_db, ref = reference
        db = tmp_path / "batch.db"
        cmd = [sys.executable, "-m", "perfparse", "batch", str(sites_csv), "--store", str(db),
               "--delay", "0.2", "--workers", "2", "--no-progress"]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)
        try:
            _wait_for(db, proc, "SELECT COUNT(*) FROM documents WHERE checked_hash IS NOT NULL",
                      2)
        finally:
            # The whole process group: the batch and its pool workers die unwarned.
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        stored = _query(db, "SELECT COUNT(*) FROM documents")[0][0]
        checked = _query(db, "SELECT COUNT(*) FROM documents "
                             "WHERE checked_hash = content_hash")[0][0]
        assert 2 <= checked <= stored < ref.stored

        done = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        # Documents checked before the kill are not checked again.
        assert f"check: {ref.stored - checked} documents checked this run" in done.stdout

        urls = [u for (u,) in _query(db, "SELECT url FROM documents")]
        ref_urls = [u for (u,) in _query(ref_db, "SELECT url FROM documents")]
        assert len(urls) == len(set(urls)) and sorted(urls) == sorted(ref_urls)
        for table in ("figures", "relations", "checks"):
            assert _rows_by_url(db, table) == _rows_by_url(ref_db, table)

        out = tmp_path / "export"
        for fmt in ("csv", "parquet"):
            result = _perfparse("export", "--store", str(db), "--format", fmt, "-o", str(out))
            assert result.returncode == 0, result.stderr
        self._assert_exported_once(out, sorted(urls), len(_rows_by_url(db, "figures")))

    def _assert_exported_once(self, out: Path, urls: list[str], n_figures: int) -> None:
        import pyarrow.parquet as pq
        with open(out / "documents.csv", encoding="utf-8", newline="") as fh:
            assert sorted(r["source"] for r in csv.DictReader(fh)) == urls
        with open(out / "figures.csv", encoding="utf-8", newline="") as fh:
            figures = list(csv.DictReader(fh))
        assert len({(r["source"], r["id"]) for r in figures}) == len(figures) == n_figures
        for row in figures:
            assert str(Decimal(row["value"])) == row["value"]
        assert sorted(pq.read_table(out / "documents.parquet").column("source").to_pylist()) \
            == urls
        table = pq.read_table(out / "figures.parquet")
        assert table.num_rows == n_figures
        values = table.column("value").to_pylist()
        assert all(isinstance(v, str) and str(Decimal(v)) == v for v in values)
        assert values == [r["value"] for r in figures]


def _wait_for(db: Path, proc: subprocess.Popen, sql: str, n: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"batch ended early: {proc.stderr.read().decode()}")
        if db.exists():
            rows = _query(db, sql)
            if rows and rows[0][0] >= n:
                return
        time.sleep(0.02)
    raise AssertionError("batch stored too little in time")


@pytest.mark.slow
class TestDaskScheduler:
    def test_same_rows_as_process_pool(self, sites_csv, reference, tmp_path) -> None:
        """A real LocalCluster via --scheduler gives the process pool's figures and checks."""
        distributed = pytest.importorskip("distributed")
        ref_db, _ = reference
        db = tmp_path / "dask.db"
        # (The dashboard on a free port: its default 8787 may be taken by another run on the
        # machine, which fails the cluster's start.)
        with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                      dashboard_address=":0", scheduler_port=0) as cluster:
            result = _perfparse("batch", str(sites_csv), "--store", str(db), "--delay", "0",
                                "--scheduler", cluster.scheduler_address, "--no-progress")
        assert result.returncode == 0, result.stderr
        for table in ("figures", "checks"):
            rows = _rows_by_url(db, table)
            assert rows and rows == _rows_by_url(ref_db, table)


BAD_SITES = [
    # (why, SITES.csv text, words the one-line message must contain)
    ("header missing start_url", "county,province,portal\n甲县,乙省,门户\n", "start_url"),
    ("unknown column", HEADER + ",url\n甲县,乙省,门户,http://a.example/,x\n", "'url'"),
    ("empty county", HEADER + "\n,乙省,门户,http://a.example/\n", "empty county"),
    ("not a URL", HEADER + "\n甲县,乙省,门户,a.example/index.html\n", "not an http(s) URL"),
    ("repeated start URL", HEADER + "\n甲县,乙省,门户,http://a.example/\n"
     "丙县,乙省,门户,http://a.example/\n", "repeats"),
    ("no rows", HEADER + "\n", "no sites"),
    ("extra cell", HEADER + "\n甲县,乙省,门户,http://a.example/,x\n", "more cells"),
    ("bad profile regex", HEADER + ",profile\n甲县,乙省,门户,http://a.example/,(\n",
     "profile"),
]


class TestSitesValidation:
    @pytest.mark.parametrize("why,text,words", BAD_SITES, ids=[c[0] for c in BAD_SITES])
    def test_bad_sites_refused(self, why, text, words, tmp_path) -> None:
        """read_sites raises InputError naming the file, line and problem."""
        path = tmp_path / "SITES.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=re.escape(words)):
            read_sites(path)

    @pytest.mark.parametrize("args,words", [
        (["missing.csv"], "no such file"),
        (["SITES.csv"], "not an http(s) URL"),
        (["SITES.csv", "--workers", "0"], "--workers must be at least 1"),
        (["SITES.csv", "--hosts", "0"], "--hosts must be at least 1"),
        (["SITES.csv", "--timeout", "0"], "--timeout must be more than 0 seconds"),
        (["SITES.csv", "--timeout", "inf"], "--timeout must be more than 0 seconds"),
    ], ids=["missing file", "bad row", "zero workers", "zero hosts", "zero timeout",
            "endless timeout"])
    def test_cli_exit_2_one_line(self, args, words, tmp_path) -> None:
        """The command exits 2 with one line on stderr and no traceback."""
        (tmp_path / "SITES.csv").write_text(HEADER + "\n甲县,乙省,门户,ftp://a.example/\n",
                                            encoding="utf-8")
        args = [str(tmp_path / a) if a.endswith(".csv") else a for a in args]
        result = _perfparse("batch", *args, "--store", str(tmp_path / "s.db"))
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and words in result.stderr
        assert result.stderr.startswith("perfparse: error:")

    def test_nothing_fetched_exit_2(self, tmp_path) -> None:
        """A batch whose every start page is missing (404) exits 2 naming the first URL."""
        from perfparse.scrape.portal import Portal
        (tmp_path / "empty").mkdir()
        with Portal(tmp_path / "empty") as portal:
            (tmp_path / "SITES.csv").write_text(
                f"{HEADER}\n甲县,乙省,门户,{portal.url('/xxgk/index.html')}\n", encoding="utf-8")
            result = _perfparse("batch", str(tmp_path / "SITES.csv"), "--store",
                                str(tmp_path / "s.db"), "--delay", "0", "--no-progress")
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "nothing could be fetched" in result.stderr

    def test_gbk_file_and_row_mappings(self, tmp_path) -> None:
        """A SITES.csv saved as GBK reads like UTF-8; row mappings read like the file."""
        path = tmp_path / "SITES.csv"
        text = HEADER + ",profile\n甲县,乙省,县政府门户,http://a.example/xxgk/,/t\\d+\n"
        path.write_bytes(text.encode("gbk"))
        site = Site("甲县", "乙省", "县政府门户", "http://a.example/xxgk/", r"/t\d+")
        assert read_sites(path) == [site]
        assert read_sites([{"county": "甲县", "province": "乙省", "portal": "县政府门户",
                            "start_url": "http://a.example/xxgk/",
                            "profile": r"/t\d+"}]) == [site]

    def test_bad_settings(self, tmp_path) -> None:
        """workers and delay are checked before anything is crawled."""
        rows = [{"county": "甲县", "province": "乙省", "portal": "",
                 "start_url": "http://a.example/"}]
        with pytest.raises(SettingError, match="--workers"):
            run_batch(rows, store=tmp_path / "s.db", workers=0)
        with pytest.raises(SettingError, match="--delay"):
            run_batch(rows, store=tmp_path / "s.db", delay=-1)
        assert not (tmp_path / "s.db").exists()


class TestStoreChange:
    def test_documents_needing_check_after(self, tmp_path) -> None:
        """documents_needing_check(after) offers only ids above `after`."""
        from perfparse.records import Document
        with Store(tmp_path / "s.db") as store:
            ids = [store.save_document(Document(f"收入{n}万元。", {}, source=f"u{n}"))
                   for n in range(3)]
            assert [i for i, _ in store.documents_needing_check(ids[0])] == ids[1:]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""  # the process has gone


def _descendants(pid: int) -> list[int]:
    """Process ids below `pid`, read from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


@pytest.mark.slow
class TestWorkerDeath:
    def test_killed_worker_is_one_line(self, sites_csv, tmp_path) -> None:
        """A parsing worker killed from outside ends the batch with exit 2 and one line."""
        if not Path("/proc/self/stat").exists():
            pytest.skip("needs /proc to find the worker processes")
        proc = subprocess.Popen(
            [sys.executable, "-m", "perfparse", "batch", str(sites_csv), "--store",
             str(tmp_path / "w.db"), "--delay", "0.3", "--workers", "1", "--no-progress"],
            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            # The forkserver and the pool's worker forked from it share its command line.
            workers = [p for p in _descendants(proc.pid) if b"forkserver" in _cmdline(p)]
        if len(workers) < 2:
            proc.kill()
            pytest.skip("no pool worker appeared before the batch ended")
        try:
            os.kill(max(workers), signal.SIGKILL)  # the newest: the worker, not the server
        except ProcessLookupError:
            pass
        out, err = proc.communicate(timeout=120)
        if proc.returncode == 0:
            pytest.skip("the batch finished before a worker was killed")
        assert proc.returncode == 2, err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "worker died" in err
        assert "crawl:" in out and "check:" in out  # what was stored, summed up
