"""Claims stated in the prose, clause by clause: changes, growth rates, ratios, per-capita
figures, thresholds, savings rates, stock-flow balances, limits and 加上…合计 totals."""
from __future__ import annotations

import regex

from ..records import Figure
from ..rules import relations as R
from .base import (CLOSES_PAREN, SENTENCE_END_BACK, STOCKS, WINDOW, Found, Roles, change_note,
                   plan_of_ratio, recent, same_family, scope_of)


def _level_before(roles: Roles, norm: str, earlier: list[Figure],
                  f: Figure) -> tuple[Figure | None, bool]:
    """The level of the sentence before a subjectless change (与上年相比增加D), and whether
    it is that sentence's only one of the change's family."""
    stocks = [x for x in earlier if same_family(x, f) and roles.role[x.id] in ("level", "budget")]
    if not stocks:
        return None, False
    last = stocks[-1]
    if R.SENTENCE_BREAK.search(norm, last.end, f.start) is None:
        return None, False  # not a sentence of its own after all
    brk = SENTENCE_END_BACK.search(norm, max(0, last.start - 300), last.start)
    start = brk.end() if brk else 0
    return last, sum(1 for x in stocks if x.start >= start) == 1


def clause_claims(found: Found, roles: Roles, figs: list[Figure], norm: str,
                  earlier: list[Figure], head_of: dict[str, Figure],
                  bound_parts: dict[str, str]) -> None:
    """Changes, growth rates, ratios, per-capita figures and thresholds inside one segment.

    `head_of` and `bound_parts` are the 其中 breakdowns already found: a change after the last
    part of a list may be of that part or of the list's total (X，其中A、B，比上年增加D), so
    both readings go to the judge."""
    levels: list[Figure] = []
    previous: dict[str, Figure] = {}
    budget: dict[str, Figure] = {}
    budgets: list[Figure] = []   # every amount the clause calls a budget (年初, 调整后 …)
    per_caps: list[Figure] = []  # per-capita amounts (人均可支配收入X元)
    used_bases: set[str] = set()  # previous amounts a change has been judged against
    ratio_end = 0                # where the last 为预算的P% of the clause ended
    changes: list[Figure] = []
    # 收、支总计各是A、B万元，…各减少C、D万元，分别增长E、F: items pair by position.
    paired_level: dict[str, Figure] = {}
    change_runs: list[list[Figure]] = []
    # The level each change is of, and whether the text binds the two (a comparison cue).
    change_level: dict[str, Figure | None] = {}
    bound_changes: set[str] = set()
    for i, f in enumerate(figs):
        role = roles.role[f.id]
        del levels[:-WINDOW]
        del changes[:-WINDOW]
        pos, length = roles.list_run(figs, i)
        compared = _compared_rate(norm, figs, i) if role == "pp_change" else None
        if compared is not None:
            # 增长12.7%，高于全疆（1.7%）11.0个百分点: the rate before, less the one in brackets.
            rate, other, below = compared
            found.add("change", {"current": rate, "previous": other, "change": f},
                      note="down" if below else "", basis="explicit", cue="高于")
        elif role == "pp_change" and R.PP_LEAD.search(roles.lead[f.id]):
            # (The parts of a structure a:b:c are no levels a change in points is of.)
            pcts = [x for x in figs[max(0, i - WINDOW):i] if x.kind == "percent"
                    and roles.role[x.id] != "rate" and x.rule != "structure"]
            if len(pcts) >= 2:
                sign = -1 if R.DOWN_WORDS.search(roles.lead[f.id]) else 1
                roles.sign[f.id] = sign
                # 由A%提高到B%: A is the previous; A%，较上年的B%提高: B is.
                cur, prev = pcts[-1], pcts[-2]
                if cur.period == "previous" or R.COMPARED_LEAD.search(roles.lead[cur.id]):
                    cur, prev = prev, cur
                # Explicit when the text says which percentage is the earlier one (由A%提高到
                # B%, 较上年的A%, 上年为A%); two percentages that merely precede are ours.
                said = prev.period == "previous" or \
                    bool(R.COMPARED_LEAD.search(roles.lead[prev.id])) or \
                    bool(R.FROM_TO.search(norm, prev.end, cur.start))
                found.add("change", {"current": cur, "previous": prev, "change": f},
                          note="down" if sign < 0 else "",
                          basis="explicit" if said else "inferred", cue="百分点")
        if f.kind != "percent" and (role == "budget" or
                                    (role == "level" and R.BUDGET_WORD.search(roles.lead[f.id]))):
            budgets.append(f)
        if role == "level" and f.kind != "percent":
            levels.append(f)
        elif role == "previous":
            previous[f.kind] = f
        elif role == "budget":
            budget[f.kind] = f
        elif role == "change":
            named = None
            if length > 1:
                if pos == 0:
                    change_runs.append([])
                change_runs[-1].append(f)
                same = [x for x in earlier + levels if same_family(x, f)
                        and roles.role[x.id] == "level"][-length:]
                cur = same[pos] if len(same) == length else None
                if cur is not None:
                    paired_level[f.id] = cur
                base = None
                basis, cue = ("explicit", "各/分别") if cur is not None else ("inferred", "")
            else:
                # The level the change is of: the nearest before it (户籍人口A，常住人口B，
                # 比上年末的C减少D: B).
                cur = next((x for x in reversed(levels + per_caps) if same_family(x, f)
                            and x.start == max(y.start for y in levels + per_caps
                                               if same_family(y, f))), None)
                # …与上年相比收入总计减少D: the change names its level; that one it is.
                named = max((x for x in reversed(levels) if same_family(x, f)),
                            key=lambda x: _named_tail(x.metric, roles.lead[f.id]), default=None)
                if named is not None and _named_tail(named.metric, roles.lead[f.id]) >= 3:
                    cur = named
                else:
                    named = None
                base = (budget if roles.against[f.id] == "budget" else previous).get(f.kind)
                if base is not None and cur is not None and not _base_fits(base, cur, roles):
                    base = None
                if roles.against[f.id] == "budget":
                    # 年初预算A，调整后预算B，比年初预算增加D: the budget the change names is
                    # the base, the amount nearest before the change (another budget, or
                    # what was done) the level.
                    base, cur = _budget_pair(roles, budgets, levels, f)
                # 由A调整为B，调增D: the amount after 由 is the base, the one after 为 the level.
                for k in range(i - 1, 0, -1):
                    a, b = figs[k - 1], figs[k]
                    if same_family(a, f) and same_family(b, f) and \
                            R.FROM_AMOUNT.search(norm, max(0, a.start - 8), a.start) and \
                            R.TO_AMOUNT.search(norm[a.end:b.start]):
                        base, cur = a, b
                        break
                if cur is None and roles.against[f.id] == "previous":
                    # 收入预算为A，比上年减少D: a budget compared with last year is the level.
                    cur = next((x for x in reversed(budgets) if same_family(x, f)), None)
                if R.PER_CAPITA_LEAD.search(roles.lead[f.id]):
                    cur = None  # 人均提高30元: a change per person, not of the total before
                elif cur is None and base is None:
                    # X支出A万元，完成预算P%。X支出决算比上年增加D万元: the change names the
                    # item of a sentence before; that level, as our reading of the text.
                    restated = max((x for x in reversed(earlier) if same_family(x, f)
                                    and roles.role[x.id] == "level"),
                                   key=lambda x: _named_tail(x.metric, roles.lead[f.id]),
                                   default=None)
                    if restated is not None and \
                            _named_tail(restated.metric, roles.lead[f.id]) >= 3:
                        cur = restated
                    elif i == 0 and R.SUBJECTLESS_CHANGE.match(roles.lead[f.id]):
                        # X支出A万元，主要用于…。与上年相比增加D万元: a change with no subject
                        # is of the level the sentence before states (when it states one).
                        cur, single = _level_before(roles, norm, earlier, f)
                        if cur is not None:
                            named = cur if single else None
                # 本年X万元，比上年增加D万元: a level and a comparison cue leading to its change
                # bind the two; a change with no such cue may be of anything. The level right
                # before its change (X万元，增加D万元) is bound to it too.
                compared = cur is not None and (cur in figs or cur is named) and (
                    bool(R.COMPARISON_CUE.search(roles.lead[f.id])) or base is not None
                    or (cur in figs and figs.index(cur) == i - 1) or cur is named)
                basis, cue = ("explicit", "比上年") if compared else ("inferred", "")
            change_level[f.id] = cur
            if basis == "explicit":
                bound_changes.add(f.id)
            alt = [head_of[cur.id]] if cur is not None and cur.id in bound_parts \
                and cur is not named else None
            if base is not None and base.id in used_bases:
                base = None  # (an amount compared with serves the change right after it)
            elif base is not None:
                used_bases.add(base.id)
            if cur is not None or base is not None:
                found.add("change", {"current": cur, "current_alt": alt, "previous": base,
                                     "change": f},
                          note=change_note(roles, f), basis=basis, cue=cue)
            if length == 1 and changes and changes[-1].kind == f.kind and \
                    roles.sign[changes[-1].id] != roles.sign[f.id] and \
                    roles.against[changes[-1].id] == roles.against[f.id]:
                # Two opposite changes of the one level a clause names contradict each other;
                # of different levels they need not.
                # 同比增收531万元，同比减收24万元: nothing but change words between them.
                same_item = (cur is None or change_level.get(changes[-1].id) is cur) and \
                    not R.ITEM_WORDS.search(R.CHANGE_WORDS.sub("", norm[changes[-1].end:f.start]))
                found.add("direction", {"first": changes[-1], "second": f},
                          basis="explicit" if same_item else "inferred", cue="增减方向")
            changes.append(f)
        elif role == "rate":
            if R.AVERAGE_RATE.search(roles.lead[f.id]):
                continue  # 年均增长P%: a rate compounded over years, not this year's change
            chg = changes[-1] if changes else None
            if chg is not None and any(chg.start < x.start for x in levels):
                chg = None  # a level stated since: the rate is that level's, not the change's
            ahead = figs[i + 1] if i + 1 < len(figs) else None
            rest = R.CHANGE_WORDS.sub("", roles.lead[ahead.id]) if ahead is not None else ""
            if chg is None and length == 1 and ahead is not None and \
                    roles.role.get(ahead.id) == "change" and levels and \
                    same_family(ahead, levels[-1]) and \
                    bool(R.DOWN_WORDS.search(roles.lead[ahead.id])) == (roles.sign[f.id] < 0) and \
                    (not R.ITEM_WORDS.search(rest) or rest in levels[-1].metric):
                # 增长10.9%，…税收增收13.3亿元: the change stated right after its rate; the
                # level is the one before the rate.
                chg = ahead
                change_level.setdefault(ahead.id, levels[-1])
                if R.COMPARISON_CUE.search(roles.lead[f.id]) or figs.index(levels[-1]) == i - 1:
                    bound_changes.add(ahead.id)
            if length > 1:
                run = change_runs[-1] if change_runs else []
                chg = run[pos] if len(run) == length else None
            kind = chg.kind if chg is not None else (levels[0].kind if levels else None)
            if chg is not None:
                # The level the change itself was paired with, not merely the first one.
                cur = paired_level.get(chg.id) if length > 1 else change_level.get(chg.id)
            else:
                cur = next((x for x in reversed(levels) if x.kind == kind), None) \
                    if kind else None
            against = roles.against.get(chg.id, "previous") if chg is not None else "previous"
            base = (budget if against == "budget" else previous).get(kind or "")
            if base is not None and cur is not None and not _base_fits(base, cur, roles):
                base = None
            # 增加D万元，增长P%: a rate right after its change (or a paired list of both) is
            # that change's rate; a level with its stated base (较上年的Y) binds them too.
            if chg is not None:
                adjacent = abs(figs.index(chg) - i) == 1 or length > 1
                explicit = adjacent and chg.id in bound_changes
            else:
                explicit = cur is not None and base is not None
            alt = [head_of[cur.id]] if cur is not None and cur.id in bound_parts else None
            if chg is not None or (cur is not None and base is not None):
                found.add("growth_rate", {"current": cur, "current_alt": alt, "previous": base,
                                          "change": chg, "rate": f},
                          note=change_note(roles, f, chg),
                          basis="explicit" if explicit else "inferred", cue="增长")
        elif role == "per_capita":
            unit_word = "户" if "户" in roles.lead[f.id] else "人"
            total = next((x for x in reversed(levels) if x.kind == f.kind), None)
            count = next((x for x in reversed(levels) if x.kind == "count"
                          and x.unit.endswith(unit_word)), None)
            # (A per-capita amount is a level its own change can follow: 人均A元，比上年增加D元.)
            per_caps.append(f)
            if total is not None and count is not None:
                # One amount and one count of its unit in the clause: nothing else it divides.
                alone = sum(1 for x in levels if x.kind == f.kind) == 1 and \
                    sum(1 for x in levels if x.kind == "count"
                        and x.unit.endswith(unit_word)) == 1
                found.add("per_capita", {"total": total, "count": count, "per_unit": f},
                          basis="explicit" if alone else "inferred", cue="人均")
        elif role == "ratio":
            lead = roles.lead[f.id]
            den = num = None
            den_alt: list[Figure] = []
            basis = "inferred"
            budget_named = False
            if lead in ("的", "之") and i > 0 and figs[i - 1].kind != "percent":
                # 完成目标任务2,200人的105.3%: the figure before 的 is the denominator.
                den = figs[i - 1]
                num = next((x for x in recent(figs, i - 1) if same_family(x, den)
                            and roles.role[x.id] == "level"), None)
                basis = "explicit"
            elif R.BUDGET_WORD.search(lead) or lead.endswith("的"):
                # 实际完成X，为(调整)预算的P%: the amount just before, against the budget the
                # clause stated since its last such rate (年初 / 调整后 as the words say).
                done = [x for x in levels if x.start >= ratio_end and x not in budgets]
                num = done[-1] if done else None
                fresh = [x for x in budgets if x.start >= ratio_end and x is not num
                         and (num is None or same_family(x, num))]
                den, den_alt = _named_budget(roles, fresh, lead)
                if num is not None and den is not None:
                    basis = "explicit"  # 完成X，为年初预算Y的P%: both in the clause
                elif den is not None:
                    # 与年初预算X相比，完成年初预算的P%: the level is the sentence before; the
                    # clause names the budget, so the claim is still the text's own.
                    num = next((x for x in reversed(earlier) if same_family(x, den)
                                and roles.role[x.id] == "level"), None)
                    basis = "explicit"
                elif num is not None and R.RATE_COLUMN.search(lead):
                    # 预算执行率 after 实际支出X: the budget is stated earlier in the paragraph;
                    # every budget the paragraph states (年初, 调整后 …) is a reading the text
                    # allows.
                    earlier_budgets = [x for x in reversed(earlier) if same_family(x, num)
                                       and R.BUDGET_WORD.search(roles.lead[x.id])
                                       and not CLOSES_PAREN.search(norm, x.end, f.start)]
                    den, den_alt = _named_budget(roles, earlier_budgets[::-1], lead)
                    basis = "explicit" if R.BUDGET_WORD.search(lead) else "inferred"
                    if den is None:
                        # 资金总额A，拨付使用B，预算执行率P%: no amount called a budget; the
                        # two amounts of the clause pair below, as for any 执行率.
                        num = None
                else:
                    num = None  # 为预算的P% with no budget stated: nothing to check
                    budget_named = True
                ratio_end = f.end
            if den is None and num is None and not budget_named:
                same = [x for x in levels if x.kind in ("count", "money")]
                num = same[-1] if same else None
                den = next((x for x in reversed(same[:-1]) if same_family(x, num)
                            and not plan_of_ratio(figs, x, roles)), None) \
                    if num is not None else None
                if den is not None and R.PLAN_WORDS.search(roles.lead[num.id]):
                    num, den = den, num  # 完成3.5万亩，目标3.2万亩: the plan comes second
                if num is not None and den is not None:
                    # The text binds them when the numerator is a 其中 part of the
                    # denominator (常住人口X，其中城镇人口Y，城镇化率P%), or the rate is named
                    # for what the numerator did and the denominator is the plan (目标值X，
                    # 完成Y，完成率P%; 受理X件，办结Y件，办结率P%).
                    stem = R.RATE_STEM.search(lead)
                    did = stem is not None and stem.group(1) in roles.lead[num.id]
                    plan = bool(R.PLAN_WORDS.search(roles.lead[den.id])) or \
                        sum(1 for x in same if same_family(x, num)) == 2
                    if head_of.get(num.id) is den or (did and plan):
                        basis = "explicit"
            if num is not None and den is not None:
                found.add("ratio", {"numerator": num, "denominator": den,
                                    "denominator_alt": den_alt or None, "percent": f},
                          basis=basis, cue="完成")
        elif role == "target":
            value = next((x for x in recent(figs, i) if x.kind == f.kind
                          and roles.role[x.id] not in ("target", "change")), None)
            after = norm[f.end:f.end + 8]
            if value is not None and (R.THRESHOLD_TAIL.search(after) or "以上" in after):
                found.add("threshold", {"value": value, "target": f}, note="ge",
                          basis="explicit", cue="达到")
        elif R.FALL_RATE.search(roles.lead[f.id]) and not any(
                R.SAVINGS_WORD.search(roles.lead[x.id] + x.metric) for x in recent(figs, i)):
            # 预算金额A，中标金额B，节约率P%: the fall from A to B, as a rate of A.
            amounts = [x for x in recent(figs, i) if x.kind == "money"
                       and roles.role[x.id] in STOCKS][:2]
            if len(amounts) == 2:
                after, before_ = amounts
                found.add("growth_rate", {"current": after, "previous": before_, "rate": f},
                          note="down", basis="explicit", cue="节约率")
        elif role in ("savings_rate", "premium_rate"):
            word = "节约" if role == "savings_rate" else "增价|溢价|增值"
            amount = next((x for x in recent(figs, i) if x.kind == "money"
                           and regex.search(word, roles.lead[x.id] + x.metric)), None)
            if amount is not None:
                j = i - 1 - next(k for k, x in enumerate(reversed(figs[:i])) if x is amount)
                base = next((x for x in recent(figs, j) if x.kind == "money"), None)
                if base is not None:
                    found.add(role, {"base": base, "amount": amount, "rate": f},
                              basis="explicit", cue="节约率")


