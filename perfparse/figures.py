"""Figures: every number of the report's measures, typed, scaled and located in the text."""
from __future__ import annotations

import bisect
import functools
import unicodedata
from decimal import Context, Decimal, InvalidOperation, localcontext

import regex

from .metrics import MetricNamer
from .records import Document, Figure, Table
from .rules.selfeval import IND_ACTUAL, IND_TARGET
from .rules.figures import (APPROX_BEFORE, COMPARATOR_BEFORE, HEADER_PERIOD_CUES,
                            MORE_BETWEEN, NOT_A_MEASURE_BEFORE, NOT_AFTER, PERIOD_CUES,
                            RANGE_SEPARATORS, RATIO_LABELS, SCORE_LABELS, SCORE_UNIT_AFTER)
from .rules.units import (CHAR_MAP, CN_BIG_UNITS, CN_DIGITS, CN_SMALL_UNITS, CN_TENS,
                          MAGNITUDES, UNIT_INFO, UNIT_NOT_FOLLOWED_BY, UNITS)
from .sections import SectionIndex
from .statements.layout import grids, layout_of

# Possessive runs and a guard against starting inside a digit run keep the scan linear.
# (A PDF's text may put a space after a thousands comma: 3, 156,077.)
_NUM = r"(?<![\d.])(?>\d{1,3}(?:[,，][ ]?\d{3})++(?!\d)|\d++)(?>\.\d++)?"
_UNIT_ALT = "|".join(regex.escape(u) for u, _, _ in sorted(UNITS, key=lambda r: -len(r[0])))
_MAG_ALT = "|".join(m for m, _ in MAGNITUDES)
_MAG_SCALE = dict(MAGNITUDES)
_RANGE_ALT = "|".join(regex.escape(s) for s in RANGE_SEPARATORS)
_MORE_ALT = "|".join(MORE_BETWEEN)
# One number with its unit; a range (3至5亿元) and 多/余 (100多万元) allowed between.
_FIGURE = regex.compile(
    rf"(?P<neg>-)?(?P<num>{_NUM})"
    rf"(?:[ ]?(?:{_RANGE_ALT})[ ]?(?P<num2>{_NUM}))?"
    rf"(?P<more>{_MORE_ALT})?[ ]?(?P<mag>{_MAG_ALT})??(?P<unit>{_UNIT_ALT})")
_CN_NUM = "".join((*CN_DIGITS, *CN_SMALL_UNITS, *CN_TENS, *CN_BIG_UNITS))
# Written-out amounts, also mixed with digits (3万5千元, 1亿零500万元); a run of digits and
# 万/亿 alone (337.10万元) is left to the prose scan, which keeps its precision.
_CN_FIGURE = regex.compile(
    rf"百分之(?P<pct>[{_CN_NUM}点]{{1,40}})(?![{_CN_NUM}点])"
    rf"|(?<![{_CN_NUM}0-9.])(?P<cn>[{_CN_NUM}0-9.点]{{1,40}}?)(?P<unit>亿元|万元|元)(?![化素宵旦])")
_CN_WRITTEN = regex.compile(rf"[{''.join((*CN_DIGITS, *CN_SMALL_UNITS, *CN_TENS))}点]"
                            rf"|[{''.join(CN_BIG_UNITS)}](?=.)")
_CN_TOKEN = regex.compile(r"\d+(?:\.\d+)?|.", regex.S)
# A one-character Chinese numeral counts only after one of these (统一元 is not 1 元).
_CN_SINGLE_AFTER = "约共计为达是增减少多至到近了额金费资"
# A number left without a unit in a list whose last item carries it: 各是4125.49、4143.91万元.
_LIST_JOINERS = "、和与及或 "
_LIST_ITEM = regex.compile(rf"(?P<neg>-)?(?P<num>{_NUM})[ ]?(?:、|和|与|及|或)[ ]?$")
# 各是4125.49,4143.91万元: between two numbers with decimals a comma is no thousands separator.
_DECIMAL_COMMA_ITEM = regex.compile(r"(?<![\d.])(?P<neg>-)?(?P<num>\d++\.\d++)[,，]$")
# 三次产业结构为8.3:71.1:20.6 / 由上年的9.4∶66.8∶23.8调整为…: the parts of a structure, in %.
_STRUCTURE = regex.compile(
    r"(?:结构|构成|比例|比重)(?:比)?[^，,。；;\d]{0,12}?"
    r"(?P<ratio>\d{1,3}(?:\.\d+)?(?:[:：∶]\d{1,3}(?:\.\d+)?){1,4})(?![\d.:：∶])")
