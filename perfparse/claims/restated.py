"""A figure of the text restated in a table of the same document (统计公报: 猪肉产量64.76万吨，
增长10.3% in the text; 猪肉 | 64.73 | 10.3 in the products table).

The text and the row name the same thing, in the same unit, with the same growth rate as
written: one quantity stated twice, so the two must agree. A row whose name, unit or rate
differs is no restatement and yields nothing.
"""
from __future__ import annotations

from decimal import Decimal

import regex

from ..records import Document, Figure
from ..rules import relations as R
from ..statements.layout import grids
from .base import Found, Roles

# Words a quantity's name may carry in the text but not in its table row, or the reverse.
# (Scope words, 全市 and the like, go first, by relations.SCOPE_WORD.)
_NAME_NOISE = regex.compile(r"[\s#＃]|^(?:其中|全年)[:：]?|\d{4}年|[（(][^）)]*[)）]")
_MEASURE_TAIL = regex.compile(r"(?:总)?(?:产量|产值|面积|数量|总额|额|量)$")
_GROWTH_HEADER = regex.compile(r"增长|增减|增速")


def _name(words: str) -> str:
    return _MEASURE_TAIL.sub("", _NAME_NOISE.sub("", R.SCOPE_WORD.sub("", words)))


def restated_rows(found: Found, doc: Document, figures: tuple[Figure, ...], roles: Roles,
                  norm: str, prose: list[Figure]) -> None:
    cells = {f.start: f for f in figures if f.rule == "cell"}
    rows: dict[str, list[tuple[Figure, Decimal]]] = {}   # name → (amount, growth) per row
    for grid in grids(doc):
        for row in grid.rows:
            figs = [cells.get(c.start) or cells.get(c.start + 1) for c in row]
            label = next((c.text for c, f in zip(row, figs) if c.text and f is None), "")
            amount = next((f for f in figs if f is not None and f.kind != "percent"
                           and f.unit), None)
            growth = next((f for f in figs if f is not None and f.kind == "percent"
                           and _GROWTH_HEADER.search(f.metric.split("/", 1)[-1])), None)
            name = _name(label)
            if amount is not None and growth is not None and len(name) >= 2:
                rows.setdefault(name, []).append((amount, growth.value))
    if not rows:
        return
    for f, nxt in zip(prose, prose[1:]):
        if f.kind == "percent" or nxt.kind != "percent" or roles.role[nxt.id] != "rate" or \
                R.SENTENCE_BREAK.search(norm, f.end, nxt.start):
            continue
        same = [a for a, g in rows.get(_name(f.metric), ())
                if a.unit == f.unit and g == nxt.value * roles.sign.get(nxt.id, 1)]
        if len(same) == 1:
            found.add("equal", {"reported": same[0], "source": f}, note="文表",
                      basis="explicit", cue="文表同名同增速")
