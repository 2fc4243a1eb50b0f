"""Claims the standard tables make, and the narrative makes about them.

- Each standard table's own identities: a total column over the columns the template gives it
  (本年支出合计 = 基本支出 + 项目支出 + …), 收入总计 = 支出总计 of a 收支总表.
- The same quantity in two tables: 本年收入合计 of the 总表 and of the 收入决算表, a 类 row of
  the 支出决算表 and the 总表's item of that name, 基本支出 = 人员经费 + 公用经费 …
- 表文一致: a figure of the 情况说明 that names a tabled quantity (本年收入合计, 财政拨款收入支出
  总计, 一般公共服务支出（类）, a 项's 支出决算, each 三公 item) equals the table's value.
- 决算数大于/小于/等于预算数: the words agree with the two figures they follow.

Every claim here is explicit: the template or the text names both sides. No arithmetic is
done here (perfparse.judge does it).
"""
from __future__ import annotations

import bisect
from typing import Iterable, Sequence

import regex

from ..figures import normalise
from ..records import Document, Figure
from ..rules import statements as S
from ..statements.layout import RowPlace, Side
from ..statements.standard import Recognised, column_name
from .base import Found, same_family

_QUANTITIES = tuple((key, regex.compile(
    f"{S.QUANTITY_BEFORE}(?:{phrase}){S.QUANTITY_FILLER.pattern}"), where)
    for key, phrase, where in S.QUANTITIES)
_SANGONG = tuple((regex.compile(f"(?:{text}).{{0,12}}$"), regex.compile(col))
                 for text, col in S.SANGONG_ITEMS)
_CLAUSE_BREAK = regex.compile(r"[，,。；;：:\n]")
_CLAUSE_BREAK_BACK = regex.compile(r"(?r)[，,。；;\n]")
_SENTENCE_BACK = regex.compile(r"(?r)[。；;\n]")


class _Table:
    """Lookups on one recognised table: its rows by side and label, cells by column name."""

    def __init__(self, rec: Recognised):
        self.rec = rec
        self.sides: list[Side] = list(rec.layout.sides) if rec.layout is not None else []

    def figure(self, side: Side, place: RowPlace, column: str | regex.Pattern | None
               ) -> Figure | None:
        """The figure in `place`'s row under the first of the side's value columns whose name
        matches `column` (the side's first value column when None)."""
        row = self.rec.figures[place.row]
        for col in side.value_cols:
            if col >= len(row):
                continue
            head = side.headers[col] if col < len(side.headers) else ""
            if column is None or _matches(column, head):
                return row[col]
        return None

    def total(self, side_name: str = "") -> tuple[Side, RowPlace] | None:
        """The table's own total row (合计 at the top or the bottom of the table)."""
        for side in self.sides:
            if side_name and side.name != side_name:
                continue
            for block in side.totals:
                place = side.place(block.row)
                if place is not None and not place.named_total:
                    return side, place
        return None

    def row(self, label: regex.Pattern, side_name: str = "") -> tuple[Side, RowPlace] | None:
        for side in self.sides:
            if side_name and side.name != side_name:
                continue
            for p in side.rows:
                if label.search(p.label.replace(" ", "")):
                    return side, p
        return None

    def classes(self) -> Iterable[tuple[Side, RowPlace]]:
        """Rows of a function class: a 3-digit 2xx code, or a numbered 支出 item of a 总表."""
        for side in self.sides:
            for p in side.rows:
                if (p.code and len(p.code) == 3 and p.code.startswith("2")) or \
                        (not p.code and p.ordinal is not None and p.style == "cn"):
                    yield side, p

    def items(self, path: tuple[str, ...]) -> tuple[Side, RowPlace] | None:
        """The row of a 类 > 款 > 项 path of names, each matched under the one before."""
        for side in self.sides:
            parent: int | None = None
            found = None
            for name in path:
                found = next((p for p in side.rows if _same_name(p.name, name) and
                              (parent is None or p.parent == parent)), None)
                if found is None:
                    break
                parent = found.row
            if found is not None:
                return side, found
        # A row whose code the reader lost (a page's cut cells) hangs under a guessed parent:
        # the 项 is still the only row of its name.
        for side in self.sides:
            rows = [p for p in side.rows if _same_name(p.name, path[-1])]
            if len(path) > 1 and len(rows) == 1 and not rows[0].code and \
                    sum(1 for s in self.sides for p in s.rows
                        if _same_name(p.name, path[-1])) == 1:
                return side, rows[0]
        return None


