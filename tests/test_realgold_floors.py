"""The checker against the hand-verified gold of the real documents (corpus/real-gold), per
set, held at the levels it has reached: a change to the rules that costs fail precision,
caught errors or right statuses on real documents fails here, with the misses listed.

Skips where ../shared (or $PERFPARSE_SHARED) is absent: the gold names documents, not text.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from perfparse.realgold import RealScores, evaluate_real

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "real-gold"

# set: (fail precision, errors failed, right status) at least. The precision floor is the
# issue's: an auditor acts on every fail.
FLOORS = {
    "excerpts": (0.95, 0.77, 0.80),
    "files": (0.95, 0.95, 0.88),
    "pages": (0.95, 0.89, 0.80),
}


@functools.lru_cache(maxsize=1)
def _scores(root: str) -> dict[str, RealScores]:
    pytest.importorskip("pypdfium2")
    return evaluate_real(GOLD, root)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_real_gold_floors(real_dir: Path, name: str) -> None:
    scores = _scores(str(real_dir)).get(name)
    assert scores is not None and scores.claims, f"no gold scored for {name}"
    precision, recall, status = FLOORS[name]
    assert not scores.problems, scores.problems[:5]
    assert scores.fail_precision >= precision, scores.false_fails
    assert scores.error_recall >= recall, scores.missed_errors
    assert scores.status_accuracy >= status, \
        f"{scores.right_status}/{scores.claims}; first misses: {scores.wrong_status[:10]}"
