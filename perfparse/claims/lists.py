"""Breakdowns (其中 / 分别为 / 包括 lists) and the shares (占 …%) of their parts."""
from __future__ import annotations

import bisect
from decimal import Decimal

import regex

from ..records import Figure
from ..rules import relations as R
from ..rules.partitions import COMPILED as PARTITIONS, EXCLUSIVE_COMPILED as EXCLUSIVE, \
    RESIDUAL, TOTAL_PATTERN
from .base import (CLOSE, CLOSES_PAREN, LEVEL_KINDS, STOCKS, SUBJECT, WINDOW, Found, Roles,
                   named_stock, plan_of_ratio, recent, same_family, scope_of, score_side,
                   without_scope)


def breakdowns(found: Found, roles: Roles, norm: str, figures: list[Figure],
               sentences: list[tuple[int, int, list]]
               ) -> tuple[dict[str, Figure], dict[str, str]]:
    """其中 / 分别为 / 包括 breakdowns: the level figures after the cue add up to the one
    before it; a bracket right after an amount that lists two or more amounts breaks it down
    too (限额A亿元（一般债务B亿元，专项债务C亿元）).

    Returns the total each part belongs to, and for the parts whose total the text itself
    names how it does: "bound" in the cue's own sentence (a share of such a part without a
    named whole is of that total), "previous" when the 其中 opens the next sentence."""
    head_of: dict[str, Figure] = {}
    bound_parts: dict[str, str] = {}
    starts = [[f.start for f in figs] for _, _, figs in sentences]
    partitions: list[list[str]] = []  # the part names of the breakdowns seen so far
    for idx, (s, e, figs) in enumerate(sentences):
        _bracket_breakdowns(found, roles, norm, figs, head_of, bound_parts)
        first_cue = None
        # 全市地方一般公共预算收入中，税收收入A，非税收入B: a sentence that opens by naming a
        # total stated before breaks it down, as 其中 would.
        named_in = R.NAMED_IN.match(norm, s, e)
        for m in ([named_in] if named_in else []) + list(R.PARTS_CUE.finditer(norm, s, e)):
            p = m.start()
            if first_cue is None:
                first_cue = p
            elif R.CLASSIFY_CUE.match(norm, p):
                continue  # 分性质看，A、B；分级次看，C、D: the first cue's list, split by its kinds
            if _inside_brackets(norm, s, p) and norm[max(s, p - 1)] not in "(（":
                continue  # …（主要包括A、B）: a remark inside a part, not a breakdown of the total
            if m.group().startswith("分别") and (
                    R.NAMES_BEFORE.search(norm, s, p) or R.VALUE_FIRST.match(norm, m.end())):
                # A、B、C分别为x、y、z / 增幅分别为x、y: each name its value, not a breakdown
                # (分别为：甲x、乙y names the parts after the cue).
                continue
            stop, skip = _list_extent(norm, m, s, e)
            lo = bisect.bisect_left(starts[idx], p)
            heads = [f for f in figs[max(0, lo - WINDOW):lo] if f.end <= p
                     and roles.role[f.id] in STOCKS and f.kind in LEVEL_KINDS
                     and not CLOSES_PAREN.search(norm, f.end, p)
                     and not plan_of_ratio(figs, f, roles)]
            # In the cue's own sentence the total is the level just before it (X万元，其中：…),
            # not one inside a parenthesis that closed before the cue; and this year's, not the
            # year before it compares with (总额X，较上年的Y减少D；其中：…).
            if any(roles.role[h.id] != "previous" for h in heads):
                heads = [h for h in heads if roles.role[h.id] != "previous"]
            heads.reverse()
            pairing = "bound"
            # 项目支出包括A、B: the cue's own subject names the total.
            subject = SUBJECT.search(norm, s, p)
            if not heads and subject:
                named = named_stock(figures, roles, subject.group(1), s)
                heads = [named] if named is not None else []
            if m is named_in and not heads:
                continue  # (X中 names no total stated before: 全年中，…)
            # Else the subject of the nearest sentence before that states a level, within
            # the paragraph (a sentence of budget or previous-year figures may come between):
            # a guess of ours.
            if not heads:
                para = roles.line_break_before(s)
                if not norm[para + 1:p].strip():
                    # A line that opens with 其中 breaks down the line before it.
                    para = roles.line_break_before(para + 1, 2)
                heads, just_before = _subject_before(sentences, idx, para, roles, head_of)
                # The sentence just before with one total of the family: nothing else the
                # 其中 can break down.
                pairing = "previous" if just_before else "inferred"
            # 亩产, 人均, 单价 …: an average is no sum of its parts.
            # (The words right before it, not a caption further back: …价格比上年涨幅 单位:%
            # 全年财政总收入A is a sum.)
            heads = [h for h in heads if not R.INTENSIVE.search(roles.lead[h.id][-12:] + h.metric)]
            # A limit is a part only of a limit (限额A，其中：一般债务限额B…), not of a balance.
            of_limit = any(R.LIMIT_WORDS.search(roles.lead[h.id] + h.metric) for h in heads)
            cands = [f for f in figs[lo:] if p <= f.start < stop
                     and not any(a <= f.start < b for a, b in skip)
                     and roles.role[f.id] in STOCKS and f.kind in LEVEL_KINDS
                     and (of_limit or not R.LIMIT_WORDS.search(roles.lead[f.id]))
                     and not R.PREVIOUS_LEAD.search(roles.lead[f.id])]  # 较上年的X: a comparison
            cands = _parallel_run(norm, roles, cands)
            # 教育支出A、社保支出B、卫生支出C，三项合计D: D totals the items before it, and
            # the list stands for D, a part of the whole.
            for k, c in enumerate(cands):
                # (…2.3亿元等，加上…15.8亿元，支出总计23.9亿元: a grand total after 加上,
                # not a subtotal of the items.)
                if k >= 2 and R.SUBTOTAL_ONLY.search(roles.lead[c.id]) and \
                        not R.PLUS_CUE.search(norm, p, c.start) and \
                        not R.PARTIAL_MARKERS.search(norm, p, c.start):
                    items = [x for x in cands[:k] if same_family(x, c)]
                    found.add("sum", {"total": c, "parts": items}, note="exhaustive",
                              basis="explicit", cue="合计")
                    cands = [c] + [x for x in cands[k + 1:]]
                    break
            # 其中：人员经费A，主要包括…。公用经费B…: the rest of a known partition may open the
            # sentences after, once a remark has closed the first part's.
            siblings = _siblings_after(sentences, idx, cands, roles)
            cands = cands + siblings
            # (A marker inside a skipped run belongs to that part's own list.)
            partial = any(not any(a <= x.start() < b for a, b in skip)
                          for x in R.PARTIAL_MARKERS.finditer(norm, p, stop)) or \
                _subset_of_known(cands, partitions)
            if len(cands) >= 2:
                partitions.append([c.metric for c in cands if c.metric])
                del partitions[:-8]  # the recent ones: an earlier section's list is not this one's
            # 其中：从地区分布看，A、B；从债券性质看，C、D: two classifications of one total,
            # each a breakdown of its own.
            if pairing in ("previous", "inferred") and heads and R.CLASSIFY_CUE.match(norm, p):
                # 分贸易方式看，… opening a sentence: it may classify any total before it,
                # unless its parts are a known partition of the total before (分门类看，采矿业…).
                pairing = "opener"
            groups = _classifications(norm, cands[:len(cands) - len(siblings)]) or [[]]
            # (The rest of a known partition belongs with its first parts, whatever other
            # classification the sentences between open: 税收A。分税种看：…。非税收入B.)
            groups[-1] = groups[-1] + siblings if len(groups) == 1 else groups[-1]
            for group in groups:
                _match_heads(found, heads, group, roles, head_of, bound_parts, norm,
                             bool(partial), m.group().startswith("分别"), pairing)
    return head_of, bound_parts


