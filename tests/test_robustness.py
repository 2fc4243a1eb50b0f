"""Nothing a real document or server can contain makes the parse path raise a traceback.

The whole path (read_text / read_bytes → figures → relations → checks → to_dict → JSON) is
driven by property tests: arbitrary text mixing Chinese, digits of several scripts, units,
huge numbers, brackets and list markers; slices and mutations of the real documents' text
(read from ../shared/real at test time, never copied here); binary garbage; and truncated
copies of every attachment format. Faults may only come out as InputError subclasses.
Case tables pin the crashes found so far: Unicode ordinals, oversized numbers, deep nesting.
"""
from __future__ import annotations

import functools
import json
import random
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfparse import parse_text
from perfparse.errors import BrokenFile, InputError
from perfparse.figures import MAX_FIGURE_DIGITS, normalise
from perfparse.judge.intervals import DEFAULT_PRECISION, fmt, working_precision
from perfparse.pipeline import check_document
from perfparse.readers import SUPPORTED, read_bytes
from perfparse.readers.mht import MAX_MULTIPARTS
from perfparse.sections import SectionIndex

ROOT = Path(__file__).resolve().parent.parent
ATTACHMENTS = ROOT / "corpus" / "attachments"
DOC_FIXTURES = Path(__file__).resolve().parent / "data" / "doc"


def _report_json(report) -> dict:
    """The report as a CLI would print it, with the invariants every report keeps."""
    for f in report.figures:
        assert report.text[f.start:f.end] == f.text
    for c in report.checks:
        assert 0 <= c.start <= c.end <= len(report.text)
    return json.loads(json.dumps(report.to_dict(include_text=True), ensure_ascii=False))


def _parse_bytes(data: bytes, name: str) -> None:
    """Read and check a file's bytes; only an InputError may come out."""
    try:
        doc = read_bytes(data, name)
    except InputError:
        return
    _report_json(check_document(doc))


# --------------------------------------------------------------------------- case tables

class TestSectionOrdinals:
    # (text, offset, section path there): markers whose isdigit() is true but int() refuses.
    CASES = [
        ("①收入情况\n本年收入3万元\n②支出情况\n本年支出2万元\n", 20, "②"),
        ("一、概况\n① 收入3万元\n", 8, "一/①"),
        ("² 注：收入3万元\n", 5, ""),
        ("٣. 收入情况\n收入3万元\n", 8, "٣"),
        ("(٢) 支出\n支出2万元\n", 7, "(٢)"),
        ("⑩ 其他\n", 3, "⑩"),
        ("¹²³ 页\n", 3, ""),
    ]

    @pytest.mark.parametrize("text,offset,path", CASES)
    def test_unicode_markers(self, text: str, offset: int, path: str) -> None:
        """Lines starting with ①, ², ٣ … give section paths and never raise."""
        assert SectionIndex(text).at(offset) == path

    @pytest.mark.parametrize("text,offset,path", CASES)
    def test_whole_path(self, text: str, offset: int, path: str) -> None:
        """The same lines go through the whole parse path."""
        _report_json(parse_text(text))


def _newer_digit() -> str | None:
    """A decimal digit of the `regex` module's Unicode that unicodedata does not know."""
    import unicodedata

    import regex
    for cp in range(0x10000, 0x20000):
        if regex.match(r"\d", chr(cp)) and unicodedata.decimal(chr(cp), None) is None:
            return chr(cp)
    return None


_NEWER_DIGIT = _newer_digit()


