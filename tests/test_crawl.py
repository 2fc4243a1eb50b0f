"""The crawl loop against the demo portals: what is stored, blocked, skipped, re-fetched."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfparse.errors import SettingError
from perfparse.scrape import CrawlSummary, StartUrl, crawl
from perfparse.scrape.command import main as command_main
from perfparse.scrape.portal import Portal
from perfparse.store import Store
from portal import generated, serve

ROOT = Path(__file__).resolve().parents[1]
TRS_COL = "/xxgk/czyjs/"
TRS_ARTICLES = {TRS_COL + p for p in (
    "202305/t20230512_1234567.html", "202305/t20230520_1234568.html",
    "202306/t20230601_1234569.html", "202307/t20230710_1234572.html",
    "202308/t20230801_1234573.html", "202212/t20221230_1234574.html")}
TRS_CHALLENGE = TRS_COL + "202306/t20230615_1234570.html"
TRS_DISALLOWED = TRS_COL + "202309/t20230905_1234571.html"
TRS_FLAKY = TRS_COL + "202307/t20230710_1234572.html"
TRS_SPLIT = TRS_COL + "202305/t20230512_1234567.html"
TRS_LYING = TRS_COL + "202306/t20230601_1234569.html"
VSB_ARTICLES = {"/info/1033/5678.htm", "/info/1033/5679.htm", "/info/1033/5680.htm",
                "/info/1034/5690.htm", "/info/1034/5691.htm"}
DAHAN_ARTICLES = {"/art/2023/5/12/art_4567_890123.html", "/art/2023/6/2/art_4567_890124.html",
                  "/art/2023/7/18/art_4567_890125.html", "/art/2023/8/8/art_4567_890126.html"}
FAST = {"delay": 0.0, "backoff": 0.02, "timeout": 3}


def run(portal: Portal, db: Path, **kw) -> CrawlSummary:
    options = {**FAST, **kw}
    return crawl(portal.start_url, store=db, county=portal.county, province=portal.province,
                 **options)


def paths(store: Store, base: str, kind: str = "article") -> set[str]:
    rows = store.table("documents")
    keep = [r for r in rows if (r["parent_url"] is None) == (kind == "article")]
    return {r["url"][len(base):] for r in keep}


class TestTrsPortal:
    @pytest.fixture(scope="class")
    def result(self, tmp_path_factory):
        db = tmp_path_factory.mktemp("trs") / "s.db"
        with serve("trs") as portal:
            summary = run(portal, db)
            requests, base = dict(portal.requests), portal.base
        with Store(db) as store:
            yield summary, requests, base, store

    def test_every_allowed_article_stored_once(self, result) -> None:
        """All six allowed articles are stored, each once, with county and province."""
        summary, _, base, store = result
        assert paths(store, base) == TRS_ARTICLES
        assert {r["county"] for r in store.table("documents")} == {"清溪县"}
        assert {r["province"] for r in store.table("documents")} == {"云南省"}
        assert summary.finished and summary.failed == 0

    def test_pagination_three_pages(self, result) -> None:
        """index.html, index_1.html and index_2.html from the createPageHTML script, once each."""
        _, requests, _, _ = result
        for name in ("index.html", "index_1.html", "index_2.html"):
            assert requests[TRS_COL + name] == 1

    def test_challenge_blocked_not_stored(self, result) -> None:
        """The 412 challenge page is reported blocked and never stored as a document."""
        summary, _, base, store = result
        assert summary.blocked_urls == [base + TRS_CHALLENGE]
        assert store.frontier_row(base + TRS_CHALLENGE)["state"] == "blocked"
        assert store.document_id(base + TRS_CHALLENGE) is None

    def test_robots_disallowed_never_requested(self, result) -> None:
        """The path robots.txt disallows is never requested, and reported."""
        summary, requests, base, _ = result
        assert requests.get(TRS_DISALLOWED, 0) == 0
        assert summary.disallowed_urls == [base + TRS_DISALLOWED]

    def test_flaky_page_retried(self, result) -> None:
        """The page failing twice with 503 is stored after the third request."""
        _, requests, base, store = result
        assert requests[TRS_FLAKY] == 3 and store.document_id(base + TRS_FLAKY) is not None

    def test_split_article_joined(self, result) -> None:
        """The two-page article is one document with page 2's figures after page 1's."""
        _, requests, base, store = result
        doc = store.load_document(store.document_id(base + TRS_SPLIT))
        assert doc.text.index("3372.10万元") < doc.text.index("18.65万元")
        assert requests[TRS_COL + "202305/t20230512_1234567_1.html"] == 1
        assert store.document_id(base + TRS_COL + "202305/t20230512_1234567_1.html") is None

    def test_lying_header_and_rare_characters(self, result) -> None:
        """The lying-charset page and the characters outside gb2312 are stored correctly."""
        _, _, base, store = result
        lying = store.load_document(store.document_id(base + TRS_LYING))
        assert "实际支出812.45万元" in lying.text and "陈镕" in lying.text
        split = store.load_document(store.document_id(base + TRS_SPLIT))
        assert all(ch in split.text for ch in "珺镕䶮")

    def test_attachments_recorded_and_read(self, result) -> None:
        """Attachments (script string, download?id=, .docx, .xlsx) are stored with a parent."""
        _, _, base, store = result
        attachments = [r for r in store.table("frontier") if r["kind"] == "attachment"]
        assert {r["url"][len(base):] for r in attachments} == {
            TRS_COL + "202305/P020230520123456789012.xlsx",
            TRS_COL + "202305/P020230520123456789013.pdf",
            "/download?id=3001", TRS_COL + "202308/P020230801555555555555.docx"}
        assert all(r["parent_url"].startswith(base + TRS_COL) for r in attachments)
        for row in store.table("documents"):
            if row["parent_url"]:
                assert row["county"] == "清溪县" and row["published"]

    def test_offsite_link_not_followed(self, result) -> None:
        """The listing's link to another host never enters the frontier."""
        _, _, _, store = result
        assert not [r for r in store.table("frontier") if "example.gov.cn" in r["url"]]