def _base_fits(base: Figure, level: Figure, roles: Roles) -> bool:
    """A previous amount is the base of a level's change when the text compares them (较上年的
    A) or it measures the same thing; 动用上年结余A … 支出完成B is not B's base."""
    if R.COMPARED_LEAD.search(roles.lead[base.id]) or roles.role[base.id] == "budget":
        return True
    # (Each by the words that lead to it, or its metric when they name nothing.)
    a = R.PREVIOUS_WORDS.sub("", R.ITEM_TRIM.sub("", roles.lead[base.id]) or base.metric)
    b = R.PREVIOUS_WORDS.sub("", R.ITEM_TRIM.sub("", roles.lead[level.id]) or level.metric)
    return not a or not b or _shared_run(a, b) >= 2


def _compared_rate(norm: str, figs: list[Figure], i: int
                   ) -> tuple[Figure, Figure, bool] | None:
    """For 个百分点 at figs[i]: (the rate, the rate in brackets it is compared with, below?)
    when the text reads 增长A%，高于/低于X（B%）D个百分点."""
    pcts = [x for x in figs[max(0, i - WINDOW):i] if x.kind == "percent"
            and x.rule != "structure"]
    if len(pcts) < 2 or not CLOSES_PAREN.search(norm, pcts[-1].end, figs[i].start) or \
            norm[pcts[-1].start - 1] not in "(（":
        return None
    # (…高于全国（A%）D个百分点，高于全疆（B%）E个百分点: both of the rate before the brackets.)
    rate = next((x for x in reversed(pcts[:-1]) if norm[x.start - 1] not in "(（"), None)
    if rate is None:
        return None
    between = norm[pcts[-2].end:pcts[-1].start]
    above, below = R.ABOVE_WORD.search(between), R.BELOW_WORD.search(between)
    if not (above or below) or R.SENTENCE_BREAK.search(norm, rate.end, pcts[-1].start):
        return None
    return rate, pcts[-1], bool(below)


