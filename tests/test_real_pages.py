"""Scores on the hand-labelled real portal pages of ../shared/real (labels in
corpus/real-labels/pages, format in its README). Skipped without ../shared.

The floors are what the reader reaches; raise them when it improves, never lower them
silently. benchmarks/bench_pages_vs_trafilatura.py prints the same table beside trafilatura's.
"""
from __future__ import annotations

import json
import re

import pytest

from page_labels import FIELDS, LABELS, Extracted, Table, load_labels, score
from perfparse.readers.html import read_html
from perfparse.readers.text import decode

# Right answers out of the pages each field applies to (52 pages, 49 with article text).
FLOORS = {
    "title": 52,       # title exact
    "date": 52,        # publication date exact
    "publisher": 51,   # publisher under a visible label (one page names its publisher only in
                       # a byline under the title, which the reader reports as the publisher)
    "starts": 49,      # body starts where the article starts
    "ends": 49,        # body ends where the article ends
    "kept": 49,        # no page loses its body
    "clean": 52,       # no navigation or widget text in the body
    "no_text": 3,      # pages without article text said to be so
}


@pytest.fixture(scope="module")
def table(real_dir) -> Table:
    t = Table()
    for label in load_labels():
        path = real_dir / label.file
        if not path.exists():
            pytest.skip(f"labelled page missing: {path}")
        doc = read_html(decode(path.read_bytes(), None, label.file), "")
        m = doc.meta
        got = Extracted(m.get("title"), m.get("published"), m.get("publisher"), doc.text,
                        bool(m.get("no_text")))
        t.add(label.name, score(label, got))
    return t


class TestRealPageScores:
    @pytest.mark.parametrize("field", FIELDS)
    def test_floor(self, table, field):
        """Per field, the labelled real pages read right at least as often as pinned."""
        assert table.right[field] >= FLOORS[field], (table.cell(field), table.misses[field])

    def test_every_page_is_scored(self, table):
        """All 52 labelled pages count; 49 carry article text."""
        assert table.total["title"] == 52 and table.total["starts"] == 49


class TestLabels:
    def test_every_real_page_has_a_label(self, real_dir):
        """Each saved page of real/pages, and the two HTML files of real/files, is labelled."""
        labelled = {lb.file for lb in load_labels()}
        pages = {f"pages/{p.name}" for p in (real_dir / "pages").glob("*.html")}
        files = {f"files/{p.name}" for p in (real_dir / "files").glob("*.html")}
        assert pages | files == labelled

    def test_labels_hold_no_page_text(self):
        """Labels carry hashes, dates and short agency names only: no sentence of a page."""
        for path in LABELS.glob("*.json"):
            d = json.loads(path.read_text("utf-8"))
            assert set(d) == {"file", "status", "title_sha1", "title_chars", "published",
                              "publisher", "body", "note"}
            for key in ("title_sha1",):
                assert d[key] is None or re.fullmatch(r"[0-9a-f]{40}", d[key])
            if d["body"]:
                assert re.fullmatch(r"[0-9a-f]{40}", d["body"]["start_sha1"])
                assert re.fullmatch(r"[0-9a-f]{40}", d["body"]["end_sha1"])
            assert d["publisher"] is None or len(d["publisher"]) <= 20
            assert d["published"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", d["published"])
            assert len(d["note"]) <= 200 and "。" not in d["note"]
            assert (d["body"] is None) == (d["status"] != "article")