_STRUCTURE_PART = regex.compile(r"\d{1,3}(?:\.\d+)?")
_STRUCTURE_NEXT = regex.compile(
    r"\G[^，,。；;\d]{0,8}?(?:为|到|至)(?P<ratio>\d{1,3}(?:\.\d+)?(?:[:：∶]\d{1,3}(?:\.\d+)?){1,4})"
    r"(?![\d.:：∶])")
_CELL_NUMBER = regex.compile(rf"^[ ]?(?P<neg>-)?(?P<num>{_NUM})[ ]?(?P<pct>%)?$")
_CODE_HEADER = regex.compile(r"编码|代码|编号|序号|科目编码|行次|年度|年份|电话|邮编")
_UNIT_HINT = regex.compile(r"[（(](亿元|万元|千元|元|%|人|个|分)[)）]")
_SCORE_HEADER = regex.compile(r"分值|得分|权重|分数|评分")
# A column header's measure unit in brackets, with its magnitude: （万吨）, （亿千瓦时）, （公顷）.
_MEASURE_HINT = regex.compile(r"[（(](?P<mag>亿|万|千)?(?P<unit>[^（()）\d]{1,5})[)）]\s*$")
_COUNT_HEADER = regex.compile(r"人数|个数|数量|编制|户数|次数|件数|项数|\(人\)|（人）|\(个\)|（个）")
_RATE_HEADER = regex.compile(r"率|比例|占比|比重|%")
# A row label of rates: 平均利率%, 执行率(%): its cells are percents whatever the table's unit.
_RATE_ROW = regex.compile(r"率\s{0,2}[(（]?[%％][)）]?$|利率|[%％]$")
_SUSPECT = "?\ufffd"
_MAPPED = regex.compile("[" + regex.escape("".join(chr(c) for c in CHAR_MAP)) + "]")
# Decimal digits of other scripts (٣, ३, 𝟑 …): `regex`'s \d matches them, so they are made
# ASCII like full-width ones. Superscripts and ① are not decimal digits and stay as they are.
_OTHER_DIGIT = regex.compile(r"(?![0-9])\d")
# A run of more digits than this is no amount (a glued code, noise) and is not read; within
# it, value × scale is exact in this context.
MAX_FIGURE_DIGITS = 100
_FIGURE_CONTEXT = Context(prec=MAX_FIGURE_DIGITS + 20)
# All period cues in one pattern; which periods a clause names is found in one pass, and
# PERIOD_CUES' order then decides between them.
_PERIOD_ORDER = tuple(period for period, _ in PERIOD_CUES)
_ANY_PERIOD = regex.compile("|".join(
    f"(?P<{period}>" + "|".join(map(regex.escape, sorted(cues, key=len, reverse=True))) + ")"
    for period, cues in PERIOD_CUES))
_BROKEN_BEFORE = regex.compile(r"[\d.,，][ \t]*\r?\n[ \t]*$")
_NOT_A_MEASURE = regex.compile("|".join(map(regex.escape, NOT_A_MEASURE_BEFORE)))
# Comparators first, as in their table, then approximation words; longest first within each.
_QUALIFIER_OF = {**{w: "approx" for w in APPROX_BEFORE}, **dict(COMPARATOR_BEFORE)}
_QUALIFIER_BEFORE = regex.compile(
    "(" + "|".join(regex.escape(w) for w in sorted(_QUALIFIER_OF, key=len, reverse=True))
    + ")[ ]*$")


