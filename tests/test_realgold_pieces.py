"""Gold operands written as pieces: one figure the text splits into several numerals."""
from decimal import Decimal

from perfparse import realgold as G

# Our own constructed sentence: a thousands-separated total with a stray space after a comma.
TEXT = "收入合计1,200, 300万元，其中甲项1,000,000万元，乙项200,300万元。"


def _at(num: str) -> dict:
    nums = G.numerals(TEXT)
    hit = next(n for n in nums if n.num == num)
    return G.anchor_at(TEXT, hit.start, nums)


def test_split_figure_reads_as_two_numerals():
    assert [n.num for n in G.numerals(TEXT)][:2] == ["1200", "300"]


def test_pieces_join_into_one_operand_value():
    total = {"pieces": [_at("1200"), _at("300")]}
    iv, value = G.operand_interval(total)
    assert value == Decimal("1200300") * 10000
    claim = {"type": "sum", "explicit": True, "status": "pass",
             "operands": {"total": total, "parts": [_at("1000000"), _at("200300")]}}
    assert G.arithmetic_status(claim) == "pass"
    claim["operands"]["parts"][1] = _at("1000000")
    assert G.arithmetic_status(claim) == "fail"


def test_pieces_resolve_to_each_numeral_span():
    nums = G.numerals(TEXT)
    claim = {"type": "sum", "operands": {"total": {"pieces": [_at("1200"), _at("300")]},
                                         "parts": [_at("1000000"), _at("200300")]}}
    spans = G._spans(claim, nums)
    assert [TEXT[s:e] for s, e in spans["total"]] == ["1,200", "300"]


def test_unit_override_with_a_magnitude_scales_the_figure():
    # Constructed: a total in 万户 with a part written in 户.
    text = "共有主体1.25万户，其中甲类1.2万户，乙类500户。"
    nums = G.numerals(text)
    at = {n.num: G.anchor_at(text, n.start, nums) for n in nums}
    assert at["1.25"]["unit"] == "万" and at["500"]["unit"] == "户"
    plain = {"type": "sum", "explicit": True,
             "operands": {"total": at["1.25"], "parts": [at["1.2"], at["500"]]}}
    # The anchor's own 万 (read before 户) scales too, so the plain claim adds up already.
    assert G.arithmetic_status(plain) == "pass"
    scaled = {"type": "sum", "explicit": True,
              "operands": {"total": {**at["1.25"], "unit_override": "万户"},
                           "parts": [{**at["1.2"], "unit_override": "万户"}, at["500"]]}}
    assert G.arithmetic_status(scaled) == "pass"
    assert G.unit_scale("万") == 10000 and G.unit_scale("万户") == 10000
