"""Figures: number forms, units, what is not a figure, and the invariants of every figure."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfparse import parse_text
from perfparse.figures import extract_figures
from perfparse.readers.text import read_text

# (text, figure text, value in base unit, unit, kind, decimals)
CASES = [
    ("收入337.10万元。", "337.10万元", "3371000", "万元", "money", 2),
    ("合计3，518.85万元。", "3，518.85万元", "35188500", "万元", "money", 2),
    ("共407,575万元。", "407,575万元", "4075750000", "万元", "money", 0),
    ("预算１２３．４５万元。", "１２３．４５万元", "1234500", "万元", "money", 2),
    ("下降42.5 %。", "42.5 %", "42.5", "%", "percent", 1),
    ("占百分之三十。", "百分之三十", "30", "%", "percent", 0),
    ("安排三百二十万元。", "三百二十万元", "3200000", "万元", "money", 0),
    ("总额1.2亿元。", "1.2亿元", "120000000", "亿元", "money", 1),
    ("增长-2.24%。", "-2.24%", "-2.24", "%", "percent", 2),
    ("提高0.7个百分点。", "0.7个百分点", "0.7", "个百分点", "pp", 1),
    ("接待360人。", "360人", "360", "人", "count", 0),
    ("保障会议241场次。", "241场次", "241", "场次", "count", 0),
    ("人口27.65万人。", "27.65万人", "276500", "万人", "count", 2),
    ("自评得分94分。", "94分", "94", "分", "score", 0),
    ("面积1200平方米。", "1200平方米", "1200", "平方米", "area", 0),
    ("支出5萬元。", "5萬元", "50000", "万元", "money", 0),
    ("数量指标得分 19。", "19", "19", "", "score", 0),
    ("城乡居民收入比为2.08。", "2.08", "2.08", "", "other", 2),
    ("粮食亩产提高50公斤。", "50公斤", "50", "公斤", "other", 0),
    ("采购0台（套）。", "0台（套）", "0", "台（套）", "count", 0),
    ("办结时限≤5个工作日。", "5个工作日", "5", "个工作日", "other", 0),
]
# (text, qualifier, value_max) for figures that are not plain values
QUALIFIED = [
    ("约5万元", "approx", None),
    ("100多万元", "more", None),
    ("3至5亿元", "range", "500000000"),
    ("≥100%", "ge", None),
]
NO_FIGURE = [
    "根据龙办发〔2019〕48号文件",
    "4.2020年度会议",
    "2010399政务运行费",
    "索引号09130195-9-/2023-0417015",
    "发布日期2021-07-06 10:24",
    "电话：0875-6121234",
    "“12345”热线",
    "2020年1月15日——30日",
    "居五县区第1位",
    "资金3.6锟斤拷5万元",
    "金额?????万元",
    "金额3?5万元",
    "采购额IO万元",
    "浏览次数：0 次",
    "通知（2020年版）",
    "收入337.\n10万元",
    "收入3,\n518.85万元",
]
# Characters that make figures, relations and their noise, for the property test.
ALPHABET = "0123456789.,，%万元亿人个项其中比上年增加减少增长下降占为的，。；\n（）() -|１２．分之三百十"
BUGS_CAUGHT = [
    # A glued score-table row must not become one huge percentage.
    ("年度资金总额:202010100.00%10", []),
    # 分别 and 分钟 are not scores.
    ("用时30分钟，分别为", []),
]


def texts(s):
    return [f.text for f in extract_figures(read_text(s))]


class TestNumberForms:
    @pytest.mark.parametrize("text,surface,value,unit,kind,decimals", CASES)
    def test_case(self, text, surface, value, unit, kind, decimals):
        """Each number form is read with the right value, unit, kind and precision."""
        figs = extract_figures(read_text(text))
        assert len(figs) == 1, figs
        f = figs[0]
        assert (f.text, f.value, f.unit, f.kind, f.decimals) == \
            (surface, Decimal(value), unit, kind, decimals)

    @pytest.mark.parametrize("text,qualifier,value_max", QUALIFIED)
    def test_qualified(self, text, qualifier, value_max):
        """Approximate, open-ended, ranged and bounded figures carry their qualifier."""
        f = extract_figures(read_text("金额" + text + "。"))[0]
        assert f.qualifier == qualifier
        assert f.value_max == (None if value_max is None else Decimal(value_max))

    def test_list_inherits_unit(self):
        """Numbers of a 、-list take the unit of the last item."""
        figs = extract_figures(read_text("收、支总计各是4125.49、4143.91万元。"))
        assert [(f.text, f.value) for f in figs] == [
            ("4125.49", Decimal("41254900")), ("4143.91万元", Decimal("41439100"))]


class TestNotFigures:
    @pytest.mark.parametrize("text", NO_FIGURE)
    def test_no_figure(self, text):
        """Codes, dates, document numbers, list numbers and damaged numbers are not figures."""
        assert texts(text) == []

    @pytest.mark.parametrize("text,expected", BUGS_CAUGHT)
    def test_bugs_caught(self, text, expected):
        """Inputs that once produced wrong figures."""
        assert texts(text) == expected


class TestInvariants:
    @settings(max_examples=150, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=200))
    def test_parsing_never_raises_and_spans_hold(self, text):
        """Any text parses, and every figure satisfies text[start:end] == figure.text."""
        rep = parse_text(text)
        for f in rep.figures:
            assert rep.text[f.start:f.end] == f.text
        for c in rep.checks:
            assert 0 <= c.start <= c.end <= len(rep.text)

    def test_adversarial_input_is_fast(self):
        """A 100,000-character adversarial string parses (regexes do not explode)."""
        import time
        text = ("1," * 20000) + ("9" * 30000) + ("增长" * 5000) + "%"
        t = time.perf_counter()
        parse_text(text)
        assert time.perf_counter() - t < 1

    def test_deterministic(self, seed_text):
        """The same input gives byte-identical JSON output."""
        from perfparse.render.data import to_json
        assert to_json([parse_text(seed_text)]) == to_json([parse_text(seed_text)])


class TestTableUnits:
    def test_unit_in_label_column_header(self):
        """项目资金（万元） heading the label column sets the unit of the block's money cells."""
        text = ("项目名称 | 公厕改造\n项目资金（万元） | 全年预算数 | 全年执行数\n"
                "年度资金总额 | 320.00 | 304.00\n")
        figs = extract_figures(read_text(text))
        assert [(f.text, f.value, f.unit, f.kind) for f in figs] == [
            ("320.00", Decimal("3200000"), "万元", "money"),
            ("304.00", Decimal("3040000"), "万元", "money")]

    def test_measure_unit_in_column_header(self):
        """产量（万吨） heading a column gives its cells that unit with its magnitude; the rate
        column beside it stays a percentage."""
        text = "产品名称 | 产量（万吨） | 比上年增长（%）\n猪肉 | 64.73 | 10.3\n牛肉 | 3.16 | -4.4\n"
        figs = extract_figures(read_text(text))
        assert [(f.text, f.value, f.unit, f.kind) for f in figs] == [
            ("64.73", Decimal("647300"), "万吨", "other"), ("10.3", Decimal("10.3"), "%", "percent"),
            ("3.16", Decimal("31600"), "万吨", "other"), ("-4.4", Decimal("-4.4"), "%", "percent")]


class TestSections:
    def test_sublist_does_not_reset_section(self, seed_report):
        """(一)…(十) duty items under 2. do not break 一/(一)/3."""
        f = next(f for f in seed_report.figures if f.text == "13人")
        assert f.section == "一/(一)/3"