class TestUnicodeDigits:
    # (text, figure texts, values): decimal digits of other scripts are read as the ASCII
    # digits they are, like full-width ones; the figure's text stays as written.
    CASES = [
        ("收入合计٣٠٠万元", ["٣٠٠万元"], ["3000000"]),
        ("收入合计۱۲۳.۴۵万元", ["۱۲۳.۴۵万元"], ["1234500"]),
        ("支出१२.५%", ["१२.५%"], ["12.5"]),
        ("收入𝟑𝟎𝟎万元，增长𝟓%", ["𝟑𝟎𝟎万元", "𝟓%"], ["3000000", "5"]),
        ("收入３٠0万元", ["３٠0万元"], ["3000000"]),
    ]
    # Superscripts and circled numbers are not decimal digits: never part of a number.
    NO_FIGURE = ["收入²³万元", "支出①②%", "收入⑫万元", "面积²万亩"]

    @pytest.mark.parametrize("text,texts,values", CASES)
    def test_read_as_ascii(self, text: str, texts: list[str], values: list[str]) -> None:
        """The value is the number the digits spell; the span covers them as written."""
        rep = parse_text(text)
        assert [f.text for f in rep.figures] == texts
        assert [f.value for f in rep.figures] == [Decimal(v) for v in values]
        _report_json(rep)

    @pytest.mark.parametrize("text", NO_FIGURE)
    def test_not_digits(self, text: str) -> None:
        """², ① and ⑫ make no figure."""
        assert parse_text(text).figures == ()

    def test_normalise_keeps_length(self) -> None:
        """Every digit maps to one ASCII digit, so offsets into the text stay valid."""
        text = "٣٠٠𝟑३١２ ²①"
        assert normalise(text) == "3003312 ²①" and len(normalise(text)) == len(text)

    def test_checked_like_ascii(self) -> None:
        """A 其中 list in Arabic-Indic digits is checked like one in ASCII digits."""
        rep = parse_text("收入合计٣٠٠万元，其中：税收收入١٠٠万元，非税收入٢٠٠万元。")
        assert [c.status for c in rep.checks if c.rule == "sum"] == ["pass"]
        rep = parse_text("收入合计٣٠٠万元，其中：税收收入١٠٠万元，非税收入٢٥٠万元。")
        assert [c.status for c in rep.checks if c.rule == "sum"] == ["fail"]

    def test_digit_newer_than_unicodedata(self) -> None:
        """A digit `regex` knows but this Python's Unicode data does not is read by its place
        in its run of ten, not refused by unicodedata.decimal()."""
        digit = _NEWER_DIGIT
        if digit is None:
            pytest.skip("this Python knows every digit the regex module knows")
        start = ord(digit) - int(normalise(digit))
        text = "收入" + chr(start + 3) + chr(start) + "万元"
        f, = parse_text(text).figures
        assert f.value == Decimal(300000) and f.text == text[2:]

    @pytest.mark.xfail(strict=True, raises=ValueError,
                       reason="readers/meta.py int()s a date's digits that Python's "
                              "unicodedata does not know (normalise them first)")
    def test_newer_digit_in_a_date_line(self) -> None:
        """Such a digit in a 发布日期 line does not crash the metadata reader."""
        if _NEWER_DIGIT is None:
            pytest.skip("this Python knows every digit the regex module knows")
        base = ord(_NEWER_DIGIT) - int(normalise(_NEWER_DIGIT))
        parse_text("发布日期：2023-0" + chr(base + 5) + "-01\n收入3万元")

    def test_year_in_metadata(self) -> None:
        """A year of other digits is read; a superscript 'year' is ignored, not int()ed."""
        text = "收入3万元，上年2万元。"
        assert _report_json(parse_text(text, meta={"year": "٢٠٢٣"}))
        assert _report_json(parse_text(text, meta={"year": "²"}))


