"""Claims across the parts of a report: a plan's rate or change over last year's outturn
stated in an earlier part, and a change of an item whose level an earlier sentence states.
Each pairs figures by the words that name them, so each is ours (inferred)."""
from __future__ import annotations

from ..records import Figure
from ..rules import relations as R
from .base import Found, Roles, change_note, same_family


def rates_across_sections(found: Found, roles: Roles, norm: str,
                          figures: list[Figure]) -> None:
    """…2026年市本级收入40.55亿元，增长5%: a rate whose base no sentence of its own states is,
    in budget reports, of last year's outturn of the same quantity, stated once in the part
    before (市本级收入38.64亿元). Paired by the quantity's name and scope: our reading. A
    change so stated (…收入A，比上年增收D) is of that outturn too."""
    used = {i for item in found.items.values() if item["type"] == "growth_rate"
            for role, ids in item["roles"] if role == "rate" for i in ids}
    seen: dict[tuple, Figure] = {}   # (name, scope, kind, unit) → the latest level so named
    scopes = _paragraph_scopes(roles, figures)
    prev_name = ("", -1)   # the last quantity named, and where its sentence ends
    para, against_budget = -1, False
    for f, nxt in zip(figures, figures[1:]):
        if roles.line_break_before(f.start) != para:
            para, against_budget = roles.line_break_before(f.start), False
        # 支出A，比2025年预算增长P（下同）：…B，增长Q: the paragraph compares with the budget.
        against_budget = against_budget or roles.against.get(f.id) == "budget" or (
            roles.role[f.id] in ("rate", "change") and bool(R.BUDGET_WORD.search(roles.lead[f.id])))
        name = _quantity_name(f, roles)
        if name:
            stop = R.SENTENCE_BREAK.search(norm, f.end)
            prev_name = (name, stop.start() if stop else len(norm))
        elif roles.role[f.id] == "level" and f.start < prev_name[1]:
            # X收入年初预算为A，实际完成B: the amount done is of the quantity the clause named.
            name = prev_name[0]
        if not name or roles.role[f.id] not in ("level", "budget") or \
                f.kind not in ("money", "count"):
            continue
        key = (name, scopes[f.id], f.kind, f.unit.lstrip("万亿千"))
        # (A budget is compared with last year's outturn, never taken for one.)
        base = seen.get(key)
        if roles.role[f.id] == "level":
            seen[key] = f
        if base is None or R.BUDGET_WORD.search(roles.lead[nxt.id]) or against_budget or \
                roles.against.get(nxt.id) == "budget" or \
                R.SENTENCE_BREAK.search(norm, f.end, nxt.start) or \
                _part(base) == _part(f) or not _plausible_base(base, f):
            continue  # (in one part, last year's level would be named as such)
        if roles.role[nxt.id] == "change" and same_family(nxt, f) and \
                R.COMPARISON_CUE.search(roles.lead[nxt.id]) and \
                roles.against.get(nxt.id) != "budget":
            # The change the text binds to the level, now with the base it left unstated (in
            # place of the claim without it).
            for key in [k for k, it in found.items.items() if it["type"] == "change"
                        and dict(it["roles"]).get("change") == (nxt.id,)
                        and "previous" not in dict(it["roles"])]:
                del found.items[key]
            found.add("change", {"current": f, "previous": base, "change": nxt},
                      note=change_note(roles, nxt), basis="inferred", cue="上年执行数")
            continue
        if nxt.id in used or roles.role[nxt.id] != "rate":
            continue
        found.add("growth_rate", {"current": f, "previous": base, "rate": nxt},
                  note="down" if roles.sign.get(nxt.id, 1) < 0 else "",
                  basis="inferred", cue="上年执行数")


def _paragraph_scopes(roles: Roles, figures: list[Figure]) -> dict[str, str | None]:
    """Each figure's scope, or where its sentence names none, the scope named last before it
    in its paragraph (全市收入A。支出B: both 全市)."""
    out: dict[str, str | None] = {}
    para, last = -1, None
    for f in figures:
        here = roles.line_break_before(f.start)
        if here != para:
            para, last = here, None
        last = roles.scope.get(f.id) or last
        out[f.id] = last
    return out


def _plausible_base(base: Figure, level: Figure) -> bool:
    """Last year's outturn of what a budget plans: not the same figure restated, and within
    a factor of five of it (a wider gap means another quantity of the same name)."""
    a, b = base.value * base.scale, level.value * level.scale
    return a > 0 and b > 0 and a != b and a / 5 <= b <= a * 5


def _part(f: Figure) -> str:
    """The top-level part of the report a figure is in (一, 二 … of its section path)."""
    return f.section.split("/", 1)[0]


def _quantity_name(f: Figure, roles: Roles) -> str:
    """What an amount measures, for matching across parts: the words that name it before the
    figure (全市政府性基金预算收入完成: 政府性基金收入), without scope, year, note marks, the
    words of doing (完成, 安排, 计划 …) and 预算 (a fund's 预算收入 is its 收入); empty when
    they name no quantity of its own (预算收入, 支出, 实际完成)."""
    lead = R.SCOPE_WORD.sub("", R.QUANTITY_NOISE.sub("", roles.lead[f.id]))
    run = R.NAME_RUN.search(lead)
    name = run.group().lstrip("年").replace("预算", "") if run else ""
    return name if len(R.GENERIC_QUANTITY.sub("", name)) >= 2 else ""


def levels_named_before(found: Found, roles: Roles, figures: list[Figure]) -> None:
    """X支出决算为A…（a later paragraph）X支出决算比上年减少D，下降P%: a rate whose change names
    an item stated before, in its part, and no level of its own, is of that item's level. Paired
    by the item's name across sentences: our reading."""
    index = {f.id: i for i, f in enumerate(figures)}
    by_id = {f.id: f for f in figures}
    for key, item in list(found.items.items()):
        ops = dict(item["roles"])
        if item["type"] != "growth_rate" or "current" in ops or "previous" in ops or \
                "change" not in ops:
            continue
        chg = by_id.get(ops["change"][0])
        if chg is None:
            continue
        name = R.CHANGE_ITEM_NOISE.sub("", roles.lead[chg.id])
        if len(name) < 5:
            continue
        i = index[chg.id]
        level = next((x for x in reversed(figures[max(0, i - 80):i])
                      if roles.role[x.id] == "level" and same_family(x, chg)
                      and _part(x) == _part(chg) and _same_item(x.metric, name)), None)
        if level is None:
            continue
        del found.items[key]
        found.add("growth_rate", {"current": level, "change": chg,
                                  "rate": [by_id[k] for k in ops["rate"]]},
                  note=item["note"], basis="inferred", cue="前文同名项目")


def _same_item(metric: str, name: str) -> bool:
    """The level's name and the change's item are one: equal, or one the other with a
    generic tail (…财政拨款 / …财政拨款支出), or the longer one ending with the shorter."""
    metric = R.CHANGE_ITEM_NOISE.sub("", metric)
    short, long_ = sorted((metric, name), key=len)
    if len(short) < 5:
        return False
    if long_.startswith(short):
        return bool(R.ITEM_GENERIC_TAIL.match(long_[len(short):]))
    return long_.endswith(short) and len(short) >= 6
