"""Tables laid out in plain text, read as tables: the 绩效自评表 as pages and .docx exports
carry it — one cell per line, cells between pipes, or every cell of the form run into one line
with single spaces — rebuilt into its funding block and its indicator block.

The form's own words (rules/selfeval.py) give the columns; the cells are read in order, each
row its label and then as many values as the header has columns. Every cell keeps its span in
the text, so the figures read from these tables point into the document as written.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

import regex

from ..records import Cell, Table
from ..rules import selfeval as R

_LINE = regex.compile(r"[^\n]*")
_PIPE = regex.compile(r"\|")
_WORD = regex.compile(r"\S+")
# A value of a form's cell: a number, a rate, a target with its comparator and unit, a dash.
_VALUE = regex.compile(
    r"(?:[≥≤＞＜>=<＝]{1,2}\s?)?-?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?\s?(?:%|％|\p{Han}{1,4})?"
    r"|[—–\-/／－]{1,2}|[≥≤＞＜>=<＝]")
_NUMBER = regex.compile(r"-?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?")
_SENTENCE = regex.compile(r"[，。；,;：:]")
_EMPTY_MARK = regex.compile(r"^[\s\u00a0\u3000]+$")
_FUND_KEYS = regex.compile("|".join(f"(?P<{k}>{p})" for k, p in R.FUND_COLUMNS))
_IND_KEYS = regex.compile("|".join(f"(?P<{k}>{p})" for k, p in R.IND_COLUMNS))
# A line of this length or more, with no separator in it, is prose: the form has ended.
MAX_CELL_CHARS = 120
# Lines of one-cell-per-line text a form may span before prose stops it.
MAX_FORM_LINES = 1200
# How many cells a form's header may take.
MAX_HEADER_SPAN = 40
# Short lines before a form's first header that still belong to it (its block's points).
MAX_LEAD_LINES = 12


class Piece(NamedTuple):
    """One cell of a form read in order: its span and text ("" for an empty cell), and the
    row it stands in when the layout shows rows (cells between pipes), else -1."""
    start: int
    end: int
    text: str
    row: int = -1


def cell_stream(text: str, start: int, end: int) -> list[Piece]:
    """The cells of a region in reading order, whatever the layout: cells between pipes
    (empty ones kept), one cell per line (a line of only spaces is an empty cell), or a
    single long line of cells separated by spaces."""
    # A line of only spaces is an empty cell of a one-cell-per-line form; an empty line is
    # only the gap between two cells.
    lines = [m for m in _LINE.finditer(text, start, end) if m.group().strip("\r")]
    if not lines:
        return []
    piped = sum(1 for m in lines if "|" in m.group())
    out: list[Piece] = []
    if piped * 2 >= len(lines):
        # Rows only where the lines hold rows (a | b | c), not one cell each ("cell |").
        rows = sum(1 for m in lines if len([x for x in m.group().split("|") if x.strip()]) > 1)
        keep_rows = rows * 2 >= len(lines)
        for n, m in enumerate(lines):
            bounds = [m.start()] + [p.end() for p in _PIPE.finditer(text, m.start(), m.end())]
            ends = [p.start() for p in _PIPE.finditer(text, m.start(), m.end())] + [m.end()]
            cells = [_piece(text, a, b)._replace(row=n if keep_rows else -1)
                     for a, b in zip(bounds, ends)]
            if len(cells) > 1 and not cells[-1].text:
                cells.pop()   # the pipe that closes a row (or a one-cell line: "cell |", " |")
            out.extend(cells)
        return out
    for m in lines[:MAX_FORM_LINES]:
        if _EMPTY_MARK.match(m.group()):
            out.append(Piece(m.start(), m.start(), ""))
        elif len(m.group()) > MAX_CELL_CHARS and " " in m.group().strip():
            # A whole form run into one line: its cells are parted by single spaces.
            out.extend(_shift(w, m.start()) for w in _WORD.finditer(m.group()))
        else:
            out.append(_piece(text, m.start(), m.end()))
    return _join_split_labels(out, text)


def _shift(m: regex.Match, base: int) -> Piece:
    return Piece(base + m.start(), base + m.end(), m.group())


def _piece(text: str, a: int, b: int) -> Piece:
    raw = text[a:b]
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip().replace("\u00a0", "").strip()
    if not body:
        return Piece(a, a, "")
    s = a + lead
    return Piece(s, s + len(raw.strip()), raw.strip())


def _join_split_labels(cells: list[Piece], text: str) -> list[Piece]:
    """A label a line break cut (经济效益 / 指标, 年度 / 指标值) is one cell again."""
    out: list[Piece] = []
    for c in cells:
        if out and c.text in ("指标", "指标值", "完成值", "预算数", "执行数") and out[-1].text and \
                not _VALUE.fullmatch(out[-1].text) and len(out[-1].text) <= 8:
            prev = out.pop()
            out.append(Piece(prev.start, c.end, prev.text + c.text))
        else:
            out.append(c)
    return out


def _is_value(p: Piece) -> bool:
    return not p.text or _VALUE.fullmatch(p.text.strip()) is not None


class _Form:
    """The cells of one form and the tables read from them."""

    def __init__(self, text: str, cells: list[Piece]):
        self.text = text
        self.cells = cells[:R.MAX_FORM_CELLS]
        self.tables: list[Table] = []

    def _columns(self, start: int, keys: regex.Pattern,
                 stop) -> tuple[list[tuple[str, Piece]], int]:
        """Header columns from cells[start:]: the keywords of the joined header text, each
        with the span of the cells it came from; and the index of the first cell after it."""
        i = start
        limit = min(len(self.cells), start + MAX_HEADER_SPAN)
        while i < limit and not stop(self.cells[i]):
            i += 1
        header = self.cells[start:i]
        joined, where = "", []
        for c in header:
            where.append((len(joined), c))
            joined += c.text
        cols: list[tuple[str, Piece]] = []
        for m in keys.finditer(joined):
            key = m.lastgroup
            if key is None or any(k == key for k, _ in cols):
                continue
            first = next(c for pos, c in reversed(where) if pos <= m.start())
            last = next(c for pos, c in reversed(where) if pos < m.end())
            cols.append((key, Piece(first.start, last.end, m.group())))
        return cols, i

    def funding(self) -> None:
        starts = [i for i, c in enumerate(self.cells) if R.FUND_START.match(c.text)
                  and len(c.text) <= R.MAX_LABEL_CHARS]
        if not starts:
            return
        begin = starts[0]
        cols, i = self._columns(begin, _FUND_KEYS, lambda c: bool(R.FUND_TOTAL.search(c.text)))
        if i >= len(self.cells) or not any(k in ("full", "done", "initial") for k, _ in cols):
            return
        corner = self.cells[begin]
        unit = next((m.group(1) for c in self.cells[begin:i] for m in [R.FUND_UNIT.search(c.text)]
                     if m), None)
        keys = [k for k, _ in cols if k != "reason"]
        used = {(p.start, p.end) for _, p in cols}
        # The block's points (20分) and a score's formula (20分*执行率) stay with the header.
        extra = [c for c in self.cells[begin + 1:i] if (c.start, c.end) not in used and
                 (R.POINTS.search(c.text) or R.SCORE_FORMULA.search(c.text))]
        rows = [[_cell(self.text, corner)]
                + [_cell(self.text, p) for k, p in cols if k != "reason"]
                + [_cell(self.text, c) for c in extra]]
        while i < len(self.cells):
            label = self.cells[i]
            if not (R.FUND_TOTAL.search(label.text) or R.FUND_PART.search(label.text)
                    or R.FUND_NATURE.search(label.text) or R.FUND_GROUP.search(label.text)):
                break
            values = []
            j = i + 1
            while j < len(self.cells) and len(values) < len(keys) and _is_value(self.cells[j]) \
                    and not R.FUND_PART.search(self.cells[j].text) \
                    and not R.FUND_NATURE.search(self.cells[j].text):
                values.append(self.cells[j])
                j += 1
            rows.append([_cell(self.text, label)] + [_cell(self.text, v) for v in values])
            i = j
            # A reason written after the row's values (and the empty cells after it) belongs to
            # no other row.
            while i < len(self.cells) and (not self.cells[i].text or (
                    _SENTENCE.search(self.cells[i].text) and len(self.cells[i].text) > 15)):
                i += 1
        if len(rows) > 1:
            self.tables.append(_table(rows, unit))
        self.end_funding = i

    def indicators(self) -> None:
        starts = [i for i, c in enumerate(self.cells) if R.IND_START.search(c.text)]
        done = 0
        for n, begin in enumerate(starts):
            if begin < done:
                continue   # inside the block read before
            stop_at = starts[n + 1] if n + 1 < len(starts) else len(self.cells)
            cols, i = self._columns(begin, _IND_KEYS, lambda c: bool(
                R.LEVEL1.fullmatch(c.text) or (_is_value(c) and bool(c.text))))
            keys = [k for k, _ in cols]
            done = i
            if "level3" not in keys or not any(k in ("actual", "score", "weight") for k in keys):
                continue
            values = keys[keys.index("level3") + 1:]
            need = [k for k in values if k != "reason"]
            # Three name columns whatever the form lists (一级 | 三级 with no 二级), then values.
            by_key = dict(cols)
            first = self.cells[begin].start
            header = [_cell(self.text, by_key[k]) if k in by_key else _empty(first)
                      for k in ("level1", "level2", "level3")]
            header += [_cell(self.text, p) for k, p in cols if k in values]
            rows = [self._fill(header, 3 + len(values), begin)]
            # 绩效指标(90分) just before the header: the block's points, as a title row.
            before = [c for c in self.cells[max(0, begin - 12):begin] if c.text][-2:]
            lead = [c for c in before if R.POINTS.search(c.text)]
            if lead:
                rows.insert(0, [_cell(self.text, lead[-1])])
            l1: Piece | None = None
            l2: Piece | None = None
            while i < stop_at:
                c = self.cells[i]
                if R.FORM_END.search(c.text) or (R.FUND_START.match(c.text) and
                                                 len(c.text) <= R.MAX_LABEL_CHARS):
                    break
                if R.FORM_TOTAL.fullmatch(c.text):
                    rows.append(self._total_row(i, values))
                    break
                if R.LEVEL1.fullmatch(c.text) and not self._row_follows(i, need):
                    l1, l2 = c, None
                    i += 1
                    continue
                if R.LEVEL2.fullmatch(c.text) and not self._row_follows(i, need):
                    l2 = c
                    i += 1
                    continue
                if _is_value(c):
                    i += 1
                    continue
                vals = self.cells[i + 1:i + 1 + len(need)]
                # The level labels stand on the row that opens their block only (merged cells).
                row = [_cell(self.text, l1) if l1 else _empty(c.start),
                       _cell(self.text, l2) if l2 else _empty(c.start), _cell(self.text, c)]
                l1 = l2 = None
                nxt = i + 1 + len(need)
                took_reason = False
                k = 0
                for key in values:
                    if key == "reason":
                        reason = self.cells[nxt] if nxt < len(self.cells) else None
                        if reason is not None and (not reason.text or
                                                   _SENTENCE.search(reason.text)):
                            row.append(_cell(self.text, reason))
                            took_reason = True
                        else:
                            row.append(_empty(c.end))
                        continue
                    row.append(_cell(self.text, vals[k]) if k < len(vals) else _empty(c.end))
                    k += 1
                rows.append(row)
                i = nxt + (1 if took_reason else 0)
            done = i
            if len(rows) > 1:
                self.tables.append(_table(rows, None))

    def _total_row(self, i: int, values: list[str]) -> list[Cell]:
        """合计 | 100 | … : the form's total of weights (and of scores, when given)."""
        c = self.cells[i]
        if c.row >= 0:   # the rest of its row (pipes keep the empty cells before the sums)
            after = [p for p in self.cells[i + 1:i + 2 + 3 * len(values)] if p.row == c.row]
        else:
            # The row's cells up to its next label: its empty name cells kept or not.
            after = []
            for p in self.cells[i + 1:i + 3 + len(values)]:
                if p.text and not _is_value(p):
                    break
                after.append(p)
        nums = [p for p in after if p.text and _NUMBER.fullmatch(p.text)]
        row = [_cell(self.text, c), _empty(c.end), _empty(c.end)] + \
            [_empty(c.end) for _ in values]
        for key, p in zip([k for k in ("weight", "score") if k in values], nums):
            row[3 + values.index(key)] = _cell(self.text, p)
        return row

    def _fill(self, header: list[Cell], width: int, begin: int) -> list[Cell]:
        row = list(header)
        while len(row) < width:
            row.append(_empty(self.cells[begin].start))
        return row

    def _row_follows(self, i: int, need: list[str]) -> bool:
        """Whether cells[i], named like a level (…指标), is an indicator after all: its values
        follow it straight away."""
        nxt = self.cells[i + 1] if i + 1 < len(self.cells) else None
        return nxt is not None and bool(nxt.text) and _is_value(nxt)


