"""Tests for perfparse.readers.unwrap: rejoining hard-wrapped lines into paragraphs.

Every case is written by us; the lines are set about 60 columns wide (30 CJK characters),
as a printed A4 page holds them, and each case runs beside two full lines that end their
sentences, so that the block's measure is known.
"""
from __future__ import annotations

import time

import pytest

from perfparse.readers.unwrap import (collapse_spacing, is_row, looks_hard_wrapped,
                                      opens_block, rejoin, width)

# Two printed lines 60 columns wide that end their sentences: they set the measure.
CONTEXT = ["本单位严格执行预算管理制度，加强内部控制，提高资金使用效益。",
           "本单位严格执行预算管理制度，加强内部控制，提高资金使用效益。"]


def _rejoin(lines: list[str]) -> list[str]:
    """rejoin() of the case's lines, set beside the CONTEXT lines (a blank line between)."""
    out = rejoin(list(lines) + [""] + CONTEXT)
    assert out[-2:] == CONTEXT
    return out[:-2]


# (lines as printed, paragraphs expected, why)
CASES = [
    (["2023年度本单位收入合计1925.67万元，比上年增加120.50万元，增",
      "长6.68%。"],
     ["2023年度本单位收入合计1925.67万元，比上年增加120.50万元，增长6.68%。"],
     "a full line cut inside 增长 joins"),
    (["本年收入合计1925.67万元，比上年增加120.50万", "元，增长6.68%。"],
     ["本年收入合计1925.67万元，比上年增加120.50万元，增长6.68%。"],
     "X万⏎元 joins even when the line is short: no line ends inside a unit"),
    (["全市一般公共预算收入完成519.7亿", "元，增长12.8%。"],
     ["全市一般公共预算收入完成519.7亿元，增长12.8%。"],
     "X亿⏎元"),
    (["“三公”经费财政拨款支出决算10.38万元，比年初预算数减少 2.12",
      "万元，下降16.96%。"],
     ["“三公”经费财政拨款支出决算10.38万元，比年初预算数减少 2.12万元，下降16.96%。"],
     "增加 X⏎万元: the unit went to the next line"),
    (["本年收入合计3.5万元，增", "长2.1%。"],
     ["本年收入合计3.5万元，增长2.1%。"],
     "增⏎长 joins even when the line is short"),
    (["长6.68%。其中：财政拨款收入1805.17万元，占93.74%；其他收入",
      "120.50万元，占6.26%。"],
     ["长6.68%。其中：财政拨款收入1805.17万元，占93.74%；其他收入120.50万元，占6.26%。"],
     "a 其中 list cut between an item and its figure comes back whole"),
    (["项目支出包括一网通办平台运维服务预算80.00万元、政务大厅运行保障",
      "预算345.47万元。"],
     ["项目支出包括一网通办平台运维服务预算80.00万元、政务大厅运行保障预算345.47万元。"],
     "…服务预算⏎X万元"),
    (["本年度全市一般公共预算支出完成994.7亿元，比上年增加，增长",
      "1426.2%（主要是土地出让收入增长较多）。"],
     ["本年度全市一般公共预算支出完成994.7亿元，比上年增加，增长"
      "1426.2%（主要是土地出让收入增长较多）。"],
     "a line broken early because the number after it did not fit"),
    (["本年度单位基本支出主要用于在职人员工资津贴补贴和日常办公费用支出",
      "，合计1500.20万元。"],
     ["本年度单位基本支出主要用于在职人员工资津贴补贴和日常办公费用支出，合计1500.20万元。"],
     "a line cannot start with a comma"),
    (["本单位年度部门决算主要用于以下方面，具体情况说明如下表所示：",
      "基本支出1500.20万元，项目支出425.47万元。"],
     ["本单位年度部门决算主要用于以下方面，具体情况说明如下表所示：基本支出1500.20万元，"
      "项目支出425.47万元。"],
     "a full line ending with a colon continues"),
    (["本年收入合计2,946.", "25万元。"], ["本年收入合计2,946.25万元。"],
     "a number cut at its decimal point is glued back without a space"),
    (["其 中 财 政 业 务 费 10.00 万 元 ， 会 议 费 2.00 万 元 ， 培 训 费",
      "0.38万元，合计12.38万元。"],
     ["其中财政业务费10.00万元，会议费2.00万元，培训费0.38万元，合计12.38万元。"],
     "a justified line loses its letter spacing and counts as full"),
    (["The annual report of the county finance bureau covers the budget",
      "and its execution."],
     ["The annual report of the county finance bureau covers the budget and its execution."],
     "Latin words keep a space between them"),
]

