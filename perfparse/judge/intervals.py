"""Interval arithmetic on Decimals: what a displayed figure can stand for, and what follows."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Callable, Iterable, TypeVar

from ..records import Figure

HUNDRED = Decimal(100)
# The decimal module's default precision, enough for every amount reports ordinarily write.
DEFAULT_PRECISION = 28
# Digits beyond the span of the figures' own digits: scales up to 10^12 (万亿元), carries of
# long sums, and the quotient digits of rates.
_GUARD_DIGITS = 20
_F = TypeVar("_F", bound=Callable)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval [lo, hi].

    >>> (Interval.of("337.10", 2) - Interval.of("249.52", 2)).contains(Decimal("87.57"))
    True
    """
    lo: Decimal
    hi: Decimal

    @staticmethod
    def of(value, decimals: int, scale: Decimal = Decimal(1)) -> "Interval":
        v = Decimal(value)
        half = Decimal(5).scaleb(-decimals - 1) * scale
        return Interval(v - half, v + half)

    @staticmethod
    def point(value) -> "Interval":
        v = Decimal(value)
        return Interval(v, v)

    def __add__(self, o: "Interval") -> "Interval":
        return Interval(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: "Interval") -> "Interval":
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __mul__(self, o: "Interval") -> "Interval":
        p = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Interval(min(p), max(p))

    def __truediv__(self, o: "Interval") -> "Interval":
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError("interval divisor spans zero")
        with localcontext() as ctx:
            ctx.prec = max(ctx.prec, 34)   # never below the figures' working precision
            q = (self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi)
        return Interval(min(q), max(q))

    def scaled(self, k: Decimal) -> "Interval":
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def neg(self) -> "Interval":
        return Interval(-self.hi, -self.lo)

    def overlaps(self, o: "Interval") -> bool:
        return self.lo <= o.hi and o.lo <= self.hi

    def contains(self, v: Decimal) -> bool:
        return self.lo <= v <= self.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


def figure_interval(f: Figure, truncated: bool = False) -> Interval:
    """What a figure stands for: ±half a unit of its last digit (or [v, v+1 unit) if truncated).

    Ranges and 多/余 amounts widen to what they say; approximate amounts to ±10%. A whole
    number of things or points (360人, 得分14) is exact: nothing was rounded to write it.
    """
    if f.qualifier == "range" and f.value_max is not None:
        return Interval(f.value, f.value_max)
    if f.kind in ("count", "score") and f.decimals == 0 and f.scale == 1 and not f.qualifier:
        return Interval(f.value, f.value)
    half = f.half_ulp
    step = half * 2
    if f.qualifier == "more":
        return Interval(f.value, f.value * 2)
    if f.qualifier == "approx":
        spread = abs(f.value) / 10 + half
        return Interval(f.value - spread, f.value + spread)
    if truncated:
        # [v, v + step): the far end is open, so a reading that only touches it is no match.
        far = step - step.scaleb(-9)
        return Interval(f.value, f.value + far) if f.value >= 0 else \
            Interval(f.value - far, f.value)
    return Interval(f.value - half, f.value + half)


def working_precision(figures: Iterable[Figure]) -> int:
    """Decimal digits that keep sums and differences of these figures exact.

    The default 28 unless a figure is written with more digits than that (a 30-digit number
    in a 其中 list), which the default context would round or refuse to quantize.

    >>> from perfparse import parse_text
    >>> working_precision(parse_text("收入3.5万元").figures)
    28
    >>> working_precision(parse_text("收入" + "9" * 40 + ".25万元").figures) > 40
    True
    """
    hi, lo = 0, 0
    for f in figures:
        for v in (f.value, f.value_max, f.half_ulp):
            if v is not None and v.is_finite() and v:
                hi = max(hi, v.adjusted())
                lo = min(lo, int(v.as_tuple().exponent))
    span = hi - lo + 1
    return DEFAULT_PRECISION if span + 8 <= DEFAULT_PRECISION else span + _GUARD_DIGITS


def exact_for_figures(fn: _F) -> _F:
    """Run `fn(doc, figures, …)` in a Decimal context precise enough for its figures."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        figures = kwargs["figures"] if "figures" in kwargs else args[1]
        with localcontext() as ctx:
            ctx.prec = max(ctx.prec, working_precision(figures))
            return fn(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


def fmt(v: Decimal, places: int = 2) -> str:
    """A decimal rounded for a message.

    >>> fmt(Decimal("32.941176"), 2), fmt(Decimal("-0"), 0)
    ('32.94', '0')
    >>> fmt(Decimal("1" * 40 + ".5"), 0)
    '1111111111111111111111111111111111111112'
    """
    q = Decimal(1).scaleb(-places)
    with localcontext() as ctx:
        # quantize() refuses a result longer than the precision: give it the room it needs.
        ctx.prec = max(ctx.prec, v.adjusted() + places + 2) if v.is_finite() else ctx.prec
        r = v.quantize(q)
    if r == 0:
        r = abs(r)
    return f"{r:f}"