def _siblings_after(sentences: list[tuple[int, int, list]], idx: int, cands: list[Figure],
                    roles: Roles) -> list[Figure]:
    """The missing parts of a known partition the list began, each opening one of the next
    sentences (人员经费A … 。公用经费B …); none unless they complete it."""
    if not cands:
        return []
    for _, cats in PARTITIONS:
        hits = [next((k for k, (pat, _) in enumerate(cats)
                      if pat.search(roles.lead[c.id] + c.metric)), None) for c in cands]
        if None in hits or len(set(hits)) < len(hits):
            continue  # (增值税、资源税 … are kinds of 税收, not the partition's categories)
        missing = [k for k, (_, required) in enumerate(cats) if required and k not in hits]
        if not missing:
            return []
        extra = []
        para = roles.line_break_before(cands[-1].start)
        for _, _, figs in sentences[idx + 1:idx + 4]:
            first = next((f for f in figs if roles.role[f.id] in STOCKS
                          and f.kind in LEVEL_KINDS), None)
            # The sentence names the category and little else (公用经费B, not 省级工程技术
            # 研究中心B after 国家级 and 省级 企业技术中心).
            k = next((k for k in missing if first is not None and same_family(first, cands[0])
                      and _names_only(cats[k][0], roles.lead[first.id])), None)
            if k is None and first is not None and not extra and \
                    roles.line_break_before(first.start) == para and \
                    not R.SCOPE_WORD.search(roles.norm, max(0, first.start - 40), first.start):
                continue   # (税收收入A。城建税B；土地增值税C。非税收入D: A's own items between)
            if k is None:
                return []
            extra.append(first)
            missing.remove(k)
            if not missing:
                return extra
        return []
    return []


def _names_only(pat, lead: str) -> bool:
    """The words before a figure are the category the pattern names, give or take a word of
    money (支出, 经费, 资金 …) and the verbs of stating it."""
    hit = pat.search(lead)
    if hit is None:
        return False
    rest = R.CATEGORY_FILLER.sub("", lead[:hit.start()] + lead[hit.end():])
    return len(rest) <= 2


def changes_of_parts(found: Found, roles: Roles, figures: list[Figure]) -> None:
    """X比上年增加D，其中A增加a、B减少b: when the parts of a breakdown each state their change
    and the total does too, the parts' changes add to the total's (a − b = D). As sure as the
    breakdown: explicit for a list shown whole (a known partition), ours otherwise."""
    by_id = {f.id: f for f in figures}
    change_of: dict[str, str] = {}
    for item in found.items.values():
        roles_ = dict(item["roles"])
        if item["type"] == "change" and "current" in roles_ and "change" in roles_:
            change_of.setdefault(roles_["current"][0], roles_["change"][0])
    for item in list(found.items.values()):
        roles_ = dict(item["roles"])
        if item["type"] != "sum" or "minus" in roles_ or "parts_extra" in roles_ or \
                "total" not in roles_ or len(roles_.get("parts", ())) < 2:
            continue
        total = change_of.get(roles_["total"][0])
        parts = [change_of.get(i) for i in roles_["parts"]]
        if total is None or None in parts or len(set(parts)) < len(parts) or total in parts or \
                len({roles.against.get(i) for i in parts + [total]}) > 1:
            continue  # (changes against last year's budget and its outturn do not add up)
        changes = [by_id[i] for i in parts]
        up = [c for c in changes if roles.sign.get(c.id, 1) > 0]
        down = [c for c in changes if roles.sign.get(c.id, 1) < 0]
        if roles.sign.get(total, 1) < 0:
            up, down = down, up   # −D = Σup − Σdown: D = Σdown − Σup
        if not up:
            continue
        found.add("sum", {"total": by_id[total], "parts": up, "minus": down or None},
                  note="exhaustive", basis="explicit" if item["basis"] == "explicit"
                  else "inferred", cue="增减")


