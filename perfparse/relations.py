"""Relations: the claims that link figures (changes, growth rates, 其中 sums, shares, …)."""
from __future__ import annotations

import bisect

import regex

from .figures import normalise
from .intervals import exact_for_figures, figure_interval
from .records import Document, Figure, Relation
from .rules import relations as R

_SEGMENT_END = regex.compile(r"[。；;！？!?\n]")
_SEGMENT_END_BACK = regex.compile(r"(?r)[。；;！？!?\n]")  # searches right to left
_SENTENCE_END = regex.compile(r"[。！？!?\n]")
_BACKWARD = {_SEGMENT_END: _SEGMENT_END_BACK, _SENTENCE_END: regex.compile(r"(?r)[。！？!?\n]")}
_CLOSE = regex.compile(r"[)）]")
_CLOSES_PAREN = regex.compile(r"\G[^(（]*[)）]")  # a bracket closes with none opened since
# The noun a sentence opens with just before its 其中/包括: 项目支出包括….
_SUBJECT = regex.compile(r"\G[\s　]*(\p{Han}{2,12}?)(?:中)?$")
_PAREN = regex.compile(r"[（(][^（()）]{0,40}[)）]")
LEVEL_KINDS = ("money", "count", "area", "other", "score")
# How many figures around a cue a claim may reach: real claims are short, and the bound keeps
# pathological input (thousands of figures in one sentence) linear.
_WINDOW = 24
# Roles of figures that state an amount (not a change or a rate): what a 其中 can break down.
_STOCKS = ("level", "budget", "previous")


class _Found:
    """Relations as they are found, with the role each figure played."""

    def __init__(self) -> None:
        self.items: list[tuple[str, tuple, int, int, str]] = []
        self.seen: set = set()

    def add(self, type_: str, roles: dict[str, list[Figure] | Figure | None],
            note: str = "") -> None:
        clean = []
        figs: list[Figure] = []
        for key, val in roles.items():
            if val is None:
                continue
            vals = val if isinstance(val, list) else [val]
            if not vals:
                continue
            clean.append((key, tuple(v.id for v in vals)))
            figs.extend(vals)
        if not figs:
            return
        key = (type_, tuple(clean))
        if key in self.seen:
            return
        self.seen.add(key)
        self.items.append((type_, tuple(clean), min(f.start for f in figs),
                           max(f.end for f in figs), note))

    def build(self) -> tuple[Relation, ...]:
        ordered = sorted(self.items, key=lambda it: (it[2], it[3], it[0]))
        return tuple(Relation(f"r{i}", t, roles, s, e, note)
                     for i, (t, roles, s, e, note) in enumerate(ordered, 1))


def _groups(norm: str, figures: list[Figure], ends: regex.Pattern
            ) -> list[tuple[int, int, list]]:
    """The spans between boundaries that hold figures, each with its figures: one search
    per span found, not a walk over every sentence of the text."""
    out: list[tuple[int, int, list]] = []
    for f in figures:
        if out and f.start < out[-1][1]:
            out[-1][2].append(f)
            continue
        m = ends.search(norm, f.start)
        end = m.end() if m else len(norm)
        back = _BACKWARD[ends].search(norm, out[-1][1] if out else 0, f.start)
        out.append((back.end() if back else (out[-1][1] if out else 0), end, [f]))
    return out


def _recent(figs: list[Figure], i: int):
    """The figures before position i, nearest first, no further back than the window."""
    return reversed(figs[max(0, i - _WINDOW):i])


def _same_family(a: Figure, b: Figure) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "count":
        return a.unit.lstrip("万亿千")[:1] == b.unit.lstrip("万亿千")[:1]
    return True


