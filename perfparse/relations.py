"""Relations: claims that link figures (placeholder until the relation finder lands)."""
from __future__ import annotations

from .records import Document, Figure, Relation


def find_relations(doc: Document, figures: tuple[Figure, ...]) -> tuple[Relation, ...]:
    return ()
