"""Portal article pages in the layouts real portals use, written by us: the headline, the
date and publisher the page shows, the body without page furniture, pages without text.

Every page here is invented (counties, agencies and figures are illustrative). Each case
names the layout it stands for; the real pages behind them are scored in test_real_pages.py.
"""
from __future__ import annotations

import time

import pytest

from perfparse.readers.html import read_html, table_rows
from perfparse.readers.meta import meta_pairs, valid_date

NAV = ("<div class='top'><a href='/'>首页</a><a href='/zwgk/'>政务公开</a><a href='/bsfw/'>办事服务</a>"
       "<a href='/hdjl/'>互动交流</a><a href='/zjqx/'>走进青溪</a></div>")
SIDEBAR = ("<div class='side'><h3>通知公告</h3><ul>" + "".join(
    f"<li><a href='/tzgg/{i}.html'>青溪县关于开展第{i}批农村公路养护检查工作的通知</a>"
    f"<span>2024-0{i}-1{i}</span></li>" for i in range(1, 8)) + "</ul></div>")
FOOTER = ("<div class='foot'><p>主办：青溪县人民政府办公室 承办：青溪县大数据中心</p>"
          "<p>网站标识码：5301000001 滇ICP备12345678号</p></div>")
PARAS = (
    "<p>一、部门基本情况</p>"
    "<p>青溪县交通运输局内设股室5个，年末实有人员42人，其中行政人员30人，事业人员12人。</p>"
    "<p>二、收入支出决算总体情况</p>"
    "<p>2023年度收入总计1,860.40万元，比上年增加120.40万元，增长6.92%。支出总计1,860.40万元。</p>"
    "<p>三、“三公”经费支出情况</p>"
    "<p>2023年度“三公”经费支出12.60万元，比上年减少1.40万元，下降10.00%。</p>")
FIRST, LAST = "一、部门基本情况", "2023年度“三公”经费支出12.60万元，比上年减少1.40万元，下降10.00%。"
TITLE = "青溪县交通运输局2023年度部门决算公开说明"


def page(header: str = "", body: str = PARAS, after: str = "", title_tag: str | None = None,
         head: str = "", body_attrs: str = "class='article-text'") -> str:
    """A portal page: navigation, sidebar, the article's header and body, furniture after."""
    tt = title_tag if title_tag is not None else f"{TITLE}_青溪县人民政府"
    return (f"<html><head><meta charset='utf-8'><title>{tt}</title>{head}</head><body>{NAV}"
            f"{SIDEBAR}<div class='main'>{header}<div {body_attrs}>{body}</div>{after}</div>"
            f"{FOOTER}</body></html>")


def first_last(doc) -> tuple[str, str]:
    lines = [ln for ln in doc.text.split("\n") if ln.strip()]
    return (lines[0], lines[-1]) if lines else ("", "")


