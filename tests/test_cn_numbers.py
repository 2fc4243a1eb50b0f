"""Chinese numerals in every form, checked against cn2an as an independent oracle."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfparse import parse_text
from perfparse.figures import cn_number

cn2an = pytest.importorskip("cn2an", reason="cn2an (the test oracle) is in the test extra")

# (numeral, value): each row is a form a report writes.
CASES = [
    ("零", "0"), ("〇", "0"), ("十", "10"), ("十一", "11"), ("一十一", "11"), ("二十", "20"),
    ("两千", "2000"), ("两万三千", "23000"), ("三百二十万", "3200000"), ("一千零五", "1005"),
    ("三千零五十", "3050"), ("五万零三百", "50300"), ("十万零三", "100003"),
    ("一亿零五百万", "105000000"), ("一亿零五百万零三", "105000003"), ("两亿三千万", "230000000"),
    ("一万亿", "1000000000000"), ("廿", "20"), ("廿五", "25"), ("卅", "30"), ("卅一", "31"),
    ("卌二", "42"), ("一万五", "15000"), ("三千五", "3500"), ("一百一", "110"),
    ("三十点五", "30.5"), ("零点五", "0.5"), ("一点二万", "12000"), ("3万5千", "35000"),
    ("1.2万", "12000"), ("3千5百万", "35000000"), ("1亿零500万", "105000000"),
    ("壹佰贰拾叁", "123"), ("伍仟元", None), ("二〇二三", "2023"), ("一九九八", "1998"),
]
NOT_NUMERALS = ["万", "亿", "十十", "百十百", "三五五十", "一二万", "点", "五点", "点万", ""]


class TestCnNumber:
    @pytest.mark.parametrize("text,value", [c for c in CASES if c[1] is not None])
    def test_cases(self, text, value):
        """Each written form has its value."""
        assert cn_number(text) == Decimal(value)

    @pytest.mark.parametrize("text", NOT_NUMERALS)
    def test_not_numerals(self, text):
        """Strings that are no numeral give None, never a guess."""
        assert cn_number(text) is None

    @settings(max_examples=400, deadline=None)
    @given(st.integers(min_value=0, max_value=10**16 - 1))
    def test_integers_like_cn2an(self, n):
        """Every whole number cn2an writes out reads back as itself."""
        assert cn_number(cn2an.an2cn(n)) == n

    @settings(max_examples=200, deadline=None)
    @given(st.integers(min_value=0, max_value=10**12 - 1))
    def test_financial_capitals(self, n):
        """The 大写 form of receipts (壹贰叁…拾佰仟) reads as the same number."""
        assert cn_number(cn2an.an2cn(n, "up")) == n

    @settings(max_examples=200, deadline=None)
    @given(st.integers(min_value=2, max_value=9), st.integers(min_value=0, max_value=10**8))
    def test_liang_for_two(self, lead, rest):
        """两 where a report writes it (两千, 两万, 两亿) means 二."""
        text = cn2an.an2cn(lead * 10**9 + rest)
        assert cn_number(text.replace("二", "两", 1)) == cn_number(text)

    @settings(max_examples=200, deadline=None)
    @given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=99))
    def test_decimals_like_cn2an(self, whole, frac):
        """三十点五: the fraction after 点, digit by digit."""
        text = cn2an.an2cn(f"{whole}.{frac:02d}")
        assert cn_number(text) == Decimal(str(cn2an.cn2an(text, "normal")))

    @settings(max_examples=300, deadline=None)
    @given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9),
           st.sampled_from(["千", "百"]))
    def test_digits_mixed_with_units_like_cn2an(self, high, low, unit):
        """3万5千 and 12万3百: digits with written units, as cn2an's smart mode reads them."""
        text = f"{high}万{low}{unit}"
        assert cn_number(text) == Decimal(str(cn2an.cn2an(text, "smart")))

    @settings(max_examples=200, deadline=None)
    @given(st.integers(min_value=1900, max_value=2099))
    def test_years_digit_by_digit(self, year):
        """二〇二三 = 2023: a year is written digit by digit, 〇 for zero."""
        text = "".join("〇一二三四五六七八九"[int(d)] for d in str(year))
        assert cn_number(text) == year == cn2an.cn2an(text, "normal")


class TestChineseFigures:
    """Written-out amounts found in text, with their value in 元."""

    @pytest.mark.parametrize("text,surface,value", [
        ("项目总投资一亿零五百万元，", "一亿零五百万元", "105000000"),
        ("拨款3万5千元，", "3万5千元", "35000"),
        ("拨款1亿零500万元。", "1亿零500万元", "105000000"),
        ("共计廿五万元。", "廿五万元", "250000"),
        ("合计伍仟元整。", "伍仟元", "5000"),
        ("安排三百二十万元。", "三百二十万元", "3200000"),
        ("另拨1.2万元。", "1.2万元", "12000"),
    ])
    def test_amounts(self, text, surface, value):
        """The whole written amount is one figure with its value."""
        (figure,) = parse_text(text).figures
        assert (figure.text, figure.value) == (surface, Decimal(value))

    @pytest.mark.parametrize("text", ["二〇二三年预算。", "约三五万元的支出。", "统一元帅。"])
    def test_not_amounts(self, text):
        """A year, an approximate 三五 (three to five) and words with 元 are no figures."""
        assert parse_text(text).figures == ()
