"""Many hosts at once (issue 9): a batch over 120 local portals at --delay 1 keeps every host
in flight at once, with the delay honoured per host as the servers' own request logs show.
(How close it comes to what politeness alone requires is measured by
benchmarks/bench_hosts.py.)"""
from __future__ import annotations

import pytest

from perfparse.batch import run_batch
from perfparse.scrape.portal import PortalFarm

PORTALS = 120
ARTICLES = 3
DELAY = 1.0
# robots.txt, the listing, the articles: one request per DELAY on each host.
REQUESTS = 2 + ARTICLES


@pytest.mark.slow
class TestManyPortals:
    @pytest.fixture(scope="class")
    def run(self, tmp_path_factory):
        db = tmp_path_factory.mktemp("many") / "many.db"
        with PortalFarm(PORTALS, articles=ARTICLES) as farm:
            rows = [{"county": f"示例{n}县", "province": "示例省", "portal": "",
                     "start_url": farm.url(n)} for n in range(PORTALS)]
            summary = run_batch(rows, store=db, workers=2, delay=DELAY)
            log = farm.requests_by_port()
        return summary, None, log

    def test_everything_stored_and_checked(self, run) -> None:
        """Every article of every portal is stored and checked in the crawling workers."""
        summary, _, _ = run
        assert summary.stored == PORTALS * ARTICLES == summary.checked
        assert summary.crawl_finished and summary.hosts == PORTALS
        assert summary.checks >= summary.checked and summary.failed == 0

    def test_all_hosts_in_flight_at_once(self, run) -> None:
        """No host waits for another to finish: every host's first request comes before any
        host's last (the batch before issue 9 ran 16 hosts at a time, so the last hosts
        started after the first ones were done). How close the whole run comes to the
        politeness bound is a benchmark's measure (benchmarks/bench_hosts.py), not a test's."""
        _, _, log = run
        firsts = [min(t for t, _ in reqs) for reqs in log.values()]
        lasts = [max(t for t, _ in reqs) for reqs in log.values()]
        assert len(firsts) == PORTALS
        assert max(firsts) < min(lasts)

    def test_delay_honoured_per_host(self, run) -> None:
        """Each host's requests, as its server logged them, are at least DELAY apart."""
        _, _, log = run
        for port, reqs in log.items():
            times = sorted(t for t, _ in reqs)
            assert len(times) == REQUESTS, (port, reqs)
            gaps = [b - a for a, b in zip(times, times[1:])]
            assert min(gaps) >= DELAY * 0.98, (port, gaps)