class TestOversizedNumbers:
    BIG = "9" * 30

    def test_value_exact(self) -> None:
        """A 30-digit amount keeps every digit when scaled to 元."""
        f, = parse_text(f"收入{self.BIG}万元").figures
        assert f.value == Decimal(self.BIG + "0000")

    def test_list_that_adds_up_passes(self) -> None:
        """A 其中 list of 25- and 30-digit amounts that adds up passes, exactly."""
        a, b = "1" * 25, "9" * 30
        total = str(int(a) + int(b))
        rep = parse_text(f"收入合计{total}万元，其中：税收收入{a}万元，非税收入{b}万元。")
        assert [c.status for c in rep.checks if c.rule == "sum"] == ["pass"]
        _report_json(rep)

    def test_list_off_by_one_fails(self) -> None:
        """Off by 5 in the 30th digit is a fail: the default 28 digits would round it away."""
        a, b = "1" * 25, "9" * 30
        total = str(int(a) + int(b) + 5)
        rep = parse_text(f"收入合计{total}万元，其中：税收收入{a}万元，非税收入{b}万元。")
        check, = [c for c in rep.checks if c.rule in ("sum", "unit")]
        assert check.status == "fail" and total in check.message
        _report_json(rep)

    def test_many_decimals(self) -> None:
        """Forty decimals on every figure: checked, formatted, serialised."""
        third = "0." + "3" * 40
        rep = parse_text(f"合计1.{'0' * 39}1万元，其中：A {third}万元，B {third}万元，"
                         f"C 0.{'3' * 39}5万元。")
        assert [c.status for c in rep.checks if c.rule == "sum"] == ["pass"]
        _report_json(rep)

    def test_growth_and_share(self) -> None:
        """Rates of huge amounts are computed and shown without an exception."""
        prev, cur = "4" * 30, "5" * 30
        rep = parse_text(f"支出{cur}万元，比上年{prev}万元增长25.0%，占收入{cur}万元的100%。")
        assert {c.rule for c in rep.checks} >= {"growth_rate"}
        _report_json(rep)

    def test_digit_run_over_the_cap_is_no_figure(self) -> None:
        """A run of more than MAX_FIGURE_DIGITS digits is no amount; one at the cap is."""
        assert parse_text("收入" + "1" * (MAX_FIGURE_DIGITS + 1) + "万元").figures == ()
        f, = parse_text("收入" + "1" * MAX_FIGURE_DIGITS + "万元").figures
        assert f.value == Decimal("1" * MAX_FIGURE_DIGITS + "0000")

    def test_long_chinese_numeral(self) -> None:
        """A run of hundreds of Chinese numerals before 元 is no figure and costs no time."""
        start = time.perf_counter()
        rep = parse_text("共" + "九万" * 300 + "元，" + "百分之" + "九" * 300)
        assert rep.figures == ()
        assert time.perf_counter() - start < 2

    def test_working_precision(self) -> None:
        """Ordinary documents keep the default context; huge figures get the digits they need."""
        assert working_precision(parse_text("收入1234567.89万元，增长3.5%").figures) == \
            DEFAULT_PRECISION
        assert working_precision(parse_text(f"收入{self.BIG}.25万元").figures) >= 36

    @pytest.mark.parametrize("value,places,expected", [
        ("1" * 40 + ".5", 0, "1" * 39 + "2"),
        ("-0.0001", 2, "0.00"),
        ("1E+60", 2, "1" + "0" * 60 + ".00"),
    ])
    def test_fmt(self, value: str, places: int, expected: str) -> None:
        """fmt() rounds any finite Decimal, however long, without InvalidOperation."""
        assert fmt(Decimal(value), places) == expected


def _mime(depth: int, body: bytes = "<p>收入合计3万元</p>".encode()) -> bytes:
    out = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B0"\r\n\r\n'
    for i in range(1, depth):
        out += b'--B%d\r\nContent-Type: multipart/related; boundary="B%d"\r\n\r\n' % (i - 1, i)
    out += b'--B%d\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n' % (depth - 1) + body
    for i in range(depth - 1, -1, -1):
        out += b"\r\n--B%d--\r\n" % i
    return out


class TestDeepNesting:
    def test_mht_nested_too_deep(self) -> None:
        """An MHT .doc nested 2,000 deep: a BrokenFile naming the nesting, no RecursionError."""
        with pytest.raises(BrokenFile, match="nested multipart"):
            read_bytes(_mime(2000), "deep.doc")

    def test_mht_nested_within_limit(self) -> None:
        """Nesting up to the limit is read."""
        assert "收入合计3万元" in read_bytes(_mime(MAX_MULTIPARTS), "deep.mht").text

    @pytest.mark.parametrize("html", [
        "<div>" * 3000 + "收入合计3万元" + "</div>" * 3000,
        "<table><tr><td>" * 1000 + "收入合计3万元" + "</td></tr></table>" * 1000,
        "<b>" * 3000 + "收入合计3万元",
    ])
    def test_html_nested_deep(self, html: str) -> None:
        """Deeply nested HTML (closed or not) reads and parses."""
        doc = read_bytes(html.encode("utf-8"), "deep.html")
        assert "收入合计3万元" in doc.text
        _report_json(check_document(doc))

    def test_fields_nested_deep(self) -> None:
        """Word fields nested 10,000 deep (a damaged .doc) read without recursion."""
        docwriter = pytest.importorskip("docwriter")
        pytest.importorskip("olefile")
        text = "\x13 IF " * 10_000 + "\x14收入合计3万元" + "\x15" * 10_000
        data = docwriter.build(docwriter.DocSpec([docwriter.Para(text), docwriter.Para("尾")]))
        doc = read_bytes(data, "deep.doc")
        assert doc.text.endswith("尾\n")


