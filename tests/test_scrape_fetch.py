"""Polite fetching, one concern per class: user agent, robots.txt, delay, retry, size cap,
redirects, conditional GET, anti-bot answers. Everything runs against 127.0.0.1.
"""
from __future__ import annotations

import time

import pytest
import requests

from perfparse.errors import Blocked, FetchError, RobotsDisallowed, TooLarge
from perfparse.scrape.fetch import USER_AGENT, Fetcher, retry_after
from perfparse.scrape.politeness import Politeness
from perfparse.scrape.robots import host_id
from portal import serve

ARTICLE = "/info/1033/5678.htm"
OTHER = "/info/1034/5690.htm"


def fetcher(**kw) -> Fetcher:
    kw.setdefault("delay", 0.0)
    kw.setdefault("backoff", 0.05)
    kw.setdefault("timeout", 2)
    return Fetcher(requests.Session(), **kw)


class TestUserAgent:
    def test_honest_agent_on_every_request(self) -> None:
        """Every request, robots.txt included, names perfparse with its version and a URL."""
        with serve("vsb") as portal:
            fetcher().fetch(portal.url(ARTICLE))
            agents = {agent for _, _, agent in portal.log}
        assert agents == {USER_AGENT}
        assert USER_AGENT.startswith("perfparse/") and "+https://" in USER_AGENT

    def test_caller_agent_kept(self) -> None:
        """A session that already carries its own User-Agent keeps it."""
        session = requests.Session()
        session.headers["User-Agent"] = "county-audit/2.0 (ops@example.org)"
        with serve("vsb") as portal:
            Fetcher(session, delay=0).fetch(portal.url(ARTICLE))
            assert {a for _, _, a in portal.log} == {"county-audit/2.0 (ops@example.org)"}


class TestRobots:
    def test_disallowed_path_never_requested(self) -> None:
        """A path robots.txt disallows raises RobotsDisallowed and is never requested."""
        path = "/xxgk/czyjs/202309/t20230905_1234571.html"
        with serve("trs") as portal:
            with pytest.raises(RobotsDisallowed):
                fetcher().fetch(portal.url(path))
            assert portal.requests[path] == 0

    def test_robots_fetched_once_per_host(self) -> None:
        """robots.txt is fetched once per host however many pages follow."""
        with serve("vsb") as portal:
            f = fetcher()
            f.fetch(portal.url(ARTICLE))
            f.fetch(portal.url(OTHER))
            assert portal.requests["/robots.txt"] == 1

    def test_unreachable_robots_disallows(self) -> None:
        """A robots.txt answering 5xx disallows the host, as RFC 9309 asks."""
        with serve("vsb", flaky={"/robots.txt": 99}) as portal:
            with pytest.raises(RobotsDisallowed):
                fetcher(retries=1).fetch(portal.url(ARTICLE))

    def test_missing_robots_allows(self, tmp_path) -> None:
        """A host without robots.txt (404) may be crawled."""
        (tmp_path / "a.html").write_text("<p>ok</p>", encoding="utf-8")
        from perfparse.scrape.portal import Portal
        with Portal(tmp_path) as portal:
            assert fetcher().fetch(portal.url("/a.html")).status == 200


class TestDelay:
    def test_minimum_delay_per_host(self) -> None:
        """Requests to one host start at least `delay` seconds apart."""
        with serve("vsb") as portal:
            f = fetcher(delay=0.2)
            for path in (ARTICLE, OTHER, ARTICLE):
                f.fetch(portal.url(path))
            times = [t for t, _, _ in portal.log]
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert len(times) == 4  # robots.txt + three pages
        assert min(gaps) >= 0.18

    def test_hosts_do_not_wait_for_each_other(self) -> None:
        """The delay is per host: another host is ready at once."""
        clock = [100.0]

        def sleep(s: float) -> None:
            clock[0] += s
        p = Politeness(5.0, clock=lambda: clock[0], sleep=sleep)
        with p.slot("http://a"):
            pass
        assert p.ready_at("http://a") == 105.0
        assert p.ready_at("http://b") == 100.0
        with p.slot("http://a"):
            pass
        assert clock[0] == 105.0

    def test_crawl_delay_from_robots(self, tmp_path) -> None:
        """A robots.txt Crawl-delay longer than ours raises that host's delay."""
        (tmp_path / "robots.txt").write_text("User-agent: *\nCrawl-delay: 7\n", encoding="utf-8")
        (tmp_path / "a.html").write_text("<p>ok</p>", encoding="utf-8")
        from perfparse.scrape.portal import Portal
        with Portal(tmp_path) as portal:
            f = fetcher()
            assert f.allowed(portal.url("/a.html"))
            assert f.politeness.delay_for(host_id(portal.base)) == 7.0


