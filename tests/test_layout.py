"""Tables read as published: key columns, sides, row outlines, totals, page-break continuations.

Every table here is written by us with illustrative figures.
"""
from __future__ import annotations

import pytest

from perfparse.pipeline import check_document, parse_text
from perfparse.readers.builder import DocumentBuilder
from perfparse.statements.layout import analyse, cell_kind, grids, same_partition


def _doc(*tables, gaps=None):
    b = DocumentBuilder()
    for i, rows in enumerate(tables):
        b.add_paragraph((gaps or {}).get(i, f"表{i + 1} 示例表 单位：万元"))
        b.add_table(rows, unit="万元")
    return b.build()


TWO_SIDED = [
    ["收入/项目", "收入/金额", "支出/项目", "支出/金额"],
    ["一、财政拨款收入", "120.00", "一、一般公共服务支出", "90.00"],
    ["1. 一般公共预算资金", "100.00", "二、教育支出", "40.00"],
    ["2. 政府性基金", "20.00", "", ""],
    ["二、事业收入", "15.00", "", ""],
    ["本年收入合计", "135.00", "本年支出合计", "130.00"],
    ["年初结转和结余", "5.00", "年末结转和结余", "10.00"],
    ["收入总计", "140.00", "支出总计", "140.00"],
]

CODED = [
    ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
    ["合计", "", "", "", "60.00", "45.00", "15.00"],
    ["201", "", "", "一般公共服务支出", "50.00", "40.00", "10.00"],
    ["201", "03", "", "政府办公厅（室）及相关机构事务", "50.00", "40.00", "10.00"],
    ["201", "03", "01", "行政运行", "40.00", "40.00", ""],
    ["201", "03", "02", "一般行政管理事务", "10.00", "", "10.00"],
    ["208", "", "", "社会保障和就业支出", "10.00", "5.00", "5.00"],
    ["208", "05", "", "行政事业单位养老支出", "10.00", "5.00", "5.00"],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "10.00", "5.00", "5.00"],
]


def _statuses(doc, rule="table_sum"):
    rep = check_document(doc)
    return {(rep.text[c.start:c.end], c.status, c.basis) for c in rep.checks if c.rule == rule}


class TestCellKind:
    @pytest.mark.parametrize("text,kind", [
        ("", "empty"), ("—", "placeholder"), ("/", "placeholder"), ("201", "int"),
        ("06", "int"), ("2,940.05", "number"), ("97.5%", "number"), ("-3.2", "number"),
        ("合计", "total"), ("本年收入合计", "total"), ("类", "codeword"), ("行政运行", "text")])
    def test_kinds(self, text, kind):
        """Each cell reads as what it holds."""
        assert cell_kind(text) == kind


