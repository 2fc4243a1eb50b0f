"""The scraper's doctests run, and its public surface is what __all__ says."""
from __future__ import annotations

import doctest
import importlib

import pytest

import perfparse.scrape as scrape

MODULES = ["perfparse.readers.encoding", "perfparse.scrape.fetch", "perfparse.scrape.listing",
           "perfparse.scrape.links", "perfparse.scrape.article", "perfparse.scrape.robots"]


class TestDoctests:
    @pytest.mark.parametrize("name", MODULES)
    def test_module(self, name: str) -> None:
        """Every doctest in the module passes."""
        result = doctest.testmod(importlib.import_module(name))
        assert result.failed == 0 and result.attempted > 0


class TestPublicSurface:
    def test_all_complete(self) -> None:
        """__all__ names every public object perfparse.scrape defines, and nothing missing."""
        public = {n for n, v in vars(scrape).items()
                  if not n.startswith("_") and not type(v).__name__ == "module"}
        assert public == set(scrape.__all__)

    def test_top_level_crawl(self) -> None:
        """perfparse.crawl reaches the scraper's crawl."""
        import perfparse
        assert callable(perfparse.crawl) and scrape.crawl.__module__ == "perfparse.scrape.crawl"
