"""The standard tables of 部门决算, 部门预算 and 绩效自评表, recognised by their title (and the
place of the title: just before the table, never in a contents list) and typed: rows keyed by
科目编码 and name with their level and side, columns by header, the table's unit.

A title with no table after it (a heading kept with 本表无数据 under it) is a table stated
empty; `recognise` returns those too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import regex

from ..records import Document, Figure, TypedRow, TypedTable
from ..rules import statements as S
from ..rules.table_units import HEADER_JOIN
from .layout import Grid, Layout, RowPlace, Side, grids, layout_of

_KINDS = tuple((key, kset, name, regex.compile(pattern)) for key, kset, name, pattern in S.KINDS)
KIND_NAME = {key: name for key, _, name, _ in S.KINDS}
KIND_SET = {key: kset for key, kset, _, _ in S.KINDS}
_LINE = regex.compile(r"[^\n]+")


@dataclass(frozen=True)
class Recognised:
    """A standard table found in a document: its kind, title, and grid (None for a heading
    without a table), with the grid's layout and its cells' figures."""
    kind: str
    title: str
    start: int
    end: int
    grid: Grid | None
    layout: Layout | None
    figures: tuple[tuple[Figure | None, ...], ...]
    stated_empty: bool


def match_title(text: str) -> tuple[str, int, int, str] | None:
    """The standard table a piece of text names last: (kind, start, end, title) in the
    squeezed text, the longest title where several end at the same place.

    >>> match_title("一般公共预算财政拨款支出决算表")[0], match_title("“三公”经费支出预算表")[0]
    ('F5', 'B9')
    """
    if "表" not in text:
        return None   # every title ends with 表: most lines are let through at once
    squeezed = S.TITLE_NOISE.sub("", text)
    best = None
    for key, _, _, pattern in _KINDS:
        for m in pattern.finditer(squeezed):
            cand = (m.end(), -m.start(), key, m.group())
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best is None:
        return None
    return best[2], -best[1], best[0], best[3]


def _toc_lines(text: str) -> set[int]:
    """Start offsets of the lines of a contents list: three or more short title lines in a
    row. A title there promises a table; it is not one."""
    out: set[int] = set()
    run: list[int] = []
    for m in list(_LINE.finditer(text)) + [None]:
        line = m.group().strip() if m is not None else ""
        if m is not None and len(line) <= S.TOC_LINE_MAX and match_title(line):
            run.append(m.start())
            continue
        if len(run) >= S.TOC_MIN_LINES:
            out.update(run)
        run = []
    return out


def contents(doc: Document) -> list[str]:
    """The standard tables a document's contents list promises, in order (kinds)."""
    toc = _toc_lines(doc.text)
    kinds = []
    for start in sorted(toc):
        end = doc.text.find("\n", start)
        hit = match_title(doc.text[start:end if end >= 0 else len(doc.text)])
        if hit and hit[0] not in kinds:
            kinds.append(hit[0])
    return kinds


