"""Evaluation against the gold corpus: precision and recall per figure kind, planted errors."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .errors import InputError
from .pipeline import parse_file
from .records import Report

GATED_KINDS = ("money", "percent", "count")


@dataclass
class Scores:
    """Counts per kind, and what the checks did on consistent and planted-error documents."""
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    documents: int = 0
    fails_in_consistent: list[str] = field(default_factory=list)
    planted: int = 0
    planted_caught: int = 0
    planted_missed: list[str] = field(default_factory=list)
    not_figures_found: list[str] = field(default_factory=list)
    meta_errors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    def precision(self, kind: str) -> float:
        n = self.tp[kind] + self.fp[kind]
        return self.tp[kind] / n if n else 1.0

    def recall(self, kind: str) -> float:
        n = self.tp[kind] + self.fn[kind]
        return self.tp[kind] / n if n else 1.0


def _key(text: str, value, unit: str, kind: str) -> tuple:
    return (text, Decimal(str(value)).normalize(), unit, kind)


def gold_pairs(folder: str | Path) -> list[tuple[Path, dict]]:
    """(document path, gold dict) for every gold file under `folder`."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    out = []
    for gold_path in sorted(root.rglob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        doc = gold_path.with_name(gold.get("source") or gold_path.name.replace(".gold.json", ""))
        if doc.exists():
            out.append((doc, gold))
    return out


def score_report(rep: Report, gold: dict, scores: Scores, name: str) -> None:
    got = Counter(_key(f.text, f.value, f.unit, f.kind) for f in rep.figures)
    want = Counter(_key(g["text"], g["value"], g["unit"], g["kind"]) for g in gold["figures"])
    for key in got | want:
        kind = key[3]
        tp = min(got[key], want[key])
        scores.tp[kind] += tp
        if got[key] > tp:
            scores.fp[kind] += got[key] - tp
            scores.false_positives.append(f"{name}: {key[0]} {key[1]} {key[2]} {kind}")
        if want[key] > tp:
            scores.fn[kind] += want[key] - tp
            scores.false_negatives.append(f"{name}: {key[0]} {key[1]} {key[2]} {kind}")
    texts = {f.text for f in rep.figures}
    for s in gold.get("not_figures", []):
        if s in texts:
            scores.not_figures_found.append(f"{name}: {s}")
    for key, value in gold.get("meta", {}).items():
        if str(rep.meta.get(key, "")) != str(value):
            scores.meta_errors.append(f"{name}: {key} {rep.meta.get(key)!r} != {value!r}")
    fails = [c for c in rep.checks if c.status == "fail"]
    planted = gold.get("planted_errors", [])
    if gold.get("consistent", not planted):
        scores.fails_in_consistent.extend(f"{name}: {rep.text[c.start:c.end]} {c.message}"
                                          for c in fails)
    positions = _gold_positions(rep.text, gold["figures"])
    for err in planted:
        scores.planted += 1
        nth = [p for g, p in positions if g["text"] == err["text"]]
        k = err.get("occurrence", 1)
        spans = nth[k - 1] if 0 < k <= len(nth) else _occurrence_span(rep.text, err["text"], k)
        if spans and any(c.start <= spans[0] and spans[1] <= c.end or
                         spans[0] <= c.start < spans[1] for c in fails):
            scores.planted_caught += 1
        else:
            scores.planted_missed.append(f"{name}: {err['text']} ({err.get('rule')})")


def _gold_positions(text: str, figures: list[dict]) -> list[tuple[dict, tuple[int, int]]]:
    """Where each gold figure is, finding them in order through the text."""
    out, pos = [], 0
    for g in figures:
        at = text.find(g["text"], pos)
        if at < 0:
            continue
        out.append((g, (at, at + len(g["text"]))))
        pos = at + len(g["text"])
    return out


def _occurrence_span(text: str, needle: str, n: int) -> tuple[int, int] | None:
    pos = -1
    for _ in range(max(1, n)):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(needle)


def evaluate_corpus(folder: str | Path = "corpus") -> Scores:
    scores = Scores()
    for path, gold in gold_pairs(folder):
        scores.documents += 1
        try:
            rep = parse_file(path)
        except InputError as exc:
            scores.errors.append(str(exc))
            continue
        score_report(rep, gold, scores, path.name)
    return scores


def format_scores(s: Scores, verbose: bool = False) -> str:
    lines = [f"{s.documents} documents with gold",
             f"{'kind':<8} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}"]
    for kind in sorted(set(s.tp) | set(s.fp) | set(s.fn)):
        lines.append(f"{kind:<8} {s.precision(kind):>9.3f} {s.recall(kind):>7.3f} "
                     f"{s.tp[kind]:>5} {s.fp[kind]:>4} {s.fn[kind]:>4}")
    lines.append(f"planted errors failed at their span: {s.planted_caught}/{s.planted}")
    lines.append(f"fails in consistent documents: {len(s.fails_in_consistent)}")
    lines.append(f"not-figures read as figures: {len(s.not_figures_found)}")
    lines.append(f"metadata mismatches: {len(s.meta_errors)}")
    if verbose:
        for title, items in (("false positives", s.false_positives),
                             ("false negatives", s.false_negatives),
                             ("planted errors missed", s.planted_missed),
                             ("fails in consistent documents", s.fails_in_consistent),
                             ("not-figures found", s.not_figures_found),
                             ("metadata mismatches", s.meta_errors), ("errors", s.errors)):
            if items:
                lines.append(f"-- {title}:")
                lines.extend("   " + x for x in items)
    return "\n".join(lines) + "\n"