def _matches(column: str | regex.Pattern, header: str) -> bool:
    if isinstance(column, str):
        return column_name(header) == column or header == column
    return column.search(header) is not None


def statement_claims(found: Found, doc: Document, figures: Sequence[Figure],
                     recognised: Sequence[Recognised]) -> None:
    """Every claim of the standard tables and of the narrative about them."""
    tables: dict[str, _Table] = {}
    for rec in recognised:
        if rec.grid is not None:
            tables.setdefault(rec.kind, _Table(rec))
            _row_total_columns(found, rec)
            _two_sides(found, _Table(rec))
    _cross_tables(found, tables)
    prose = [f for f in figures if f.rule != "cell" and not _in_table(doc, f)]
    if tables:
        _narrative(found, doc, prose, tables)
    _direction_words(found, doc, prose)


def _in_table(doc: Document, f: Figure) -> bool:
    return doc.table_at(f.start) is not None


# --------------------------------------------------------------------------- one table

def _row_total_columns(found: Found, rec: Recognised) -> None:
    """In the tables whose columns the template fixes, a total column over the columns after
    it (up to a period or a rate), row by row."""
    if rec.kind not in S.ROW_TOTAL_KINDS or rec.layout is None:
        return
    for side in rec.layout.sides:
        names = [column_name(side.headers[c]) if c < len(side.headers) else ""
                 for c in side.value_cols]
        for i, col in enumerate(side.value_cols):
            if not S.ROW_TOTAL_COLUMN.fullmatch(names[i]):
                continue
            run = []
            for j in range(i + 1, len(side.value_cols)):
                if S.ROW_TOTAL_COLUMN.fullmatch(names[j]) or S.ROW_TOTAL_STOP.search(names[j]):
                    break
                run.append(side.value_cols[j])
            if len(run) < 2:
                continue
            for p in side.rows:
                row = rec.figures[p.row]
                total = row[col] if col < len(row) else None
                parts = [row[c] for c in run if c < len(row) and row[c] is not None]
                if total is None or not parts or total.kind == "percent" or \
                        not all(same_family(x, total) for x in parts):
                    continue
                guessed = rec.grid is not None and p.row in rec.grid.guessed_rows
                found.add("table_sum", {"total": total, "parts": parts}, note="table",
                          basis="inferred" if guessed else "explicit", cue="表内合计列")
            return


def _two_sides(found: Found, table: _Table) -> None:
    """收入总计 = 支出总计: the last totals of the two sides of a 收支总表."""
    if table.rec.kind not in ("F1", "F4", "B1", "B4"):
        return
    income = [s for s in table.sides if s.name == S.INCOME_SIDE]
    spending = [s for s in table.sides if s.name == S.SPENDING_SIDE]
    if not income or not spending:
        return
    a, b = _last_total(table, income[0]), _last_total(table, spending[0])
    if a is None or b is None or not same_family(a, b):
        return
    found.add("equal", {"reported": b, "source": a}, note="收支平衡", basis="explicit",
              cue="收入总计=支出总计")


def _last_total(table: _Table, side: Side) -> Figure | None:
    totals = [side.place(t.row) for t in side.totals]
    for place in reversed([p for p in totals if p is not None and not p.named_total]):
        for col in side.value_cols:
            f = table.rec.figures[place.row][col] if col < len(table.rec.figures[place.row]) \
                else None
            if f is not None:
                return f
    return None


# --------------------------------------------------------------------------- between tables

def _cell(tables: dict[str, _Table], kind: str, row: str, column: str, side: str = ""
          ) -> Figure | None:
    """A quantity's figure: table `kind`, its total row ("TOTAL") or the row whose label
    matches `row`, under the column matching `column` ("" for the first)."""
    t = tables.get(kind)
    if t is None:
        return None
    if row == "LAST":
        sides = [x for x in t.sides if not side or x.name == side]
        return _last_total(t, sides[0]) if sides else None
    hit = t.total(side) if row == "TOTAL" else t.row(regex.compile(row), side)
    if hit is None:
        return None
    col = regex.compile(column) if column else None
    return t.figure(hit[0], hit[1], col)


def _equal(found: Found, summary: Figure | None, detail: Figure | None, cue: str) -> None:
    """The same quantity in a summary table (a 总表) and a detail table: the summary's figure
    is the one judged."""
    if summary is not None and detail is not None and summary is not detail and \
            same_family(summary, detail):
        found.add("equal", {"reported": summary, "source": detail}, note="表间",
                  basis="explicit", cue=cue)


