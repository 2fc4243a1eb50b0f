"""Tables laid out in text: a 绩效自评表 in each layout pages and exports carry it, read into
its funding and indicator tables and checked; statistics tables one cell per line.

The form is ours (illustrative figures): it is written out in each layout from one grid.
"""
from __future__ import annotations

import pytest

from perfparse.pipeline import parse_text
from perfparse.readers.texttables import cell_line_tables, cell_stream, selfeval_tables

FORM = [
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "100.00", "120.00", "114.00", "10", "95.00%", "9.5"],
    ["其中：当年财政拨款", "100.00", "110.00", "104.00", "/", "/", "/"],
    ["上年结转资金", "0.00", "10.00", "10.00", "/", "/", "/"],
    ["其他资金", "", "", "", "", "", ""],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标(50分)", "数量指标", "新建村道", "≥12公里", "12.6公里", "20", "20"],
    ["", "质量指标", "验收合格率", "100%", "100%", "15", "15"],
    ["", "时效指标", "按期完工率", "≥95%", "96%", "15", "15"],
    ["效益指标(30分)", "社会效益指标", "通行时间缩短率", "≥20%", "25%", "30", "30"],
    ["满意度指标(10分)", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "10", "10"],
    ["总分", "", "", "", "", "100", "99.5"],
]
TITLE = "项目支出绩效自评表（2023年度）\n项目名称：清溪县农村公路提升项目\n"
END = "评价结论：项目完成良好。\n"


def pipe_rows(grid):
    return "\n".join(" | ".join(row) for row in grid) + "\n"


def cell_per_line(grid):
    """One cell per line, cells parted by blank lines, an empty cell a line of one space."""
    return "\n\n".join(c if c else " " for row in grid for c in row) + "\n"


def pipe_per_line(grid):
    """One cell per line, each closed by a pipe ("cell |"), an empty one a lone pipe."""
    return "\n".join(f"{c} |" if c else "|" for row in grid for c in row) + "\n"


def one_line(grid):
    """Every cell of the form run into one line with single spaces (empty cells lost)."""
    return " ".join(c for row in grid for c in row if c) + "\n"


LAYOUTS = {"pipe rows": pipe_rows, "cell per line": cell_per_line,
           "pipe per line": pipe_per_line, "one line": one_line}


def _doc(layout, grid=FORM):
    return TITLE + LAYOUTS[layout](grid) + END


def _checks(text):
    rep = parse_text(text)
    rel = {r.id: r for r in rep.relations}
    return {(rel[c.relation].type, rep.text[c.start:c.end], c.status) for c in rep.checks}


def _with(**cells):
    """The form with some cells changed: key (row, col) → new text."""
    grid = [list(r) for r in FORM]
    for key, value in cells.items():
        r, c = map(int, key[1:].split("_"))
        grid[r][c] = value
    return grid


class TestStream:
    def test_layouts_give_the_same_cells(self):
        """The four layouts give the form's non-empty cells in the same order."""
        want = [c for row in FORM for c in row if c]
        for layout in LAYOUTS:
            text = LAYOUTS[layout](FORM)
            got = [p.text for p in cell_stream(text, 0, len(text)) if p.text]
            assert got == want, layout

    def test_cells_hold_their_spans(self):
        """Every cell's text is its span's."""
        for layout in LAYOUTS:
            text = _doc(layout)
            for table in selfeval_tables(text):
                for row in table.rows:
                    assert all(text[c.start:c.end] == c.text for c in row), layout


@pytest.mark.parametrize("layout", list(LAYOUTS))
class TestForm:
    def test_two_tables(self, layout):
        """The funding block and the indicator block come back as tables of their columns."""
        funding, indicators = selfeval_tables(_doc(layout))
        assert [c.text for c in funding.rows[1]][:4] == [
            "年度资金总额", "100.00", "120.00", "114.00"]
        assert funding.unit == "万元"
        names = [row[2].text for row in indicators.rows[1:]]
        assert names[:5] == ["新建村道", "验收合格率", "按期完工率", "通行时间缩短率", "群众满意度"]

    def test_consistent_form_passes(self, layout):
        """Every claim of the consistent form passes."""
        checks = _checks(_doc(layout))
        assert {s for _, _, s in checks} == {"pass"}
        assert ("table_sum", "120.00", "pass") in checks     # 年度资金总额 = its sources
        assert ("ratio", "95.00%", "pass") in checks         # 执行率 = 114 ÷ 120
        assert ("table_sum", "50分", "pass") in checks       # 产出指标(50分) = 20 + 15 + 15
        assert ("table_sum", "99.5", "pass") in checks       # 总分 of the scores
        assert ("threshold", "12.6公里", "pass") in checks   # reaches ≥12公里

    def test_total_not_its_sources(self, layout):
        """A 年度资金总额 that its sources do not make fails (and so does its 执行率)."""
        checks = _checks(_doc(layout, _with(r1_3="124.00")))
        assert ("table_sum", "124.00", "fail") in checks
        assert ("ratio", "95.00%", "fail") in checks

    def test_score_over_weight(self, layout):
        """A score above its weight fails."""
        checks = _checks(_doc(layout, _with(r10_6="12", r11_6="101.5")))
        assert ("score", "12", "fail") in checks

    def test_missed_target_with_full_marks(self, layout):
        """An indicator below its ≥ target yet given full marks fails."""
        checks = _checks(_doc(layout, _with(r8_4="90%")))
        assert ("threshold", "90%", "fail") in checks

    def test_missed_target_marked_down_is_no_claim(self, layout):
        """Below target and marked down: the form's own account, nothing to fail."""
        checks = _checks(_doc(layout, _with(r8_4="90%", r8_6="12", r11_6="96.5")))
        assert not any(t == "threshold" and f == "90%" for t, f, _ in checks)
        assert {s for _, _, s in checks} == {"pass"}

    def test_block_points(self, layout):
        """A block's points in its label that its indicators' weights do not make fail."""
        checks = _checks(_doc(layout, _with(r6_0="产出指标(55分)")))
        assert ("table_sum", "55分", "fail") in checks


