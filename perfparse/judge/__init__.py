"""Judging claims: interval arithmetic on each claim found (arithmetic.py), and the one place
that decides whether a disagreement may be a fail (verdict.py). Nothing here finds claims."""
from .arithmetic import check_relations
from .cross_year import cross_year_checks

__all__ = ["check_relations", "cross_year_checks"]
