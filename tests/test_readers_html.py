"""HTML pages as Documents: body, metadata in its layouts, hostile markup."""
from pathlib import Path

import pytest

from perfparse.readers import read_bytes, read_path
from perfparse.readers.html import read_html

DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"


class TestReadHtml:
    def test_deep_nesting(self):
        """Thousands of nested elements read without recursion errors."""
        page = "<html><body>" + "<div><span>" * 5000 + "增长5%" + "</span></div>" * 5000 + \
            "</body></html>"
        assert read_html(page).text == "增长5%\n"

    def test_inline_elements_do_not_split_paragraphs(self):
        """A figure split across <span> and <b> stays in one paragraph."""
        doc = read_html("<html><body><div class='TRS_Editor'><p>本年收入<b>1925.67</b>"
                        "<span>万元</span>，比上年增加120.5万元。</p><p>二、支出</p></div></body></html>")
        assert doc.text.splitlines()[0] == "本年收入1925.67万元，比上年增加120.5万元。"

    @pytest.mark.parametrize("name,key,value", [
        ("shimenba-wjj-2023-overall-self-eval-vsb.html", "index_no", "115123MB1547829K/2024-00412"),
        ("shimenba-wjj-2023-overall-self-eval-vsb.html", "published", "2024-06-12"),
        ("guixi-cgj-2022-waste-project-self-eval-dh.html", "publisher", "桂溪县城市管理局"),
        ("longquan-town-2023-budget-plain.html", "published", "2023-10-10"),
    ])
    def test_meta_layouts(self, name, key, value):
        """Bracketed, bulleted and inline metadata blocks are read."""
        assert read_path(DOCS / name).meta[key] == value

    def test_meta_charset_honoured(self):
        """A page that declares gbk in <meta> and is GBK-encoded decodes right from disk."""
        page = "<html><head><meta charset='gbk'></head><body><p>增长5%，镕</p></body></html>"
        assert "镕" in read_bytes(page.encode("gb18030"), "p.html").text

    def test_script_text_never_in_body(self):
        """Script and style contents are not report text."""
        doc = read_html("<html><body><div id='zoom'><p>收入10万元，增长5%。</p>"
                        "<script>var x='支出99万元';</script></div></body></html>")
        assert "99万元" not in doc.text


class TestReadText:
    def test_crlf_text_reads_like_lf(self, seed_text):
        """Windows line ends change no figure, check or metadata value; offsets still hold."""
        from perfparse.pipeline import check_document
        lf = check_document(read_bytes(seed_text.encode("utf-8"), "a.txt"))
        crlf = check_document(read_bytes(seed_text.replace("\n", "\r\n").encode("gb18030"),
                                         "b.txt"))
        assert [f.text for f in crlf.figures] == [f.text for f in lf.figures]
        assert [c.status for c in crlf.checks] == [c.status for c in lf.checks]
        assert crlf.meta == lf.meta
        assert all(crlf.text[f.start:f.end] == f.text for f in crlf.figures)


class TestLineTables:
    def test_two_row_labels(self):
        """A 自评表 flattened one cell per line with two labels per row reads as a table."""
        from perfparse.readers.text import line_tables
        text = "一级指标\n二级指标\n分值\n得分\n投入\n预算执行率\n10\n9.7\n过程\n资金管理\n15\n14\n"
        (table,) = line_tables(text)
        assert [[c.text for c in r] for r in table.rows] == [
            ["一级指标", "二级指标", "分值", "得分"], ["投入", "预算执行率", "10", "9.7"],
            ["过程", "资金管理", "15", "14"]]


class TestLineTablesMore:
    def test_placeholders_and_merged_labels(self):
        """— cells, values with units (≥12处) and rows whose merged labels were left out."""
        from perfparse.readers.text import line_tables
        text = ("一级指标\n二级指标\n三级指标\n指标值\n实际值\n分值\n得分\n产出指标\n数量指标\n"
                "新建工程\n≥12处\n13处\n10\n10\n维修管网\n≥45公里\n46.8公里\n10\n—\n"
                "质量指标\n水质达标率\n≥95%\n96.5%\n10\n10\n"
                "效益指标\n社会效益指标\n受益人口\n≥0.5万人\n0.6万人\n10\n10\n")
        (table,) = line_tables(text)
        assert [[c.text for c in r] for r in table.rows][1:] == [
            ["产出指标", "数量指标", "新建工程", "≥12处", "13处", "10", "10"],
            ["", "", "维修管网", "≥45公里", "46.8公里", "10", "—"],
            ["", "质量指标", "水质达标率", "≥95%", "96.5%", "10", "10"],
            ["效益指标", "社会效益指标", "受益人口", "≥0.5万人", "0.6万人", "10", "10"]]
        assert all(text[c.start:c.end] == c.text for r in table.rows for c in r)


class TestMetaLabels:
    @pytest.mark.parametrize("line,key,value", [
        ("發布日期：２０２４年９月１２日　來源：鳳棲縣退役軍人事務局　編號：ＦＱ－２０２４－０１５",
         "published", "2024-09-12"),
        ("發布日期：２０２４年９月１２日　來源：鳳棲縣退役軍人事務局　編號：ＦＱ－２０２４－０１５",
         "publisher", "鳳棲縣退役軍人事務局"),
        ("发布单位：柘岭县水利局　　公开日期：2024年9月20日　　索引编号：ZL-SLJ-2024-0031",
         "index_no", "ZL-SLJ-2024-0031"),
        ("索 取 号：BC-2025-00012\n发文单位：碧川县卫生健康局", "publisher", "碧川县卫生健康局"),
    ])
    def test_labels(self, line, key, value):
        """Index-number, publisher and date labels in their other spellings are read."""
        from perfparse.readers.meta import extract_meta
        assert extract_meta("某局2023年度部门决算公开说明\n" + line + "\n正文。")[key] == value


class TestSeparatedTables:
    @pytest.mark.parametrize("sep", ["\t", "    ", ","])
    def test_separators(self, sep):
        """Tabs, aligned spaces and CSV commas make tables, their cells spanned exactly."""
        from perfparse.readers.text import read_text
        rows = [["类别", "原值", "净值"], ["房屋", "3210.50", "2480.12"], ["车辆", "186.40", "52.18"]]
        text = "单位：万元\n" + "\n".join(sep.join(r) for r in rows) + "\n"
        (table,) = read_text(text).tables
        assert [[c.text for c in r] for r in table.rows] == rows and table.unit == "万元"
        assert all(text[c.start:c.end] == c.text for r in table.rows for c in r)

    def test_sentences_are_not_tables(self):
        """Prose with commas is not a CSV table."""
        from perfparse.readers.text import read_text
        text = "收入1,024.50万元,其中拨款1,000.00万元,增长5%。\n支出990.00万元,下降2%,减少20万元。\n"
        assert read_text(text).tables == ()