def _cell(text: str, p: Piece) -> Cell:
    """A table cell for a piece. Its text is its span's, as written (a label a line break
    cut keeps the break): `doc.text[cell.start:cell.end] == cell.text` always holds."""
    return Cell(0, 0, p.start, p.end, text[p.start:p.end])


def _empty(at: int) -> Cell:
    return Cell(0, 0, at, at, "")


def _table(rows: list[list[Cell]], unit: str | None) -> Table:
    width = max(len(r) for r in rows)
    out = []
    for r, row in enumerate(rows):
        row = row + [Cell(0, 0, row[-1].end, row[-1].end, "")] * (width - len(row))
        out.append(tuple(Cell(r, c, x.start, x.end, x.text) for c, x in enumerate(row)))
    starts = [c.start for row in out for c in row if c.text]
    ends = [c.end for row in out for c in row if c.text]
    return Table(min(starts), max(ends), tuple(out), 1, unit, "")


def selfeval_tables(text: str) -> list[Table]:
    """The 绩效自评表 forms of a plain text, each as a funding table and an indicator table."""
    out: list[Table] = []
    for a, b in _regions(text):
        form = _Form(text, cell_stream(text, a, b))
        form.funding()
        form.indicators()
        out.extend(form.tables)
    return out


def _regions(text: str) -> list[tuple[int, int]]:
    """Stretches of text that hold a form: from its funding or indicator header to the
    form's end (评价结论, signatures) or prose."""
    starts = sorted({m.start() for m in R.FUND_START.finditer(text)} |
                    {m.start() for m in R.IND_START.finditer(text)})
    out: list[tuple[int, int]] = []
    for s in starts:
        if out and s < out[-1][1]:
            continue
        line_start = text.rfind("\n", 0, s) + 1
        # Take in the short lines just before (绩效指标(90分) over the indicator header).
        for _ in range(MAX_LEAD_LINES):
            prev = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            line = text[prev:line_start].strip().strip("|").strip()
            if line_start == 0 or len(line) > R.MAX_LABEL_CHARS or \
                    (out and prev < out[-1][1]):
                break
            line_start = prev
        end = _form_end(text, s)
        out.append((line_start, end))
    return out


