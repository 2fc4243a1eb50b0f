"""Rejoin hard-wrapped lines: the one step PDF, DOCX and text input share.

A PDF page, a .docx exported from one, or a PDF's text saved as .txt breaks every sentence
where the printed line ended. The relation finder reads a line break as the end of a clause,
so a wrapped "2946.25万⏎元", "增⏎长" or 其中 list loses its figure or its claim. `rejoin`
turns such lines back into paragraphs and undoes the letter spacing of justified lines.

A line joins the next when it does not end a sentence, a heading or a table row, and the
next line does not open a heading or a list item, and either the line is "full" (as wide as
the block's usual line, so the typesetter broke it) or the break cuts a figure or a word
that cannot be cut (a number from its unit, a line starting with a comma, 增⏎长).
"""
from __future__ import annotations

import bisect
from typing import Hashable, Sequence

import regex

from ..rules import unwrap as rules

# Characters that take two columns when printed: CJK ideographs and punctuation, full-width
# forms, curly quotes, circled numbers. Everything else (digits, Latin, ASCII punctuation)
# takes one. Counting with a regex keeps this in C.
_WIDE = regex.compile(r"[\u1100-\u115f\u2014-\u2016\u2018-\u201f\u2026\u2030-\u203b\u2460-\u24ff"
                      r"\u2500-\u27bf\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                      r"\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f"
                      r"\uff00-\uff60\uffe0-\uffe6]")
_WIDE_CHAR = regex.compile(_WIDE.pattern)
_ASCII_CJK_MARK = regex.compile(r"(?<=[\u3400-\u9fff%])[,;:!?]|[,;:!?](?=[\u3400-\u9fff])")

_MARKER = regex.compile(r"\s{0,4}(?:" + "|".join(rules.LIST_MARKERS) + ")")
_LEADERS = regex.compile(rules.LEADERS)
_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?"
_UNIT_AFTER = regex.compile("|".join(map(regex.escape, rules.UNIT_AFTER_NUMBER)))
# A number standing alone: after a space (or at the start), before a space or the end.
_STANDALONE = regex.compile(rf"(?:(?<=\s)|^){_NUMBER}(?=\s|$)")
_DATE = regex.compile(r"\d{4}|\d{1,2}")   # a year before 年, a month or day before 月/日
_BARE = regex.compile(rf"\s*(?:{_NUMBER})\s*")
_TABLE_SEPARATORS = regex.compile(r"\t|\s\|\s|\S\s{3,}\S|\u3000{2,}")
_ENDS_DIGIT = regex.compile(r"\d[ ]?$")
_CUT_NUMBER = regex.compile(r"(?:\d[.]|\d{1,3},)$")
_UNIT_START = regex.compile("|".join(map(regex.escape, rules.UNIT_STARTS)))
_MAG_END = regex.compile(r"\d[ ]?(?:" + "|".join(rules.MAGNITUDE_ENDS) + ")$")
_MAG_TAIL = regex.compile("|".join(map(regex.escape, rules.MAGNITUDE_TAILS)))
# Clause punctuation of prose (a comma between digits is a thousands separator).
_CLAUSE_MARK = regex.compile("[" + regex.escape(rules.CLAUSE_MARKS.replace(",", ""))
                             + r"]|,(?!\d{3})")
# Digits of any script count as digits (a text may write them in another): \d, isdecimal.
_MID_WORD = regex.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z\d]")
_IDEOGRAPH = regex.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPLIT_FIRST = frozenset(w[0] for w in rules.SPLIT_WORDS)
_SPLIT_PAIRS = frozenset(rules.SPLIT_WORDS)
_ALNUM = regex.compile(r"[A-Za-z\d]")
# What a line cannot be broken inside: a run of digits and Latin letters with the marks
# that stick to them, or one CJK character with the punctuation that must follow it.
_LEAD = regex.compile(r"[-+A-Za-z\d.,:/%％]{1,40}|.[" + regex.escape(rules.NO_LINE_START)
                      + r"]{1,3}")