# (layout, header html, expected meta subset)
HEADER_CASES = [
    ("label line with several fields and widgets in one element",
     f"<h1>{TITLE}</h1><div class='info'>发布时间：2024-03-05 10:20 来源：青溪县交通运输局 "
     "浏览次数：318 【字体：<a>大</a> <a>中</a> <a>小</a>】【<a>打印本页</a>】</div>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("labels glued to the previous value",
     f"<h1>{TITLE}</h1><p>信息来源：青溪县交通运输局发布日期：2024-03-05</p>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("label/value grid above the headline, cells in a table",
     "<table class='xxgk'><tr><td>索引号：</td><td>QX-JT-2024-0031</td><td>发布机构：</td>"
     "<td>青溪县交通运输局</td></tr><tr><td>成文日期：</td><td>2024-03-01</td><td>公开日期：</td>"
     f"<td>2024-03-05</td></tr></table><h2 class='title'>{TITLE}</h2>",
     {"published": "2024-03-05", "written": "2024-03-01", "publisher": "青溪县交通运输局",
      "index_no": "QX-JT-2024-0031"}),
    ("label/value grid as inline cells run together",
     "<ul class='meta'><li><label>索引号</label><span>QX-JT-2024-0031</span></li>"
     "<li><label>发布机构</label><span>青溪县交通运输局</span></li>"
     "<li><label>生成日期</label><span>2024-03-05</span></li></ul>"
     f"<div class='tit'>{TITLE}</div>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局", "index_no": "QX-JT-2024-0031"}),
    ("a card whose labels are icons with a title attribute",
     "<ul class='card'><li><i title='发布机构'></i><em>青溪县交通运输局</em></li>"
     f"<li><i title='发布日期'></i><em>2024-03-05</em></li></ul><div class='tit'>{TITLE}</div>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("bare date beside the source, table layout",
     f"<table><tr><td><span id='bt'>{TITLE}</span><br><span>2024-03-05出处：青溪县交通运输局"
     "</span></td></tr></table>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("bare date under the headline (a newspaper page)",
     f"<div class='paper'>第A03版：要闻　2024年03月05日</div><h1>{TITLE}</h1>",
     {"published": "2024-03-05"}),
    ("date inside the headline block, source after it",
     f"<div class='head'><h1>{TITLE}</h1><span>2024-03-05 10：20</span> 来源：青溪县交通运输局</div>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("date in a span inside the headline element",
     f"<h1>{TITLE}<span class='time'>2024-03-05</span></h1>", {"published": "2024-03-05"}),
    ("label line after a <br> inside the headline element",
     f"<h1>{TITLE}<br><small>发布时间：2024-03-05 来源：青溪县交通运输局</small></h1>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("HTML5 header holding 发布于 … 来源 …",
     f"<header class='article-header'><h1 class='article-title'><a href='#'>{TITLE}</a></h1>"
     "<ul class='article-meta'><li>发布于 2024-03-05</li><li>分类：部门决算</li></ul>"
     "来源：青溪县交通运输局</header>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("时间： and 作者 in one line",
     f"<h1>{TITLE}</h1><div>时间：2024-03-05 09:52作者：李明来源：青溪县交通运输局 点击量：</div>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("发表时间 and 文章来源",
     f"<h1>{TITLE}</h1><p>文章来源：青溪县交通运输局　发表时间：2024年3月5日</p>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("bracketed label line, source empty, date under 信息时间",
     f"<h3>{TITLE}</h3><p>【信息来源：】【作者：】【信息时间：2024-03-05 10:17 阅读次数：】"
     "【字号 大 中 小】【我要打印】【关闭】</p>",
     {"published": "2024-03-05"}),
    ("a date printed after the source's name",
     f"<h1>{TITLE}</h1><div>来源：青溪县交通运输局2024-03-05　浏览量：1</div>",
     {"published": "2024-03-05", "publisher": "青溪县交通运输局"}),
    ("更新时间 is read only when nothing says when the page was published",
     f"<h1>{TITLE}</h1><div>更新时间：2024-06-30 发布时间：2024-03-05</div>",
     {"published": "2024-03-05"}),
    ("更新时间 alone",
     f"<h1>{TITLE}</h1><div>更新时间：2024-03-05</div>", {"published": "2024-03-05"}),
    ("source in a newspaper's 《》",
     f"<h1>{TITLE}</h1><div>来源：《青溪日报》 时间:2024/03/05/ 10:12 点击：</div>",
     {"published": "2024-03-05", "publisher": "青溪日报"}),
]


class TestHeaderLayouts:
    @pytest.mark.parametrize("layout,header,expected", HEADER_CASES,
                             ids=[c[0] for c in HEADER_CASES])
    def test_header(self, layout, header, expected):
        """The date and publisher the header shows are read, whatever its layout."""
        doc = read_html(page(header))
        assert {k: doc.meta.get(k) for k in expected} == expected
        assert doc.meta["title"] == TITLE
        assert first_last(doc) == (FIRST, LAST)


