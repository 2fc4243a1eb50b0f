"""The many-hosts machinery: HostPool's limit on hosts in flight, the store's per-host
frontier cursor, and the writer handing each host a few URLs at a time."""
from __future__ import annotations

from perfparse.records import Document
from perfparse.scrape.crawl import AHEAD, Crawler, StartUrl
from perfparse.scrape.portal import PortalFarm
from perfparse.store import Store


def _overlap(intervals: list[tuple[float, float]]) -> int:
    events = sorted([(a, 1) for a, _ in intervals] + [(b, -1) for _, b in intervals],
                    key=lambda e: (e[0], e[1]))
    most = now = 0
    for _, step in events:
        now += step
        most = max(most, now)
    return most


class TestHostLimit:
    def test_at_most_limit_hosts_in_flight(self, tmp_path) -> None:
        """With hosts=2, no more than two servers are being asked at any moment, and every
        host is crawled in the end."""
        with PortalFarm(6, articles=2) as farm, Store(tmp_path / "s.db") as store:
            crawler = Crawler(store, hosts=2, fetcher_options=dict(delay=0.2))
            for n in range(6):
                crawler.add_start(StartUrl(farm.url(n), f"县{n}", "省"))
            summary = crawler.run()
            log = farm.requests_by_port()
        assert summary.finished and summary.stored == 12 and summary.hosts == 6
        spans = [(min(t for t, _ in r), max(t for t, _ in r)) for r in log.values()]
        assert len(spans) == 6 and _overlap(spans) == 2

    def test_all_hosts_at_once(self, tmp_path) -> None:
        """With room for all, every host is asked before any host's second request."""
        with PortalFarm(8, articles=1) as farm, Store(tmp_path / "s.db") as store:
            crawler = Crawler(store, hosts=64, fetcher_options=dict(delay=0.5))
            for n in range(8):
                crawler.add_start(StartUrl(farm.url(n), f"县{n}", "省"))
            crawler.run()
            log = farm.requests_by_port()
        firsts = [min(t for t, _ in r) for r in log.values()]
        seconds = [sorted(t for t, _ in r)[1] for r in log.values()]
        assert max(firsts) < min(seconds)


class TestFrontierCursor:
    def test_queued_after(self, tmp_path) -> None:
        """queued_after gives one host's queued rows past a rowid, in order, with the
        stored validators, whether a document exists, and the parent's meta."""
        with Store(tmp_path / "s.db") as store:
            for n in range(5):
                store.enqueue(f"http://a.cn/{n}.html", kind="article", host="a.cn")
                store.enqueue(f"http://b.cn/{n}.html", kind="article", host="b.cn")
            store.enqueue("http://a.cn/f.pdf", kind="attachment", host="a.cn",
                          parent_url="http://a.cn/1.html")
            store.save_page("http://a.cn/1.html", status=200, kind="article", etag='"x"',
                            content_hash="h1")
            store.save_document(Document("收入10万元。", {"title": "标题"},
                                         source="http://a.cn/1.html"))
            store.set_state("http://a.cn/0.html", "done")
            first = store.queued_after("a.cn", 0, 2)
            rest = store.queued_after("a.cn", first[-1]["rowid"], 10)
        assert [r["url"] for r in first] == ["http://a.cn/1.html", "http://a.cn/2.html"]
        assert [r["url"] for r in rest] == ["http://a.cn/3.html", "http://a.cn/4.html",
                                            "http://a.cn/f.pdf"]
        assert (first[0]["etag"], first[0]["prev_hash"], first[0]["stored"]) == ('"x"', "h1", 1)
        assert first[1]["etag"] is None and first[1]["stored"] == 0
        assert '"title":"标题"' in rest[-1]["parent_meta"]

    def test_few_urls_handed_ahead(self, tmp_path) -> None:
        """The writer hands a host at most AHEAD URLs beyond those it has answered."""
        with PortalFarm(1, articles=12, per_page=12) as farm, \
                Store(tmp_path / "s.db") as store:
            crawler = Crawler(store, fetcher_options=dict(delay=0.0))
            crawler.add_start(StartUrl(farm.url(0), "县", "省"))
            most = [0]

            def watch(outcomes) -> None:
                most[0] = max(most[0], max(crawler._outstanding.values()))
            crawler.on_batch = watch
            summary = crawler.run()
        assert summary.stored == 12 and 1 <= most[0] <= AHEAD
