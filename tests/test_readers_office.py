"""Tests for the office and PDF readers (perfparse.readers.office and the modules behind it).

The files under corpus/attachments/ come from scripts/make_attachments.py; each good one has
a NAME.gold.json whose figure texts must appear, in order, in the Document text.
"""
from __future__ import annotations

import functools
import io
import json
import random
import sys
import time
import zipfile
from pathlib import Path

import pytest

from perfparse.errors import BrokenFile, MissingExtra, UnsupportedFormat
from perfparse.readers import office, read_bytes
from perfparse.readers.builder import DocumentBuilder
from perfparse.readers.sheets import emit_table, find_unit, render_number
from perfparse.records import Document
from perfparse.rules import table_units

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "attachments"
XLSX = "qingxi-zwfw-2023-final-accounts-tables.xlsx"
XLS = "qingxi-zwfw-2023-final-accounts-tables.xls"
DOCX = "qingxi-zwfw-2023-project-self-eval.docx"
PDF = "qingxi-zwfw-2023-final-accounts-summary.pdf"
MHT = "qingxi-zwfw-2023-overall-self-eval-mht.doc"


def _make_attachments():
    sys.path.insert(0, str(CORPUS.parent.parent / "scripts"))
    try:
        import make_attachments
    finally:
        sys.path.pop(0)
    return make_attachments


