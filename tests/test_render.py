"""The auditor's renderers: terminal text and the HTML audit page."""
from __future__ import annotations

import doctest
import time
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser

import pytest

from conftest import SEED
from perfparse.records import Check, Figure, Report
from perfparse.render import html as render_html
from perfparse.render import text as render_text
from perfparse.render.html import anchors, clusters, to_html
from perfparse.render.text import context, to_text

TEXT = ("一、收支情况\n2020年收入337.10万元,支出249.52万元,结余87.57万元。"
        "<script>alert('x')</script>\n"
        "项目执行率69.06%,完成率99.55%,覆盖率100%。")

SEED_NAME = "longling-2020-zwfw-self-eval.txt"
SEED_CANDIDATES = (SEED,)


def fig(fid: str, surface: str, text: str = TEXT, occurrence: int = 0) -> Figure:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    digits = surface.rstrip("万元%")
    return Figure(fid, start, start + len(surface), surface, Decimal(digits),
                  "%" if surface.endswith("%") else "万元",
                  "percent" if surface.endswith("%") else "money",
                  len(digits.partition(".")[2]))


def chk(cid: str, status: str, figure: Figure, message: str, rule: str = "ratio") -> Check:
    return Check(cid, rule, status, message, figure.text, None, None, figure.start, figure.end,
                 (figure.id,))


FIGS = {f.id: f for f in (fig("f1", "337.10万元"), fig("f2", "249.52万元"),
                          fig("f3", "87.57万元"), fig("f4", "69.06%"), fig("f5", "99.55%"),
                          fig("f6", "100%"))}
CHECKS = (
    chk("c1", "pass", FIGS["f3"], "337.10−249.52=87.58,与87.57在舍入范围内", rule="change"),
    chk("c2", "fail", FIGS["f4"], "0.84÷2.55=32.94%,与报告的69.06%不符"),
    chk("c3", "uncertain", FIGS["f5"], "按截断而非四舍五入时相符"),
    chk("c4", "not_assessable", FIGS["f6"], "缺少分母", rule="share"),
)
META = {"title": "2020年度某局部门整体支出绩效自评报告", "publisher": "某县某局",
        "published": "2021-07-06"}


def make_report(checks: tuple[Check, ...] = CHECKS, text: str = TEXT,
                figures: tuple[Figure, ...] | None = None, meta: dict | None = None) -> Report:
    return Report("reports/a.txt", META if meta is None else meta, text,
                  tuple(FIGS.values()) if figures is None else figures, (), checks)


