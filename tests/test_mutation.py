"""Mutation test: change one figure of a consistent claim and the checks must notice."""
from pathlib import Path

import pytest

from perfparse.evaluate import mutation_scores

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def scores():
    return mutation_scores(CORPUS, trials=400, seed=20261127)


class TestMutation:
    def test_mutations_are_failed(self, scores, capsys):
        """At least 95% of single-figure changes beyond rounding are failed at that figure."""
        with capsys.disabled():
            print(f"\nmutation detection {scores.detection_rate:.3f} over {scores.trials} trials; "
                  f"false-fail rate on unchanged text {scores.false_fail_rate:.3f} "
                  f"({scores.fails_unchanged}/{scores.checks_unchanged})")
        assert scores.trials == 400
        assert scores.detection_rate >= 0.95, scores.missed[:20]

    def test_unchanged_text_rarely_fails(self, scores):
        """At most 1% of the checks on the unchanged consistent documents fail."""
        assert scores.checks_unchanged >= 50
        assert scores.false_fail_rate <= 0.01

    def test_seeded(self):
        """The same seed gives the same trials and the same verdicts."""
        a = mutation_scores(CORPUS, trials=40, seed=7)
        b = mutation_scores(CORPUS, trials=40, seed=7)
        assert (a.caught, a.missed) == (b.caught, b.missed)
