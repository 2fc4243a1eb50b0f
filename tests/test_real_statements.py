"""The genre's standard tables on real published files (../shared/real/files): every standard
table present is recognised and typed; the template is nine tables, empty; the table and
narrative checks fail exactly where the documents' own numbers disagree (each verified by
hand), nowhere else.

Nothing of these documents is copied here: files are named by path, figures by value.
Every test skips where ../shared is absent.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from perfparse.records import Report

pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")

FINAL = tuple(f"F{i}" for i in range(1, 10))
BUDGET_SHANGHAI = ("B1", "B2", "B3", "B4", "B5", "B7", "B8", "B6", "B9")
BUDGET_JIANGSU = ("B1", "B2", "B3", "B4", "B10", "B11", "B5", "B6", "B9", "B7", "B12", "B13")

# Per file: the standard tables in document order, and those that hold no figure.
TABLES = {
    "上海市普陀区财政局2024年度部门决算.pdf": (FINAL, {"F8", "F9"}),
    "上海市普陀区规划和自然资源局2024年度部门决算.pdf": (FINAL, {"F8", "F9"}),
    "中共上海市普陀区委社会工作部2024年度部门决算.pdf": (FINAL, {"F7", "F8", "F9"}),
    "附件2：部门决算模板.pdf": (FINAL, set(FINAL)),
    "上海市普陀区财政局部门25年预算.pdf": (BUDGET_SHANGHAI, {"B7", "B8"}),
    "shanghai-putuo-welfare-home-2024-unit-budget.pdf": (BUDGET_SHANGHAI, {"B7", "B8"}),
    "省人大办公厅2018预算公开.pdf": (BUDGET_JIANGSU, {"B7"}),
    "江苏省人大常委会办公厅2019年部门预算公开表.pdf": (BUDGET_JIANGSU, {"B7"}),
    "江苏省委办公厅2018年度部门预算公开表.pdf": (BUDGET_JIANGSU, {"B7"}),
    "江苏省委办公厅2019年度部门预算公开表格.pdf": (BUDGET_JIANGSU, {"B7"}),
    "江苏省政协办公厅2018度部门预算公开表.pdf": (BUDGET_JIANGSU, {"B7"}),
    "江苏省政协办公厅2019年预算公开表.pdf": (BUDGET_JIANGSU, {"B7"}),
}

# Per file: the reported figures of the fails from tables and from narrative-against-table
# claims, each a real error of the document, verified by hand (the note in the report says
# how). Every other file has none.
REAL_ERRORS = {
    # §四's 财政拨款收入支出总计 against its 财政拨款收支决算总表's 总计 (2,961.68).
    "上海市普陀区财政局2024年度部门决算.pdf": ["0.3万元"],
    # §六 names 一般公共预算财政拨款基本支出 and gives the all-fund 基本支出 (5377.64, F3) and a
    # 人员经费 made from it; the tables say 5364.75 and 4884.09 (F5, F6 agree with each other).
    "上海市普陀区规划和自然资源局2024年度部门决算.pdf": ["5377.64 万元", "4896.98 万元"],
    # 职业年金缴费支出（项）887.36万元, whose table row is 873,617.00元 (87.36万元); the
    # explanation is printed twice.
    "上海市普陀区财政局部门25年预算.pdf": ["887.36万元", "887.36万元"],
    # 社会福利事业单位（项）738.66万元 against its 一般公共预算 row 6,964,796元; the items listed
    # add to 991.59 against 财政拨款支出预算 950.12.
    "shanghai-putuo-welfare-home-2024-unit-budget.pdf": ["738.66万元"],
    # 附表10's 本年支出合计 调整预算数 222381 over its numbered items 218676 (its 完成数
    # column adds up exactly; 九、其他支出's items make 35662, not 32662).
    "chengde_2025_budget_report.docx": ["222381"],
    # 七、债务限额 of the counties: 735.64 = 818.26 − 82.62, but its 一般债务 285.08 is
    # 324.13 − 66.05 = 258.08 (the two digits swapped).
    "hotan_2025_final_budget_decision.doc": ["735.64"],
}
TABLE_RELATIONS = ("table_sum", "equal")
# The other real files: reports, workbooks and explanations without the standard set.
OTHERS = ("lijiang_2025_budget_attachment.xlsx", "ezhou_2025_budget_execution_report.pdf",
          "fushun_2025_final_budget_report.html", "luoyang_2025_budget_report.pdf",
          "sanya_2025_budget_execution_report.html", "shijiazhuang_2018_budget_report.pdf",
          "yinchuan_2025_budget_report.pdf", "江苏省人大常委会2019年度部门预算公开.pdf",
          "江苏省委办公厅2018年度部门预算公开文件.pdf", "江苏省委办公厅2019年度部门预算公开文件.pdf",
          "江苏省政协办公厅2018年度部门预算.pdf", "江苏省政协办公厅2019年度部门预算.pdf")


@functools.lru_cache(maxsize=None)
def _report(path: Path) -> Report:
    from perfparse.pipeline import parse_file
    return parse_file(path)


class TestRecognised:
    @pytest.mark.parametrize("name", sorted(TABLES))
    def test_standard_tables(self, real_dir: Path, name: str) -> None:
        """Each file's standard tables are recognised, in order, typed with rows; the empty
        ones (and only they) are found empty."""
        kinds, empty = TABLES[name]
        rep = _report(real_dir / "files" / name)
        assert tuple(t.kind for t in rep.tables) == kinds
        assert {t.kind for t in rep.tables if t.empty} == empty
        assert all(t.rows for t in rep.tables if not t.empty)

    def test_template_is_nine_empty_tables(self, real_dir: Path) -> None:
        """The national template: the nine 决算 tables, all present and empty, none missing."""
        rep = _report(real_dir / "files" / "附件2：部门决算模板.pdf")
        found = [f for f in rep.findings if f.kind == "completeness"]
        assert [f.status for f in found] == ["empty"] * 9

    def test_codes_fit_their_names(self, real_dir: Path) -> None:
        """No 功能分类 code of the real files is reported against its name."""
        for name in TABLES:
            rep = _report(real_dir / "files" / name)
            assert not [f for f in rep.findings if f.kind == "code"], name


class TestFails:
    @pytest.mark.parametrize("name", sorted(set(TABLES) | set(REAL_ERRORS) | set(OTHERS)))
    def test_fails_are_the_real_errors(self, real_dir: Path, name: str) -> None:
        """The fails of table and narrative-against-table claims are the document's real
        errors, and nothing else."""
        rep = _report(real_dir / "files" / name)
        kinds = {r.id: r.type for r in rep.relations}
        fails = sorted(rep.text[c.start:c.end] for c in rep.failed
                       if kinds.get(c.relation) in TABLE_RELATIONS)
        assert fails == sorted(REAL_ERRORS.get(name, [])), name

    def test_putuo_share_of_its_class(self, real_dir: Path) -> None:
        """The Putuo 财政局's 一般公共服务支出 share (71.73% of 2940.05 for 71.65%) fails."""
        rep = _report(real_dir / "files" / "上海市普陀区财政局2024年度部门决算.pdf")
        assert any(rep.text[c.start:c.end] == "71.73%" for c in rep.failed)