class _Roles:
    """What each figure is in its clause: a level, a change, a rate … (by the words before it)."""

    def __init__(self, norm: str, figures: list[Figure]):
        self.norm = norm
        self.role: dict[str, str] = {}
        self.sign: dict[str, int] = {}
        self.lead: dict[str, str] = {}
        self.against: dict[str, str] = {}
        # The figure before this one in a 、-list (分别增加A、B): it shares that one's role.
        self.list_prev: dict[str, str] = {}
        prev_end = 0
        prev: Figure | None = None
        for f in figures:
            last = _SEGMENT_END_BACK.search(norm, max(0, f.start - 80), f.start)
            seg_start = last.end() if last else 0
            raw = norm[max(prev_end, seg_start, f.start - 40):f.start]
            if "(" in raw or "（" in raw:
                raw = _PAREN.sub("", raw)
            lead = raw.translate(_STRIP_QUOTES).rstrip(" ")
            self.lead[f.id] = lead
            if prev is not None and prev.kind == f.kind and R.LIST_JOINER.fullmatch(lead) \
                    and prev.end >= seg_start:
                self.list_prev[f.id] = prev.id
                for table in (self.role, self.sign, self.against):
                    if prev.id in table:
                        table[f.id] = table[prev.id]
            else:
                self.role[f.id] = self._classify(f, lead)
            prev_end = f.end
            prev = f

    def list_run(self, figs: list[Figure], i: int) -> tuple[int, int]:
        """Position of figs[i] in its 、-list and the list's length (0, 1 when alone)."""
        start = i
        while start > 0 and self.list_prev.get(figs[start].id) == figs[start - 1].id:
            start -= 1
        end = i + 1
        while end < len(figs) and self.list_prev.get(figs[end].id) == figs[end - 1].id:
            end += 1
        return i - start, end - start

    def _classify(self, f: Figure, lead: str) -> str:
        if f.kind == "percent":
            if R.SAVINGS_LEAD.search(lead):
                return "savings_rate"
            if R.PREMIUM_LEAD.search(lead):
                return "premium_rate"
            m = R.RATE_LEAD.search(lead)
            if m:
                self.sign[f.id] = -1 if R.DOWN_WORDS.search(m.group()) else 1
                return "rate"
            if R.SHARE_LEAD.search(lead):
                return "share"
            if R.THRESHOLD_LEAD.search(lead):
                return "target"
            if R.RATIO_LEAD.search(lead):
                return "ratio"
            return "level"
        if f.kind == "pp":
            return "pp_change"
        m = R.CHANGE_LEAD.search(lead)
        if m:
            self.sign[f.id] = -1 if R.DOWN_WORDS.search(m.group()) else 1
            self.against[f.id] = "budget" if "预算" in lead and not \
                R.PREVIOUS_WORDS.search(lead) else "previous"
            return "change"
        if f.period == "previous" or R.PREVIOUS_LEAD.search(lead):
            return "previous"
        if f.period == "budget" or R.BUDGET_LEAD.search(lead):
            return "budget"
        if R.PER_CAPITA_LEAD.search(lead[-8:]):
            return "per_capita"
        if R.THRESHOLD_LEAD.search(lead):
            return "target"
        return "level"


_STRIP_QUOTES = str.maketrans("", "", "“”\"'‘’《》「」")


def _note(roles: _Roles, f: Figure, change: Figure | None = None) -> str:
    """How a change or rate reads: "down" for a fall; "budget" when measured against a budget."""
    words = []
    if roles.sign.get(f.id, 1) < 0:
        words.append("down")
    if roles.against.get((change or f).id) == "budget":
        words.append("budget")
    if change is not None and roles.sign.get(change.id, 1) < 0:
        words.append("change_down")
    return ",".join(words)