def _named_budget(roles: Roles, budgets: list[Figure], lead: str
                  ) -> tuple[Figure | None, list[Figure]]:
    """The budget a rate or change names (年初预算 / 调整预算) among those stated, nearest
    last; when the words name none of them, the nearest, with the others as readings."""
    if not budgets:
        return None, []
    for word in R.BUDGET_KINDS:
        if word in lead:
            named = [x for x in budgets if word in roles.lead[x.id]]
            if named:
                return named[-1], []
            if word == "年初":
                return budgets[0], []   # the budget first stated is the one at the start
            return budgets[-1], []
    return budgets[-1], budgets[:-1][::-1]


def _budget_pair(roles: Roles, budgets: list[Figure], levels: list[Figure], change: Figure
                 ) -> tuple[Figure | None, Figure | None]:
    """(base, level) of a change against a budget: the budget it names, and the nearest amount
    before the change other than that one."""
    before = [x for x in budgets if x.end <= change.start and same_family(x, change)]
    base, _ = _named_budget(roles, before, roles.lead[change.id])
    pool = sorted({x.id: x for x in before + levels if x.end <= change.start
                   and same_family(x, change)}.values(), key=lambda x: x.start)
    level = next((x for x in reversed(pool) if x is not base), None)
    return base, level


def _after_minus(norm: str, parts: list[Figure], start: int) -> list[Figure]:
    """The parts after a 减 (减上解省级A、补助县级B) up to the next 加, in a list from `start`."""
    out, sign = [], 1
    pos = start
    for p in parts:
        words = norm[pos:p.start]
        for m in R.SIGN_WORD.finditer(words):
            sign = -1 if R.MINUS_CUE.match(m.group()) else 1
        if sign < 0:
            out.append(p)
        pos = p.end
    return out