# Dates the page shows that cannot be its publication date, and what is read instead.
DATE_TRAPS = [
    ("not a calendar date", "发布日期：2024-02-30", "2024-03-05"),
    ("before portals existed", "发布日期：1985-03-05", "2024-03-05"),
    ("later than the page itself was generated", "发布日期：2024-09-05", "2024-03-05"),
]


class TestDates:
    @pytest.mark.parametrize("why,line,expected", DATE_TRAPS, ids=[c[0] for c in DATE_TRAPS])
    def test_invalid_visible_date_falls_back(self, why, line, expected):
        """An impossible visible date is not taken; the meta tag fills in."""
        head = ("<meta name='PubDate' content='2024-03-05 10:00'>"
                "<meta name='others' content='页面生成时间 2024-06-01 08:00:00'>")
        doc = read_html(page(f"<h1>{TITLE}</h1><p>{line}</p>", head=head))
        assert doc.meta["published"] == expected

    def test_future_date_refused(self):
        """A date after today is no publication date."""
        assert not valid_date("2999-01-01") and valid_date("2024-02-29")

    def test_visible_date_beats_meta_tag(self):
        """The PubDate tag (the page's generation time on some sites) yields to the page."""
        head = "<meta name='PubDate' content='2024-06-30 15:07:41'>"
        doc = read_html(page(f"<h1>{TITLE}</h1><p>时间：2024-03-05</p>", head=head))
        assert doc.meta["published"] == "2024-03-05"

    def test_script_filled_field_left_empty(self):
        """A date field a script would fill stays empty; the meta tag is the fallback and the
        label does not take the next line's value."""
        head = "<meta name='PubDate' content='2024-03-05'>"
        header = (f"<h1>{TITLE}</h1><p>发表时间：<span id='pubtime'></span></p>"
                  "<p>来源：<span id='source'></span></p>")
        doc = read_html(page(header, head=head))
        assert doc.meta["published"] == "2024-03-05" and "publisher" not in doc.meta

    def test_menu_dates_are_not_the_article_date(self):
        """Dates of other articles in a menu above the article are not its date."""
        menu = "".join(f"<li><a>其他通知{i}</a><p>发布时间：2024-08-1{i}</p></li>" for i in range(3))
        header = (f"<ul class='menu'>{menu}</ul><div class='wrap'><h1>{TITLE}</h1>"
                  "<p>日期：2024-03-05</p></div>")
        doc = read_html(page(header))
        assert doc.meta["published"] == "2024-03-05"


class TestPublisher:
    def test_source_at_the_end_of_the_body(self):
        """信息来源 at the end of the body names the publisher and leaves the text."""
        doc = read_html(page(f"<h1>{TITLE}</h1>", body=PARAS + "<p>（信息来源：青溪县交通运输局）</p>"))
        assert doc.meta["publisher"] == "青溪县交通运输局" and first_last(doc)[1] == LAST

    def test_visible_label_beats_meta_tag(self):
        """The ContentSource tag is kept apart; the visible 发布机构 is the publisher."""
        head = "<meta name='ContentSource' content='本网'>"
        doc = read_html(page(f"<h1>{TITLE}</h1><p>发布机构：青溪县交通运输局</p>", head=head))
        assert doc.meta["publisher"] == "青溪县交通运输局" and doc.meta["content_source"] == "本网"

    def test_hidden_label_a_script_shows(self):
        """A hidden 来源： whose value is shown still labels it."""
        header = (f"<h1>{TITLE}</h1><div><span>2024-03-05</span><span style='display:none'>来源："
                  "</span><span class='src'>青溪县交通运输局</span></div>")
        assert read_html(page(header)).meta["publisher"] == "青溪县交通运输局"

    def test_hidden_empty_label(self):
        """A hidden, empty 信息来源 names no publisher."""
        header = f"<h3>{TITLE}</h3><p class='hidden'>信息来源：</p><p>发布日期：2024-03-05</p>"
        assert "publisher" not in read_html(page(header)).meta