class TestKeyColumns:
    def test_split_codes_are_keys(self):
        """类 | 款 | 项 columns are keys: their codes are never read as figures."""
        doc = _doc(CODED)
        lay = analyse(grids(doc)[0])
        assert lay.key_cols == frozenset({0, 1, 2})
        rep = check_document(doc)
        assert not any(f.text in ("201", "03", "01", "208", "05") for f in rep.figures)

    def test_serial_numbers_are_keys(self):
        """A column counting the rows (1, 2, 3 …) is an index, not an amount."""
        rows = [["序号", "单位", "人数"], ["1", "办公室", "12"], ["2", "财务科", "5"],
                ["3", "执法队", "30"]]
        doc = _doc(rows)
        assert 0 in analyse(grids(doc)[0]).key_cols
        texts = [f.text for f in check_document(doc).figures]
        assert texts == ["12", "5", "30"]

    def test_integers_of_a_value_column_stay_values(self):
        """Counts under a header after the names are values, not codes."""
        rows = [["项目", "编制数", "实有人数"], ["行政", "30", "28"], ["事业", "205", "199"]]
        doc = _doc(rows)
        assert not analyse(grids(doc)[0]).key_cols

    def test_code_in_label(self):
        """2010301 行政运行 in one cell gives the row its code and level."""
        rows = [["科目", "金额"], ["201 一般公共服务支出", "50.00"],
                ["20103 政府办公厅（室）及相关机构事务", "50.00"], ["2010301 行政运行", "50.00"]]
        side = analyse(grids(_doc(rows))[0]).sides[0]
        assert [p.code for p in side.rows] == ["201", "20103", "2010301"]
        assert [p.parent for p in side.rows] == [None, 1, 2]

    def test_a_count_with_unit_is_no_code(self):
        """37250吨 in a label column is a value with its unit, not a code and a name."""
        rows = [["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["清运量", "≥36000吨", "37250吨", "15", "15"]]
        lay = analyse(grids(_doc(rows))[0])
        assert all(not p.code for s in lay.sides for p in s.rows)


class TestSides:
    def test_two_sided_table_has_two_sides(self):
        """收入项目 | 金额 | 支出项目 | 金额 is read as two sides, named by their header."""
        lay = analyse(grids(_doc(TWO_SIDED))[0])
        assert [(s.name, s.label_cols, s.value_cols) for s in lay.sides] == [
            ("收入", (0,), (1,)), ("支出", (2,), (3,))]

    def test_each_side_sums_its_own_rows(self):
        """Totals add up on each side; nothing is summed across the two."""
        got = _statuses(_doc(TWO_SIDED))
        assert ("135.00", "pass", "explicit") in got     # 120 + 15, nested 1./2. left out
        assert ("130.00", "pass", "explicit") in got
        assert ("120.00", "pass", "explicit") in got     # 一、 = 1. + 2.
        assert ("140.00", "pass", "explicit") in got     # 本年收入合计 + 年初结转和结余
        assert all(status == "pass" for _, status, _ in got)

    def test_two_sided_error_fails(self):
        """A wrong 本年收入合计 on its side fails, explicitly."""
        rows = [list(r) for r in TWO_SIDED]
        rows[5][1] = "145.00"
        rows[7][1] = "150.00"
        got = _statuses(_doc(rows))
        assert ("145.00", "fail", "explicit") in got


class TestOutline:
    def test_code_hierarchy(self):
        """类 = Σ款, 款 = Σ项 by code, and the 合计 row = Σ类 only."""
        side = analyse(grids(_doc(CODED))[0]).sides[0]
        by_row = {p.row: p for p in side.rows}
        assert by_row[3].parent == 2 and by_row[4].parent == 3 and by_row[6].parent is None
        assert side.totals[0].parts == (2, 6) and side.totals[0].opens
        got = _statuses(_doc(CODED))
        assert ("60.00", "pass", "explicit") in got
        assert all(status == "pass" for _, status, _ in got)

    def test_wrong_class_row_fails(self):
        """A 类 row that differs from the sum of its 款 fails; its parent total still passes."""
        rows = [list(r) for r in CODED]
        rows[2][4] = "55.00"
        got = _statuses(_doc(rows))
        assert ("55.00", "fail", "explicit") in got

    def test_restarted_numbering_nests(self):
        """一、二、 restarted under an unnumbered row are that row's breakdown."""
        rows = [["项目", "金额"], ["一、工资福利支出", "30.00"], ["二、商品和服务支出", "20.00"],
                ["本年支出合计", "50.00"], ["年末结转和结余", "6.00"], ["一、基本支出结转", "4.00"],
                ["二、项目支出结转", "2.00"], ["支出总计", "56.00"]]
        side = analyse(grids(_doc(rows))[0]).sides[0]
        by_row = {p.row: p for p in side.rows}
        assert by_row[5].parent == 4 and by_row[6].parent == 4
        assert side.totals[-1].chained == 3 and side.totals[-1].parts == (4,)

    def test_of_which_rows(self):
        """其中 rows break down the row above; a known partition continues the list, anything
        else does not."""
        rows = [["项目", "决算数"], ["因公出国（境）费", "0.00"], ["公务用车购置及运行维护费", "10.46"],
                ["其中：公务用车购置费", "0.00"], ["公务用车运行维护费", "10.46"], ["公务接待费", "2.08"],
                ["合计", "12.54"]]
        side = analyse(grids(_doc(rows))[0]).sides[0]
        by_row = {p.row: p for p in side.rows}
        assert by_row[3].parent == 2 and by_row[4].parent == 2 and by_row[5].parent is None
        got = _statuses(_doc(rows))
        assert ("12.54", "pass", "explicit") in got       # the 三公 partition
        assert ("10.46", "pass", "explicit") in got       # 购置 + 运行维护

    def test_lone_of_which_row_is_at_most_its_whole(self):
        """A lone 其中 row larger than its row fails as a part exceeding its whole."""
        rows = [["项目", "金额"], ["上年结转资金", "20.00"], ["其中：基本支出结转", "25.00"]]
        rep = check_document(_doc(rows))
        assert [(c.rule, c.status) for c in rep.checks] == [("threshold", "fail")]

    def test_unnumbered_children_make_no_claim(self):
        """Rows under a numbered row only by our guess are summed by nobody."""
        rows = [["项目", "金额"], ["一、税收收入", "100.00"], ["增值税", "30.00"], ["契税", "20.00"]]
        assert not _statuses(_doc(rows))

    def test_earlier_year_code_rows_are_inferred(self):
        """A 上年 column's 项 rows follow this year's classification: their sum is inferred."""
        rows = [["科目编码", "科目名称", "2024年决算数", "2025年预算数"],
                ["21305", "巩固脱贫攻坚成果衔接乡村振兴", "120", "77"],
                ["2130505", "生产发展", "6", "7"], ["2130599", "其他巩固脱贫攻坚成果衔接乡村振兴支出", "27", "70"]]
        got = _statuses(_doc(rows))
        assert ("120", "uncertain", "inferred") in got
        assert ("77", "pass", "explicit") in got


class TestHeaderTree:
    def test_three_public_columns(self):
        """合计/预算数 = 出国 + 公务用车 (its 小计) + 接待 per period; 小计 = 购置 + 运行."""
        rows = [["合计/预算数", "合计/决算数", "因公出国（境）费/预算数", "因公出国（境）费/决算数",
                 "公务用车购置及运行费/小计/预算数", "公务用车购置及运行费/小计/决算数",
                 "公务用车购置及运行费/公务用车购置费/预算数", "公务用车购置及运行费/公务用车购置费/决算数",
                 "公务用车购置及运行费/公务用车运行费/预算数", "公务用车购置及运行费/公务用车运行费/决算数",
                 "公务接待费/预算数", "公务接待费/决算数"],
                ["15.00", "12.50", "2.00", "1.00", "10.00", "9.00", "4.00", "4.00", "6.00", "5.00",
                 "3.00", "2.60"]]
        got = _statuses(_doc(rows))
        assert {("15.00", "pass", "explicit"), ("10.00", "pass", "explicit"),
                ("9.00", "pass", "explicit")} <= got
        assert ("12.50", "fail", "explicit") in got        # 1.00 + 9.00 + 2.60 = 12.60

    def test_header_levels_stay_on_their_side(self):
        """收入/项目 over a label column makes no total of the 支出 side's 合计 column across
        the 收入 side's amounts: 合计 = the fund columns of its own side."""
        rows = [["收入", "", "支出", "", "", ""],
                ["项目", "决算数", "项目", "合计", "一般公共预算", "政府性基金"],
                ["一、一般公共预算财政拨款", "75.00", "一、一般公共服务支出", "50.00", "45.00", "5.00"],
                ["二、政府性基金预算财政拨款", "5.00", "二、教育支出", "30.00", "30.00", ""],
                ["本年收入合计", "80.00", "本年支出合计", "80.00", "75.00", "5.00"]]
        got = _statuses(_doc(rows))
        assert got and all(status == "pass" for _, status, _ in got)
        assert ("50.00", "pass", "inferred") in got      # 合计 = 一般公共预算 + 政府性基金
        assert ("80.00", "pass", "explicit") in got      # 本年支出合计 = its classes

    def test_merged_cells_left_blank_in_text(self):
        """A text table shows a merged header cell once: 合计 | (blank) over 预算数 | 决算数.
        The blank is read as the span; being our reading, its columns' sums are inferred, and
        a disagreement is uncertain until a row confirms it."""
        rows = [["合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "",
                 "公务接待费", ""],
                ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""],
                ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数",
                 "预算数", "决算数", "预算数", "决算数"],
                ["15.00", "12.50", "2.00", "1.00", "10.00", "9.00", "4.00", "4.00", "6.00", "5.00",
                 "3.00", "2.60"]]
        doc = _doc(rows)
        lay = analyse(grids(doc)[0])
        assert lay.headers[1] == "合计/决算数"
        assert lay.headers[7] == "公务用车购置及运行费/公务用车购置费/决算数"
        assert lay.headers[11] == "公务接待费/决算数"     # under its own span, not 运行费's
        got = _statuses(doc)
        assert {("15.00", "pass", "inferred"), ("10.00", "pass", "inferred")} <= got
        assert ("12.50", "uncertain", "inferred") in got   # 1.00 + 9.00 + 2.60 = 12.60


