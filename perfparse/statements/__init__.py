"""The genre's standard tables: their structure as published (layout), the 决算/预算 and 自评表
tables recognised and typed (standard), which are present (completeness), and 科目编码 against
their names (codes)."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..records import Document, Figure, Finding, TypedTable
from .codes import code_findings
from .completeness import completeness
from .standard import Recognised, recognise, typed

__all__ = ["read_statements", "Recognised"]


def read_statements(doc: Document, figures: Sequence[Figure]
                    ) -> tuple[list[Recognised], tuple[TypedTable, ...], tuple[Finding, ...]]:
    """The standard tables of a document (as recognised, and typed) and the findings on them:
    which are present, stated empty or missing, and codes whose names disagree."""
    found = recognise(doc, figures)
    tables = typed(found)
    findings = completeness(doc, tables) + code_findings(doc)
    return found, tables, tuple(replace(f, id=f"n{i}") for i, f in enumerate(findings, 1))