# (why, title tag, header, expected title)
TITLE_CASES = [
    ("site-name suffix in <title>", f"{TITLE}_青溪县人民政府", f"<h1>{TITLE}</h1>", TITLE),
    ("site-name prefix in <title>", f"青溪县人民政府-{TITLE}", f"<div class='title'>{TITLE}</div>",
     TITLE),
    ("<title> names only the site", "青溪县人民政府门户网站",
     f"<div class='article-title'>{TITLE}</div>", TITLE),
    ("kicker line above the headline", f"{TITLE}_青溪县人民政府",
     f"<div class='kicker'>县人大常委会会议文件（五）</div><h1>{TITLE}</h1>", TITLE),
    ("year badge inside the headline", f"(云南省){TITLE}-统计公报库",
     f"<h1 class='article-title'><a href='#'>{TITLE} <span>2023</span></a></h1>", TITLE),
    ("headline split by <br>", f"{TITLE}_青溪县人民政府",
     "<h2>青溪县交通运输局2023年度<br>部门决算公开说明</h2>", TITLE),
    ("headline longer than a truncated <title>", "青溪县交通运输局2023年度部门决算",
     f"<div><b>{TITLE}</b></div>", TITLE),
    ("same text in a related-articles list before the headline", f"{TITLE}_青溪县人民政府",
     f"<ul class='list'><li><span>{TITLE}</span></li></ul><h1>{TITLE}</h1>", TITLE),
]


class TestTitles:
    @pytest.mark.parametrize("why,title_tag,header,expected", TITLE_CASES,
                             ids=[c[0] for c in TITLE_CASES])
    def test_title(self, why, title_tag, header, expected):
        """The headline the page shows, without site name, kicker or badge."""
        doc = read_html(page(header + "<p>发布日期：2024-03-05</p>", title_tag=title_tag))
        assert doc.meta["title"] == expected

    def test_form_control_labelled_title(self):
        """A feedback form's 标题 field is not the article's title."""
        form = ("<form><label>标 题：</label><input name='title'><label>内 容：</label>"
                "<textarea></textarea></form>")
        doc = read_html(page(f"<h1>{TITLE}</h1>", after=form, title_tag="青溪县人民政府"))
        assert doc.meta["title"] == TITLE


EDGE_NOISE = [
    ("breadcrumb inside the container", "<p>当前位置：首页 &gt; 政务公开 &gt; 财政预决算</p>", ""),
    ("widget bar inside the container", "<p>【字体：大 中 小】【打印本页】【关闭窗口】</p>", ""),
    ("metadata line inside the container", "<p>发布时间：2024-03-05　来源：青溪县交通运输局</p>", ""),
    ("related-reading block", "", "<p>相关阅读：</p><p><a>青溪县交通运输局2022年度部门决算</a></p>"
                                  "<p><a>青溪县交通运输局2024年部门预算</a></p>"),
    ("previous / next article", "",
     "<p>上一篇：<a>关于公路养护的通知</a></p><p>下一篇：<a>关于安全生产的通知</a></p>"),
    ("share, QR code and close", "",
     "<p>分享到：<a>微信</a> <a>微博</a></p><p>扫一扫在手机打开当前页</p><p>【<a>打印</a>】【<a>关闭</a>】</p>"),
    ("disclaimer", "", "<p>免责声明：本网转载内容仅供参考，不代表本网观点。</p>"),
    ("editor credit", "", "<p>责任编辑：王芳</p>"),
    ("file links written after the text", "",
     "<p>附件：<a href='/files/jsb.xlsx'>2023年度部门决算公开表.xlsx</a></p>"),
    ("a reposting site's notes", "",
     "<p>（图表略，请访问原文地址查阅）</p><p>（信息来源：青溪县统计局）</p>"
     "<p>（原文地址：http://tjj.qingxi.gov.cn/a/1.html）</p>"),
    ("a link glued to the last sentence", "", "<p>返回首页</p>"),
    ("promotion line", "", "<p>※了解更多政策信息，请浏览政策法规库※</p>"),
]


