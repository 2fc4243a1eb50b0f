"""The auditor's HTML page of `perfparse check`: one self-contained file, no scripts.

A summary table and a list of failures on top, then each report's full text with every
checked figure highlighted by the worst status among the checks that judge it.
"""
from __future__ import annotations

import re
from collections import Counter
from html import escape
from typing import Iterator, Sequence

from ..records import STATUSES, Check, Figure, Report
from .findings import html_block as finding_block

# Worst first: a span judged by several checks shows the worst of their statuses.
SEVERITY = ("fail", "uncertain", "not_assessable", "pass")
EXPLAINED = ("fail", "uncertain")  # statuses whose message is shown inline beside the figure
QUOTE = ("「", "」")  # around the judged figure in the failure list, as a Chinese reader quotes

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;
 margin:1.5em auto;max-width:60em;padding:0 1em;color:#222;line-height:1.6}
table.summary{border-collapse:collapse;width:100%;font-size:.9em}
table.summary th,table.summary td{border:1px solid #ccc;padding:.2em .5em;text-align:left}
table.summary td.n{text-align:right}
table.summary td.fail{color:#b00000;font-weight:bold}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ddd;padding:1em;
 background:#fcfcfc}
mark{padding:0 .1em;border-radius:2px;color:inherit}
mark.status-fail{background:#ff9c9c;outline:1px solid #d00000}
mark.status-uncertain{background:#ffd27a}
mark.status-pass{background:#c8ecc8}
mark.status-not_assessable{background:#dddddd}
mark:empty::before{content:"\\25B2"}
span.figure{text-decoration:underline dotted #888}
span.explain{font-size:.8em;margin:0 .3em;padding:0 .3em;border-radius:3px;
 background:#fff0f0;color:#900000;border:1px solid #f0b0b0}
span.explain.status-uncertain{background:#fff7e6;color:#7a4d00;border-color:#f0d090}
ul.failures li.status-uncertain a{color:#7a4d00}
ul.failures li.status-fail a{color:#b00000}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:0 1em;font-size:.9em}
dl.meta dt{color:#666}
dl.meta dd{margin:0}
""".strip()

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.:-]")


def _esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _title(report: Report) -> str:
    return report.meta.get("title") or report.source or "(untitled)"


def _worst(statuses: Sequence[str]) -> str:
    return min(statuses, key=lambda s: SEVERITY.index(s) if s in SEVERITY else len(SEVERITY))


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
    title = "\n".join(f"{c.status} · {c.rule}: {c.message}" for c in checks)
    rules = " ".join(dict.fromkeys(c.rule for c in checks))
    extra = "".join(f'<a class="anchor" id="{ids[p]}"></a>' for p in members[1:])
    parts = [extra,
             f'<mark class="status-{_esc(status)}" id="{ids[members[0]]}" title="{_esc(title)}"'
             f' data-rule="{_esc(rules)}" data-checks="{_esc(" ".join(c.id for c in checks))}">'
             f"{_esc(report.text[start:end])}</mark>"]
    explained = [c for c in checks if c.status in EXPLAINED]
    if explained:
        why = " ｜ ".join(f"{c.rule}: {c.message}" for c in explained)
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


def _summary(reports: Sequence[Report]) -> list[str]:
    head = "".join(f"<th>{s}</th>" for s in STATUSES)
    out = ['<table class="summary">',
           f"<thead><tr><th>#</th><th>title</th><th>source</th><th>figures</th>{head}"
           "</tr></thead>", "<tbody>"]
    for i, report in enumerate(reports):
        counts = _counts(report)
        cells = "".join(f'<td class="n{" fail" if s == "fail" and counts[s] else ""}">'
                        f"{counts.get(s, 0)}</td>" for s in STATUSES)
        out.append(f'<tr id="row-{i}"><td class="n">{i + 1}</td>'
                   f'<td><a href="#doc-{i}">{_esc(_title(report))}</a></td>'
                   f"<td>{_esc(report.source)}</td>"
                   f'<td class="n">{len(report.figures)}</td>{cells}</tr>')
    out.append("</tbody></table>")
    return out


def _failures(reports: Sequence[Report], all_ids: list[dict[int, str]]) -> list[str]:
    out = ['<h2 id="failures">Failures</h2>', '<ul class="failures">']
    empty = True
    for i, report in enumerate(reports):
        for pos, check in enumerate(report.checks):
            if check.status not in EXPLAINED:
                continue
            empty = False
            figure = _esc(report.text[slice(*_clamp(check.start, check.end, len(report.text)))])
            out.append(f'<li class="status-{check.status}">'
                       f'<a href="#{all_ids[i][pos]}">{i + 1}. {_esc(_title(report))} · '
                       f"{check.status} · {_esc(check.rule)} · {QUOTE[0]}{figure}{QUOTE[1]}</a> "
                       f"{_esc(check.message)}</li>")
    if empty:
        out.append('<li class="none">no failed or uncertain checks</li>')
    out.append("</ul>")
    return out


def _section(i: int, report: Report, ids: dict[int, str]) -> list[str]:
    meta = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>"
                   for k, v in [("source", report.source), *sorted(report.meta.items())] if v)
    counts = _counts(report)
    tally = ", ".join(f"{s} {counts.get(s, 0)}" for s in STATUSES)
    return [f'<section class="report" id="doc-{i}">',
            f"<h2>{i + 1}. {_esc(_title(report))}</h2>",
            f'<dl class="meta">{meta}</dl>',
            f'<p class="counts">{len(report.figures)} figures, {len(report.relations)} '
            f"relations, {len(report.checks)} checks ({tally})</p>",
            *finding_block(report),   # standard tables and codes (render/findings.py)
            f'<div class="text">{_body(report, ids)}</div>',
            '<p><a href="#top">back to summary</a></p>',
            "</section>"]


def to_html(reports: Sequence[Report]) -> str:
    """One self-contained HTML page: summary, failures, then each report's marked text."""
    all_ids = [anchors(i, r.checks) for i, r in enumerate(reports)]
    totals: Counter[str] = Counter()
    for report in reports:
        totals.update(_counts(report))
    overall = (f"{_plural(len(reports), 'document')}, {_plural(sum(totals.values()), 'check')}, "
               f"{totals['fail']} failed, {totals['uncertain']} uncertain")
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>perfparse check</title>", f"<style>{CSS}</style>", "</head>",
           '<body id="top">', "<h1>perfparse check</h1>", f'<p class="overall">{overall}</p>']
    out += _summary(reports)
    out += _failures(reports, all_ids)
    for i, report in enumerate(reports):
        out += _section(i, report, all_ids[i])
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