# (lines, why): each line stays a paragraph of its own.
NO_JOIN = [
    (["本单位严格执行预算管理制度，加强内部控制，提高资金使用效益。",
      "本年收入合计1925.67万元。"], "a full line that ends a sentence"),
    (["一、收入决算情况", "本年收入合计1925.67万元，比上年增加120.50万元。"],
     "a short heading"),
    (["本单位年度部门决算主要用于以下方面，具体情况说明如下表所示：",
      "（一）基本支出1500.20万元。"], "the next line opens a list item"),
    (["二是加强项目支出绩效管理，预算执行进度和绩效目标完成情况良好，",
      "1．行政运行支出1200.00万元。"], "the next line is numbered 1．"),
    (["二是加强项目支出绩效管理，预算执行进度和绩效目标完成情况良好，",
      "第三条 本办法自发布之日起施行。"], "第X条"),
    (["二是加强项目支出绩效管理，预算执行进度和绩效目标完成情况良好，",
      "①行政运行支出1200.00万元。"], "a circled number"),
    (["本年收入合计 1925.67 本年支出合计 1925.67",
      "其他收入 120.50 其他支出 0.00"], "two-sided table rows written as text"),
    (["编制数", "实际在职人数", "控制率", "46", "50", "108.70%"],
     "a table flattened one cell per line"),
    (["本单位全年各项支出合计1925.67万元，基本支出和项目支出分别为 12.50",
      "10.38万元。"], "two numbers across a break stay two numbers"),
    (["一、部门主要职责………………………………………………………………1",
      "部门机构设置情况………………………………………………………………2"],
     "table of contents lines with dot leaders"),
    (["项目名称\t预算数\t决算数", "行政运行\t1200.00\t1200.00"], "tab-separated rows"),
]

# Bugs found on real published PDFs, each written here with our own text.
BUGS_CAUGHT = [
    (["全市收入完成519.7亿元,占预算的102.5%,比上年增长 (以下简称增长)",
      "12.8%。"],
     ["全市收入完成519.7亿元,占预算的102.5%,比上年增长 (以下简称增长)12.8%。"],
     "ASCII commas standing for Chinese ones are set full width: the line is full"),
    (["共有车辆 0 辆、离退休干部用车 0 辆、其他用车 0 辆。单价 100",
      "万元（含）以上设备 2 台（套）。"],
     ["共有车辆 0 辆、离退休干部用车 0 辆、其他用车 0 辆。单价 100万元（含）以上设备 2 台（套）。"],
     "numbers between spaces followed by their units are prose, not table cells"),
    (["上年结转 5.07 亿元、动用预算稳定调节基金 3.87", "亿元、债务转贷收入 40.5 亿元。"],
     ["上年结转 5.07 亿元、动用预算稳定调节基金 3.87亿元、债务转贷收入 40.5 亿元。"],
     "a unit followed by 、 is a unit, not the first character of a label"),
    (["——转移性收入130.95亿元，为预算的 102.8%。其中：返",
      "还性收入 3.96 亿元。"],
     ["——转移性收入130.95亿元，为预算的 102.8%。其中：返还性收入 3.96 亿元。"],
     "the long dash is set full width"),
    (["1．行政事业单位离退休（类）未归口管理的行政单位离退",
      "休支出（项）271.45万元，与上年相比增加14.69万元。"],
     ["1．行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）271.45万元，"
      "与上年相比增加14.69万元。"],
     "a numbered item whose first line has no comma is no heading"),
    (["②全市预算收支数=市本级预算收支数+各区预算收支数，不包含返还性收入、转移支",
      "付收入。"],
     ["②全市预算收支数=市本级预算收支数+各区预算收支数，不包含返还性收入、转移支付收入。"],
     "a note set smaller holds more characters than the measure: it is full"),
    ([",坚定 “四个自信”", ",坚决做到 “两个维护”。准确把握新时", "代财政改革发展新要求。"],
     [",坚定 “四个自信”,坚决做到 “两个维护”。准确把握新时代财政改革发展新要求。"],
     "fragments of one printed line (a quote on another baseline) count together"),
]