def _shared_run(a: str, b: str) -> int:
    """The length of the longest run of characters two names share."""
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


def _named_tail(metric: str, lead: str) -> int:
    """How long a tail of the metric the lead repeats (财政拨款收入总计 in …收入总计减少: 4)."""
    for n in range(len(metric), 2, -1):
        if metric[-n:] in lead:
            return n
    return 0


def balances(found: Found, roles: Roles, figs: list[Figure]) -> None:
    """Opening + inflows − outflows = closing, and a closing balance within its limit."""
    parts: dict[str, list[Figure]] = {"opening": [], "inflow": [], "outflow": [], "closing": []}
    limit = None
    for f in figs:
        if f.kind != "money":
            continue
        lead = roles.lead[f.id] + " " + f.metric
        if R.BALANCE_OPEN.search(lead):
            parts["opening"].append(f)
        elif R.BALANCE_CLOSE.search(lead):
            parts["closing"].append(f)
        elif R.LIMIT_WORDS.search(lead):
            limit = f
        elif parts["opening"] and not parts["closing"] and R.BALANCE_IN.search(roles.lead[f.id]):
            parts["inflow"].append(f)
        elif parts["opening"] and not parts["closing"] and R.BALANCE_OUT.search(roles.lead[f.id]):
            parts["outflow"].append(f)
    # Opening, flows and closing in one sentence: the sentence states the whole movement.
    if parts["opening"] and parts["closing"] and (parts["inflow"] or parts["outflow"]):
        found.add("balance", {"opening": parts["opening"][:1], "inflow": parts["inflow"],
                              "outflow": parts["outflow"], "closing": parts["closing"][:1]},
                  basis="explicit", cue="年初…年末")
    if limit is not None and parts["closing"]:
        found.add("threshold", {"value": parts["closing"][0], "target": limit}, note="le",
                  basis="explicit", cue="限额")


