"""Tests for binary Word 97–2003 files (perfparse.readers.doc).

tests/data/doc/*.doc were written by LibreOffice from documents we wrote
(scripts/make_doc_fixtures.py): they test the reader against a real Word writer. The
cases those files do not exercise (8-bit pieces, pieces out of file order, properties in
the Data stream, merged cells by flag, damaged structures) are built with tests/docwriter.py.
"""
from __future__ import annotations

import functools
import json
import struct
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfparse.errors import BrokenFile, InputError, MissingExtra, UnsupportedFormat
from perfparse.pipeline import check_document, parse_bytes
from perfparse.readers import office, read_bytes
from perfparse.records import Document

pytest.importorskip("olefile")
W = pytest.importorskip("docwriter")

DATA = Path(__file__).resolve().parent / "data" / "doc"
CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "attachments"
REPORT = "report.doc"
SELFEVAL = "selfeval.doc"


@functools.lru_cache(maxsize=None)
def _bytes(name: str) -> bytes:
    return (DATA / name).read_bytes()


@functools.lru_cache(maxsize=None)
def _doc(name: str) -> Document:
    return read_bytes(_bytes(name), name)


def _rows(doc: Document, t: int) -> list[list[str]]:
    return [[c.text for c in row] for row in doc.tables[t].rows]


def _assert_spans(doc: Document) -> None:
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                assert doc.text[cell.start:cell.end] == cell.text


def _read(paras: list, **kw) -> Document:
    return read_bytes(W.build(W.DocSpec(paras, **kw)), "t.doc")


def _fib_offset(data: bytes) -> int:
    """Where the WordDocument stream (its FIB) starts in a file written by LibreOffice."""
    for i in range(512, len(data), 512):
        if data[i:i + 2] == b"\xec\xa5":
            return i
    raise AssertionError("no FIB")


class TestLibreOfficeFiles:
    def test_paragraphs_in_order(self) -> None:
        """Headings, prose and tables come out in the document's order."""
        text = _doc(REPORT).text
        order = ["2023年度部门决算公开说明", "一、收入支出决算总体情况\n2023年度收入总计",
                 "表1 收入支出决算表", "二、“三公”经费支出情况\n", "三、其他说明"]
        positions = [text.index(s) for s in order]
        assert positions == sorted(positions)

    def test_field_results_kept_codes_dropped(self) -> None:
        """PAGEREF and HYPERLINK fields leave their results (3, the link text), not codes."""
        text = _doc(REPORT).text
        assert "一、收入支出决算总体情况\t3\n" in text
        assert "本表数据详见清溪县财政局网站公开栏目。" in text
        assert "PAGEREF" not in text and "HYPERLINK" not in text and "_Toc" not in text

    def test_tracked_deletion_and_hidden_text_dropped(self) -> None:
        """Text deleted under tracked changes and hidden text are not what a reader sees."""
        text = _doc(REPORT).text
        assert "预算执行率98.50%，以决算数为准。\n" in text
        assert "95.00%" not in text and "9.99万元" not in text

    def test_line_break_is_a_line(self) -> None:
        """A manual line break (0x0B) ends a line; nothing of it stays in the text."""
        text = _doc(REPORT).text
        assert "支出总计1925.67万元，\n其中：基本支出1500.00万元" in text
        assert "\x0b" not in text and "\x07" not in text and "\r" not in text

    def test_character_outside_the_bmp(self) -> None:
        """A surrogate pair in the UTF-16 text is one character again."""
        text = _doc(REPORT).text
        assert "罕用字𠮷（U+20BB7）" in text
        assert not any("\ud800" <= ch <= "\udfff" for ch in text)

    def test_table_with_spanned_header(self) -> None:
        """决算数 spanning two columns over 基本支出/项目支出 joins into one header row;
        the unit comes from the caption paragraph before the table."""
        doc = _doc(REPORT)
        _assert_spans(doc)
        assert doc.tables[0].unit == "万元"
        assert _rows(doc, 0) == [["项目", "决算数/基本支出", "决算数/项目支出"],
                                 ["一般公共服务支出", "1200.00", "305.17"],
                                 ["社会保障和就业支出", "150.00", "0.00"],
                                 ["住房保障支出", "150.00", "120.50"],
                                 ["合计", "1500.00", "425.67"]]

    def test_nested_table_stays_in_its_cell(self) -> None:
        """A table nested in a cell becomes that cell's text, spaced; the outer rows hold."""
        rows = _rows(_doc(REPORT), 1)
        assert rows[1] == ["公务接待费 接待批次 12 接待人次 96", "4.00", "2.08"]
        assert rows[2] == ["公务用车购置及运行费", "8.50", "8.30"]

    def test_title_from_summary_information(self) -> None:
        """The title property becomes meta['title']."""
        assert _doc(REPORT).meta == {"title": "清溪县政务服务中心2023年度部门决算公开说明"}

    def test_same_as_the_docx(self) -> None:
        """The corpus 自评表 saved as Word 97 reads to the same text and tables as the .docx
        (gridSpan and vMerge there; cell boundaries and merge flags here)."""
        docx = read_bytes((CORPUS / "qingxi-zwfw-2023-project-self-eval.docx").read_bytes(),
                          "x.docx")
        doc = _doc(SELFEVAL)
        _assert_spans(doc)
        assert doc.text == docx.text
        assert [(t.start, t.end, t.unit, t.title) for t in doc.tables] == \
            [(t.start, t.end, t.unit, t.title) for t in docx.tables]
        assert doc.meta == docx.meta

    def test_figures_and_checks(self) -> None:
        """The report's figures are found and its (consistent) arithmetic passes."""
        rep = parse_bytes(_bytes(REPORT), REPORT)
        texts = [f.text for f in rep.figures]
        assert texts[:5] == ["1925.67万元", "125.67万元", "6.98%", "1805.17万元", "120.50万元"]
        assert rep.checks and all(c.status != "fail" for c in rep.checks)
        assert {c.rule for c in rep.checks if c.status == "pass"} >= {"growth_rate", "sum"}

    def test_wps_name(self) -> None:
        """A Word-compatible .wps is read the same way."""
        assert read_bytes(_bytes(REPORT), "report.wps").text == _doc(REPORT).text

    def test_content_decides_not_the_name(self) -> None:
        """A Word file named .xls is read as Word; a workbook named .doc as a workbook."""
        assert read_bytes(_bytes(REPORT), "report.xls").text == _doc(REPORT).text
        xls = (CORPUS / "qingxi-zwfw-2023-final-accounts-tables.xls").read_bytes()
        assert len(read_bytes(xls, "tables.doc").tables) == 3


