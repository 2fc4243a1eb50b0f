"""Hostile and broken servers (issue 9): every attack ends as a recorded failure of that
page or site — never a traceback, never a hang — and the rest of the run goes on.

The server is our own (tests/hostile.py) on 127.0.0.1, writing raw bytes per path.
"""
from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from perfparse.batch import run_batch
from perfparse.errors import FetchError, RobotsDisallowed
from perfparse.records import Check, Figure, Report
from perfparse.scrape import crawl
from perfparse.scrape.fetch import Fetcher, fetch_document
from perfparse.scrape.robots import MAX_CRAWL_DELAY, ROBOTS_MAX_BYTES, Robots, host_id
from perfparse.store import Store
from hostile import (Hostile, answer, article, huge, listing, raw, sequence, trickle_body,
                     trickle_head)
from portal import serve

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ROBOTS_OK = answer(body="User-agent: *\nAllow: /\n", ctype="text/plain")


def fetcher(**kw) -> Fetcher:
    kw.setdefault("delay", 0.0)
    kw.setdefault("backoff", 0.05)
    kw.setdefault("timeout", 1.0)
    kw.setdefault("retries", 0)
    return Fetcher(requests.Session(), **kw)


def _perfparse(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfparse", *args], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=timeout)


class TestDeadline:
    """--timeout is a wall-clock bound on a request, however slowly the bytes come."""

    @pytest.mark.parametrize("behaviour", [
        trickle_head(0.2), trickle_body(0.2), trickle_body(0.2, declared=None)],
        ids=["headers trickled", "body trickled", "body trickled, no length"])
    def test_trickle_cut_at_deadline(self, behaviour) -> None:
        """A server sending a byte every 0.2 s is cut off after the 1 s deadline."""
        with Hostile({"/robots.txt": ROBOTS_OK, "/slow.html": behaviour}) as server:
            started = time.monotonic()
            with pytest.raises(FetchError, match="timed out"):
                fetcher(timeout=1.0).fetch(server.url("/slow.html"))
            elapsed = time.monotonic() - started
        assert 0.9 < elapsed < 2.5

    def test_retry_after_deadline(self) -> None:
        """Each attempt gets its own deadline: a trickle, then a good answer, succeeds."""
        with Hostile({"/robots.txt": ROBOTS_OK,
                      "/a.html": sequence(trickle_head(0.2), answer(body=article(1)))}) as s:
            started = time.monotonic()
            page = fetcher(timeout=0.8, retries=1).fetch(s.url("/a.html"))
            assert page.status == 200 and s.requests("/a.html") == 2
        assert time.monotonic() - started < 3

    def test_fetch_document_deadline(self) -> None:
        """The API's fetch_document(timeout=…) bounds a header trickle too (it hung)."""
        with Hostile({"/robots.txt": ROBOTS_OK,
                      "/a.html": sequence(trickle_head(0.2), answer(body=article(1)))}) as s:
            started = time.monotonic()
            doc = fetch_document(s.url("/a.html"), delay=0, timeout=0.8)
        assert "1012.00万元" in doc.text
        assert time.monotonic() - started < 5  # 0.8 s cut, 1 s backoff, then the answer


class TestMalformedAnswers:
    """Headers and redirects no server should send are a failure of the page at most."""

    def test_content_length_not_ascii(self) -> None:
        """Content-Length: ² (a digit to str.isdigit) is ignored; the body is read to EOF."""
        body = article(2).encode()
        with Hostile({"/robots.txt": ROBOTS_OK,
                      "/a.html": raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                     b"Content-Length: \xb2\r\nConnection: close\r\n\r\n"
                                     + body)}) as server:
            page = fetcher().fetch(server.url("/a.html"))
        assert page.status == 200 and page.content == body

    def test_retry_after_not_ascii(self) -> None:
        """Retry-After: ² on a 503 is ignored: the retry waits the backoff, then succeeds."""
        with Hostile({"/robots.txt": ROBOTS_OK, "/a.html": sequence(
                answer("503 Busy", raw_headers=b"Retry-After: \xb2\r\n"),
                answer(body=article(3)))}) as server:
            page = fetcher(retries=1).fetch(server.url("/a.html"))
            assert page.status == 200 and server.requests("/a.html") == 2

    @pytest.mark.parametrize("location", [
        "http://[::1", "http://[::1/x", "javascript:alert(1)", "http://a.example:99999/",
        "file:///etc/passwd"])
    def test_bad_redirect_target(self, location) -> None:
        """A Location that is no http(s) URL fails the page, naming the target."""
        with Hostile({"/robots.txt": ROBOTS_OK,
                      "/a.html": answer("302 Found", headers={"Location": location})}) as s:
            with pytest.raises(FetchError, match="malformed|unreadable answer"):
                fetcher().fetch(s.url("/a.html"))

    @pytest.mark.parametrize("data", [
        b"HTTP/1.1 abc\r\n\r\n", b"\x00\xff garbage \r\n\r\n", b"",
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"],
        ids=["bad status", "garbage", "nothing", "short body"])
    def test_broken_answers(self, data) -> None:
        """A status line or body no parser accepts raises FetchError, not anything else."""
        with Hostile({"/robots.txt": ROBOTS_OK, "/a.html": raw(data)}) as server:
            with pytest.raises(FetchError):
                fetcher().fetch(server.url("/a.html"))


def _robots(text: str) -> Robots:
    return Robots(lambda url: (200, text), "perfparse/0.1.0 (+https://pypi.org/project/perfparse/)")


ROBOTS_CASES = [
    # (robots.txt, path, allowed, why)
    ("User-agent: *\nDisallow: /*.pdf$\n", "/a/b.pdf", False, "* and $ match the end"),
    ("User-agent: *\nDisallow: /*.pdf$\n", "/a/b.pdf?x=1", True, "$ anchors the end"),
    ("User-agent: *\nDisallow: /xxgk/\nAllow: /xxgk/czyjs/\n", "/xxgk/czyjs/a.html", True,
     "the longest match wins, whatever the order"),
    ("User-agent: *\nAllow: /xxgk/czyjs/\nDisallow: /xxgk/\n", "/xxgk/other.html", False,
     "the shorter Disallow still applies elsewhere"),
    ("User-agent: *\nDisallow: /p\nAllow: /p\n", "/p/a.html", True,
     "Allow beats Disallow on a tie"),
    ("User-agent: perfparse\nAllow: /\n\nUser-agent: *\nDisallow: /\n", "/a.html", True,
     "our own group overrides *"),
    ("User-agent: *\nDisallow: /a*b\n", "/a/x/b.html", False, "* inside a path"),
]


class TestRobots:
    """robots.txt read as RFC 9309 says, however large or wherever it redirects."""

    @pytest.mark.parametrize("text,path,allowed,why", ROBOTS_CASES,
                             ids=[c[3] for c in ROBOTS_CASES])
    def test_rules(self, text, path, allowed, why) -> None:
        """Wildcards, end anchors and longest-match precedence, as protego reads them."""
        assert _robots(text).allowed("http://a.example" + path) is allowed

    def test_first_500_kib_obeyed(self) -> None:
        """A 50 MB robots.txt: its line-2 Disallow holds, and not all of it is read."""
        size = 50 * 1024 * 1024
        robots = huge(b"User-agent: *\nDisallow: /private/\n", b"# filler line\n", size)
        with Hostile({"/robots.txt": robots, "/public.html": answer(body=article(4))}) as s:
            f = fetcher(timeout=5)
            started = time.monotonic()
            with pytest.raises(RobotsDisallowed):
                f.fetch(s.url("/private/a.html"))
            assert f.fetch(s.url("/public.html")).status == 200
            assert time.monotonic() - started < 5
            assert s.requests("/private/a.html") == 0
        # What the server got into the socket before the client hung up: kernel buffers take
        # several megabytes on a loaded machine, but nowhere near the 50 MB of the whole file.
        assert s.sent["/robots.txt"] < size // 4

    def test_rule_past_500_kib_ignored(self) -> None:
        """A Disallow after the first 500 KiB is beyond what RFC 9309 asks us to read."""
        head = b"User-agent: *\n" + b"# filler line\n" * (ROBOTS_MAX_BYTES // 14 + 10)
        text = head + b"Disallow: /late/\n"
        with Hostile({"/robots.txt": answer(body=text, ctype="text/plain"),
                      "/late/a.html": answer(body=article(5))}) as s:
            assert fetcher().fetch(s.url("/late/a.html")).status == 200

    @pytest.mark.parametrize("value,expected", [
        ("²", 0.0), ("99999999999", MAX_CRAWL_DELAY), ("86400", MAX_CRAWL_DELAY),
        ("inf", 0.0), ("nan", 0.0), ("-3", 0.0), ("1e400", 0.0), ("2.5", 2.5)])
    def test_crawl_delay_values(self, value, expected) -> None:
        """Crawl-delay: numbers honoured up to the cap; anything else ignored."""
        with Hostile({"/robots.txt": answer(body=f"User-agent: *\nCrawl-delay: {value}\n",
                                            ctype="text/plain")}) as s:
            f = fetcher()
            assert f.allowed(s.url("/a.html"))
            assert f.politeness.delay_for(host_id(s.base)) == expected

    def test_capped_delay_honoured(self) -> None:
        """Crawl-delay 86400 under a 0.4 s cap: requests are 0.4 s apart, not a day."""
        with Hostile({"/robots.txt": answer(body="User-agent: *\nCrawl-delay: 86400\n",
                                            ctype="text/plain"),
                      "/a.html": answer(body=article(6))}) as s:
            f = fetcher(max_crawl_delay=0.4)
            f.fetch(s.url("/a.html"))
            f.fetch(s.url("/a.html"))
            times = [t for t, _ in s.log]
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert len(times) == 3 and min(gaps) >= 0.38 and max(gaps) < 1.5

    def test_redirect_off_host_not_followed(self) -> None:
        """robots.txt redirecting to another port is not followed: read as absent."""
        with Hostile({"/robots.txt": answer(body="User-agent: *\nDisallow: /\n",
                                            ctype="text/plain")}) as other:
            moved = answer("301 Moved", headers={"Location": other.url("/robots.txt")})
            with Hostile({"/robots.txt": moved, "/a.html": answer(body=article(7))}) as s:
                assert fetcher().fetch(s.url("/a.html")).status == 200
                assert other.requests("/robots.txt") == 0
                with pytest.raises(RobotsDisallowed):
                    fetcher(allow_offsite=True).fetch(s.url("/a.html"))
                assert other.requests("/robots.txt") == 1

    def test_redirect_on_host_followed(self) -> None:
        """A robots.txt moved on its own host is followed and obeyed."""
        with Hostile({"/robots.txt": answer("302 Found", headers={"Location": "/r.txt"}),
                      "/r.txt": answer(body="User-agent: *\nDisallow: /x/\n",
                                       ctype="text/plain")}) as s:
            with pytest.raises(RobotsDisallowed):
                fetcher().fetch(s.url("/x/a.html"))


class TestParseUrl:
    def test_first_page_redirect_off_host(self) -> None:
        """`parse URL` refuses a redirect to another host unless --allow-offsite."""
        with Hostile({"/robots.txt": ROBOTS_OK, "/a.html": answer(body=article(8))}) as other:
            with Hostile({"/robots.txt": ROBOTS_OK, "/go.html": answer(
                    "302 Found", headers={"Location": other.url("/a.html")})}) as s:
                refused = _perfparse("parse", s.url("/go.html"), "--no-progress")
                assert other.requests("/a.html") == 0
                followed = _perfparse("parse", s.url("/go.html"), "--allow-offsite",
                                      "--no-progress")
        assert refused.returncode == 2 and "off the site" in refused.stderr
        assert refused.stderr.count("\n") == 1
        assert followed.returncode == 0 and "1026" in followed.stdout


def _hostile_portal(extra: dict | None = None) -> dict:
    """A portal whose listing leads to one good article and to every kind of attack."""
    links = [("/202301/t20230101_1.html", "示例县第一号单位2022年度部门决算公开说明"),
             ("/202301/t20230101_2.html", "示例县第二号单位2022年度部门决算公开说明"),
             ("/202301/t20230101_3.html", "示例县第三号单位2022年度部门决算公开说明"),
             ("/202301/t20230101_4.html", "示例县第四号单位2022年度部门决算公开说明"),
             ("/202301/t20230101_5.html", "示例县第五号单位2022年度部门决算公开说明"),
             ("/202301/t20230101_6.html", "示例县第六号单位2022年度部门决算公开说明"),
             ("http://[::1/x", "示例县第七号单位2022年度部门决算公开说明"),
             ("/xxgk/index.html?page=²", "2")]
    paths = {
        "/robots.txt": answer(body="User-agent: *\nCrawl-delay: ²\n", ctype="text/plain"),
        "/xxgk/index.html": answer(body=listing(links)),
        "/202301/t20230101_1.html": answer(body=article(11)),
        "/202301/t20230101_2.html": trickle_head(0.2),
        "/202301/t20230101_3.html": trickle_body(0.2),
        "/202301/t20230101_4.html": raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; "
                                        b"charset=utf-8\r\nContent-Length: \xb2\r\n"
                                        b"Connection: close\r\n\r\n"
                                        + article(14).encode()),
        "/202301/t20230101_5.html": answer("302 Found", headers={"Location": "http://[::1"}),
        "/202301/t20230101_6.html": sequence(
            answer("503 Busy", raw_headers=b"Retry-After: \xb2\r\n"),
            answer(body=article(16))),
    }
    paths.update(extra or {})
    return paths


class TestHostileCrawl:
    def test_every_attack_recorded(self, tmp_path) -> None:
        """One portal with every attack: the good pages are stored, each bad one is
        recorded failed with its reason, and the crawl ends within its deadlines."""
        with Hostile(_hostile_portal()) as s:
            started = time.monotonic()
            summary = crawl(s.url("/xxgk/index.html"), store=tmp_path / "s.db", delay=0,
                            timeout=1.0, retries=1, backoff=0.05, county="示例县")
            elapsed = time.monotonic() - started
            assert s.requests("/xxgk/index.html?page=%C2%B2") <= 1
        assert elapsed < 10 and summary.finished
        with Store(tmp_path / "s.db") as store:
            stored = {r["url"][len(s.base):] for r in store.table("documents")}
            errors = {r["url"][len(s.base):]: r["error"] for r in store.table("frontier")
                      if r["state"] == "failed"}
        assert stored == {"/202301/t20230101_1.html", "/202301/t20230101_4.html",
                          "/202301/t20230101_6.html"}
        assert "timed out" in errors["/202301/t20230101_2.html"]
        assert "timed out" in errors["/202301/t20230101_3.html"]
        assert "malformed" in errors["/202301/t20230101_5.html"]
        assert not any("[::1" in url for url in errors)  # never queued at all

    def test_dead_host_given_up(self, tmp_path) -> None:
        """A host whose every page trickles is given up after a few timeouts: the rest of
        its pages fail at once, and the run does not take a deadline per page."""
        links = [(f"/202301/t20230101_{n}.html", f"示例县第{n}号单位2022年度部门决算公开说明")
                 for n in range(20)]
        paths = {"/robots.txt": ROBOTS_OK, "/xxgk/index.html": answer(body=listing(links))}
        paths.update({href: trickle_head(0.2) for href, _ in links})
        with Hostile(paths) as s:
            started = time.monotonic()
            summary = crawl(s.url("/xxgk/index.html"), store=tmp_path / "s.db", delay=0,
                            timeout=0.5, retries=0)
            elapsed = time.monotonic() - started
            asked = sum(s.requests(href) for href, _ in links)
        assert summary.failed == 20 and summary.finished
        assert asked == 5 and elapsed < 6  # 5 deadlines, then nothing more asked
        with Store(tmp_path / "s.db") as store:
            reasons = [r["error"] for r in store.table("frontier") if r["state"] == "failed"]
        assert sum("not fetched" in r for r in reasons) == 15


@pytest.mark.slow
class TestBatchSurvives:
    def test_bad_sites_do_not_stop_good_ones(self, tmp_path) -> None:
        """A batch over a good portal, a hostile one and an unreachable one stores the
        good one's documents, records the rest, and a rerun resumes."""
        closed = Hostile()
        dead_url = closed.url("/xxgk/index.html")
        closed._sock.close()  # a port nothing listens on
        with serve("dahan") as good, Hostile(_hostile_portal()) as bad:
            rows = [{"county": good.county, "province": good.province, "portal": "good",
                     "start_url": good.start_url},
                    {"county": "示例县", "province": "示例省", "portal": "hostile",
                     "start_url": bad.url("/xxgk/index.html")},
                    {"county": "无门县", "province": "示例省", "portal": "dead",
                     "start_url": dead_url}]
            first = run_batch(rows, store=tmp_path / "b.db", workers=2, delay=0,
                              timeout=1.0, retries=1, backoff=0.05)
            again = run_batch(rows, store=tmp_path / "b.db", workers=2, delay=0,
                              timeout=1.0, retries=1, backoff=0.05)
        counties = {c.county: c for c in first.counties}
        assert counties[good.county].documents >= 4
        assert counties[good.county].checked == counties[good.county].documents
        assert counties["示例县"].documents == 3 and counties["无门县"].documents == 0
        assert first.crawl_finished and first.fetch_failed >= 4
        assert f"failed: {dead_url}" in str(first)
        assert again.crawl_finished and again.stored == 0 and again.checked == 0


class TestCsvInjection:
    def test_formula_cells_neutralised(self, tmp_path) -> None:
        """Cells starting with = + - @ get a leading quote in CSV; numbers stay numbers."""
        from perfparse.export import export
        from perfparse.records import Document
        text = "=HYPERLINK(\"http://x\")增长-2.24%"
        figure = Figure("f1", 23, 29, "-2.24%", Decimal("-2.24"), "%", "percent", 2)
        check = Check("c1", "growth", "fail", "@SUM(A1) differs", "-2.24", "+1.5",
                      ("-2.30", "-2.20"), 23, 29, ("f1",))
        with Store(tmp_path / "s.db") as store:
            doc_id = store.save_document(
                Document(text, {"title": "=1+1", "publisher": "+cmd|' /C calc'!A0"},
                         source="http://a.example/1.html"), county="-县", province="@省")
            store.save_report(doc_id, Report("http://a.example/1.html", {}, text, (figure,),
                                             (), (check,)))
        paths = export(tmp_path / "s.db", tmp_path / "out", "csv")
        docs = _csv(paths["documents"])[0]
        assert docs["title"] == "'=1+1" and docs["publisher"].startswith("'+cmd")
        assert docs["county"] == "'-县" and docs["province"] == "'@省"
        assert docs["text"].startswith("'=HYPERLINK")
        fig = _csv(paths["figures"])[0]
        assert fig["value"] == "-2.24" and fig["text"] == "'-2.24%"
        chk = _csv(paths["checks"])[0]
        assert chk["message"] == "'@SUM(A1) differs"
        assert (chk["reported"], chk["expected"]) == ("-2.24", "+1.5")
        assert (chk["expected_low"], chk["expected_high"]) == ("-2.30", "-2.20")


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


class TestWorkerLogs:
    def test_worker_records_reach_the_batch(self, tmp_path, caplog) -> None:
        """What a crawling worker logs is handled by the batch process's loggers, at the
        levels the batch process set (here INFO for perfparse)."""
        caplog.set_level("INFO", logger="perfparse")
        moved = answer("301 Moved", headers={"Location": "http://127.0.0.1:9/robots.txt"})
        with Hostile({"/robots.txt": moved,
                      "/xxgk/index.html": answer(body=listing([]))}) as s:
            summary = run_batch([{"county": "示例县", "province": "示例省", "portal": "",
                                  "start_url": s.url("/xxgk/index.html")}],
                                store=tmp_path / "b.db", workers=1, delay=0, retries=0)
        assert summary.pages == 1 and summary.fetch_failed == 0
        found = [r for r in caplog.records if r.name == "perfparse.scrape.fetch"
                 and "treated as absent" in r.getMessage()]
        assert len(found) == 1 and found[0].process != os.getpid()
