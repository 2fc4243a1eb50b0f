"""功能分类科目编码 against their names: a row whose code and name disagree with the published
classification (perfparse/rules/function_codes.txt) is reported as a finding."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex

from ..records import Document, Finding
from ..rules import statements as S
from .layout import grids, layout_of

_NOISE = regex.compile(r"[\s（）()“”\"'‘’、·—\-]+")


@lru_cache(maxsize=1)
def classification() -> dict[str, tuple[str, ...]]:
    """Code → the names it has had (newest first), from the rules data file."""
    text = resources.files("perfparse.rules").joinpath("function_codes.txt").read_text("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, names = line.partition("\t")
        out[code.strip()] = tuple(n.strip() for n in names.split("|") if n.strip())
    return out


def _squeeze(name: str) -> str:
    return _NOISE.sub("", name)


def name_fits(code: str, name: str) -> bool | None:
    """Whether `name` is a name the classification gives `code` (None: code not listed).

    A name cut short by the table, or written with the 类 before it, still fits.

    >>> name_fits("2010601", "行政运行"), name_fits("2010601", "住房公积金"), name_fits("2019999", "x")
    (True, False, None)
    """
    known = classification().get(code)
    if not known:
        return None
    got = _squeeze(name)
    if not got:
        return None
    for want in map(_squeeze, known):
        if got == want or (len(got) >= 4 and (got in want or want in got)):
            return True
    return False


def code_findings(doc: Document) -> list[Finding]:
    """One finding per table row whose 功能分类 code and name disagree (in any table)."""
    out = []
    seen: set[tuple[str, str]] = set()
    for grid in grids(doc):
        for side in layout_of(doc, grid).sides:
            for p in side.rows:
                if not p.code.startswith("2") or (p.code, p.name) in seen:
                    continue
                if name_fits(p.code, p.name) is False:
                    seen.add((p.code, p.name))
                    row = grid.rows[p.row]
                    start, end = row[0].start, row[-1].end
                    out.append(Finding("", "code", "mismatch", p.code, S.MSG_CODE.format(
                        code=p.code, expected=classification()[p.code][0], got=p.name),
                        start, end))
    return out
