"""Page bytes to text: header, then <meta charset>, then detection; gb2312/gbk read as gb18030."""
from __future__ import annotations

import codecs

import pytest
import requests

from perfparse.errors import UndecodableInput
from perfparse.readers.encoding import decode_html, header_charset, meta_charset, normalise
from portal import serve

# Characters outside GB2312 that county pages carry anyway (names, rare surnames).
OUTSIDE_GB2312 = "珺镕䶮"
REPORT = "本年收入合计3180.46万元，比上年增加249.52万元，增长7.99%。"


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>决算</title></head><body><p>{body}</p></body></html>"


# (why, bytes, Content-Type, expected codec)
CASES = [
    ("gb2312 header, characters outside gb2312",
     page(REPORT + OUTSIDE_GB2312).encode("gb18030"), "text/html; charset=gb2312", "gb18030"),
    ("gbk header", page(REPORT).encode("gbk"), "text/html; charset=GBK", "gb18030"),
    ("header says UTF-8, bytes are GBK (a lying header)",
     page(REPORT + OUTSIDE_GB2312).encode("gb18030"), "text/html; charset=utf-8", "gb18030"),
    ("no header, <meta charset> only",
     page(REPORT, '<meta charset="gb2312">').encode("gb18030"), "text/html", "gb18030"),
    ("no header, <meta http-equiv> only",
     page(REPORT, '<meta http-equiv="Content-Type" content="text/html; charset=gbk">')
     .encode("gbk"), None, "gb18030"),
    ("no label at all, GBK bytes", page(REPORT * 3).encode("gbk"), None, "gb18030"),
    ("no label at all, UTF-8 bytes", page(REPORT).encode("utf-8"), None, "utf-8"),
    ("gb2312 label on bytes that are plainly UTF-8",
     page(REPORT, '<meta charset="gb2312">').encode("utf-8"), "text/html; charset=gb2312",
     "utf-8"),
    ("server default latin-1 header loses to <meta charset>",
     page(REPORT, '<meta charset="gbk">').encode("gbk"), "text/html; charset=ISO-8859-1",
     "gb18030"),
    ("UTF-8 BOM beats every label", codecs.BOM_UTF8 + page(REPORT).encode("utf-8"),
     "text/html; charset=gbk", "utf-8"),
]


class TestDecodeHtml:
    @pytest.mark.parametrize("why, data, ctype, codec", CASES, ids=[c[0] for c in CASES])
    def test_cases(self, why: str, data: bytes, ctype: str | None, codec: str) -> None:
        """Each labelling of a report page decodes to the original text with the right codec."""
        text, used = decode_html(data, ctype)
        assert used == codec
        assert REPORT in text
        assert not text.startswith("\ufeff")

    def test_outside_characters_survive(self) -> None:
        """Characters outside gb2312 in a gb2312-labelled page come back intact."""
        text, _ = decode_html(page(OUTSIDE_GB2312).encode("gb18030"), "text/html; charset=gb2312")
        assert OUTSIDE_GB2312 in text

    def test_binary_garbage_raises(self) -> None:
        """Bytes that are text in no encoding raise UndecodableInput, not mojibake."""
        data = bytes(range(128, 256)) * 40
        with pytest.raises(UndecodableInput):
            decode_html(data, "text/html; charset=utf-8")


class TestLabels:
    def test_normalise(self) -> None:
        """Subset labels map to gb18030; unknown labels to None."""
        assert normalise("GB2312") == normalise("x-gbk") == normalise("cp936") == "gb18030"
        assert normalise("UTF8") == "utf-8"
        assert normalise("no-such-charset") is None

    def test_header_and_meta(self) -> None:
        """Charset labels are read from a Content-Type header and from either meta form."""
        assert header_charset('text/html; charset="GB2312"') == "GB2312"
        assert header_charset("text/html") is None
        assert meta_charset(b'<meta charset=utf-8>') == "utf-8"
        equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
        assert meta_charset(equiv) == "gbk"


class TestOnTheWire:
    def test_lying_header_page(self) -> None:
        """The demo portal's page whose header lies (UTF-8 for GB18030 bytes) decodes right."""
        path = "/xxgk/czyjs/202306/t20230601_1234569.html"
        with serve("trs") as portal, requests.Session() as s:
            resp = s.get(portal.url(path), timeout=5)
        assert "charset=utf-8" in resp.headers["Content-Type"]
        text, codec = decode_html(resp.content, resp.headers["Content-Type"])
        assert codec == "gb18030"
        assert "高标准农田建设项目资金860.00万元" in text and "陈镕" in text

    def test_gb2312_page_with_rare_characters(self) -> None:
        """A gb2312-labelled portal page carrying 珺, 镕 and 䶮 decodes them all."""
        path = "/xxgk/czyjs/202305/t20230512_1234567_1.html"
        with serve("trs") as portal, requests.Session() as s:
            resp = s.get(portal.url(path), timeout=5)
        text, _ = decode_html(resp.content, resp.headers["Content-Type"])
        assert all(ch in text for ch in OUTSIDE_GB2312)
