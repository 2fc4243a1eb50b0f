"""Words the office and PDF readers look for around tables: unit captions, page furniture.

Logic lives in perfparse/readers/sheets.py and pdf.py; only the language data is here.
"""
from __future__ import annotations

import re

# Units a table caption may declare. Order matters: longer units first, so that
# "百万元" is not read as "万元" and "万元" is not read as "元".
TABLE_UNITS = ("百万元", "亿元", "千元", "万元", "元", "万人", "人", "个", "%")

_UNIT_ALT = "|".join(re.escape(u) for u in TABLE_UNITS)

# A unit caption: 单位：万元, 单位:元, （单位：万元）, 金额单位：元, 单位：人民币万元.
# Bounded: the gap between 单位 and the unit is a few characters at most.
# The unit must not run on into a word: 单位：元旦 and 单位人数 declare nothing.
UNIT_CAPTION = re.compile(
    r"(?:金额|计量)?单位\s{0,3}[：:]?\s{0,3}(?:人民币)?\s{0,3}(" + _UNIT_ALT + r")"
    r"(?![\u4e00-\u9fff])")

# A unit in a header cell: 决算数（万元）, 金额(元). Only money units decide a table's unit,
# because a "%" column sits beside money columns in most tables.
HEADER_UNIT = re.compile(r"[（(]\s{0,2}(百万元|亿元|千元|万元|元)\s{0,2}[)）]")
MONEY_UNITS = frozenset({"百万元", "亿元", "千元", "万元", "元"})

# Captions are short; a long paragraph that merely mentions 单位 is not one.
MAX_CAPTION_CHARS = 80

# Separator between the levels of a joined multi-row header: 决算数/基本支出.
HEADER_JOIN = "/"

# A cell that holds a number (as a reader renders it): 1925.67, -3, 1,234.5, 97.06%.
NUMERIC_CELL = re.compile(r"[-+−]?\s{0,2}[0-9０-９][0-9０-９,，.．]{0,30}\s{0,2}[%％]?")

# Lines that are page furniture when they open or close a PDF page: bare page numbers
# ("3", "- 3 -", "—3—", "─ 3 ─"), "第3页", "第 3 页 共 10 页", "3/10".
PAGE_NUMBER = re.compile(
    r"[-—－–─━]?\s{0,3}(?:第\s{0,3})?\d{1,4}\s{0,3}(?:页)?\s{0,3}"
    r"(?:(?:共|/)\s{0,3}\d{1,4}\s{0,3}页?)?\s{0,3}[-—－–─━]?")
# What makes a bare number in a page's margin a page number and no table cell: "- 3 -",
# "—3—", "第3页", "3/10".
PAGE_DECORATION = re.compile(r"[-—－–─━页/]")
# A footnote line at the foot of a PDF page: ① …, ⑴ …, ⒈ ….
FOOTNOTE = re.compile(r"[①-⑳⑴-⒇⒈-⒛]")
