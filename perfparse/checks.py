"""Checks (placeholder until the validator lands)."""
from __future__ import annotations

from .records import Check, Document, Figure, Relation


def check_relations(doc: Document, figures: tuple[Figure, ...],
                    relations: tuple[Relation, ...]) -> tuple[Check, ...]:
    return ()
