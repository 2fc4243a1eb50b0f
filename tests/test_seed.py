"""The seed report: every figure of its measures found, and its arithmetic judged."""
from decimal import Decimal

import pytest

EXPECTED = [
    ("337.10万元", "3371000", "万元", "money", 2),
    ("35.1%", "35.1", "%", "percent", 1),
    ("360人", "360", "人", "count", 0),
    ("94元", "94", "元", "money", 0),
    ("69663万元", "696630000", "万元", "money", 0),
    ("7728.712万元", "77287120", "万元", "money", 3),
    ("177.02亿元", "17702000000", "亿元", "money", 2),
    ("1323项", "1323", "项", "count", 0),
]
METRICS = {"337.10万元": "决算收入", "3.39万元": "三公经费支出", "0元": "会议费支出",
           "3万元": "培训费支出", "249.52万元": "财政预算拨款收入"}


class TestSeedFigures:
    @pytest.mark.parametrize("text,value,unit,kind,decimals", EXPECTED)
    def test_figure(self, seed_report, text, value, unit, kind, decimals):
        """A named figure is found with the right value, unit, kind and precision."""
        f = next((f for f in seed_report.figures if f.text == text), None)
        assert f is not None, text
        assert (f.value, f.unit, f.kind, f.decimals) == (Decimal(value), unit, kind, decimals)

    def test_no_years_dates_or_codes(self, seed_report):
        """No year, date, document number or budget code is a figure."""
        for f in seed_report.figures:
            assert "2019" not in f.text and "2010399" not in f.text and "〔" not in f.text
            assert f.value not in (Decimal(2019), Decimal(2020), Decimal(2021)) or f.unit

    @pytest.mark.parametrize("text,metric", sorted(METRICS.items()))
    def test_metrics_of_section_1_3(self, seed_report, text, metric):
        """Money figures of 一(三) are attributed to what they measure."""
        f = next(f for f in seed_report.figures if f.text == text)
        assert f.metric == metric
        assert f.section.startswith("一/(三)")

    def test_meta(self, seed_report):
        """The metadata block is read."""
        m = seed_report.meta
        assert (m["index_no"], m["publisher"], m["published"], m["year"], m["county"]) == (
            "llzwfw-/2021-0706002", "龙陵县政务服务管理局", "2021-07-06", "2020", "龙陵县")


FAILS = {("growth_rate", "69.06%"), ("growth_rate", "150.38%"), ("savings_rate", "33.63%"),
         ("unit", "0.17元")}
PASSES = ["87.57万元", "35.1%", "94元", "99.55%", "3.9%", "5.21%", "33.44%", "190件次",
          "241场次", "94个", "69663万元", "1888.12万元"]


class TestSeedChecks:
    def test_fails_exactly(self, seed_report):
        """Exactly the four known errors fail, each at the span of the reported figure."""
        fails = {(c.rule, seed_report.text[c.start:c.end]) for c in seed_report.checks
                 if c.status == "fail"}
        assert fails == FAILS

    @pytest.mark.parametrize("text", PASSES)
    def test_passes(self, seed_report, text):
        """Consistent claims pass (within rounding), never fail."""
        judged = [c for c in seed_report.checks if seed_report.text[c.start:c.end] == text]
        assert any(c.status == "pass" for c in judged), judged
        assert not any(c.status == "fail" for c in judged), judged

    def test_growth_message_shows_recomputation(self, seed_report):
        """The 三公 failure explains itself: 0.84 ÷ 2.55 = 32.94%."""
        c = next(c for c in seed_report.checks if seed_report.text[c.start:c.end] == "69.06%")
        assert "32.94%" in c.message and "0.84万元" in c.message
        assert c.expected_interval is not None