class TestOtherLayouts:
    def test_vsb_next_and_last_links(self, tmp_path) -> None:
        """VSB: three listing pages via 下一页/尾页, five articles, the split one joined."""
        with serve("vsb") as portal:
            run(portal, tmp_path / "s.db")
            for page in ("/zfxxgk/czzj.htm", "/zfxxgk/czzj/2.htm", "/zfxxgk/czzj/1.htm"):
                assert portal.requests[page] == 1
            with Store(tmp_path / "s.db") as store:
                assert paths(store, portal.base) == VSB_ARTICLES
                doc = store.load_document(store.document_id(portal.url("/info/1033/5679.htm")))
                assert doc.text.index("96.00%") < doc.text.index("92分")
                assert len(paths(store, portal.base, "attachment")) == 1

    def test_dahan_page_parameter(self, tmp_path) -> None:
        """大汉: ?page=2 and ?page=3 listing pages, four articles."""
        with serve("dahan") as portal:
            run(portal, tmp_path / "s.db")
            assert portal.requests["/col/col4567/index.html?page=2"] == 1
            assert portal.requests["/col/col4567/index.html?page=3"] == 1
            with Store(tmp_path / "s.db") as store:
                assert paths(store, portal.base) == DAHAN_ARTICLES

    def test_several_portals_in_one_run(self, tmp_path) -> None:
        """Start URLs on different hosts crawl together, each document with its own county."""
        with serve("vsb") as a, serve("dahan") as b:
            crawl([StartUrl(a.start_url, a.county, a.province),
                   {"start_url": b.start_url, "county": b.county, "province": b.province}],
                  store=tmp_path / "s.db", **FAST)
            with Store(tmp_path / "s.db") as store:
                counties = {r["county"] for r in store.table("documents")}
        assert counties == {"云岭县", "柏川县"}


class TestRecrawl:
    def test_second_run_downloads_no_body(self, tmp_path) -> None:
        """A re-crawl sends conditional GETs: no page body is downloaded again."""
        with serve("vsb") as portal:
            run(portal, tmp_path / "s.db")
            portal.reset()
            again = run(portal, tmp_path / "s.db")
            assert [p for p in portal.bodies if p != "/robots.txt"] == []
            assert all(portal.requests[p] == 1 for p in VSB_ARTICLES)
        assert again.stored == 0 and again.unchanged == again.seen and again.finished

    def test_hash_catches_servers_without_validators(self, tmp_path) -> None:
        """Where the server ignores conditional GETs, equal content hashes keep pages unparsed."""
        with serve("vsb", conditional=False) as portal:
            run(portal, tmp_path / "s.db")
            with Store(tmp_path / "s.db") as store:
                before = {r["url"]: r["stored_at"] for r in store.table("documents")}
            again = run(portal, tmp_path / "s.db")
            with Store(tmp_path / "s.db") as store:
                after = {r["url"]: r["stored_at"] for r in store.table("documents")}
        assert again.stored == 0 and again.unchanged == again.seen
        assert before == after

    def test_changed_article_stored_again(self, tmp_path) -> None:
        """An article whose content changed is downloaded and stored again; the rest are not."""
        site = tmp_path / "site"
        with generated(site, 5) as portal:
            run(portal, tmp_path / "s.db")
            page = site / "xxgk/czyjs/202305/t20230512_1000003.html"
            page.write_text(page.read_text(encoding="utf-8").replace("第1部分", "更正后第1部分"),
                            encoding="utf-8")
            portal.reset()
            again = run(portal, tmp_path / "s.db")
            assert portal.bodies["/xxgk/czyjs/202305/t20230512_1000003.html"] == 1
            assert portal.bodies["/xxgk/czyjs/202305/t20230512_1000002.html"] == 0
        assert again.stored == 1
        with Store(tmp_path / "s.db") as store:
            assert store.count("documents") == 5
            assert any("更正后" in d.text for _, d in store.iter_documents())


