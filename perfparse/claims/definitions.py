"""Claims a definition makes: a rate or a total whose parts the statistics define (城镇化率,
人均可支配收入 and its four sources, 增长面), and the actual against the amount set."""
from __future__ import annotations

from ..records import Figure
from ..rules import relations as R
from .base import Found, Roles, same_family, scope_of


def defined_rates(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """常住人口A，其中城镇常住人口B；…城镇化率P%: a rate defined as one amount over another,
    both named in its paragraph (rules: DEFINED_RATES). The definition binds them when each
    is named once."""
    for i, f in enumerate(figures):
        if f.kind != "percent":
            continue
        for rate, num, den in R.DEFINED_RATES:
            if not rate.search(roles.lead[f.id]):
                continue
            para = roles.line_break_before(f.start)
            before = [x for x in figures[max(0, i - 12):i] if x.start > para
                      and x.kind != "percent" and roles.role[x.id] == "level"]
            # (By the words before each amount: a metric drops the 城镇 of 城镇常住人口.)
            nums = [x for x in before if num.search(roles.lead[x.id])]
            dens = [x for x in before if den.search(roles.lead[x.id]) and x not in nums]
            if nums and dens and same_family(nums[-1], dens[-1]):
                # (城镇化率 is the urban share of the population: a share of a whole.)
                found.add("share", {"part": nums[-1], "whole": dens[-1], "percent": f},
                          basis="explicit" if len(nums) == len(dens) == 1 else "inferred",
                          cue="定义")


def income_sources(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """人均可支配收入A元…，其中工资性收入B元、经营净收入C元、财产净收入D元、转移净收入E元: the four
    sources make up disposable income by definition, so the four stated together are the whole.
    Their total is the latest such income before them that names the same group (城镇, 农村 …)
    when their words name one, else the latest before them in its paragraph or the one before."""
    totals: list[Figure] = []
    for i, f in enumerate(figures):
        lead = roles.lead[f.id]
        if f.kind != "money":
            continue
        if R.INCOME_TOTAL.search(lead + f.metric):
            totals.append(f)
            continue
        first = R.INCOME_SOURCE.search(lead)
        if first is None or first.group("kind") != "工资" or not totals:
            continue
        sources = {"工资": f}
        for g in figures[i + 1:i + 12]:
            if g.kind != "money":
                continue
            kind = R.INCOME_SOURCE.search(roles.lead[g.id])
            if kind is None or kind.group("kind") in sources or g.unit != f.unit:
                break
            sources[kind.group("kind")] = g
            if len(sources) == 4:
                break
        if len(sources) < 4:
            continue
        group = R.INCOME_GROUP.findall(lead)
        if group:
            total = next((t for t in reversed(totals)
                          if group[-1] in roles.lead[t.id] + t.metric), None)
        else:
            total = totals[-1] if totals[-1].start > roles.line_break_before(f.start, 2) \
                else None
        if total is None or total.unit != f.unit:
            continue
        found.add("sum", {"total": total, "parts": list(sources.values())}, note="exhaustive",
                  basis="explicit", cue="收入来源")


def breadths(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """15个行业大类中11个行业增长，增长面73.3%: the breadth is the second count over the first,
    by its definition, when the sentence states the two as "N…中M…"."""
    for i, f in enumerate(figures):
        if f.kind != "percent" or not R.BREADTH_LEAD.search(roles.lead[f.id]):
            continue
        stop = R.SENTENCE_BREAK_BACK.search(norm, max(0, f.start - 200), f.start)
        counts = [x for x in figures[max(0, i - 6):i] if x.kind == "count"
                  and x.start >= (stop.end() if stop else 0)]
        pair = next(((a, b) for a, b in zip(reversed(counts[:-1]), reversed(counts[1:]))
                     if R.BREADTH_OF.search(roles.lead[b.id])), None)
        if pair is not None:
            found.add("ratio", {"numerator": pair[1], "denominator": pair[0], "percent": f},
                      basis="explicit", cue="增长面")


def actuals_of_plans(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """应补助人数9人，实际补助人数9人 / 预定村集体收入A，实际已完成村集体收入B: the actual against
    the amount set, named alike in one sentence. Falling short is no inconsistency of the
    text (it does not say the target was met), so this is ours: pass or uncertain."""
    for f, nxt in zip(figures, figures[1:]):
        m = R.ACTUAL_OF.search(roles.lead[nxt.id])
        if m is None or not same_family(f, nxt) or f.kind == "percent" or \
                len(m.group("name")) < 3 or not roles.lead[f.id].endswith(m.group("name")) or \
                R.SENTENCE_BREAK.search(norm, f.end, nxt.start):
            continue
        found.add("threshold", {"value": nxt, "target": f}, note="ge", basis="inferred",
                  cue="应…实际")


def _pull_name(words: str) -> str:
    name = R.PULL_NOISE.sub("", R.SCOPE_WORD.sub("", R.NOTE_MARK.sub("", words)))
    for pattern, canon in R.PULL_ALIASES:
        name = pattern.sub(canon, name)
    return name


def pulls(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """三次产业分别拉动经济增长0.6、2.0、3.4个百分点 / A…，拉动X增长a个百分点；B…，下拉X b个百分点:
    the points each part adds to a growth rate make that rate (a 下拉 takes away), the rate of
    what the pulls name, stated before them. Whether the parts are all of them the text does
    not say: ours."""
    runs: list[tuple[str, bool, int, list[tuple[Figure, int]]]] = []
    for f in figures:   # (target, whether it names the whole area, paragraph, pulls)
        if f.kind != "pp":
            continue
        m = R.PULL_LEAD.search(roles.lead[f.id])
        para = roles.line_break_before(f.start)
        if m is not None:
            target, sign = _pull_name(m.group("target")), -1 if m.group("verb") == "下拉" else 1
            whole = scope_of(m.group("target")) == "all"
        elif runs and runs[-1][3][-1][0].id == roles.list_prev.get(f.id):
            target, whole, _, last = runs[-1]
            sign = last[-1][1]   # 分别拉动a、b、c
        else:
            continue
        if runs and runs[-1][0] == target and runs[-1][2] == para:
            runs[-1][3].append((f, sign))
        else:
            runs.append((target, whole, para, [(f, sign)]))
    index = {f.id: i for i, f in enumerate(figures)}
    for target, whole, _, parts in runs:
        if len(parts) < 2 or len(target) < 2:
            continue
        first = index[parts[0][0].id]
        # The rate is stated before the sentence of the first pull, and is the whole area's
        # when the pulls name it (拉动全州GDP增长: not a county's rate of that name).
        start = R.SENTENCE_BREAK_BACK.search(norm, max(0, parts[0][0].start - 300),
                                             parts[0][0].start)
        total = next((x for x in reversed(figures[max(0, first - 80):first])
                      if x.kind == "percent" and roles.role[x.id] == "rate"
                      and x.end <= (start.start() if start else 0)
                      and _pull_name(x.metric) == target
                      and (not whole or roles.scope.get(x.id) == "all")), None)
        if total is None:
            continue
        found.add("sum", {"total": total, "parts": [f for f, s in parts if s > 0],
                          "minus": [f for f, s in parts if s < 0] or None},
                  basis="inferred", cue="拉动")