def _form_end(text: str, start: int) -> int:
    pos, n = start, 0
    for m in _LINE.finditer(text, start):
        line = m.group().strip().strip("|").strip()
        n += 1
        if n > MAX_FORM_LINES:
            return m.start()
        if R.FORM_END.search(line) and n > 1:
            return m.end()
        if len(line) > MAX_CELL_CHARS and "|" not in m.group() and line.count(" ") < 8 \
                and n > 1:
            return m.start()
        pos = m.end()
    return pos


def merge(selfeval: Sequence[Table], others: Sequence[Table]) -> tuple[Table, ...]:
    """The self-evaluation tables, and the other text tables that do not overlap them."""
    kept = [t for t in others
            if not any(t.start < s.end and s.start < t.end for s in selfeval)]
    return tuple(sorted(list(selfeval) + kept, key=lambda t: t.start))


# --------------------------------------------------------------------------- cell per line

# A line that is one cell of a flattened table: short, no sentence in it.
_CELL_TEXT = regex.compile(r"[^。，,；;！？|]{1,28}")
_ROW_VALUE = regex.compile(
    r"-?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?\s?%?|[—–\-/／－]{1,2}")
# How many header cells a flattened table may have.
MAX_HEADER_CELLS = 8


def cell_line_tables(text: str) -> list[Table]:
    """Tables flattened one cell per line, the cells parted by blank lines or by lines of a
    lone "|" (as pages and exports carry statistics tables): a header of two or more labels,
    then rows of a label and one value per remaining header cell."""
    out: list[Table] = []
    run: list[Piece] = []
    for m in list(_LINE.finditer(text)) + [None]:
        line = "" if m is None else m.group().strip().rstrip("|").strip()
        if m is not None and not line:
            continue   # a gap between two cells
        if m is not None and _CELL_TEXT.fullmatch(line):
            lead = len(m.group()) - len(m.group().lstrip())
            run.append(Piece(m.start() + lead, m.start() + lead + len(line), line))
            continue
        out.extend(_runs_to_tables(text, run))
        run = []
    return out


def _runs_to_tables(text: str, run: list[Piece]) -> list[Table]:
    out = []
    i = 0
    while i < len(run):
        j = i
        while j < len(run) and not _ROW_VALUE.fullmatch(run[j].text):
            j += 1
        # run[i:j] are labels; the header is their tail, one label per column. The first row's
        # label sits just above its numbers; count the numbers to know the columns.
        k = j
        while k < len(run) and _ROW_VALUE.fullmatch(run[k].text):
            k += 1
        width = k - j + 1     # label + values of the first row
        if j - i < width + 1 or width < 2 or width > MAX_HEADER_CELLS or k == j:
            i = max(k, i + 1)
            continue
        header = run[j - 1 - width:j - 1]
        rows = [header]
        p = j - 1
        while p + width <= len(run) and not _ROW_VALUE.fullmatch(run[p].text) and \
                all(_ROW_VALUE.fullmatch(c.text) for c in run[p + 1:p + width]):
            rows.append(run[p:p + width])
            p += width
        if len(rows) >= 3:
            out.append(_table([[_cell(text, c) for c in row] for row in rows], None))
        i = max(p, i + 1)
    return out