def normalise(text: str) -> str:
    """A same-length copy with full-width digits and traditional unit characters made plain.

    >>> normalise("１２３．４５萬元"), normalise("٣٠٠万元")
    ('123.45万元', '300万元')
    """
    # Most reports hold none of the mapped characters: finding that out is 10x cheaper.
    text = text.translate(CHAR_MAP) if _MAPPED.search(text) else text
    if _OTHER_DIGIT.search(text):
        text = _OTHER_DIGIT.sub(lambda m: _digit_value(m.group()), text)
    return text


@functools.lru_cache(maxsize=None)
def _digit_value(ch: str) -> str:
    """The ASCII digit for a decimal digit of any script, as `regex` knows them.

    `regex` may know digits of a newer Unicode than this Python's unicodedata; Unicode
    encodes every decimal digit in a run of ten from 0, so its place in the run is its value.
    """
    value = unicodedata.decimal(ch, None)
    if value is None:
        start = ord(ch)
        while start > 0 and _OTHER_DIGIT.match(chr(start - 1)):
            start -= 1
        value = (ord(ch) - start) % 10
    return str(value)


def cn_number(s: str) -> Decimal | None:
    """Value of a Chinese numeral, also mixed with digits; None when it is not one.

    >>> cn_number("三百二十万"), cn_number("十"), cn_number("三十点五"), cn_number("一千零五")
    (Decimal('3200000'), Decimal('10'), Decimal('30.5'), Decimal('1005'))
    >>> cn_number("一亿零五百万"), cn_number("二〇二三"), cn_number("廿五"), cn_number("3万5千")
    (Decimal('105000000'), Decimal('2023'), Decimal('25'), Decimal('35000'))
    >>> cn_number("一万五"), cn_number("1.2万"), cn_number("两千"), cn_number("十十")
    (Decimal('15000'), Decimal('12000.0'), Decimal('2000'), None)
    """
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        scale = 1
        while frac and frac[-1] in CN_BIG_UNITS:  # 一点二万: the fraction of a 万
            scale *= CN_BIG_UNITS[frac[-1]]
            frac = frac[:-1]
        w = cn_number(whole) if whole else Decimal(0)
        if w is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        return (w + Decimal("0." + "".join(str(CN_DIGITS[c]) for c in frac))) * scale
    if len(s) > 1 and all(c in CN_DIGITS for c in s):
        return Decimal("".join(str(CN_DIGITS[c]) for c in s))  # digit by digit: 二〇二三
    # high: whole 亿 groups; mid: 万 groups since the last 亿; section: below 万.
    high = mid = section = Decimal(0)
    digit: Decimal | None = None
    last_unit = 0      # the unit just applied: 一万五 means 一万五千
    below = 10 ** 5    # small units fall within a section (千 before 百 before 十)
    zero = False       # a 零 since that unit: 一千零五 is 1005, not 1500
    for tok in _CN_TOKEN.findall(s):
        if tok[0].isdigit() or tok in CN_DIGITS:
            if digit is not None:
                return None
            if tok in CN_DIGITS and CN_DIGITS[tok] == 0:
                zero = True
                continue
            digit = Decimal(tok) if tok[0].isdigit() else Decimal(CN_DIGITS[tok])
        elif tok in CN_SMALL_UNITS or tok in CN_TENS:
            unit = CN_SMALL_UNITS.get(tok, 10)
            if unit >= below or (tok in CN_TENS and digit is not None):
                return None
            section += CN_TENS[tok] if tok in CN_TENS else (1 if digit is None else digit) * unit
            digit, last_unit, below, zero = None, unit, unit, False
        elif tok in CN_BIG_UNITS:
            part = section + (digit or 0)
            if tok == "万":
                if part == 0 and mid == 0:
                    return None
                mid = (mid + part) * 10000
            else:
                if part == 0 and mid == 0 and high == 0:
                    return None
                high = (high + mid + part) * CN_BIG_UNITS[tok]
                mid = Decimal(0)
            section, digit, last_unit = Decimal(0), None, CN_BIG_UNITS[tok]
            below, zero = 10 ** 5, False
        else:
            return None
    if digit is not None:
        section += digit * last_unit / 10 if last_unit >= 10 and not zero else digit
    return high + mid + section


