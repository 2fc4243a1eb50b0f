"""Metric naming: the noun phrase a figure measures, from a finance dictionary, then jieba."""
from __future__ import annotations

import functools
from importlib import resources

import regex

from .rules.metric_words import CHANGE_CUE, GENERIC, LEADING, QUOTES, TRAILING

# Right-to-left searches for the nearest boundary before a figure.
_CLAUSE_END = regex.compile(r"(?r)[，,。；;：:！？!?\n（()）|]")
_SENTENCE_END = regex.compile(r"(?r)[。；;！？!?\n]")
_FIGURE_LIKE = regex.compile(r"\d[\d.,，]*[^\d\s，,。；;]{0,4}")
_PUNCT = regex.compile(r"[\p{P}\p{S}\s]+")
_QUOTE_TABLE = str.maketrans("", "", QUOTES)
_MAX_CLAUSE = 60


@functools.lru_cache(maxsize=1)
def dictionary() -> tuple[str, ...]:
    text = resources.files("perfparse.rules").joinpath("metrics.txt").read_text("utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@functools.lru_cache(maxsize=1)
def _terms() -> regex.Pattern:
    words = sorted(dictionary(), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in words))


@functools.lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    for w in dictionary():
        tk.add_word(w, freq=200000)
    return tk


@functools.lru_cache(maxsize=4096)
def name_of(clause: str) -> str:
    """The metric named by the words before a figure.

    >>> name_of("2020年决算收入"), name_of("其中财政拨款收入"), name_of("窗口工作人员")
    ('决算收入', '财政拨款收入', '窗口工作人员')
    """
    clause = clause.translate(_QUOTE_TABLE).strip()
    found = list(_terms().finditer(clause))
    if found:
        # The term and the words that narrow it (政府采购 + 货物支出), up to the figure.
        term = found[-1].group()
        tail = TRAILING.sub("", clause[found[-1].start():])
        # (Trailing words may end the term itself: 支出总计 is not 支出 + 总计.)
        return tail if len(term) <= len(tail) <= len(term) + 8 else term
    cleaned = TRAILING.sub("", LEADING.sub("", clause))
    if len(cleaned) <= 12:
        return cleaned
    words = [w for w in _jieba().lcut(cleaned, HMM=False) if w.strip() and not _PUNCT.fullmatch(w)]
    tail = ""
    for w in reversed(words):
        if len(tail) + len(w) > 10:
            break
        tail = w + tail
    return LEADING.sub("", tail) or tail or cleaned[-10:]


class MetricNamer:
    """Names the metric of each figure of one text, using the clause and the sentence."""

    def __init__(self, norm: str):
        self.norm = norm

    def _back(self, start: int, stops: regex.Pattern, limit: int) -> int:
        """Just after the last stop character before `start`, at most `limit` back."""
        lo = max(0, start - limit)
        m = stops.search(self.norm, lo, start)
        return m.end() if m else lo

    def clause(self, start: int, prev_end: int = 0) -> tuple[str, bool]:
        """The words between the previous boundary (or figure) and `start`; is it a change?"""
        begin = max(self._back(start, _CLAUSE_END, _MAX_CLAUSE), prev_end)
        text = self.norm[begin:start]
        return text, bool(CHANGE_CUE.search(text.rstrip()))

    def name(self, start: int, clause: str, is_change: bool) -> str:
        """The metric of the figure at `start`, given its clause from `clause()`."""
        local = name_of(clause)
        if local and not is_change and local not in GENERIC:
            return local
        # A change, a rate or a vague word: the sentence's subject is what is measured.
        s_begin = self._back(start, _SENTENCE_END, 200)
        head = self.norm[s_begin:start].translate(_QUOTE_TABLE)
        found = _terms().search(head)
        if found:
            return found.group()
        first = regex.split(r"[，,：:]", head, maxsplit=1)[0]
        topic = name_of(_FIGURE_LIKE.split(first)[0]) if first else ""
        return topic if topic and topic not in GENERIC else local