def _segment_relations(found: _Found, roles: _Roles, figs: list[Figure], norm: str,
                       earlier: list[Figure]) -> None:
    """Changes, growth rates, ratios, per-capita figures and thresholds inside one segment."""
    levels: list[Figure] = []
    previous: dict[str, Figure] = {}
    budget: dict[str, Figure] = {}
    changes: list[Figure] = []
    # 收、支总计各是A、B万元，…各减少C、D万元，分别增长E、F: items pair by position.
    paired_level: dict[str, Figure] = {}
    change_runs: list[list[Figure]] = []
    for i, f in enumerate(figs):
        role = roles.role[f.id]
        del levels[:-_WINDOW]
        del changes[:-_WINDOW]
        pos, length = roles.list_run(figs, i)
        if role == "pp_change" and R.PP_LEAD.search(roles.lead[f.id]):
            pcts = [x for x in figs[max(0, i - _WINDOW):i]
                    if x.kind == "percent" and roles.role[x.id] != "rate"]
            if len(pcts) >= 2:
                sign = -1 if R.DOWN_WORDS.search(roles.lead[f.id]) else 1
                roles.sign[f.id] = sign
                # 由A%提高到B%: A is the previous; A%，较上年的B%提高: B is.
                cur, prev = pcts[-1], pcts[-2]
                if cur.period == "previous" or R.COMPARED_LEAD.search(roles.lead[cur.id]):
                    cur, prev = prev, cur
                found.add("change", {"current": cur, "previous": prev, "change": f},
                          note="down" if sign < 0 else "")
        if role == "level" and f.kind != "percent":
            levels.append(f)
        elif role == "previous":
            previous[f.kind] = f
        elif role == "budget":
            budget[f.kind] = f
        elif role == "change":
            if length > 1:
                if pos == 0:
                    change_runs.append([])
                change_runs[-1].append(f)
                same = [x for x in earlier + levels if _same_family(x, f)
                        and roles.role[x.id] == "level"][-length:]
                cur = same[pos] if len(same) == length else None
                if cur is not None:
                    paired_level[f.id] = cur
                base = None
            else:
                # The level the change is of: the nearest before it (户籍人口A，常住人口B，
                # 比上年末的C减少D: B).
                cur = next((x for x in reversed(levels) if _same_family(x, f)), None)
                base = (budget if roles.against[f.id] == "budget" else previous).get(f.kind)
            if cur is not None or base is not None:
                found.add("change", {"current": cur, "previous": base, "change": f},
                          note=_note(roles, f))
            if length == 1 and changes and changes[-1].kind == f.kind and \
                    roles.sign[changes[-1].id] != roles.sign[f.id] and \
                    roles.against[changes[-1].id] == roles.against[f.id]:
                found.add("direction", {"first": changes[-1], "second": f})
            changes.append(f)
        elif role == "rate":
            chg = changes[-1] if changes else None
            if length > 1:
                run = change_runs[-1] if change_runs else []
                chg = run[pos] if len(run) == length else None
            kind = chg.kind if chg is not None else (levels[0].kind if levels else None)
            cur = next((x for x in levels if x.kind == kind), None) if kind else None
            if length > 1:
                cur = paired_level.get(chg.id) if chg is not None else None
            against = roles.against.get(chg.id, "previous") if chg is not None else "previous"
            base = (budget if against == "budget" else previous).get(kind or "")
            if chg is not None or (cur is not None and base is not None):
                found.add("growth_rate", {"current": cur, "previous": base, "change": chg,
                                          "rate": f}, note=_note(roles, f, chg))
        elif role == "per_capita":
            unit_word = "户" if "户" in roles.lead[f.id] else "人"
            total = next((x for x in reversed(levels) if x.kind == f.kind), None)
            count = next((x for x in reversed(levels) if x.kind == "count"
                          and x.unit.endswith(unit_word)), None)
            if total is not None and count is not None:
                found.add("per_capita", {"total": total, "count": count, "per_unit": f})
        elif role == "ratio":
            lead = roles.lead[f.id]
            den = num = None
            if lead in ("的", "之") and i > 0 and figs[i - 1].kind != "percent":
                # 完成目标任务2,200人的105.3%: the figure before 的 is the denominator.
                den = figs[i - 1]
                num = next((x for x in _recent(figs, i - 1) if _same_family(x, den)
                            and roles.role[x.id] == "level"), None)
            elif "预算" in lead or lead.endswith("的"):
                den = next((b for b in budget.values()), None)
                num = next((x for x in levels if den is not None and _same_family(x, den)), None)
                if den is not None and num is None:
                    # 与年初预算X相比，完成年初预算的P%: the level is the sentence before.
                    num = next((x for x in reversed(earlier) if _same_family(x, den)
                                and roles.role[x.id] == "level"), None)
                if den is None and levels and R.RATE_COLUMN.search(lead):
                    # 预算执行率 after 实际支出X: the budget is stated earlier in the paragraph;
                    # a bare 为预算的P% with no budget stated cannot be checked.
                    num = levels[-1]
                    den = next((x for x in reversed(earlier) if _same_family(x, num)
                                and "预算" in roles.lead[x.id] + x.metric
                                and not _CLOSES_PAREN.search(norm, x.end, f.start)), None)
            if den is None and num is None:
                same = [x for x in levels if x.kind in ("count", "money")]
                num = same[-1] if same else None
                den = next((x for x in reversed(same[:-1]) if _same_family(x, num)
                            and not _plan_of_ratio(figs, x, roles)), None) \
                    if num is not None else None
                if den is not None and R.PLAN_WORDS.search(roles.lead[num.id]):
                    num, den = den, num  # 完成3.5万亩，目标3.2万亩: the plan comes second
            if num is not None and den is not None:
                found.add("ratio", {"numerator": num, "denominator": den, "percent": f})
        elif role == "target":
            value = next((x for x in _recent(figs, i) if x.kind == f.kind
                          and roles.role[x.id] not in ("target", "change")), None)
            after = norm[f.end:f.end + 8]
            if value is not None and (R.THRESHOLD_TAIL.search(after) or "以上" in after):
                found.add("threshold", {"value": value, "target": f}, note="ge")
        elif role in ("savings_rate", "premium_rate"):
            word = "节约" if role == "savings_rate" else "增价|溢价|增值"
            amount = next((x for x in _recent(figs, i) if x.kind == "money"
                           and regex.search(word, roles.lead[x.id] + x.metric)), None)
            if amount is not None:
                j = i - 1 - next(k for k, x in enumerate(reversed(figs[:i])) if x is amount)
                base = next((x for x in _recent(figs, j) if x.kind == "money"), None)
                if base is not None:
                    found.add(role, {"base": base, "amount": amount, "rate": f})