class TestPieces:
    def test_compressed_piece(self) -> None:
        """8-bit pieces are cp1252 ([MS-DOC] 2.4.1): € is 0x80, “ ” are 0x93/0x94."""
        paras = [W.Para("Cost €12.50 “net”"), W.Para("收入3万元")]
        doc = _read(paras, pieces=[W.Piece(18, compressed=True), W.Piece(6)])
        assert doc.text == "Cost €12.50 “net”\n收入3万元\n"

    def test_pieces_out_of_file_order(self) -> None:
        """The piece table, not the file layout, orders the text."""
        paras = [W.Para("一、收入"), W.Para("Total 3.5"), W.Para("二、支出2万元")]
        lengths = [5, 10, 8]
        doc = _read(paras, pieces=[W.Piece(lengths[0]), W.Piece(lengths[1], compressed=True),
                                   W.Piece(lengths[2])], reverse_pieces=True)
        assert doc.text == "一、收入\nTotal 3.5\n二、支出2万元\n"

    def test_controls_and_objects(self) -> None:
        """Picture and footnote marks vanish, a non-breaking hyphen is '-', a tab stays."""
        doc = _read([W.Para("收入\x013万元\x02，同比\x1e增长\x1f5%\t（注）"), W.Para("页\x0c尾")])
        assert doc.text == "收入3万元，同比-增长5%\t（注）\n页\n尾\n"


class TestCharacterProperties:
    def _doc(self, paras: list, marked: dict[str, bytes], **kw) -> Document:
        text = "".join(p.text + p.mark for p in paras)
        chars = [(text.index(s), text.index(s) + len(s), g) for s, g in marked.items()]
        return _read(paras, chars=chars, **kw)

    @pytest.mark.parametrize("grpprl,seen", [
        (W.DELETED, False), (W.HIDDEN, False),
        (struct.pack("<HB", 0x0800, 0x81), False),     # the opposite of the style's value
        (struct.pack("<HB", 0x0800, 0), True),         # explicitly not deleted
        (struct.pack("<HB", 0x0801, 1), True),         # marked inserted: shown
    ])
    def test_run_kept_or_dropped(self, grpprl: bytes, seen: bool) -> None:
        """A run marked deleted or hidden is dropped; any other run stays."""
        doc = self._doc([W.Para("执行率95.00%98.50%")], {"95.00%": grpprl})
        assert doc.text == ("执行率95.00%98.50%\n" if seen else "执行率98.50%\n")

    def test_run_across_pieces(self) -> None:
        """A deleted run cut by a piece boundary (8-bit then UTF-16, stored in reverse)."""
        paras = [W.Para("Rate 95.00%"), W.Para("执行率98.50%")]
        doc = self._doc(paras, {"95.00%\r执行率": W.DELETED},
                        pieces=[W.Piece(8, compressed=True), W.Piece(14)], reverse_pieces=True)
        assert doc.text == "Rate\n98.50%\n"

    def test_deleted_table_row_leaves_no_text(self) -> None:
        """A row deleted under tracked changes: its cells' text is gone, the table stays."""
        paras = W.table([["项目", "金额"], ["旧行", "9.99"], ["收入", "3"]])
        doc = self._doc(paras, {"旧行": W.DELETED, "9.99": W.DELETED})
        assert [r for r in _rows(doc, 0) if any(r)] == [["项目", "金额"], ["收入", "3"]]


