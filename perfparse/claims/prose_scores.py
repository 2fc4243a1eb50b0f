"""Scores a self-evaluation states in its prose rather than in a form:

- 分值A分，(自评)得分B分 in one sentence: the score is within its weight (the text pairs them);
- a numbered block line (1.产出指标：分值30分，得分28分) over numbered sub-lines of another
  numbering ((1)数量指标：分值10分…): the sub-lines' weights, and their scores, make the block's.
  Whether the sub-lines list every indicator the text does not say, so the block sums are ours
  (inferred): they pass or are uncertain, never fail.
"""
from __future__ import annotations

from ..records import Figure
from ..rules import relations as R
from .base import Found, Roles, score_side
from .lists import mark_family

# Numbering ranks, outermost first: a line of a rank at or above the block's ends its sub-lines.
_RANK = {"chinese": 0, "cparen": 1, "arabic": 2, "paren": 3, "circled": 4, "dash": 5}


def prose_scores(found: Found, roles: Roles, norm: str, figures: list[Figure]) -> None:
    pairs: dict[int, tuple[Figure, Figure]] = {}   # line start → its first weight and score
    for i, f in enumerate(figures):
        # The score the sentence gives after the weight (分值10分，经测评满意度为99.1%，…，
        # 自评得分10分): the next score figure, past any measured value.
        nxt = next((x for x in figures[i + 1:i + 5] if x.kind == "score"), None)
        if f.kind != "score" or nxt is None or score_side(roles, f) != "weight" or \
                not R.SCORE_GOT.search(roles.lead[nxt.id]) or \
                R.SCORE_WEIGHT.search(roles.lead[nxt.id]) or \
                R.SENTENCE_BREAK.search(norm, f.end, nxt.start):
            continue
        found.add("score", {"score": nxt, "weight": f}, basis="explicit", cue="分值…得分")
        pairs.setdefault(roles.line_break_before(f.start) + 1, (f, nxt))
    for line, (weight, score) in pairs.items():
        mark = R.ITEM_MARK.match(norm, line)
        if mark is None:
            continue
        rank = _RANK[mark_family(mark)[0]]
        subs: list[tuple[Figure, Figure]] = []
        pos = norm.find("\n", line)
        while 0 <= pos < len(norm) - 1:
            pos += 1
            sub = R.ITEM_MARK.match(norm, pos)
            if sub is not None and _RANK[mark_family(sub)[0]] <= rank:
                break
            if sub is not None and pos in pairs:
                subs.append(pairs[pos])
            pos = norm.find("\n", pos)
        if len(subs) >= 2:
            found.add("sum", {"total": weight, "parts": [w for w, _ in subs]},
                      basis="inferred", cue="分值逐级")
            found.add("sum", {"total": score, "parts": [s for _, s in subs]},
                      basis="inferred", cue="得分逐级")