class TestLimitsAndResume:
    def test_max_pages_then_resume(self, tmp_path) -> None:
        """A run stopped by max_pages resumes where it stopped; no article is fetched twice."""
        with generated(tmp_path / "site", 12, per_page=4) as portal:
            first = run(portal, tmp_path / "s.db", max_pages=5)
            assert first.seen == 5 and not first.finished
            second = run(portal, tmp_path / "s.db")
            assert second.finished
            articles = [p for p in portal.requests if "/202305/" in p]
            assert len(articles) == 12 and all(portal.requests[p] == 1 for p in articles)

    def test_kill_and_resume(self, tmp_path) -> None:
        """SIGKILL mid-crawl, restart: all articles stored once, none stored fetched twice."""
        db = tmp_path / "s.db"
        with generated(tmp_path / "site", 30, per_page=10) as portal:
            cmd = [sys.executable, "-m", "perfparse", "crawl", portal.start_url, "--store",
                   str(db), "--delay", "0.04", "--no-progress", "--no-check"]
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
            _wait_for_documents(db, 8, proc)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            assert proc.returncode == -signal.SIGKILL
            stored_before = _documents(db)
            assert 8 <= len(stored_before) < 30
            done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, timeout=120)
            assert done.returncode == 0, done.stderr.decode()
            with Store(db) as store:
                stored = [r["url"] for r in store.table("documents")]
            assert len(stored) == len(set(stored)) == 30
            for url in stored_before:
                assert portal.requests[url[len(portal.base):]] == 1
            refetched = [p for p in portal.requests if "/202305/" in p and portal.requests[p] > 1]
            assert len(refetched) <= 1  # at most the page in flight at the kill


def _documents(db: Path) -> list[str]:
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return [r[0] for r in con.execute("SELECT url FROM documents")]
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet
        return []


def _wait_for_documents(db: Path, n: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"crawler ended early: {proc.stderr.read().decode()}")
        if len(_documents(db)) >= n:
            return
        time.sleep(0.02)
    raise AssertionError("crawler stored too little in time")


class TestScope:
    def test_offsite_only_when_allowed(self, tmp_path) -> None:
        """A link to another host is followed only with allow_offsite."""
        with serve("vsb") as other:
            site = tmp_path / "site"
            site.mkdir()
            (site / "index.html").write_text(
                f'<a href="{other.url("/info/1033/5678.htm")}">云岭县交通运输局2022年度部门决算公开说明</a>'
                '<a href="/info/1/1.htm">本站某局2022年度部门决算公开说明</a>', encoding="utf-8")
            (site / "info" / "1").mkdir(parents=True)
            (site / "info/1/1.htm").write_text("<div id='zoom'><p>本年收入合计10.00万元。</p></div>",
                                               encoding="utf-8")
            with Portal(site) as portal:
                run(portal, tmp_path / "a.db")
                assert other.requests["/info/1033/5678.htm"] == 0
                run(portal, tmp_path / "b.db", allow_offsite=True)
                assert other.requests["/info/1033/5678.htm"] == 1

    def test_bad_start_url(self, tmp_path) -> None:
        """A start URL that is not http(s) raises SettingError naming start_url."""
        with pytest.raises(SettingError, match="start_url"):
            crawl(["ftp://a.cn/"], store=tmp_path / "s.db")

    def test_broken_attachment_recorded(self, tmp_path) -> None:
        """An attachment that no reader can read is recorded as failed with its error."""
        site = tmp_path / "site"
        generate = generated(site, 1)
        art = site / "xxgk/czyjs/202305/t20230512_1000000.html"
        art.write_text(art.read_text(encoding="utf-8").replace(
            "</div>", '<a href="bad.pdf">附件.pdf</a></div>'), encoding="utf-8")
        bad = site / "xxgk/czyjs/202305/bad.pdf"
        bad.write_text("<html><body>404</body></html>", encoding="utf-8")
        with generate as portal:
            summary = run(portal, tmp_path / "s.db")
        with Store(tmp_path / "s.db") as store:
            row = store.frontier_row(portal.url("/xxgk/czyjs/202305/bad.pdf"))
            assert row["state"] == "failed" and row["error"]
            assert store.page(row["url"])["error"]
        assert summary.failed == 1 and summary.stored == 1