def _cross_tables(found: Found, tables: dict[str, _Table]) -> None:
    """The same quantity in two standard tables."""
    # 决算: the 总表's totals against the 收入决算表 and 支出决算表; 财政拨款 across.
    _equal(found, _cell(tables, "F1", "^本年收入合计$", "", "收入"),
           _cell(tables, "F2", "TOTAL", "本年收入合计"), "总表与收入决算表")
    _equal(found, _cell(tables, "F1", "^本年支出合计$", "", "支出"),
           _cell(tables, "F3", "TOTAL", "本年支出合计"), "总表与支出决算表")
    _equal(found, _cell(tables, "F4", "^本年收入合计$", "", "收入"),
           _cell(tables, "F2", "TOTAL", "^财政拨款收入$"), "财政拨款收入")
    _equal(found, _cell(tables, "F4", "^本年支出合计$", "一般公共预算", "支出"),
           _cell(tables, "F5", "TOTAL", "^合计$"), "一般公共预算财政拨款支出")
    basic = _cell(tables, "F5", "TOTAL", "^基本支出$")
    personnel = _cell(tables, "F6", "^人员经费合计$", "")
    public = _cell(tables, "F6", "^公用经费合计$", "")
    if basic is not None and personnel is not None and public is not None:
        found.add("table_sum", {"total": basic, "parts": [personnel, public]}, note="table",
                  basis="explicit", cue="人员经费+公用经费=基本支出")
    # The 总表's income items against the 收入决算表's columns of the same name.
    f1, f2 = tables.get("F1"), tables.get("F2")
    if f1 is not None and f2 is not None:
        total = f2.total()
        if total is not None:
            side, place = total
            for col in side.value_cols[1:]:
                name = column_name(side.headers[col]) if col < len(side.headers) else ""
                cell = f2.figure(side, place, name)
                if not name or cell is None:
                    continue
                items = [(s, p) for s in f1.sides if s.name == S.INCOME_SIDE for p in s.rows
                         if p.ordinal is not None and p.name.endswith(name)]
                figs = [f1.figure(s, p, None) for s, p in items]
                figs = [f for f in figs if f is not None]
                if len(figs) == 1:
                    _equal(found, figs[0], cell, "总表与收入决算表")
                elif len(figs) > 1:
                    found.add("table_sum", {"total": cell, "parts": figs}, note="table",
                              basis="explicit", cue="总表与收入决算表")
    # Function classes: the same class in the 总表 and in the detail tables.
    _classes(found, tables, ("F1", S.SPENDING_SIDE, None), ("F3", "", None))
    _classes(found, tables, ("F4", S.SPENDING_SIDE, regex.compile("一般公共预算")),
             ("F5", "", None))
    # 预算: the 收支总表 against the 收入总表 and 支出总表, 一般公共预算 across.
    _equal(found, _cell(tables, "B1", r"^(?:收入)?总计$|^收入合计$", "", S.INCOME_SIDE),
           _cell(tables, "B2", "TOTAL", ""), "收支总表与收入总表")
    _equal(found, _cell(tables, "B1", r"^(?:支出)?总计$|^支出合计$", "", S.SPENDING_SIDE),
           _cell(tables, "B3", "TOTAL", ""), "收支总表与支出总表")
    _equal(found, _cell(tables, "B5", "TOTAL", "^基本支出$"), _cell(tables, "B6", "TOTAL", ""),
           "一般公共预算基本支出")
    _classes(found, tables, ("B1", S.SPENDING_SIDE, None), ("B3", "", None))
    _classes(found, tables, ("B4", S.SPENDING_SIDE, regex.compile("一般公共预算")),
             ("B5", "", None))


def _classes(found: Found, tables: dict[str, _Table], left: tuple, right: tuple) -> None:
    """Each function class of table `left` against the row of the same class in `right`
    (by name; the first value column, or the one `left` names)."""
    a, b = tables.get(left[0]), tables.get(right[0])
    if a is None or b is None:
        return
    rows_b = {p.name: (s, p) for s, p in b.classes()}
    for side, place in a.classes():
        if left[1] and side.name != left[1]:
            continue
        hit = rows_b.get(place.name)
        if hit is None:
            continue
        fa = a.figure(side, place, left[2])
        fb = b.figure(hit[0], hit[1], right[2])
        _equal(found, fa, fb, "同一功能分类")   # `left` is the summary table


# --------------------------------------------------------------------------- narrative