def named_pp_changes(found: Found, roles: Roles, norm: str, figures: list[Figure],
                     sentences: list[tuple[int, int, list]]) -> None:
    """第一产业、第二产业、第三产业的比重分别为A%、B%和C%，上年分别为D%、E%和F%。第三产业比重
    提高1.3个百分点: a change in points named by its category is that category's pair."""
    pairs: dict[str, tuple[Figure, Figure]] = {}
    for s, e, figs in sentences:
        cues = list(R.RESPECTIVELY.finditer(norm, s, e))
        if len(cues) < 2:
            continue
        names = [n for n in R.NAME_SPLIT.split(norm[s:cues[0].start()]) if n]
        lists = [[f for f in figs if f.kind == "percent" and cue.end() <= f.start
                  and (k + 1 == len(cues) or f.start < cues[k + 1].start())]
                 for k, cue in enumerate(cues[:2])]
        if len(names) < 2 or not (len(names) == len(lists[0]) == len(lists[1])):
            continue
        if not R.PREVIOUS_WORDS.search(norm[cues[1].start() - 6:cues[1].start()]):
            continue
        width = len(names[0])
        for name, cur, prev in zip(names, lists[0], lists[1]):
            pairs[name[:width] if len(name) > width else name] = (cur, prev)
    if not pairs:
        return
    for f in figures:
        if f.kind != "pp" or not R.PP_LEAD.search(roles.lead[f.id]):
            continue
        name = max((n for n in pairs if n in roles.lead[f.id]), key=len, default=None)
        if name is not None:
            cur, prev = pairs[name]
            down = bool(R.DOWN_WORDS.search(roles.lead[f.id]))
            found.add("change", {"current": cur, "previous": prev, "change": f},
                      note="down" if down else "", basis="explicit", cue="分别为")