def _balance(found: _Found, roles: _Roles, figs: list[Figure]) -> None:
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
    if parts["opening"] and parts["closing"] and (parts["inflow"] or parts["outflow"]):
        found.add("balance", {"opening": parts["opening"][:1], "inflow": parts["inflow"],
                              "outflow": parts["outflow"], "closing": parts["closing"][:1]})
    if limit is not None and parts["closing"]:
        found.add("threshold", {"value": parts["closing"][0], "target": limit}, note="le")


def _parts(found: _Found, roles: _Roles, norm: str, figures: list[Figure],
           sentences: list[tuple[int, int, list]]) -> dict[str, Figure]:
    """其中 / 分别为 breakdowns: the level figures after the cue add up to the one before it."""
    head_of: dict[str, Figure] = {}
    starts = [[f.start for f in figs] for _, _, figs in sentences]
    partitions: list[list[str]] = []  # the part names of the breakdowns seen so far
    for idx, (s, e, figs) in enumerate(sentences):
        for m in R.PARTS_CUE.finditer(norm, s, e):
            p = m.start()
            # (其中：…) ends at its closing bracket, not at the sentence's end.
            close = _CLOSE.search(norm, p, e) if norm[max(s, p - 1)] in "(（" else None
            stop = close.start() if close else e
            # …项目支出X万元，分别为：A、B、C: a breakdown nested in this one ends it.
            # …；年末余额X: a clause stating a balance or a total ends the list.
            for semi in regex.finditer("；", norm[m.end():stop]):
                after = norm[m.end() + semi.end():stop]
                if R.LIST_ENDER.match(after):
                    stop = m.end() + semi.start()
                    break
            nested = R.PARTS_CUE.search(norm, m.end(), stop)
            if nested is not None:
                stop = nested.start()
            lo = bisect.bisect_left(starts[idx], p)
            heads = [f for f in figs[max(0, lo - _WINDOW):lo] if f.end <= p
                     and roles.role[f.id] in _STOCKS and f.kind in LEVEL_KINDS
                     and not _CLOSES_PAREN.search(norm, f.end, p)
                     and not _plan_of_ratio(figs, f, roles)]
            # In the cue's own sentence the total is the level just before it (X万元，其中：…),
            # not one inside a parenthesis that closed before the cue.
            heads.reverse()
            # 项目支出包括A、B: the cue's own subject names the total.
            subject = _SUBJECT.search(norm, s, p)
            if not heads and subject:
                named = _named_stock(figures, roles, subject.group(1), s)
                heads = [named] if named is not None else []
            # Else the subject of the nearest sentence before that states a level, within
            # the paragraph (a sentence of budget or previous-year figures may come between).
            if not heads:
                heads = _subject_before(sentences, idx, norm.rfind("\n", 0, s), roles)
            cands = [f for f in figs[lo:lo + _WINDOW] if p <= f.start < stop
                     and roles.role[f.id] in _STOCKS and f.kind in LEVEL_KINDS
                     and not R.LIMIT_WORDS.search(roles.lead[f.id])
                     and not R.PREVIOUS_LEAD.search(roles.lead[f.id])]  # 较上年的X: a comparison
            # A list of two or more parts is the whole breakdown unless it says it is not
            # (…等, 主要…); 分别为 always names every part.
            # 教育支出A、社保支出B、卫生支出C，三项合计D: D totals the items before it, and
            # the list stands for D, a part of the whole.
            for k, c in enumerate(cands):
                if k >= 2 and R.SUBTOTAL_LEAD.search(roles.lead[c.id]):
                    items = [x for x in cands[:k] if _same_family(x, c)]
                    found.add("sum", {"total": c, "parts": items}, note="exhaustive")
                    cands = [c] + [x for x in cands[k + 1:]]
                    break
            partial = R.PARTIAL_MARKERS.search(norm, p, stop) or \
                _subset_of_known(cands, partitions)
            whole = m.group().startswith("分别") or not partial
            if len(cands) >= 2:
                partitions.append([c.metric for c in cands if c.metric])
            _match_heads(found, heads, cands, roles, head_of, "exhaustive" if whole else "")
    return head_of


