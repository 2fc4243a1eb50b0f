"""The auditor's HTML page of `perfparse check`: one self-contained file.

On top: the run (tool version, date, command, inputs), a legend of the statuses, filters by
status and by document, a summary table, and the failed and the uncertain figures listed
apart with links. Below: each report's full text, collapsible, every checked figure marked
by the worst status among the checks that judge it.

`HtmlWriter` takes the reports one at a time and spools their sections to a temporary file,
so memory stays flat however many documents a run checks; the head, which needs the totals,
is written when the writer is closed. Everything from a document is escaped; the page's own
small script only filters, opens sections and highlights the figure a link points to, and
the page reads completely without it.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections import Counter
from html import escape
from typing import Iterator, Sequence, TextIO

from ..records import Check, Figure, Report
from ..rules.labels import META_LABELS, PAGE, RULE_LABELS, STATUS_LABELS
from .findings import html_block as finding_block

# Worst first: a span judged by several checks shows the worst of their statuses.
SEVERITY = ("fail", "uncertain", "not_assessable", "pass")
EXPLAINED = ("fail", "uncertain")  # statuses whose message is shown inline beside the figure
QUOTE = ("「", "」")  # around the judged figure in the failure lists, as a Chinese reader quotes
SHOWN_INPUTS = 12  # inputs named in the page's head; the rest are counted

# CJK fonts in the order a reader's system is likely to have them: Noto/Source Han
# (Debian/Ubuntu fonts-noto-cjk, Fedora google-noto-sans-cjk-fonts), then macOS, Windows and
# the WenQuanYi fonts of older Linux systems.
FONTS = ('"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Source Han Sans CN",'
         '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",'
         '"WenQuanYi Zen Hei",sans-serif')

CSS = """
body{font-family:%(fonts)s;margin:1.5em auto;max-width:62em;padding:0 1em;color:#222;
 line-height:1.6}