class TestFields:
    CASES = [
        ("a\x13 PAGEREF _Toc1 \\h \x145\x15b", "a5b"),
        ("\x13 HYPERLINK \"http://x.cn/\" \x14财政局网站\x15公开", "财政局网站公开"),
        ("\x13 IF \x13 REF x \x14y\x15 = 1 \x14结果\x15", "结果"),
        ("前\x13 TIME \x15后", "前后"),
        ("收入\x153万元", "收入3万元"),
        ("收入\x13 未闭合 3万元", "收入 未闭合 3万元"),
        ("\x13 TOC \x14目录\x13 PAGEREF a \x142\x15\x15", "目录2"),
    ]

    @pytest.mark.parametrize("raw,text", CASES)
    def test_cases(self, raw: str, text: str) -> None:
        """Codes dropped, results kept, stray markers dropped without taking text."""
        assert _read([W.Para(raw)]).text == text + "\n"

    def test_field_result_over_paragraphs(self) -> None:
        """A TOC field whose result spans paragraphs keeps each paragraph as a line."""
        doc = _read([W.Para("\x13 TOC \\o \x14一、概况\t1"), W.Para("二、收入\t2\x15"),
                     W.Para("正文")])
        assert doc.text == "一、概况\t1\n二、收入\t2\n正文\n"


