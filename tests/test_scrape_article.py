"""Article pages: continuation pages, attachment links, and split pages joined in order."""
from __future__ import annotations

from perfparse.records import Attachment, Document
from perfparse.readers.builder import DocumentBuilder
from perfparse.scrape.article import (attachment_links, continuation_pages, join_documents,
                                      read_article, same_article)
from perfparse.scrape.fetch import fetch_document
from portal import serve

TRS = "http://www.qx.gov.cn/xxgk/czyjs/202305/t20230512_1234567.html"


class TestSameArticle:
    def test_page_suffixes(self) -> None:
        """_1, -2 and _2 suffixes of the same stem are pages of one article."""
        assert same_article(TRS, TRS.replace(".html", "_1.html"))
        assert same_article("http://a.cn/c/content_88.html", "http://a.cn/c/content_88-2.html")
        assert same_article("http://a.cn/info/1033/5679.htm", "http://a.cn/info/1033/5679_2.htm")

    def test_neighbours_are_not_pages(self) -> None:
        """A neighbouring article or another host is not a continuation."""
        assert not same_article(TRS, TRS.replace("1234567", "1234568"))
        assert not same_article("http://a.cn/c/content_12.html", "http://a.cn/c/content_13.html")
        assert not same_article(TRS, TRS.replace("www.qx.gov.cn", "evil.example") + "_1.html")


class TestContinuationPages:
    def test_trs_pager_script(self) -> None:
        """A TRS article's createPageHTML names its further pages."""
        html = '<script>createPageHTML(3, 0, "t20230512_1234567", "html");</script>'
        assert continuation_pages(html, TRS) == [TRS.replace(".html", "_1.html"),
                                                 TRS.replace(".html", "_2.html")]

    def test_next_link(self) -> None:
        """A 下一页 link to the same stem is a continuation; one to another article is not."""
        url = "http://a.cn/info/1033/5679.htm"
        html = '<a href="5679_2.htm">下一页</a><a href="5680.htm">下一篇</a>'
        assert continuation_pages(html, url) == ["http://a.cn/info/1033/5679_2.htm"]
        assert continuation_pages('<a href="5680.htm">下一页</a>', url) == []


class TestAttachmentLinks:
    def test_script_string_and_download_id(self) -> None:
        """Attachments are found in <a href>, in download?id= links and inside <script> strings."""
        html = """<p><a href="/download?id=3001">2022年度部门决算公开表</a></p>
        <p><a href="./P0201.docx">说明.docx</a></p>
        <script>var file2 = "./P0202.pdf";
        document.write('<a href="' + file2 + '">附件2</a>');</script>"""
        found = attachment_links(html, TRS)
        assert [a.url for a in found] == [
            "http://www.qx.gov.cn/download?id=3001",
            "http://www.qx.gov.cn/xxgk/czyjs/202305/P0201.docx",
            "http://www.qx.gov.cn/xxgk/czyjs/202305/P0202.pdf"]
        assert found[0].name == "2022年度部门决算公开表"


class TestJoinDocuments:
    def test_offsets_and_meta(self) -> None:
        """Joined text keeps every table cell's span exact; page 1's metadata wins."""
        b1 = DocumentBuilder()
        b1.add_paragraph("一、收入合计3180.46万元")
        d1 = b1.build({"title": "决算说明", "published": "2023-05-12"}, "u1")
        b2 = DocumentBuilder()
        b2.add_paragraph("四、三公经费")
        b2.add_table([["项目", "金额"], ["公务接待费", "4.12"]], unit="万元")
        b2.add_attachment("http://a.cn/f.xlsx", "表")
        d2 = b2.build({"title": "决算说明（二）", "doc_no": "清教发〔2023〕12号"}, "u2")
        doc = join_documents([d1, d2], "u1")
        assert doc.text.index("一、") < doc.text.index("四、")
        cell = doc.tables[0].rows[1][1]
        assert doc.text[cell.start:cell.end] == "4.12"
        assert doc.meta["title"] == "决算说明" and doc.meta["doc_no"] == "清教发〔2023〕12号"
        assert doc.attachments == (Attachment("http://a.cn/f.xlsx", "表"),)

    def test_single_document_unchanged(self) -> None:
        """One page joins to itself."""
        d = Document("正文\n", {"title": "t"}, source="u")
        assert join_documents([d]) is d


class TestSplitArticles:
    def test_trs_split_joined_in_order(self) -> None:
        """The TRS article split over two pages reads as one Document, page 1 first."""
        with serve("trs") as portal:
            doc = fetch_document(portal.url("/xxgk/czyjs/202305/t20230512_1234567.html"), delay=0)
            assert portal.requests["/xxgk/czyjs/202305/t20230512_1234567_1.html"] == 1
        first, second = doc.text.index("收入总计3372.10万元"), doc.text.index("“三公”经费支出决算18.65万元")
        assert first < second
        assert "刘䶮" in doc.text and doc.meta.get("publisher") == "清溪县教育局"

    def test_vsb_split_by_next_link(self) -> None:
        """The VSB article whose 下一页 link leads to _2.htm is joined in order."""
        with serve("vsb") as portal:
            doc = fetch_document(portal.url("/info/1033/5679.htm"), delay=0)
        assert doc.text.index("预算执行率96.00%") < doc.text.index("自评得分92分")

    def test_read_article_records_script_attachments(self) -> None:
        """Attachments only in <script> strings reach the Document."""
        with serve("trs") as portal:
            doc = fetch_document(portal.url("/xxgk/czyjs/202305/t20230520_1234568.html"), delay=0)
        urls = [a.url for a in doc.attachments]
        assert any(u.endswith("P020230520123456789013.pdf") for u in urls)
        assert any(u.endswith("P020230520123456789012.xlsx") for u in urls)

    def test_read_article_direct(self) -> None:
        """read_article joins (html, url) pairs without any network."""
        body = "<div class='TRS_Editor'><p>{}</p></div>"
        pages = [(body.format("第一页：本年收入合计100.00万元，比上年增加10.00万元。"),
                  "http://a.cn/t1.html"),
                 (body.format("第二页：本年支出合计90.00万元，其中基本支出60.00万元。"),
                  "http://a.cn/t1_1.html")]
        doc = read_article(pages)
        assert doc.text.index("第一页") < doc.text.index("第二页") and doc.source == "http://a.cn/t1.html"


class TestPagesWithoutText:
    def test_picture_page_joined_to_text_page(self) -> None:
        """An article whose first page is pictures and second page text is not flagged."""
        pics = ("<html><body><h1>某县2023年统计公报</h1><div class='TRS_Editor'>"
                "<p><img src='/p/1.png'></p></div></body></html>", "http://a.cn/t1.html")
        text = ("<html><body><div class='TRS_Editor'><p>全年地区生产总值120.5亿元，增长5.1%。</p>"
                "</div></body></html>", "http://a.cn/t1_1.html")
        assert read_article([pics]).meta["no_text"] == "images"
        doc = read_article([pics, text])
        assert "no_text" not in doc.meta and "120.5亿元" in doc.text
        assert doc.meta["images"] == "http://a.cn/p/1.png"
