"""The readers on real published files (../shared/real: files/ and excerpts/).

Nothing of these documents is copied here: files are named by path, figures by value.
Every test skips where ../shared is absent.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path

import pytest

from perfparse.errors import UnsupportedFormat
from perfparse.records import Document, Report

pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")

# The three Putuo 2024 部门决算: their 情况说明 sets digits in a second font whose glyph boxes
# sit below the line, which a layout analysis by position split from their sentences.
PUTUO_FINAL = ("上海市普陀区财政局2024年度部门决算.pdf",
               "上海市普陀区规划和自然资源局2024年度部门决算.pdf",
               "中共上海市普陀区委社会工作部2024年度部门决算.pdf")
# The genre's sentence on income: 本年收入合计 X 万元，其中：财政拨款收入 Y 万元，占 Z%.
INCOME_SENTENCE = re.compile(r"本年收入合计\s?[\d.,]+\s?万元，其中：\s?财政拨款收入\s?[\d.,]+\s?"
                             r"万元，占\s?[\d.]+\s?%")
# A figure cut by a line break: digits, then a break, then its unit; or 万/亿 cut from 元.
CUT_FIGURE = re.compile(r"\d[ ]?\n[ ]?(?:万元|亿元|元|%|％)|[万亿]\n元")


def _files(real: Path) -> list[Path]:
    return sorted(p for folder in ("files", "excerpts") for p in (real / folder).iterdir()
                  if p.is_file() and not p.name.startswith("."))


@functools.lru_cache(maxsize=None)
def _document(path: Path) -> Document | UnsupportedFormat:
    from perfparse.readers import read_path
    try:
        return read_path(path)
    except UnsupportedFormat as exc:
        return exc


@functools.lru_cache(maxsize=None)
def _report(path: Path) -> Report:
    from perfparse.pipeline import check_document
    doc = _document(path)
    assert isinstance(doc, Document), doc
    return check_document(doc)


def _line_of(text: str, start: int) -> str:
    return text[text.rfind("\n", 0, start) + 1:text.find("\n", start)]


class TestRealFiles:
    def test_every_file_reads_without_a_traceback(self, real_dir: Path) -> None:
        """Every real file and excerpt is read into a Document; only a binary Word .doc may
        still be refused (with UnsupportedFormat); every table cell's span holds its text."""
        refused = []
        for path in _files(real_dir):
            doc = _document(path)
            if isinstance(doc, UnsupportedFormat):
                refused.append(path.name)
                assert path.suffix == ".doc" and "binary Word" in str(doc), path.name
                continue
            assert doc.text.strip(), path.name
            for table in doc.tables:
                assert all(doc.text[c.start:c.end] == c.text for row in table.rows
                           for c in row), path.name
        assert len(refused) <= 1, refused

    @pytest.mark.parametrize("name", PUTUO_FINAL)
    def test_putuo_income_sentence_reads_whole(self, real_dir: Path, name: str) -> None:
        """The 情况说明's income sentence is one line: total, 其中 item and share together."""
        report = _report(real_dir / "files" / name)
        assert INCOME_SENTENCE.search(report.text), name

    def test_putuo_income_figures_on_one_line(self, real_dir: Path) -> None:
        """In the 财政局's 决算 the income total, its 财政拨款 part and that part's share
        (gold by value) are figures of one line."""
        report = _report(real_dir / "files" / PUTUO_FINAL[0])
        total = [f for f in report.figures if f.value == Decimal("29462500") and f.unit == "万元"
                 and f.rule == "prose"]
        assert total
        line = _line_of(report.text, total[0].start)
        line_start = report.text.rfind("\n", 0, total[0].start) + 1
        values = {(f.value, f.unit) for f in report.figures
                  if line_start <= f.start < line_start + len(line)}
        assert {(Decimal("29400500"), "万元"), (Decimal("99.79"), "%")} <= values

    def test_shijiazhuang_digits_stay_in_their_sentences(self, real_dir: Path) -> None:
        """The Shijiazhuang report's first revenue sentence (figures by value: 519.7亿元,
        102.5%, 12.8%) is one line, and its claims are found."""
        report = _report(real_dir / "files" / "shijiazhuang_2018_budget_report.pdf")
        first = next(f for f in report.figures if f.value == Decimal("51970000000"))
        line_start = report.text.rfind("\n", 0, first.start) + 1
        line = _line_of(report.text, first.start)
        values = {f.value for f in report.figures
                  if line_start <= f.start < line_start + len(line) and f.unit == "%"}
        assert {Decimal("102.5"), Decimal("12.8")} <= values
        assert len(report.checks) >= 20   # none at all when numbers were split off

    def test_no_figure_is_cut_by_a_line_break(self, real_dir: Path) -> None:
        """Walking every real file: no number is cut from its unit by a line break (the
        message lists where one remains)."""
        cuts = []
        for path in _files(real_dir):
            doc = _document(path)
            if isinstance(doc, UnsupportedFormat):
                continue
            for m in CUT_FIGURE.finditer(doc.text):
                cuts.append(f"{path.name}@{m.start()}: "
                            f"{doc.text[max(0, m.start() - 12):m.end() + 4]!r}")
        assert cuts == []
