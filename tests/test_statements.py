"""The genre's standard tables: recognised and typed, their identities, narrative against
tables, direction words, completeness and codes.

The documents are ours: a small 部门决算 in the genre's layout with illustrative figures.
"""
from __future__ import annotations

import pytest

from perfparse import to_frame
from perfparse.pipeline import parse_text
from perfparse.statements.codes import name_fits
from perfparse.statements.standard import match_title

CONTENTS = """目录
一、收入支出决算总表
二、收入决算表
三、支出决算表
四、一般公共预算财政拨款支出决算表
五、一般公共预算财政拨款基本支出决算表
六、财政拨款“三公”经费支出决算表
"""

TABLES = """收入支出决算总表
单位：万元
收入/项目 | 收入/决算数 | 支出/项目 | 支出/决算数
一、一般公共预算财政拨款收入 | 250.00 | 一、社会保障和就业支出 | 40.00
二、其他收入 | 10.00 | 二、农林水支出 | 215.00
本年收入合计 | 260.00 | 本年支出合计 | 255.00
年初结转和结余 | 5.00 | 年末结转和结余 | 10.00
总计 | 265.00 | 总计 | 265.00
收入决算表
单位：万元
科目编码 | 科目名称 | 本年收入合计 | 财政拨款收入 | 其他收入
合计 |  | 260.00 | 250.00 | 10.00
208 | 社会保障和就业支出 | 40.00 | 40.00 |
20805 | 行政事业单位养老支出 | 40.00 | 40.00 |
2080505 | 机关事业单位基本养老保险缴费支出 | 40.00 | 40.00 |
213 | 农林水支出 | 220.00 | 210.00 | 10.00
21301 | 农业农村 | 220.00 | 210.00 | 10.00
2130101 | 行政运行 | 220.00 | 210.00 | 10.00
支出决算表
单位：万元
科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出
合计 |  | 255.00 | 175.00 | 80.00
208 | 社会保障和就业支出 | 40.00 | 40.00 |
20805 | 行政事业单位养老支出 | 40.00 | 40.00 |
2080505 | 机关事业单位基本养老保险缴费支出 | 40.00 | 40.00 |
213 | 农林水支出 | 215.00 | 135.00 | 80.00
21301 | 农业农村 | 215.00 | 135.00 | 80.00
2130101 | 行政运行 | 215.00 | 135.00 | 80.00
一般公共预算财政拨款支出决算表
单位：万元
科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出
合计 |  | 245.00 | 170.00 | 75.00
208 | 社会保障和就业支出 | 40.00 | 40.00 |
20805 | 行政事业单位养老支出 | 40.00 | 40.00 |
2080505 | 机关事业单位基本养老保险缴费支出 | 40.00 | 40.00 |
213 | 农林水支出 | 205.00 | 130.00 | 75.00
21301 | 农业农村 | 205.00 | 130.00 | 75.00
2130101 | 行政运行 | 205.00 | 130.00 | 75.00
一般公共预算财政拨款基本支出决算表
单位：万元
科目编码 | 科目名称 | 决算数
301 | 工资福利支出 | 150.00
30101 | 基本工资 | 150.00
302 | 商品和服务支出 | 20.00
30201 | 办公费 | 20.00
人员经费合计 |  | 150.00
公用经费合计 |  | 20.00
财政拨款“三公”经费支出决算表
单位：万元
合计/预算数 | 合计/决算数 | 因公出国（境）费/预算数 | 因公出国（境）费/决算数 | 公务用车购置及运行维护费/小计/预算数 | 公务用车购置及运行维护费/小计/决算数 | \
公务用车购置及运行维护费/公务用车购置费/预算数 | 公务用车购置及运行维护费/公务用车购置费/决算数 | 公务用车购置及运行维护费/公务用车运行维护费/预算数 | \
公务用车购置及运行维护费/公务用车运行维护费/决算数 | 公务接待费/预算数 | 公务接待费/决算数
6.00 | 5.20 | 0.00 | 0.00 | 5.00 | 4.50 | 0.00 | 0.00 | 5.00 | 4.50 | 1.00 | 0.70
"""

NARRATIVE = """情况说明
本年收入合计260.00万元，其中：财政拨款收入250.00万元，占96.15%；其他收入10.00万元，占3.85%。
本年支出合计255.00万元，其中：基本支出175.00万元，占68.63%；项目支出80.00万元，占31.37%。
一般公共预算财政拨款支出245.00万元，主要用于以下方面：社会保障和就业支出（类）40.00万元，占16.33%；农林水支出（类）205.00万元，占83.67%。
1、农林水支出（类）农业农村（款）行政运行（项）。年初预算为210.00万元，支出决算为205.00万元。决算数小于预算数的主要原因是人员减少。
一般公共预算财政拨款基本支出170.00万元，其中：人员经费150.00万元，公用经费20.00万元。
“三公”经费财政拨款支出决算为5.20万元，其中：因公出国（境）费决算为0.00万元，公务用车购置及运行维护费决算为4.50万元，公务接待费决算为0.70万元。
"""