class TestBodyEdges:
    @pytest.mark.parametrize("why,before,after", EDGE_NOISE, ids=[c[0] for c in EDGE_NOISE])
    def test_noise_at_the_edges(self, why, before, after):
        """Furniture inside the chosen container is trimmed; the article stays whole."""
        doc = read_html(page(f"<h1>{TITLE}</h1>", body=before + PARAS + after))
        assert first_last(doc) == (FIRST, LAST)

    def test_link_glued_to_final_sentence(self):
        """…。返回搜狐，查看更多 : the link goes, the sentence stays."""
        body = PARAS[:-4] + "<a href='/'>返回首页，查看更多</a></p>"
        assert first_last(read_html(page(f"<h1>{TITLE}</h1>", body=body)))[1] == LAST

    def test_document_sign_off_kept(self):
        """The report's own 审核/填报/联系人 line is text, not a credit line."""
        body = PARAS + "<p>审核：张明　填报：李芳　联系人：王强　联系电话：0871-6123456</p>"
        assert first_last(read_html(page(f"<h1>{TITLE}</h1>", body=body)))[1].startswith("审核：张明")

    def test_title_repeated_in_the_text_stays(self):
        """A title repeated inside the content area is part of the article text."""
        body = f"<p style='text-align:center'>{TITLE}</p>" + PARAS
        assert first_last(read_html(page(f"<h1>{TITLE}</h1>", body=body)))[0] == TITLE

    def test_wrapper_holding_headline_and_metadata(self):
        """A short article whose container also holds headline, metadata and widgets."""
        body = (f"<h1>{TITLE}</h1><p>发布日期：2024-03-05 来源：青溪县交通运输局</p>"
                "<p>【打印】【关闭】</p>" + PARAS)
        doc = read_html(page("", body=body))
        assert first_last(doc) == (FIRST, LAST)
        assert doc.meta["published"] == "2024-03-05" and doc.meta["title"] == TITLE


class TestBodyChoice:
    def test_known_class_on_a_sidebar_loses(self):
        """A `.content` sidebar of links loses to an unlisted container holding the text."""
        links = "".join(f"<li><a href='/{i}.html'>青溪县政务公开第{i}期工作简报</a></li>"
                        for i in range(20))
        html = page(f"<h1>{TITLE}</h1>", body_attrs="id='art_txt_2024'",
                    after=f"<div class='content'><ul>{links}</ul></div>")
        doc = read_html(html)
        assert first_last(doc) == (FIRST, LAST) and "简报" not in doc.text

    def test_span_container_in_a_table_layout(self):
        """The text inside a span in a layout table cell is found."""
        html = (f"<html><head><title>{TITLE}</title></head><body>{NAV}<table><tr><td>"
                f"<span class='bt'>{TITLE}</span><span>2024-03-05出处：青溪县交通运输局</span>"
                f"<div><span id='wz'>{PARAS}</span></div><p>【关闭窗口】</p></td></tr></table>"
                f"{FOOTER}</body></html>")
        doc = read_html(html)
        assert first_last(doc) == (FIRST, LAST)
        assert (doc.meta["published"], doc.meta["publisher"]) == ("2024-03-05", "青溪县交通运输局")

    def test_tables_stay_tables(self):
        """A table of the body is a table of the Document, its cells spanned exactly."""
        table = ("<p>单位：万元</p><table><tr><td>项目</td><td>本年数</td><td>上年数</td></tr>"
                 "<tr><td>收入合计</td><td>1,860.40</td><td>1,740.00</td></tr></table>")
        doc = read_html(page(f"<h1>{TITLE}</h1>", body=PARAS + table + "<p>以上为决算数据。</p>"))
        (t,) = doc.tables
        assert [[c.text for c in r] for r in t.rows] == [
            ["项目", "本年数", "上年数"], ["收入合计", "1,860.40", "1,740.00"]]
        assert t.unit == "万元" and all(doc.text[c.start:c.end] == c.text for r in t.rows for c in r)

    def test_headline_after_long_menu(self):
        """A long menu before the headline does not pull the body away from the article."""
        menu = "<div class='menu'>" + "".join(
            f"<p>第{i}项：关于做好全县农村公路养护与安全生产工作的有关事项说明，请各单位认真落实。</p>"
            for i in range(4)) + "</div>"
        doc = read_html(page(menu + f"<h1>{TITLE}</h1>"))
        assert first_last(doc) == (FIRST, LAST)


