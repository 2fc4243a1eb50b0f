"""Listing pages: article links by URL family, pagination by script, pager links and ?page=N."""
from __future__ import annotations

import re

import pytest

from perfparse.scrape.links import canonical, is_article, is_attachment
from perfparse.scrape.listing import directory, pager_links, scan_listing, script_pages
from perfparse.scrape.profiles import Profile

BASE = "http://www.qx.gov.cn/xxgk/czyjs/index.html"

# (why, url, is an article)
ARTICLE_URLS = [
    ("TRS", "http://a.gov.cn/xxgk/202305/t20230512_1234567.html", True),
    ("TRS shtml", "http://a.gov.cn/zwgk/202101/t20210106_9876543.shtml", True),
    ("VSB", "http://a.gov.cn/info/1033/5678.htm", True),
    ("大汉", "http://a.gov.cn/art/2023/5/12/art_4567_890123.html", True),
    ("content_N", "http://a.gov.cn/zfxxgk/content_1234567.html", True),
    ("gkmlpt content/N/N/post_N", "http://a.gov.cn/gkmlpt/content/2/2345/post_2345678.html", True),
    ("content/post_N at its usual depth", "http://a.gov.cn/content/post_1234567.html", True),
    ("listing page", "http://a.gov.cn/xxgk/czyjs/index_1.html", False),
    ("TRS page 2 of an article", "http://a.gov.cn/xxgk/202305/t20230512_1234567_1.html", False),
]


class TestUrlFamilies:
    @pytest.mark.parametrize("why, url, expected", ARTICLE_URLS, ids=[c[0] for c in ARTICLE_URLS])
    def test_article_urls(self, why: str, url: str, expected: bool) -> None:
        """Article URL families of the common CMSs are recognised, listing pages are not."""
        assert is_article(url) is expected

    @pytest.mark.parametrize("url", [
        "http://a.gov.cn/x/P020230520123456789012.xlsx", "http://a.gov.cn/x/决算.PDF",
        "http://a.gov.cn/download?id=3001",
        "http://a.gov.cn/module/download/downfile.jsp?fileid=12",
        "http://a.gov.cn/system/_content/download.jsp?urltype=news&wbfileid=5001"])
    def test_attachment_urls(self, url: str) -> None:
        """Attachment links by extension or by download endpoint are recognised."""
        assert is_attachment(url)

    def test_profile_article_pattern(self) -> None:
        """A site profile's article_url regex adds a family the generic rules miss."""
        url = "http://a.gov.cn/show.asp?id=77"
        assert not is_article(url)
        assert is_article(url, Profile("a.gov.cn", re.compile(r"/show\.asp\?id=\d+")))


class TestScriptPages:
    def test_create_page_html(self) -> None:
        """createPageHTML(3, 0, "index", "html") names index.html, index_1.html, index_2.html."""
        html = '<script>createPageHTML(3, 0, "index", "html");</script>'
        assert script_pages(html, BASE) == [
            "http://www.qx.gov.cn/xxgk/czyjs/index.html",
            "http://www.qx.gov.cn/xxgk/czyjs/index_1.html",
            "http://www.qx.gov.cn/xxgk/czyjs/index_2.html"]

    def test_count_page_variables(self) -> None:
        """countPage with prefix/suffix variables is read the same way."""
        html = ('<script>var countPage = 4; var currentPage = 2; var prefix = "index";'
                'var suffix = "shtml";'
                'createPageHTML(countPage, currentPage, prefix, suffix);</script>')
        pages = script_pages(html, "http://a.cn/col/index_2.shtml")
        assert pages[0] == "http://a.cn/col/index.shtml"
        assert pages[-1] == "http://a.cn/col/index_3.shtml"
        assert len(pages) == 4

    def test_absurd_count_capped(self) -> None:
        """A pager claiming millions of pages is capped."""
        assert len(script_pages("createPageHTML(9999999, 0, 'index', 'html')", BASE)) == 1000

    def test_no_script(self) -> None:
        """A page without a pager script names no pages."""
        assert script_pages("<p>没有分页</p>", BASE) == []