def _lead(norm: str, f: Figure) -> str:
    """The words of the figure's clause before it."""
    m = _CLAUSE_BREAK_BACK.search(norm, max(0, f.start - 60), f.start)
    return norm[m.end() if m else max(0, f.start - 60):f.start].strip()


def _sentence(norm: str, f: Figure) -> str:
    m = _SENTENCE_BACK.search(norm, max(0, f.start - 200), f.start)
    return norm[m.end() if m else max(0, f.start - 200):f.start]


def _narrative(found: Found, doc: Document, prose: Sequence[Figure],
               tables: dict[str, _Table]) -> None:
    """Figures of the 情况说明 that name a tabled quantity, against the table."""
    norm = normalise(doc.text)
    items = _item_paragraphs(norm)
    starts = [it[0] for it in items]
    budget_doc = any(k.startswith("B") for k in tables) and \
        not any(k.startswith("F") for k in tables)
    # In a 预算 the figures are budgets: only a change (比上年…) is another quantity.
    not_level = S.NOT_A_CHANGE if budget_doc else S.NOT_A_LEVEL
    quantities = [q for q in _QUANTITIES
                  if q[0].startswith(S.BUDGET_QUANTITY) == budget_doc]
    for f in prose:
        if f.kind != "money" or f.period in ("previous",) or f.qualifier:
            continue
        lead = _lead(norm, f)
        if not lead or S.NOT_A_CHANGE.search(lead):
            continue
        sources: list[Figure] = []
        cue = ""
        k = bisect.bisect_right(starts, f.start) - 1
        in_item = k >= 0 and f.start < items[k][1]
        if in_item and S.ITEM_AMOUNT_LEAD.search(norm[items[k][3]:f.start]):
            # “…（类）…（款）…（项）”1,623.18万元: the item's own amount.
            sources, cue = _item_sources(tables, items[k][2], budget_doc), "表文一致:项"
        if not sources and not not_level.search(lead):
            # The longest name that ends the clause: 一般公共预算拨款支出预算, not 支出预算.
            hits = [(m.start(), key, where) for key, pattern, where in quantities
                    for m in [pattern.search(lead)] if m]
            if hits:
                _, key, where = min(hits, key=lambda h: h[0])
                sources = [x for x in (_cell(tables, *w) for w in where) if x is not None]
                cue = f"表文一致:{key}"
        if not sources:
            cls = S.CLASS_IN_TEXT.search(lead)
            if cls and not not_level.search(lead):
                sources, cue = _class_sources(tables, cls.group("name"), _sentence(norm, f),
                                              budget_doc), "表文一致:类"
        if not sources and in_item and S.ITEM_ACTUAL.search(lead) and \
                not S.ITEM_BUDGET.search(lead):
            sources, cue = _item_sources(tables, items[k][2], budget_doc), "表文一致:项"
        if not sources and f.period != "budget":
            sources, cue = _sangong_sources(tables, lead), "表文一致:三公"
        sources = [s for s in sources if same_family(s, f)]
        if not sources:
            continue
        found.add("equal", {"reported": f, "source": sources[0], "source_alt": sources[1:]},
                  note="表文", basis="explicit", cue=cue)


def _same_name(table_name: str, text_name: str) -> bool:
    """A row's name as the narrative writes it: 其它 for 其他, 支出 left off a class."""
    a = table_name.translate(S.NAME_VARIANTS).replace(" ", "")
    b = text_name.translate(S.NAME_VARIANTS).replace(" ", "")
    return a == b or a == b + "支出"


def _class_sources(tables: dict[str, _Table], name: str, sentence: str,
                   budget: bool = False) -> list[Figure]:
    """The amount of a function class in the detail tables: 一般公共预算's when the sentence
    speaks of 一般公共预算 (or nothing else is tabled), else every fund's."""
    if budget:
        kinds = ("B5", "B10") if "一般公共预算" in sentence else ("B3", "B5", "B10")
    else:
        kinds = ("F5",) if "一般公共预算" in sentence else ("F3", "F5")
    out = []
    for kind in kinds:
        t = tables.get(kind)
        if t is None:
            continue
        for side, place in t.classes():
            if _same_name(place.name, name):
                f = t.figure(side, place, None)
                if f is not None:
                    out.append(f)
                break
    return out