def limits(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """债务余额控制在限额以内: each year-end 余额 stated against the 限额 of the same category
    (政府, 一般, 专项债务) and scope (全市 / 市本级; a report's own area when it names none),
    wherever in the report the limit was given. A limit at the start of the year or a new
    limit binds no year-end balance; a bracket after a limit or a balance (限额A（一般债务B，
    专项债务C）) gives its categories'."""
    if not R.WITHIN_LIMIT.search(norm):
        return
    limits: dict[tuple, Figure] = {}
    balances: list[tuple[tuple, Figure]] = []
    twice: set[tuple] = set()
    opener: tuple | None = None   # what the bracket being read itemises, and if it binds
    for f in figures:
        if f.kind != "money":
            continue
        lead = roles.lead[f.id]
        m = R.LIMIT_OR_BALANCE.search(lead)
        scope = roles.scope.get(f.id)
        if scope == "own":
            stop = R.SENTENCE_BREAK_BACK.search(norm, max(0, f.start - 300), f.start)
            said = norm[stop.end() if stop else max(0, f.start - 300):f.start]
            if R.ISSUED_BY.search(said) and scope_of(R.ISSUED_BY.sub("", said)) is None:
                scope = None   # 省级下达…限额: the province issued it; the scope is not its own
        scope = scope or "all"
        if m is not None:
            what, key = m.group("what"), m.group("key")
            # (年初限额, 新增限额: not what a year-end balance is held to, nor their brackets.)
            held = not (R.OPENING.search(lead) or R.NEW_LIMIT.search(lead))
            # (A limit 下达 in the year with no year's end named may be the year's new one.)
            year_end = bool(R.YEAR_END_LIMIT.search(lead)) or "下达" not in lead
            opener = (what, scope, held, year_end) if norm[f.end:f.end + 1] in "（(" else None
        else:
            inner = R.BRACKET_CATEGORY.match(lead)
            if opener is None or inner is None:
                opener = None
                continue
            what, scope, held, year_end = opener
            key = inner.group("key")
        if not held:
            continue
        if what == "限额":
            if (key, scope) in limits:
                twice.add((key, scope))  # two limits of one name: which one is a guess
            limits.setdefault((key, scope), (f, year_end))
        else:
            balances.append(((key, scope), f))
    judged: set[tuple] = set()
    for key, f in balances:
        limit, year_end = limits.get(key, (None, False))
        if limit is not None and key not in judged:  # once per category: where first stated
            judged.add(key)
            # In one sentence the text pairs them; across the report the category names the
            # one limit it is held to, unless that may be the year's new limit.
            near = not R.SENTENCE_BREAK.search(norm, min(f.end, limit.end),
                                               max(f.start, limit.start))
            near = near or (key not in twice and year_end)
            found.add("threshold", {"value": f, "target": limit}, note="le",
                      basis="explicit" if near else "inferred", cue="限额")


def plus_totals(found: Found, roles: Roles, norm: str,
                sentences: list[tuple[int, int, list]], head_of: dict[str, Figure]) -> None:
    """支出9.42亿元，加上调出资金0.90亿元、结转下年0.43亿元，支出合计10.65亿元: the amounts
    before 合计 add up to it. With no amount before 加上 in its sentence, the base is the
    amount the words before 加 name (地方一般公共预算收入加…: that amount, even a 其中 part),
    else the one the sentence before states (a 其中 sentence between continues it). When an
    amount stands before 加上 too (上级补助收入A，加上年结转B，收入总计C), the amount of the
    sentence before may or may not be counted: both readings go to the judge."""
    for idx, (s, e, figs) in enumerate(sentences):
        done = s   # (…收入A，加上B，收入总计C；…支出D，加上E，支出总计F: one per 加上)
        for plus in R.PLUS_CUE.finditer(norm, s, e):
            if plus.start() < done:
                continue
            done = _plus_total(found, roles, norm, sentences, head_of, idx, done, plus)


def _plus_total(found: Found, roles: Roles, norm: str, sentences: list[tuple[int, int, list]],
                head_of: dict[str, Figure], idx: int, s: int, plus) -> int:
    """The total after one 加上, from the amounts since `s`; returns where it ended."""
    figs = [f for f in sentences[idx][2] if f.start >= s]
    for i, total in enumerate(figs):
        arranged = bool(R.ARRANGED_LEAD.search(roles.lead[total.id]))
        if total.start < plus.end() or \
                not (arranged or R.SUBTOTAL_LEAD.search(roles.lead[total.id])):
            continue
        # (The parts of a 其中 or 主要包括 list are inside the amount they break down.)
        parts = [f for f in figs[:i] if roles.role[f.id] in STOCKS
                 and f.id not in head_of
                 and not R.PREVIOUS_LEAD.search(roles.lead[f.id])
                 and same_family(f, total) and not plan_of_ratio(figs, f, roles)
                 and not CLOSES_PAREN.search(norm, f.end, total.start)]
        basis, extra = "explicit", None
        base = _base_before(roles, norm, sentences, idx, s, plus.start(), total, head_of)
        if not [f for f in parts if f.start < plus.start()] and (idx > 0 or base):
            if base is None:
                basis = "inferred"
                base = next((f for _, _, before in reversed(sentences[max(0, idx - 3):idx])
                             for f in before if roles.role[f.id] == "level"
                             and same_family(f, total) and f.id not in head_of), None)
            parts = ([base] if base is not None else []) + parts
        elif base is not None and base not in parts:
            extra = [base]
        if arranged:
            # …，相应安排支出E: what the receipts fund, by our reading (not a word that sums).
            basis = "inferred"
        # (…加上级补助B，减去上解支出C、调出资金D，…: what follows 减 is taken away.)
        minus = _after_minus(norm, parts, s)
        if len(parts) >= 2:
            found.add("sum", {"total": total, "parts": [p for p in parts if p not in minus],
                              "minus": minus or None, "parts_extra": extra},
                      note="exhaustive", basis=basis, cue="加上…合计")
        return total.end
    return plus.end()


def _base_before(roles: Roles, norm: str, sentences: list[tuple[int, int, list]], idx: int,
                 s: int, plus_at: int, total: Figure, head_of: dict[str, Figure]
                 ) -> Figure | None:
    """The amount a 加上 adds to when no amount precedes it in its sentence: the one the
    words before 加 name, or the one stock the sentence before states."""
    para = roles.line_break_before(s)
    earlier = [f for _, _, before in sentences[max(0, idx - 8):idx + 1] for f in before
               if roles.role[f.id] in STOCKS and same_family(f, total) and f.end <= plus_at
               and f.start > para]
    # The words joined to 加 (地方一般公共预算收入加…), not the whole sentence before it.
    clause = R.CLAUSE_START.search(norm, s, plus_at)
    words = norm[clause.end() if clause else s:plus_at]
    # (The best-named amount; of equally named ones, the nearest.)
    named = max(earlier, key=lambda f: (_shared_run(f.metric, words), f.start), default=None)
    if named is not None and _shared_run(named.metric, words) >= 4:
        return named
    back = idx - 1
    while back > 0 and sentences[back][2] and all(
            f.id in head_of or roles.role[f.id] not in STOCKS or not same_family(f, total)
            for f in sentences[back][2]):
        back -= 1
    if back < 0:
        return None
    stocks = [f for f in sentences[back][2] if roles.role[f.id] in STOCKS
              and same_family(f, total) and f.id not in head_of]
    return stocks[0] if len(stocks) == 1 else None


def tail_totals(found: Found, roles: Roles, norm: str,
                sentences: list[tuple[int, int, list]], head_of: dict[str, Figure]) -> None:
    """地方一般公共预算收入A，转移性收入B，上年结余C，收入总计D: amounts listed and then summed
    with 总计/合计/共计 in the same sentence. The word sums them: an explicit claim. (With
    加上 before the total, plus_totals reads it; a total a 其中 follows is a list's head.)"""
    for idx, (s, e, figs) in enumerate(sentences):
        since = s
        for i, total in enumerate(figs):
            if not R.TAIL_TOTAL.search(roles.lead[total.id]) or \
                    roles.role[total.id] not in STOCKS:
                continue
            start, since = since, total.end
            if R.PLUS_CUE.search(norm, start, total.start) or \
                    R.PARTS_CUE.match(norm, total.end + 1) or R.PARTS_CUE.match(norm, total.end):
                continue
            parts = [f for f in figs[:i] if f.start >= start and roles.role[f.id] in STOCKS
                     and roles.role[f.id] != "budget" and f.id not in head_of
                     and same_family(f, total)
                     and not R.PREVIOUS_LEAD.search(roles.lead[f.id])
                     and not CLOSES_PAREN.search(norm, f.end, total.start)]
            # A sentence that opens with the list may continue the amount of the sentence
            # before (…支出59.81亿元。一般债券转贷支出A，上解支出B，支出总计C): a second reading.
            extra = None
            if parts and parts[0] is figs[0] and idx > 0:
                before = [f for f in sentences[idx - 1][2] if roles.role[f.id] in STOCKS
                          and same_family(f, total) and f.id not in head_of]
                extra = before[-1:] or None
            # (…加省级补助B，减上解省级C、补助县级D，可用财力E: what follows 减 is taken away.)
            minus = _after_minus(norm, parts, start)
            if len(parts) >= 2:
                found.add("sum", {"total": total,
                                  "parts": [p for p in parts if p not in minus],
                                  "minus": minus or None, "parts_extra": extra},
                          note="exhaustive", basis="explicit", cue="总计")


def net_balances(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """…收入总计A；…支出总计B；收支相抵，年终结余C (or …支出总计B，年终结转C): C is A less B.
    The two totals are the nearest 收入 and 支出 totals before C in its paragraph; the text
    states the identity."""
    for i, f in enumerate(figures):
        if f.kind != "money":
            continue
        carried = i > 0 and R.CARRY_AFTER_TOTAL.search(roles.lead[f.id]) and \
            figures[i - 1].kind == "money" and \
            R.TOTAL_WORD_ANY.search(roles.lead[figures[i - 1].id]) and \
            R.SPEND_WORD.search(roles.lead[figures[i - 1].id])
        if not carried and not R.NET_CUE.search(roles.lead[f.id]):
            continue
        para = roles.line_break_before(f.start)
        before = [x for x in figures[max(0, i - 40):i] if x.start > para and x.kind == "money"
                  and R.TOTAL_WORD_ANY.search(roles.lead[x.id])]
        income = next((x for x in reversed(before) if R.INCOME_WORD.search(roles.lead[x.id])),
                      None)
        spend = next((x for x in reversed(before) if R.SPEND_WORD.search(roles.lead[x.id])),
                     None)
        if income is None or spend is None:
            continue
        basis = "explicit"
        if carried and (spend is not figures[i - 1] or income.value == spend.value):
            continue  # (支出总计 that holds the carry-over balances its revenue by design)
        if income.value == spend.value:
            # 收入总计A；支出总计A（含结余）。收支相抵，结余C: the totals balance by design;
            # the net is the revenue less the expenditure they start from — our reading.
            plain = [x for x in figures[max(0, i - 40):i] if x.start > para
                     and x.kind == "money" and roles.role[x.id] in STOCKS
                     and not R.TOTAL_WORD_ANY.search(roles.lead[x.id])]
            income = next((x for x in plain if R.INCOME_WORD.search(roles.lead[x.id])), None)
            spend = next((x for x in plain if R.SPEND_WORD.search(roles.lead[x.id])), None)
            basis = "inferred"
            if income is None or spend is None:
                continue
        found.add("balance", {"opening": income, "outflow": [spend], "closing": f},
                  basis=basis, cue="年终结转" if carried else "收支相抵")


def nets_of_amounts(found: Found, roles: Roles, norm: str, figures: list[Figure],
                    head_of: dict[str, Figure]) -> None:
    """收入完成A…；支出完成B…。收支相抵，当年结余C: with no 总计 to net, the first amount after
    收支相抵 is the revenue less the spending the lines before it state (a 支出预算调整为A,
    实际支出B，收支相抵结转C nets the budget instead). Which amounts pair is our reading when
    the lines name more than one of either; the primary is the first of each (a total comes
    before its parts)."""
    taken = {i for item in found.items.values() if item["type"] == "balance"
             for role, ids in item["roles"] if role == "closing" for i in ids}
    for i, f in enumerate(figures):
        if f.kind != "money" or f.id in taken or not R.NET_AMOUNT.search(roles.lead[f.id]):
            continue
        cue = R.NET_SAID.search(norm, max(0, f.start - 30), f.start)
        if cue is None or any(cue.end() <= x.start < f.start for x in figures[max(0, i - 3):i]):
            continue  # 收支相抵 nets into the first amount after it only
        top = roles.line_break_before(cue.start(), 4)
        after_net = R.NET_SAID.search(norm, top + 1, cue.start())
        while after_net is not None:  # the lines since the previous net
            top = after_net.end()
            after_net = R.NET_SAID.search(norm, top, cue.start())
        # (The parts of a 其中 are inside their total: not netted again.)
        before = [x for x in figures[max(0, i - 30):i] if x.start > top and same_family(x, f)
                  and roles.role[x.id] in ("level", "budget") and x.id not in head_of]
        incomes, spends = _net_sides(roles, before)
        if not incomes:
            # 支出预算调整为A，实际支出B，收支相抵结转C：the budget less what was spent.
            spends = [x for x in before if R.SPEND_WORD.search(roles.lead[x.id] + x.metric)]
            incomes = [x for x in spends if R.BUDGET_WORD.search(roles.lead[x.id])
                       or roles.role[x.id] == "budget"]
            spends = [x for x in spends if x not in incomes]
        if not incomes or not spends:
            continue
        found.add("balance", {"opening": incomes[0], "outflow": [spends[0]],
                              "opening_alt": incomes[1:4] or None,
                              "outflow_alt": spends[1:4] or None, "closing": f},
                  basis="inferred", cue="收支相抵")


def trade_balances(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """出口A，进口B，顺差C (逆差: B − A): a trade balance is exports less imports, both named
    in its paragraph. The definition binds them."""
    for i, f in enumerate(figures):
        m = R.TRADE_BALANCE.search(roles.lead[f.id])
        if f.kind != "money" or m is None:
            continue
        para = roles.line_break_before(f.start)
        before = [x for x in figures[max(0, i - 12):i] if x.start > para and same_family(x, f)
                  and roles.role[x.id] == "level"]
        exports = next((x for x in reversed(before) if R.EXPORT_WORD.search(roles.lead[x.id])
                        and not R.IMPORT_WORD.search(roles.lead[x.id])), None)
        imports = next((x for x in reversed(before) if R.IMPORT_WORD.search(roles.lead[x.id])
                        and not R.EXPORT_WORD.search(roles.lead[x.id])), None)
        if exports is None or imports is None:
            continue
        first, second = (exports, imports) if m.group() == "顺差" else (imports, exports)
        found.add("balance", {"opening": first, "outflow": [second], "closing": f},
                  basis="explicit", cue=m.group())


def _net_sides(roles: Roles, before: list[Figure]) -> tuple[list[Figure], list[Figure]]:
    """The revenue and the spending amounts a net may take, in text order: outturns when the
    lines state any, else budgets (收入预算A，支出预算B，年度收支结余C nets budgets), never
    one of each. An outturn after a budget (收入预算为A，实际完成B) is of what that names."""
    named: dict[str, str] = {}
    for k, x in enumerate(before):
        named[x.id] = roles.lead[x.id] + x.metric
        if k and R.OUTTURN_LEAD.search(roles.lead[x.id]) and \
                not (R.INCOME_WORD.search(named[x.id]) or R.SPEND_WORD.search(named[x.id])):
            named[x.id] += named[before[k - 1].id]
    stocks = [x for x in before if roles.role[x.id] in ("level", "budget")]
    outturns = [x for x in stocks if roles.role[x.id] == "level"
                and not R.BUDGET_WORD.search(roles.lead[x.id])]
    amounts = outturns or stocks
    incomes = [x for x in amounts if R.INCOME_WORD.search(named[x.id])
               and not R.SPEND_WORD.search(roles.lead[x.id])]
    spends = [x for x in amounts if R.SPEND_WORD.search(named[x.id]) and x not in incomes]
    return incomes, spends


def surpluses(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """收入A，支出B，当年收支结余C (C = A − B), and 出生率A‰，死亡率B‰，自然增长率C‰: a net
    the text names after the two amounts it nets, in one paragraph."""
    for i, f in enumerate(figures):
        lead = roles.lead[f.id]
        if not (R.SURPLUS_CUE.search(lead) or R.NATURAL_RATE.search(lead)):
            continue
        para = roles.line_break_before(f.start)
        before = [x for x in figures[max(0, i - 12):i] if x.start > para and same_family(x, f)]
        if R.SURPLUS_CUE.search(lead):
            # Revenue and expenditure amounts before it; with more than one of either, each
            # pair is a reading and the claim is ours.
            incomes, spends = _net_sides(roles, before)
            if incomes and spends:
                unique = len(incomes) == len(spends) == 1
                found.add("balance", {"opening": incomes[-1], "outflow": [spends[-1]],
                                      "opening_alt": incomes[-4:-1][::-1] or None,
                                      "outflow_alt": spends[-4:-1][::-1] or None,
                                      "closing": f},
                          basis="explicit" if unique else "inferred", cue="收支结余")
            continue
        elif R.NATURAL_RATE.search(lead):
            plus = next((x for x in reversed(before) if R.BIRTH_RATE.search(roles.lead[x.id])),
                        None)
            minus = next((x for x in reversed(before) if R.DEATH_RATE.search(roles.lead[x.id])),
                         None)
        else:
            continue
        if plus is not None and minus is not None and plus is not minus:
            found.add("balance", {"opening": plus, "outflow": [minus], "closing": f},
                      basis="explicit", cue="收支结余")