# A full line is at least this share of the block's measure (a run-in heading set bold
# holds fewer characters; numbered items whose first line has no comma are common, so a
# heading cannot be told from an item by its text) ...
FULL_SHARE = 0.82
# ... or this many columns short of it (two CJK characters of first-line indent, and
# slack for digits and Latin letters whose width we only estimate).
FULL_SLACK = 6
# Lines narrower than this never set the measure: prose is not set in columns this narrow,
# and one-cell-per-line tables must not pass for wrapped text.
MIN_MEASURE = 36
# The measure is the width most lines of the block share, in bins of this many columns;
# it needs at least this many lines (a paragraph of two full lines and a short one sets it).
BIN = 4
MIN_MEASURE_LINES = 2
# A justified line stretched with spaces is a full line when, without its spaces, it still
# fills this share of the measure (a letter-spaced title is much shorter).
SPACED_SHARE = 0.6
# A line is letter-spaced when it has this many single-space gaps and this share of its
# tokens are one CJK character (with its punctuation).
SPACED_MIN_GAPS = 4
SPACED_TOKEN_SHARE = 0.5
# Evidence that text without layout (.txt, .docx paragraphs) is hard-wrapped: this many full
# lines ending mid-sentence, and this share of all lines wide enough to be prose.
WRAPPED_MIN_LINES = 5
WRAPPED_SHARE = 0.3
# ... and at most this share of them wider than the measure by WRAPPED_OVER.
WRAPPED_OVER = 1.3
WRAPPED_MAX_OVER = 0.15
# A measure wider than this (80 CJK characters) is a paragraph per line, not a printed line.
MAX_MEASURE = 160


def width(line: str) -> int:
    """Printed width in columns: two for a CJK character, one for a digit or Latin letter.

    ASCII punctuation that stands for CJK punctuation ("收入,增长") is set full width.

    >>> width("收入2946.25万元"), width("ab c"), width("收入,增长;")
    (15, 4, 12)
    """
    return len(line) + len(_WIDE.findall(line)) + len(_ASCII_CJK_MARK.findall(line))


def _is_wide(ch: str) -> bool:
    return _WIDE_CHAR.match(ch) is not None


def _is_spaced(line: str) -> bool:
    tokens = line.split(" ")
    if len(tokens) <= SPACED_MIN_GAPS:
        return False
    single = sum(1 for t in tokens if 0 < len(t) <= 2 and _is_wide(t[0]))
    return single >= SPACED_TOKEN_SHARE * len(tokens)


def collapse_spacing(line: str) -> str:
    """Undo the letter spacing of a justified line; numbers in a row keep their spaces.

    >>> collapse_spacing("财 政 业 务 费 10.00 万 元")
    '财政业务费10.00万元'
    >>> collapse_spacing("项 目 合 计 支 出 10.00 20.00")
    '项目合计支出 10.00 20.00'
    >>> collapse_spacing("本年收入合计 2946.25 万元")   # not letter-spaced: kept
    '本年收入合计 2946.25 万元'
    """
    if not _is_spaced(line):
        return line
    tokens = [t for t in line.split(" ") if t]
    out = tokens[:1]
    # glued[i]: token i was glued to the one before it.
    glued = [False]
    for i in range(1, len(tokens)):
        left, right = out[-1], tokens[i]
        lw, rw = _is_wide(left[-1]), _is_wide(right[0])
        if lw and rw:
            glue = True
        elif lw:
            # A number between CJK text and its unit is glued to both; a number followed by
            # another number is a table cell and keeps its space.
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            glue = _is_wide(right[-1]) or not nxt or _is_wide(nxt[0])
        elif rw:
            glue = _is_wide(left[0]) or glued[-1] or len(out) == 1
        else:
            glue = False
        if glue:
            out[-1] = left + right
        else:
            out.append(right)
        glued.append(glue)
    return " ".join(out)


def _ends_sentence(line: str) -> bool:
    s = line.rstrip(rules.CLOSERS_AFTER_END) or line
    return s[-1] in rules.SENTENCE_ENDS