class Page(HTMLParser):
    """Collects the elements of a rendered page and the text inside `div.text`."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []         # text of each div.text with explain spans left out
        self.mark_text: dict[str, str] = {}
        self._in_text = 0
        self._skip = 0
        self._mark: str | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        classes = a.get("class", "").split()
        if tag == "div" and "text" in classes:
            self._in_text += 1
            self.texts.append("")
        elif self._in_text and tag == "span" and "explain" in classes:
            self._skip += 1
        elif tag == "mark":
            self._mark = a.get("id")
            self.mark_text[self._mark or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._in_text:
            self._in_text -= 1
        elif tag == "span" and self._skip:
            self._skip -= 1
        elif tag == "mark":
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._in_text and not self._skip:
            self.texts[-1] += data
        if self._mark is not None:
            self.mark_text[self._mark] += data

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.elements
                if t == tag and (cls is None or cls in a.get("class", "").split())]


def seed_report() -> Report:
    path = next((p for p in SEED_CANDIDATES if p.is_file()), None)
    if path is None:
        pytest.skip(f"seed report {SEED_NAME} not found beside the repository")
    try:
        from perfparse.pipeline import parse_text
    except ImportError as exc:  # the pipeline is being written alongside the renderers
        pytest.skip(f"perfparse.pipeline.parse_text not importable: {exc}")
    return parse_text(path.read_text(encoding="utf-8-sig"))


def test_fixture_spans_hold() -> None:
    """Every hand-built figure and check span covers exactly its surface text."""
    for f in FIGS.values():
        assert TEXT[f.start:f.end] == f.text
    for c in CHECKS:
        assert TEXT[c.start:c.end] == c.reported


def test_doctests() -> None:
    """The doctests of both renderer modules pass."""
    for module in (render_text, render_html):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0


class TestContext:
    def test_marks_span_with_brackets(self) -> None:
        """Without colour the figure sits in 【】 inside its surrounding characters."""
        f = FIGS["f4"]
        out = context(TEXT, f.start, f.end)
        assert "项目执行率【69.06%】,完成率" in out

    def test_ellipses_only_when_cut(self) -> None:
        """An ellipsis shows on a side only when the text goes on beyond the window."""
        assert context("abc", 0, 3) == "【abc】"
        assert context("x" * 50, 25, 26, width=5) == "…xxxxx【x】xxxxx…"

    def test_line_breaks_flattened(self) -> None:
        """Line breaks in the window become spaces so a context stays on one line."""
        f = FIGS["f1"]
        assert "\n" not in context(TEXT, f.start, f.end)

    def test_out_of_range_span_clamped(self) -> None:
        """A span beyond the text is clamped, never raising."""
        assert context("abc", 2, 10).endswith("【c】")
        assert context("abc", -5, 1) == "【a】bc"

    def test_color_uses_ansi_bold_red(self) -> None:
        """With colour a failing figure is wrapped in ANSI bold red, not brackets."""
        out = context("收入87.57万元", 2, 7, color=True, status="fail")
        assert "\x1b[1;31m87.57\x1b[0m" in out and "【" not in out


class TestToText:
    def test_lists_failure_with_context_and_message(self) -> None:
        """A failing check shows its figure in context, its rule and its message."""
        out = to_text([make_report()])
        assert "FAIL ratio c2" in out
        assert "【69.06%】" in out
        assert "0.84÷2.55=32.94%,与报告的69.06%不符" in out

    def test_lists_uncertain_omits_pass(self) -> None:
        """Uncertain checks are listed; pass and not_assessable checks are only counted."""
        out = to_text([make_report()])
        assert "UNCERTAIN ratio c3" in out and "按截断而非四舍五入时相符" in out
        assert "337.10−249.52" not in out and "【87.57万元】" not in out
        assert "缺少分母" not in out

    def test_header_and_counts(self) -> None:
        """The header names title, source, publisher and date; counts are per status."""
        out = to_text([make_report()])
        assert META["title"] in out and "reports/a.txt" in out
        assert "publisher: 某县某局" in out and "published: 2021-07-06" in out
        assert ("6 figures, 0 relations, 4 checks "
                "(pass 1, fail 1, uncertain 1, not_assessable 1)") in out

    def test_overall_line(self) -> None:
        """The last line totals documents, checks and failures over all reports."""
        out = to_text([make_report(), make_report(checks=CHECKS[:1]), make_report(checks=())])
        assert out.rstrip("\n").splitlines()[-1] == \
            "3 documents, 5 checks, 1 failed, 1 uncertain"

    def test_singular_overall_line(self) -> None:
        """One document with one check reads in the singular."""
        out = to_text([make_report(checks=CHECKS[1:2])])
        assert out.rstrip("\n").splitlines()[-1] == "1 document, 1 check, 1 failed, 0 uncertain"

    def test_failures_in_text_order(self) -> None:
        """Listed checks follow the order of their figures in the text, not of the tuple."""
        early = chk("c9", "fail", FIGS["f1"], "早的")
        out = to_text([make_report(checks=(CHECKS[1], early))])
        assert out.index("c9") < out.index("c2")

    def test_color_marks_figure(self) -> None:
        """With colour the failing figure is bold red and no brackets remain."""
        out = to_text([make_report()], color=True)
        assert "\x1b[1;31m69.06%\x1b[0m" in out and "【" not in out

    def test_no_colour_no_escape_codes(self) -> None:
        """Without colour the output holds no ANSI escape codes."""
        assert "\x1b" not in to_text([make_report()])

    def test_deterministic(self) -> None:
        """The same reports give the same text, byte for byte."""
        reports = [make_report(), make_report(meta={})]
        assert to_text(reports) == to_text(list(reports))

    def test_untitled_report_uses_source(self) -> None:
        """A report without a title is headed by its source."""
        out = to_text([make_report(meta={})])
        assert out.startswith("[1] reports/a.txt")

    def test_empty(self) -> None:
        """No reports still gives the overall line."""
        assert to_text([]) == "0 documents, 0 checks, 0 failed, 0 uncertain\n"

    def test_seed_report(self) -> None:
        """The seed report renders with its title and its figure count."""
        report = seed_report()
        out = to_text([report])
        assert f"{len(report.figures)} figures" in out
        assert report.meta.get("title", report.source) in out
        assert out.count("FAIL ") == len(report.failed)


class TestAnchors:
    def test_prefixed_with_report_index(self) -> None:
        """Anchors carry the report index so equal check ids in two reports differ."""
        assert anchors(0, CHECKS)[1] == "check-0-c2"
        assert anchors(7, CHECKS)[1] == "check-7-c2"

    def test_unique_even_for_clashing_ids(self) -> None:
        """Ids that only differ in unsafe characters, or repeat, still get distinct anchors."""
        f = FIGS["f1"]
        checks = [chk("a b", "fail", f, ""), chk("a_b", "fail", f, ""), chk("a b", "pass", f, "")]
        ids = anchors(0, checks)
        assert len(set(ids.values())) == 3
        assert all(" " not in v for v in ids.values())


class TestClusters:
    def test_overlapping_and_nested_spans_merge(self) -> None:
        """Spans that overlap or nest form one cluster covering their union."""
        c = [Check(str(i), "r", "pass", "", None, None, None, s, e, ())
             for i, (s, e) in enumerate([(0, 5), (3, 8), (4, 6), (8, 9)])]
        assert clusters(c, 100) == [(0, 8, [0, 1, 2]), (8, 9, [3])]

    def test_clamped_to_text(self) -> None:
        """Spans past either end of the text are clamped into it."""
        c = [Check("a", "r", "pass", "", None, None, None, -3, 2, ()),
             Check("b", "r", "pass", "", None, None, None, 8, 40, ())]
        assert clusters(c, 10) == [(0, 2, [0]), (8, 10, [1])]


class TestToHtml:
    def test_self_contained_page(self) -> None:
        """The page declares zh-CN and utf-8, inlines its CSS and loads nothing outside."""
        page = to_html([make_report()])
        assert page.startswith("<!DOCTYPE html>")
        assert '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
        assert "<style>" in page and "white-space:pre-wrap" in page
        parsed = Page(page)
        # One script, the page's own (filters and highlighting); nothing loaded from outside.
        assert len(parsed.find("script")) == 1 and page.count("<script>") == 1
        assert f"<script>{render_html.SCRIPT}</script>" in page
        assert not parsed.find("link") and not parsed.find("img")
        assert "http://" not in page and "https://" not in page

    def test_script_in_text_stays_inert(self) -> None:
        """A report text holding <script> is escaped, never a live element."""
        page = to_html([make_report()])
        assert "<script>alert" not in page and page.count("<script>") == 1
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
        assert len(Page(page).find("script")) == 1

    def test_everything_escaped(self) -> None:
        """Title, source, meta and messages with markup are escaped too."""
        evil = '<img src=x onerror="alert(1)">'
        check = chk("c<1>", "fail", FIGS["f4"], evil)
        report = Report(evil, {"title": evil, "publisher": evil}, TEXT,
                        tuple(FIGS.values()), (), (check,))
        page = to_html([report])
        parsed = Page(page)
        assert not parsed.find("img") and len(parsed.find("script")) == 1
        assert "onerror" not in {k for _, a in parsed.elements for k in a}

    def test_marks_carry_status_classes(self) -> None:
        """Each checked figure is a <mark> with its status class, id, rule and message."""
        parsed = Page(to_html([make_report()]))
        marks = {a["id"]: a for a in parsed.find("mark")}
        assert marks["check-0-c1"]["class"] == "status-pass"
        assert marks["check-0-c2"]["class"] == "status-fail"
        assert marks["check-0-c3"]["class"] == "status-uncertain"
        assert marks["check-0-c4"]["class"] == "status-not_assessable"
        assert marks["check-0-c2"]["data-rule"] == "ratio"
        assert "32.94%" in marks["check-0-c2"]["title"]
        assert parsed.mark_text["check-0-c2"] == "69.06%"

    def test_unchecked_figures_underlined(self) -> None:
        """Figures no check covers are <span class="figure">; checked ones are not."""
        page = to_html([make_report()])
        assert page.count('<span class="figure">') == 2
        assert '<span class="figure">337.10万元</span>' in page
        assert '<span class="figure">69.06%</span>' not in page

    def test_text_kept_whole(self) -> None:
        """Without the inline explanations the section's text is exactly report.text."""
        parsed = Page(to_html([make_report()]))
        assert parsed.texts == [TEXT]

    def test_failure_explained_inline(self) -> None:
        """A failing mark is followed directly by an explain span with its message."""
        page = to_html([make_report()])
        mark_end = page.index("</mark>", page.index('id="check-0-c2"'))
        after = page[mark_end + len("</mark>"):]
        assert after.startswith('<span class="explain status-fail">')
        assert unescape(after[:after.index("</span>")]).endswith("与报告的69.06%不符")

    def test_pass_not_explained(self) -> None:
        """Pass and not_assessable marks get no inline explanation."""
        page = to_html([make_report(checks=(CHECKS[0], CHECKS[3]))])
        assert 'class="explain' not in page

    def test_overlapping_checks_merge(self) -> None:
        """Several checks on one figure make one mark of the worst status, messages joined."""
        f = FIGS["f4"]
        checks = (chk("a", "pass", f, "一致", rule="share"), chk("b", "uncertain", f, "可能"),
                  chk("c", "fail", f, "不符", rule="sum"))
        parsed = Page(to_html([make_report(checks=checks)]))
        marks = parsed.find("mark")
        assert len(marks) == 1
        assert marks[0]["class"] == "status-fail"
        assert marks[0]["data-rule"] == "share ratio sum"
        assert all(m in marks[0]["title"] for m in ("一致", "可能", "不符"))
        explain = parsed.find("span", "explain")
        assert len(explain) == 1
        ids = {a.get("id") for _, a in parsed.elements}
        assert {"check-0-a", "check-0-b", "check-0-c"} <= ids
        assert parsed.texts == [TEXT]

    def test_worst_status_uncertain_over_pass(self) -> None:
        """Uncertain outranks not_assessable and pass on a shared span."""
        f = FIGS["f4"]
        checks = (chk("a", "pass", f, ""), chk("b", "not_assessable", f, ""),
                  chk("c", "uncertain", f, ""))
        assert Page(to_html([make_report(checks=checks)])).find("mark")[0]["class"] == \
            "status-uncertain"

    def test_partly_overlapping_spans(self) -> None:
        """Checks whose spans only partly overlap form one mark over their union."""
        f = FIGS["f1"]
        wide = Check("w", "sum", "fail", "和不符", None, None, None, f.start - 2, f.end - 2, ())
        narrow = chk("n", "pass", f, "一致")
        parsed = Page(to_html([make_report(checks=(narrow, wide))]))
        (mark,) = parsed.find("mark")
        assert parsed.mark_text[mark["id"]] == TEXT[f.start - 2:f.end]
        assert parsed.texts == [TEXT]

    def test_spans_at_text_boundaries(self) -> None:
        """Figures at the very start and end of the text, and spans past it, render whole."""
        text = "100万元与200万元"
        first, last = fig("a", "100万元", text), fig("b", "200万元", text)
        past = Check("p", "unit", "fail", "越界", None, None, None, last.start, len(text) + 9, ())
        report = Report("b.txt", {}, text, (first, last), (),
                        (chk("x", "fail", first, "首"), past))
        parsed = Page(to_html([report]))
        assert parsed.texts == [text]
        assert parsed.mark_text["check-0-x"] == "100万元"
        assert parsed.mark_text["check-0-p"] == "200万元"

    def test_empty_span_check_still_anchored(self) -> None:
        """A check with an empty span still has its anchor and explanation."""
        empty = Check("z", "balance", "fail", "缺少年末余额", None, None, None, 3, 3, ())
        parsed = Page(to_html([make_report(checks=(empty,))]))
        assert any(a.get("id") == "check-0-z" for a in parsed.find("mark"))
        assert parsed.texts == [TEXT]

    def test_summary_table_rows(self) -> None:
        """The summary table has one row per report, linking to its section, with counts."""
        reports = [make_report(), make_report(checks=()), make_report(meta={})]
        page = to_html(reports)
        parsed = Page(page)
        rows = [a for a in parsed.find("tr") if a.get("id", "").startswith("row-")]
        assert len(rows) == 3
        assert [a["href"] for a in parsed.find("a") if a.get("href", "").startswith("#doc-")] \
            == ["#doc-0", "#doc-1", "#doc-2"]
        assert len(parsed.find("details", "report")) == 3
        row0 = page[page.index('<tr id="row-0"'):page.index("</tr>", page.index('id="row-0"'))]
        assert '<td class="n">6</td>' in row0 and '<td class="n fail">1</td>' in row0

    def test_failure_list_links_every_failure(self) -> None:
        """The lists link each fail, then each uncertain check, of every report, by anchor."""
        parsed = Page(to_html([make_report(), make_report()]))
        links = [a["href"] for a in parsed.find("a")
                 if a.get("href", "").startswith("#check-")]
        assert links == ["#check-0-c2", "#check-1-c2", "#check-0-c3", "#check-1-c3"]
        ids = {a.get("id") for _, a in parsed.elements}
        assert all(link[1:] in ids for link in links)

    def test_anchor_ids_unique(self) -> None:
        """No id repeats on a page of reports that share check ids."""
        parsed = Page(to_html([make_report(), make_report(), make_report()]))
        ids = [a["id"] for _, a in parsed.elements if "id" in a]
        assert len(ids) == len(set(ids))

    def test_deterministic(self) -> None:
        """The same reports give the same page, byte for byte."""
        assert to_html([make_report(), make_report(meta={})]) == \
            to_html([make_report(), make_report(meta={})])

    def test_thousand_reports_quickly(self) -> None:
        """A thousand reports render into one page within a couple of seconds."""
        reports = [make_report()] * 1000
        began = time.perf_counter()
        page = to_html(reports)
        assert time.perf_counter() - began < 3
        assert page.count('<details class="report"') == 1000

    def test_many_figures_not_quadratic(self) -> None:
        """A long report with 20,000 figures and checks renders in well under a few seconds."""
        unit = "支出12.34万元,"
        text = unit * 20000
        figures = tuple(Figure(f"f{i}", i * len(unit) + 2, i * len(unit) + 9, "12.34万元",
                               Decimal("123400"), "万元", "money", 2) for i in range(20000))
        checks = tuple(chk(f"c{i}", ("pass", "fail")[i % 2], figures[i], "x")
                       for i in range(0, 20000, 3))
        began = time.perf_counter()
        page = to_html([Report("long.txt", {}, text, figures, (), checks)])
        assert time.perf_counter() - began < 3
        assert page.count("<mark ") == len(checks)

    def test_seed_report(self) -> None:
        """The seed report's page keeps its text whole and marks every figure or check."""
        report = seed_report()
        parsed = Page(to_html([report]))
        assert parsed.texts == [report.text]
        assert len(parsed.find("mark")) + len(parsed.find("span", "figure")) > 0
        assert len(parsed.find("mark", "status-fail")) <= len(report.failed)