def _list_extent(norm: str, m, s: int, e: int) -> tuple[int, list[tuple[int, int]]]:
    """Where the list a cue opens stops, and the runs inside it that belong to one part."""
    p = m.start()
    # (其中：…) ends at its closing bracket, not at the sentence's end.
    close = CLOSE.search(norm, p, e) if norm[max(s, p - 1)] in "(（" else None
    stop = close.start() if close else e
    # …；偿还本金X: a clause of repayment ends the list; so do 加上 and a heading.
    for semi in R.CLAUSE_SEMICOLON.finditer(norm, m.end(), stop):
        if R.LIST_ENDER.match(norm, semi.end(), stop):
            stop = semi.start()
            break
    for ender in (R.PLUS_CUE, R.HEADING_IN_TEXT):
        hit = ender.search(norm, m.end(), stop)
        if hit is not None:
            stop = hit.start()
    # A breakdown nested in this one ends it, unless it belongs to one part: in brackets
    # after it (A万元（其中：a1、a2），B万元), or a 主要是…等 run (市本级12亿元，主要是a、b等，
    # 县区25.3亿元). Those are skipped, as is any bracket that holds figures of its own.
    skip: list[tuple[int, int]] = []
    for b in R.BRACKETED.finditer(norm, m.end(), stop):
        skip.append(b.span())
    pos = m.end()
    while True:
        nested = R.NESTED_CUE.search(norm, pos, stop)
        if nested is None:
            break
        if any(a <= nested.start() < b for a, b in skip):
            pos = nested.end()
            continue
        shut = None
        if nested.group().startswith("主要"):
            # 主要是a、b等，… lists inside one part; 主要是…原因； explains the part before it
            # up to the end of its clause. Either way the list goes on after it.
            shut = R.PARTIAL_CLOSE.search(norm, nested.end(), stop) or \
                R.CLAUSE_SEMICOLON.search(norm, nested.end(), stop)
            if shut is None:
                stop = nested.start()
                break
        if shut is not None:
            skip.append((nested.start(), shut.end()))
            pos = shut.end()
            continue
        stop = nested.start()
        break
    # …主要包括A、B等，加上C，总计D: the list closes at its own 等.
    for closed in R.PARTIAL_CLOSE.finditer(norm, m.end(), stop):
        if not any(a <= closed.start() < b for a, b in skip):
            stop = closed.end()
            break
    return stop, skip