DOC = CONTENTS + TABLES + NARRATIVE


def _checks(text: str, rule: str | None = None) -> dict[tuple[str, str], str]:
    """(reported figure, cue) -> status."""
    rep = parse_text(text)
    rel = {r.id: r for r in rep.relations}
    return {(rep.text[c.start:c.end], rel[c.relation].cue): c.status
            for c in rep.checks if rule is None or rel[c.relation].type == rule}


class TestTitles:
    @pytest.mark.parametrize("title,kind", [
        ("收入支出决算总表", "F1"), ("财政拨款收入支出决算总表", "F4"),
        ("一般公共预算财政拨款支出决算表", "F5"), ("支出决算表", "F3"),
        ("一般公共预算财政拨款基本支出决算表", "F6"), ("财政拨款“三公”经费支出决算表", "F7"),
        ("2025年部门收支总表", "B1"), ("财政拨款收支预算总表", "B4"),
        ("一般公共预算支出功能分类预算表", "B5"), ("“三公”经费和机关运行经费预算表", "B9"),
        ("项目支出绩效自评表", "S1"), ("部门整体支出绩效自评表", "S2")])
    def test_title(self, title, kind):
        """Each standard title names its table, the most specific one winning."""
        assert match_title(title)[0] == kind

    def test_sentence_is_no_title(self):
        """A sentence that speaks of a table's subject names no table."""
        assert match_title("八、政府性基金预算财政拨款收入支出决算情况说明") is None


class TestTyped:
    def test_tables_recognised_and_typed(self):
        """Every standard table is typed, in order, with rows keyed by code and name."""
        rep = parse_text(DOC)
        assert [t.kind for t in rep.tables] == ["F1", "F2", "F3", "F5", "F6", "F7"]
        f3 = rep.tables[2]
        assert f3.unit == "万元" and "基本支出" in f3.columns
        coded = {(r.code, r.name, r.level) for r in f3.rows if r.code}
        assert ("2130101", "行政运行", 3) in coded and ("213", "农林水支出", 1) in coded

    def test_frame_has_one_row_per_cell(self):
        """to_frame(report, "tables") gives the cells with their table, row and column."""
        frame = to_frame(parse_text(DOC), "tables")
        row = frame[(frame.kind == "F3") & (frame.code == "213") & (frame.column == "基本支出")]
        assert list(row.value) == ["1350000.00"]

    def test_json_carries_tables_and_findings(self):
        """The report's dict has the typed tables and the findings."""
        d = parse_text(DOC).to_dict()
        assert d["tables"][0]["kind"] == "F1" and d["findings"][0]["kind"] == "completeness"


class TestIdentities:
    def test_consistent_document_passes(self):
        """All identities of a consistent 决算 pass; none fails."""
        checks = _checks(DOC)
        assert "fail" not in checks.values() and "uncertain" not in checks.values()
        assert checks[("265.00", "收入总计=支出总计")] == "pass"
        assert checks[("260.00", "总表与收入决算表")] == "pass"
        assert checks[("170.00", "人员经费+公用经费=基本支出")] == "pass"

    def test_income_and_spending_totals_disagree(self):
        """收入总计 ≠ 支出总计 fails."""
        text = DOC.replace("总计 | 265.00 | 总计 | 265.00", "总计 | 265.00 | 总计 | 266.00")
        assert _checks(text)[("266.00", "收入总计=支出总计")] == "fail"

    def test_same_class_in_two_tables(self):
        """A 类 that differs between the 总表 and the 支出决算表 fails."""
        text = DOC.replace("二、农林水支出 | 215.00", "二、农林水支出 | 216.00")
        assert _checks(text)[("216.00", "同一功能分类")] == "fail"

    def test_template_columns(self):
        """本年支出合计 = 基本支出 + 项目支出 on every row of the 支出决算表."""
        text = DOC.replace("2130101 | 行政运行 | 215.00 | 135.00 | 80.00",
                           "2130101 | 行政运行 | 215.00 | 135.00 | 70.00")
        checks = _checks(text, "table_sum")
        assert checks[("215.00", "表内合计列")] == "fail"