h1{font-size:1.5em;margin:.2em 0}
dl.run,dl.meta{display:grid;grid-template-columns:max-content auto;gap:0 1em;font-size:.9em}
dl.run dt,dl.meta dt{color:#666}
dl.run dd,dl.meta dd{margin:0;overflow-wrap:anywhere}
code{font-family:ui-monospace,"Noto Sans Mono CJK SC",monospace;font-size:.95em}
.legend{display:flex;flex-wrap:wrap;gap:.3em 1.5em;font-size:.9em;padding:0;list-style:none}
.legend li{max-width:28em}
.swatch{display:inline-block;min-width:4.5em;text-align:center;border-radius:3px;
 margin-right:.4em;padding:0 .3em}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1.5em;padding:.5em .8em;
 border:1px solid #ddd;background:#f7f7f7;font-size:.9em;position:sticky;top:0;z-index:2}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:.8em;align-items:center}
.filters legend{float:left;margin-right:.5em}
table.summary{border-collapse:collapse;width:100%%;font-size:.9em}
table.summary th,table.summary td{border:1px solid #ccc;padding:.2em .5em;text-align:left}
table.summary th{white-space:nowrap;background:#f3f3f3}
table.summary td.src{font-size:.85em;overflow-wrap:anywhere;max-width:22em}
table.summary td.n{text-align:right}
table.summary td.fail{color:#b00000;font-weight:bold}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ddd;padding:1em;
 background:#fcfcfc}
mark{padding:0 .1em;border-radius:2px;color:inherit;scroll-margin:35vh 0}
.status-fail{background:#ff9c9c}
mark.status-fail{outline:1px solid #d00000}
.status-uncertain{background:#ffd27a}
.status-pass{background:#c8ecc8}
.status-not_assessable{background:#dddddd}
mark:empty::before{content:"\\25B2"}
mark:target,mark.current{outline:3px solid #1a4fd0;outline-offset:2px;
 box-shadow:0 0 0 6px rgba(26,79,208,.25)}
span.figure{text-decoration:underline dotted #888}
span.explain{font-size:.8em;margin:0 .3em;padding:0 .3em;border-radius:3px;
 background:#fff0f0;color:#900000;border:1px solid #f0b0b0}
span.explain.status-uncertain{background:#fff7e6;color:#7a4d00;border-color:#f0d090}
ul.issues li.status-uncertain a{color:#7a4d00}
ul.issues li.status-fail a{color:#b00000}
details.report{border-top:1px solid #ccc;margin-top:1em}
details.report>summary{cursor:pointer;padding:.3em 0}
details.report>summary h2{display:inline;font-size:1.15em}
details.report>summary .counts{color:#555;font-size:.85em;margin-left:.6em}
body.hide-pass mark.status-pass,body.hide-uncertain mark.status-uncertain,
body.hide-fail mark.status-fail,body.hide-not_assessable mark.status-not_assessable{
 background:none;outline:none}
body.hide-fail .explain.status-fail,body.hide-uncertain .explain.status-uncertain,
body.hide-fail li.status-fail,body.hide-uncertain li.status-uncertain{display:none}
.fontnote{font-size:.8em;color:#777}
@media print{
 .filters,.fontnote,.back{display:none}
 body{max-width:none;margin:0;font-size:10.5pt}
 mark,.swatch,.explain,.status-fail,.status-uncertain,.status-pass,.status-not_assessable{
  -webkit-print-color-adjust:exact;print-color-adjust:exact}
 mark:target,mark.current{outline:none;box-shadow:none}
 details.report{break-before:page}
 details.report>summary{list-style:none}
 table.summary tr,ul.issues li{break-inside:avoid}
 a{color:inherit;text-decoration:none}
}
""".strip() % {"fonts": FONTS}

# Filters, opening a collapsed section when a link points into it, highlighting the figure
# a link points to (also when it points to one of a merged mark's extra anchors), and every
# section opened before printing.
SCRIPT = """
(function(){
var body=document.body,form=document.getElementById('filters');
function apply(){
 form.querySelectorAll('input[name=status]').forEach(function(box){
  body.classList.toggle('hide-'+box.value,!box.checked);});
 var doc=document.getElementById('doc-filter').value;
 document.querySelectorAll('[data-doc]').forEach(function(el){
  el.hidden=!!doc&&el.getAttribute('data-doc')!==doc;});
 if(doc){document.getElementById(doc).open=true;}
}
function reveal(){
 var id=decodeURIComponent(location.hash.slice(1));
 var el=id&&document.getElementById(id);
 if(!el)return;
 if(el.hasAttribute('data-for'))el=document.getElementById(el.getAttribute('data-for'));
 var section=el.closest('details');
 if(section){section.hidden=false;section.open=true;}
 document.querySelectorAll('mark.current').forEach(function(m){m.classList.remove('current');});
 if(el.tagName==='MARK'){el.classList.add('current');}
 el.scrollIntoView({block:'center'});
}
form.addEventListener('change',apply);
document.getElementById('expand-all').addEventListener('click',function(){
 document.querySelectorAll('details.report').forEach(function(d){d.open=true;});});
document.getElementById('collapse-all').addEventListener('click',function(){
 document.querySelectorAll('details.report').forEach(function(d){d.open=false;});});
document.addEventListener('click',function(e){
 var a=e.target.closest('a[href^="#"]');
 if(a&&a.getAttribute('href')===location.hash){e.preventDefault();reveal();}});
window.addEventListener('hashchange',reveal);
window.addEventListener('beforeprint',function(){
 document.querySelectorAll('details.report').forEach(function(d){d.open=true;});});
apply();reveal();
})();
""".strip()

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.:-]")


def _esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _title(report: Report) -> str:
    return report.meta.get("title") or report.source or PAGE["untitled"]


def _worst(statuses: Sequence[str]) -> str:
    return min(statuses, key=lambda s: SEVERITY.index(s) if s in SEVERITY else len(SEVERITY))


def status_label(status: str) -> str:
    """The Chinese name of a status.

    >>> status_label("fail"), status_label("pass")
    ('不一致', '通过')
    """
    return STATUS_LABELS.get(status, (status, ""))[0]


def rule_label(rule: str) -> str:
    """The Chinese name of a check rule; an unknown rule keeps its id.

    >>> rule_label("growth_rate"), rule_label("new_rule")
    ('增长率', 'new_rule')
    """
    return RULE_LABELS.get(rule, rule)


def anchors(index: int, checks: Sequence[Check]) -> dict[int, str]:
    """Unique HTML ids for a report's checks, keyed by position in `checks`.

    Check ids are unique within a report only, hence the report index in front.

    >>> anchors(3, [])
    {}
    """
    seen: set[str] = set()
    out: dict[int, str] = {}
    for pos, check in enumerate(checks):
        anchor = f"check-{index}-{_UNSAFE_ID.sub('_', check.id) or pos}"
        if anchor in seen:  # ids that only differ in unsafe characters, or repeated ids
            anchor = f"{anchor}-{pos}"
        seen.add(anchor)
        out[pos] = anchor
    return out


def _clamp(start: int, end: int, n: int) -> tuple[int, int]:
    start = min(max(start, 0), n)
    return start, min(max(end, start), n)


def clusters(checks: Sequence[Check], n: int) -> list[tuple[int, int, list[int]]]:
    """Group checks whose spans overlap: (start, end, positions in `checks`), in text order.

    Spans are clamped to the text of length `n`; an empty span stays its own cluster.

    >>> from perfparse.records import Check
    >>> c = lambda s, e: Check("c", "r", "pass", "", None, None, None, s, e, ())
    >>> clusters([c(5, 9), c(0, 2), c(7, 12), c(20, 30)], 25)
    [(0, 2, [1]), (5, 12, [0, 2]), (20, 25, [3])]
    """
    spans = sorted((*_clamp(c.start, c.end, n), pos) for pos, c in enumerate(checks))
    out: list[tuple[int, int, list[int]]] = []
    for start, end, pos in spans:
        if out and start < out[-1][1]:
            last = out[-1]
            out[-1] = (last[0], max(last[1], end), last[2] + [pos])
        else:
            out.append((start, end, [pos]))
    return out


def _free_figures(figures: Sequence[Figure], marked: list[tuple[int, int, list[int]]],
                  n: int) -> Iterator[tuple[int, int]]:
    """Spans of figures that no check covers and that do not overlap each other."""
    # clusters are disjoint and in text order, so one forward pass over them suffices
    blocks = [(s, e) for s, e, _ in marked if e > s]
    k = 0
    last_end = 0
    for start, end in sorted(_clamp(f.start, f.end, n) for f in figures):
        if end <= start or start < last_end:
            continue
        while k < len(blocks) and blocks[k][1] <= start:
            k += 1
        if k < len(blocks) and blocks[k][0] < end:
            continue
        last_end = end
        yield start, end


def _mark(report: Report, cluster: tuple[int, int, list[int]], ids: dict[int, str]) -> str:
    start, end, members = cluster
    checks = [report.checks[p] for p in members]
    status = _worst([c.status for c in checks])
    title = "\n".join(f"{status_label(c.status)} · {rule_label(c.rule)}：{c.message}"
                      for c in checks)
    rules = " ".join(dict.fromkeys(c.rule for c in checks))
    main = ids[members[0]]
    # A figure judged by several checks is one mark; the other checks' anchors point to it.
    extra = "".join(f'<a class="anchor" id="{ids[p]}" data-for="{main}"></a>'
                    for p in members[1:])
    parts = [extra,
             f'<mark class="status-{_esc(status)}" id="{main}" title="{_esc(title)}"'
             f' data-status="{_esc(status)}" data-rule="{_esc(rules)}"'
             f' data-checks="{_esc(" ".join(c.id for c in checks))}">'
             f"{_esc(report.text[start:end])}</mark>"]
    explained = [c for c in checks if c.status in EXPLAINED]
    if explained:
        why = " ｜ ".join(f"{rule_label(c.rule)}：{c.message}" for c in explained)
        parts.append(f'<span class="explain status-{_esc(_worst([c.status for c in explained]))}"'
                     f">{_esc(why)}</span>")
    return "".join(parts)


def _body(report: Report, ids: dict[int, str]) -> str:
    text = report.text
    n = len(text)
    marked = clusters(report.checks, n)
    spans: list[tuple[int, int, int, object]] = [(c[0], c[1], 0, c) for c in marked]
    spans += [(s, e, 1, None) for s, e in _free_figures(report.figures, marked, n)]
    spans.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[str] = []
    pos = 0
    for start, end, kind, cluster in spans:
        out.append(_esc(text[pos:start]))
        if kind == 0:
            out.append(_mark(report, cluster, ids))  # type: ignore[arg-type]
        else:
            out.append(f'<span class="figure">{_esc(text[start:end])}</span>')
        pos = max(pos, end)
    out.append(_esc(text[pos:]))
    return "".join(out)


def _counts(report: Report) -> Counter[str]:
    return Counter(c.status for c in report.checks)


def _tally(counts: Counter[str]) -> str:
    return "，".join(f"{status_label(s)} {counts.get(s, 0)}" for s in SEVERITY)


def generated_at() -> str:
    """The page's date: SOURCE_DATE_EPOCH when set (reproducible output), else now, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = int(epoch) if epoch.isdigit() else time.time()
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(when))


class _Lines:
    """Lines of the page's head kept on disk until the head is written: a row, an option
    and a list item per document or finding, thousands of them in a big run."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.count = 0

    def append(self, line: str) -> None:
        self.file.write(line + "\n")
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def copy_to(self, out: TextIO) -> None:
        self.file.seek(0)
        shutil.copyfileobj(self.file, out)
        self.file.close()


class HtmlWriter:
    """Write the audit page one report at a time; `close()` writes the finished page.

    `command` and `inputs` describe the run in the page's head; `generated` defaults to
    `generated_at()`.
    """

    def __init__(self, out: TextIO, *, command: str = "", inputs: Sequence[str] = (),
                 version: str | None = None, generated: str | None = None):
        if version is None:
            from .. import __version__ as version
        self.out = out
        self.command = command
        self.inputs = list(inputs)
        self.version = version
        self.generated = generated if generated is not None else generated_at()
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._rows = _Lines()
        self._options = _Lines()
        self._issues = {s: _Lines() for s in EXPLAINED}
        self._totals: Counter[str] = Counter()
        self._skipped: list[tuple[str, str]] = []
        self._n = 0

    def write(self, report: Report) -> None:
        i = self._n
        self._n += 1
        ids = anchors(i, report.checks)
        counts = _counts(report)
        self._totals.update(counts)
        title = _esc(_title(report))
        cells = "".join(f'<td class="n{" fail" if s == "fail" and counts[s] else ""}">'
                        f"{counts.get(s, 0)}</td>" for s in SEVERITY)
        self._rows.append(f'<tr id="row-{i}" data-doc="doc-{i}"><td class="n">{i + 1}</td>'
                          f'<td><a href="#doc-{i}">{title}</a></td>'
                          f'<td class="src">{_esc(report.source)}</td>'
                          f'<td class="n">{len(report.figures)}</td>{cells}</tr>')
        self._options.append(f'<option value="doc-{i}">{i + 1}. {title}</option>')
        n = len(report.text)
        for pos, check in enumerate(report.checks):
            if check.status in EXPLAINED:
                figure = _esc(report.text[slice(*_clamp(check.start, check.end, n))])
                self._issues[check.status].append(
                    f'<li class="status-{check.status}" data-doc="doc-{i}">'
                    f'<a href="#{ids[pos]}">{i + 1}. {title} · {_esc(rule_label(check.rule))} · '
                    f"{QUOTE[0]}{figure}{QUOTE[1]}</a> {_esc(check.message)}</li>")
        self._spool.write("\n".join(self._section(i, report, ids, counts)) + "\n")

    def skipped(self, item: str, reason: str) -> None:
        """Name an input that could not be read, with the reason, in the page's head."""
        self._skipped.append((item, reason))

    def _section(self, i: int, report: Report, ids: dict[int, str],
                 counts: Counter[str]) -> list[str]:
        meta = "".join(f"<dt>{_esc(META_LABELS.get(k, k))}</dt><dd>{_esc(v)}</dd>"
                       for k, v in [("source", report.source), *sorted(report.meta.items())]
                       if v)
        # Sections with something to look at start open; the rest fold to their heading.
        is_open = " open" if counts["fail"] or counts["uncertain"] else ""
        about = PAGE["counts"].format(figures=len(report.figures),
                                      relations=len(report.relations),
                                      checks=len(report.checks))
        return [f'<details class="report" id="doc-{i}" data-doc="doc-{i}"{is_open}>',
                f"<summary><h2>{i + 1}. {_esc(_title(report))}</h2>"
                f'<span class="counts">{about}（{_tally(counts)}）</span></summary>',
                f'<dl class="meta">{meta}</dl>',
                *finding_block(report),   # standard tables and codes (render/findings.py)
                f'<div class="text">{_body(report, ids)}</div>',
                f'<p class="back"><a href="#top">{PAGE["back"]}</a></p>',
                "</details>"]

    def _head(self) -> list[str | _Lines]:
        t = self._totals
        overall = PAGE["overall"].format(documents=self._n, checks=sum(t.values()),
                                         fail=t["fail"], uncertain=t["uncertain"])
        shown = ", ".join(_esc(x) for x in self.inputs[:SHOWN_INPUTS])
        if len(self.inputs) > SHOWN_INPUTS:
            shown += PAGE["more_inputs"].format(n=len(self.inputs))
        run = [(PAGE["version"], f"perfparse {_esc(self.version)}"),
               (PAGE["generated"], _esc(self.generated))]
        if self.command:
            run.append((PAGE["command"], f"<code>{_esc(self.command)}</code>"))
        if self.inputs:
            run.append((PAGE["inputs"], shown))
        legend = "".join(f'<li><span class="swatch status-{s}">{label}</span>{_esc(why)}</li>'
                         for s, (label, why) in STATUS_LABELS.items())
        boxes = "".join(f'<label><input type="checkbox" name="status" value="{s}" checked> '
                        f"{status_label(s)}</label>" for s in SEVERITY)
        head = "".join(f"<th>{status_label(s)}</th>" for s in SEVERITY)
        out: list[str | _Lines] = [
            "<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="perfparse {_esc(self.version)}">',
            f"<title>{PAGE['title']}</title>", f"<style>{CSS}</style>", "</head>",
            '<body id="top">', f"<h1>{PAGE['heading']}</h1>",
            '<dl class="run">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in run) + "</dl>",
            f'<p class="overall">{overall}</p>',
            f'<h2 id="legend">{PAGE["legend"]}</h2>', f'<ul class="legend">{legend}</ul>',
            f'<p class="fontnote">{PAGE["fonts"]}</p>',
            f'<form class="filters" id="filters"><span>{PAGE["filters"]}</span>'
            f'<fieldset><legend>{PAGE["status_filter"]}</legend>{boxes}</fieldset>'
            f'<label>{PAGE["doc_filter"]} <select id="doc-filter">'
            f'<option value="">{PAGE["all_docs"]}</option>',
            self._options,
            "</select></label>"
            f'<button type="button" id="expand-all">{PAGE["expand"]}</button>'
            f'<button type="button" id="collapse-all">{PAGE["collapse"]}</button></form>',
            f'<h2 id="summary">{PAGE["summary"]}</h2>', '<table class="summary">',
            f'<thead><tr><th>{PAGE["number"]}</th><th>{PAGE["doc_title"]}</th>'
            f'<th>{PAGE["source"]}</th><th>{PAGE["figures"]}</th>{head}</tr></thead>',
            "<tbody>", self._rows, "</tbody></table>"]
        if self._skipped:
            out += [f'<h2 id="skipped">{PAGE["skipped"]}（{len(self._skipped)}）</h2>',
                    '<ul class="skipped">',
                    *(f"<li>{_esc(item)}：{_esc(why)}</li>" for item, why in self._skipped),
                    "</ul>"]
        for status, key in (("fail", "fails"), ("uncertain", "uncertains")):
            items = self._issues[status]
            out += [f'<h2 id="{status}s">{PAGE[key]}（{len(items)}）</h2>',
                    f'<ul class="issues {status}">',
                    items if len(items) else f'<li class="none">{PAGE["none"]}</li>', "</ul>"]
        return out

    def close(self) -> None:
        for part in self._head():
            if isinstance(part, _Lines):
                part.copy_to(self.out)
            else:
                self.out.write(part + "\n")
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, self.out)
        self._spool.close()
        self.out.write(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")


def to_html(reports: Sequence[Report], **run: object) -> str:
    """One self-contained HTML page of the reports (see HtmlWriter for `run`)."""
    import io
    buf = io.StringIO()
    writer = HtmlWriter(buf, **run)  # type: ignore[arg-type]
    for report in reports:
        writer.write(report)
    writer.close()
    return buf.getvalue()


__all__ = ["HtmlWriter", "anchors", "clusters", "generated_at", "rule_label", "status_label",
           "to_html"]
