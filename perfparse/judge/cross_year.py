"""Year N's 上年 figures against year N−1's own figures, when both reports are checked together."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..records import Check, Report
from .intervals import figure_interval as _iv


def cross_year_checks(reports: Sequence[Report]) -> list[Report]:
    """Year N's 上年 figures against year N−1's 本年 figures of the same publisher."""
    by_key = {(r.meta.get("publisher"), r.meta.get("year")): r for r in reports
              if r.meta.get("publisher") and str(r.meta.get("year", "")).isdecimal()}
    out = []
    for rep in reports:
        pub, year = rep.meta.get("publisher"), rep.meta.get("year")
        prior = by_key.get((pub, str(int(year) - 1))) if pub and str(year).isdecimal() else None
        if prior is None:
            out.append(rep)
            continue
        extra = []
        for f in rep.figures:
            if f.period != "previous" or not f.metric:
                continue
            same = [g for g in prior.figures if g.metric == f.metric and g.kind == f.kind
                    and g.unit == f.unit]
            # A level said to be this year's; failing that, one with no period at all.
            matches = [g for g in same if g.period == "current"] or \
                [g for g in same if g.period is None]
            values = {g.value for g in matches}
            if len(values) != 1:
                continue
            g = matches[0]
            ok = _iv(f).overlaps(_iv(g))
            extra.append(Check(
                id="", rule="cross_year", status="pass" if ok else "fail",
                message=f"本报告所称上年{f.metric}{f.text}，{prior.meta.get('year')}年报告为{g.text}"
                        + ("，一致" if ok else "，不一致"),
                reported=f"{f.value:f}", expected=f"{g.value:f}",
                expected_interval=(f"{_iv(g).lo:f}", f"{_iv(g).hi:f}"), start=f.start,
                end=f.end, figures=(f.id,), relation=""))
        checks = sorted(list(rep.checks) + extra, key=lambda c: (c.start, c.end, c.relation))
        out.append(replace(rep, checks=tuple(replace(c, id=f"c{i}")
                                             for i, c in enumerate(checks, 1))))
    return out
