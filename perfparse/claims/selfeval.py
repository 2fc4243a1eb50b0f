"""Claims of the 绩效自评表 (项目支出 and 部门整体支出), all stated by the Ministry's template or by
the form itself:

- 年度资金总额 = 当年财政拨款 + 上年结转 + 其他资金, column by column;
- 执行率 = 全年执行数 ÷ 全年预算数 (the adjusted budget; the initial one when no other);
- the funding 得分 within its 分值, and = 分值 × 执行率 where the form writes that formula;
- each indicator's 得分 within its 分值; a block's points (产出指标(50分)) = its indicators'
  分值; the form's 合计/总分 = the funding block's and the indicators' points (and scores);
- an indicator given full marks (or scored without a weight column) whose 实际完成值 misses
  its 年度指标值 (≥, ≤, =).
"""
from __future__ import annotations

from typing import Sequence

from ..records import Figure
from ..rules import selfeval as R
from ..statements.selfeval import Form, FigureIndex, FundBlock, IndicatorBlock
from .base import Found, same_family

_AMOUNTS = ("initial", "full", "done")


def selfeval_claims(found: Found, forms: Sequence[Form], figures: Sequence[Figure]) -> None:
    index = FigureIndex(figures)
    # A form's funding block and its indicator block may be two tables (a Word file's two
    # tables, a text read as two): the funding points carry to the indicators after them.
    fund_weight = fund_score = None
    for form in forms:
        for fund in form.funds:
            fund_weight, fund_score = _funding(found, form, fund, index)
        for block in form.indicators:
            _indicators(found, form, block, index, fund_weight, fund_score)
            if block.total is not None:
                fund_weight = fund_score = None


def _cell(form: Form, index: FigureIndex, row: int | None, col: int | None) -> Figure | None:
    if row is None or col is None or col >= len(form.grid.rows[row]):
        return None
    return index.cell(form.grid.rows[row][col])


def _funding(found: Found, form: Form, fund: FundBlock, index: FigureIndex
             ) -> tuple[Figure | None, Figure | None]:
    cols = fund.cols
    # 年度资金总额 over its sources: the template lists them all (an empty one holds nothing);
    # over 基本支出 + 项目支出 where a 部门整体 form breaks it down by nature too.
    for rows, cue in ((fund.parts, "年度资金总额=各来源"), (fund.nature, "年度资金总额=基本+项目")):
        for key in _AMOUNTS:
            total = _cell(form, index, fund.total, cols.get(key))
            parts = [p for p in (_cell(form, index, r, cols.get(key)) for r in rows)
                     if p is not None]
            if total is not None and parts and all(same_family(p, total) for p in parts):
                found.add("table_sum", {"total": total, "parts": parts}, note="table",
                          basis="explicit", cue=cue)
    # 执行率 of each row: 执行数 ÷ the adjusted (全年) budget.
    budget_key = "full" if "full" in cols else "initial"
    rate = None
    for r in [fund.total] + fund.parts + fund.nature:
        num = _cell(form, index, r, cols.get("done"))
        den = _cell(form, index, r, cols.get(budget_key))
        pct = _cell(form, index, r, cols.get("rate"))
        if num is not None and den is not None and pct is not None and pct.kind == "percent":
            found.add("ratio", {"numerator": num, "denominator": den, "percent": pct},
                      basis="explicit", cue="执行率=执行数÷预算数")
            if r == fund.total:
                rate = pct
    weight = _cell(form, index, fund.total, cols.get("weight")) or fund.points
    score = _cell(form, index, fund.total, cols.get("score"))
    if score is not None and weight is not None and score.kind == weight.kind == "score":
        found.add("score", {"score": score, "weight": weight}, basis="explicit", cue="分值列")
    if fund.formula is not None and score is not None and rate is not None and \
            score.kind == "score" and rate.value <= 100:
        # 得分(20分*执行率): the score over the points is the rate (capped at the points).
        found.add("ratio", {"numerator": score, "denominator": fund.formula, "percent": rate},
                  basis="explicit", cue="得分=分值×执行率")
    return weight, score