class TestNarrative:
    @pytest.mark.parametrize("old,new,cue", [
        ("本年收入合计260.00万元", "本年收入合计262.00万元", "表文一致:income_total"),
        ("其中：财政拨款收入250.00万元", "其中：财政拨款收入252.00万元", "表文一致:fiscal_income"),
        ("基本支出175.00万元", "基本支出177.00万元", "表文一致:basic"),
        ("农林水支出（类）205.00万元", "农林水支出（类）206.00万元", "表文一致:类"),
        ("支出决算为205.00万元", "支出决算为204.00万元", "表文一致:项"),
        ("人员经费150.00万元", "人员经费151.00万元", "表文一致:personnel"),
        ("公务接待费决算为0.70万元", "公务接待费决算为0.80万元", "表文一致:三公")])
    def test_disagreement_fails(self, old, new, cue):
        """A narrative figure that names a tabled quantity and differs from it fails."""
        assert old in DOC
        checks = _checks(DOC.replace(old, new), "equal")
        failed = [k for k, v in checks.items() if v == "fail"]
        assert [c for _, c in failed] == [cue]

    def test_item_whose_code_was_lost(self):
        """A 项 row whose code cells a reader lost (cut at a page) hangs under a guessed
        parent; named by its class's former name in the narrative, it is still the only row of
        its name, so the item is found and a disagreement fails."""
        text = DOC.replace("2130101 | 行政运行", " | 行政运行").replace(
            "农林水支出（类）农业农村（款）行政运行（项）", "农业水利支出（类）农业农村（款）行政运行（项）")
        assert _checks(text, "equal")[("205.00万元", "表文一致:项")] == "pass"
        broken = text.replace("支出决算为205.00万元", "支出决算为250.00万元")
        assert _checks(broken, "equal")[("250.00万元", "表文一致:项")] == "fail"

    def test_changes_are_no_levels(self):
        """比上年增加 D is a change, never compared with a tabled level."""
        text = DOC + "本年收入合计比上年增加30.00万元。\n"
        assert not any(fig == "30.00万元" for fig, _ in _checks(text, "equal"))


class TestDirectionWords:
    def test_words_agree(self):
        """决算数小于预算数 after 210 and 205 passes."""
        assert _checks(DOC, "threshold")[("205.00万元", "决算数小于预算数")] == "pass"

    def test_wrong_word_fails(self):
        """决算数大于预算数 after a smaller 决算 fails."""
        text = DOC.replace("决算数小于预算数", "决算数大于预算数")
        assert _checks(text, "threshold")[("205.00万元", "决算数大于预算数")] == "fail"

    def test_template_alternative_says_nothing(self):
        """决算数大于（小于）预算数, a template's unfilled choice, is no claim."""
        text = DOC.replace("决算数小于预算数", "决算数大于（小于）预算数")
        assert not _checks(text, "threshold")


class TestCompleteness:
    def test_all_present(self):
        """The contents' tables are all found present."""
        rep = parse_text(DOC)
        assert {f.status for f in rep.findings if f.kind == "completeness"} == {"present"}

    def test_missing_table(self):
        """A table the contents promise but the document lacks is reported missing."""
        start = TABLES.index("财政拨款“三公”经费支出决算表")
        rep = parse_text(CONTENTS + TABLES[:start] + NARRATIVE)
        missing = [f for f in rep.findings if f.status == "missing"]
        assert [f.subject for f in missing] == ["财政拨款“三公”经费支出决算表"]
        assert not rep.failed  # a finding, never an arithmetic fail

    def test_stated_empty(self):
        """A table kept as a heading with 本表无数据 is stated empty."""
        text = DOC.replace(NARRATIVE, "政府性基金预算财政拨款收入支出决算表\n单位：万元\n"
                                      "注：本单位无政府性基金预算财政拨款收入和支出，故本表无数据。\n"
                                      + NARRATIVE)
        rep = parse_text(text)
        empty = [t for t in rep.tables if t.kind == "F8"]
        assert len(empty) == 1 and empty[0].empty and empty[0].stated_empty


class TestCodes:
    def test_names(self):
        """A code's published name, a renamed one and a cut one fit; another name does not."""
        assert name_fits("2080505", "机关事业单位基本养老保险缴费支出")
        assert name_fits("20805", "行政事业单位离退休")     # its name before 2020
        assert name_fits("2013199", "其他党委办公厅（室）及相关机构事务")
        assert name_fits("2101101", "住房公积金") is False
        assert name_fits("2999999", "住房公积金") is None

    def test_mismatched_code_is_a_finding(self):
        """A row whose code names another subject is reported, not failed."""
        text = DOC.replace("2130101 | 行政运行 | 215.00", "2130101 | 农业生产发展 | 215.00")
        rep = parse_text(text)
        codes = [f for f in rep.findings if f.kind == "code"]
        assert [(f.subject, f.status) for f in codes] == [("2130101", "mismatch")]
        assert "行政运行" in codes[0].message
