"""Tests for perfparse.readers.pdf on PDFs laid out as published ones are.

The PDFs come from scripts/make_attachments.py (make_layout_pdf and friends): our own
text and figures, set the way county portals' PDFs set theirs.
"""
from __future__ import annotations

import functools
import io
import re
import sys
from pathlib import Path

import pytest

from perfparse.errors import MissingExtra, UnsupportedFormat
from perfparse.readers import read_bytes
from perfparse.readers.pdf import read_pdf
from perfparse.records import Document

pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
try:
    import make_attachments as make
finally:
    sys.path.pop(0)


@functools.lru_cache(maxsize=None)
def _layout() -> Document:
    return read_pdf(make.make_layout_pdf(), "layout.pdf")


def _lines(doc: Document) -> list[str]:
    return doc.text.splitlines()


def _assert_spans(doc: Document) -> None:
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                assert doc.text[cell.start:cell.end] == cell.text


class TestReadingOrder:
    @pytest.mark.parametrize("shift", [5, 8, 14])
    def test_digits_on_a_lower_baseline_stay_in_their_sentence(self, shift: float) -> None:
        """Digits whose font puts them 5–14 pt below the line, to a layout analysis by
        position, stay inside their sentences."""
        data = make.make_baseline_pdf(shift)
        lines = _lines(read_pdf(data, "baseline.pdf"))
        for paragraph in make.LAYOUT_PAGES[0]:
            assert paragraph in lines

    @pytest.mark.parametrize("shift", [5, 14])
    def test_the_files_reproduce_the_failure(self, shift: float) -> None:
        """pdfplumber's text of the same file puts the numbers on lines of their own:
        the test above would catch a return to position-based reading."""
        import pdfplumber
        with pdfplumber.open(io.BytesIO(make.make_baseline_pdf(shift))) as pdf:
            text = pdf.pages[0].extract_text()
        assert "1925.67万元" not in text
        assert re.search(r"^2023 1925\.67 120\.50$", text, re.M)

    def test_wrapped_paragraphs_come_back_whole(self) -> None:
        """Every paragraph typeset over several printed lines reads as one line."""
        lines = _lines(_layout())
        for paragraph in make.LAYOUT_PAGES[0]:
            assert paragraph in lines

    def test_the_layout_splits_what_it_should(self) -> None:
        """The typesetter really cut the figures the tests above see whole."""
        printed = [line for p in make.LAYOUT_PAGES[0] for line in make.typeset(p)]
        pairs = list(zip(printed, printed[1:]))
        assert any(a.endswith("增") and b.startswith("长") for a, b in pairs)
        assert any(a.endswith("万") and b.startswith("元") for a, b in pairs)
        assert any(a.endswith("2.12") and b.startswith("万元") for a, b in pairs)
        assert any(a.endswith("其他收入") and b.startswith("120.50万元") for a, b in pairs)

    def test_sentence_runs_on_across_a_page_break(self) -> None:
        """The paragraph cut by the page break (and the page's header) is one line."""
        assert make.LAYOUT_PAGES[0][-1] in _lines(_layout())

    def test_footnotes_follow_the_sentence_they_interrupted(self) -> None:
        """Footnotes at the foot of page 1, which pdfium reads before the end of the
        sentence running on to page 2, come after that sentence, each a line of its own."""
        lines = _lines(_layout())
        end = lines.index(make.LAYOUT_PAGES[0][-1])
        assert lines[end + 1:end + 3] == list(make.LAYOUT_NOTES)

    def test_letter_spacing_collapses(self) -> None:
        """A justified line with a gap between characters reads as words, and joins the
        line after it; figures in a spaced row stay two numbers."""
        lines = _lines(_layout())
        assert "".join(make.LAYOUT_SPACED) in lines
        assert "项目支出合计 12.50 10.38" in lines

    def test_furniture_drawn_first_is_dropped(self) -> None:
        """The running header and '- 1 -' are gone though pdfium reads them first."""
        lines = _lines(_layout())
        assert f"{make.DEPT}{make.YEAR}年度部门决算" not in lines
        assert "- 1 -" not in lines and "- 2 -" not in lines
        assert lines[0] == make.LAYOUT_PAGES[0][0]


