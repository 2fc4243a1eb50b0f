"""What every claim finder shares: the collector, clause spans, and the role of each figure."""
from __future__ import annotations

import bisect

import regex

from ..records import Figure, Relation
from ..rules import relations as R

SEGMENT_END = regex.compile(r"[。；;！？!?\n]")
SEGMENT_END_BACK = regex.compile(r"(?r)[。；;！？!?\n]")  # searches right to left
# A line that ends with ；，、 or ： has not ended its sentence (a list set one item a line),
# unless the next line opens an item of its own (——, 1., （一）, 二、).
_ITEM_LINE = (r"\n(?=[ \t　]*(?:——|—|[-•·]|\d{1,2}[.．、]"
              r"|[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}、))")
SENTENCE_END = regex.compile(r"[。！？!?]|(?<![；;，,、：:])\n|" + _ITEM_LINE)
SENTENCE_END_BACK = regex.compile(r"(?r)(?:[。！？!?]|(?<![；;，,、：:])\n|" + _ITEM_LINE + ")")
_BACKWARD = {SEGMENT_END: SEGMENT_END_BACK, SENTENCE_END: SENTENCE_END_BACK}
CLOSE = regex.compile(r"[)）]")
CLOSES_PAREN = regex.compile(r"\G[^(（]*[)）]")  # a bracket closes with none opened since
# The noun a sentence opens with just before its 其中/包括: 项目支出包括….
SUBJECT = regex.compile(r"\G[\s　]*(\p{Han}{2,12}?)(?:中)?$")
_PAREN = regex.compile(r"[（(][^（()）]{0,40}[)）]")
LEVEL_KINDS = ("money", "count", "area", "other", "score")
# How many figures around a cue a claim may reach: real claims are short, and the bound keeps
# pathological input (thousands of figures in one sentence) linear.
WINDOW = 24
# Roles of figures that state an amount (not a change or a rate): what a 其中 can break down.
STOCKS = ("level", "budget", "previous")


_RANK = {"inferred": 0, "bound": 1, "explicit": 2}


class Found:
    """Relations as they are found, with the role each figure played and how the text binds
    them. A claim found twice keeps the stronger basis."""

    def __init__(self) -> None:
        self.items: dict[tuple, dict] = {}

    def add(self, type_: str, roles: dict[str, list[Figure] | Figure | None], note: str = "",
            basis: str = "inferred", cue: str = "", group: str = "") -> None:
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
        old = self.items.get(key)
        if old is not None:
            if _RANK[basis] > _RANK[old["basis"]]:
                old.update(basis=basis, cue=cue)
            return
        self.items[key] = dict(type=type_, roles=tuple(clean), start=min(f.start for f in figs),
                               end=max(f.end for f in figs), note=note, basis=basis, cue=cue,
                               group=group)

    def build(self) -> tuple[Relation, ...]:
        ordered = sorted(self.items.values(), key=lambda it: (it["start"], it["end"], it["type"]))
        return tuple(Relation(f"r{i}", it["type"], it["roles"], it["start"], it["end"],
                              it["note"], it["basis"], it["cue"], it["group"])
                     for i, it in enumerate(ordered, 1))


def spans_with_figures(norm: str, figures: list[Figure],
                       ends: regex.Pattern) -> list[tuple[int, int, list]]:
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


def recent(figs: list[Figure], i: int):
    """The figures before position i, nearest first, no further back than the window."""
    return reversed(figs[max(0, i - WINDOW):i])


def scope_of(words: str) -> str | None:
    """"all" for the whole area (全县, 全市 …), "own" for the government's own level (本级, 县级,
    市本级 …), None when the words name neither.

    >>> scope_of("全县一般公共预算支出"), scope_of("本级一般公共预算支出"), scope_of("税收收入")
    ('all', 'own', None)
    """
    m = None
    for m in R.SCOPE_WORD.finditer(words):
        pass
    if m is None:
        return None
    return "all" if m.group().startswith("全") else "own"


def without_scope(words: str) -> str:
    """The words with their scope and this-year words taken out, for telling whether two
    names name one quantity: 全县一般公共预算支出 → 一般公共预算支出, 本年支出合计 → 支出合计,
    全市生产总值 and GDP → 地区生产总值."""
    name = R.NAME_NOISE.sub("", R.THIS_YEAR_WORD.sub("", R.SCOPE_WORD.sub("", R.NOTE_MARK.sub(
        "", words))))
    return R.GDP_NAME.sub("地区生产总值", name)


def same_family(a: Figure, b: Figure) -> bool:
    """Two figures of one measure: money with money; counts of one kind of thing (个, 所 and
    家 all count institutions; 人 and 名 people); other quantities in one unit."""
    if a.kind != b.kind:
        return False
    if a.kind == "count":
        return _count_class(a.unit) == _count_class(b.unit)
    if a.kind in ("other", "area"):
        # 吨 with 万吨, not with 千瓦时; 亩 with 万亩, not with 公顷 (a scale of its own).
        return a.unit.lstrip("万亿") == b.unit.lstrip("万亿")
    return True


def _count_class(unit: str) -> str:
    first = unit.lstrip("万亿千")[:1]
    return R.COUNT_CLASS.get(first, first)


