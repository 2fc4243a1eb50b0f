"""Breakdowns (其中 / 分别为 / 包括 lists) and the shares (占 …%) of their parts."""
from __future__ import annotations

import bisect

import regex

from ..records import Figure
from ..rules import relations as R
from ..rules.partitions import COMPILED as PARTITIONS, RESIDUAL
from .base import (CLOSE, CLOSES_PAREN, LEVEL_KINDS, STOCKS, SUBJECT, WINDOW, Found, Roles,
                   named_stock, plan_of_ratio, recent, same_family, scope_of, score_side,
                   without_scope)


def breakdowns(found: Found, roles: Roles, norm: str, figures: list[Figure],
               sentences: list[tuple[int, int, list]]) -> tuple[dict[str, Figure], set[str]]:
    """其中 / 分别为 breakdowns: the level figures after the cue add up to the one before it.

    Returns the total each part belongs to, and the parts whose total the text itself names
    (a share of such a part without a named whole is of that total)."""
    head_of: dict[str, Figure] = {}
    bound_parts: set[str] = set()
    starts = [[f.start for f in figs] for _, _, figs in sentences]
    partitions: list[list[str]] = []  # the part names of the breakdowns seen so far
    for idx, (s, e, figs) in enumerate(sentences):
        for m in R.PARTS_CUE.finditer(norm, s, e):
            p = m.start()
            if _inside_brackets(norm, s, p) and norm[max(s, p - 1)] not in "(（":
                continue  # …（主要包括A、B）: a remark inside a part, not a breakdown of the total
            # (其中：…) ends at its closing bracket, not at the sentence's end.
            close = CLOSE.search(norm, p, e) if norm[max(s, p - 1)] in "(（" else None
            stop = close.start() if close else e
            # …；年末余额X: a clause stating a balance or a total ends the list.
            for semi in regex.finditer("；", norm[m.end():stop]):
                after = norm[m.end() + semi.end():stop]
                if R.LIST_ENDER.match(after):
                    stop = m.end() + semi.start()
                    break
            # …项目支出X万元，分别为：A、B、C: a breakdown nested in this one ends it, unless
            # it sits in brackets after its own part (A万元（其中：a1、a2），B万元): then only
            # the bracket is skipped.
            skip: list[tuple[int, int]] = []
            pos = m.end()
            while True:
                nested = R.PARTS_CUE.search(norm, pos, stop)
                if nested is None:
                    break
                if norm[nested.start() - 1] in "(（":
                    shut = CLOSE.search(norm, nested.end(), stop)
                    if shut is not None:
                        skip.append((nested.start() - 1, shut.end()))
                        pos = shut.end()
                        continue
                stop = nested.start()
                break
            lo = bisect.bisect_left(starts[idx], p)
            heads = [f for f in figs[max(0, lo - WINDOW):lo] if f.end <= p
                     and roles.role[f.id] in STOCKS and f.kind in LEVEL_KINDS
                     and not CLOSES_PAREN.search(norm, f.end, p)
                     and not plan_of_ratio(figs, f, roles)]
            # In the cue's own sentence the total is the level just before it (X万元，其中：…),
            # not one inside a parenthesis that closed before the cue.
            heads.reverse()
            pairing = "bound"
            # 项目支出包括A、B: the cue's own subject names the total.
            subject = SUBJECT.search(norm, s, p)
            if not heads and subject:
                named = named_stock(figures, roles, subject.group(1), s)
                heads = [named] if named is not None else []
            # Else the subject of the nearest sentence before that states a level, within
            # the paragraph (a sentence of budget or previous-year figures may come between):
            # a guess of ours.
            if not heads:
                heads, just_before = _subject_before(sentences, idx, norm.rfind("\n", 0, s),
                                                     roles)
                # The sentence just before with one total of the family: nothing else the
                # 其中 can break down.
                pairing = "previous" if just_before else "inferred"
            cands = [f for f in figs[lo:] if p <= f.start < stop
                     and not any(a <= f.start < b for a, b in skip)
                     and roles.role[f.id] in STOCKS and f.kind in LEVEL_KINDS
                     and not R.LIMIT_WORDS.search(roles.lead[f.id])
                     and not R.PREVIOUS_LEAD.search(roles.lead[f.id])]  # 较上年的X: a comparison
            # 教育支出A、社保支出B、卫生支出C，三项合计D: D totals the items before it, and
            # the list stands for D, a part of the whole.
            for k, c in enumerate(cands):
                if k >= 2 and R.SUBTOTAL_LEAD.search(roles.lead[c.id]):
                    items = [x for x in cands[:k] if same_family(x, c)]
                    found.add("sum", {"total": c, "parts": items}, note="exhaustive",
                              basis="explicit", cue="合计")
                    cands = [c] + [x for x in cands[k + 1:]]
                    break
            partial = R.PARTIAL_MARKERS.search(norm, p, stop) or \
                _subset_of_known(cands, partitions)
            # Completeness the text shows: 分别为 names every part; a known partition or a
            # residual 其他 category closes the list. Else the list may be partial.
            complete = not partial and (m.group().startswith("分别") or
                                        _complete_partition(cands, roles))
            if len(cands) >= 2:
                partitions.append([c.metric for c in cands if c.metric])
            _match_heads(found, heads, cands, roles, head_of, bound_parts,
                         "exhaustive" if not partial else "", pairing, complete)
    return head_of, bound_parts