# Known gaps: a run-in heading set in a wide bold face fills its line with fewer
# characters than a body line, and nothing in the text tells it from a heading.
XFAIL = [
    (["（一）聚焦财政统筹，收入质量效益更优。税收", "收入量质双升，增幅较大。"],
     ["（一）聚焦财政统筹，收入质量效益更优。税收收入量质双升，增幅较大。"],
     "a bold run-in heading line at 70% of the measure"),
]


class TestRejoin:
    @pytest.mark.parametrize("lines,expected,why", CASES, ids=[c[2] for c in CASES])
    def test_cases(self, lines, expected, why) -> None:
        """Wrapped lines come back as one paragraph."""
        assert _rejoin(lines) == expected

    @pytest.mark.parametrize("lines,why", NO_JOIN, ids=[c[1] for c in NO_JOIN])
    def test_no_join(self, lines, why) -> None:
        """Lines that end a sentence, a heading or a row, or precede a list item, stay."""
        assert _rejoin(lines) == [collapse_spacing(line) for line in lines]

    @pytest.mark.parametrize("lines,expected,why", BUGS_CAUGHT,
                             ids=[c[2] for c in BUGS_CAUGHT])
    def test_bugs_caught(self, lines, expected, why) -> None:
        """Layouts met in real PDFs rejoin."""
        assert _rejoin(lines) == expected

    @pytest.mark.parametrize("lines,expected,why", CASES + BUGS_CAUGHT,
                             ids=[c[2] for c in CASES + BUGS_CAUGHT])
    def test_digits_of_another_script(self, lines, expected, why) -> None:
        """Digits written in another script (Arabic-Indic) decide every join as ASCII
        digits do."""
        table = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
        assert _rejoin([line.translate(table) for line in lines]) == \
            [p.translate(table) for p in expected]

    @pytest.mark.parametrize("lines,expected,why", XFAIL, ids=[c[2] for c in XFAIL])
    @pytest.mark.xfail(strict=True, reason="known gap: bold run-in headings")
    def test_known_gaps(self, lines, expected, why) -> None:
        """Known gaps; one that starts passing fails the suite."""
        assert _rejoin(lines) == expected

    def test_blank_line_ends_a_paragraph(self) -> None:
        """A blank line ends a paragraph even inside a sentence; keep_blank keeps it."""
        lines = ["2023年度本单位收入合计1925.67万元，比上年增加120.50万元，增", "",
                 "长6.68%。"]
        assert rejoin(lines) == [lines[0], lines[2]]
        assert rejoin(lines, keep_blank=True) == [lines[0], "", lines[2]]

    def test_groups_set_their_own_measure(self) -> None:
        """Lines of a narrow group (a page set in two columns) are full against their own
        measure, not against the wide pages'."""
        narrow = ["本年收入合计1925.67万元，比上年增加了", "120.50万元，增长6.68%，主要是政务服务",
                  "事项增加。"]
        whole = "本年收入合计1925.67万元，比上年增加了120.50万元，增长6.68%，主要是政务服务事项增加。"
        lines = CONTEXT + [""] + narrow
        assert rejoin(lines, groups=["wide"] * 3 + ["narrow"] * 3)[-1] == whole
        assert rejoin(lines)[-3:] == narrow

    def test_no_measure_no_join_by_width(self) -> None:
        """Without two lines wide enough to be prose, only forced joins happen."""
        assert rejoin(["收入合计", "其他收入"]) == ["收入合计", "其他收入"]

    def test_adversarial_input_is_fast(self) -> None:
        """100,000 characters of digits, spaces and marks, in one line and in many, rejoin
        in well under a second each."""
        line = "1 2 3 4 5 6 7 8 9 0 万 元 ， 2,946. （一） 增" * 3000
        lines = [line[i:i + 60] for i in range(0, 100_000, 60)]
        for case in ([line[:100_000]], lines):
            start = time.perf_counter()
            rejoin(case)
            looks_hard_wrapped(case)
            assert time.perf_counter() - start < 2