class TestNoText:
    def test_images_only(self):
        """An article that is pictures: flagged, the pictures listed, no text parsed."""
        imgs = "".join(f"<p><img src='/uploads/gb{i}.png'></p>" for i in range(5))
        doc = read_html(page(f"<h1>{TITLE}</h1><p>发布日期：2024-03-05</p>", body=imgs),
                        "http://www.qx.gov.cn/a/1.html")
        assert doc.meta["no_text"] == "images" and doc.text == ""
        assert doc.meta["images"].split() == [f"http://www.qx.gov.cn/uploads/gb{i}.png"
                                              for i in range(5)]
        assert doc.meta["published"] == "2024-03-05"

    def test_embedded_pdf(self):
        """A PDF shown in a viewer iframe: flagged, the PDF listed as an attachment."""
        frame = ("<iframe src='/viewer/web/viewer.html?file=/uploads/2024/tjgb.pdf'></iframe>"
                 "<a>View Fullscreen</a>")
        doc = read_html(page(f"<h1>{TITLE}</h1>", body=frame), "http://www.qx.gov.cn/a/1.html")
        assert doc.meta["no_text"] == "embedded" and doc.text == ""
        assert "http://www.qx.gov.cn/uploads/2024/tjgb.pdf" in [a.url for a in doc.attachments]

    def test_script_shell(self):
        """A page whose content a script would fetch: flagged, nothing parsed."""
        html = ("<html><head><meta charset='utf-8'></head><body><div id='app'></div>"
                "<script src='/js/app.52ef.js'></script></body></html>")
        doc = read_html(html)
        assert doc.meta["no_text"] == "script" and doc.text == ""

    def test_hidden_article_still_read(self):
        """An article a script would reveal (display:none) is read rather than lost."""
        doc = read_html(page(f"<h1>{TITLE}</h1>", body_attrs="style='display:none'"))
        assert "no_text" not in doc.meta and first_last(doc) == (FIRST, LAST)

    def test_short_text_is_text(self):
        """A fragment with one short figure is a document, not a page without text."""
        assert read_html("<p>增长5%</p>").text == "增长5%\n"


class TestHostileMarkup:
    def test_huge_spans_stay_small_and_fast(self):
        """200 cells with rowspan=500 colspan=50 expand to a bounded grid, quickly."""
        cells = "".join("<td rowspan='500' colspan='50'>9</td>" for _ in range(200))
        html = f"<table><tr>{cells}</tr><tr><td>1</td></tr></table>"
        t0 = time.perf_counter()
        from bs4 import BeautifulSoup
        rows = table_rows(BeautifulSoup(html, "lxml").table)
        assert time.perf_counter() - t0 < 5
        assert len(rows) <= 2 and sum(len(r) for r in rows) <= 200_000

    def test_wide_row_over_many_rows(self):
        """A very wide first row above many rows stays a bounded grid."""
        from bs4 import BeautifulSoup
        wide = "".join("<td colspan='50'>9</td>" for _ in range(3000))
        html = f"<table><tr>{wide}</tr>" + "<tr><td>1</td></tr>" * 2000 + "</table>"
        t0 = time.perf_counter()
        rows = table_rows(BeautifulSoup(html, "lxml").table)
        assert time.perf_counter() - t0 < 10
        assert sum(len(r) for r in rows) <= 400_000 and len(rows) == 2001

    def test_spans_past_the_last_row(self):
        """A rowspan never adds rows the table does not have."""
        from bs4 import BeautifulSoup
        html = "<table><tr><td rowspan='400'>项目</td><td>1.00</td></tr></table>"
        assert table_rows(BeautifulSoup(html, "lxml").table) == [["项目", "1.00"]]

    def test_adversarial_header_text(self):
        """100,000 characters of near-labels and digits do not stall the label patterns."""
        evil = ("来源：" * 5000 + "2024-0" * 5000 + "发布时间" * 5000 + "【" * 20000)[:100_000]
        t0 = time.perf_counter()
        meta_pairs(evil, header=True)
        read_html(f"<html><body><h1>{evil[:300]}</h1><p>{evil}</p></body></html>")
        assert time.perf_counter() - t0 < 10