def numbered_lists(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """A cue closing its line (X，包括： / 其中： / X主要内容如下：) over lines that each open an
    item (——A…。 / 1.“…”A… / （一）A…): the first amount of each item line is a part of the
    total before the cue in its sentence, else of the X the heading names. Lines of a deeper
    numbering between items are the item's own. The cue binds the list, but need not show it
    whole: it fails only when the parts exceed the total, unless a residual item or a known
    partition shows it whole."""
    starts = roles.starts
    for m in R.LINE_LIST_CUE.finditer(norm):
        total = _total_before_cue(figures, starts, roles, norm, m.start())
        if total is None:
            named = R.NUMBERED_INTRO.search(norm, max(0, m.start() - 40), m.end() + 1)
            if named is not None and named.end() == m.end() + 1:
                total = _named_before(figures, roles, named.group("name"), named.start())
        if total is None:
            continue
        parts = _item_lines(figures, starts, roles, norm, m.end() + 1, total)
        if _share_word(figures, starts, roles, total) & \
                frozenset().union(*(_share_word(figures, starts, roles, p) for p in parts)):
            continue   # (A占总预算P%。其中：⏎（一）B，占总预算Q%: B is A's sibling, not its part)
        names = [roles.lead[p.id] + p.metric for p in parts]
        if {"收入", "支出"} <= {_flow_side(a) for a in names}:
            continue  # （一）收入…（二）支出…: the two sides of a total, not its parts
        if len(parts) >= 2:
            # (A numbered list closing with 其他… may still leave items of the total out: only
            # a known partition shows it whole.)
            whole = _known_partition(parts, roles, total)
            found.add("sum", {"total": total, "parts": parts},
                      note="exhaustive" if whole else "",
                      basis="explicit" if whole else "bound", cue="分项列示")


def _share_word(figures: list[Figure], starts: list[int], roles: Roles,
                f: Figure) -> frozenset[str]:
    """The whole the share right after an amount names (…A元，占支出总预算P%: 支出总预算)."""
    k = bisect.bisect_right(starts, f.start)
    nxt = figures[k] if k < len(figures) else None
    if nxt is None or roles.role[nxt.id] != "share":
        return frozenset()
    m = R.SHARE_LEAD.search(roles.lead[nxt.id])
    word = without_scope(m.group("whole").strip()) if m else ""
    return frozenset({word}) if len(word) >= 2 else frozenset()


def _total_before_cue(figures: list[Figure], starts: list[int], roles: Roles, norm: str,
                      cue: int) -> Figure | None:
    """The last amount of the cue's own sentence (X亿元，为预算的P%，包括：), or of the sentence
    before in its line when the cue stands alone (…预算数为A万元。其中：)."""
    brk = R.SENTENCE_BREAK_BACK.search(norm, max(0, cue - 200), cue)
    since = brk.end() if brk else max(0, cue - 200)
    if brk is not None and not norm[since:cue].strip():
        line = norm.rfind("\n", 0, since)
        since = max(line + 1, since - 200)
    at = bisect.bisect_left(starts, cue)
    for f in reversed(figures[max(0, at - 8):at]):
        if f.start < since:
            break
        if f.kind in LEVEL_KINDS and roles.role[f.id] in STOCKS:
            return f
    return None


def _item_lines(figures: list[Figure], starts: list[int], roles: Roles, norm: str, pos: int,
                total: Figure) -> list[Figure]:
    """The first amount of each item line from `pos` on, while the lines keep one marker's
    sequence (——, 1. 2., （一）（二）…); lines of another marker inside are sub-items."""
    parts: list[Figure] = []
    family, want = None, 1
    while pos < len(norm):
        end = norm.find("\n", pos)
        end = len(norm) if end < 0 else end
        mark = R.ITEM_MARK.match(norm, pos)
        kind = mark_family(mark) if mark else None
        if kind is None:
            break
        if family is None:
            family = kind
        if kind != family:
            if not parts:
                break
            pos = end + 1   # a sub-item of the item before
            continue
        if family[1] and _numeral(mark.group("n")) != want:
            break
        k = bisect.bisect_left(starts, mark.end())
        part = next((f for f in figures[k:k + 8] if f.start < end and same_family(f, total)
                     and roles.role[f.id] in STOCKS), None)
        if part is None:
            break
        parts.append(part)
        pos, want = end + 1, want + 1
    return parts


def mark_family(mark) -> tuple[str, bool]:
    """Which numbering a line marker belongs to, and whether it counts (1. 2. do, —— does not)."""
    for name in ("dash", "arabic", "paren", "cparen", "chinese", "circled"):
        if mark.group(name):
            return name, name != "dash"
    return "", False


def _numeral(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(text) + 1
    return "一二三四五六七八九十".find(text) + 1


def _named_before(figures: list[Figure], roles: Roles, name: str, before: int) -> Figure | None:
    """The nearest stock before `before` that the heading names: its metric is the name, less
    a closing 预算/决算/数 (财政拨款支出 names 财政拨款支出预算A)."""
    at = bisect.bisect_left(roles.starts, before)
    for f in reversed(figures[max(0, at - 40):at]):
        metric = R.METRIC_TAIL.sub("", f.metric)
        if roles.role[f.id] in STOCKS and len(name) >= 2 and metric and \
                (metric == name or metric.endswith(name) or name.endswith(metric)) and \
                len(metric) >= 4:
            return f
    return None


def respective_shares(found: Found, roles: Roles, norm: str, figures: list[Figure],
                      sentences: list[tuple[int, int, list]]) -> None:
    """第一产业、第二产业、第三产业增加值占地区生产总值的比重分别为a%、b%和c%: each named part
    (or each category of a known partition the subject names: 三次产业) over the named whole,
    both stated before it; one share per name, in order."""
    starts = roles.starts
    for s, e, figs in sentences:
        for m in R.SHARES_RESPECTIVELY.finditer(norm, s, e):
            pcts = [f for f in figs if f.start >= m.end() and f.kind == "percent"]
            at = bisect.bisect_left(starts, s)
            before = [x for x in reversed(figures[max(0, at - 80):at])
                      if x.kind in LEVEL_KINDS and roles.role[x.id] == "level"]
            for names, tail in _named_parts(m.group("subject")):
                parts = [next((x for x in before if pat.search(roles.lead[x.id] + x.metric)),
                              None) for pat in names]
                if None not in parts and len({p.id for p in parts}) == len(parts):
                    break
            else:
                continue
            if len(pcts) < len(parts):
                continue
            pcts = pcts[:len(parts)]
            if any(not R.LIST_JOINER.fullmatch(norm[a.end:b.start])
                   for a, b in zip(pcts, pcts[1:])):
                continue
            whole_word = without_scope(m.group("whole"))
            chosen = bool(not whole_word and tail)
            if chosen:
                # 伊州区、巴里坤县、伊吾县地区生产总值占全市比重: the whole is the area's own
                # 地区生产总值, an amount of that name before the parts and at least their sum.
                least = sum((p.value * p.scale for p in parts), Decimal(0))
                whole = next((x for x in before if x.start < parts[0].start and
                              without_scope(x.metric).endswith(tail) and
                              x.value * x.scale >= least), None)
            else:
                whole = next((x for x in before if len(whole_word) >= 2 and
                              without_scope(x.metric) in (whole_word, whole_word + "总值")
                              or without_scope(x.metric).endswith(whole_word)), None)
            if whole is None or not all(same_family(p, whole) for p in parts) or \
                    any(p.start < whole.start for p in parts):
                continue
            near = whole.start > roles.line_break_before(s, 2) and not chosen
            for part, pct in zip(parts, pcts):
                found.add("share", {"part": part, "whole": whole, "percent": pct},
                          basis="explicit" if near else "inferred", cue="占…分别为")


def _named_parts(subject: str) -> list[tuple[list, str]]:
    """The readings of the parts a subject names, each as patterns and the quantity they share:
    第一产业、第二产业、第三产业增加值 gives one pattern per name and 增加值 (the last name
    carries the shared words, cut where the other names' lengths allow); a partition's name
    (三次产业) gives its categories."""
    subject = R.ITEM_TRIM.sub("", subject) if "、" not in subject else subject
    for name, cats in PARTITIONS:
        if name in subject:
            return [([pat for pat, _ in cats], subject.split(name, 1)[1])]
    names = [n for n in regex.split(r"[、和及与]", subject) if n]
    if len(names) < 2:
        return []
    last, lengths = names[-1], [len(n) for n in names[:-1]]
    return [([regex.compile(regex.escape(n)) for n in names[:-1] + [last[:k]]], last[k:])
            for k in range(min(lengths), min(max(lengths), len(last)) + 1)]


def _parallel_run(norm: str, roles: Roles, cands: list[Figure]) -> list[Figure]:
    """The run of candidates that are items of one list: it ends at an amount done with the
    money (…实际拨付使用C), at one that restates the whole area (…，全市支出D), and after a
    semicolon at a clause whose item is no sibling of the first (…；蔬菜总产量E)."""
    for k, c in enumerate(cands[1:], 1):
        lead = roles.lead[c.id]
        if R.NOT_A_PART.search(lead) or R.WHOLE_AREA.search(lead) or \
                (R.TOTAL_WORD.search(lead) and not R.SUBTOTAL_ONLY.search(lead)):
            return cands[:k]
        if R.CLAUSE_SEMICOLON.search(norm, cands[k - 1].end, c.start):
            # After a semicolon: an item that restates a time, a balance or a total its
            # siblings do not name (…；年末…贷款余额X, …；蔬菜总产量Y) is another total. (A list
            # spread over clauses is never the text's own whole list: its sums end uncertain
            # when they do not add up, so going on is safe.)
            first = _item_name(cands[0], roles)
            marks = {m.group() for m in R.NEW_TOTAL.finditer(lead)}
            if any(w not in first for w in marks):
                return cands[:k]
    return cands


def _siblings(a: Figure, b: Figure, roles: Roles) -> bool:
    """Two items of one classification: their names end alike (基本支出, 项目支出), or both
    are categories of one known partition."""
    na, nb = _item_name(a, roles), _item_name(b, roles)
    if na and nb and na[-1] == nb[-1]:
        return True
    return any(any(pat.search(na) for pat, _ in cats) and any(pat.search(nb) for pat, _ in cats)
               for _, cats in PARTITIONS)


def _item_name(f: Figure, roles: Roles) -> str:
    """The noun that names a list item: its lead without links, cue words or punctuation."""
    return R.ITEM_TRIM.sub("", roles.lead[f.id]) or f.metric


def _classifications(norm: str, cands: list[Figure]) -> list[list[Figure]]:
    """The parts split where the list starts another classification (从…看, 按…分)."""
    groups: list[list[Figure]] = [[]]
    for i, c in enumerate(cands):
        if i and groups[-1] and R.CLASSIFY_CUE.search(norm, cands[i - 1].end, c.start):
            groups.append([])
        groups[-1].append(c)
    return groups


def _inside_brackets(norm: str, s: int, p: int) -> bool:
    """An opening bracket between the sentence start and p is still open at p."""
    depth = 0
    for ch in norm[s:p]:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
    return depth > 0


def _enumerated(total_name: str, names: list[str]) -> bool:
    """The total's name lists one character per part before what they share: 猪牛羊禽肉产量
    over 猪肉产量, 牛肉产量, 羊肉产量, 禽肉产量; 猪牛羊存栏 over 生猪存栏, 牛存栏, 羊存栏."""
    if len(names) < 2 or not all(names):
        return False
    suffix = names[0]
    for n in names[1:]:
        while suffix and not n.endswith(suffix):
            suffix = suffix[1:]
    for k in range(len(suffix), 0, -1):   # the total may share less of it (猪牛羊禽肉产量)
        tail = suffix[-k:]
        if tail in total_name:
            head = total_name[:total_name.index(tail)]
            run = R.ENUMERATION_RUN.search(head)
            if run is None or len(run.group()) != len(names):
                continue
            chars = run.group()
            hit = [next((c for c in chars if c in n[:len(n) - len(suffix)] or c in n), None)
                   for n in names]
            return None not in hit and len(set(hit)) == len(names)
    return False


def _residual(cands: list[Figure], roles: Roles) -> bool:
    """The list closes with a residual category (其他…), which names everything else."""
    return len(cands) >= 2 and bool(RESIDUAL.search(roles.lead[cands[-1].id]
                                                    + cands[-1].metric))


def _bracket_breakdowns(found: Found, roles: Roles, norm: str, figs: list[Figure],
                        head_of: dict[str, Figure], bound_parts: dict[str, str]) -> None:
    """限额A亿元（一般债务B亿元，专项债务C亿元）: a bracket right after an amount that lists two
    or more amounts of its kind, and nothing else, breaks that amount down."""
    for i, f in enumerate(figs[:-2]):
        if f.kind not in LEVEL_KINDS or norm[f.end:f.end + 1] not in ("(", "（"):
            continue
        shut = CLOSE.search(norm, f.end, f.end + 120)
        if shut is None:
            continue
        inner = [x for x in figs[i + 1:] if x.end <= shut.start()]
        if len(inner) < 2 or not all(same_family(x, f) for x in inner) or \
                R.CHANGE_IN_BRACKET.search(norm, f.end, shut.start()) or \
                any(R.COMPARED_AREA.search(roles.lead[x.id]) for x in inner):
            continue   # (4894元（全国5963元、全省4881元）: figures compared with, not parts)
        # 一般转移支付A（含…B、…C，专项转移支付D）: an amount of the other category of a
        # partition the amount itself belongs to is its sibling, misplaced in the bracket.
        parts = [x for x in inner if not _other_category(x, f, roles)]
        if len(parts) < 2:
            continue
        complete = len(parts) == len(inner) and _known_partition(parts, roles, f)
        for x in parts:
            head_of.setdefault(x.id, f)
            bound_parts.setdefault(x.id, "bound")
        found.add("sum", {"total": f, "parts": parts}, note="exhaustive",
                  basis="explicit" if complete else "bound" if len(parts) == len(inner)
                  else "inferred", cue="括注")


def _other_category(part: Figure, total: Figure, roles: Roles) -> bool:
    """The part and the total are two different categories of one known partition (专项 and
    一般 transfers, 一般 and 专项 debt): the part cannot be inside the total."""
    words, of_total = _item_name(part, roles) + part.metric, roles.lead[total.id] + total.metric
    for cats in EXCLUSIVE:
        mine = {k for k, pat in enumerate(cats) if pat.search(words)}
        theirs = {k for k, pat in enumerate(cats) if pat.search(of_total)}
        if len(mine) == 1 and len(theirs) == 1 and mine != theirs:
            return True
    return False


def _known_partition(cands: list[Figure], roles: Roles, total: Figure | None = None) -> bool:
    """The parts are exactly the categories of a breakdown known to be whole (基本支出 +
    项目支出 …), of a total it is whole for (三次产业 make up output, not electricity use), or
    the categories the total's own name enumerates (猪牛羊禽肉产量: 猪肉, 牛肉, 羊肉, 禽肉)."""
    if len(cands) < 2:
        return False
    words = [roles.lead[c.id] + c.metric for c in cands]
    total_words = "" if total is None else roles.lead.get(total.id, "") + total.metric
    if total is not None and _enumerated(total.metric, [_item_name(c, roles) for c in cands]):
        return True
    for name, cats in PARTITIONS:
        if name in TOTAL_PATTERN and not TOTAL_PATTERN[name].search(total_words):
            continue
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
                    roles: Roles, head_of: dict[str, Figure]) -> tuple[list[Figure], bool]:
    """The total a 其中 opening a sentence breaks down: the first level of the nearest of the
    three sentences before (in the paragraph) that states one, else the nearest budget or
    previous-year amount. True with it when that is the sentence just before."""
    earlier = [(j, figs) for j, (_, e, figs) in enumerate(sentences[max(0, idx - 3):idx],
                                                          max(0, idx - 3)) if e > para]
    for wanted in (("level",), STOCKS):
        for j, figs in reversed(earlier):
            # (A sentence of 其中 parts breaks down a total before it: not a total itself.)
            heads = [f for f in figs[:WINDOW] if roles.role[f.id] in wanted
                     and f.kind in LEVEL_KINDS and f.id not in head_of]
            if heads:
                return heads, j == idx - 1
    return [], False


def _flow_side(words: str) -> str | None:
    """收入 or 支出, when the words name one side of a budget and not the other."""
    income, spend = bool(R.INCOME_WORD.search(words)), bool(R.SPEND_WORD.search(words))
    return "收入" if income and not spend else "支出" if spend and not income else None


def _match_heads(found: Found, heads: list[Figure], cands: list[Figure], roles: Roles,
                 head_of: dict[str, Figure], bound_parts: dict[str, str], norm: str,
                 partial: bool, names_all: bool, pairing: str) -> None:
    """Each total before the cue takes the parts of its family; how the claim is bound: the
    nearest total of the family is the one the cue follows (bound), a farther one is ours;
    the list is shown whole by 分别为 (`names_all`), a known partition, or a closing 其他."""
    used: set[str] = set()
    sides = {_flow_side(roles.lead[c.id] + c.metric) for c in cands}
    for h in heads:
        side = score_side(roles, h)
        same = [c for c in cands if same_family(c, h) and c.id not in used
                and score_side(roles, c) == side]
        if not same or (len(sides) == 1 and None not in sides and
                        _flow_side(roles.lead[h.id] + h.metric) in {"收入", "支出"} - sides):
            continue   # (支出A…从收入看，税收B、非税C: revenue items are no parts of spending)
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
        near = (pairing == "bound" and h is siblings[0]) or \
            (pairing == "previous" and len(siblings) == 1) or \
            (pairing == "opener" and len(siblings) == 1 and _known_partition(same, roles, h))
        for c in same:
            used.add(c.id)
            head_of[c.id] = h
            if near:
                bound_parts[c.id] = pairing
        # Parts in one clause (A、B，C) are the text's list; parts each in a clause of its own
        # (A，增长x%；B，增长y%) may nest or stop anywhere, as 统计公报's do.
        spread = len(same) > 1 and bool(R.CLAUSE_SEMICOLON.search(norm, same[0].end,
                                                                  same[-1].start))
        complete = not partial and (names_all or _known_partition(same, roles, h)
                                    or (not spread and _residual(same, roles)))
        basis = ("explicit" if complete else "inferred" if spread else "bound") \
            if near else "inferred"
        # (财政总收入A，…一般公共预算收入B，其中税收C、非税D: the 其中 follows B but may be of A;
        # the judge reads both.)
        others = [x for x in siblings if x is not h and x.start < h.start][-2:]
        found.add("sum", {"total": h, "total_alt": others or None, "parts": same},
                  note="" if partial else "exhaustive",
                  basis=basis if len(same) > 1 else "inferred", cue="其中")


def shares(found: Found, roles: Roles, norm: str, figures: list[Figure],
           head_of: dict[str, Figure],
           bound_parts: dict[str, str], segments: list[tuple[int, int, list]]) -> None:
    """占 …%: a part's share of the whole 占 names, else of its 其中 total. Explicit when the
    whole is the figure the text names exactly, or the total the part's own list breaks down."""
    starts = roles.starts
    # 基本支出A，占一般公共预算支出的P%；…项目支出B，占一般公共预算支出的Q%: shares of a
    # whole the text names but never states, by its name.
    unnamed: dict[str, list[tuple[Figure, Figure]]] = {}
    share_of: dict[str, Figure] = {}   # part → the whole of its own share
    carried = (-1, "")                 # where the sentence of the last named whole ends, it
    carries_share: set[str] = set()    # amounts followed by a share of something
    prev_figs: list[Figure] = []
    for s, e, figs in segments:
        prev_figs, seg_prev = figs, prev_figs
        for i, f in enumerate(figs):
            if roles.role[f.id] != "share":
                continue
            m = R.SHARE_LEAD.search(roles.lead[f.id])
            whole_word = (m.group("whole") if m else "").strip()
            # The words before 占 name what the share is of: none (…A万元，占P%), the part
            # itself (税收占比P%: the 税收 amount of the clause), or something with no amount
            # here (常住人口中60岁及以上人口占比P%: no relation).
            subject = R.ITEM_TRIM.sub("", roles.lead[f.id][:m.start()] if m else "")
            bare = R.BARE_SHARE.search(roles.lead[f.id]) if m is None else None
            if bare is not None and carried[0] > f.start:
                # A占X比重为P%，B比重为Q%: B's share is of the X named before in the sentence.
                subject, whole_word = R.ITEM_TRIM.sub("", bare.group("subject")), carried[1]
            elif whole_word:
                end = R.SENTENCE_BREAK.search(norm, f.end)
                carried = (end.start() if end else len(norm), whole_word)
            levels = [x for x in recent(figs, i) if x.kind in SHARE_KINDS
                      and roles.role[x.id] == "level"
                      and not CLOSES_PAREN.search(norm, x.end, f.start)]
            if i == 0 and norm[s:f.start].lstrip().startswith("占") and seg_prev and \
                    not R.SENTENCE_BREAK.search(norm, seg_prev[-1].end, f.start):
                # A万元，增长P%；占X的Q%: the clause goes on with the amount before the ；.
                levels = [x for x in reversed(seg_prev) if x.kind in SHARE_KINDS
                          and roles.role[x.id] == "level"][:1]
            part = levels[0] if levels else None
            if len(subject) >= 2:
                part = next((x for x in levels if len(x.metric) >= 2 and
                             (x.metric in subject or subject in x.metric)), None)
                if part is None and not levels:
                    # 第一产业增加值占地区生产总值比重为P% in a sentence of its own: the amount
                    # of exactly that name stated before, in the paragraph or the one before.
                    part = _named_level(figures, starts, roles, subject, f.start)
            if part is None:
                continue
            carries_share.add(part.id)
            whole = head_of.get(part.id)
            # 占P% naming no whole: of the total the part's list breaks down. When that total
            # is itself a share of a larger one (基本支出48亿元，占比67.7%。其中，人员经费45.7亿元，
            # 占比64.5%), the larger one is as good a reading.
            whole_alt = share_of.get(whole.id) if whole is not None and not whole_word else None
            explicit = not whole_word and part.id in bound_parts and \
                (whole_alt is not None or whole is None or whole.id not in carries_share)
            if whole_word and not without_scope(whole_word):
                continue  # 占全省P%: the province's total is not in the text
            if whole_word:
                # The amount before the part that measures what 占 names, in the scope it
                # names (全县 is not 本级) and of the part's period (an actual is no share of a
                # budget): it wins over the 其中 total when that total measures another thing.
                base, scope = without_scope(whole_word), scope_of(whole_word)

                def names(x: Figure) -> bool:
                    # (占总产值的P% of a 建筑业总产值 the part's list breaks down: its total
                    # named by its head noun.)
                    name = without_scope(x.metric)
                    same = name == base or (x is whole and len(base) >= 2
                                            and name.endswith(base))
                    return same and scope in (None, roles.scope.get(x.id)) and \
                        (roles.role[x.id] == "budget") == (roles.role[part.id] == "budget") and \
                        not R.PER_CAPITA_LEAD.search(roles.lead[x.id])   # (人均地区生产总值)

                at = bisect.bisect_left(starts, part.start)
                # (This paragraph or the one before: a 情况说明 states its total, then breaks it
                # down in the next paragraph.)
                para = roles.line_break_before(part.start, 2)
                before = [x for x in reversed(figures[max(0, at - 200):at])
                          if x.kind == part.kind and x.metric and roles.role[x.id] in STOCKS]
                # Named near the part, the whole is the text's; found further back, a figure
                # of that name may be another year's, area's or fund's.
                near = [x for x in before if x.start > para]
                if whole is not None and names(whole):
                    explicit = True
                else:
                    # (GDP, the whole of a bulletin, is stated once at its top.)
                    far = before if base == "地区生产总值" else before[:60]
                    named = next((x for x in near if names(x)), None) or \
                        next((x for x in far if names(x)), None)
                    if named is not None:
                        whole, explicit = named, named.start > para
                    elif whole is None:
                        # (…其中：⏎A…占X预算P%⏎B…占X预算Q%: the list's later lines name the
                        # total of two lines up or more, when the words name a thing of its own.)
                        top = para if len(R.GENERIC_QUANTITY.sub("", whole_word)) < 2 \
                            else roles.line_break_before(part.start, 4)
                        whole = next((x for x in before if x.start > top and (
                            x.metric in whole_word or whole_word in x.metric)), None)
            if whole is None and whole_word and not R.BUDGET_WORD.search(whole_word):
                # (占年度调整预算的P% is a completion ratio, not a share of a whole.)
                unnamed.setdefault(without_scope(whole_word), []).append((part, f))
            if whole is not None and whole is not part:
                share_of[part.id] = whole
                found.add("share", {"part": part, "whole": whole,
                                    "whole_alt": [whole_alt] if whole_alt else None,
                                    "percent": f},
                          basis="explicit" if explicit else "inferred", cue="占")
    _shares_of_parts(found, roles, unnamed)
    _shares_to_100(found, figures)


SHARE_KINDS = ("money", "count", "area", "other")


def _named_level(figures: list[Figure], starts: list[int], roles: Roles, name: str,
                 before: int) -> Figure | None:
    """The nearest level before `before`, in its paragraph or the one before, whose metric is
    `name` exactly (scope aside)."""
    para = roles.line_break_before(before, 2)
    at = bisect.bisect_left(starts, before)
    for x in reversed(figures[max(0, at - 40):at]):
        if x.start <= para:
            break
        if x.kind in SHARE_KINDS and roles.role[x.id] == "level" and \
                without_scope(x.metric) == without_scope(name):
            return x
    return None


def _shares_of_parts(found: Found, roles: Roles,
                     unnamed: dict[str, list[tuple[Figure, Figure]]]) -> None:
    """Shares of one unstated whole whose parts are the categories of a known partition
    (基本支出 and 项目支出 of 一般公共预算支出): the whole is at least their sum, so a share
    above part ÷ sum is wrong whatever else the whole holds (bound: fails only then)."""
    for pairs in unnamed.values():
        parts = [p for p, _ in pairs]
        if len(pairs) < 2 or len({p.id for p in parts}) < len(parts) or \
                parts[-1].start - parts[0].start > 3000 or \
                not all(same_family(p, parts[0]) for p in parts) or \
                not _known_partition(parts, roles):
            continue
        for part, pct in pairs:
            found.add("share", {"part": part, "whole_parts": parts, "percent": pct},
                      basis="bound", cue="占")


def _shares_to_100(found: Found, figures: list[Figure]) -> None:
    """The shares of one whole that add to exactly 100: a last digit may have been set to make
    them so, which the judge allows (note sum100)."""
    value = {f.id: f.value for f in figures}
    of_whole: dict[str, list[dict]] = {}
    for item in found.items.values():
        if item["type"] == "share" and item["cue"] == "占":
            roles = dict(item["roles"])
            of_whole.setdefault(roles.get("whole", roles.get("whole_parts"))[0],
                                []).append(item)
    for items in of_whole.values():
        total = sum((value[dict(it["roles"])["percent"][0]] for it in items), Decimal(0))
        if len(items) >= 2 and total == 100:
            for it in items:
                it["note"] = ",".join(x for x in (it["note"], "sum100") if x)


STRUCTURE_REACH = 2000  # characters before a structure that its sectors' amounts may start


def structures(found: Found, roles: Roles, norm: str, figures: list[Figure],
               head_of: dict[str, Figure]) -> None:
    """三次产业结构为a:b:c after the sectors' amounts: each part is that sector's share of the
    total they break down. (A structure said to be last year's — 由上年的x:y:z调整为… — is
    not this year's shares.)"""
    runs: list[list[Figure]] = []
    for f in figures:
        if f.rule != "structure":
            continue
        if runs and R.RATIO_COLON.fullmatch(norm[runs[-1][-1].end:f.start]):
            runs[-1].append(f)
        else:
            runs.append([f])
    parts_of: dict[str, list[Figure]] = {}
    for f in figures:
        if f.id in head_of:
            parts_of.setdefault(head_of[f.id].id, []).append(f)
    by_id = {f.id: f for f in figures}
    heads = sorted(((by_id[h], parts) for h, parts in parts_of.items()), key=lambda x: x[0].start)
    head_starts = [h.start for h, _ in heads]
    for k, run in enumerate(runs):
        followed = k + 1 < len(runs) and runs[k + 1][0].start - run[-1].end < 16
        if followed:
            continue  # 由上年的x:y:z调整为…: last year's
        last_year = runs[k - 1] if k and run[0].start - runs[k - 1][-1].end < 16 else None
        if last_year is not None and len(last_year) == len(run) == len(R.SECTORS):
            _structure_changes(found, roles, norm, figures, run, last_year)
        para = max(roles.line_break_before(run[0].start, 2), run[0].start - STRUCTURE_REACH)
        best = None
        # The nearest total before the structure (in its paragraph) with as many parts.
        for i in range(bisect.bisect_left(head_starts, run[0].start) - 1, -1, -1):
            head, parts = heads[i]
            if head.start <= para:
                break
            if len(parts) == len(run) and parts[-1].end <= run[0].start:
                best = (head, parts)
                break
        if best is None:
            continue
        head, parts = best
        # …最终核实2021年生产总值为A，三次产业结构为x:y:z: an amount of the head's kind in the
        # structure's own sentence, after the parts, is the total the structure is of.
        opened = R.SENTENCE_BREAK_BACK.search(norm, max(0, run[0].start - 300), run[0].start)
        since = max(parts[-1].end, opened.end() if opened else 0)
        if any(since <= x.start < run[0].start and same_family(x, head)
               and roles.role.get(x.id) in ("level", "previous", "budget") for x in figures):
            continue
        # 三次产业结构 names its parts: they must be the three sectors, in order (a structure
        # of investment after a list of livestock is not that list's).
        cue = norm[max(0, run[0].start - 16):run[0].start]
        sectors = all(pat.search(_item_name(p, roles) + p.metric)
                      for pat, p in zip(R.SECTORS, parts))
        if "产业" in cue and not (len(parts) == len(R.SECTORS) and sectors):
            continue
        explicit = _known_partition(parts, roles, head) and "产业" in cue
        # Parts that add to exactly 100 may have had a last digit set to make them so.
        sum100 = "sum100" if sum((p.value for p in run), Decimal(0)) == 100 else ""
        for part, pct in zip(parts, run):
            found.add("share", {"part": part, "whole": head, "percent": pct}, note=sum100,
                      basis="explicit" if explicit else "inferred", cue="结构")


def _structure_changes(found: Found, roles: Roles, norm: str, figures: list[Figure],
                       run: list[Figure], last_year: list[Figure]) -> None:
    """…调整为a:b:c，服务业比重提高D个百分点: a change in points of the sector it names,
    in the same sentence, between last year's structure and this year's."""
    end = R.SENTENCE_BREAK.search(norm, run[-1].end)
    stop = end.start() if end else len(norm)
    for f in figures:
        if f.kind != "pp" or not run[-1].end <= f.start < stop:
            continue
        lead = roles.lead[f.id]
        k = next((i for i, pat in enumerate(R.SECTORS) if pat.search(lead)), None)
        if k is None or not R.PP_LEAD.search(lead):
            continue
        found.add("change", {"current": run[k], "previous": last_year[k], "change": f},
                  note="down" if R.DOWN_WORDS.search(lead) else "", basis="explicit",
                  cue="结构")


def parts_by_share(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """其中：⏎A…，占X的P%。⏎B…，占X的Q%。⏎C…: a 其中 list read to its first line only takes in
    the lines right after it that each open with an amount whose share names the same whole in
    the same words: the text binds each to that total."""
    by_id = {f.id: f for f in figures}
    share_of: dict[str, tuple[str, str]] = {}   # part → (whole, the share's words)
    for item in found.items.values():
        ops = dict(item["roles"])
        if item["type"] == "share" and item["cue"] == "占" and "whole" in ops and "part" in ops:
            words = R.ITEM_TRIM.sub("", roles.lead[ops["percent"][0]])
            share_of.setdefault(ops["part"][0], (ops["whole"][0], words))
    for key, item in list(found.items.items()):
        ops = dict(item["roles"])
        if item["type"] != "sum" or set(ops) != {"total", "parts"}:
            continue
        total, parts = ops["total"][0], list(ops["parts"])
        said = {share_of.get(i) for i in parts}
        if len(said) != 1 or None in said or next(iter(said))[0] != total or \
                len(next(iter(said))[1]) < 3:
            continue
        more: list[str] = []
        pos = norm.find("\n", max(by_id[i].end for i in parts))
        while 0 <= pos < len(norm) - 1:
            at = bisect.bisect_left(roles.starts, pos + 1)
            nxt = figures[at] if at < len(figures) else None
            # The line opens with the amount (no figure and no sentence end before it).
            if nxt is None or nxt.id in parts or share_of.get(nxt.id) not in said or \
                    "\n" in norm[pos + 1:nxt.start] or \
                    R.SENTENCE_BREAK.search(norm, pos + 1, nxt.start):
                break
            more.append(nxt.id)
            pos = norm.find("\n", nxt.end)
        if not more:
            continue
        del found.items[key]
        found.add("sum", {"total": by_id[total], "parts": [by_id[i] for i in parts + more]},
                  note=item["note"], basis=item["basis"], cue=item["cue"], group=item["group"])


_QIZHONG = regex.compile(r"其中[：:，,]?")


def change_lists(found: Found, roles: Roles, norm: str,
                 sentences: list[tuple[int, int, list]]) -> None:
    """X比上年减少D，下降P%。其中：A增加a，增长…；B减少b，下降…: a 其中 after a change lists the
    changes of its parts, which add to it (b − a = D). Whether the list is whole the text does
    not say unless its items are a known partition: explicit then, ours otherwise."""
    for k, (s, e, figs) in enumerate(sentences):
        for cue in _QIZHONG.finditer(norm, s, e):
            before = [f for f in figs if f.end <= cue.start()]
            if not before and k > 0 and not norm[s:cue.start()].strip("。；;，, \n"):
                before = sentences[k - 1][2]   # 其中 opening a sentence: of the one before
            total = next((f for f in reversed(before) if roles.role[f.id] != "rate"), None)
            if total is None or roles.role[total.id] != "change":
                continue
            stop = _QIZHONG.search(norm, cue.end(), e)
            after = [f for f in figs if cue.end() <= f.start < (stop.start() if stop else e)]
            parts = [f for f in after if roles.role[f.id] == "change" and same_family(f, total)]
            if len(parts) < 2 or any(roles.role[f.id] not in ("change", "rate") for f in after) \
                    or len({roles.against.get(f.id) for f in parts + [total]}) > 1:
                continue
            up = [c for c in parts if roles.sign.get(c.id, 1) > 0]
            down = [c for c in parts if roles.sign.get(c.id, 1) < 0]
            if roles.sign.get(total.id, 1) < 0:
                up, down = down, up
            if not up:
                continue
            whole = _known_partition(parts, roles, total)
            found.add("sum", {"total": total, "parts": up, "minus": down or None},
                      note="exhaustive" if whole else "",
                      basis="explicit" if whole else "inferred", cue="其中增减")


def class_blocks(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    """（一）一般公共服务（类）⏎1. …（款）…（项）支出A…⏎2. …（项）支出B…: the numbered lines under a
    heading that names a 类 are its 项, and the 类's amount stated before (一般公共服务（类）支出X)
    is their total. Whether the lines list every 项, and whether the amount before is of the
    same funds, is ours: pass or uncertain."""
    starts = roles.starts
    for m in R.CLASS_HEADING.finditer(norm):
        name = m.group("name").strip()
        at = bisect.bisect_left(starts, m.start())
        named = regex.compile(regex.escape(name) + r"(?:支出)?[（(]类[)）](?:支出)?[^，,。；;\d]{0,6}$")
        total = next((f for f in reversed(figures[max(0, at - 200):at]) if f.kind == "money"
                      and roles.role[f.id] in STOCKS
                      and named.search(norm, max(0, f.start - 30), f.start)), None)
        if total is None:
            continue
        parts: list[Figure] = []
        pos = m.end() + 1
        while pos < len(norm):
            end = norm.find("\n", pos)
            end = len(norm) if end < 0 else end
            mark = R.ITEM_MARK.match(norm, pos)
            if mark is not None and mark_family(mark)[0] in ("chinese", "cparen"):
                break   # the next 类, or the next part of the report
            if mark is not None:
                k = bisect.bisect_left(starts, mark.end())
                part = next((f for f in figures[k:k + 6] if f.start < end
                             and same_family(f, total) and roles.role[f.id] in STOCKS), None)
                if part is not None:
                    parts.append(part)
            pos = end + 1
        if len(parts) >= 2:
            found.add("sum", {"total": total, "parts": parts}, basis="inferred", cue="类下各项")