def _comparator(text: str) -> str | None:
    if R.GE.search(text):
        return "ge"
    if R.LE.search(text):
        return "le"
    if "=" in text or "＝" in text:
        return "ge"
    return None


def _indicators(found: Found, form: Form, block: IndicatorBlock, index: FigureIndex,
                fund_weight: Figure | None, fund_score: Figure | None) -> None:
    cols = block.cols
    weights: list[Figure] = []
    scores: list[Figure] = []
    for ind in block.rows:
        row = form.grid.rows[ind.row]
        weight = _cell(form, index, ind.row, cols.get("weight"))
        score = _cell(form, index, ind.row, cols.get("score"))
        if weight is not None and weight.kind == "score":
            weights.append(weight)
        if score is not None and score.kind == "score":
            scores.append(score)
        if weight is not None and score is not None and weight.kind == score.kind == "score":
            found.add("score", {"score": score, "weight": weight}, basis="explicit",
                      cue="分值列")
        _target(found, form, block, ind, row, index, weight, score)
    # A block's points in its label = the weights of its indicators.
    by_row = {}
    for ind in block.rows:
        f = _cell(form, index, ind.row, cols.get("weight"))
        if f is not None and f.kind == "score":
            by_row[ind.row] = f
    for points, rows in block.level_points:
        parts = [by_row[r] for r in rows if r in by_row]
        if points is not None and parts:
            found.add("table_sum", {"total": points, "parts": parts}, note="table",
                      basis="explicit", cue="指标分值")
    if block.points is not None and weights:
        found.add("table_sum", {"total": block.points, "parts": weights}, note="table",
                  basis="explicit", cue="指标分值")
    # The form's 合计/总分: the funding block's and every indicator's points (and scores).
    if block.total is not None:
        # With the funding block read, the total is its points and the indicators'. Without
        # one, the total is the indicators' alone, unless the block announces points of its
        # own (绩效指标(90分) under a 合计 of 100: the rest is in a part not in the text).
        basis = "explicit" if fund_weight is not None or block.points is None else "inferred"
        # The first-level labels' points (产出指标(50分) …) short of the total's weight: the
        # rest is a part the form has but we did not read (its funding block).
        levels = sum((p.value for p, _ in block.level_points if p is not None), start=0)
        weight_total = _cell(form, index, block.total, cols.get("weight"))
        if fund_weight is None and block.level_points and weight_total is not None and \
                levels < weight_total.value:
            basis = "inferred"
        for key, parts, first in (("weight", weights, fund_weight),
                                  ("score", scores, fund_score)):
            total = _cell(form, index, block.total, cols.get(key))
            items = ([first] if first is not None else []) + parts
            if total is not None and items and total.kind == "score":
                found.add("table_sum", {"total": total, "parts": items}, note="table",
                          basis=basis, cue="总分")


def _target(found: Found, form: Form, block: IndicatorBlock, ind, row, index: FigureIndex,
            weight: Figure | None, score: Figure | None) -> None:
    """The 实际完成值 against the 年度指标值 where the form claims it met (full marks, or no
    weight to judge by) and the comparison is stated (≥, ≤, = in the target, its name or its
    指标性质)."""
    cols = block.cols
    tcol, acol = cols.get("target"), cols.get("actual")
    if tcol is None or acol is None or tcol >= len(row) or acol >= len(row):
        return
    if weight is not None and (score is None or score.value < weight.value):
        return   # marked down: the shortfall is the form's own account
    if weight is None and score is None:
        return
    words = row[tcol].text + ind.name
    if "nature" in cols and cols["nature"] < len(row):
        words = row[cols["nature"]].text + words
    cmp = _comparator(words)
    if cmp is None:
        return
    targets = [f for f in index.within(row[tcol].start, row[tcol].end)
               if f.kind not in ("date",)]
    inside = index.within(row[acol].start, row[acol].end)
    actual = index.cell(row[acol]) or (inside[0] if inside else None)
    if len(targets) != 1 or actual is None:
        return
    target = targets[0]
    if target.kind == "money" and actual.kind == "other":
        return   # an amount against a bare number: its unit is the target's, not known here
    found.add("threshold", {"value": actual, "target": target}, note=cmp, basis="explicit",
              cue="指标完成值")