def recognise(doc: Document, figures: Sequence[Figure]) -> list[Recognised]:
    """The standard tables of a document, in order: each grid whose title (in the text just
    before it, or its own title rows) names one, and each such title with no table after it."""
    cells = {f.start: f for f in figures if f.rule == "cell"}
    toc = _toc_lines(doc.text)
    out: list[Recognised] = []
    prev_end = 0
    used_titles: set[int] = set()
    all_grids = grids(doc)
    for gi, grid in enumerate(all_grids):
        nxt = all_grids[gi + 1].start if gi + 1 < len(all_grids) else len(doc.text)
        lo = max(prev_end, grid.start - S.TITLE_REACH)
        gap = doc.text[lo:grid.start]
        kind, title, t_start = None, "", grid.start
        # Headings between the previous table and this one that name a standard table with
        # no table of its own (本表无数据): all but the last title line in the gap.
        lines = [m for m in _LINE.finditer(doc.text, lo, grid.start)
                 if m.start() not in toc and match_title(m.group())]
        for m in lines[:-1]:
            out.append(_heading(doc, m, grid.start))
            used_titles.add(m.start())
        hit = match_title(gap) if gap.strip() else None
        if hit is None and grid.title:
            hit = match_title(grid.title)
        if hit is not None:
            kind, title = hit[0], hit[3]
            if lines:
                t_start = lines[-1].start()
                used_titles.add(lines[-1].start())
        prev_end = grid.end
        if kind is None:
            continue
        lay = layout_of(doc, grid)
        figs = tuple(tuple(cells.get(c.start) or cells.get(c.start + 1) for c in row)
                     for row in grid.rows)
        stated = _stated_empty(doc, grid.end, nxt)
        out.append(Recognised(kind, title, t_start, grid.end, grid, lay, figs, stated))
    # Headings after the last table (or in a document without tables).
    for m in _LINE.finditer(doc.text, prev_end):
        if m.start() in toc or m.start() in used_titles:
            continue
        line = m.group().strip()
        if len(line) <= S.TOC_LINE_MAX and match_title(line) and not _is_sentence(line):
            out.append(_heading(doc, m, len(doc.text)))
    out.sort(key=lambda r: r.start)
    return out


def _is_sentence(line: str) -> bool:
    return any(ch in line for ch in "。；，")


def _stated_empty(doc: Document, start: int, limit: int) -> bool:
    """A note after a table (or its heading), before anything else, says it has no data."""
    after = doc.text[start:min(limit, start + S.NOTE_REACH)]
    for m in _LINE.finditer(after):
        line = m.group().strip()
        if match_title(line) and not S.EMPTY_NOTE.search(line):
            return False   # the next table's title: the note, if any, is that one's
        if S.EMPTY_NOTE.search(line):
            return True
    return False


def _heading(doc: Document, m, limit: int) -> Recognised:
    hit = match_title(m.group())
    assert hit is not None
    return Recognised(hit[0], hit[3], m.start(), m.end(), None, None, (),
                      _stated_empty(doc, m.end(), limit))


def typed(found: Sequence[Recognised]) -> tuple[TypedTable, ...]:
    """Each recognised table as a TypedTable (rows by code and name, columns by header)."""
    out = []
    for i, rec in enumerate(found, 1):
        rows: list[TypedRow] = []
        columns: list[str] = []
        if rec.layout is not None:
            sides = list(rec.layout.sides) or [_values_only(rec.layout, rec.grid)]
            for side in sides:
                for col in side.value_cols:
                    name = side.headers[col] if col < len(side.headers) else ""
                    if name and name not in columns:
                        columns.append(name)
                for p in side.rows:
                    cells = []
                    for col in side.value_cols:
                        f = rec.figures[p.row][col] if col < len(rec.figures[p.row]) else None
                        if f is not None:
                            cells.append((side.headers[col] if col < len(side.headers)
                                          else str(col), f.id))
                    rows.append(TypedRow(p.code, p.name, p.level, side.name, p.total or
                                         p.named_total, tuple(cells)))
        # A table of zeros (0.00 in every cell of the 三公 table) holds nothing either.
        empty = not any(f is not None and f.value != 0 for row in rec.figures for f in row)
        unit = rec.grid.unit if rec.grid is not None else None
        out.append(TypedTable(f"s{i}", rec.kind, KIND_NAME[rec.kind], rec.title, rec.start,
                              rec.end, unit, tuple(columns), tuple(rows), empty,
                              empty and rec.stated_empty))
    return tuple(out)


def _values_only(lay: Layout, grid: Grid) -> Side:
    """A table of values with no name column (the 三公 table's one row): each data row
    unnamed, every column a value."""
    places = tuple(RowPlace(r, "", "") for r in range(lay.header_rows, len(grid.rows)))
    return Side("", (), (), tuple(range(lay.width)), places, (), lay.headers,
                lay.header_rows, len(grid.rows))


def column_name(header: str) -> str:
    """The last level of a joined header: 本年支出/基本支出 → 基本支出."""
    return header.split(HEADER_JOIN)[-1] if header else ""
