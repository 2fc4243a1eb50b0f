"""The test HTTP server: the demo portals of perfparse/demo/ served on 127.0.0.1.

    with serve("trs") as portal:
        crawl(portal.start_url, store=...)
        assert portal.requests["/robots.txt"] == 1

`serve(name, **behaviour)` adds or overrides behaviours (slow, flaky, big, redirect …; see
perfparse.scrape.portal). `generated(tmp_path, n)` serves a synthetic portal of n articles.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from perfparse.scrape.portal import Portal, generate_portal

SITE = Path(__file__).resolve().parents[1] / "perfparse" / "demo"
PORTALS = ("trs", "vsb", "dahan")


def serve(name: str, **behaviour: Any) -> Portal:
    """A started-on-enter Portal for one of the demo portals."""
    if name not in PORTALS:
        raise ValueError(f"no demo portal {name!r}; have {PORTALS}")
    return Portal(SITE / name, **behaviour)


def generated(root: Path, articles: int, per_page: int = 10, **behaviour: Any) -> Portal:
    """A Portal serving a freshly generated site of `articles` articles under `root`."""
    start = generate_portal(root, articles, per_page)
    portal = Portal(root, **behaviour)
    portal.config.setdefault("start", start)
    return portal


__all__ = ["PORTALS", "Portal", "SITE", "generated", "serve"]
