"""Hand labels of real portal pages (corpus/real-labels/pages) and the scores extractors get
on them. Shared by tests/test_real_pages.py and benchmarks/bench_pages_vs_trafilatura.py.

The labels hold hashes, never the pages' text: see corpus/real-labels/pages/README.md.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

LABELS = Path(__file__).resolve().parent.parent / "corpus" / "real-labels" / "pages"
EDGE = 12
# Extra characters tolerated around the labelled body before it counts as noise.
NOISE_SLACK = 3
# Extra characters tolerated inside it: a merged table cell's label repeated in each column
# it spans is not navigation text.
MERGED_SHARE = 0.02
KEPT_SHARE = 0.9
_STRIP = re.compile(r"[\s|\u200b\u200c\u200d\ufeff]+")
FIELDS = ("title", "date", "publisher", "starts", "ends", "kept", "clean", "no_text")
FIELD_NAMES = {
    "title": "title exact",
    "date": "publication date exact",
    "publisher": "publisher under a visible label",
    "starts": "body starts where the article starts",
    "ends": "body ends where the article ends",
    "kept": "no page loses its body",
    "clean": "no navigation or widget text in the body",
    "no_text": "pages without article text said to be so",
}


def norm(text: str | None) -> str:
    """The labels' normal form: no whitespace, zero-width characters or `|`."""
    return _STRIP.sub("", text or "")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Label:
    name: str
    file: str
    status: str
    title_sha1: str | None
    published: str | None
    publisher: str | None
    body: dict | None
    note: str = ""


def load_labels(folder: Path = LABELS) -> list[Label]:
    out = []
    for path in sorted(folder.glob("*.json")):
        d = json.loads(path.read_text("utf-8"))
        out.append(Label(path.stem, d["file"], d["status"], d["title_sha1"], d["published"],
                         d["publisher"], d["body"], d.get("note", "")))
    return out


@dataclass
class Extracted:
    """What an extractor says about one page."""
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    text: str = ""
    no_text: bool = False
    publishers: tuple[str, ...] = ()   # other candidates the extractor offers (trafilatura)


def _find(text: str, digest: str) -> list[int]:
    """Positions where a 12-character window of `text` hashes to `digest`."""
    return [i for i in range(len(text) - EDGE + 1) if sha1(text[i:i + EDGE]) == digest]


def _publisher_norm(value: str | None) -> str:
    return norm(value).strip("《》“”\"'")


def score(label: Label, got: Extracted) -> dict[str, bool | None]:
    """Per field: True (right), False (wrong), None (the field does not apply to the page)."""
    out: dict[str, bool | None] = dict.fromkeys(FIELDS)
    title = norm(got.title)
    out["title"] = (sha1(title) == label.title_sha1) if label.title_sha1 else not title
    out["date"] = (got.published or None) == label.published
    candidates = [got.publisher, *got.publishers]
    if label.publisher:
        out["publisher"] = any(_publisher_norm(c) == _publisher_norm(label.publisher)
                               for c in candidates if c)
    else:
        out["publisher"] = not _publisher_norm(got.publisher)
    text = norm(got.text)
    if label.body is None:
        out["clean"] = not text
        out["no_text"] = got.no_text
        return out
    body = label.body
    out["starts"] = len(text) >= EDGE and sha1(text[:EDGE]) == body["start_sha1"]
    out["ends"] = len(text) >= EDGE and sha1(text[-EDGE:]) == body["end_sha1"]
    starts, ends = _find(text, body["start_sha1"]), _find(text, body["end_sha1"])
    a = starts[0] if starts else None
    b = next((e + EDGE for e in ends if a is None or e >= a), None)
    lead = a or 0
    trail = len(text) - b if b is not None else 0
    middle = (b - a - body["chars"]) if a is not None and b is not None else 0
    out["kept"] = a is not None and b is not None and b - a >= KEPT_SHARE * body["chars"]
    out["clean"] = lead + trail <= NOISE_SLACK and \
        middle <= max(NOISE_SLACK, MERGED_SHARE * body["chars"])
    out["no_text"] = None if not got.no_text else False
    return out


@dataclass
class Table:
    """Scores per field over a set of pages."""
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: dict[str, list[str]] = field(default_factory=lambda: {f: [] for f in FIELDS})

    def add(self, name: str, result: dict[str, bool | None]) -> None:
        for f, ok in result.items():
            if ok is None:
                continue
            self.total[f] += 1
            if ok:
                self.right[f] += 1
            else:
                self.misses[f].append(name)

    def cell(self, f: str) -> str:
        return f"{self.right[f]}/{self.total[f]}"