class TestUrlDates:
    @pytest.mark.parametrize("url,expected", [
        ("http://www.qx.gov.cn/xxgk/czyjs/202403/t20240305_1234567.html", "2024-03-05"),
        ("http://www.qx.gov.cn/art/2024/3/5/art_1229_3456789.html", "2024-03-05"),
        ("http://www.qx.gov.cn/c/2024-03/05/content_88.html", "2024-03-05"),
        ("http://www.qx.gov.cn/info/1033/5679.htm", None),
    ])
    def test_url_date_is_the_last_fallback(self, url, expected):
        """A page that shows no date and has no date tag takes the date its URL carries."""
        assert read_html(page(f"<h1>{TITLE}</h1>"), url).meta.get("published") == expected

    def test_page_date_beats_url(self):
        """The date the page shows wins over its URL's."""
        url = "http://www.qx.gov.cn/xxgk/202403/t20240301_1.html"
        doc = read_html(page(f"<h1>{TITLE}</h1><p>发布日期：2024-03-05</p>"), url)
        assert doc.meta["published"] == "2024-03-05"


class TestOldLayouts:
    def test_title_in_a_table_cell(self):
        """An old table layout's headline cell (td class=biaoti) is the title."""
        html = (f"<html><head><title>青溪县人民政府</title></head><body>{NAV}<table>"
                f"<tr><td class='biaoti' align='center'>{TITLE}</td></tr>"
                "<tr><td>发布日期：2024-03-05　信息来源：青溪县交通运输局</td></tr>"
                f"<tr><td id='zoom'>{PARAS}</td></tr></table>{FOOTER}</body></html>")
        doc = read_html(html)
        assert doc.meta["title"] == TITLE and first_last(doc) == (FIRST, LAST)
        assert doc.meta["publisher"] == "青溪县交通运输局"

    def test_only_attachments(self):
        """A page whose content is only links to files: flagged, the files listed."""
        body = ("<p>附件：<a href='/f/1.xls'>2023年度部门决算公开表.xls</a></p>"
                "<p><a href='/f/2.pdf'>2023年度部门决算说明.pdf</a></p>")
        doc = read_html(page(f"<h1>{TITLE}</h1><p>发布日期：2024-03-05</p>", body=body),
                        "http://www.qx.gov.cn/a/1.html")
        assert doc.meta["no_text"] == "attachments" and doc.text == ""
        urls = [a.url for a in doc.attachments]
        assert "http://www.qx.gov.cn/f/1.xls" in urls and "http://www.qx.gov.cn/f/2.pdf" in urls


class TestBugsCaught:
    def test_footer_registration_number(self):
        """ICP备案编号： in a footer is not the article's 索引号."""
        doc = read_html(page(f"<h1>{TITLE}</h1><p>发布日期：2024-03-05</p>",
                             after="<p>ICP备案编号：滇ICP备12345678号</p>"))
        assert "index_no" not in doc.meta

    def test_whole_city_is_no_county(self):
        """全市 in a title names no place."""
        from perfparse.readers.meta import derive
        assert "county" not in derive({"title": "【预算执行情况】2024年全市预算执行情况分析"})
