"""Words and marks the line rejoiner looks for (logic in perfparse/readers/unwrap.py).

A hard-wrapped line joins the next unless it ends a sentence, a heading or a table row, or
the next line opens a heading or a list item. These tables say what each of those looks like.
"""
from __future__ import annotations

from .units import MAGNITUDES, UNITS

# A line ending in one of these (closing quotes and brackets after it allowed) ends a
# sentence: it never joins the next line.
SENTENCE_ENDS = "。！？!?"
# Closing marks that may follow the sentence end: 。” 。） 。」
CLOSERS_AFTER_END = "”’」』）)】》\"'"

# A line cannot start with these: the line before it was cut in the middle of a clause.
# (A wrap puts a comma, a closing bracket or a unit's tail at the start of a line only when
# the typesetter broke a line early; Chinese line breaking forbids it otherwise.)
NO_LINE_START = "，,、。．；;：:！？!?）)】》」』”’%％"

# Units that may be cut from the number before them by a wrap ("2946.25⏎万元"). Longest
# first, so that "万元" is tried before "万".
UNIT_STARTS = ("个百分点", "百分点", "万亿元", "千万元", "百万元", "亿元", "万元", "千元",
               "元", "万人", "万户", "万亩", "万吨", "人次", "平方米", "公里", "%", "％")

# A magnitude left at a line end while its unit went to the next line ("X万⏎元", "X亿⏎元").
MAGNITUDE_ENDS = ("万亿", "千万", "百万", "亿", "万", "千")
MAGNITUDE_TAILS = ("元", "人", "户", "亩", "吨", "人次", "平方米", "千瓦")

# Two-character words of the claims that a wrap cuts in the middle ("增⏎长" hides a growth
# rate). The pair joins even when the line does not look full.
SPLIT_WORDS = ("增长", "下降", "增加", "减少", "提高", "降低", "上升", "增幅", "降幅", "减幅",
               "其中", "合计", "总计", "小计", "共计", "累计", "分别", "完成", "预算", "决算",
               "支出", "收入", "同比", "比上", "上年", "持平", "占比", "百分", "万元", "亿元")

# Heading and list-item openings: a line starting with one of these starts a new block.
# 一、 二、 …; （一） (一); 1. 1、 1． (not 1.5); (1) （1）; ① …; ⑴ …; ⒈ …; 第一条 第二章 第三部分;
# bullets; the long dashes some reports open an item with (———一般公共预算完成情况).
CN_NUMERALS = "一二三四五六七八九十百零〇"
LIST_MARKERS = (
    rf"[{CN_NUMERALS}]{{1,4}}[、．.]",
    rf"[（(][{CN_NUMERALS}]{{1,4}}[)）]",
    r"\d{1,2}(?:[、．]|\.(?!\d))",
    r"\d{1,2}\.\d{1,2}(?:[、．]|\.(?!\d)|\s)",
    r"[（(]\d{1,2}[)）]",
    r"\d{1,2}[)）]",
    r"[①-⑳⑴-⒇⒈-⒛❶-❿]",
    rf"第[{CN_NUMERALS}\d]{{1,4}}[条章节部分篇]",
    r"[●•■□◆◇★☆▲△▶►◎※]",
    r"[—－-]{2,}",
    rf"(?:附件|附表)[{CN_NUMERALS}\d]{{0,3}}[:：、]",
)

# Dot leaders of a table of contents ("一、部门职责……………3").
LEADERS = r"(?:…{2,}|\.{4,}|·{4,}|．{4,}|-{6,})"

# A cell of a table row written as text: a number standing alone between spaces. A number
# followed by a unit (a space between: "12.5 万元", "0 辆") or a date word is prose, not a cell.
UNIT_AFTER_NUMBER = tuple(sorted({u for u, _, _ in UNITS} | {m for m, _ in MAGNITUDES}
                                 | {"%", "％", "倍", "个"}, key=len, reverse=True))
# Punctuation that marks a line as prose, not a table row (a comma between digits is a
# thousands separator and is told apart in the logic).
CLAUSE_MARKS = "，、；;。：:！？!?"
# Words after a bare year, month or day number: "2024 年 12 月 31 日".
DATE_WORDS = "年月日"