class TestRetry:
    def test_503_twice_then_success(self) -> None:
        """Two 503 answers are retried with backoff and the third attempt succeeds."""
        with serve("vsb", flaky={ARTICLE: 2}) as portal:
            started = time.monotonic()
            page = fetcher(backoff=0.1).fetch(portal.url(ARTICLE))
            elapsed = time.monotonic() - started
            assert page.status == 200 and portal.requests[ARTICLE] == 3
        assert elapsed >= 0.1 + 0.2  # exponential: 0.1 s, then 0.2 s

    def test_gives_up_after_retries(self) -> None:
        """A page that keeps failing raises FetchError with its status after 1 + retries tries."""
        with serve("vsb", flaky={ARTICLE: 99}) as portal:
            with pytest.raises(FetchError) as err:
                fetcher(retries=2).fetch(portal.url(ARTICLE))
            assert err.value.status == 503 and portal.requests[ARTICLE] == 3

    def test_404_not_retried(self) -> None:
        """A 404 is final: one request, FetchError."""
        with serve("vsb") as portal:
            with pytest.raises(FetchError) as err:
                fetcher().fetch(portal.url("/info/9999/1.htm"))
            assert err.value.status == 404 and portal.requests["/info/9999/1.htm"] == 1

    def test_429_respects_retry_after(self) -> None:
        """A 429 waits at least as long as Retry-After asks, then succeeds."""
        with serve("vsb", rate_limit={ARTICLE: 1}) as portal:
            started = time.monotonic()
            assert fetcher(backoff=0.01).fetch(portal.url(ARTICLE)).status == 200
            assert time.monotonic() - started >= 1.0
            assert portal.requests[ARTICLE] == 2

    def test_timeout_retried_then_fails(self) -> None:
        """A page slower than the timeout is retried, then raises FetchError."""
        with serve("vsb", slow={ARTICLE: 1.0}) as portal:
            with pytest.raises(FetchError, match="timed out"):
                fetcher(timeout=0.3, retries=1).fetch(portal.url(ARTICLE))
            assert portal.requests[ARTICLE] == 2

    def test_retry_after_forms(self) -> None:
        """Retry-After is read as seconds or as an HTTP date."""
        assert retry_after("120") == 120.0
        assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
        assert retry_after("later") is None


class TestSizeCap:
    def test_streamed_body_over_cap(self) -> None:
        """A body without Content-Length is cut off once it passes the cap: TooLarge."""
        with serve("vsb", big={"/huge.html": 5_000_000}) as portal:
            with pytest.raises(TooLarge):
                fetcher(max_bytes=200_000).fetch(portal.url("/huge.html"))

    def test_declared_length_over_cap(self) -> None:
        """A Content-Length over the cap is refused before the body is read."""
        with serve("vsb") as portal:
            with pytest.raises(TooLarge):
                fetcher(max_bytes=100).fetch(portal.url(ARTICLE))

    def test_per_call_cap(self) -> None:
        """fetch(max_bytes=…) overrides the fetcher's cap for one response."""
        with serve("vsb") as portal:
            assert fetcher(max_bytes=100).fetch(portal.url(ARTICLE), max_bytes=10**6).status == 200


class TestRedirects:
    def test_loop_stopped(self) -> None:
        """A redirect loop raises FetchError instead of spinning."""
        with serve("vsb", redirect={"/loop/a": "/loop/b", "/loop/b": "/loop/a"}) as portal:
            with pytest.raises(FetchError, match="redirect loop"):
                fetcher().fetch(portal.url("/loop/a"))
            assert portal.requests["/loop/a"] == 1 and portal.requests["/loop/b"] == 1

    def test_redirect_followed(self) -> None:
        """An ordinary redirect is followed and the final URL reported."""
        with serve("vsb", redirect={"/old.htm": ARTICLE}) as portal:
            page = fetcher().fetch(portal.url("/old.htm"))
            assert page.status == 200 and page.url == portal.url(ARTICLE)
            assert page.requested == portal.url("/old.htm")

    def test_offsite_redirect_refused(self) -> None:
        """With same_host, a redirect to another host is refused without following it."""
        with serve("vsb", redirect={"/out.htm": "http://www.example.gov.cn/"}) as portal:
            with pytest.raises(FetchError, match="off the site"):
                fetcher().fetch(portal.url("/out.htm"), same_host=True)


class TestConditionalGet:
    def test_etag_gives_304(self) -> None:
        """A GET with the ETag of the last answer comes back 304 with no body."""
        with serve("vsb") as portal:
            f = fetcher()
            first = f.fetch(portal.url(ARTICLE))
            again = f.fetch(portal.url(ARTICLE), etag=first.etag)
            assert again.not_modified and again.content == b""
            assert portal.bodies[ARTICLE] == 1 and portal.requests[ARTICLE] == 2

    def test_last_modified_gives_304(self) -> None:
        """If-Modified-Since with the page's Last-Modified comes back 304."""
        with serve("vsb") as portal:
            f = fetcher()
            first = f.fetch(portal.url(ARTICLE))
            assert f.fetch(portal.url(ARTICLE), last_modified=first.last_modified).status == 304


class TestBlocked:
    def test_412_challenge(self) -> None:
        """An HTTP 412 with a cookie-setting script raises Blocked and is not retried."""
        path = "/xxgk/czyjs/202306/t20230615_1234570.html"
        with serve("trs") as portal:
            with pytest.raises(Blocked) as err:
                fetcher().fetch(portal.url(path))
            assert err.value.status == 412 and portal.requests[path] == 1


class TestPage:
    def test_filename_from_disposition(self) -> None:
        """A download?id= answer is named by its Content-Disposition header."""
        with serve("trs") as portal:
            page = fetcher().fetch(portal.url("/download?id=3001"))
            assert page.filename == "3001.xlsx"


class TestScope:
    def test_same_site(self) -> None:
        """http/https, default ports and a leading www. do not make another site; a port does."""
        from perfparse.scrape.robots import same_site
        assert same_site("http://www.qx.gov.cn/a", "https://qx.gov.cn:443/b")
        assert not same_site("http://qx.gov.cn/", "http://qx.gov.cn:8080/")
        assert not same_site("http://qx.gov.cn/", "http://qx.gov.cn.evil.example/")

    def test_redirect_to_other_name_refused(self) -> None:
        """A redirect from 127.0.0.1 to localhost counts as off-site."""
        with serve("vsb") as portal:
            target = portal.base.replace("127.0.0.1", "localhost") + ARTICLE
            with serve("vsb", redirect={"/out.htm": target}) as other:
                with pytest.raises(FetchError, match="off the site"):
                    fetcher().fetch(other.url("/out.htm"), same_host=True)
            assert portal.requests[ARTICLE] == 0
