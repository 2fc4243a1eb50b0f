"""A table's structure as published, read from its cell texts alone.

Which columns are keys (科目编码 split into 类|款|项, 序号) and never amounts, which name the
rows, which hold values; the sides of a two-sided table (收入项目 | 金额 | 支出项目 | 金额); each
row's place in its side's outline (一、 > 1. > (1), 类 > 款 > 项 by code, 其中 rows) and the
total rows with the block of rows each closes or opens; and a table that only continues the
one before it across a page break.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Sequence

import regex

from ..records import Cell, Document, Table
from ..rules import table_layout as R
from ..rules.partitions import COMPILED as _SHARED_PARTITIONS
from ..rules.table_units import HEADER_JOIN, NUMERIC_CELL

# A number as a value cell shows it: decimals, thousands separators, a sign or a percent.
_VALUE_NUMBER = regex.compile(r"[-+−]?\s{0,2}(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:[.．]\d+)?\s{0,2}[%％]?")
_BARE_INT = regex.compile(r"\d{1,7}")
_SPACES = regex.compile(r"\s+")
# Between a table and the one it continues only page furniture may stand: short lines with
# no sentence and no caption. Past this many characters it is another table.
MAX_CONTINUATION_GAP = 240
_SENTENCE = regex.compile(r"[。；;：:！？]|单位")
# Breakdowns known to be whole: the shared table, and the table rows' own (a 自评表's funding
# sources).
_NAMED = tuple(_SHARED_PARTITIONS) + tuple(
    (name, tuple((regex.compile(p), req) for p, req in cats)) for name, cats in R.ROW_PARTITIONS)
PARTITIONS = tuple(cats for _, cats in _NAMED)
_SIBLINGS = PARTITIONS + tuple(tuple((regex.compile(p), req) for p, req in cats)
                               for _, cats in R.ROW_SIBLINGS)
_WHOLES = {name: regex.compile(p) for name, p in R.PARTITION_WHOLE}


@dataclass(frozen=True, slots=True)
class RowPlace:
    """One row on one side: its name, code, outline style and the row it breaks down.

    `parent` and `members` are row indexes into `Table.rows`. `link` says how the parent is
    known: "code" (its code is a prefix of this one), "numbering" (一、 over 1.), "of_which"
    (a 其中 row: maybe one of several parts), "guess" (an unnumbered row under the one above).
    """
    row: int
    label: str
    name: str
    code: str = ""
    style: str = ""
    ordinal: int | None = None
    total: bool = False
    named_total: bool = False
    parent: int | None = None
    link: str = ""
    level: int = 1
    branch: int = 0      # which 其中 list of its parent a row is in (one parent may have two)


@dataclass(frozen=True, slots=True)
class TotalBlock:
    """A total row and what it adds up: the top rows of the block it opens or closes, and the
    total row before it when totals chain (本年收入合计 … 总计)."""
    row: int
    parts: tuple[int, ...]
    chained: int | None = None
    opens: bool = False
    structured: bool = False   # every part's place is shown by codes or numbering


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a table: a label column with the key columns before it and the value
    columns after it. A table with one side has name ""."""
    name: str
    label_cols: tuple[int, ...]
    key_cols: tuple[int, ...]
    value_cols: tuple[int, ...]
    rows: tuple[RowPlace, ...] = ()
    totals: tuple[TotalBlock, ...] = ()
    headers: tuple[str, ...] = ()   # the column headers of the side's section
    first: int = 0                  # the section's first data row
    stop: int = 0                   # and the row after its last

    def place(self, row: int) -> RowPlace | None:
        for p in self.rows:
            if p.row == row:
                return p
        return None

    def children(self, row: int) -> list[RowPlace]:
        return [p for p in self.rows if p.parent == row]