class TestContinuation:
    def test_page_break_rows_join_their_table(self):
        """A table cut by a page break (no header, only furniture between) is one table."""
        head = CODED[:5]
        tail = CODED[5:]
        doc = _doc(head, tail, gaps={1: "- 3 -"})
        gs = grids(doc)
        assert len(gs) == 1 and gs[0].tables == (0, 1)
        got = _statuses(doc)
        assert ("60.00", "pass", "explicit") in got

    def test_repeated_header_is_dropped(self):
        """A table printed with its header again on the next page continues the first."""
        doc = _doc(CODED[:5], [CODED[0]] + CODED[5:], gaps={1: ""})
        gs = grids(doc)
        assert len(gs) == 1 and len(gs[0].rows) == len(CODED)

    def test_new_title_starts_a_new_table(self):
        """A caption with 单位 between two tables keeps them apart."""
        doc = _doc(CODED[:5], CODED[5:])
        assert len(grids(doc)) == 2


class TestPartitions:
    def test_same_partition(self):
        """Rows after a 其中 row continue its list only as categories of one known breakdown."""
        assert same_partition("公务用车购置费", "公务用车运行维护费", "公务用车购置及运行维护费")
        assert not same_partition("公务用车购置费", "公务接待费", "公务用车购置及运行维护费")


class TestForms:
    def test_form_total_adds_every_section(self):
        """A 自评表's 总分 row adds the 分值 and 得分 of its funding and indicator sections."""
        text = ("项目资金（万元） | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
                "年度资金总额 | 320.00 | 304.00 | 10 | 95.00% | 9.5\n"
                "一级指标 | 三级指标 | 分值 | 得分\n产出指标 | 改造数量 | 50 | 48\n"
                "效益指标 | 满意度 | 40 | 40\n总分 | | 100 | 97.5\n")
        rep = parse_text(text)
        got = {(rep.text[c.start:c.end], c.status) for c in rep.checks if c.rule == "table_sum"}
        assert ("97.5", "pass") in got and ("100", "pass") in got