class TestPagerLinks:
    def test_next_and_last(self) -> None:
        """下一页 and 尾页 links are pages of the listing."""
        html = ('<a href="czzj/2.htm">下一页</a><a href="czzj/1.htm">尾页</a>'
                '<a href="/info/1033/5678.htm">某局决算公开说明</a>')
        scan = scan_listing(html, "http://a.cn/zfxxgk/czzj.htm")
        assert scan.pages == ["http://a.cn/zfxxgk/czzj/2.htm", "http://a.cn/zfxxgk/czzj/1.htm"]
        assert [x.url for x in scan.articles] == ["http://a.cn/info/1033/5678.htm"]

    def test_page_parameter_gaps_filled(self) -> None:
        """?page=N links are pages; the highest number (or 共N页) fills unprinted ones."""
        from bs4 import BeautifulSoup
        from perfparse.scrape.links import page_links
        url = "http://a.cn/col/index.html?uid=7"
        html = ('共5页 <a href="index.html?uid=7&page=2">2</a> '
                '<a href="index.html?uid=7&page=2">下一页</a>')
        soup = BeautifulSoup(html, "lxml")
        pages = pager_links(soup, page_links(soup, url), url)
        numbers = sorted(int(p.rsplit("=", 1)[1]) for p in pages if "page=" in p)
        assert numbers == [1, 2, 3, 4, 5]

    def test_other_query_is_not_a_page(self) -> None:
        """A link to another path with ?page= is not a page of this listing."""
        from bs4 import BeautifulSoup
        from perfparse.scrape.links import page_links
        url = "http://a.cn/col/index.html"
        soup = BeautifulSoup('<a href="/other/list.html?page=2">2</a>', "lxml")
        assert pager_links(soup, page_links(soup, url), url) == []


class TestScanListing:
    def test_classifies_links(self) -> None:
        """Articles, attachments, sub-listings and skipped files are told apart."""
        html = """<ul>
          <li><a href="./202305/t20230512_1234567.html">清溪县教育局2022年度部门决算公开说明</a></li>
          <li><a href="./202305/P0202305.xlsx">决算表</a></li>
          <li><a href="./bmjs/">部门决算</a></li>
          <li><a href="/images/logo.png">logo</a></li>
          <li><a href="javascript:void(0)">打印</a></li>
          <li><a href="./202305/t20230512_1234567_wap.html">手机版</a></li></ul>
          <script>var f = "/files/2022年度决算.pdf";</script>"""
        scan = scan_listing(html, BASE)
        assert [x.url for x in scan.articles] == [
            "http://www.qx.gov.cn/xxgk/czyjs/202305/t20230512_1234567.html"]
        assert [x.url for x in scan.attachments] == [
            "http://www.qx.gov.cn/xxgk/czyjs/202305/P0202305.xlsx",
            canonical("http://www.qx.gov.cn/files/2022年度决算.pdf")]
        assert [x.url for x in scan.listings] == ["http://www.qx.gov.cn/xxgk/czyjs/bmjs/"]

    def test_generic_fallback_by_title(self) -> None:
        """Without a known URL family, title-like link texts mark the articles."""
        html = ('<a href="/news/show.jsp?id=881">关于2022年度部门决算公开的说明</a>'
                '<a href="/news/list.jsp">更多</a>')
        scan = scan_listing(html, "http://a.cn/news/list.jsp?cat=3")
        assert [x.url for x in scan.articles] == ["http://a.cn/news/show.jsp?id=881"]

    def test_profile_selector_limits_links(self) -> None:
        """A profile's listing_links selector keeps only the links in the list area."""
        html = ('<div class="side"><a href="/info/1/1.htm">热点新闻：某县召开会议部署工作</a></div>'
                '<ul class="list"><a href="/info/1033/5678.htm">某局2022年度部门决算公开说明</a></ul>')
        scan = scan_listing(html, "http://a.cn/x.htm", Profile("a.cn", None, "ul.list a"))
        assert [x.url for x in scan.articles] == ["http://a.cn/info/1033/5678.htm"]

    def test_directory(self) -> None:
        """directory() is the folder of a URL's path."""
        assert directory("http://a.cn/xxgk/czyjs/index_1.html") == "/xxgk/czyjs/"
        assert directory("http://a.cn/zfxxgk/czzj.htm") == "/zfxxgk/"
        assert directory("http://a.cn") == "/"

    def test_adversarial_input_is_fast(self) -> None:
        """A 100,000-character hostile page scans in well under a second."""
        import time
        hostile = ("createPageHTML(" + "9" * 50 + "," * 1000 + 'countPage="' + "<a href=x>" * 5000
                   + "下一页" * 10000)
        started = time.monotonic()
        scan_listing(hostile[:100_000], BASE)
        script_pages(hostile[:100_000], BASE)
        assert time.monotonic() - started < 2.0
