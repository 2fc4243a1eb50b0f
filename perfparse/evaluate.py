"""Evaluation against the gold corpus: precision and recall per figure kind, planted errors."""
from __future__ import annotations

import json
import random
import re
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
    # Fails in documents with planted errors that are not at any planted error.
    unplanned_fails: list[str] = field(default_factory=list)
    planted: int = 0
    planted_caught: int = 0
    planted_missed: list[str] = field(default_factory=list)
    not_figures_found: list[str] = field(default_factory=list)
    # Findings (perfparse.statements): a missing standard table, a 科目编码 whose name is not
    # the classification's. Planted ones must be reported; any other is unplanned.
    planted_findings: int = 0
    planted_findings_found: int = 0
    findings_missed: list[str] = field(default_factory=list)
    unplanned_findings: list[str] = field(default_factory=list)
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
    _score_findings(rep, gold.get("planted_findings", []), scores, name)
    positions = _gold_positions(rep.text, gold["figures"])
    planted_spans = []
    for err in planted:
        nth = [p for g, p in positions if g["text"] == err["text"]]
        k = err.get("occurrence", 1)
        span = nth[k - 1] if 0 < k <= len(nth) else None
        if span:
            planted_spans.append(span)
    if planted:
        scores.unplanned_fails.extend(
            f"{name}: {rep.text[c.start:c.end]} {c.message}" for c in fails
            if not any(c.start <= lo < c.end or lo <= c.start < hi for lo, hi in planted_spans))
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


# Findings an auditor acts on; present and stated-empty tables are inventory, not defects.
_DEFECTS = ("missing", "mismatch")


def _score_findings(rep: Report, planted: list[dict], scores: Scores, name: str) -> None:
    """Each planted finding (kind, status, subject) against the report's findings."""
    matched: set[str] = set()
    for want in planted:
        scores.planted_findings += 1
        hit = next((f for f in rep.findings if f.id not in matched and f.kind == want["kind"]
                    and f.status == want["status"] and want["subject"] in f.subject), None)
        if hit is None:
            scores.findings_missed.append(f"{name}: {want['kind']} {want['status']} "
                                          f"{want['subject']}")
            continue
        matched.add(hit.id)
        scores.planted_findings_found += 1
    scores.unplanned_findings.extend(
        f"{name}: {f.kind} {f.status} {f.subject}" for f in rep.findings
        if f.status in _DEFECTS and f.id not in matched)


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


def evaluate_corpus(folder: str | Path = "corpus", progress: bool = False) -> Scores:
    scores = Scores()
    pairs = gold_pairs(folder)
    if progress:
        import sys
        from tqdm import tqdm
        pairs = tqdm(pairs, unit="doc", file=sys.stderr, desc="eval", dynamic_ncols=True)
    for path, gold in pairs:
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
    lines.append(f"fails at no planted error in error documents: {len(s.unplanned_fails)}")
    if s.planted_findings or s.unplanned_findings:
        lines.append(f"planted findings reported: {s.planted_findings_found}/"
                     f"{s.planted_findings}")
        lines.append(f"findings at no planted finding: {len(s.unplanned_findings)}")
    lines.append(f"not-figures read as figures: {len(s.not_figures_found)}")
    lines.append(f"metadata mismatches: {len(s.meta_errors)}")
    if verbose:
        for title, items in (("false positives", s.false_positives),
                             ("false negatives", s.false_negatives),
                             ("planted errors missed", s.planted_missed),
                             ("fails in consistent documents", s.fails_in_consistent),
                             ("fails at no planted error", s.unplanned_fails),
                             ("planted findings missed", s.findings_missed),
                             ("findings at no planted finding", s.unplanned_findings),
                             ("not-figures found", s.not_figures_found),
                             ("metadata mismatches", s.meta_errors), ("errors", s.errors)):
            if items:
                lines.append(f"-- {title}:")
                lines.extend("   " + x for x in items)
    return "\n".join(lines) + "\n"


@dataclass
class MutationScores:
    """How the checks react to one figure of a consistent claim being changed."""
    trials: int = 0
    caught: int = 0
    checks_unchanged: int = 0
    fails_unchanged: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def detection_rate(self) -> float:
        return self.caught / self.trials if self.trials else 0.0

    @property
    def false_fail_rate(self) -> float:
        return self.fails_unchanged / self.checks_unchanged if self.checks_unchanged else 0.0


_PLAIN_NUMBER = re.compile(r"^(-?)(\d[\d,]*)(?:\.(\d+))?")
# Inequalities (a value within its target or limit, a score within its weight) stay true
# under many changes, and a contradiction has no figure to change.
_NOT_MUTATED = ("threshold", "score", "direction")


def _mutate(f, rng: random.Random) -> str | None:
    """The figure's text with its number changed by more than its rounding allows."""
    m = _PLAIN_NUMBER.match(f.text)
    if not m or f.qualifier:
        return None
    digits = m.group(2).replace(",", "")
    frac = m.group(3) or ""
    old = Decimal(digits + ("." + frac if frac else ""))
    step = Decimal(1).scaleb(-len(frac))
    factor = Decimal(rng.choice((-1, 1))) * Decimal(rng.randint(10, 60)) / 100
    new = (old * (1 + factor)).quantize(step) if old else step * rng.randint(3, 30)
    if abs(new - old) <= step or new < 0:
        new = old + step * rng.randint(3, 30)
    return m.group(1) + f"{new:f}" + f.text[m.end():]


def mutation_scores(folder: str | Path = "corpus", trials: int = 500,
                    seed: int = 20261127) -> MutationScores:
    """Change one figure of a passing explicit claim (seeded, many trials) and see whether it
    fails.

    Plain-text documents marked consistent are used, so the changed text is read the way
    the original was. Also counts how many checks fail on the unchanged documents.
    """
    from .pipeline import parse_text
    rng = random.Random(seed)
    scores = MutationScores()
    pool = []
    for path, gold in gold_pairs(folder):
        if path.suffix != ".txt" or not gold.get("consistent", False):
            continue
        rep = parse_file(path)
        scores.checks_unchanged += len(rep.checks)
        scores.fails_unchanged += len(rep.failed)
        rel_type = {r.id: r.type for r in rep.relations}
        # Only a claim the text states explicitly can fail (perfparse.judge.verdict): a
        # changed figure in a claim of ours is meant to end uncertain, so it is no trial.
        explicit = {r.id for r in rep.relations if r.basis == "explicit"}
        figs = {f.id: f for f in rep.figures}
        for c in rep.checks:
            if c.status == "pass" and rel_type.get(c.relation) not in _NOT_MUTATED \
                    and c.relation in explicit:
                pool.extend((path.name, rep, figs[i]) for i in c.figures if i in figs)
    if not pool:
        return scores
    while scores.trials < trials:
        name, rep, fig = pool[rng.randrange(len(pool))]
        new_text = _mutate(fig, rng)
        if new_text is None:
            continue
        text = rep.text[:fig.start] + new_text + rep.text[fig.end:]
        mutated = parse_text(text)
        scores.trials += 1
        target = next((f.id for f in mutated.figures if f.start == fig.start), None)
        if any(c.status == "fail" and target in c.figures for c in mutated.checks):
            scores.caught += 1
        else:
            scores.missed.append(f"{name}: {fig.text} -> {new_text}")
    return scores