class TestTables:
    def test_cells_and_rows_from_properties(self) -> None:
        """Cell marks end cells, the row mark (fTtp) ends rows; empty cells are kept."""
        paras = [W.Para("表1（单位：万元）")] + \
            W.table([["项目", "预算数", "决算数"], ["收入", "", "3.00"], ["支出", "2.00", ""]]) + \
            [W.Para("表后文字")]
        doc = _read(paras)
        _assert_spans(doc)
        assert doc.tables[0].unit == "万元"
        assert _rows(doc, 0) == [["项目", "预算数", "决算数"], ["收入", "", "3.00"],
                                 ["支出", "2.00", ""]]
        assert doc.text.endswith("支出 | 2.00 | \n表后文字\n")

    def test_paragraphs_inside_a_cell(self) -> None:
        """Several paragraphs in one cell make one cell's text."""
        paras = [W.Para("基本", "\r", W.IN_TABLE + W.itap(1))] + \
            W.table([["支出", "3"]])
        paras[1].text = "支出"
        doc = _read(paras)
        assert _rows(doc, 0) == [["基本支出", "3"]]

    def test_spans_from_cell_boundaries(self) -> None:
        """A cell as wide as two below it spans two grid columns."""
        paras = W.table([["项目", "决算数"], ["", "基本支出", "项目支出"], ["收入", "2", "1"]],
                        centers=[[0, 2000, 6000], [0, 2000, 4000, 6000],
                                 [0, 2000, 4010, 6000]])
        assert _rows(_read(paras), 0) == [["项目", "决算数/基本支出", "决算数/项目支出"],
                                          ["收入", "2", "1"]]

    def test_vertical_merge_flags(self) -> None:
        """vertMerge 3 starts a block, 1 continues it: the label fills the rows it covers."""
        paras = W.table([["类别", "项目", "金额"], ["基本支出", "工资", "10"], ["", "公用", "5"]],
                        vmerge={(1, 0): 3, (2, 0): 1})
        assert _rows(_read(paras), 0)[2] == ["基本支出", "公用", "5"]

    def test_properties_in_the_data_stream(self) -> None:
        """Row properties too long for their page (sprmPHugePapx) are read from Data."""
        paras = W.table([["项目", "金额"], ["收入", "3"]])
        assert _rows(_read(paras, huge_papx=True), 0) == [["项目", "金额"], ["收入", "3"]]

    def test_piece_property_modifier(self) -> None:
        """A row mark whose fTtp comes from its piece's own sprms (a complex Prm)."""
        cells = [W.Para(text, "\x07", W.IN_TABLE) for text in ("项目", "金额", "", "收入", "3", "")]
        total = sum(len(p.text) + 1 for p in cells)
        # Each row mark alone in a piece whose Prm points to Prc 0 (index << 1 | fComplex).
        pieces = [W.Piece(6), W.Piece(1, prm=0 << 1 | 1), W.Piece(5),
                  W.Piece(1, prm=0 << 1 | 1)]
        assert sum(p.length for p in pieces) == total
        doc = _read(cells, pieces=pieces, prcs=[W.TTP])
        assert _rows(doc, 0) == [["项目", "金额"], ["收入", "3"]]

    def test_without_paragraph_properties(self) -> None:
        """With no PAPX index the 0x07 marks alone still give cells and rows."""
        paras = W.table([["项目", "金额"], ["收入", "3"]]) + [W.Para("完")]
        doc = _read(paras, papx=False)
        assert _rows(doc, 0) == [["项目", "金额"], ["收入", "3"]]
        assert doc.text.endswith("完\n")

    def test_nested_table_depth(self) -> None:
        """Depth-2 cells and rows (itap 2) become text of the enclosing cell."""
        inner = [W.Para("批次", "\r", W.IN_TABLE + W.itap(2) + W.INNER_CELL),
                 W.Para("12", "\r", W.IN_TABLE + W.itap(2) + W.INNER_CELL),
                 W.Para("", "\r", W.IN_TABLE + W.itap(2) + W.INNER_TTP)]
        paras = [W.Para("接待费", "\r", W.IN_TABLE + W.itap(1))] + inner + \
            W.table([["", "4.00"]])[0:]
        doc = _read(paras)
        assert _rows(doc, 0) == [["接待费 批次 12", "4.00"]]

    def test_span_budget(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Once a document's tables have used the grid budget, cells sit one per column."""
        from perfparse.readers import doc as doc_module
        monkeypatch.setattr(doc_module, "MAX_GRID_CELLS", 1)
        spanned = W.table([["项目", "决算数"], ["", "基本支出", "项目支出"], ["收入", "2", "1"]],
                          centers=[[0, 2000, 6000], [0, 2000, 4000, 6000],
                                   [0, 2000, 4000, 6000]])
        doc = _read(spanned + [W.Para("间隔")] + spanned)
        assert _rows(doc, 0)[0] == ["项目", "决算数/基本支出", "决算数/项目支出"]
        assert _rows(doc, 1)[0] == ["项目", "决算数", ""]


class TestRealDoc:
    def test_real_doc_files(self, real_dir: Path) -> None:
        """The real .doc files read: text without Word's control marks, tables whose cell
        spans hold, a unit on most tables, and the whole parse path runs."""
        paths = sorted(p for p in (real_dir / "files").iterdir()
                       if p.suffix.lower() in (".doc", ".wps"))
        if not paths:
            pytest.skip(f"no .doc files under {real_dir / 'files'}")
        for path in paths:
            doc = read_bytes(path.read_bytes(), path.name)
            assert not any(ch in doc.text for ch in "\x07\x0b\x0c\r\x13\x14\x15\x01")
            _assert_spans(doc)
            assert doc.tables and max(len(t.rows[0]) for t in doc.tables) >= 3
            assert sum(1 for t in doc.tables if t.unit) >= len(doc.tables) // 2
            rep = check_document(doc)
            assert len(rep.figures) > 100
            json.dumps(rep.to_dict())


class TestRefused:
    def test_encrypted(self) -> None:
        """fEncrypted in the FIB: BrokenFile saying the document is password protected."""
        with pytest.raises(BrokenFile, match="encrypted"):
            _read([W.Para("收入3万元")], flags=0x0200 | 0x0100)
        data = bytearray(_bytes(REPORT))
        data[_fib_offset(data) + 0x0B] |= 0x01     # high byte of the flags word
        with pytest.raises(BrokenFile, match="encrypted"):
            read_bytes(bytes(data), "locked.doc")

    def test_word_95(self) -> None:
        """A Word 6.0/95 FIB (nFib 104) is refused with a hint."""
        with pytest.raises(UnsupportedFormat, match=r"6\.0/95.*\.docx"):
            _read([W.Para("收入3万元")], nfib=104)

    def test_not_word(self) -> None:
        """An OLE file without a WordDocument stream names what it is, or says it is neither."""
        with pytest.raises(UnsupportedFormat, match="PowerPoint"):
            read_bytes(W.cfb({"PowerPoint Document": b"x", "Pictures": b"y"}), "slides.doc")
        with pytest.raises(UnsupportedFormat, match="not a Word or Excel"):
            read_bytes(W.cfb({"Contents2": b"x"}), "thing.wps")
        with pytest.raises(BrokenFile, match="encrypted"):
            read_bytes(W.cfb({"EncryptionInfo": b"x", "EncryptedPackage": b"y"}), "a.docx")

    def test_missing_table_stream(self) -> None:
        """A FIB that names a table stream the file lacks: BrokenFile naming it."""
        with pytest.raises(BrokenFile, match="1Table"):
            _read([W.Para("收入3万元")], streams={"1Table": None})

    def test_text_past_the_stream(self) -> None:
        """A piece that points past the end of WordDocument: BrokenFile, truncated."""
        spec = W.DocSpec([W.Para("收入3万元" * 500)])     # 6,000 bytes of UTF-16 text
        streams = W.streams(spec)
        streams["WordDocument"] = streams["WordDocument"][:4096]
        with pytest.raises(BrokenFile, match="truncated"):
            read_bytes(W.cfb(streams), "cut.doc")

    def test_missing_olefile_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without olefile the error names the office extra and the package."""
        monkeypatch.setitem(sys.modules, "olefile", None)
        with pytest.raises(MissingExtra, match=r"perfparse\[office\]") as info:
            read_bytes(_bytes(REPORT), REPORT)
        assert "olefile" in str(info.value)

    @pytest.mark.parametrize("fraction", [0.05, 0.2, 0.4, 0.6, 0.8, 0.95])
    def test_truncated_fixture(self, fraction: float) -> None:
        """The LibreOffice file cut short: BrokenFile (or the text it still holds)."""
        data = _bytes(REPORT)
        try:
            doc = read_bytes(data[:int(len(data) * fraction)], REPORT)
        except BrokenFile:
            return
        json.dumps(check_document(doc).to_dict())


def _damage(streams: dict[str, bytes], name: str, edits: list[tuple[int, int]]) -> dict:
    data = bytearray(streams[name])
    for at, value in edits:
        data[at % len(data)] = value
    return {**streams, name: bytes(data)}


_SPEC = W.DocSpec([W.Para("一、收入\x13 PAGEREF a \x143\x15"), W.Para("收入合计3万元，其中A 1万元。")]
                  + W.table([["项目", "金额"], ["收入", "3"]])
                  + [W.Para("Total", "\r")], huge_papx=True, chars=[(0, 2, W.DELETED)])


class TestDamaged:
    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from(["WordDocument", "1Table", "Data"]),
           st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 255)), min_size=1,
                    max_size=12))
    def test_damaged_structures(self, name: str, edits: list[tuple[int, int]]) -> None:
        """Bytes changed in the FIB, piece table, FKP pages or Data: read, or an InputError."""
        damaged = _damage(W.streams(_SPEC), name, edits)
        try:
            doc = read_bytes(W.cfb(damaged), "damaged.doc")
        except InputError:
            return
        json.dumps(check_document(doc).to_dict())

    @settings(max_examples=100, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 26623), st.integers(0, 255)), min_size=1,
                    max_size=20))
    def test_damaged_fixture(self, edits: list[tuple[int, int]]) -> None:
        """Bytes changed anywhere in the LibreOffice file: read, or an InputError."""
        data = bytearray(_bytes(REPORT))
        for at, value in edits:
            data[at % len(data)] = value
        try:
            doc = read_bytes(bytes(data), REPORT)
        except InputError:
            return
        json.dumps(check_document(doc).to_dict())


class TestReadOleDispatch:
    def test_word_dispatched(self) -> None:
        """office.read_ole hands a Word file to the .doc reader."""
        assert office.read_ole(_bytes(REPORT), REPORT, ".doc").text == _doc(REPORT).text

    def test_stream_guess_without_olefile(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without olefile a workbook is still read by xlrd, found by its stream name."""
        pytest.importorskip("xlrd")
        monkeypatch.setitem(sys.modules, "olefile", None)
        xls = (CORPUS / "qingxi-zwfw-2023-final-accounts-tables.xls").read_bytes()
        assert len(office.read_ole(xls, "t.xls", ".xls").tables) == 3

    def test_fixtures_are_small_word_97_files(self) -> None:
        """The committed fixtures are OLE files with a Word 97+ FIB, under 100 kB."""
        for name in (REPORT, SELFEVAL):
            data = _bytes(name)
            assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and len(data) < 100_000
            assert struct.unpack_from("<HH", data, _fib_offset(data)) >= (0xA5EC, 0xC1)
