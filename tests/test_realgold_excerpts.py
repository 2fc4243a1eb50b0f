"""The hand-verified gold of the real excerpts holds together: its anchors resolve against the
reader's text of today, and every stated status follows from the arithmetic under the house
rule (corpus/real-gold/README.md) or is one of the two deliberate exceptions the rule allows."""
import json
from pathlib import Path

import pytest

from perfparse import realgold as G
from perfparse.readers import read_path

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted(p for folder in ("excerpts", "files")
              for p in (ROOT / "corpus" / "real-gold" / folder).glob("*.gold.json"))


def _anchor(num: str, unit: str = "", **extra) -> dict:
    return {"num": num, "unit": unit, "ctx": "00000000", "k": 0, "at": 0, **extra}


def test_share_of_a_whole_given_by_its_parts():
    """A list as the whole is the sum of its figures: 30 of (30 + 90) is 25%, not 33.3%."""
    claim = {"type": "share", "explicit": True, "operands": {
        "part": _anchor("30", "元"), "whole": [_anchor("30", "元"), _anchor("90", "元")],
        "percent": _anchor("25.00", "%")}}
    assert G.arithmetic_status(claim) == "pass"
    claim["operands"]["percent"] = _anchor("33.33", "%")
    assert G.arithmetic_status(claim) == "fail"


def test_multiplier_before_a_count_unit_scales():
    """83.78万 (人) is 837800 persons, so a per-capita figure in 元 comes out right."""
    claim = {"type": "per_capita", "explicit": True, "operands": {
        "total": _anchor("243.8", "亿元"), "count": _anchor("83.78", "万"),
        "per_unit": _anchor("29100", "元")}}
    assert G.arithmetic_status(claim) == "pass"


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name)
def test_gold_file_resolves_and_agrees_with_arithmetic(path, real_dir):
    gold = json.loads(path.read_text("utf-8"))
    assert gold["coverage"] in ("all", "prose")
    text = read_path(real_dir / gold["real_path"]).text
    nums = G.numerals(text)
    for claim in gold["claims"]:
        for role, ops in claim["operands"].items():
            for op in ops if isinstance(ops, list) else [ops]:
                assert G.resolve(op, nums) is not None, f"{claim['id']} {role} does not resolve"
        assert claim["status"] in G.STATUSES
        if claim.get("error"):
            assert claim["status"] == "fail" and claim["explicit"], claim["id"]
        should = G.expected_status(claim)
        if should is None or should == claim["status"]:
            continue
        # The two exceptions the house rule allows: an explicit figure that is off under
        # rounding but right under truncation (or a forced total) is uncertain, not fail.
        assert (should, claim["status"]) == ("fail", "uncertain"), claim["id"]
        assert "truncat" in claim["why"], claim["id"]