# --------------------------------------------------------------------------- properties

_WORDS = ["收入", "支出", "合计", "其中", "：", "，", "。", "、", "；", "增长", "下降", "比上年",
          "增加", "减少", "占", "为", "分别为", "预算", "决算", "完成率", "得分", "人均",
          "单位：万元", "年", "月", "第", "号", "〔2023〕", "（", "）", "(", ")", "【", "】",
          "《", "》", "一、", "（二）", "3.", "(4)", "①", "②", "²", "³", "\n", "\n\n", " ",
          "\t", " | ", "…", "—", "-", "+", "=", "/", "%", "％", "万元", "亿元", "元", "个百分点",
          "人", "个", "项", "分", "亩", "吨", "万", "亿", "多", "余", "约", "至", "~", "以上",
          "零", "三百二十", "百分之", "点", ".", ",", "，", "?", "\ufffd", "\u3000", "\xa0"]
_DIGIT_SETS = ["0123456789", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९",
               "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "⁰¹²³⁴⁵⁶⁷⁸⁹", "①②③④⑤⑥⑦⑧⑨⑩"]


@st.composite
def _numbers(draw) -> str:
    digits = draw(st.sampled_from(_DIGIT_SETS[:1] * 6 + _DIGIT_SETS))
    length = draw(st.one_of(st.integers(1, 8), st.integers(20, 40), st.integers(95, 110)))
    whole = "".join(draw(st.lists(st.sampled_from(digits), min_size=length, max_size=length)))
    if draw(st.booleans()):
        whole += "." + "".join(draw(st.lists(st.sampled_from(digits), min_size=1,
                                             max_size=draw(st.sampled_from([2, 4, 45])))))
    return whole


_TOKENS = st.one_of(st.sampled_from(_WORDS), _numbers(), st.text(max_size=3))
_TEXTS = st.lists(_TOKENS, max_size=60).map("".join)


# "<?xml" before an HTML page makes BeautifulSoup warn (an error under our warning filter).
# The page is read all the same; the warning belongs silenced in readers/html.py.
@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
class TestNeverRaises:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_TEXTS)
    def test_arbitrary_text(self, text: str) -> None:
        """Any mix of Chinese, digits of any script, units, huge numbers and markers parses."""
        _report_json(parse_text(text))

    @settings(max_examples=60, deadline=None)
    @given(_TEXTS, st.sampled_from([".txt", ".html", ".htm", ".mht", ".doc", ".xls", ".csv"]),
           st.sampled_from(["utf-8", "gb18030", "utf-16"]))
    def test_arbitrary_text_as_file(self, text: str, ext: str, encoding: str) -> None:
        """The same text as a file's bytes, named as any format: read, or an InputError."""
        data = text.encode(encoding, errors="replace")
        if ext in (".html", ".htm"):
            data = b"<html><body><p>" + data + b"</p></body></html>"
        _parse_bytes(data, "x" + ext)

    @settings(max_examples=150, deadline=None)
    @given(st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                            b"MIME-Version: 1.0\r\n", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe"]),
           st.binary(max_size=3000), st.sampled_from(sorted(SUPPORTED) + [""]))
    def test_binary_garbage(self, magic: bytes, body: bytes, ext: str) -> None:
        """Random bytes behind any format's signature, named as any format: only InputError."""
        _parse_bytes(magic + body, "garbage" + ext)


