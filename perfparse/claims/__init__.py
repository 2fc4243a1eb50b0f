"""Finding claims: which figures a document links, how it states the link, and whether the
statement is explicit. Judging them is perfparse.judge's work; nothing here does arithmetic."""
from __future__ import annotations

import bisect
from typing import Sequence

from ..figures import normalise
from ..records import Document, Figure, Relation
from ..rules import relations as R
from ..statements.selfeval import form_grids, read_forms
from ..statements.standard import Recognised
from .base import SEGMENT_END, SENTENCE_END, WINDOW, Found, Roles, spans_with_figures
from .lists import (breakdowns, change_lists, changes_of_parts, class_blocks, numbered_lists,
                    parts_by_share, respective_shares, shares, structures)
from .across import levels_named_before, rates_across_sections
from .definitions import actuals_of_plans, breadths, defined_rates, income_sources, pulls
from .prose import (balances, clause_claims, limits, named_pp_changes, net_balances,
                    nets_of_amounts, plus_totals, surpluses, tail_totals, trade_balances)
from .prose_scores import prose_scores
from .restated import restated_rows
from .selfeval import selfeval_claims
from .statements import statement_claims
from .tables import table_claims

__all__ = ["find_relations"]


def find_relations(doc: Document, figures: tuple[Figure, ...],
                   statements: Sequence[Recognised] = ()) -> tuple[Relation, ...]:
    """Every claim of the text that links its figures; tables are judged in checks.
    `statements` are the standard tables recognised in the document (perfparse.statements)."""
    norm = normalise(doc.text)
    prose = [f for f in figures if f.rule != "cell"]
    roles = Roles(norm, prose)
    found = Found()
    # Only spans that hold figures can hold claims; "the previous sentence" of a 其中 is
    # then the nearest one with figures, even across a line break.
    segments = spans_with_figures(norm, prose, SEGMENT_END)
    sentences = spans_with_figures(norm, prose, SENTENCE_END)
    prose_starts = roles.starts
    head_of, bound_parts = breakdowns(found, roles, norm, prose, sentences)
    for s, e, figs in segments:
        para = roles.line_break_before(s) + 1
        if figs and not norm[para:s].strip() and R.SUBJECTLESS_CHANGE.match(roles.lead[figs[0].id]):
            # (A line that opens with 与上年相比增加D continues the line before.)
            para = roles.line_break_before(para, 2) + 1
        earlier = prose[max(bisect.bisect_left(prose_starts, para),
                            bisect.bisect_left(prose_starts, s) - WINDOW):
                        bisect.bisect_left(prose_starts, s)]
        clause_claims(found, roles, figs, norm, earlier, head_of, bound_parts)
    forms = read_forms(doc, figures)
    table_claims(found, doc, figures, skip=form_grids(forms))
    selfeval_claims(found, forms, figures)
    statement_claims(found, doc, figures, statements)
    for s, e, figs in sentences:
        # The parts of a 其中 are inside a flow already counted: not flows of their own.
        balances(found, roles, [f for f in figs if f.id not in head_of])
    plus_totals(found, roles, norm, sentences, head_of)
    tail_totals(found, roles, norm, sentences, head_of)
    net_balances(found, roles, norm, prose)
    trade_balances(found, roles, norm, prose)
    surpluses(found, roles, norm, prose)
    defined_rates(found, roles, norm, prose)
    nets_of_amounts(found, roles, norm, prose, head_of)
    limits(found, roles, norm, prose)
    named_pp_changes(found, roles, norm, prose, sentences)
    shares(found, roles, norm, prose, head_of, bound_parts, segments)
    parts_by_share(found, roles, norm, prose)
    structures(found, roles, norm, prose, head_of)
    respective_shares(found, roles, norm, prose, sentences)
    rates_across_sections(found, roles, norm, prose)
    levels_named_before(found, roles, prose)
    numbered_lists(found, roles, norm, prose)
    class_blocks(found, roles, norm, prose)
    changes_of_parts(found, roles, prose)
    change_lists(found, roles, norm, sentences)
    income_sources(found, roles, norm, prose)
    breadths(found, roles, norm, prose)
    actuals_of_plans(found, roles, norm, prose)
    pulls(found, roles, norm, prose)
    prose_scores(found, roles, norm, prose)
    restated_rows(found, doc, figures, roles, norm, prose)
    return found.build()