class TestAuditPageForReaders:
    """What an auditor reading the page in Chinese needs: labels, legend, run, filters."""

    def page(self, **run) -> str:
        return to_html([make_report(), make_report(meta={"title": "第二份"})],
                       generated="2026-01-02 03:04 UTC", **run)

    def test_statuses_and_rules_in_chinese(self) -> None:
        """Headings, status names and rule names are Chinese; the ids stay in data-*."""
        page = self.page()
        for label in ("不一致", "存疑", "无法核对", "通过", "汇总", "图例"):
            assert label in page, label
        parsed = Page(page)
        assert "比率" in parsed.find("mark", "status-fail")[0]["title"]
        assert "增减额" in parsed.find("mark", "status-pass")[0]["title"]
        assert parsed.find("mark", "status-fail")[0]["data-status"] == "fail"
        assert "fail · ratio" not in page and "Failures" not in page

    def test_legend_explains_every_status(self) -> None:
        """The legend has one entry per status, each with its swatch and meaning."""
        parsed = Page(self.page())
        swatches = [a["class"] for a in parsed.find("span", "swatch")]
        assert sorted(swatches) == sorted(f"swatch status-{s}" for s in
                                          ("pass", "fail", "uncertain", "not_assessable"))

    def test_run_described(self) -> None:
        """Tool version, date, command and inputs are on the page."""
        import perfparse
        page = self.page(command="perfparse check docs/ --format html", inputs=["docs/"])
        assert f"perfparse {perfparse.__version__}" in page
        assert "2026-01-02 03:04 UTC" in page
        assert "perfparse check docs/ --format html" in page and "<dd>docs/</dd>" in page

    def test_date_reproducible(self, monkeypatch) -> None:
        """SOURCE_DATE_EPOCH fixes the date, so two runs give the same bytes."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
        assert "1970-01-02 00:00 UTC" in to_html([make_report()])
        assert to_html([make_report()]) == to_html([make_report()])

    def test_fail_and_uncertain_listed_apart(self) -> None:
        """Failed and uncertain checks are two lists, each counting its items."""
        page = self.page()
        fails = page[page.index('<ul class="issues fail">'):]
        fails = fails[:fails.index("</ul>")]
        uncertain = page[page.index('<ul class="issues uncertain">'):]
        uncertain = uncertain[:uncertain.index("</ul>")]
        assert fails.count("<li") == 2 and "status-uncertain" not in fails
        assert uncertain.count("<li") == 2 and "status-fail" not in uncertain
        assert "不一致的数字（2）" in page and "存疑的数字（2）" in page

    def test_filters_offered(self) -> None:
        """A checkbox per status and a choice of every document filter the page."""
        parsed = Page(self.page())
        boxes = [a["value"] for a in parsed.find("input") if a.get("name") == "status"]
        assert sorted(boxes) == ["fail", "not_assessable", "pass", "uncertain"]
        options = [a["value"] for a in parsed.find("option")]
        assert options == ["", "doc-0", "doc-1"]

    def test_documents_collapsible(self) -> None:
        """Each document is a <details>; those with something to look at start open."""
        page = to_html([make_report(), make_report(checks=(CHECKS[0],))])
        assert '<details class="report" id="doc-0" data-doc="doc-0" open>' in page
        assert '<details class="report" id="doc-1" data-doc="doc-1">' in page

    def test_css_fonts_and_print(self) -> None:
        """The font stack names CJK fonts of every platform; print styles exist."""
        for font in ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC"):
            assert font in render_html.CSS
        assert "@media print" in render_html.CSS and "print-color-adjust" in render_html.CSS
        assert "scroll-margin" in render_html.CSS and "mark:target" in render_html.CSS

    def test_skipped_inputs_named(self) -> None:
        """Inputs that could not be read are listed with their reason."""
        import io
        buf = io.StringIO()
        writer = render_html.HtmlWriter(buf)
        writer.write(make_report())
        writer.skipped("bad.pdf", "truncated <file>")
        writer.close()
        assert "bad.pdf：truncated &lt;file&gt;" in buf.getvalue()


class TestStreamingWriters:
    def test_json_writer_same_as_dumps(self) -> None:
        """The streamed JSON array is byte for byte json.dumps(list, indent=1)."""
        import json
        from perfparse.render.data import to_json
        reports = [make_report(), make_report(meta={})]
        assert to_json(reports) == json.dumps([r.to_dict() for r in reports],
                                              ensure_ascii=False, indent=1) + "\n"
        assert to_json([]) == "[]\n"

    def test_text_writer_counts_skipped(self) -> None:
        """The terminal summary ends with the totals, skipped inputs counted."""
        import io
        buf = io.StringIO()
        writer = render_text.TextWriter(buf)
        writer.write(make_report())
        writer.skipped = 2
        writer.close()
        assert buf.getvalue().endswith("1 document, 4 checks, 1 failed, 1 uncertain, 2 skipped\n")


class TestTerminalSafety:
    def test_escape_sequences_stripped(self) -> None:
        """Escapes and control characters in a document never reach the terminal."""
        evil = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e\x00"
        text = TEXT.replace("一、收支情况", "一、" + evil + "收支情况")
        f4 = fig("f4", "69.06%", text)
        report = Report("a\x1b[31m.txt", {"title": "标题" + evil, "publisher": evil}, text,
                        (f4,), (), (chk("c1", "fail", f4, "消息" + evil),))
        out = to_text([report])
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
        assert "\x00" not in out and "\x07" not in out
        assert "标题" in out and "消息" in out and "【69.06%】" in out