class TestCollapseSpacing:
    CASES = [
        ("财 政 业 务 费 10.00 万 元", "财政业务费10.00万元"),
        ("项 目 支 出 合 计 12.50 10.38", "项目支出合计 12.50 10.38"),
        ("转 移 支 付、 一 般 债 券、 调 入 资 金", "转移支付、一般债券、调入资金"),
        ("2018 年 全 市 收 入 完 成", "2018年全市收入完成"),
        ("本年收入合计 2946.25 万元", "本年收入合计 2946.25 万元"),
        ("目 录", "目 录"),
    ]

    @pytest.mark.parametrize("line,expected", CASES)
    def test_cases(self, line, expected) -> None:
        """Letter spacing goes; spaces between two numbers and in ordinary lines stay."""
        assert collapse_spacing(line) == expected


class TestIsRow:
    CASES = [
        ("本年收入合计 2,946.25 本年支出合计 2,940.05", True),
        ("201 06 01 行政运行 1,511.90 1,511.89 0.01", True),
        ("年初结转和结余 49.14 年末结转和结余 55.34", True),
        ("产出指标,造林面积,3000亩,3200亩,15,15", True),
        ("项目 | 预算数 | 决算数", True),
        ("收入 12.5 万元，支出 3 万元", False),
        ("截至 2024 年 12 月 31 日", False),
        ("坚持稳中求进,践行新理念,真抓实干,迎难而上", False),
        ("本年收入合计2946.25万元，其中财政拨款收入2940.05万元", False),
    ]

    @pytest.mark.parametrize("line,expected", CASES)
    def test_cases(self, line, expected) -> None:
        """Rows have cells: tabs, pipes, wide gaps, or numbers standing alone."""
        assert is_row(line) is expected


class TestOpensBlock:
    CASES = [("一、收入情况", True), ("（二）支出", True), ("(3)其他", True), ("1.行政运行", True),
             ("2、基本支出", True), ("1.5%的增幅", False), ("2024年度", False),
             ("①公务接待", True), ("第三部分 说明", True), ("第3项工作", False),
             ("———一般公共预算", True), ("附件1：决算表", True), ("附件已上传", False)]

    @pytest.mark.parametrize("line,expected", CASES)
    def test_cases(self, line, expected) -> None:
        """Headings and list items are recognised; numbers and years are not."""
        assert opens_block(line) is expected


class TestLooksHardWrapped:
    def test_printed_lines_are(self) -> None:
        """A PDF's lines saved as text: many lines of one width ending mid-word."""
        lines = []
        for _ in range(4):
            lines += [c[0][0] for c in CASES[:1]] + [CASES[5][0][0], CASES[6][0][0],
                                                     CASES[7][0][0], "6.68%。"]
        assert looks_hard_wrapped(lines)

    def test_paragraph_per_line_is_not(self) -> None:
        """Paragraphs written one per line, with headings of one width, are left alone."""
        lines = ["一、收入支出决算总体情况说明（一）",
                 "2023年度本单位收入合计1925.67万元，比上年增加120.50万元，增长6.68%。其中："
                 "财政拨款收入1805.17万元，占93.74%；其他收入120.50万元，占6.26%。",
                 "二、收入支出决算总体情况说明（二）",
                 "2023年度本单位支出合计1925.67万元，其中：基本支出1500.20万元，占77.91%；"
                 "项目支出425.47万元，占22.09%。"] * 4
        assert not looks_hard_wrapped(lines)

    def test_list_items_ending_in_semicolons_are_not(self) -> None:
        """Items of one width ending in ；/： are not cut mid-word: no evidence."""
        lines = [f"（{n}）增值税612.35万元，较上年增长5.56%，主要是税源增加；"
                 for n in "一二三四五六七八"]
        assert not looks_hard_wrapped(lines)

    def test_width(self) -> None:
        """CJK characters take two columns, digits one."""
        assert width("收入12.5万元") == 4 + 4 + 4