@functools.lru_cache(maxsize=None)
def _real_texts(real: Path) -> tuple[str, ...]:
    """The text of the real excerpts and pages, read at test time (never stored here)."""
    texts = []
    for path in sorted((real / "excerpts").glob("*.txt")):
        texts.append(path.read_text("utf-8", errors="replace"))
    for path in sorted((real / "pages").glob("*.htm*"))[:20]:
        try:
            texts.append(read_bytes(path.read_bytes(), path.name).text)
        except InputError:
            continue
    return tuple(t for t in texts if t)


# Edits a damaged or odd copy of a document can show.
_MUTATIONS = ["", "\n", "①", "٣", "9" * 30, "其中：", "万元", "%", "、", "（", "）", "。",
              "1" * 105, "0.", "增长", "﹪", "²", "\ufffd", "𝟗", "一、", "(1)"]


class TestRealDocuments:
    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_slices_and_mutations(self, real_dir: Path, data) -> None:
        """Slices of real documents' text, with edits spliced in, parse without raising."""
        texts = _real_texts(real_dir)
        if not texts:
            pytest.skip(f"no readable text under {real_dir}")
        text = data.draw(st.sampled_from(texts))
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 4000)))
        piece = text[start:end]
        for _ in range(data.draw(st.integers(0, 6))):
            at = data.draw(st.integers(0, len(piece)))
            cut = data.draw(st.integers(0, 5))
            piece = piece[:at] + data.draw(st.sampled_from(_MUTATIONS)) + piece[at + cut:]
        _report_json(parse_text(piece))

    def test_digits_swapped_for_other_scripts(self, real_dir: Path) -> None:
        """Each real text with its digits in Arabic-Indic script gives the same figures and
        verdicts (the year its metadata block states is handed over: that block's reader
        takes ASCII years only)."""
        table = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
        for text in _real_texts(real_dir)[:15]:
            text = text[:20_000]
            plain = parse_text(text)
            year = plain.meta.get("year")
            other = parse_text(text.translate(table), meta={"year": year} if year else None)
            assert [(f.start, f.end, f.value) for f in plain.figures] == \
                [(f.start, f.end, f.value) for f in other.figures]
            assert [c.status for c in plain.checks] == [c.status for c in other.checks]


def _attachment_files() -> list[Path]:
    files = [p for p in sorted(ATTACHMENTS.glob("*")) if p.is_file()
             and not p.name.endswith((".json", ".md"))]
    return files + sorted(DOC_FIXTURES.glob("*.doc"))


class TestTruncatedFiles:
    @pytest.mark.parametrize("path", _attachment_files(), ids=lambda p: p.name)
    def test_every_cut(self, path: Path) -> None:
        """Each attachment format cut at a dozen points: read, or one InputError."""
        pytest.importorskip("pdfplumber")
        pytest.importorskip("olefile")
        data = path.read_bytes()
        rng = random.Random(path.name)
        cuts = sorted({1, 8, 512, len(data) // 2, len(data) - 1,
                       *(rng.randrange(1, len(data)) for _ in range(7))})
        for cut in cuts:
            _parse_bytes(data[:cut], path.name)

    @pytest.mark.slow
    def test_real_files_whole(self, real_dir: Path) -> None:
        """Every real file and excerpt reads and checks without an exception of any kind."""
        pytest.importorskip("pdfplumber")
        pytest.importorskip("olefile")
        paths = [p for folder in ("files", "excerpts")
                 for p in sorted((real_dir / folder).iterdir())
                 if p.suffix.lower() in SUPPORTED + (".csv",)]
        assert paths
        errors = []
        for path in paths:
            try:
                _report_json(check_document(read_bytes(path.read_bytes(), path.name)))
            except InputError as exc:
                errors.append(f"{path.name}: {exc}")
        assert errors == []

    def test_real_files_cut(self, real_dir: Path) -> None:
        """The real Office and text files cut in half: read, or one InputError."""
        for path in sorted((real_dir / "files").iterdir()):
            if path.suffix.lower() not in (".doc", ".docx", ".xlsx", ".xls", ".html", ".csv"):
                continue
            data = path.read_bytes()
            for cut in (len(data) // 3, len(data) // 2):
                _parse_bytes(data[:cut], path.name)