def _item_paragraphs(norm: str) -> list[tuple[int, int, tuple[str, ...], int]]:
    """Paragraphs that speak of one 项 by its (类 >) 款 > 项 names: (start, end, names, end of
    the names)."""
    out = []
    matches = list(S.ITEM_PATH.finditer(norm))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else m.end() + S.DIRECTION_REACH
        line_end = norm.find("\n", m.end())
        end = min(end, m.end() + S.DIRECTION_REACH, line_end if line_end >= 0 else len(norm))
        names = tuple(n for n in (m.group("cls"), m.group("kuan"), m.group("xiang")) if n)
        out.append((m.start(), end, names, m.end()))
    return out


def _item_sources(tables: dict[str, _Table], path: tuple[str, ...],
                  budget: bool = False) -> list[Figure]:
    """The amount of a 项 in the detail tables, found by its names (the last two at least)."""
    out = []
    for kind in (("B5", "B10", "B3") if budget else ("F5", "F3")):
        t = tables.get(kind)
        if t is None:
            continue
        hit = t.items(path) or t.items(path[-2:])
        if hit is not None:
            f = t.figure(hit[0], hit[1], None)
            if f is not None:
                out.append(f)
    return out[:1]


def _sangong_sources(tables: dict[str, _Table], lead: str) -> list[Figure]:
    """A 三公 item named in the clause, in the 三公 table's 决算数 (or 预算数) column."""
    flat = S.TITLE_NOISE.sub("", lead)
    budget = bool(S.SANGONG_BUDGET.search(flat))
    for kind in ("F7", "B9"):
        t = tables.get(kind)
        if t is None or not t.rec.figures:
            continue
        if kind == "F7" and budget:
            want = S.SANGONG_BUDGET_COLUMN
        elif kind == "F7":
            want = S.SANGONG_ACTUAL_COLUMN
        else:
            want = None
        for text, col in _SANGONG:
            if not text.search(flat):
                continue
            return _columns_matching(t, col, want)
    return []


def _columns_matching(t: _Table, col: regex.Pattern, period: regex.Pattern | None
                      ) -> list[Figure]:
    lay = t.rec.layout
    if lay is None:
        return []
    heads = [S.TITLE_NOISE.sub("", h) for h in lay.headers]
    for r in range(lay.header_rows, len(t.rec.figures)):
        row = t.rec.figures[r]
        for c, head in enumerate(heads):
            if c < len(row) and row[c] is not None and col.search(head) and \
                    (period is None or period.search(head.split("/")[-1])):
                return [row[c]]
    return []


# --------------------------------------------------------------------------- direction words

def _direction_words(found: Found, doc: Document, prose: Sequence[Figure]) -> None:
    """决算数小于预算数 (大于, 等于, 与预算数持平) against the 年初预算 and 决算 figures of the
    paragraph before the words."""
    norm = normalise(doc.text)
    starts = [f.start for f in prose]
    for m in S.DIRECTION_WORDS.finditer(norm):
        around = norm[max(0, m.start() - 4):m.end() + 4]
        if S.DIRECTION_HEDGE.search(around):
            continue
        lo = max(0, m.start() - S.DIRECTION_REACH)
        before = prose[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, m.start())]
        # The budget the words compare with: the one they name (年初/全年/调整), else the
        # last one before the 决算 figure (年初预算为A，全年预算为B，支出决算为C).
        which = (m.group("which") or m.group("which2") or "")[:2]
        budgets: list[tuple[str, Figure]] = []
        actual = None
        for f in before:
            if f.kind != "money":
                continue
            lead = _lead(norm, f)
            hit = S.ITEM_BUDGET.search(lead)
            if hit and not S.ITEM_ACTUAL.search(lead):
                if actual is not None:
                    budgets, actual = [], None
                budgets.append(((hit.group("which") or "")[:2], f))
            elif S.ITEM_ACTUAL.search(lead) and budgets:
                actual = f
        named = [f for w, f in budgets if w == which] if which else []
        budget = (named or [f for _, f in budgets])[-1] if budgets else None
        if budget is None or actual is None or not same_family(budget, actual):
            continue
        if "\n" in norm[actual.end:m.start()].strip("\n") and \
                norm.count("\n", actual.end, m.start()) > 1:
            continue
        word = m.group("word")
        if word is None:
            found.add("equal", {"reported": actual, "source": budget}, note="持平",
                      basis="explicit", cue=m.group())
        elif S.DIRECTION_OF[word] == "eq":
            found.add("equal", {"reported": actual, "source": budget}, note="等于",
                      basis="explicit", cue=m.group())
        else:
            found.add("threshold", {"value": actual, "target": budget},
                      note=S.DIRECTION_OF[word], basis="explicit", cue=m.group())
