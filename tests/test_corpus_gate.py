"""The evaluation gate: precision and recall on our gold corpus must not fall below the floors."""
from pathlib import Path

import pytest

from perfparse.evaluate import GATED_KINDS, evaluate_corpus

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# Pinned floors: raise them when the parser improves; never lower them silently.
PRECISION_FLOOR = 0.99
RECALL_FLOOR = 0.98


@pytest.fixture(scope="module")
def scores():
    return evaluate_corpus(CORPUS)


class TestCorpusGate:
    def test_corpus_is_large_enough(self, scores):
        """The gate runs over at least 12 documents with gold."""
        assert scores.documents >= 12

    @pytest.mark.parametrize("kind", GATED_KINDS)
    def test_precision(self, scores, kind):
        """Few figures we report are wrong."""
        assert scores.precision(kind) >= PRECISION_FLOOR, scores.false_positives

    @pytest.mark.parametrize("kind", GATED_KINDS)
    def test_recall(self, scores, kind):
        """Few gold figures are missed."""
        assert scores.recall(kind) >= RECALL_FLOOR, scores.false_negatives

    def test_no_not_figure_is_read(self, scores):
        """No string the gold marks as not-a-figure becomes one."""
        assert scores.not_figures_found == []

    def test_planted_errors_failed(self, scores):
        """Nearly every planted error is failed at its span."""
        assert scores.planted >= 10
        assert scores.planted_caught / scores.planted >= 0.9, scores.planted_missed

    def test_error_documents_fail_only_at_planted_errors(self, scores):
        """Documents with planted errors have no other fail."""
        assert len(scores.unplanned_fails) <= 1, scores.unplanned_fails

    def test_consistent_documents_do_not_fail(self, scores):
        """At most one false failure across all consistent documents."""
        assert len(scores.fails_in_consistent) <= 1, scores.fails_in_consistent

    def test_planted_findings_reported(self, scores):
        """Every planted finding (a missing standard table, a mismatched 科目编码) is reported."""
        assert scores.planted_findings >= 2
        assert scores.findings_missed == []

    def test_no_unplanned_findings(self, scores):
        """No table is reported missing and no code mismatched where none was planted."""
        assert scores.unplanned_findings == []