@dataclass(frozen=True, slots=True)
class Layout:
    """The structure of one Table (see the module docstring)."""
    header_rows: int
    headers: tuple[str, ...]
    key_cols: frozenset[int]
    sides: tuple[Side, ...]
    key_cells: frozenset[tuple[int, int]] = frozenset()   # (row, col) of every key cell
    sections: tuple[int, ...] = (0,)                        # first row of each section
    continues: int | None = None      # index of the table this one continues
    aligned_by_guess: bool = False    # narrower than the table it continues: columns guessed
    width: int = 0
    spanned_by_guess: frozenset[int] = frozenset()   # header parent read from a blank cell
    extra: dict = field(default_factory=dict, compare=False)

    def side_of(self, col: int) -> Side | None:
        for s in self.sides:
            if col in s.value_cols or col in s.label_cols or col in s.key_cols:
                return s
        return None


# --------------------------------------------------------------------------- cells

@lru_cache(maxsize=65536)
def cell_kind(text: str) -> str:
    """empty, placeholder, int (a bare integer: a code or a count), number, total, codeword,
    or text.

    >>> [cell_kind(t) for t in ("", "—", "201", "2,940.05", "合计", "类", "行政运行")]
    ['empty', 'placeholder', 'int', 'number', 'total', 'codeword', 'text']
    """
    t = text.strip()
    if not t:
        return "empty"
    if _BARE_INT.fullmatch(t):
        return "int"
    if _VALUE_NUMBER.fullmatch(t) or NUMERIC_CELL.fullmatch(t):
        return "number"
    if R.PLACEHOLDER.fullmatch(t):
        return "placeholder"
    squeezed = _SPACES.sub("", t)
    if R.TOTAL_ROW.fullmatch(squeezed):
        return "total"
    if R.CODE_COLUMN_WORDS.fullmatch(squeezed):
        return "codeword"
    return "text"


def header_rows(table: Table) -> int:
    """Leading rows that hold no value: the header (0 for a table that starts with data).

    A row holds a value when a cell other than its first is a number; a first data row whose
    numbers are all codes (201 | 06 | 01 | 行政运行 | 1,511.90) counts as data too.
    """
    for i, row in enumerate(table.rows):
        kinds = [cell_kind(c.text) for c in row]
        if any(k == "number" for k in kinds[1:]):
            return i
        if any(k == "int" for k in kinds[1:]) and any(k == "text" for k in kinds) and i > 0:
            # 46 | 50 under 编制数 | 实际在职人数: integers in a data row.
            return i
    return min(table.header_rows, len(table.rows))


def column_headers(table: Table, n_head: int, start: int = 0) -> list[str]:
    """Each column's header: the texts of the header rows joined top to bottom."""
    return _column_headers(table, n_head, start)[0]


def _column_headers(table: Table, n_head: int, start: int = 0) -> tuple[list[str], set[int]]:
    """Each column's header, and the columns whose header took a parent from the left.

    A table laid out in text (or a PDF's cells) shows a merged header cell once, in its first
    column: 合计 | (blank) over 预算数 | 决算数. A blank upper cell right of a filled one, with
    header text below it and the same parents as its left neighbour, is read as part of that
    span. Where the text stood mid-span this reading is wrong, so such columns are marked."""
    width = max((len(r) for r in table.rows), default=0)
    grid: list[list[list[str]]] = []
    for r in range(start, start + n_head):
        row = table.rows[r]
        cells = []
        for col in range(width):
            text = row[col].text if col < len(row) else ""
            cells.append([p for p in (_SPACES.sub("", x) for x in text.split(HEADER_JOIN)) if p])
        grid.append(cells)
    filled: set[int] = set()
    for r in range(len(grid) - 1):
        for col in range(1, width):
            if grid[r][col] or not grid[r][col - 1]:
                continue
            if not any(grid[k][col] for k in range(r + 1, len(grid))):
                continue
            if any(grid[k][col] != grid[k][col - 1] for k in range(r)):
                continue
            grid[r][col] = grid[r][col - 1]
            filled.add(col)
    out = []
    for col in range(width):
        parts: list[str] = []
        for r in range(len(grid)):
            for piece in grid[r][col]:
                if piece not in parts:
                    parts.append(piece)
        out.append(HEADER_JOIN.join(parts))
    return out, filled