def _score_side(roles: _Roles, f: Figure) -> str:
    """For a score: is it a weight (分值) or a score obtained (得分)? Other kinds: ""."""
    if f.kind != "score":
        return ""
    words = roles.lead[f.id] + f.metric
    return "weight" if R.SCORE_WEIGHT.search(words) else "got"


def _named_pp_changes(found: _Found, roles: _Roles, norm: str, figures: list[Figure],
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
                      note="down" if down else "")


def _limits(found: _Found, roles: _Roles, norm: str, figures: list[Figure]) -> None:
    """债务余额控制在限额以内: each 余额 stated against the 限额 of the same category (政府,
    一般, 专项债务), wherever in the report the limit was given."""
    if not R.WITHIN_LIMIT.search(norm):
        return
    limits: dict[str, Figure] = {}
    balances: list[tuple[str, Figure]] = []
    for f in figures:
        if f.kind != "money":
            continue
        m = R.LIMIT_OR_BALANCE.search(roles.lead[f.id])
        if m is None:
            continue
        if m.group("what") == "限额":
            limits.setdefault(m.group("key"), f)
        elif not R.OPENING.search(roles.lead[f.id]):  # a limit binds the year-end balance
            balances.append((m.group("key"), f))
    judged: set[str] = set()
    for key, f in balances:
        limit = limits.get(key)
        if limit is not None and key not in judged:  # once per category: where first stated
            judged.add(key)
            found.add("threshold", {"value": f, "target": limit}, note="le")


def _plus_totals(found: _Found, roles: _Roles, norm: str,
                 sentences: list[tuple[int, int, list]], head_of: dict[str, Figure]) -> None:
    """支出9.42亿元，加上调出资金0.90亿元、结转下年0.43亿元，支出合计10.65亿元: the amounts
    before 合计 add up to it. A sentence that opens with 加上 continues the level stated
    by the sentence before."""
    for idx, (s, e, figs) in enumerate(sentences):
        plus = R.PLUS_CUE.search(norm, s, e)
        if plus is None:
            continue
        for i, total in enumerate(figs):
            if total.start < plus.end() or not R.SUBTOTAL_LEAD.search(roles.lead[total.id]):
                continue
            parts = [f for f in figs[:i] if roles.role[f.id] in _STOCKS
                     and not R.PREVIOUS_LEAD.search(roles.lead[f.id])
                     and _same_family(f, total) and not _plan_of_ratio(figs, f, roles)
                     and not _CLOSES_PAREN.search(norm, f.end, total.start)]
            if not [f for f in parts if f.start < plus.start()] and idx > 0:
                # The level the sentences before stated, not a part of its breakdown.
                base = [f for _, _, before in reversed(sentences[max(0, idx - 3):idx])
                        for f in before if roles.role[f.id] == "level"
                        and _same_family(f, total) and f.id not in head_of]
                parts = base[:1] + parts
            if len(parts) >= 2:
                found.add("sum", {"total": total, "parts": parts}, note="exhaustive")
            break


def _subset_of_known(cands: list[Figure], partitions: list[list[str]]) -> bool:
    """The parts name fewer of the categories an earlier breakdown listed (中央、省级、县级
    资金, then 其中省级…、县级…): a partial list, whatever its words say."""
    for names in partitions:
        if len(cands) < len(names):
            hit = {n for n in names for c in cands if n and n in c.metric}
            if len(hit) == len(cands):
                return True
    return False


def _plan_of_ratio(figs: list[Figure], f: Figure, roles: _Roles) -> bool:
    """完成计划300人次的108.67%: 300 is the plan a ratio divides by, not an amount done."""
    i = figs.index(f)
    nxt = figs[i + 1] if i + 1 < len(figs) else None
    return nxt is not None and nxt.kind == "percent" and roles.lead[nxt.id] in ("的", "之")