class Roles:
    """What each figure is in its clause: a level, a change, a rate … (by the words before it)."""

    def __init__(self, norm: str, figures: list[Figure]):
        self.norm = norm
        # Where each line break is: the paragraph of any offset by bisection, so that no
        # search runs back over a text with no line breaks (one-line pages stay linear).
        self._breaks = [m.start() for m in _LINE_BREAK.finditer(norm)]
        # Where each figure starts, in the order given: the index of any offset by bisection.
        self.starts = [f.start for f in figures]
        self.role: dict[str, str] = {}
        self.sign: dict[str, int] = {}
        self.lead: dict[str, str] = {}
        self.against: dict[str, str] = {}
        # The figure before this one in a 、-list (分别增加A、B): it shares that one's role.
        self.list_prev: dict[str, str] = {}
        # Whose figure it is: the whole area (全县, 全市) or the government's own level (本级,
        # 县级); the last such word of its sentence before it, None when the sentence names none.
        self.scope: dict[str, str | None] = {}
        prev_end = 0
        prev: Figure | None = None
        sentence_start, scope = 0, None
        for f in figures:
            brk = SENTENCE_END_BACK.search(norm, max(sentence_start, f.start - 300), f.start)
            if brk is not None and brk.end() > sentence_start:
                sentence_start, scope = brk.end(), None
                scope_from = sentence_start
            else:
                scope_from = prev_end if prev is not None else sentence_start
            for m in R.SCOPE_WORD.finditer(norm, max(scope_from, f.start - 300), f.start):
                scope = scope_of(m.group())
            self.scope[f.id] = scope
            last = SEGMENT_END_BACK.search(norm, max(0, f.start - 80), f.start)
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
                if f.kind == "percent" and self.role[f.id] == "level" and prev is not None \
                        and self.role.get(prev.id) == "change" and R.BARE_CHANGE.fullmatch(lead):
                    # 减少539.73万元，减少33.55%: a percent right after a change is its rate.
                    self.role[f.id] = "rate"
                    self.sign[f.id] = -1 if R.DOWN_WORDS.search(lead) else 1
            prev_end = f.end
            prev = f

    def line_break_before(self, pos: int, back: int = 1) -> int:
        """The position of the `back`-th line break before `pos` (-1 when there is none):
        `back=1` gives the start of the paragraph holding pos, less one."""
        k = bisect.bisect_left(self._breaks, pos) - back
        return self._breaks[k] if k >= 0 else -1

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
            if R.SHARE_LEAD.search(lead) or R.BARE_SHARE.search(lead):
                return "share"
            if R.THRESHOLD_LEAD.search(lead) and self._target_tail(f):
                return "target"
            if R.RATIO_LEAD.search(lead):
                return "ratio"
            return "level"
        if f.kind == "pp":
            return "pp_change"
        m = R.CHANGE_LEAD.search(lead)
        if m:
            self.sign[f.id] = -1 if R.DOWN_WORDS.search(m.group()) else 1
            # (比2024年预算增加: last year's budget, compared as the previous year's figure.)
            self.against[f.id] = "budget" if "预算" in lead and not \
                R.PREVIOUS_WORDS.search(lead) and not R.YEAR_WORD.search(lead) else "previous"
            return "change"
        if f.period == "previous" or R.PREVIOUS_LEAD.search(lead):
            return "previous"
        # 较专项预算调整时A减少D: an amount compared with, right before its change, is the
        # base of that change.
        if R.COMPARED_LEAD.search(lead) and R.CHANGE_AFTER.match(self.norm, f.end):
            return "previous"
        if f.period == "budget" or R.BUDGET_LEAD.search(lead):
            return "budget"
        if R.PER_CAPITA_LEAD.search(lead[-8:]):
            return "per_capita"
        # 达到36.05万吨 is the level reached; 达到3万吨的目标 is a target.
        if R.THRESHOLD_LEAD.search(lead) and self._target_tail(f):
            return "target"
        return "level"

    def _target_tail(self, f: Figure) -> bool:
        return bool(R.THRESHOLD_TAIL.search(self.norm[f.end:f.end + 8]))


_LINE_BREAK = regex.compile(r"\n")
_STRIP_QUOTES = str.maketrans("", "", "“”\"'‘’《》「」")


def change_note(roles: Roles, f: Figure, change: Figure | None = None) -> str:
    """How a change or rate reads: "down" for a fall; "budget" when measured against a budget."""
    words = []
    if roles.sign.get(f.id, 1) < 0:
        words.append("down")
    if roles.against.get((change or f).id) == "budget":
        words.append("budget")
    if change is not None and roles.sign.get(change.id, 1) < 0:
        words.append("change_down")
    return ",".join(words)


def score_side(roles: Roles, f: Figure) -> str:
    """For a score: is it a weight (分值) or a score obtained (得分)? Other kinds: ""."""
    if f.kind != "score":
        return ""
    words = roles.lead[f.id] + f.metric
    return "weight" if R.SCORE_WEIGHT.search(words) else "got"


def plan_of_ratio(figs: list[Figure], f: Figure, roles: Roles) -> bool:
    """完成计划300人次的108.67%: 300 is the plan a ratio divides by, not an amount done."""
    i = figs.index(f)
    nxt = figs[i + 1] if i + 1 < len(figs) else None
    return nxt is not None and nxt.kind == "percent" and roles.lead[nxt.id] in ("的", "之")


def named_stock(figures: list[Figure], roles: Roles, name: str, before: int) -> Figure | None:
    """The nearest amount before `before` whose metric is `name` (or ends with it, or is it
    but for the scope: 全县地方一般公共预算收入 names 地方一般公共预算收入). `figures` are
    the ones `roles` was made from."""
    at = bisect.bisect_left(roles.starts, before)
    near = [f for f in reversed(figures[max(0, at - 60):at]) if roles.role[f.id] in STOCKS]
    bare = without_scope(name)
    return next((f for f in near if f.metric == name), None) or \
        next((f for f in near if f.metric.endswith(name) and len(name) >= 2), None) or \
        next((f for f in near if len(bare) >= 2 and without_scope(f.metric) == bare), None)