def _inside_brackets(norm: str, s: int, p: int) -> bool:
    """An opening bracket between the sentence start and p is still open at p."""
    depth = 0
    for ch in norm[s:p]:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
    return depth > 0


def _complete_partition(cands: list[Figure], roles: Roles) -> bool:
    """The parts are exactly the categories of a breakdown known to be whole (基本支出 +
    项目支出 …), or the list closes with a residual category (其他…)."""
    if len(cands) < 2:
        return False
    words = [roles.lead[c.id] + c.metric for c in cands]
    if RESIDUAL.search(words[-1]):
        return True
    for _, cats in PARTITIONS:
        hit: set[int] = set()
        for w in words:
            k = next((i for i, (pat, _) in enumerate(cats) if pat.search(w)), None)
            if k is None:
                break
            hit.add(k)
        else:
            if all(i in hit for i, (_, req) in enumerate(cats) if req):
                return True
    return False


def _subset_of_known(cands: list[Figure], partitions: list[list[str]]) -> bool:
    """The parts name fewer of the categories an earlier breakdown listed (中央、省级、县级
    资金, then 其中省级…、县级…): a partial list, whatever its words say."""
    for names in partitions:
        if len(cands) < len(names):
            hit = {n for n in names for c in cands if n and n in c.metric}
            if len(hit) == len(cands):
                return True
    return False


def _subject_before(sentences: list[tuple[int, int, list]], idx: int, para: int,
                    roles: Roles) -> tuple[list[Figure], bool]:
    """The total a 其中 opening a sentence breaks down: the first level of the nearest of the
    three sentences before (in the paragraph) that states one, else the nearest budget or
    previous-year amount. True with it when that is the sentence just before."""
    earlier = [(j, figs) for j, (_, e, figs) in enumerate(sentences[max(0, idx - 3):idx],
                                                          max(0, idx - 3)) if e > para]
    for wanted in (("level",), STOCKS):
        for j, figs in reversed(earlier):
            heads = [f for f in figs[:WINDOW] if roles.role[f.id] in wanted
                     and f.kind in LEVEL_KINDS]
            if heads:
                return heads, j == idx - 1
    return [], False


def _match_heads(found: Found, heads: list[Figure], cands: list[Figure], roles: Roles,
                 head_of: dict[str, Figure], bound_parts: set[str], note: str,
                 pairing: str, complete: bool) -> None:
    used: set[str] = set()
    for n, h in enumerate(heads):
        side = score_side(roles, h)
        same = [c for c in cands if same_family(c, h) and c.id not in used
                and score_side(roles, c) == side]
        if not same:
            continue
        siblings = [x for x in heads if same_family(x, h)]
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
        # The nearest total of the family is the one the cue follows; a farther one is ours.
        near = (pairing == "bound" and h is siblings[0]) or \
            (pairing == "previous" and len(siblings) == 1)
        for c in same:
            used.add(c.id)
            head_of[c.id] = h
            if near:
                bound_parts.add(c.id)
        basis = ("explicit" if complete else "bound") if near else "inferred"
        found.add("sum", {"total": h, "parts": same}, note=note if len(same) > 1 else "",
                  basis=basis if len(same) > 1 else "inferred", cue="其中")


def shares(found: Found, roles: Roles, figures: list[Figure], head_of: dict[str, Figure],
           bound_parts: set[str], segments: list[tuple[int, int, list]]) -> None:
    """占 …%: a part's share of the whole 占 names, else of its 其中 total. Explicit when the
    whole is the figure the text names exactly, or the total the part's own list breaks down."""
    starts = [f.start for f in figures]
    for s, e, figs in segments:
        for i, f in enumerate(figs):
            if roles.role[f.id] != "share":
                continue
            part = next((x for x in recent(figs, i) if x.kind in ("money", "count")
                         and roles.role[x.id] == "level"), None)
            if part is None:
                continue
            m = R.SHARE_LEAD.search(roles.lead[f.id])
            whole_word = (m.group("whole") if m else "").strip()
            whole = head_of.get(part.id)
            explicit = not whole_word and part.id in bound_parts
            if whole_word:
                # The amount before the part that measures what 占 names, in the scope it
                # names (全县 is not 本级): it wins over the 其中 total when that total
                # measures something else.
                base, scope = without_scope(whole_word), scope_of(whole_word)

                def names(x: Figure) -> bool:
                    return without_scope(x.metric) == base and \
                        scope in (None, roles.scope.get(x.id))

                at = bisect.bisect_left(starts, part.start)
                before = [x for x in reversed(figures[max(0, at - 200):at])
                          if x.kind == part.kind and x.metric and roles.role[x.id] in STOCKS]
                if whole is not None and names(whole):
                    explicit = True
                else:
                    named = next((x for x in before if names(x)), None)
                    if named is not None:
                        whole, explicit = named, True
                    elif whole is None:
                        whole = next((x for x in before if x.metric in whole_word
                                      or whole_word in x.metric), None)
            if whole is not None and whole is not part:
                found.add("share", {"part": part, "whole": whole, "percent": f},
                          basis="explicit" if explicit else "inferred", cue="占")