def _decimal(num: str) -> Decimal:
    return Decimal(num.replace(",", "").replace("，", "").replace(" ", ""))


def _decimals(num: str) -> int:
    return len(num.split(".", 1)[1]) if "." in num else 0


def _qualifier(norm: str, start: int) -> str | None:
    """A comparator or approximation word just before `start`."""
    m = _QUALIFIER_BEFORE.search(norm, max(0, start - 5), start)
    return None if m is None else _QUALIFIER_OF[m.group(1)]


_YEAR_IN_CLAUSE = regex.compile(r"((?:19|20)\d\d)年")


def _period(clause: str, year: int | None) -> str | None:
    """The period named in the clause before a figure: 上年 words, 预算 words, a year."""
    named = {m.lastgroup for m in _ANY_PERIOD.finditer(clause)}
    if year and "年" in clause:
        for m in _YEAR_IN_CLAUSE.finditer(clause):
            if int(m.group(1)) == year - 1:
                return "previous"
            if int(m.group(1)) == year and "previous" not in named:
                return "current"
    return next((p for p in _PERIOD_ORDER if p in named), None)


class _Collector:
    """Figures found by several passes, kept in order and free of overlaps."""

    def __init__(self, doc: Document, norm: str):
        self.doc = doc
        self.norm = norm
        self.items: list[dict] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        """No figure taken so far overlaps [start, end) (spans are disjoint and kept sorted)."""
        i = bisect.bisect_left(self.taken, (start, start))
        if i < len(self.taken) and self.taken[i][0] < end:
            return False
        return i == 0 or self.taken[i - 1][1] <= start

    def add(self, start: int, end: int, **fields) -> None:
        if start >= end or not self.free(start, end):
            return
        if end - start > MAX_FIGURE_DIGITS and \
                sum(1 for ch in self.norm[start:end] if "0" <= ch <= "9") > MAX_FIGURE_DIGITS:
            return
        bisect.insort(self.taken, (start, end))
        self.items.append(dict(start=start, end=end, text=self.doc.text[start:end], **fields))


def _bad_neighbours(norm: str, start: int, end: int) -> bool:
    """Glued to a code, a word in Latin letters, or mojibake on either side."""
    if start > 0 and norm[start - 1] in NOT_AFTER:
        return True
    if end < len(norm):
        nxt = norm[end]
        if nxt.isascii() and (nxt.isalnum()) or nxt in _SUSPECT:
            return True
    if _NOT_A_MEASURE.search(norm, max(0, start - 8), start):
        return True
    if _BROKEN_BEFORE.search(norm, max(0, start - 6), start):
        return True  # 337.\n10万元: a number a PDF line break cut in two, not 10万元
    return _SUSPECT[1] in norm[max(0, start - 2):end + 2]


def _scan_prose(c: _Collector) -> None:
    norm = c.norm
    for m in _FIGURE.finditer(norm):
        start, end = m.span()
        unit_written = (m.group("mag") or "") + m.group("unit")
        unit = m.group("unit")
        follow = UNIT_NOT_FOLLOWED_BY.get(unit, "")
        if end < len(norm) and follow and norm[end] in follow:
            continue
        if _bad_neighbours(norm, start, end):
            continue
        num = m.group("num")
        kind, scale = UNIT_INFO.get(unit_written, UNIT_INFO[unit])
        if unit_written not in UNIT_INFO:
            scale = scale * _MAG_SCALE[m.group("mag")]
        if kind == "percent" and len(num.split(".")[0].replace(",", "")) > 6:
            continue  # a glued table row (202010100.00%), not a percentage
        sign = -1 if m.group("neg") else 1
        try:
            value = sign * _decimal(num) * scale
        except InvalidOperation:
            continue
        qualifier = _qualifier(norm, start)
        value_max = None
        if m.group("num2"):
            qualifier = "range"
            value_max = _decimal(m.group("num2")) * scale
            if value_max < value:
                continue  # 2023-2025 style spans are not ranges of a measure
        elif m.group("more"):
            qualifier = "more"
        c.add(start, end, value=value, unit=unit_written, kind=kind,
              decimals=_decimals(num), scale=scale, qualifier=qualifier, value_max=value_max,
              rule="prose")
        _scan_list_before(c, start, kind, scale, unit_written)