class TestTables:
    def test_table_beside_prose(self) -> None:
        """The ruled table is one Table with the caption's unit; prose above and below it
        and the note beside it are text outside the table."""
        doc = _layout()
        assert len(doc.tables) == 1
        table = doc.tables[0]
        _assert_spans(doc)
        assert [[c.text for c in row] for row in table.rows] == make.LAYOUT_TABLE
        assert table.unit == "万元"
        lines = _lines(doc)
        above, below = lines.index(make.LAYOUT_TABLE_ABOVE), lines.index(make.LAYOUT_TABLE_BELOW)
        assert above < lines.index("项目 | 预算数 | 决算数") < below
        note = doc.text.index(make.LAYOUT_TABLE_NOTE)
        assert doc.table_at(note) is None

    def test_rotated_page(self) -> None:
        """A table on a page shown rotated (/Rotate 90) reads in rows as displayed."""
        doc = read_pdf(make.make_rotated_table_pdf(), "rotated.pdf")
        assert [[c.text for c in row] for row in doc.tables[0].rows] == make.LAYOUT_TABLE

    def test_page_without_lines_finds_no_table(self) -> None:
        """Pages that draw no ruling lines are read as text alone: the layout's first page
        gives no table, and a PDF without lines none at all."""
        doc = _layout()
        assert doc.tables[0].start > doc.text.index(make.LAYOUT_PAGES[0][-1])
        assert read_pdf(make.make_baseline_pdf(5), "b.pdf").tables == ()


class TestFigures:
    def test_split_figures_are_read_with_their_units(self) -> None:
        """Figures a wrap had cut read whole: value, unit and kind."""
        from perfparse.pipeline import check_document
        report = check_document(_layout())
        found = {(f.text, f.unit) for f in report.figures}
        for text in ("120.50万元", "2.12万元", "1500.20万元", "345.47万元", "16.96%",
                     "10.00万元", "0.38万元"):
            assert (text, text[-2:] if text.endswith("万元") else "%") in found, text

    def test_checks_pass_on_the_rejoined_text(self) -> None:
        """The document's own arithmetic holds once its sentences are whole: no fail, and
        the growth rate split as 增⏎长 is checked."""
        from perfparse.pipeline import check_document
        report = check_document(_layout())
        assert not report.failed, [c.message for c in report.failed]
        rates = [c for c in report.checks if c.rule == "growth_rate"]
        assert any(c.status == "pass" and "6.68" in (c.reported or "") for c in rates)


class TestDamage:
    def test_unmapped_glyphs_become_replacement_characters(self) -> None:
        """A few glyphs of a font without a Unicode map read as U+FFFD, not as the digits
        their codes would spell."""
        doc = read_pdf(make.make_unmapped_pdf("本年支出合计比上年增加了", 2), "u.pdf")
        assert doc.text == "本年支出合计比上年增加了\ufffd\ufffd万元。\n"

    def test_mostly_unmapped_text_is_unsupported(self) -> None:
        """A PDF whose text is mostly glyph ids raises UnsupportedFormat."""
        with pytest.raises(UnsupportedFormat, match="cannot be decoded"):
            read_pdf(make.make_unmapped_pdf("支出", 40), "u.pdf")

    def test_missing_pypdfium2_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pypdfium2 the error names the 'pdf' extra and the package."""
        monkeypatch.setitem(sys.modules, "pypdfium2", None)
        with pytest.raises(MissingExtra, match=r"perfparse\[pdf\]") as info:
            read_bytes(make.make_baseline_pdf(5), "b.pdf")
        assert "pypdfium2" in str(info.value)


class TestThreads:
    def test_many_threads_read_as_one(self) -> None:
        """pdfium is not thread-safe: a batch worker reads attachments on many host threads at
        once. Reading the corpus PDFs from 8 threads together gives each thread the document
        one thread alone gets (without the reader's lock pdfium crashes the process)."""
        from concurrent.futures import ThreadPoolExecutor
        pdfs = sorted((ROOT / "corpus" / "attachments").glob("*.pdf"))
        assert pdfs
        alone = {p: read_pdf(p.read_bytes(), str(p)).text for p in pdfs}
        with ThreadPoolExecutor(8) as pool:
            got = list(pool.map(lambda p: (p, read_pdf(p.read_bytes(), str(p)).text),
                                pdfs * 12))
        assert all(text == alone[p] for p, text in got)