def is_row(line: str) -> bool:
    """A table row written as text: cells split by tabs, pipes or wide gaps, or two or more
    numbers standing alone as cells.

    A number between spaces is a cell unless it is a figure of prose: followed by its unit
    ("12.5 万元", "0 辆") or a date word ("2024 年"). In a line without clause marks a unit
    character that starts a word ("2,946.25 本年支出合计") is the next cell's label.

    >>> is_row("本年收入合计 2,946.25 本年支出合计 2,940.05"), is_row("收入 12.5 万元，支出 3 万元")
    (True, False)
    >>> is_row("年初结转和结余 49.14 年末结转和结余 55.34"), is_row("截至 2024 年 12 月 31 日")
    (True, False)
    >>> is_row("产出指标,造林面积,3000亩,3200亩,15,15"), is_row("坚持稳中求进,践行新理念,真抓实干,迎难而上")
    (True, False)
    """
    if _TABLE_SEPARATORS.search(line):
        return True
    if line.count(",") >= 3 and "。" not in line and \
            any(_BARE.fullmatch(cell) for cell in line.split(",")):
        return True   # a CSV row
    prose = _CLAUSE_MARK.search(line) is not None
    cells = 0
    for m in _STANDALONE.finditer(line):
        after = line[m.end():].lstrip()
        if after and not after[0].isdecimal() and after[0] not in "-+":
            if _DATE.fullmatch(m.group()) and after[0] in rules.DATE_WORDS:
                continue
            unit = _UNIT_AFTER.match(after)
            if unit and (prose or unit.end() == len(after)
                         or not _IDEOGRAPH.match(after[unit.end()])):
                continue
        cells += 1
        if cells >= 2:
            return True
    return False


def opens_block(line: str) -> bool:
    """The line starts a heading or a list item (一、 （一） 1. (1) ① 第一条 ● ———).

    >>> opens_block("（二）支出决算情况"), opens_block("1.5%的增幅"), opens_block("第三条 职责")
    (True, False, True)
    """
    return _MARKER.match(line) is not None