def _scan_list_before(c: _Collector, start: int, kind: str, scale: Decimal, unit: str) -> None:
    """Numbers before a figure in a 、-list inherit its unit."""
    pos = start
    while True:
        m = None
        if pos and c.norm[pos - 1] in ",，" and "." in c.norm[pos:pos + 16].split("万")[0]:
            m = _DECIMAL_COMMA_ITEM.search(c.norm, max(0, pos - 40), pos)
        elif pos == 0 or c.norm[pos - 1] not in _LIST_JOINERS:
            return  # not preceded by 、/和/与/及/或 (or a space after one): no list
        else:
            m = _LIST_ITEM.search(c.norm, max(0, pos - 40), pos)
        if not m or m.end() != pos or \
                _bad_neighbours(c.norm, m.start(), m.start("num") + len(m.group("num"))):
            return
        num_start = m.start()
        num_end = m.end("num")
        sign = -1 if m.group("neg") else 1
        c.add(num_start, num_end, value=sign * _decimal(m.group("num")) * scale,
              unit=unit, kind=kind, decimals=_decimals(m.group("num")),
              scale=scale, qualifier=None, value_max=None, rule="list")
        pos = num_start


_LABELLED_SCORE = regex.compile(
    rf"(?:{'|'.join(SCORE_LABELS)})[ ]?[:：]?[ ]?(?:为|是)?(?P<num>{_NUM})(?![\d.%％])")
# 城乡居民收入比为2.08，比上年缩小0.05: a ratio of two amounts, and its change, no unit.
_LABELLED_RATIO = regex.compile(
    rf"(?:{'|'.join(RATIO_LABELS)})[ ]?[:：]?(?:为|是)?(?P<num>{_NUM})(?![\d.%％\p{{Han}}])"
    rf"(?:[，,]?(?:比上年|较上年)?(?:缩小|扩大|下降|提高|减少|增加)(?P<chg>{_NUM})(?![\d.%％\p{{Han}}]))?")


def _scan_structures(c: _Collector) -> None:
    """三次产业结构为8.3:71.1:20.6: each part a percentage of the whole (kind percent, no unit
    written)."""
    for first in _STRUCTURE.finditer(c.norm):
        m = first
        while m is not None:  # …由上年的A调整为B: both structures
            ratio_start = m.start("ratio")
            for part in _STRUCTURE_PART.finditer(m.group("ratio")):
                num = part.group()
                c.add(ratio_start + part.start(), ratio_start + part.end(),
                      value=_decimal(num), unit="", kind="percent", decimals=_decimals(num),
                      scale=Decimal(1), qualifier=None, value_max=None, rule="structure")
            m = _STRUCTURE_NEXT.match(c.norm, m.end())


def _scan_labelled_ratios(c: _Collector) -> None:
    """收入比为2.08 (and 比上年缩小0.05 after it): unitless ratios, kind other."""
    if not any(label in c.norm for label in RATIO_LABELS):
        return  # a substring test is far cheaper than a scan
    for m in _LABELLED_RATIO.finditer(c.norm):
        for group in ("num", "chg"):
            if m.group(group):
                num = m.group(group)
                c.add(m.start(group), m.end(group), value=_decimal(num), unit="", kind="other",
                      decimals=_decimals(num), scale=Decimal(1), qualifier=None,
                      value_max=None, rule="ratio")


