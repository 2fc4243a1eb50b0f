"""The one place that decides whether a claim whose arithmetic disagrees may end as `fail`.

An auditor acts on every fail, so a fail must mean that the document's own numbers disagree
under every reading its text allows. The arithmetic (perfparse.judge.arithmetic) says only
whether the recomputation overlaps the reported figure; whether the *claim* is the document's
or ours decides the status:

- explicit: the text binds the operands (合计, 分别为, 占 + the named whole, a level and its
  比上年 change in one sentence, a known complete partition, a table row whose columns are
  shown complete): a disagreement is a `fail`.
- bound: a breakdown whose total the text names but whose completeness it does not show
  (X，其中 A、B): parts that *exceed* the total fail; parts that fall short may be a partial
  list, so `uncertain`.
- inferred: the pairing is ours (nearest figures, a name matched across sentences): a
  disagreement is `uncertain`, with the reason.
"""
from __future__ import annotations

from ..records import Relation

# Why an inferred or bound claim that does not add up is not a fail, by relation type.
_REASONS = {
    "sum": "所列分项可能不全，或并非该总数的分项",
    "table_sum": "表中可能有嵌套或未列的行",
    "share": "占比的分母由上下文推断，可能并非文中所指的总数",
    "ratio": "比率的分子分母由上下文推断",
    "change": "增减额所对应的本年数与上年数由上下文推断",
    "growth_rate": "增长率的基数由上下文推断",
    "per_capita": "人均数的总额与人数由上下文推断",
    "balance": "期初、期末之间可能还有未列的增减",
    "threshold": "目标值与实际值的配对由上下文推断",
    "direction": "两处增减所指可能并非同一项目",
    "score": "得分与分值的配对由表格推断",
    "equal": "两处数字是否同一口径由上下文推断",
}
_SHORT = "所列分项合计小于总数，所列可能不全"
_SHARE_LOW = "总数未在文中给出，可能大于所列分项之和"


def may_fail(relation: Relation, parts_exceed: bool | None = None,
             complete_groups: frozenset[str] = frozenset()) -> bool:
    """Whether a disagreement on this claim is a fail (see the module docstring).

    `parts_exceed` is True for a breakdown whose parts add up to more than its total, False
    when they fall short, None for other claims; `complete_groups` are the table rows whose
    other columns add up exactly, which shows the rows listed are the whole table.

    >>> from perfparse.records import Relation
    >>> listed = Relation("r1", "sum", (), 0, 1, basis="bound")
    >>> may_fail(listed, parts_exceed=True), may_fail(listed, parts_exceed=False)
    (True, False)
    """
    if relation.basis == "explicit":
        return True
    if relation.group and relation.group in complete_groups:
        return True
    return relation.basis == "bound" and parts_exceed is True


def reason(relation: Relation, parts_exceed: bool | None = None) -> str:
    """Why a disagreement on this claim stays uncertain, in the report's language."""
    if relation.type in ("sum", "table_sum") and parts_exceed is False:
        return _SHORT if relation.type == "sum" else _REASONS["table_sum"]
    if relation.type == "share" and parts_exceed is False:
        return _SHARE_LOW
    return _REASONS.get(relation.type, "关系由上下文推断")
