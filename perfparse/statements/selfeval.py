"""The 绩效自评表 read as typed tables, from any reader: its funding block (年度资金总额 and its
sources by column: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分) and its indicator block
(一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分), with the points each block's label
carries (产出指标(50分)).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Sequence

import regex

from ..records import Cell, Document, Figure
from ..rules import selfeval as R
from .layout import Grid, grids, layout_of

_FUND_KEYS = tuple((k, regex.compile(p)) for k, p in R.FUND_COLUMNS)
_IND_KEYS = tuple((k, regex.compile(p)) for k, p in R.IND_COLUMNS)


@dataclass
class FundBlock:
    """The funding rows of a form: columns by key, the total row and its source rows."""
    grid: int
    cols: dict[str, int]
    total: int | None
    parts: list[int]
    header: int
    points: Figure | None = None      # 预算执行情况(10分): the block's points, when no column
    formula: Figure | None = None     # 得分(20分*执行率): the points the score multiplies
    nature: list[int] = field(default_factory=list)   # 基本支出, 项目支出: another breakdown


@dataclass
class IndicatorRow:
    row: int
    level1: str
    level2: str
    name: str


@dataclass
class IndicatorBlock:
    """The indicator rows of a form, with the points of its block labels."""
    grid: int
    cols: dict[str, int]
    header: int
    rows: list[IndicatorRow] = field(default_factory=list)
    total: int | None = None
    points: Figure | None = None                           # 绩效指标(90分)
    level_points: list[tuple[Figure, list[int]]] = field(default_factory=list)


@dataclass
class Form:
    """One self-evaluation form in one grid."""
    grid: Grid
    index: int
    funds: list[FundBlock] = field(default_factory=list)
    indicators: list[IndicatorBlock] = field(default_factory=list)


class FigureIndex:
    """Figures by where they stand: the one in a cell, the one in a label's (50分)."""

    def __init__(self, figures: Sequence[Figure]):
        self.figures = sorted(figures, key=lambda f: f.start)
        self.starts = [f.start for f in self.figures]

    def within(self, start: int, end: int) -> list[Figure]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.figures) and self.figures[i].start < end:
            if self.figures[i].end <= end:
                out.append(self.figures[i])
            i += 1
        return out

    def cell(self, cell: Cell | None) -> Figure | None:
        if cell is None or cell.end <= cell.start:
            return None
        found = self.within(cell.start, cell.end)
        return found[0] if len(found) == 1 else None

    def points(self, cell: Cell | None) -> Figure | None:
        """The figure of the (N分) a label carries."""
        if cell is None:
            return None
        m = R.POINTS.search(cell.text)
        if m is None:
            return None
        return next((f for f in self.within(cell.start, cell.end) if f.kind == "score"
                     and f.text.startswith(m.group(1))), None)


def _keys(row: Sequence[Cell], keys) -> dict[str, int]:
    out: dict[str, int] = {}
    for c, cell in enumerate(row):
        text = "".join(cell.text.split())
        for key, pattern in keys:
            if key not in out and pattern.search(text):
                out[key] = c
                break
    return out


def read_forms(doc: Document, figures: Sequence[Figure]) -> list[Form]:
    """Every self-evaluation form of a document, in its grids."""
    index = FigureIndex(figures)
    out = []
    for grid in grids(doc):
        lay = layout_of(doc, grid)
        form = Form(grid, grid.tables[0])
        bounds = list(lay.sections) + [len(grid.rows)]
        for k, start in enumerate(lay.sections):
            stop = bounds[k + 1]
            _section(form, grid, start, stop, index)
        if form.funds or form.indicators:
            out.append(form)
    return out