def _scan_labelled_scores(c: _Collector) -> None:
    """得分 19: a score written after its label, without 分."""
    if not any(label in c.norm for label in SCORE_LABELS):
        return
    for m in _LABELLED_SCORE.finditer(c.norm):
        start, end = m.span("num")
        if end < len(c.norm) and c.norm[end] in SCORE_UNIT_AFTER:
            continue  # 得分9.8分 is read with its unit by the prose scan
        num = m.group("num")
        c.add(start, end, value=_decimal(num), unit="", kind="score", decimals=_decimals(num),
              scale=Decimal(1), qualifier=None, value_max=None, rule="score")


def _scan_chinese(c: _Collector) -> None:
    for m in _CN_FIGURE.finditer(c.norm):
        if m.group("pct"):
            value = cn_number(m.group("pct"))
            unit, kind, scale = "%", "percent", Decimal(1)
        else:
            cn = m.group("cn")
            if not _CN_WRITTEN.search(cn):
                continue  # digits with 万/亿 only: a figure for the prose scan
            if len(cn) > 1 and all(ch in CN_DIGITS for ch in cn):
                continue  # 三五万元 is "three to five", 二〇二三 a year: not one amount
            if len(cn) == 1 and (m.start() == 0 or c.norm[m.start() - 1] not in _CN_SINGLE_AFTER):
                continue
            unit = m.group("unit")
            if unit == "万元" and "亿" in cn:
                cn, unit = cn + "万", "元"  # 一亿零五百万元: the 万 is the number's, not the unit's
            value = cn_number(cn)
            kind, scale = UNIT_INFO[unit]
            value = None if value is None else value * scale
        if value is None:
            continue
        c.add(m.start(), m.end(), value=value, unit=unit, kind=kind, decimals=0, scale=scale,
              qualifier=None, value_max=None, rule="chinese")


def _header_rows(table: Table) -> int:
    for i, row in enumerate(table.rows):
        if any(_CELL_NUMBER.match(cell.text) for cell in row[1:]):
            return max(i, min(1, len(table.rows) - 1))
    return table.header_rows


def _scan_tables(c: _Collector) -> None:
    # A table a page break cut in two is read as one (the later part takes the first's header
    # and unit); key columns (科目编码 split into 类|款|项, 序号) hold no amounts.
    for grid in grids(c.doc):
        table = Table(grid.start, grid.end, grid.rows, c.doc.tables[grid.tables[0]].header_rows,
                      grid.unit, grid.title)
        keys = layout_of(c.doc, grid).key_cells
        n_head = _header_rows(table)
        headers = [" ".join(dict.fromkeys(table.rows[r][col].text for r in range(n_head)
                                          if col < len(table.rows[r])))
                   for col in range(max(len(r) for r in table.rows))]
        for r, row in enumerate(table.rows[n_head:], n_head):
            texts = [cell.text for cell in row if cell.text]
            if len(texts) >= 3 and not any(_CELL_NUMBER.match(t) or "%" in t for t in texts) \
                    and any(_SCORE_HEADER.search(t) or _UNIT_HINT.search(t) for t in texts):
                # A header row in the middle of the table: the columns change meaning below it.
                headers = [cell.text for cell in row]
                continue
            label = next((cell.text for cell in row if cell.text and not
                          _CELL_NUMBER.match(cell.text)), "")
            # A 自评表 indicator's actual value is in the unit its target states (≤90万元 | 90).
            target_unit = _target_unit(c.norm, row, headers)
            row_labels = " ".join(cell.text for cell in row[:2]
                                  if cell.text and not _CELL_NUMBER.match(cell.text))
            for cell in row:
                m = _CELL_NUMBER.match(c.norm[cell.start:cell.end])
                if not m:
                    header = headers[cell.col] if cell.col < len(headers) else ""
                    if _TARGET_HEADER.search(header):
                        _add_target(c, cell)
                    continue
                if target_unit and _ACTUAL_HEADER.search(headers[cell.col]
                                                         if cell.col < len(headers) else ""):
                    label = target_unit
                header = headers[cell.col] if cell.col < len(headers) else ""
                if (r, cell.col) in keys or _CODE_HEADER.search(header) or \
                        (cell.col == 0 and not header.strip() and "." not in cell.text):
                    continue  # 序号, 科目编码 and unlabelled row numbers are not measures
                _add_cell(c, table, cell.start + m.start("neg" if m.group("neg") else "num"),
                          cell.start + m.end(), m, header, label, headers[0] if headers else "",
                          row_labels)