# A report typeset as printed lines (our own text), and the same report one paragraph per
# line: what a PDF saved as .txt, or a .docx converted from a PDF, looks like, and what a
# text written by hand looks like.
PRINTED = [
    "一、收入决算情况",
    "2023年度本单位收入合计1925.67万元，比上年增加120.50万元，增",
    "长6.68%。其中：财政拨款收入1805.17万元，占93.74%；其他收入",
    "120.50万元，占6.26%。",
    "二、支出决算情况",
    "2023年度本单位支出合计1925.67万元，其中：基本支出1500.20万",
    "元，占77.91%；项目支出425.47万元，占22.09%。项目支出包括一网",
    "通办平台运维服务预算80.00万元、政务大厅运行保障预算345.47万",
    "元。",
    "三、“三公”经费支出情况",
    "“三公”经费财政拨款支出决算10.38万元，比年初预算数减少 2.12",
    "万元，下降16.96%，主要是严格控制公务接待，压减会议和培训",
    "次数。",
]
PARAGRAPHS = [
    "一、收入决算情况",
    "2023年度本单位收入合计1925.67万元，比上年增加120.50万元，增长6.68%。其中：财政拨款收入"
    "1805.17万元，占93.74%；其他收入120.50万元，占6.26%。",
    "二、支出决算情况",
    "2023年度本单位支出合计1925.67万元，其中：基本支出1500.20万元，占77.91%；项目支出425.47"
    "万元，占22.09%。项目支出包括一网通办平台运维服务预算80.00万元、政务大厅运行保障预算"
    "345.47万元。",
    "三、“三公”经费支出情况",
    "“三公”经费财政拨款支出决算10.38万元，比年初预算数减少 2.12万元，下降16.96%，主要是严格"
    "控制公务接待，压减会议和培训次数。",
]


class TestTextInput:
    def test_printed_lines_are_rejoined(self) -> None:
        """A .txt of printed lines reads as paragraphs, marked text_rejoined; figure spans
        index the rejoined text."""
        from perfparse.pipeline import parse_bytes
        report = parse_bytes(("\n".join(PRINTED) + "\n").encode("utf-8"), "report.txt")
        assert report.text == "\n".join(PARAGRAPHS) + "\n"
        assert report.meta["text_rejoined"] == "true"
        assert all(report.text[f.start:f.end] == f.text for f in report.figures)
        assert any(f.text == "1500.20万元" for f in report.figures)

    def test_ordinary_text_is_kept_exactly(self) -> None:
        """A .txt written one paragraph per line keeps its text byte for byte (offsets index
        the file) and carries no text_rejoined mark."""
        from perfparse.pipeline import parse_bytes
        text = "\n\n".join(PARAGRAPHS) + "\n"
        report = parse_bytes(text.encode("utf-8"), "report.txt")
        assert report.text == text
        assert "text_rejoined" not in report.meta


class TestDocxInput:
    @staticmethod
    def _docx(paragraphs: list[str]) -> bytes:
        docx = pytest.importorskip("docx")
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate([["项目", "决算数"], ["基本支出", "1500.20"]]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.add_paragraph("以上数据单位为万元。")
        import io
        buf = io.BytesIO()
        document.save(buf)
        return buf.getvalue()

    def test_paragraphs_that_are_printed_lines_are_rejoined(self) -> None:
        """A .docx converted from a PDF (a paragraph per printed line) reads as the
        paragraphs the PDF had; its table stays a table."""
        from perfparse.readers import read_bytes
        doc = read_bytes(self._docx(PRINTED), "report.docx")
        assert doc.text.startswith("\n".join(PARAGRAPHS) + "\n")
        assert doc.meta["text_rejoined"] == "true"
        assert [[c.text for c in row] for row in doc.tables[0].rows][1] == ["基本支出", "1500.20"]

    def test_real_paragraphs_are_kept(self) -> None:
        """A .docx written with real paragraphs keeps them as they are."""
        from perfparse.readers import read_bytes
        doc = read_bytes(self._docx(PARAGRAPHS), "report.docx")
        assert doc.text.startswith("\n".join(PARAGRAPHS) + "\n")
        assert "text_rejoined" not in doc.meta


def test_doctests() -> None:
    """The examples in unwrap's docstrings hold."""
    import doctest

    import perfparse.readers.unwrap as unwrap
    result = doctest.testmod(unwrap)
    assert result.attempted > 0 and result.failed == 0