class TestOddAnswers:
    def test_challenge_served_as_200(self, tmp_path) -> None:
        """A 200 answer that is only a cookie-setting reload script is blocked, not stored."""
        site = tmp_path / "site"
        generate = generated(site, 3)
        art = site / "xxgk/czyjs/202305/t20230512_1000001.html"
        art.write_text("<html><script>document.cookie='__jsl_clearance=1.2|0|x;path=/';"
                       "location.href=location.pathname</script></html>", encoding="utf-8")
        with generate as portal:
            summary = run(portal, tmp_path / "s.db")
        assert summary.blocked_urls == [portal.url("/xxgk/czyjs/202305/t20230512_1000001.html")]
        assert summary.stored == 2

    def test_article_link_serving_a_file(self, tmp_path) -> None:
        """An article URL that serves a spreadsheet is read as the file it is."""
        import shutil
        from portal import SITE
        site = tmp_path / "site"
        generate = generated(site, 2)
        shutil.copy(SITE / "trs/download/3001.xlsx",
                    site / "xxgk/czyjs/202305/t20230512_1000001.html")
        with generate as portal:
            summary = run(portal, tmp_path / "s.db")
        with Store(tmp_path / "s.db") as store:
            doc = store.load_document(store.document_id(
                portal.url("/xxgk/czyjs/202305/t20230512_1000001.html")))
        assert summary.stored == 2 and "2410.75" in doc.text


class TestCommand:
    def test_crawl_subcommand(self, tmp_path, capsys) -> None:
        """`crawl` stores, checks and prints a summary; exit status 0."""
        with serve("dahan") as portal:
            code = command_main(["crawl", portal.start_url, "--store", str(tmp_path / "s.db"),
                                 "--delay", "0", "--no-progress", "--county", "柏川县"])
        out = capsys.readouterr().out
        assert code == 0
        assert "5 documents stored (1 from attachments)" in out
        assert out.splitlines()[-1].startswith("check:")
        with Store(tmp_path / "s.db") as store:
            assert list(store.documents_needing_check()) == [] or "skipped" in out

    def test_usage_error_is_one_line(self, tmp_path, capsys) -> None:
        """A bad start URL exits 2 with one line on stderr."""
        assert command_main(["crawl", "not-a-url", "--store", str(tmp_path / "s.db")]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "start_url" in err

    def test_demo(self, tmp_path, capsys) -> None:
        """`demo` serves the bundled portals, crawls and checks them, and prints the summary."""
        assert command_main(["demo", "--no-progress", "-o", str(tmp_path / "demo.html")]) == 0
        out = capsys.readouterr().out
        assert "1 blocked" in out and "1 disallowed" in out and "check:" in out

    def test_progress_to_stderr(self, tmp_path, capsys) -> None:
        """progress=True draws a tqdm bar on stderr, nothing on stdout."""
        with serve("dahan") as portal:
            run(portal, tmp_path / "s.db", progress=True)
        captured = capsys.readouterr()
        assert "crawl" in captured.err and captured.out == ""


class TestDemo:
    def test_demo_writes_its_page(self, tmp_path, capsys) -> None:
        """demo exits 0, ends with a short summary and writes the HTML page it names."""
        page = tmp_path / "demo.html"
        assert command_main(["demo", "--no-progress", "-o", str(page)]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[-1] == f"HTML audit page: {page.resolve()}"
        assert any(line.startswith("check: ") and " failed" in line for line in lines)
        assert len(lines) < 25
        html = page.read_text("utf-8")
        assert "不一致的数字（1）" in html and "perfparse demo" in html

    def test_serve_for_batch(self, tmp_path) -> None:
        """demo --serve returns once the portals answer, with a SITES.csv that batch reads."""
        import csv
        import os
        import signal
        import subprocess
        import sys
        import requests
        from perfparse.batch import read_sites
        sites = tmp_path / "sites.csv"
        out = subprocess.run([sys.executable, "-m", "perfparse", "demo", "--serve", "--sites",
                              str(sites), "--idle", "30"], capture_output=True, text=True,
                             timeout=60)
        assert out.returncode == 0, out.stderr
        pid = int(out.stdout.split("kill ")[-1])
        try:
            rows = list(csv.DictReader(open(sites, encoding="utf-8")))
            assert [r["county"] for r in rows] == ["柏川县", "清溪县", "云岭县"]
            assert len(read_sites(sites)) == 3
            assert all(requests.get(r["start_url"], timeout=5).status_code == 200 for r in rows)
        finally:
            os.kill(pid, signal.SIGTERM)