class TestFormTotal:
    def test_without_funding_block_points_are_inferred(self):
        """A 合计 of weights under a block announcing fewer points (the funding rows not in
        the text) is not failed: the parts may be short."""
        grid = [["绩效指标(90分)", "", "", "", "", "", ""]] + [list(r) for r in FORM[5:]]
        grid[-1][5] = "100"
        rep = parse_text(TITLE + pipe_per_line(grid) + END)
        assert not rep.failed

    def test_level_points_short_of_the_total_are_inferred(self):
        """No funding block read, and the first-level labels' points (90) fall short of the
        合计 of weights (100): the rest is a part we did not read, so no fail."""
        rep = parse_text(TITLE + pipe_rows([list(r) for r in FORM[5:]]) + END)
        totals = [c for c in rep.checks if c.rule == "table_sum"
                  and rep.text[c.start:c.end] in ("100", "99.5")]
        assert totals and all(c.status == "uncertain" for c in totals)

    def test_level_points_making_the_total_are_explicit(self):
        """The labels' points make the whole 合计: a wrong total fails."""
        grid = [list(r) for r in FORM[5:]]
        grid[-1][5], grid[-1][6] = "90", "91"
        rep = parse_text(TITLE + pipe_rows(grid) + END)
        statuses = {rep.text[c.start:c.end]: c.status for c in rep.checks
                    if c.rule == "table_sum"}
        assert statuses["90"] == "pass" and statuses["91"] == "fail"

    def test_merged_level_label_repeated_in_each_row(self):
        """A reader that fills merged cells repeats 产出指标(50分) in each of its rows: still
        one block of 50 points over its three indicators."""
        grid = [list(r) for r in FORM]
        grid[7][0] = grid[8][0] = grid[6][0]
        checks = _checks(_doc("pipe rows", grid))
        assert ("table_sum", "50分", "pass") in checks
        assert not [c for c in checks if c[2] == "fail"]


# 部门整体支出绩效自评表: the total broken down by source and again by the nature of spending,
# with headings between (ours, illustrative).
OVERALL = [
    ["年度预算执行情况（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "500.00", "540.00", "530.00", "10", "98.15%", "9.81"],
    ["按收入性质分", "", "", "", "", "", ""],
    ["其中：一般公共预算", "480.00", "515.00", "505.00", "", "", ""],
    ["其他资金", "20.00", "25.00", "25.00", "", "", ""],
    ["按支出性质分", "", "", "", "", "", ""],
    ["其中：基本支出", "400.00", "420.00", "415.00", "", "", ""],
    ["项目支出", "100.00", "120.00", "115.00", "", "", ""],
] + [list(r) for r in FORM[5:-1]] + [["总分", "", "", "", "", "100", "99.81"]]


class TestOverallForm:
    @pytest.mark.parametrize("layout", ["pipe rows", "cell per line", "pipe per line"])
    def test_two_breakdowns_each_whole(self, layout):
        """By source and by nature, each adds up to the total; neither is summed into the
        other."""
        checks = _checks(TITLE.replace("项目支出", "部门整体支出") + LAYOUTS[layout](OVERALL) + END)
        sums = {(text, status) for kind, text, status in checks if kind == "table_sum"}
        for total in ("500.00", "540.00", "530.00"):
            assert (total, "pass") in sums
        assert not [c for c in checks if c[2] == "fail"]

    @pytest.mark.parametrize("layout", ["pipe rows", "cell per line"])
    def test_nature_breakdown_error_fails(self, layout):
        grid = [list(r) for r in OVERALL]
        grid[7][3] = "125.00"    # 项目支出 全年执行数: 415 + 125 ≠ 530
        checks = _checks(TITLE + LAYOUTS[layout](grid) + END)
        assert ("table_sum", "530.00", "fail") in checks
        assert [c for c in checks if c[2] == "fail"] == [("table_sum", "530.00", "fail")]


class TestCellLineTables:
    TEXT = ("2023年全县生产总值\n\n指 标\n\n绝对数(万元)\n\n比上年增长%\n\n全县生产总值\n\n"
            "500000\n\n6.1\n\n第一产业\n\n100000\n\n4.0\n\n第二产业\n\n150000\n\n7.2\n\n"
            "第三产业\n\n250000\n\n6.3\n\n二、农业\n")

    def test_table_read(self):
        """A statistics table one cell per line comes back with its rows."""
        (table,) = cell_line_tables(self.TEXT)
        assert [c.text for c in table.rows[0]] == ["指 标", "绝对数(万元)", "比上年增长%"]
        assert [c.text for c in table.rows[2]] == ["第一产业", "100000", "4.0"]

    def test_known_breakdown_checked(self):
        """生产总值 over 第一/第二/第三产业 is a known breakdown: explicit, and it adds up;
        the growth column adds up nothing."""
        rep = parse_text(self.TEXT)
        sums = [(rep.text[c.start:c.end], c.status, c.basis) for c in rep.checks
                if c.rule == "table_sum"]
        assert sums == [("500000", "pass", "explicit")]

    def test_breakdown_error_fails(self):
        rep = parse_text(self.TEXT.replace("250000", "260000"))
        assert [(rep.text[c.start:c.end], c.status) for c in rep.failed] == [("500000", "fail")]