_TARGET_HEADER = regex.compile(IND_TARGET + "|" + IND_ACTUAL)
_ACTUAL_HEADER = regex.compile(IND_ACTUAL)
# A target or actual value of a 自评表 indicator: ≥50个, ≥100百分比, ≤3天, ≥95.
_TARGET_CELL = regex.compile(
    rf"^(?P<cmp>[≥≤＞＜>=<＝]{{1,2}})?[ ]?(?P<neg>-)?(?P<num>{_NUM})[ ]?"
    rf"(?P<tail>\p{{Han}}{{1,4}}|%)?$")


def _target_unit(norm: str, row, headers: list[str]) -> str:
    """The money unit a row's target cell states (≤90万元), as a label hint (（万元）)."""
    for cell in row:
        header = headers[cell.col] if cell.col < len(headers) else ""
        if _TARGET_HEADER.search(header) and not _ACTUAL_HEADER.search(header):
            m = _TARGET_CELL.match(norm[cell.start:cell.end])
            if m and m.group("tail") in ("万元", "元", "亿元", "千元"):
                return f"（{m.group('tail')}）"
    return ""


def _add_target(c: _Collector, cell) -> None:
    """A target whose unit is no unit we know (≥100百分比) or that has none (≥95): the number
    with its comparator, of kind other. Targets with a known unit are read by the prose scan."""
    m = _TARGET_CELL.match(c.norm[cell.start:cell.end])
    if not m or (m.group("tail") and (m.group("tail") in UNIT_INFO or m.group("tail") == "%"
                                      or m.group("tail")[0] in _MAG_SCALE)):
        return   # 0.5万人, 12个: the prose scan reads it with its unit
    if m.group("tail") is None and m.group("cmp") is None:
        return
    start = cell.start + m.start("neg" if m.group("neg") else "num")
    num = m.group("num")
    sign = -1 if m.group("neg") else 1
    c.add(start, cell.start + m.end("num"), value=sign * _decimal(num), unit="", kind="other",
          decimals=_decimals(num), scale=Decimal(1),
          qualifier=_QUALIFIER_OF.get(m.group("cmp") or "", None), value_max=None,
          rule="cell", metric=cell.text, period="target")


def _add_cell(c: _Collector, table: Table, start: int, end: int, m, header: str,
              label: str, corner: str, row_labels: str = "") -> None:
    """One table cell's figure; `corner` is the header of the label column (项目资金（万元）),
    where many tables state their unit."""
    num = m.group("num")
    hint = _UNIT_HINT.search(header) or _UNIT_HINT.search(label)
    measure = _MEASURE_HINT.search(header)
    if m.group("pct"):
        unit = "%"
    elif _SCORE_HEADER.search(header):
        unit = "score"
    elif hint:
        unit = hint.group(1)
    elif measure and measure.group("unit") in UNIT_INFO:
        # 产量（万吨） | 发电量（亿千瓦时）: a column of a measure, in the unit its header states.
        unit = (measure.group("mag") or "") + measure.group("unit")
    elif _RATE_HEADER.search(header) or _RATE_ROW.search(row_labels):
        unit = "%"   # a rate column, or a row of rates (小计 | 平均利率% | 2.03 | 1.78 …)
    elif _COUNT_HEADER.search(header) or _COUNT_HEADER.search(label):
        unit = ""
    else:
        corner_hint = _UNIT_HINT.search(corner)
        unit = table.unit or (corner_hint.group(1) if corner_hint else "")
    if unit == "score":
        unit, kind, scale = "", "score", Decimal(1)
    elif unit not in UNIT_INFO and measure is not None and unit.endswith(measure.group("unit")):
        kind, scale = UNIT_INFO[measure.group("unit")]
        scale = scale * _MAG_SCALE.get(measure.group("mag"), Decimal(1))
    elif unit == "":
        kind, scale = ("count" if _COUNT_HEADER.search(header + label) else "other"), Decimal(1)
    else:
        kind, scale = UNIT_INFO[unit]
    sign = -1 if m.group("neg") else 1
    period = None
    for p, cues in HEADER_PERIOD_CUES:
        if any(cue in header for cue in cues):
            period = p
            break
    metric = "/".join(x for x in (label, header) if x)
    c.add(start, end, value=sign * _decimal(num) * scale, unit=unit, kind=kind,
          decimals=_decimals(num), scale=scale, qualifier=None, value_max=None, rule="cell",
          metric=metric, period=period)


