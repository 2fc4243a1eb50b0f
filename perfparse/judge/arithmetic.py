"""Each claim recomputed with interval arithmetic from the displayed precision.

A disagreement is not emitted as a fail here: it is handed to perfparse.judge.verdict, which
decides from how the document states the claim whether it may be one.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Callable, Sequence

from ..records import Check, Document, Figure, Relation
from . import verdict
from .intervals import HUNDRED, Interval, exact_for_figures, figure_interval, fmt

_UNIT_SLIPS = (Decimal(10000), Decimal("0.0001"), Decimal(100000000), Decimal("1E-8"),
               Decimal(1000), Decimal("0.001"))
# How an `equal` claim's source is named in its message, by the claim's note.
_EQUAL_WHAT = {"表文": "表中数", "文表": "正文所述同一数", "表间": "另表同一数", "收支平衡": "收入总计",
               "持平": "预算数", "等于": "预算数"}
_UNIT_NAME = {Decimal(1): "元", Decimal(10000): "万元", Decimal(100000000): "亿元",
              Decimal(1000): "千元"}


class _Reading:
    """One way of reading a claim: the expected interval, its point value and the formula.

    `equal` marks a reading as plausible as the first (the text allows both pairings, e.g. a
    change after a 其中 list may be of the last part or of the total): agreeing with it passes.
    """

    def __init__(self, interval: Interval, point: Decimal, formula: str, label: str = "",
                 equal: bool = False):
        self.interval = interval
        self.point = point
        self.formula = formula
        self.label = label
        self.equal = equal


def _iv(f: Figure, sign: int = 1) -> Interval:
    iv = figure_interval(f)
    return iv.neg() if sign < 0 else iv


def _in_unit(v: Decimal, f: Figure) -> str:
    """A base-unit value shown in the unit of figure `f`, at its precision + 2."""
    return fmt(v / f.scale, min(f.decimals + 2, 6)) + f.unit


class _Checker:
    def __init__(self, doc: Document, figures: Sequence[Figure]):
        self.doc = doc
        self.fig = {f.id: f for f in figures}
        self.out: list[Check] = []
        self.savings_base: dict[str, str] = {}
        # Disagreements waiting for the verdict: (check, relation, parts_exceed).
        self.disagreements: list[tuple[Check, Relation, bool | None]] = []
        # Table rows whose other columns add up exactly: their rows are the whole table.
        self.complete_groups: set[str] = set()

    def role(self, r: Relation, name: str) -> Figure | None:
        ids = r.role(name)
        return self.fig[ids[0]] if ids else None

    def roles(self, r: Relation, name: str) -> list[Figure]:
        return [self.fig[i] for i in r.role(name)]

    def emit(self, r: Relation, rule: str, status: str, message: str, reported: Figure | None,
             expected: Decimal | None = None, interval: Interval | None = None,
             places: int = 2) -> None:
        at = reported or self.fig[r.figure_ids[-1]]
        self.out.append(Check(
            id="", rule=rule, status=status, message=message,
            reported=None if reported is None else f"{reported.value:f}",
            expected=None if expected is None else fmt(expected, places + 2),
            expected_interval=None if interval is None else (
                fmt(interval.lo, places + 2), fmt(interval.hi, places + 2)),
            start=at.start, end=at.end, figures=r.figure_ids, relation=r.id, basis=r.basis))

    def disagree(self, r: Relation, rule: str, message: str, reported: Figure | None,
                 expected: Decimal | None = None, interval: Interval | None = None,
                 places: int = 2, parts_exceed: bool | None = None) -> None:
        """A recomputation that does not overlap the reported figure: the verdict decides
        later (once every table row is known) whether it is a fail."""
        self.emit(r, rule, "fail", message, reported, expected, interval, places)
        self.disagreements.append((self.out.pop(), r, parts_exceed))

    def settle(self) -> None:
        """Each disagreement becomes a fail or, where the claim is ours, uncertain."""
        done = frozenset(self.complete_groups)
        for check, r, exceed in self.disagreements:
            if verdict.may_fail(r, exceed, done):
                self.out.append(check)
            else:
                self.out.append(replace(check, status="uncertain", message=(
                    f"{check.message}；{verdict.reason(r, exceed)}，不作为不一致")))
        self.disagreements.clear()

    def judge(self, r: Relation, rule: str, reported: Figure, rep_iv: Interval,
              readings: list[_Reading], what: str, places: int = 2,
              allow_unit_slip: bool = False, parts_exceed: bool | None = None) -> None:
        """Pass when the first reading overlaps; uncertain when only another one does.

        Values are shown in the reported figure's own unit: money computed in 元 is scaled
        back to the 万元 or 亿元 the report wrote.
        """
        if not readings:
            return
        rep_txt = reported.text
        unit = "%" if reported.kind == "percent" else reported.unit
        slip_scale = Decimal(1)
        if reported.kind == "money" or reported.scale != 1:
            # (万吨, 万人 …: shown in the unit written, like 万元.)
            k = slip_scale = reported.scale
            places = reported.decimals + 2
            readings = [_Reading(x.interval.scaled(1 / k), x.point / k, x.formula, x.label,
                                 x.equal) for x in readings]
            rep_iv = rep_iv.scaled(1 / k)
        first = readings[0]
        # A failure shows the tightest of the first two readings (a growth rate: the first).
        shown = first if rule == "growth_rate" else \
            min(readings[:2], key=lambda x: x.interval.hi - x.interval.lo)
        # Intervals one digit finer than the values, so their ends do not round together.
        lo, hi = fmt(shown.interval.lo, places + 1), fmt(shown.interval.hi, places + 1)
        interval_txt = (f"（应在[{lo}, {hi}]{unit}内，报告值区间[{fmt(rep_iv.lo, places + 1)}, "
                        f"{fmt(rep_iv.hi, places + 1)}]{unit}）")
        for rd in readings:
            if (rd is first or rd.equal) and rd.interval.overlaps(rep_iv):
                self.emit(r, rule, "pass", f"{what} {rd.formula}={fmt(rd.point, places)}{unit}，"
                          f"与报告的{rep_txt}相符", reported, rd.point, rd.interval, places)
                return
        for alt in readings[1:]:
            if alt.interval.overlaps(rep_iv):
                self.emit(r, rule, "uncertain",
                          f"{what}按{alt.label}计为 {alt.formula}={fmt(alt.point, places)}{unit}，"
                          f"与报告的{rep_txt}相符；按{first.label or '通常口径'}计应为"
                          f"{fmt(first.point, places)}{unit}", reported, alt.point, alt.interval,
                          places)
                return
        # (Nothing is a unit slip of zero, nor zero a unit slip of anything: a reported 0
        # scaled by 10^4 would take in any small amount.)
        if allow_unit_slip and not first.interval.contains(Decimal(0)) and \
                not rep_iv.contains(Decimal(0)):
            for k in _UNIT_SLIPS:
                if first.interval.overlaps(rep_iv.scaled(k)):
                    base = first.point * slip_scale
                    right = _UNIT_NAME.get(reported.scale * k, "")
                    right_value = fmt(base / (reported.scale * k), reported.decimals)
                    self.disagree(r, "unit",
                                  f"单位疑误：{what}应为{right_value}"
                                  f"{right}（{first.formula}），报告为{rep_txt}", reported,
                                  first.point, first.interval, places)
                    return
        trunc = figure_interval(reported, truncated=True).scaled(1 / slip_scale)
        if first.interval.overlaps(trunc if rep_iv.lo >= 0 else trunc.neg()) and \
                reported.decimals > 0 and rule not in ("threshold",):
            self.emit(r, rule, "uncertain", f"{what}应为 {first.formula}={fmt(first.point, places)}"
                      f"{unit}，报告为{rep_txt}：仅在截尾（而非四舍五入）时相符", reported,
                      first.point, first.interval, places)
            return
        # Rounded twice (50.146 → 50.15 → 50.2): the reading widens a twentieth of a unit
        # away from zero's side; a structure whose parts were set to add to 100 may move its
        # last digit by one. Both are an author's habit, not a disagreement of the numbers.
        ulp = Decimal(1).scaleb(-reported.decimals) * reported.scale / slip_scale
        twice = Interval(rep_iv.lo - ulp / 20, rep_iv.hi) if rep_iv.lo >= 0 else \
            Interval(rep_iv.lo, rep_iv.hi + ulp / 20)
        if first.interval.overlaps(twice) and rule not in ("threshold",):
            self.emit(r, rule, "uncertain", f"{what}应为 {first.formula}={fmt(first.point, places)}"
                      f"{unit}，报告为{rep_txt}：仅在两次舍入（先舍入到多一位）时相符", reported,
                      first.point, first.interval, places)
            return
        if "sum100" in r.note.split(",") and first.interval.overlaps(
                Interval(rep_iv.lo - ulp, rep_iv.hi + ulp)):
            self.emit(r, rule, "uncertain", f"{what}应为 {first.formula}={fmt(first.point, places)}"
                      f"{unit}，报告为{rep_txt}：各项比重合计为100%，末位可能为凑整而调整",
                      reported, first.point, first.interval, places)
            return
        self.disagree(r, rule, f"{what}应为 {shown.formula}={fmt(shown.point, places)}{unit}，"
                      f"报告为{rep_txt}{interval_txt}", reported, shown.point, shown.interval,
                      places, parts_exceed)

    # --- one method per relation type -------------------------------------------------------

    def change(self, r: Relation) -> None:
        cur, prev, chg = self.role(r, "current"), self.role(r, "previous"), self.role(r, "change")
        if chg is None:
            return
        if cur is None or prev is None:
            self.emit(r, "change", "not_assessable",
                      f"{chg.text}的{'预算数' if 'budget' in r.note else '上年数'}未在文中给出，无法核对",
                      chg)
            return
        sign = -1 if r.note.startswith("down") else 1
        readings = [_Reading(_iv(c) - _iv(prev), c.value - prev.value, f"{c.text}−{prev.text}",
                             equal=k > 0)
                    for k, c in enumerate([cur] + self.roles(r, "current_alt"))]
        self.judge(r, "change", chg, _iv(chg, sign), readings, "增减额",
                   allow_unit_slip=True)

    def growth_rate(self, r: Relation) -> None:
        cur, prev = self.role(r, "current"), self.role(r, "previous")
        chg, rate = self.role(r, "change"), self.role(r, "rate")
        if rate is None:
            return
        notes = r.note.split(",")
        rate_sign = -1 if "down" in notes and rate.value > 0 else 1
        chg_sign = -1 if "change_down" in notes else 1
        readings: list[_Reading | None] = []
        bases: list[tuple[Interval, Decimal, str]] = []
        self._growth_readings(cur, prev, chg, chg_sign, readings, bases)
        for alt in self.roles(r, "current_alt"):
            more: list[_Reading | None] = []
            self._growth_readings(alt, prev, chg, chg_sign, more, [])
            for x in more:
                if x is not None:
                    x.equal = True
            readings.extend(more)
        if bases and bases[0][1] == 0:
            if abs(rate.value) == HUNDRED or rate.value == 0:
                # A new item is reported as 增长100% by convention, and 0 from 0 as 增长0%:
                # no disagreement to find.
                self.emit(r, "growth_rate", "not_assessable",
                          f"上年基数为0（{bases[0][2]}），{rate.text}系惯常写法，无法核对", rate)
            else:
                self.disagree(r, "growth_rate",
                              f"上年基数为0（{bases[0][2]}），增长率无从计算，报告为{rate.text}", rate)
            return
        kept = [x for x in readings if x is not None]
        if not kept:
            self.emit(r, "growth_rate", "not_assessable",
                      f"{rate.text}的基数未在文中给出或跨越零，无法核对", rate)
            return
        if readings[0] is None and not any(x.interval.overlaps(_iv(rate, rate_sign))
                                           for x in kept):
            # 公务接待费1万元，比上年增加0.5万元，增长100%: the level's own reading cannot be
            # assessed (its base may be 0 to 1); another level's disagreeing is no fail.
            self.emit(r, "growth_rate", "uncertain",
                      f"{rate.text}按本项计基数跨越零，无法核对；按{kept[0].formula}计为"
                      f"{fmt(kept[0].point, 2)}%，所指可能并非同一项目，不作为不一致", rate)
            return
        self.judge(r, "growth_rate", rate, _iv(rate, rate_sign), kept, "增长率")

    def _growth_readings(self, cur: Figure | None, prev: Figure | None, chg: Figure | None,
                         chg_sign: int, readings: list, bases: list) -> None:
        """The readings of a growth rate from what is stated: level and base, change and base,
        or level and change (the base implied)."""
        if cur is not None and prev is not None:
            bases.append((_iv(prev), prev.value, prev.text))
            readings.append(self._rate(_iv(cur) - _iv(prev), cur.value - prev.value, _iv(prev),
                                       prev.value, f"({cur.text}−{prev.text})÷{prev.text}",
                                       "本年数与上年数"))
        if chg is not None and prev is not None:
            bases.append((_iv(prev), prev.value, prev.text))
            readings.append(self._rate(_iv(chg, chg_sign), chg_sign * chg.value, _iv(prev),
                                       prev.value, f"{chg.text}÷{prev.text}", "增减额与上年数"))
        if chg is not None and cur is not None and prev is None:
            base_iv = _iv(cur) - _iv(chg, chg_sign)
            base = cur.value - chg_sign * chg.value
            bases.append((base_iv, base, fmt(base / cur.scale, cur.decimals) + cur.unit))
            readings.append(self._rate(_iv(chg, chg_sign), chg_sign * chg.value, base_iv, base,
                                       f"{chg.text}÷({cur.text}−{chg.text})"
                                       if chg_sign > 0 else f"{chg.text}÷({cur.text}+{chg.text})",
                                       "隐含上年数"))

    @staticmethod
    def _rate(num: Interval, num_point: Decimal, den: Interval, den_point: Decimal,
              formula: str, label: str) -> _Reading | None:
        if den.lo <= 0 <= den.hi or den_point == 0:
            return None
        return _Reading((num / den).scaled(HUNDRED), num_point / den_point * HUNDRED, formula,
                        label)

    def sum(self, r: Relation) -> None:
        total, parts = self.role(r, "total"), self.roles(r, "parts")
        minus = self.roles(r, "minus")
        if total is None or not parts:
            return
        tot_iv = _iv(total)

        def reading(ps: list[Figure], label: str = "") -> _Reading:
            iv = Interval.point(Decimal(0))
            for p in ps:
                iv = iv + _iv(p)
            for p in minus:
                iv = iv - _iv(p)
            formula = "+".join(p.text for p in ps) + "".join("−" + p.text for p in minus)
            return _Reading(iv, sum((p.value for p in ps), Decimal(0))
                            - sum((p.value for p in minus), Decimal(0)), formula, label)

        def first_parts(target: Interval) -> tuple[int, _Reading | None]:
            """The longest run of first parts (two or more, fewer than all) that makes the
            total: the reading of a list that ends earlier than we read it."""
            for k in range(len(parts) - 1, 1, -1):
                head = reading(parts[:k])
                if head.interval.overlaps(target):
                    return k, head
            return 0, None

        full = reading(parts)
        extra = self.roles(r, "parts_extra")
        if extra and not full.interval.overlaps(tot_iv):
            # 上级补助A，加上年结转B，收入总计C: with the amount of the sentence before, too.
            more = reading(extra + parts)
            if more.interval.overlaps(tot_iv):
                full = more
        if not full.interval.overlaps(tot_iv) and r.basis == "inferred" and r.type == "sum":
            # A list the text does not show whole may end earlier than we read it (…职工医保A；
            # 居民医保B；生育保险C): the first parts that add up exactly are its reading.
            full = first_parts(tot_iv)[1] or full
        if full.interval.overlaps(tot_iv):
            self.emit(r, r.type, "pass", f"分项合计 {full.formula}={_in_unit(full.point, total)}，"
                      f"与总数{total.text}相符", total, full.point, full.interval)
            if r.group and any(p.value for p in parts):
                self.complete_groups.add(r.group)
            return
        other = next((x for x in self.roles(r, "total_alt")
                      if full.interval.overlaps(_iv(x))), None)
        if other is not None:
            # 财政总收入A，…一般公共预算收入B，其中税收C、非税D (C+D = A): the 其中 may be of the
            # total before the one it follows; under that reading the numbers agree.
            self.emit(r, r.type, "uncertain",
                      f"分项合计 {full.formula}={_in_unit(full.point, total)}，与{total.text}不符，"
                      f"而与前文{other.text}相符：所列可能是{other.text}的分项，不作为不一致",
                      total, full.point, full.interval)
            return
        if r.basis == "bound" and r.type == "sum" and full.interval.lo > tot_iv.hi and \
                total.value:   # (zeros make any first parts of a total of 0)
            # 实有62人，其中副高4人…中级工1人，退休职工28人: the list the text names may end
            # before its last parts; when its first parts make the total, that reading agrees.
            k, head = first_parts(tot_iv)
            if head is not None:
                self.emit(r, r.type, "uncertain",
                          f"分项合计应为 {full.formula}={_in_unit(full.point, total)}，报告为"
                          f"{total.text}；前{k}项之和 {head.formula}={_in_unit(head.point, total)}"
                          f"与总数相符，所列可能止于第{k}项，不作为不一致",
                          total, full.point, full.interval)
                return
        self.judge(r, r.type, total, tot_iv, [full], "分项合计", allow_unit_slip=True,
                   parts_exceed=full.interval.lo > tot_iv.hi)

    def share(self, r: Relation) -> None:
        part, whole, pct = self.role(r, "part"), self.role(r, "whole"), self.role(r, "percent")
        parts = self.roles(r, "whole_parts")
        if whole is None and parts and part is not None and pct is not None:
            # A whole the text names but does not state: the sum of its stated parts.
            iv, point = _iv(parts[0]), parts[0].value
            for x in parts[1:]:
                iv, point = iv + _iv(x), point + x.value
            rd = self._rate(_iv(part), part.value, iv, point,
                            f"{part.text}÷({'+'.join(x.text for x in parts)})", "")
            if rd is None:
                self.emit(r, "share", "not_assessable", "各分项合计为0，占比无法核对", pct)
            else:
                # The whole is at least its stated parts: a share above part ÷ their sum is
                # too high under every reading, one below it may be of a larger whole.
                self.judge(r, "share", pct, _iv(pct), [rd], "占比",
                           parts_exceed=_iv(pct).lo > rd.interval.hi)
            return
        if None in (part, whole, pct):
            return
        self._quotient(r, "share", part, [whole] + self.roles(r, "whole_alt"), pct,
                       f"总数{whole.text}为0，占比无法核对", "占比")

    def ratio(self, r: Relation) -> None:
        num, den, pct = (self.role(r, "numerator"), self.role(r, "denominator"),
                         self.role(r, "percent"))
        if None in (num, den, pct):
            return
        self._quotient(r, "ratio", num, [den] + self.roles(r, "denominator_alt"), pct,
                       f"分母{den.text}为0，比率无法核对", "比率")

    def _quotient(self, r: Relation, rule: str, top: Figure, bottoms: list[Figure],
                  pct: Figure, zero: str, what: str) -> None:
        """A percentage as top ÷ bottom, each bottom after the first an equal reading."""
        readings = []
        for k, b in enumerate(bottoms):
            rd = self._rate(_iv(top), top.value, _iv(b), b.value, f"{top.text}÷{b.text}", "")
            if rd is not None:
                rd.equal = k > 0
                readings.append(rd)
        if not readings:
            self.emit(r, rule, "not_assessable", zero, pct)
            return
        self.judge(r, rule, pct, _iv(pct), readings, what)

    def per_capita(self, r: Relation) -> None:
        total, count, per = self.role(r, "total"), self.role(r, "count"), self.role(r, "per_unit")
        if None in (total, count, per) or count.value == 0:
            return
        iv = _iv(total) / _iv(count)
        point = total.value / count.value
        self.judge(r, "per_capita", per, _iv(per),
                   [_Reading(iv, point, f"{total.text}÷{count.text}")], "人均数",
                   allow_unit_slip=True)

    def _savings_readings(self, r: Relation) -> list[_Reading]:
        base, amount = self.role(r, "base"), self.role(r, "amount")
        assert base is not None and amount is not None
        if r.type == "savings_rate":
            alt_iv, alt_pt = _iv(base) + _iv(amount), base.value + amount.value
            alt = (f"{amount.text}÷({base.text}+{amount.text})", "成交额加节约额为基数")
        else:
            alt_iv, alt_pt = _iv(base) - _iv(amount), base.value - amount.value
            alt = (f"{amount.text}÷({base.text}−{amount.text})", "成交额减增价额为基数")
        plain = self._rate(_iv(amount), amount.value, _iv(base), base.value,
                           f"{amount.text}÷{base.text}", "成交额为基数")
        other = self._rate(_iv(amount), amount.value, alt_iv, alt_pt, *alt)
        return [x for x in (plain, other) if x is not None]

    def savings(self, relations: list[Relation]) -> None:
        """Savings and premium rates; a document's consistent rows fix which base it uses."""
        votes = {0: 0, 1: 0}
        for r in relations:
            rate = self.role(r, "rate")
            rds = self._savings_readings(r)
            if rate is None or len(rds) < 2:
                continue
            fits = [rd.interval.overlaps(_iv(rate)) for rd in rds]
            if fits[0] != fits[1]:
                votes[0 if fits[0] else 1] += 1
        prefer = 1 if votes[1] > votes[0] else 0
        for r in relations:
            rate = self.role(r, "rate")
            rds = self._savings_readings(r)
            if rate is None or not rds:
                continue
            if prefer == 1 and len(rds) == 2:
                rds = [rds[1], rds[0]]
            if votes[prefer] > 0 and not rds[0].interval.overlaps(_iv(rate)):
                rds = rds[:1]  # the document's own rows fixed the base: no other reading
            name = "节约率" if r.type == "savings_rate" else "增价率"
            self.judge(r, r.type, rate, _iv(rate), rds, name)

    def threshold(self, r: Relation) -> None:
        value, target = self.role(r, "value"), self.role(r, "target")
        if value is None or target is None:
            return
        v, t = _iv(value), _iv(target)
        if r.note == "le":
            ok, word = v.lo <= t.hi, "不超过"
        else:
            ok, word = v.hi >= t.lo, "达到"
        message = f"{value.text}{word}{target.text}：{'成立' if ok else '不成立'}"
        if ok:
            self.emit(r, "threshold", "pass", message, value, target.value, t)
        else:
            self.disagree(r, "threshold", message, value, target.value, t)

    def balance(self, r: Relation) -> None:
        opening, closing = self.role(r, "opening"), self.role(r, "closing")
        ins, outs = self.roles(r, "inflow"), self.roles(r, "outflow")
        if opening is None or closing is None:
            return
        readings = []
        # (A net whose amounts the text leaves open to several pairings: each pair a reading.)
        for k, (o, out) in enumerate((o, out) for o in [opening] + self.roles(r, "opening_alt")
                                     for out in ([outs] + [[x] for x in
                                                           self.roles(r, "outflow_alt")])):
            iv, point, formula = _iv(o), o.value, o.text
            for f in ins:
                iv, point, formula = iv + _iv(f), point + f.value, formula + "+" + f.text
            for f in out:
                iv, point, formula = iv - _iv(f), point - f.value, formula + "−" + f.text
            readings.append(_Reading(iv, point, formula, equal=k > 0))
        self.judge(r, "balance", closing, _iv(closing), readings, "期末余额",
                   allow_unit_slip=True)

    def direction(self, r: Relation) -> None:
        first, second = self.role(r, "first"), self.role(r, "second")
        if first is None or second is None:
            return
        self.disagree(r, "direction", f"同一指标前称变化{first.text}，后又称反向变化"
                      f"{second.text}，增减方向自相矛盾", second)

    def equal(self, r: Relation) -> None:
        """Two statements of one quantity: a figure of the text and the table's, or the same
        quantity in two tables, or 收入总计 and 支出总计. Any of the sources the claim names
        (a class in two detail tables) may be the one meant."""
        reported = self.role(r, "reported")
        sources = self.roles(r, "source") + self.roles(r, "source_alt")
        if reported is None or not sources:
            return
        what = _EQUAL_WHAT.get(r.note, "对应数")
        readings = [_Reading(_iv(s), s.value, s.text, equal=k > 0) for k, s in enumerate(sources)]
        # A unit slip is read only where the digits could hardly agree by chance.
        digits = len("".join(ch for ch in reported.text if ch.isdigit()).lstrip("0")) >= 3
        self.judge(r, "equal", reported, _iv(reported), readings, what, allow_unit_slip=digits)

    def score(self, r: Relation) -> None:
        got, weight = self.role(r, "score"), self.role(r, "weight")
        if got is None or weight is None:
            return
        ok = _iv(got).lo <= _iv(weight).hi
        message = f"得分{got.text}{'未超过' if ok else '超过了'}分值{weight.text}"
        if ok:
            self.emit(r, "score", "pass", message, got, weight.value, _iv(weight))
        else:
            self.disagree(r, "score", message, got, weight.value, _iv(weight))


_DISPATCH: dict[str, Callable[[_Checker, Relation], None]] = {
    "change": _Checker.change, "growth_rate": _Checker.growth_rate, "sum": _Checker.sum,
    "share": _Checker.share, "ratio": _Checker.ratio, "per_capita": _Checker.per_capita,
    "threshold": _Checker.threshold, "balance": _Checker.balance,
    "direction": _Checker.direction, "table_sum": _Checker.sum, "score": _Checker.score,
    "equal": _Checker.equal,
}


@exact_for_figures   # sums of 30-digit figures are exact, not rounded to 28 digits
def check_relations(doc: Document, figures: Sequence[Figure],
                    relations: Sequence[Relation]) -> tuple[Check, ...]:
    """One check per judgeable relation, ordered by position, with ids c1, c2 …"""
    ch = _Checker(doc, figures)
    for r in relations:
        fn = _DISPATCH.get(r.type)
        if fn is not None:
            fn(ch, r)
    ch.savings([r for r in relations if r.type in ("savings_rate", "premium_rate")])
    ch.settle()
    ordered = sorted(ch.out, key=lambda c: (c.start, c.end, c.relation))
    return tuple(replace(c, id=f"c{i}") for i, c in enumerate(ordered, 1))