def _measure(widths: list[int]) -> int | None:
    """The width most wide-enough lines share: the block's printed measure."""
    wide = sorted(w for w in widths if w >= MIN_MEASURE)
    if len(wide) < MIN_MEASURE_LINES:
        return None
    counts: dict[int, int] = {}
    for w in wide:
        counts[w // BIN] = counts.get(w // BIN, 0) + 1
    # Neighbouring bins count too: justified lines spread over a few columns.
    best = max(counts, key=lambda b: (counts[b] + counts.get(b - 1, 0) + counts.get(b + 1, 0),
                                      b))
    lines = counts[best] + counts.get(best - 1, 0) + counts.get(best + 1, 0)
    if lines < MIN_MEASURE_LINES:
        return None
    # The measure is the top of the cluster: the widest line within the bins around it.
    top = (best + 2) * BIN
    return wide[max(0, bisect.bisect_left(wide, top) - 1)]


class _Line:
    __slots__ = ("text", "width", "spaced", "row", "marker", "toc", "bare")

    def __init__(self, raw: str):
        text = raw.strip()
        self.spaced = _is_spaced(text)
        self.text = collapse_spacing(text) if self.spaced else text
        self.width = width(self.text)
        self.row = is_row(self.text)
        self.marker = opens_block(self.text)
        self.toc = _LEADERS.search(self.text) is not None
        self.bare = _BARE.fullmatch(self.text) is not None


def _full(line: _Line, measure: int | None, after: _Line, carried: int = 0) -> bool:
    """The line reaches the measure: the typesetter broke it, not the author.

    A line breaks early when the next word cannot be cut: a number or a Latin word
    ("增长⏎1426.2%"), or a character that must carry the comma after it to the next line.
    So the next line's unbreakable opening counts towards this line's width. `carried` is
    the width of the fragments of the same printed line before this one (pdfium cuts a
    printed line where a quote or a digit sits on another baseline). A line wider than the
    measure (set smaller: a note; or two printed lines pdfium ran together) counts as full.
    """
    if measure is None:
        return False
    if line.spaced:
        return line.width >= SPACED_SHARE * measure
    low = min(measure * FULL_SHARE, measure - FULL_SLACK)
    lead = _LEAD.match(after.text)
    return carried + line.width + (width(lead.group()) if lead else 0) >= low


def _forced(a: str, b: str) -> bool:
    """The break cuts something no printed line may end with: a number from its unit,
    a clause from its comma, a word of a claim."""
    if b[0] in rules.NO_LINE_START:
        return True
    if _ENDS_DIGIT.search(a) and _UNIT_START.match(b):
        return True
    if _MAG_END.search(a) and _MAG_TAIL.match(b):
        return True
    if _CUT_NUMBER.search(a) and b[0].isdecimal():
        return True
    return a[-1] in _SPLIT_FIRST and (a[-1] + b[0]) in _SPLIT_PAIRS


def _glue(a: str, b: str) -> str:
    """What goes between two joined lines: nothing, except a space between two Latin words
    or two numbers (which must stay two)."""
    if _ALNUM.match(a[-1]) and _ALNUM.match(b[0]):
        if _CUT_NUMBER.search(a) and b[0].isdecimal():
            return ""
        return " "
    return ""


def _joins(a: _Line, b: _Line, full: bool) -> bool:
    if a.row or b.row or a.toc or b.toc or _ends_sentence(a.text):
        return False
    if b.marker:
        return False
    if _forced(a.text, b.text):
        return not a.bare or not b.bare
    if not full:
        return False
    # Two numbers across the break: a cut number reads on; two figures stay apart.
    if a.text[-1].isdecimal() and b.text[0].isdecimal() and not _CUT_NUMBER.search(a.text):
        return False
    return True


def looks_hard_wrapped(lines: Sequence[str]) -> bool:
    """True when text without layout (a .txt, a .docx's paragraphs) is a PDF's printed
    lines: many lines of one width that end in the middle of a sentence.

    A file written one paragraph per line has no common width (or one past MAX_MEASURE) and
    its lines end sentences, so it is left as it is.
    """
    items = [_Line(s) for s in lines]
    items = [it for it in items if it.text]
    measure = _measure([it.width for it in items if not it.row])
    if measure is None or measure > MAX_MEASURE:
        return False
    prose = sum(1 for it in items if it.width >= MIN_MEASURE and not it.row)
    # Only a line cut inside a word counts: a paragraph per line may end a clause (；：)
    # at any width, but never in the middle of a word.
    wrapped = sum(1 for a, b in zip(items, items[1:])
                  if not a.row and not a.toc and _MID_WORD.match(a.text[-1])
                  and _full(a, measure, b))
    # Printed lines are never much wider than the measure; paragraphs written one per line
    # are, whatever width their headings share.
    over = sum(1 for it in items if it.width > WRAPPED_OVER * measure and not it.row)
    return wrapped >= WRAPPED_MIN_LINES and wrapped >= WRAPPED_SHARE * prose and \
        over <= WRAPPED_MAX_OVER * prose


def rejoin(lines: Sequence[str], groups: Sequence[Hashable] | None = None,
           keep_blank: bool = False) -> list[str]:
    """Paragraphs from hard-wrapped lines; blank lines end a paragraph (and are kept as
    empty strings with `keep_blank`).

    `groups` (one key per line) names lines that share a measure, e.g. the pages of one
    size in a PDF; by default all lines share one.

    >>> rejoin(["本年收入合计2946.25万", "元，增", "长3.5%。"])
    ['本年收入合计2946.25万元，增长3.5%。']
    >>> rejoin(["一、收入情况", "（一）财政拨款收入"])
    ['一、收入情况', '（一）财政拨款收入']
    """
    items = [_Line(s) for s in lines]
    keys = list(groups) if groups is not None else [None] * len(items)
    by_group: dict[Hashable, list[int]] = {}
    for item, key in zip(items, keys):
        if item.text and not item.row:
            by_group.setdefault(key, []).append(item.width)
    measures = {key: _measure(ws) for key, ws in by_group.items()}
    out: list[str] = []
    parts: list[str] = []
    prev: _Line | None = None
    prev_key: Hashable = None
    carried = 0
    for item, key in zip(items, keys):
        if not item.text:
            if keep_blank:
                if parts:
                    out.append("".join(parts))
                    parts = []
                out.append("")
            prev = None
            continue
        if prev is not None:
            full = _full(prev, measures.get(prev_key), item, carried)
            joined = _joins(prev, item, full)
        else:
            full = joined = False
        if joined:
            parts.append(_glue(parts[-1], item.text) + item.text)
            # A fragment that did not fill the line continues on the same printed line.
            carried = 0 if full else carried + prev.width  # type: ignore[union-attr]
        else:
            if parts:
                out.append("".join(parts))
            parts = [item.text]
            carried = 0
        prev, prev_key = item, key
    if parts:
        out.append("".join(parts))
    return out