# --------------------------------------------------------------------------- columns

def _column_types(table: Table, first: int, width: int, stop: int) -> list[str]:
    """T (names), I (bare integers only: codes or counts), N (values), E (empty)."""
    out = []
    for col in range(width):
        kinds = [cell_kind(row[col].text) for row in table.rows[first:stop] if col < len(row)]
        n_text = sum(1 for k in kinds if k == "text")
        n_num = sum(1 for k in kinds if k == "number")
        n_int = sum(1 for k in kinds if k == "int")
        if n_text and n_text >= n_num + n_int:
            out.append("T")
        elif n_num:
            out.append("N")
        elif n_int:
            out.append("I")
        else:
            out.append("E" if not any(k == "total" for k in kinds) else "T")
    return out


def _counts_rows(table: Table, first: int, col: int, stop: int) -> bool:
    """An integer column that only counts the rows (strictly increasing, 3 or more)."""
    ints = [int(row[col].text.strip()) for row in table.rows[first:stop]
            if col < len(row) and cell_kind(row[col].text) == "int"]
    return len(ints) >= 3 and all(b > a for a, b in zip(ints, ints[1:])) and \
        ints[-1] - ints[0] <= 3 * len(ints) + 10


def _looks_like_codes(table: Table, first: int, col: int, stop: int) -> bool:
    """Classification codes: 201 / 20101 / 2010101 in one column, or their parts in split
    类 | 款 | 项 columns (3 digits, then 2 with leading zeros)."""
    ints = [row[col].text.strip() for row in table.rows[first:stop]
            if col < len(row) and cell_kind(row[col].text) == "int"]
    if not ints:
        return False
    if all(len(x) in (3, 5, 7) and x[0] in "12345" for x in ints):
        return True
    return all(len(x) == 2 for x in ints) and any(x.startswith("0") for x in ints)


def _sides(table: Table, first: int, headers: list[str], width: int, stop: int) -> list[Side]:
    types = _column_types(table, first, width, stop)
    # Integer columns left of a name column are keys (codes, 序号); so are empty ones
    # between them (a merged 科目编码 header over 类 | 款 | 项).
    key = [False] * width
    for col in range(width):
        if types[col] not in ("I", "E"):
            continue
        if col > 0 and not key[col - 1] and types[col - 1] not in ("N", "E"):
            continue  # a key opens a side: it never follows a name column
        nxt = col
        while nxt < width and types[nxt] in ("I", "E"):
            nxt += 1
        if nxt < width and types[nxt] == "T" and any(types[c] == "I" for c in range(col, nxt)):
            if types[col] == "E" or R.CODE_HEADER.search(headers[col]) or \
                    _looks_like_codes(table, first, col, stop):
                key[col] = True
    for col in range(width):
        if types[col] == "I" and _counts_rows(table, first, col, stop):
            key[col] = True   # 1, 2, 3 … or a sheet's row numbers: an index, not amounts
    sides: list[Side] = []
    keys: list[int] = []
    labels: list[int] = []
    values: list[int] = []
    for col in range(width):
        if key[col] or types[col] == "T":
            if values:
                sides.append(Side("", tuple(labels), tuple(keys), tuple(values)))
                keys, labels, values = [], [], []
            if key[col]:
                if labels:
                    # A key column after a name column: the name column was a side of its own.
                    sides.append(Side("", tuple(labels), tuple(keys), ()))
                    keys, labels = [], []
                keys.append(col)
            else:
                labels.append(col)
        elif labels or keys:
            if not _BARE_INT.fullmatch(headers[col].split(HEADER_JOIN)[-1] or "x"):
                values.append(col)   # a bare number heads a sheet's helper column
    if labels or keys:
        sides.append(Side("", tuple(labels), tuple(keys), tuple(values)))
    sides = [s for s in sides if s.label_cols or s.key_cols]
    named = []
    for s in sides:
        cols = s.label_cols + s.value_cols
        name = ""
        for c in cols:
            head = headers[c].split(HEADER_JOIN)[0] if c < len(headers) else ""
            for word, side_name in R.SIDE_NAMES:
                if head.startswith(word):
                    name = side_name
                    break
            if name:
                break
        named.append(replace(s, name=name, headers=tuple(headers), first=first, stop=stop))
    return named