_BARE_LINE = regex.compile(rf"^[ \t]*(?P<neg>-)?(?P<num>{_NUM})[ \t]*$", regex.M)
_UNIT_DECL = regex.compile(r"(?:金额)?单位[:：]\s*(亿元|万元|千元|元|分|%|人|个)")
_COUNT_LABEL = regex.compile(r"人数|编制|个数|户数|人$|数量")


def _scan_bare_lines(c: _Collector) -> None:
    """Tables flattened one cell per line: a number alone on its line.

    It takes the unit that a 单位： line above declares, unless prose comes between; a block of
    labels just above whose words count people or things makes it a count.
    """
    norm = c.norm
    for m in _BARE_LINE.finditer(norm):
        start, end = m.start("neg") if m.group("neg") else m.start("num"), m.end("num")
        if c.doc.table_at(start) is not None:
            continue
        above = norm[max(0, start - 400):start].split("\n")[:-1]
        unit = ""
        labels: list[str] = []
        for line in reversed(above[-30:]):
            s = line.strip()
            if not s:
                continue
            if len(s) > 40 or "。" in s:
                break
            decl = _UNIT_DECL.search(s)
            if decl:
                unit = decl.group(1)
                break
            if not _BARE_LINE.fullmatch(line):
                labels.append(s)
        num = m.group("num")
        sign = -1 if m.group("neg") else 1
        if unit:
            kind, scale = UNIT_INFO[unit]
            if kind in ("score", "count"):
                unit = ""  # a table's points or heads carry no unit of their own
        elif any(_COUNT_LABEL.search(x) for x in labels[:6]) and "." not in num:
            kind, scale = "count", Decimal(1)
        elif labels and "." in num:
            kind, scale = "other", Decimal(1)
        else:
            continue
        c.add(start, end, value=sign * _decimal(num) * scale, unit=unit, kind=kind,
              decimals=_decimals(num), scale=scale, qualifier=None, value_max=None,
              rule="line")


def extract_figures(doc: Document) -> tuple[Figure, ...]:
    """All figures of a document, in text order, each with metric, period and section."""
    # isdecimal(), not isdigit(): int() refuses "²", which isdigit() accepts.
    year = int(doc.meta["year"]) if str(doc.meta.get("year", "")).isdecimal() else None
    norm = normalise(doc.text)
    c = _Collector(doc, norm)
    with localcontext(_FIGURE_CONTEXT):   # a 30-digit amount times 10000 stays exact
        _scan_tables(c)
        _scan_chinese(c)  # before prose: 3万5千元 is one amount, not 5千元 after a stray 3万
        _scan_prose(c)
        _scan_bare_lines(c)
        _scan_labelled_scores(c)
        _scan_labelled_ratios(c)
        _scan_structures(c)
    items = sorted(c.items, key=lambda it: it["start"])
    sections = SectionIndex(doc.text)
    namer = MetricNamer(norm)
    figures = []
    prev_end = 0
    for i, it in enumerate(items, 1):
        if "metric" not in it:
            clause, is_change = namer.clause(it["start"], prev_end)
            it["metric"] = namer.name(it["start"], clause, is_change)
            it["period"] = None if is_change else _period(clause, year)
        prev_end = it["end"]
        figures.append(Figure(id=f"f{i}", section=sections.at(it["start"]), **it))
    return tuple(figures)