def _section(form: Form, grid: Grid, start: int, stop: int, index: FigureIndex) -> None:
    """The funding or indicator block a section of a grid holds, found by its header row."""
    for h in range(start, min(stop, start + 3)):
        row = grid.rows[h]
        fund = _keys(row, _FUND_KEYS)
        ind = _keys(row, _IND_KEYS)
        if "level3" in ind and any(k in ind for k in ("weight", "score", "actual")):
            form.indicators.append(_indicators(form, grid, h, stop, ind, index))
            return
        amounts = [k for k in ("initial", "full", "done") if k in fund]
        if amounts and len(fund) >= 2:
            block = _funding(form, grid, h, stop, fund, index)
            if block is not None:
                form.funds.append(block)
            return


def _label(row: Sequence[Cell]) -> Cell | None:
    return next((c for c in row if c.text.strip()), None)


def _funding(form: Form, grid: Grid, h: int, stop: int, cols: dict[str, int],
             index: FigureIndex) -> FundBlock | None:
    total, parts, nature = None, [], []
    first_value = min(cols.values())
    for r in range(h + 1, stop):
        # The row's name: in any cell before the values (项目资金 | 年度资金总额 | 80.00 …).
        names = ["".join(c.text.split()) for c in grid.rows[r][:first_value] if c.text.strip()]
        if total is None and any(R.FUND_TOTAL.search(t) for t in names):
            total = r
        elif total is not None and any(R.FUND_NATURE.search(t) for t in names):
            nature.append(r)
        elif total is not None and any(R.FUND_PART.search(t) for t in names):
            parts.append(r)
        elif total is not None and names and all(R.FUND_GROUP.search(t) for t in names):
            continue
        elif total is not None and names:
            break
    if total is None:
        return None
    header = grid.rows[h]
    points = next((index.points(c) for c in header if index.points(c) is not None), None)
    formula = None
    for c in header:
        m = R.SCORE_FORMULA.search(c.text)
        if m and m.group(1):
            formula = next((f for f in index.within(c.start, c.end) if f.kind == "score"), None)
    return FundBlock(form.index, cols, total, parts, h, points, formula, nature)


def _indicators(form: Form, grid: Grid, h: int, stop: int, cols: dict[str, int],
                index: FigureIndex) -> IndicatorBlock:
    block = IndicatorBlock(form.index, cols, h)
    header = grid.rows[h]
    # 绩效指标(90分) in the header's corner cell, or in the row just above it.
    for cell in list(header[:1]) + ([c for c in grid.rows[h - 1]] if h > 0 else []):
        f = index.points(cell)
        if f is not None:
            block.points = f
            break
    l1_col, l2_col, l3_col = cols.get("level1"), cols.get("level2"), cols.get("level3")
    current: dict[str, tuple[Figure | None, list[int]]] = {}
    level1 = level2 = ""
    for r in range(h + 1, stop):
        row = grid.rows[r]
        label = _label(row)
        if label is not None and R.FORM_TOTAL.fullmatch(label.text.replace(" ", "")):
            block.total = r
            break

        def text(col: int | None) -> str:
            return row[col].text.strip() if col is not None and col < len(row) else ""

        # A label merged down over its rows is repeated in each by a reader that fills
        # merged cells (Word, sheets): the same label on the next row continues its block.
        if text(l1_col) and text(l1_col) != level1:
            level1 = text(l1_col)
            level2 = ""
            pts = index.points(row[l1_col])
            current["l1"] = (pts, [])
            if pts is not None:
                block.level_points.append(current["l1"])
            current.pop("l2", None)
        if text(l2_col) and text(l2_col) != level2:
            level2 = text(l2_col)
            pts = index.points(row[l2_col])
            current["l2"] = (pts, [])
            if pts is not None:
                block.level_points.append(current["l2"])
        name = text(l3_col)
        if not name:
            continue
        block.rows.append(IndicatorRow(r, level1, level2, name))
        for _, rows in current.values():
            rows.append(r)
    return block


def form_grids(forms: Sequence[Form]) -> frozenset[int]:
    """The grids (by their first table) that hold a form: their sums are the form's."""
    return frozenset(f.index for f in forms)