def _named_stock(figures: list[Figure], roles: _Roles, name: str, before: int) -> Figure | None:
    """The nearest amount before `before` whose metric is `name` (or ends with it)."""
    at = bisect.bisect_left([f.start for f in figures], before)
    near = [f for f in reversed(figures[max(0, at - 60):at]) if roles.role[f.id] in _STOCKS]
    return next((f for f in near if f.metric == name), None) or \
        next((f for f in near if f.metric.endswith(name) and len(name) >= 2), None)


def _subject_before(sentences: list[tuple[int, int, list]], idx: int, para: int,
                    roles: _Roles) -> list[Figure]:
    """The total a 其中 opening a sentence breaks down: the first level of the nearest of the
    three sentences before (in the paragraph) that states one, else the nearest budget or
    previous-year amount."""
    earlier = [figs for _, e, figs in sentences[max(0, idx - 3):idx] if e > para]
    for wanted in (("level",), _STOCKS):
        for figs in reversed(earlier):
            heads = [f for f in figs[:_WINDOW] if roles.role[f.id] in wanted
                     and f.kind in LEVEL_KINDS]
            if heads:
                return heads
    return []


def _match_heads(found: _Found, heads: list[Figure], cands: list[Figure], roles: _Roles,
                 head_of: dict[str, Figure], note: str = "") -> None:
    used: set[str] = set()
    for h in heads:
        side = _score_side(roles, h)
        same = [c for c in cands if _same_family(c, h) and c.id not in used
                and _score_side(roles, c) == side]
        if not same:
            continue
        siblings = [x for x in heads if _same_family(x, h)]
        if len(siblings) > 1:
            named = [c for c in same if c.metric == h.metric]
            if not named:
                if h is not siblings[0]:
                    continue
                named = same
            same = named
        # …办结190件 after the parts of 190件次: a list may end by restating its total.
        while len(same) > 2 and same[-1].value == h.value:
            same = same[:-1]
        for c in same:
            used.add(c.id)
            head_of[c.id] = h
        found.add("sum", {"total": h, "parts": same}, note=note if len(same) > 1 else "")


def _shares(found: _Found, roles: _Roles, figures: list[Figure], head_of: dict[str, Figure],
            segments: list[tuple[int, int, list]]) -> None:
    starts = [f.start for f in figures]
    for s, e, figs in segments:
        for i, f in enumerate(figs):
            if roles.role[f.id] != "share":
                continue
            part = next((x for x in _recent(figs, i) if x.kind in ("money", "count")
                         and roles.role[x.id] == "level"), None)
            if part is None:
                continue
            m = R.SHARE_LEAD.search(roles.lead[f.id])
            whole_word = (m.group("whole") if m else "").strip()
            whole = head_of.get(part.id)
            if whole_word:
                # The nearest amount before the part that measures what 占 names: it wins
                # over the 其中 total when that total measures something else.
                at = bisect.bisect_left(starts, part.start)
                before = [x for x in reversed(figures[max(0, at - 200):at])
                          if x.kind == part.kind and x.metric and roles.role[x.id] in _STOCKS]
                named = next((x for x in before if x.metric == whole_word), None)
                if named is not None and (whole is None or whole.metric != whole_word):
                    whole = named
                elif whole is None:
                    whole = next((x for x in before if x.metric in whole_word
                                  or whole_word in x.metric), None)
            if whole is not None and whole is not part:
                found.add("share", {"part": part, "whole": whole, "percent": f})


def _adds_up(total: Figure, parts: list[Figure]) -> bool:
    """The parts add up to the total within the displayed precision (the checks' own rule)."""
    acc = figure_interval(parts[0])
    for p in parts[1:]:
        acc = acc + figure_interval(p)
    return acc.overlaps(figure_interval(total))


def _tables(found: _Found, doc: Document, figures: tuple[Figure, ...]) -> None:
    """合计 rows and columns against what they total; scores within their weights."""
    cells = {f.start: f for f in figures if f.rule == "cell"}
    for table in doc.tables:
        grid = [[cells.get(c.start) or cells.get(c.start + 1) for c in row] for row in table.rows]
        labels = [next((c.text for c in row if c.text and (c.start not in cells)), "")
                  for row in table.rows]
        heads = _block_headers(table, grid)
        _row_totals(found, grid, labels, heads)
        _column_ratios(found, grid, heads)
        _column_growth(found, grid, heads)
        _column_totals(found, table, grid)
        _scores(found, grid, labels, heads)