def _bytes(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


@functools.lru_cache(maxsize=None)
def _doc(name: str) -> Document:
    return read_bytes(_bytes(name), name)


def _assert_spans(doc: Document) -> None:
    for table in doc.tables:
        assert doc.text[table.start:table.end].endswith("\n")
        for row in table.rows:
            for cell in row:
                assert doc.text[cell.start:cell.end] == cell.text


def _row_texts(doc: Document, t: int) -> list[list[str]]:
    return [[c.text for c in row] for row in doc.tables[t].rows]


def _assert_gold(name: str) -> None:
    gold = json.loads((CORPUS / (name + ".gold.json")).read_text(encoding="utf-8"))
    text, pos = _doc(name).text, 0
    for fig in gold["figures"]:
        found = text.find(fig["text"], pos)
        assert found >= 0, f"{fig['text']!r} not found after offset {pos}"
        pos = found + len(fig["text"])
    for not_fig in gold["not_figures"]:
        assert not_fig in text


def _xlsx(rows: list[list[object]], merges: tuple[str, ...] = (),
          formats: dict[str, str] | None = None) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    for ref in merges:
        ws.merge_cells(ref)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


class TestReadPdf:
    @pytest.fixture(autouse=True)
    def _needs_pdfplumber(self) -> None:
        pytest.importorskip("pdfplumber")

    def test_table_kept_as_rows_and_cells(self) -> None:
        """The ruled table comes out as one Table whose cells' spans hold their text."""
        doc = _doc(PDF)
        assert len(doc.tables) == 1
        _assert_spans(doc)
        assert _row_texts(doc, 0)[3] == ["公务接待费", "4.00", "2.08", "52.00%"]

    def test_merged_header_joined(self) -> None:
        """A two-row header with spanned cells becomes one row: 金额/预算数."""
        assert _row_texts(_doc(PDF), 0)[0] == ["项目", "金额/预算数", "金额/决算数", "执行率"]

    def test_unit_from_caption_line(self) -> None:
        """The 单位：万元 line just above the table becomes the table's unit."""
        assert _doc(PDF).tables[0].unit == "万元"

    def test_table_text_not_duplicated(self) -> None:
        """Text inside the table's box appears once, as the table, not again as page text."""
        doc = _doc(PDF)
        assert doc.text.count("52.00%") == 1
        assert doc.text.count("公务接待费") == 1

    def test_reading_order_across_pages(self) -> None:
        """Paragraphs before the table, the table, and the next page's text keep their order."""
        text = _doc(PDF).text
        table = _doc(PDF).tables[0]
        assert text.index("二、“三公”经费支出情况") < table.start
        assert table.end <= text.index("“三公”经费决算数比预算数减少2.12万元")
        assert text.index("2.12万元") < text.index("三、政府采购支出情况")

    def test_page_furniture_dropped(self) -> None:
        """The running header and the '- 1 -' page numbers are not in the text."""
        lines = _doc(PDF).text.splitlines()
        assert "清溪县政务服务中心2023年度部门决算" not in lines
        assert "- 1 -" not in lines and "- 2 -" not in lines

    def test_title_metadata(self) -> None:
        """The PDF's Title becomes meta['title']."""
        assert _doc(PDF).meta["title"] == "清溪县政务服务中心2023年度部门决算公开说明（摘要）"

    def test_gold_figures_in_text(self) -> None:
        """Every gold figure text appears, in order, in the Document text."""
        _assert_gold(PDF)

    def test_encrypted_raises_broken_file(self) -> None:
        """A PDF that needs a password raises BrokenFile saying so."""
        with pytest.raises(BrokenFile, match="encrypted"):
            office.read_pdf(_bytes("broken/encrypted.pdf"), "encrypted.pdf")

    def test_truncated_raises_broken_file(self) -> None:
        """A PDF cut short raises BrokenFile naming the truncation."""
        with pytest.raises(BrokenFile, match="truncated"):
            office.read_pdf(_bytes("broken/truncated.pdf"), "truncated.pdf")

    def test_html_page_raises_broken_file(self) -> None:
        """An HTML error page named .pdf raises BrokenFile naming the HTML."""
        with pytest.raises(BrokenFile, match="HTML page"):
            office.read_pdf(_bytes("broken/error-page.pdf"), "error-page.pdf")
        with pytest.raises(BrokenFile, match="HTML page"):
            read_bytes(_bytes("broken/error-page.pdf"), "error-page.pdf")

    def test_not_a_pdf_raises_broken_file(self) -> None:
        """Bytes without a %PDF- header raise BrokenFile."""
        with pytest.raises(BrokenFile, match="not a PDF"):
            office.read_pdf(b"\x00\x01 junk", "x.pdf")

    def test_no_text_layer_is_unsupported(self) -> None:
        """A PDF of images only (a scan) raises UnsupportedFormat mentioning OCR."""
        canvas = pytest.importorskip("reportlab.pdfgen.canvas")
        buf = io.BytesIO()
        c = canvas.Canvas(buf, invariant=1)
        c.rect(100, 100, 200, 200, fill=1)
        c.showPage()
        c.save()
        with pytest.raises(UnsupportedFormat, match="OCR"):
            office.read_pdf(buf.getvalue(), "scan.pdf")

    def test_undecodable_text_is_unsupported(self) -> None:
        """A PDF whose fonts carry no Unicode map (its text would be glyph ids) raises
        UnsupportedFormat."""
        pytest.importorskip("reportlab")
        data = _make_attachments().make_unmapped_pdf("支出", 40)
        with pytest.raises(UnsupportedFormat, match="cannot be decoded"):
            office.read_pdf(data, "cid.pdf")

    def test_unmapped_glyphs_replaced(self) -> None:
        """A few glyphs without a Unicode map become U+FFFD, so the digits their codes
        spell are not read as numbers."""
        pytest.importorskip("reportlab")
        data = _make_attachments().make_unmapped_pdf("本年支出合计比上年增加了", 2)
        assert office.read_pdf(data, "cid.pdf").text == "本年支出合计比上年增加了\ufffd\ufffd万元。\n"

    def test_page_cap(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Pages past MAX_PAGES are not read."""
        from perfparse.readers import pdf
        monkeypatch.setattr(pdf, "MAX_PAGES", 1)
        doc = office.read_pdf(_bytes(PDF), PDF)
        assert "2.12万元" in doc.text and "政府采购" not in doc.text

    def test_missing_pdfplumber_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pdfplumber the error names the 'pdf' extra and the package."""
        monkeypatch.setitem(sys.modules, "pdfplumber", None)
        with pytest.raises(MissingExtra, match=r"perfparse\[pdf\]") as info:
            office.read_pdf(_bytes(PDF), PDF)
        assert "pdfplumber" in str(info.value)


class TestReadOoxml:
    @pytest.fixture(autouse=True)
    def _needs_office(self) -> None:
        pytest.importorskip("openpyxl")
        pytest.importorskip("docx")

    def test_each_sheet_a_table(self) -> None:
        """Each of the three sheets becomes one table with its title and unit."""
        doc = _doc(XLSX)
        _assert_spans(doc)
        assert [t.unit for t in doc.tables] == ["万元", "万元", "万元"]
        assert doc.tables[2].title == "一般公共预算财政拨款“三公”经费支出决算表 单位：万元"

    def test_title_rows_become_a_paragraph(self) -> None:
        """Title and unit rows leave the table and precede it as one line of text."""
        doc = _doc(XLSX)
        title_line = "一般公共预算财政拨款支出决算表 单位：万元\n"
        assert doc.text.index(title_line) + len(title_line) == doc.tables[1].start

    def test_merged_header_rows_joined(self) -> None:
        """Two merged header rows join per column: 决算数/基本支出, 公务用车购置及运行费/购置费."""
        doc = _doc(XLSX)
        assert _row_texts(doc, 0)[0] == ["收入/项目", "收入/决算数", "支出/项目", "支出/决算数"]
        assert _row_texts(doc, 1)[0] == ["科目编码", "科目名称", "决算数/小计", "决算数/基本支出",
                                         "决算数/项目支出"]
        assert _row_texts(doc, 2)[0][3:6] == ["公务用车购置及运行费/小计",
                                              "公务用车购置及运行费/购置费",
                                              "公务用车购置及运行费/运行费"]
        assert all(t.header_rows == 1 for t in doc.tables)

    def test_numbers_rendered_as_displayed(self) -> None:
        """A float sum shows as 1925.67, a code as 2010301, a 0.00% rate as 83.04%."""
        doc = _doc(XLSX)
        assert _row_texts(doc, 0)[-1] == ["本年收入合计", "1925.67", "本年支出合计", "1925.67"]
        assert _row_texts(doc, 1)[1][:3] == ["2010301", "行政运行", "1200.00"]
        assert _row_texts(doc, 2)[-1][:2] == ["执行率", "83.04%"]
        assert "1925.669" not in doc.text and "2010301.0" not in doc.text

    def test_merged_total_label_not_copied_sideways(self) -> None:
        """A 合计 label merged across two data columns is written once."""
        assert _row_texts(_doc(XLSX), 1)[-1] == ["合计", "", "1805.17", "1500.00", "305.17"]

    def test_number_format_and_float_noise(self) -> None:
        """Cell formats decide decimals; integers lose '.0'; float noise never shows."""
        data = _xlsx([["项目", "金额", "比例"], ["收入", 1925.6699999999998, 0.9706],
                      ["人数", 20.0, 0.5]], formats={"B2": "0.00", "C2": "0.00%", "C3": "0%"})
        doc = office.read_ooxml(data, "t.xlsx", ".xlsx")
        assert _row_texts(doc, 0)[1:] == [["收入", "1925.67", "97.06%"], ["人数", "20", "50%"]]

    def test_merged_numbers_not_duplicated(self) -> None:
        """A number merged down two rows is read once, a label merged down is repeated."""
        data = _xlsx([["类别", "项目", "金额"], ["基本支出", "工资", 10], [None, "公用", 5],
                      ["合计", None, 15]], merges=("A2:A3", "C4:C4"))
        doc = office.read_ooxml(data, "t.xlsx", ".xlsx")
        assert _row_texts(doc, 0)[2] == ["基本支出", "公用", "5"]
        data = _xlsx([["项目", "金额"], ["收入", 10], ["支出", None]], merges=("B2:B3",))
        doc = office.read_ooxml(data, "t.xlsx", ".xlsx")
        assert _row_texts(doc, 0)[1:] == [["收入", "10"], ["支出", ""]]

    def test_row_cap(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Rows past MAX_ROWS are not read."""
        from perfparse.readers import sheets
        monkeypatch.setattr(sheets, "MAX_ROWS", 2)
        data = _xlsx([["项目", "金额"], ["收入", 1], ["支出", 2], ["结余", 3]])
        assert _row_texts(office.read_ooxml(data, "t.xlsx", ".xlsx"), 0) == \
            [["项目", "金额"], ["收入", "1"]]

    def test_empty_rows_and_columns_dropped(self) -> None:
        """Rows and columns with no text at all do not reach the table."""
        data = _xlsx([["项目", None, "金额"], [None, None, None], ["收入", None, 3]])
        doc = office.read_ooxml(data, "t.xlsx", ".xlsx")
        assert _row_texts(doc, 0) == [["项目", "金额"], ["收入", "3"]]

    def test_docx_order_preserved(self) -> None:
        """Paragraphs before the table, the table, then paragraphs after, in body order."""
        doc = _doc(DOCX)
        table = doc.tables[0]
        assert doc.text.index("一、项目基本情况") < doc.text.index("附表：项目支出绩效自评表") \
            < table.start < table.end <= doc.text.index("二、自评结论")
        assert doc.text.index("项目自评总分97分") > table.end

    def test_docx_table_cells_and_unit(self) -> None:
        """The 自评表 keeps its cells, its 金额单位 from a title row, and its form rows apart."""
        doc = _doc(DOCX)
        _assert_spans(doc)
        table = doc.tables[0]
        rows = _row_texts(doc, 0)
        assert table.unit == "万元"
        assert rows[0][:3] == ["项目名称", "“一网通办”平台运维项目", ""]
        assert rows[1][0] == "主管部门"
        assert rows[3][1:8] == ["年度资金总额", "80.00", "85.00", "80.75", "10", "95.00%", "9.5"]

    def test_docx_vertical_merge_filled(self) -> None:
        """A 一级指标 label merged down its rows is repeated on each row."""
        rows = _row_texts(_doc(DOCX), 0)
        assert [r[0] for r in rows if r[1] == "数量指标"] == ["产出指标", "产出指标"]
        assert rows[-1][:6] == ["总分", "", "", "", "", "100"]

    def test_docx_unit_from_preceding_paragraph(self) -> None:
        """A '（单位：元）' paragraph right before a table gives the table its unit."""
        docx = pytest.importorskip("docx")
        document = docx.Document()
        document.add_paragraph("表1 收入情况（单位：元）")
        table = document.add_table(rows=2, cols=2)
        for (r, c), text in {(0, 0): "项目", (0, 1): "金额", (1, 0): "收入",
                             (1, 1): "11122315.04"}.items():
            table.cell(r, c).text = text
        buf = io.BytesIO()
        document.save(buf)
        doc = office.read_ooxml(buf.getvalue(), "t.docx", ".docx")
        assert doc.tables[0].unit == "元"
        assert _row_texts(doc, 0)[1] == ["收入", "11122315.04"]

    def test_gold_figures_in_text(self) -> None:
        """Every gold figure text appears, in order, in the xlsx and docx Document text."""
        _assert_gold(XLSX)
        _assert_gold(DOCX)

    def test_zip_bomb_refused(self) -> None:
        """A member that expands over 100:1 is refused before it is decompressed."""
        with pytest.raises(BrokenFile, match="zip bomb"):
            office.read_ooxml(_bytes("broken/zip-bomb.xlsx"), "zip-bomb.xlsx", ".xlsx")

    def test_total_size_cap(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An archive whose members add up past the cap is refused."""
        monkeypatch.setattr(office, "MAX_UNZIPPED_BYTES", 1000)
        with pytest.raises(BrokenFile, match="unpacks to more than"):
            office.read_ooxml(_bytes(XLSX), XLSX, ".xlsx")

    def test_garbage_raises_broken_file(self) -> None:
        """Noise after a zip signature raises BrokenFile, also through read_bytes."""
        with pytest.raises(BrokenFile, match="corrupt zip"):
            office.read_ooxml(_bytes("broken/garbage.docx"), "garbage.docx", ".docx")
        with pytest.raises(BrokenFile):
            read_bytes(_bytes("broken/garbage.docx"), "garbage.docx")

    def test_other_zip_unsupported(self) -> None:
        """A zip that is neither Word nor Excel raises UnsupportedFormat."""
        with pytest.raises(UnsupportedFormat, match="not a Word or Excel file"):
            office.read_ooxml(_zip({"a.txt": b"x"}), "a.zip", ".zip")

    def test_broken_workbook_xml(self) -> None:
        """A zip with Excel member names but no real workbook raises BrokenFile."""
        data = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
        with pytest.raises(BrokenFile, match="xlsx"):
            office.read_ooxml(data, "bad.xlsx", ".xlsx")

    def test_missing_python_docx_names_the_extra(self,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
        """Without python-docx the error names the 'office' extra and the package."""
        monkeypatch.setitem(sys.modules, "docx", None)
        with pytest.raises(MissingExtra, match=r"perfparse\[office\]") as info:
            office.read_ooxml(_bytes(DOCX), DOCX, ".docx")
        assert "python-docx" in str(info.value)


class TestReadOle:
    @pytest.fixture(autouse=True)
    def _needs_xlrd(self) -> None:
        pytest.importorskip("xlrd")

    def test_xls_reads_like_the_xlsx(self) -> None:
        """The .xls twin of the workbook gives the same text and tables as the .xlsx."""
        pytest.importorskip("openpyxl")
        xls, xlsx = _doc(XLS), _doc(XLSX)
        _assert_spans(xls)
        assert xls.text == xlsx.text
        assert [(t.unit, t.title, len(t.rows)) for t in xls.tables] == \
            [(t.unit, t.title, len(t.rows)) for t in xlsx.tables]

    def test_xls_merged_header_joined(self) -> None:
        """Merged cells from the .xls merge list are filled and joined."""
        assert _row_texts(_doc(XLS), 1)[0][2:] == ["决算数/小计", "决算数/基本支出",
                                                   "决算数/项目支出"]

    def test_gold_figures_in_text(self) -> None:
        """Every gold figure text appears, in order, in the .xls Document text."""
        _assert_gold(XLS)

    def test_fake_word_container_is_broken(self) -> None:
        """An OLE signature and a WordDocument name but no real container: BrokenFile.
        (Binary Word files themselves are read: tests/test_readers_doc.py.)"""
        pytest.importorskip("olefile")
        data = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000
                + "WordDocument".encode("utf-16-le") + b"\0" * 100)
        with pytest.raises(BrokenFile, match="damaged OLE container"):
            office.read_ole(data, "report.doc", ".doc")
        with pytest.raises(BrokenFile, match="report.wps"):
            office.read_ole(data, "report.wps", ".wps")

    def test_not_ole_raises_broken_file(self) -> None:
        """Bytes without the OLE signature named .xls raise BrokenFile."""
        with pytest.raises(BrokenFile, match="not one"):
            office.read_ole(b"\x01\x02 not a workbook", "x.xls", ".xls")

    def test_corrupt_ole_workbook(self) -> None:
        """An OLE signature followed by noise raises BrokenFile."""
        with pytest.raises(BrokenFile, match="xls"):
            office.read_ole(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 600, "x.xls", ".xls")

    def test_mht_named_doc(self) -> None:
        """An MHT archive handed to read_ole (a .doc without the OLE signature) is read."""
        pytest.importorskip("perfparse.readers.html")
        assert "1805.17" in office.read_ole(_bytes(MHT), MHT, ".doc").text


class TestReadMht:
    @pytest.fixture(autouse=True)
    def _needs_html_reader(self) -> None:
        pytest.importorskip("perfparse.readers.html")

    def test_table_and_unit(self) -> None:
        """The archived page's table is kept, with the unit its caption declares."""
        doc = office.read_mht(_bytes(MHT), MHT)
        _assert_spans(doc)
        assert len(doc.tables) == 1 and doc.tables[0].unit == "万元"
        assert [c.text for c in doc.tables[0].rows[-1]] == ["合计", "1750.00", "1805.17",
                                                            "1805.17", "100.00%"]

    def test_split_reference_decoded(self) -> None:
        """'&#2=' + newline + '0803;' comes out as 元."""
        doc = office.read_mht(_bytes(MHT), MHT)
        assert "单位：万元" in doc.text and "&#" not in doc.text

    def test_dispatched_from_doc_name(self) -> None:
        """read_bytes reads an MHT named .doc as the page it holds."""
        assert "全年执行1805.17万元" in read_bytes(_bytes(MHT), MHT).text

    def test_gold_figures_in_text(self) -> None:
        """Every gold figure text appears, in order, in the Document text."""
        _assert_gold(MHT)


class TestDecodeMht:
    HEAD = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
            b"--B\r\nContent-Type: text/html; charset=\"%s\"\r\n"
            b"Content-Transfer-Encoding: %s\r\n\r\n")

    def _mht(self, body: bytes, charset: str = "gb2312", cte: str = "quoted-printable") -> bytes:
        return self.HEAD % (charset.encode(), cte.encode()) + body + b"\r\n--B--\r\n"

    def test_soft_break_inside_reference(self) -> None:
        """A reference cut by a soft line break ('&#2=' / '0803;') is whole again."""
        html = office.decode_mht(self._mht(b"<p>&#2=\r\n0803;</p>"), "t.doc")
        assert "&#20803;" in html

    def test_hard_break_inside_reference(self) -> None:
        """A reference cut by a hard line break is rejoined too."""
        html = office.decode_mht(self._mht(b"<p>&#2\r\n0803;</p>", cte="8bit"), "t.doc")
        assert "&#20803;" in html

    def test_gb2312_label_read_as_gb18030(self) -> None:
        """A gb2312 label with a character outside gb2312 (堃) still decodes."""
        body = "<p>堃 1925.67万元</p>".encode("gb18030")
        html = office.decode_mht(self._mht(body, cte="8bit"), "t.doc")
        assert "堃 1925.67万元" in html

    def test_corpus_file(self) -> None:
        """The corpus MHT decodes to HTML with its table and the split reference rejoined."""
        html = office.decode_mht(_bytes(MHT), MHT)
        assert "<td>1805.17</td>" in html and "单位：万&#20803;" in html

    def test_no_html_part(self) -> None:
        """An archive without a text/html part raises BrokenFile."""
        data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
                b"--B\r\nContent-Type: image/png\r\n\r\nxx\r\n--B--\r\n")
        with pytest.raises(BrokenFile, match="HTML part"):
            office.decode_mht(data, "t.mht")


class TestCheckZip:
    def test_normal_archive_passes(self) -> None:
        """The corpus workbook passes the guard."""
        with zipfile.ZipFile(CORPUS / XLSX) as archive:
            office.check_zip(archive, XLSX)

    def test_ratio_cap(self) -> None:
        """A highly compressible member over 1 MB is refused."""
        with zipfile.ZipFile(CORPUS / "broken" / "zip-bomb.xlsx") as archive:
            with pytest.raises(BrokenFile, match="1028:1"):
                office.check_zip(archive, "zip-bomb.xlsx")

    def test_small_members_may_compress_well(self) -> None:
        """Members under 1 MB are not judged by their ratio."""
        data = _zip({"a.xml": b"0" * 500_000})
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            office.check_zip(archive, "a.zip")


class TestRenderNumber:
    CASES = [
        ((1925.6699999999998, "0.00"), "1925.67"),
        ((20.0, "General"), "20"),
        ((0.1 + 0.2, "General"), "0.3"),
        ((0.9706, "0.00%"), "97.06%"),
        ((1234.5, "#,##0.00_ "), "1234.50"),
        ((2.5, "0"), "3"),              # half away from zero, as Excel displays
        ((1.5, "0.0#"), "1.5"),
        ((1.456, "0.0#"), "1.46"),
        ((-0.001, "0.00"), "0.00"),
        ((2010301, "General"), "2010301"),
        ((12.5, '"￥"#,##0.00;[Red]-"￥"#,##0.00'), "12.50"),
    ]

    @pytest.mark.parametrize("args,expected", CASES)
    def test_cases(self, args: tuple[float, str], expected: str) -> None:
        """A number renders as its cell format displays it."""
        assert render_number(*args) == expected


class TestFindUnit:
    CASES = [("单位：万元", "万元"), ("单位:元", "元"), ("（单位：万元）", "万元"),
             ("金额单位：元", "元"), ("单位：人民币万元", "万元"), ("单位：百万元", "百万元"),
             ("单 位 ： 万 元", "万元"), ("（单位：元、%）", "元"),
             ("编制单位：县财政局", None), ("单位名称", None), ("本单位：元旦前完成", None),
             ("单位人数", None),
             ("单位：万元" + "。" * 100, None)]

    @pytest.mark.parametrize("text,unit", CASES)
    def test_cases(self, text: str, unit: str | None) -> None:
        """A caption's unit is found; an organisation name or a long paragraph gives none."""
        assert find_unit(text) == unit

    def test_adversarial_input_is_fast(self) -> None:
        """The rule regexes stay linear on 100,000 characters of near-misses."""
        junk = ("单位" + " " * 3 + "：" * 2 + "1," * 5) * 6000
        start = time.perf_counter()
        table_units.UNIT_CAPTION.search(junk[:100_000])
        table_units.NUMERIC_CELL.fullmatch("1," * 50_000)
        table_units.PAGE_NUMBER.fullmatch("- " + "1 " * 50_000)
        assert time.perf_counter() - start < 1.0


class TestEmitTable:
    def test_form_rows_not_joined(self) -> None:
        """A form whose second row holds new labels keeps both rows."""
        b = DocumentBuilder()
        emit_table(b, [["项目名称", "平台运维", ""], ["主管部门", "中心", "实施单位"],
                       ["资金", "80.00", "85.00"]], [office_merge(0, 1, 0, 2)])
        doc = b.build()
        assert [[c.text for c in r] for r in doc.tables[0].rows][:2] == \
            [["项目名称", "平台运维", ""], ["主管部门", "中心", "实施单位"]]

    def test_lone_label_above_data_is_a_header(self) -> None:
        """A single label over data rows stays a header; over a header it is a title."""
        b = DocumentBuilder()
        table = emit_table(b, [["项目", ""], ["收入", "3"]])
        assert table is not None and table.title == "" and table.rows[0][0].text == "项目"
        table = emit_table(b, [["表1 收入表", ""], ["项目", "金额"], ["收入", "3"]])
        assert table is not None and table.title == "表1 收入表"
        assert b.build().text.endswith("表1 收入表\n项目 | 金额\n收入 | 3\n")

    def test_unit_from_header_cell(self) -> None:
        """Without a caption, one money unit in the header cells is the table's unit."""
        b = DocumentBuilder()
        table = emit_table(b, [["项目", "决算数（万元）", "占比(%)"], ["收入", "3.5", "10%"]])
        assert table is not None and table.unit == "万元"

    def test_all_empty_gives_no_table(self) -> None:
        """A grid of empty cells adds nothing."""
        b = DocumentBuilder()
        assert emit_table(b, [["", None], [" ", ""]]) is None
        assert b.build().text == ""


def office_merge(r0: int, c0: int, r1: int, c1: int) -> object:
    from perfparse.readers.sheets import Merge
    return Merge(r0, c0, r1, c1)


class TestDamagedFiles:
    NAMES = (XLSX, XLS, DOCX, PDF, MHT)

    @pytest.mark.parametrize("name", NAMES)
    def test_mutations_raise_only_perfparse_errors(self, name: str,
                                                   caplog: pytest.LogCaptureFixture) -> None:
        """Cut or byte-flipped copies of each corpus file read or raise PerfparseError."""
        pytest.importorskip("pdfplumber")
        pytest.importorskip("perfparse.readers.html")
        from perfparse.errors import PerfparseError
        data = _bytes(name)
        rng = random.Random(name)
        for _ in range(25):
            damaged = bytearray(data)
            if rng.random() < 0.3:
                damaged = damaged[:rng.randrange(1, len(damaged))]
            else:
                for _ in range(rng.randint(1, 20)):
                    damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            try:
                read_bytes(bytes(damaged), name)
            except PerfparseError:
                pass


class TestAll:
    def test_all_is_complete(self) -> None:
        """office.__all__ names every public function the dispatcher and users need."""
        public = {n for n in vars(office) if callable(getattr(office, n))
                  and not n.startswith("_") and getattr(office, n).__module__.startswith(
                      "perfparse.readers")}
        assert public == set(office.__all__)