# --------------------------------------------------------------------------- rows

def _style(name: str) -> tuple[str, int | None]:
    for style, pattern in R.NUMBERING:
        m = pattern.match(name)
        if m:
            n = m.group("n")
            if style in ("cn", "cn_paren"):
                ordinal = _cn_ordinal(n)
            elif style == "circled":
                ordinal = R.CIRCLED.index(n) + 1
            else:
                ordinal = int(n)
            return style, ordinal
    return "", None


def _numbered_on(first: RowPlace, last: RowPlace | None, p: RowPlace) -> bool:
    """其中：(1)A ⏎ (2)B: a row numbered on from the 其中 row's own numbering (or the row before
    it in that list) is the list's next item, not a row of its own."""
    if p.ordinal is None or p.ordinal < 2 or last is None:
        return False
    style, ordinal = _style(R.OF_WHICH.sub("", first.label, count=1))
    if last.row != first.row:
        style, ordinal = (last.style, last.ordinal) if last.style == style else ("", None)
    return bool(style) and style == p.style and ordinal == p.ordinal - 1


def _cn_ordinal(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23."""
    if "十" not in s:
        return R.CN_ORDINALS.get(s, 0)
    tens, _, ones = s.partition("十")
    return (R.CN_ORDINALS.get(tens, 1) if tens else 1) * 10 + (R.CN_ORDINALS.get(ones, 0))


def _strip(label: str) -> str:
    """The name without its numbering, code, 其中 and level suffix."""
    s = label.strip()
    for _, pattern in R.NUMBERING:
        m = pattern.match(s)
        if m:
            s = s[m.end():]
            break
    m = R.CODE_IN_LABEL.match(s)
    if m:
        s = m.group("name")
    s = R.OF_WHICH.sub("", s)
    s = R.LEVEL_SUFFIX_RE.sub("", s)
    return _SPACES.sub("", s)


def _row_places(table: Table, side: Side, sides: list[Side]) -> list[RowPlace]:
    """Each row with something on this side, with its label, code and style (no parents yet)."""
    out = []
    index = sides.index(side)
    for r in range(side.first, side.stop):
        row = table.rows[r]

        def text(c: int) -> str:
            return row[c].text.strip() if c < len(row) else ""

        has_value = any(cell_kind(text(c)) in ("number", "int") for c in side.value_cols)
        label = next((text(c) for c in side.label_cols if text(c)), "")
        if len(side.label_cols) > 1:
            # The most specific name: 一般公共预算资金 | 小计 is that fund's subtotal; columns
            # of text values (年度指标值, 实际完成值) name nothing.
            names = [c for c in side.label_cols if c >= len(side.headers) or
                     not R.VALUE_TEXT_HEADER.search(side.headers[c])] or list(side.label_cols)
            label = next((text(c) for c in reversed(names) if text(c)), "")
        key_texts = [text(c) for c in side.key_cols]
        if not label:
            # 合计 written in the code column; or a name merged across from the side before
            # (当年支出小计 spanning 功能分类 and 支出用途).
            label = next((t for t in key_texts if cell_kind(t) in ("total", "text")), "")
        if not label and has_value and index > 0:
            prev = sides[index - 1]
            if not any(cell_kind(text(c)) in ("number", "int") for c in prev.value_cols):
                label = next((text(c) for c in prev.label_cols if text(c)), "")
            else:
                # A total row's one label spans every side (总分 | … | 100 | | 96.8).
                lead = next((text(c) for c in range(len(row)) if text(c)), "")
                if cell_kind(lead) == "total":
                    label = lead
        if not label and not has_value:
            continue
        code = ""
        digits = [t for t in key_texts if cell_kind(t) == "int"]
        joined = "".join(digits)
        if digits and len(joined) in (3, 5, 7) and joined[0] in "12345" and \
                all(len(d) >= 2 for d in digits):
            code = joined
        m = R.CODE_IN_LABEL.match(label)
        if not code and m:
            code = m.group("code")
        squeezed = _SPACES.sub("", label)
        name = _strip(label)
        total = R.TOTAL_ROW.fullmatch(squeezed) is not None
        named_total = not total and R.NAMED_TOTAL_ROW.search(squeezed) is not None
        style, ordinal = ("", None)
        if total or named_total:
            style = "total"
        elif code:
            style = f"code{len(code)}"
        else:
            style, ordinal = _style(label)
            if not style:
                if R.OF_WHICH.match(label):
                    style = "of_which"
                else:
                    m2 = R.LEVEL_SUFFIX_RE.search(label)
                    if m2:
                        style = "suffix_" + m2.group(1)
        out.append(RowPlace(r, label, name, code, style, ordinal, total, named_total))
    return out


def _groups(places: list[RowPlace], table_rows, side: Side) -> list[RowPlace]:
    """In a side with two name columns (一般公共预算资金 | 小计, 一般公共预算资金 | 公共财政拨款),
    a 小计 row under a group name totals that group's other rows: it becomes their parent."""
    names = [c for c in side.label_cols if c >= len(side.headers) or
             not R.VALUE_TEXT_HEADER.search(side.headers[c])]
    if len(names) < 2:
        return places
    first = names[0]

    def group(p: RowPlace) -> str:
        row = table_rows[p.row]
        return _SPACES.sub("", row[first].text) if first < len(row) else ""

    out = list(places)
    for i, p in enumerate(places):
        g = group(p)
        if not p.total or not g or p.label == g or cell_kind(g) == "total":
            continue
        out[i] = replace(p, total=False, named_total=False, style="group", name=g)
        for j in range(i + 1, len(places)):
            q = places[j]
            if group(q) != g or q.total:
                break
            out[j] = replace(out[j], parent=p.row, link="group", style=out[j].style or "member")
    return out


def _outline(places: list[RowPlace]) -> tuple[list[RowPlace], list[TotalBlock]]:
    """Parents from codes and numbering; total rows with the block each opens or closes."""
    out: list[RowPlace] = []
    totals: list[TotalBlock] = []
    stack: list[RowPlace] = []
    block: list[RowPlace] = []           # rows since the last total
    last_total: RowPlace | None = None   # the total that closed the block before
    opener: RowPlace | None = None       # a total with nothing before it opens its block
    of_which_parent: int | None = None
    of_which_first: RowPlace | None = None
    of_which_last: RowPlace | None = None   # the last row of the 其中 list being read
    last_of_which: int | None = None   # the last 其中 row of the block
    depths: dict[int, int] = {}        # row -> how many rows above it in the outline
    guessed = False
    branch = 0
    for p in places:
        if p.total or p.named_total:
            if opener is not None:
                if block:
                    totals.append(_block(opener, block, opens=True))
                opener, last_total = None, None
            elif block:
                totals.append(_block(p, block, chained=last_total))
                last_total = p
            elif last_total is not None:
                totals.append(_block(p, [], chained=last_total))
                last_total = p
            else:
                opener = p
            out.append(replace(p, level=0))
            block, stack, of_which_parent, of_which_first = [], [], None, None
            last_of_which, guessed = None, False
            continue
        parent, link = p.parent, p.link
        push = False
        if p.link == "group":
            pass
        elif p.code:
            while stack and not (stack[-1].code and p.code.startswith(stack[-1].code)
                                 and len(stack[-1].code) < len(p.code)):
                stack.pop()
            if stack:
                parent, link = stack[-1].row, "code"
            push = True
            of_which_parent = of_which_first = None
        elif p.style == "of_which" or (of_which_parent is not None and
                                       of_which_first is not None and
                                       ((not p.style and
                                         same_partition(of_which_first.name, p.name,
                                                        _name_of(out, of_which_parent))) or
                                        _numbered_on(of_which_first, of_which_last, p))):
            if p.style and p.style != "of_which":
                # (二) after 其中:(一): the list's next item, which rows of a deeper numbering
                # (1. 2.) may break down in turn.
                same = [i for i, q in enumerate(stack) if q.style == p.style]
                if same:
                    del stack[same[0]:]
                push = True
            of_which_last = p
            if p.style == "of_which":
                of_which_parent = stack[-1].row if stack else (block[-1].row if block else None)
                of_which_first = p
                branch += 1
                # After an earlier 其中 list, the row above may be one of its items, the next
                # top row, or the whole again: which row this 其中 breaks down is a guess (粮食,
                # 其中：夏粮, 秋粮, 其中：谷物 — of 粮食, not of 秋粮), unless numbering or a
                # code shows the row above is a top row (七、债务限额 其中：一般债务).
                top = stack[-1] if stack else None
                guessed = last_of_which is not None and of_which_parent is not None and \
                    not (top is not None and top.row == of_which_parent and
                         (top.code or top.ordinal is not None))
                last_of_which = p.row
            parent = of_which_parent
            link = "" if parent is None else ("guess" if guessed else "of_which")
        elif not p.style and stack and stack[-1].code:
            # A row without its code among coded rows (a 款 whose code was left out): a
            # sibling of the coded row above, by guess.
            of_which_parent = of_which_first = None
            top = stack[-1]
            parent, link = top.parent, ("guess" if top.parent is not None else "")
        else:
            if not (of_which_last is not None and p.style and p.style != of_which_last.style
                    and any(q.row == of_which_last.row for q in stack)):
                # (1. 2. under (二) of 其中:(一)…(二)…(三): the list goes on after them.)
                of_which_parent = of_which_first = of_which_last = None
            same = [i for i, q in enumerate(stack) if q.style == p.style]
            restart = p.ordinal == 1 and bool(stack) and stack[-1].style != p.style
            if same and not restart:
                del stack[same[-1]:]
            if stack:
                top = stack[-1]
                parent = top.row
                link = "numbering" if p.style and (top.style.startswith("code") or
                                                   top.ordinal is not None) else "guess"
            push = True
        q = replace(p, parent=parent, link=link, level=1 + _depth(depths, parent),
                    branch=branch if link in ("of_which", "guess") and p.parent is None else 0)
        if push:
            stack.append(q)
        depths[q.row] = q.level - 1
        out.append(q)
        block.append(q)
    if opener is not None and block:
        totals.append(_block(opener, block, opens=True))
    return out, totals


def same_partition(a: str, b: str, whole: str = "") -> bool:
    """Two row names are different categories of one breakdown known to be whole, of which
    `whole` (the row they break down) is not itself one category: a row after a 其中 row
    continues its list only then (其中：公务用车购置费, 公务用车运行维护费 under 公务用车购置及
    运行维护费, but not 公务接待费)."""
    for cats in _SIBLINGS:
        ka = next((i for i, (pat, _) in enumerate(cats) if pat.search(a)), None)
        kb = next((i for i, (pat, _) in enumerate(cats) if pat.search(b)), None)
        if ka is None or kb is None or ka == kb:
            continue
        if sum(1 for pat, _ in cats if pat.search(whole)) == 1:
            continue
        return True
    return False


def partition_of(names: Sequence[str], whole: str | None = None) -> bool:
    """The names are exactly the categories of a breakdown known to be whole (本年收入合计 +
    年初结转和结余 = 总计; 基本支出 + 项目支出 …), every required one present. With `whole`,
    that name must also name the breakdown's whole (地区生产总值 for 第一/第二/第三产业):
    rows that merely follow a row are no breakdown of it otherwise."""
    if len(names) < 2:
        return False
    for name, cats in _NAMED:
        if whole is not None and not (name in _WHOLES and _WHOLES[name].search(whole)):
            continue
        hit: set[int] = set()
        for w in names:
            k = next((i for i, (pat, _) in enumerate(cats) if pat.search(w)), None)
            if k is None or k in hit:
                break
            hit.add(k)
        else:
            if all(i in hit for i, (_, req) in enumerate(cats) if req):
                return True
    return False


def _name_of(out: list[RowPlace], row: int | None) -> str:
    return next((p.name for p in out if p.row == row), "")


def _depth(depths: dict[int, int], parent: int | None) -> int:
    return 0 if parent is None else depths.get(parent, 0) + 1


def _block(total: RowPlace, block: list[RowPlace], opens: bool = False,
           chained: RowPlace | None = None) -> TotalBlock:
    top = [p for p in block if p.parent is None]
    structured = bool(top) and chained is None and all(
        p.style.startswith("code") or p.ordinal is not None or p.style.startswith("suffix")
        or p.style == "group" for p in top)
    return TotalBlock(total.row, tuple(p.row for p in top),
                      None if chained is None else chained.row, opens, structured)


# --------------------------------------------------------------------------- tables

@dataclass(frozen=True, slots=True)
class Grid:
    """A table as published: one Table of the document, or several when a page break cut it
    (the later ones continue the first without a header of their own). `origin` gives each
    row's table; rows from a narrower continuation have their columns placed by guess."""
    tables: tuple[int, ...]
    rows: tuple[tuple[Cell, ...], ...]
    origin: tuple[int, ...]
    unit: str | None
    title: str
    start: int
    end: int
    guessed_rows: frozenset[int] = frozenset()


def _section_starts(table: Table, n_head: int) -> list[int]:
    """A form's later header rows (一级指标 | 二级指标 | … | 分值 | 得分 under a funding block)
    start a section whose columns mean other things."""
    starts = [0]
    seen_data = False
    for i in range(n_head, len(table.rows)):
        row = table.rows[i]
        if any(cell_kind(c.text) in ("number", "int") for c in row):
            seen_data = True
            continue
        filled = [c for c in row if c.text.strip()]
        if seen_data and (sum(1 for c in filled if R.SECTION_HEADER_WORD.match(
                c.text.replace(" ", ""))) >= 2
                          or (len({c.text for c in filled}) == 1 and
                              R.SECTION_TITLE.search(filled[0].text.strip()))):
            starts.append(i)
            seen_data = False
    return starts


def analyse(grid: Grid) -> Layout:
    """The layout of one grid."""
    table = Table(grid.start, grid.end, grid.rows, 1, grid.unit, grid.title)
    width = max((len(r) for r in grid.rows), default=0)
    n_head = header_rows(table)
    starts = _section_starts(table, n_head)
    done: list[Side] = []
    first_headers: list[str] = []
    spanned: set[int] = set()
    for k, start in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(grid.rows)
        sub = Table(grid.start, grid.end, grid.rows[start:stop], 1)
        heads = n_head if k == 0 else max(1, header_rows(sub))
        headers, filled = _column_headers(table, heads, start)
        if k == 0:
            first_headers = headers
            spanned = filled
        sides = _sides(table, start + heads, headers, width, stop)
        for side in sides:
            places = _row_places(table, side, sides)
            places = _groups(places, grid.rows, side)
            rows, totals = _outline(places)
            done.append(replace(side, rows=tuple(rows), totals=tuple(totals)))
    keys = frozenset(c for s in done if s.first <= n_head for c in s.key_cols)
    key_cells = frozenset((r, c) for s in done for c in s.key_cols for r in range(s.first, s.stop))
    return Layout(n_head, tuple(first_headers), keys, tuple(done), key_cells=key_cells,
                  sections=tuple(starts), aligned_by_guess=bool(grid.guessed_rows), width=width,
                  spanned_by_guess=frozenset(spanned))


def _continues(doc: Document, prev: Table, table: Table, before: Layout) -> bool:
    """Whether `table` only continues `prev` across a page break: nothing but short lines
    between them, no more columns, and a first row that reads as data under the earlier
    table's columns (its value columns empty or numbers, no header words)."""
    gap = doc.text[prev.end:table.start]
    if len(gap) > MAX_CONTINUATION_GAP or _SENTENCE.search(gap):
        return False
    width = max((len(r) for r in table.rows), default=0)
    if not table.rows or width > before.width or not before.sides:
        return False
    if repeated_header(prev, table):
        return True
    if header_rows(table) == 0:
        return True
    first = table.rows[0]
    values = {c for s in before.sides for c in s.value_cols}
    names = {c for s in before.sides for c in s.label_cols + s.key_cols}
    filled = False
    for cell in first:
        kind = cell_kind(cell.text)
        if R.HEADER_WORD.fullmatch(_SPACES.sub("", cell.text)):
            return False
        if cell.col in values and kind not in ("empty", "number", "int", "placeholder"):
            return False
        if cell.col in names and kind != "empty":
            filled = True
    return filled


def repeated_header(prev: Table, table: Table) -> int:
    """How many header rows `table` repeats from `prev` (a table printed on each page with
    its header): 0 when its first rows are not the earlier table's header."""
    n = header_rows(prev)
    if n == 0 or len(table.rows) <= n or header_rows(table) != n:
        return 0
    for a, b in zip(prev.rows[:n], table.rows[:n]):
        if [_SPACES.sub("", c.text) for c in a] != [_SPACES.sub("", c.text) for c in b]:
            return 0
    return n


def unit_before(text: str, start: int, floor: int = 0) -> str | None:
    """The unit a caption line just before a table declares (部门：XX 单位：万元收支预算总表):
    the last of the three lines before it that names one with a colon."""
    lo = max(floor, start - R.UNIT_REACH)
    found = R.UNIT_COLON.findall(text, lo, start)
    return found[-1] if found else None


# The layouts of the last documents read: every stage after the reader asks for them, and a
# document is immutable. Kept by identity, with the document itself, so a reused id() can
# never return another document's tables.
_CACHE: list[tuple[Document, list[Grid], dict[int, Layout]]] = []
CACHE_DOCUMENTS = 2


def _cached(doc: Document) -> tuple[list[Grid], dict[int, Layout]]:
    for d, gs, lays in _CACHE:
        if d is doc:
            return gs, lays
    gs, lays = _grids(doc), {}
    _CACHE.insert(0, (doc, gs, lays))
    del _CACHE[CACHE_DOCUMENTS:]
    return gs, lays


def grids(doc: Document) -> list[Grid]:
    """The document's tables as published: page-break continuations joined to their table."""
    return list(_cached(doc)[0])


def layout_of(doc: Document, grid: Grid) -> Layout:
    """The layout of one of the document's grids (computed once per document)."""
    _, lays = _cached(doc)
    lay = lays.get(grid.start)
    if lay is None:
        lay = lays[grid.start] = analyse(grid)
    return lay


def _grids(doc: Document) -> list[Grid]:
    out: list[Grid] = []
    last: Layout | None = None
    for i, table in enumerate(doc.tables):
        if out and last is not None and _continues(doc, doc.tables[i - 1], table, last):
            g = out[-1]
            width = max((len(r) for r in g.rows), default=0)
            narrow = max((len(r) for r in table.rows), default=0) < width
            rows = table.rows[repeated_header(doc.tables[g.tables[0]], table):]
            first = len(g.rows)
            guessed = g.guessed_rows | (frozenset(range(first, first + len(rows)))
                                        if narrow else frozenset())
            out[-1] = Grid(g.tables + (i,), g.rows + rows, g.origin + (i,) * len(rows),
                           g.unit, g.title, g.start, table.end, guessed)
        else:
            unit = table.unit or unit_before(doc.text, table.start,
                                             doc.tables[i - 1].end if i else 0)
            out.append(Grid((i,), table.rows, (i,) * len(table.rows), unit, table.title,
                            table.start, table.end))
            last = analyse(out[-1])
    return out


def key_cells(doc: Document) -> set[int]:
    """Start offsets of the cells that hold keys (科目编码, 序号): never amounts."""
    out: set[int] = set()
    for grid in grids(doc):
        for r, c in layout_of(doc, grid).key_cells:
            if c < len(grid.rows[r]) and grid.rows[r][c].text:
                out.add(grid.rows[r][c].start)
    return out