def _block_headers(table, grid: list) -> list[list[str]]:
    """For each row, the header texts of its block: a row of labels without figures inside
    a table (a 自评表's indicator section under its funding section) starts a new block
    whose columns may mean other things."""
    current: list[str] = []
    out = []
    for row, figs in zip(table.rows, grid):
        texts = [c.text for c in row]
        if not any(figs) and sum(1 for t in texts if t) >= 2:
            current = texts
        out.append(current)
    return out


def _cell_under(grid: list, heads: list[list[str]], i: int, name: str, col: int):
    """Row i's cell under the header `name` in its own block, else in column `col`."""
    row = grid[i]
    if name and name in heads[i]:
        col = heads[i].index(name)
    return row[col] if col < len(row) else None


def _row_totals(found: _Found, grid: list, labels: list[str],
                heads: list[list[str]]) -> None:
    totals = [i for i, lb in enumerate(labels) if R.TOTAL_LABEL.search(lb.replace(" ", ""))]
    width = max(len(r) for r in grid)
    for t in totals:
        detail = [i for i in range(len(grid)) if i not in totals and any(grid[i])
                  and not labels[i].startswith("其中")]  # 其中 rows repeat part of another
        columns = []
        for col in range(width):
            total = grid[t][col] if col < len(grid[t]) else None
            if total is None or total.kind not in ("money", "count", "score", "other"):
                continue
            name = heads[t][col] if col < len(heads[t]) else ""
            parts = [p for p in (_cell_under(grid, heads, i, name, col) for i in detail)
                     if p is not None and _same_family(p, total)]
            if len(parts) >= 2:
                columns.append((total, parts))
        # A column that adds up exactly proves the rows listed are the whole table, so a
        # mismatch in another column is an error, not rows left out or nested.
        complete = any(any(p.value for p in parts) and _adds_up(total, parts)
                       for total, parts in columns)
        for total, parts in columns:
            found.add("table_sum", {"total": total, "parts": parts},
                      note="table,complete" if complete else "table")


def _ratio_columns(head: list[str]) -> tuple[int, int, int] | None:
    """(numerator, denominator, rate) columns of a header: 执行率（B/A） over the columns marked
    （B） and （A）, or else one 执行率/完成率 column over one 预算/计划 and one 执行/完成 column."""
    marks: dict[str, int] = {}
    for c, h in enumerate(head):
        for m in R.COLUMN_MARK.finditer(h):
            marks.setdefault(m.group(1), c)  # a merged header spans columns: its first one
    for c, h in enumerate(head):
        m = R.RATIO_MARK.search(h)
        if m and m.group(1) in marks and m.group(2) in marks:
            return marks[m.group(1)], marks[m.group(2)], c
    rate = [c for c, h in enumerate(head) if R.RATE_COLUMN.search(h)]
    plan = [c for c, h in enumerate(head) if R.PLAN_COLUMN.search(h) and c not in rate]
    done = [c for c, h in enumerate(head) if R.DONE_COLUMN.search(h) and c not in rate + plan]
    if len(rate) == len(plan) == len(done) == 1:
        return done[0], plan[0], rate[0]
    return None


def _column_ratios(found: _Found, grid: list, heads: list[list[str]]) -> None:
    """执行率 cells against 执行数 ÷ 预算数 of their own row."""
    for i, row in enumerate(grid):
        cols = _ratio_columns(heads[i]) if heads[i] else None
        if cols is None or max(cols) >= len(row):
            continue
        num, den, pct = (row[c] for c in cols)
        if num is not None and den is not None and pct is not None and pct.kind == "percent":
            found.add("ratio", {"numerator": num, "denominator": den, "percent": pct})


def _growth_columns(head: list[str]) -> tuple[int, int, int | None, int | None] | None:
    """(this year, last year, change, rate) columns: 本年数 | 上年数 | 增减额 | 增减率."""
    prev = [c for c, h in enumerate(head) if R.PREV_COLUMN.search(h)]
    cur = [c for c, h in enumerate(head) if R.CUR_COLUMN.search(h) and c not in prev]
    chg = [c for c, h in enumerate(head) if R.CHANGE_COLUMN.search(h)]
    rate = [c for c, h in enumerate(head) if R.GROWTH_COLUMN.search(h)]
    if len(prev) != 1 or len(cur) != 1 or len(chg) > 1 or len(rate) > 1 or not (chg or rate):
        return None
    return cur[0], prev[0], chg[0] if chg else None, rate[0] if rate else None


def _column_growth(found: _Found, grid: list, heads: list[list[str]]) -> None:
    """增减额 and 增减率 cells against their row's 本年数 and 上年数."""
    for i, row in enumerate(grid):
        cols = _growth_columns(heads[i]) if heads[i] else None
        if cols is None:
            continue
        cur, prev, chg, rate = (row[c] if c is not None and c < len(row) else None
                                for c in cols)
        if cur is None or prev is None:
            continue
        if chg is not None and _same_family(chg, cur):
            found.add("change", {"current": cur, "previous": prev, "change": chg})
        if rate is not None and rate.kind == "percent":
            found.add("growth_rate", {"current": cur, "previous": prev, "change": chg,
                                      "rate": rate})


def _column_totals(found: _Found, table, grid: list) -> None:
    """A 合计 column against the run of columns beside it that it totals, row by row."""
    first_data = next((i for i, row in enumerate(grid) if any(row)), len(grid))
    if first_data == 0:
        return
    width = max(len(r) for r in table.rows)
    headers = ["".join(table.rows[r][c].text for r in range(first_data)
                       if c < len(table.rows[r])).replace(" ", "") for c in range(width)]
    for col, head in enumerate(headers):
        if not R.TOTAL_LABEL.search(head):
            continue
        run = []
        for c in range(col + 1, width):
            if R.COLUMN_RUN_STOP.search(headers[c]) or R.TOTAL_LABEL.search(headers[c]):
                break
            run.append(c)
        if len(run) < 2:
            continue
        rows = [(row[col], [row[c] for c in run if c < len(row) and row[c] is not None])
                for row in grid[first_data:] if col < len(row) and row[col] is not None]
        rows = [(t, ps) for t, ps in rows if len(ps) >= 2 and t.kind != "percent"
                and all(_same_family(p, t) for p in ps)]
        # One row that adds up exactly shows the columns are the total's parts.
        complete = any(_adds_up(t, ps) and any(p.value for p in ps) for t, ps in rows)
        for total, parts in rows:
            found.add("table_sum", {"total": total, "parts": parts},
                      note="table,complete" if complete else "table")


def _scores(found: _Found, grid: list, labels: list[str], heads: list[list[str]]) -> None:
    """Each 得分 within the 分值 of its row, the columns named by the row's own block."""
    for i, row in enumerate(grid):
        w_col = next((c for c, h in enumerate(heads[i]) if R.SCORE_WEIGHT.search(h)), None)
        s_col = next((c for c, h in enumerate(heads[i]) if R.SCORE_GOT.search(h)), None)
        if w_col is None or s_col is None or max(w_col, s_col) >= len(row) \
                or R.TOTAL_LABEL.search(labels[i].replace(" ", "")):
            continue
        if row[w_col] is not None and row[s_col] is not None:
            found.add("score", {"score": row[s_col], "weight": row[w_col]})


@exact_for_figures   # the sums that decide a breakdown's completeness stay exact
def find_relations(doc: Document, figures: tuple[Figure, ...]) -> tuple[Relation, ...]:
    """Every claim of the text that links its figures; tables are judged in checks."""
    norm = normalise(doc.text)
    prose = [f for f in figures if f.rule != "cell"]
    roles = _Roles(norm, prose)
    found = _Found()
    # Only spans that hold figures can hold claims; "the previous sentence" of a 其中 is
    # then the nearest one with figures, even across a line break.
    segments = _groups(norm, prose, _SEGMENT_END)
    sentences = _groups(norm, prose, _SENTENCE_END)
    prose_starts = [f.start for f in prose]
    for s, e, figs in segments:
        para = norm.rfind("\n", 0, s) + 1
        earlier = prose[max(bisect.bisect_left(prose_starts, para),
                            bisect.bisect_left(prose_starts, s) - _WINDOW):
                        bisect.bisect_left(prose_starts, s)]
        _segment_relations(found, roles, figs, norm, earlier)
    _tables(found, doc, figures)
    head_of = _parts(found, roles, norm, prose, sentences)
    for s, e, figs in sentences:
        # The parts of a 其中 are inside a flow already counted: not flows of their own.
        _balance(found, roles, [f for f in figs if f.id not in head_of])
    _plus_totals(found, roles, norm, sentences, head_of)
    _limits(found, roles, norm, prose)
    _named_pp_changes(found, roles, norm, prose, sentences)
    _shares(found, roles, prose, head_of, segments)
    return found.build()
