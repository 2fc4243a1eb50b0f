"""Gold for real published documents: figure anchors, claims recomputed, the checker scored.

The real documents are not ours to copy, so gold never holds their text. A figure is named by
an *anchor*: its numeral as written (digits only: "3518.85"), a hash of the six Chinese
characters before it (`ctx`), its rank `k` among the numerals of the document sharing both, and
the offset `at` it had when the gold was written. Whitespace, line breaks and punctuation do not
enter the hash, so an anchor survives a reader that rejoins wrapped lines, drops page furniture
or trims a page's navigation.

A gold file (`*.gold.json`) lists the document's claims, each with its relation type, its
operands (anchors), whether the document states it explicitly, the status it should get and
whether it is a real error of the document. `recompute` judges a claim from the anchors alone
(interval arithmetic, independent of the checker), so a gold file can be verified by itself.
"""
from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import regex

from .judge.intervals import HUNDRED, Interval
from .records import Report
from .rules.units import CHAR_MAP, MAGNITUDES, UNIT_INFO

CTX_CHARS = 6
_CTX_REACH = 400
_NUMERAL = regex.compile(r"(?<![\d.])\d(?:[\d,，]*\d)?(?:\.\d+)?")
_HAN = regex.compile(r"\p{Han}")
_UNIT_AFTER = regex.compile(
    "[ ]?(" + "|".join(regex.escape(u) for u in sorted(UNIT_INFO, key=len, reverse=True))
    + "|[万亿千](?=[人户个件项次亩吨])|%)")
STATUSES = ("pass", "fail", "uncertain", "not_assessable")
# Relation types that name the same kind of claim for matching gold with the checker (a
# balance A − B = C is the sum B + C = A read the other way).
FAMILY = {"table_sum": "sum", "premium_rate": "savings_rate", "balance": "sum"}
# The operand a claim's status is about: the figure the document reports against the others.
REPORTED = {"change": "change", "growth_rate": "rate", "sum": "total", "table_sum": "total",
            "share": "percent", "ratio": "percent", "per_capita": "per_unit",
            "savings_rate": "rate", "premium_rate": "rate", "balance": "closing",
            "threshold": "value", "score": "score", "direction": "second",
            "equal": "reported"}


def _plain(text: str) -> str:
    return text.translate(CHAR_MAP) if any(ord(c) > 0xff00 for c in text) else text


@dataclass(frozen=True)
class Numeral:
    """One numeral of a text, with what its anchor is made of."""
    start: int
    end: int
    num: str
    ctx: str
    unit: str


def context_hash(text: str, start: int) -> str:
    """Hash of the last six Chinese characters before `start`, whatever lies between them.

    >>> context_hash("本年收入合计 2946.25", 7) == context_hash("本年收\\n入合计2946.25", 7)
    True
    """
    hans: list[str] = []
    for ch in reversed(text[max(0, start - _CTX_REACH):start]):
        if _HAN.match(ch):
            hans.append(ch)
            if len(hans) == CTX_CHARS:
                break
    return f"{zlib.crc32(''.join(reversed(hans)).encode('utf-8')):08x}"


def numerals(text: str) -> list[Numeral]:
    """Every numeral of a text in order (full-width digits read as ASCII, commas dropped)."""
    norm = _plain(text)
    out = []
    for m in _NUMERAL.finditer(norm):
        u = _UNIT_AFTER.match(norm, m.end())
        out.append(Numeral(m.start(), m.end(), m.group().replace(",", "").replace("，", ""),
                           context_hash(norm, m.start()), u.group(1) if u else ""))
    return out


def anchor_at(text: str, offset: int, nums: Sequence[Numeral] | None = None) -> dict[str, Any]:
    """The anchor of the numeral that starts at, or holds, `offset`."""
    nums = numerals(text) if nums is None else nums
    hit = next((n for n in nums if n.start <= offset < max(n.end, n.start + 1)), None)
    if hit is None:
        raise ValueError(f"no numeral at offset {offset}")
    k = sum(1 for n in nums if n.num == hit.num and n.ctx == hit.ctx and n.start < hit.start)
    return {"num": hit.num, "unit": hit.unit, "ctx": hit.ctx, "k": k, "at": hit.start}


def resolve(anchor: dict[str, Any], nums: Sequence[Numeral]) -> Numeral | None:
    """The numeral an anchor names in a (possibly re-read) text, or None."""
    same = [n for n in nums if n.num == anchor["num"]]
    exact = [n for n in same if n.ctx == anchor["ctx"]]
    k = anchor.get("k", 0)
    if k < len(exact):
        return exact[k]
    if len(exact) == 1:
        return exact[0]
    # The context changed (a reader now keeps text it used to drop): the nearest same numeral.
    at = anchor.get("at", 0)
    return min(same, key=lambda n: abs(n.start - at), default=None) if len(same) == 1 else None


# --- a claim recomputed from its anchors ---------------------------------------------------

def pieces(anchor: dict[str, Any]) -> list[dict[str, Any]]:
    """The numerals an operand is written as: one, or several when the text splits one figure
    (a stray space after a thousands comma reads "1,421, 486" as two numerals)."""
    return anchor["pieces"] if "pieces" in anchor else [anchor]


def operand_interval(anchor: dict[str, Any]) -> tuple[Interval, Decimal]:
    """What an operand stands for, in its base unit (元 for money), from its display."""
    parts = pieces(anchor)
    num = "".join(p["num"] for p in parts)
    unit = anchor.get("unit_override") or parts[-1].get("unit") or ""
    scale = unit_scale(unit)
    decimals = len(num.split(".")[1]) if "." in num else 0
    value = Decimal(num) * scale
    exact = anchor.get("exact") or (decimals == 0 and unit in _EXACT_UNITS)
    half = Decimal(0) if exact else Decimal(5).scaleb(-decimals - 1) * scale
    sign = -1 if anchor.get("negative") else 1
    iv = Interval(value - half, value + half)
    return (iv.neg() if sign < 0 else iv), sign * value


_EXACT_UNITS = {u for u, (kind, _) in UNIT_INFO.items() if kind in ("count", "score")}
_PER_MILLE = {"‰": Decimal("0.1")}


def unit_scale(unit: str) -> Decimal:
    """Scale of a unit to its base; a magnitude prefix (万, 亿, 千) before a non-money unit
    scales it, so 0.47吨 and 21.01万吨 (anchor unit 万) land on one scale; ‰ is a tenth of %."""
    if unit in UNIT_INFO:
        return UNIT_INFO[unit][1]
    if unit in _PER_MILLE:
        return _PER_MILLE[unit]
    for prefix, magnitude in MAGNITUDES:
        if unit.startswith(prefix):
            return magnitude * unit_scale(unit[len(prefix):])
    return Decimal(1)


def _ops(claim: dict, role: str) -> list[dict]:
    v = claim["operands"].get(role)
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _sum(anchors: Iterable[dict]) -> Interval:
    acc = Interval.point(0)
    for a in anchors:
        acc = acc + operand_interval(a)[0]
    return acc


def _pct(num: Interval, den: Interval) -> Interval | None:
    if den.lo <= 0 <= den.hi:
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        return (num / den).scaled(HUNDRED)


def recompute(claim: dict) -> tuple[Interval | None, Interval | None]:
    """(expected interval, reported interval) of a claim; (None, None) when it has no
    arithmetic (a direction contradiction) or a base spans zero."""
    t = claim["type"]

    def one(role: str) -> Interval | None:
        ops = _ops(claim, role)
        return operand_interval(ops[0])[0] if ops else None

    sign = -1 if claim.get("down") else 1
    if t in ("sum", "table_sum"):
        return _sum(_ops(claim, "parts")), one("total")
    if t == "change":
        cur, prev, chg = one("current"), one("previous"), one("change")
        if cur is None or prev is None or chg is None:
            return None, None
        return cur - prev, (chg.neg() if sign < 0 else chg)
    if t == "growth_rate":
        cur, prev, chg, rate = one("current"), one("previous"), one("change"), one("rate")
        rate = rate.neg() if sign < 0 and rate is not None else rate
        if chg is not None:
            chg = chg.neg() if sign < 0 else chg
        if prev is None and cur is not None and chg is not None:
            prev = cur - chg
        if chg is None and cur is not None and prev is not None:
            chg = cur - prev
        if prev is None or chg is None:
            return None, rate
        return _pct(chg, prev), rate
    if t in ("share", "ratio"):
        num = one("part") or one("numerator")
        # A denominator the document gives only by its parts (a list) is their sum.
        den_role = "whole" if _ops(claim, "whole") else "denominator"
        den = (_sum(_ops(claim, den_role)) if isinstance(claim["operands"].get(den_role), list)
               else one(den_role))
        if num is None or den is None:
            return None, one("percent")
        return _pct(num, den), one("percent")
    if t == "per_capita":
        total, count = one("total"), one("count")
        if total is None or count is None or count.lo <= 0 <= count.hi:
            return None, one("per_unit")
        with localcontext() as ctx:
            ctx.prec = 40
            return total / count, one("per_unit")
    if t in ("savings_rate", "premium_rate"):
        base, amount = one("base"), one("amount")
        if claim.get("base_includes_amount"):
            base = base + amount if t == "savings_rate" else base - amount
        return (_pct(amount, base) if base is not None and amount is not None else None,
                one("rate"))
    if t == "balance":
        exp = one("opening")
        if exp is None:
            return None, one("closing")
        exp = exp + _sum(_ops(claim, "inflow")) - _sum(_ops(claim, "outflow"))
        return exp, one("closing")
    if t == "equal":
        return one("source"), one("reported")
    if t in ("threshold", "score"):
        return None, None
    return None, None


def arithmetic_status(claim: dict) -> str | None:
    """pass / fail from the arithmetic alone (inequalities included); None when there is none."""
    t = claim["type"]
    if t == "threshold":
        v, tgt = (operand_interval(_ops(claim, r)[0])[0] for r in ("value", "target"))
        ok = v.lo <= tgt.hi if claim.get("le") else v.hi >= tgt.lo
        return "pass" if ok else "fail"
    if t == "score":
        got, weight = (operand_interval(_ops(claim, r)[0])[0] for r in ("score", "weight"))
        return "pass" if got.lo <= weight.hi else "fail"
    if t == "direction":
        return "fail"
    expected, reported = recompute(claim)
    if expected is None or reported is None:
        return None
    return "pass" if expected.overlaps(reported) else "fail"


def expected_status(claim: dict) -> str | None:
    """What the status should be under the house rule: an explicit claim that does not add up
    fails; an inferred one is uncertain. None when the arithmetic cannot say."""
    arith = arithmetic_status(claim)
    if arith == "fail" and not claim.get("explicit", False):
        return "uncertain"
    return arith


# --- scoring the checker against gold -------------------------------------------------------

@dataclass
class RealScores:
    """Per set: what the checker's fails were worth, and which claims got their status."""
    documents: int = 0
    claims: int = 0
    right_status: int = 0
    errors: int = 0
    errors_failed: int = 0
    fails: int = 0
    true_fails: int = 0
    uncertain: int = 0
    checks: int = 0
    unresolved: int = 0
    false_fails: list[str] = field(default_factory=list)
    unannotated_fails: list[str] = field(default_factory=list)  # in tables the gold leaves out
    missed_errors: list[str] = field(default_factory=list)
    wrong_status: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def fail_precision(self) -> float:
        return self.true_fails / self.fails if self.fails else 1.0

    @property
    def error_recall(self) -> float:
        return self.errors_failed / self.errors if self.errors else 1.0

    @property
    def status_accuracy(self) -> float:
        return self.right_status / self.claims if self.claims else 1.0

    @property
    def uncertain_rate(self) -> float:
        return self.uncertain / self.checks if self.checks else 0.0


def dump_gold(gold: dict) -> str:
    """A gold file's JSON with one claim per line, so that diffs show claims."""
    head = {k: v for k, v in gold.items() if k != "claims"}
    lines = ["{"] + [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},"
                     for k, v in head.items()]
    claims = [" " + json.dumps(c, ensure_ascii=False, separators=(", ", ": "))
              for c in gold.get("claims", [])]
    lines.append(' "claims": [')
    lines.append(",\n".join(" " + c for c in claims))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def load_gold(folder: str | Path) -> list[tuple[Path, dict]]:
    """Every real-document gold file under `folder` (those naming a `real_path`), sorted."""
    out = []
    for p in sorted(Path(folder).rglob("*.gold.json")):
        gold = json.loads(p.read_text("utf-8"))
        if "real_path" in gold:
            out.append((p, gold))
    return out


def is_real_gold(folder: str | Path) -> bool:
    """The folder holds gold for real documents only (not our own corpus's gold)."""
    paths = list(Path(folder).rglob("*.gold.json")) if Path(folder).is_dir() else []
    return bool(paths) and len(load_gold(folder)) == len(paths)


def _spans(claim: dict, nums: Sequence[Numeral]) -> dict[str, list[tuple[int, int]]] | None:
    out: dict[str, list[tuple[int, int]]] = {}
    for role in claim["operands"]:
        spans = []
        for a in (p for op in _ops(claim, role) for p in pieces(op)):
            n = resolve(a, nums)
            if n is None:
                return None
            spans.append((n.start, n.end))
        out[role] = spans
    return out


def _holds(fig_span: tuple[int, int], num_span: tuple[int, int]) -> bool:
    return fig_span[0] <= num_span[0] and num_span[1] <= fig_span[1]


def score_document(rep: Report, gold: dict, scores: RealScores, name: str) -> None:
    """Match the report's checks to the gold claims and count what the issue asks for."""
    nums = numerals(rep.text)
    figs = {f.id: (f.start, f.end) for f in rep.figures}
    cells = {f.id for f in rep.figures if f.rule == "cell"}
    tables_left_out = gold.get("coverage") == "prose"
    rel_type = {r.id: r.type for r in rep.relations}
    checks = [(c, [figs[i] for i in c.figures if i in figs]) for c in rep.checks]
    scores.documents += 1
    scores.checks += len(rep.checks)
    scores.uncertain += sum(1 for c in rep.checks if c.status == "uncertain")
    matched: dict[str, tuple[dict, float]] = {}
    for claim in gold.get("claims", []):
        spans = _spans(claim, nums)
        where = f"{name} {claim.get('id', '?')} {claim['type']}"
        if spans is None:
            scores.unresolved += 1
            scores.problems.append(f"{where}: an operand's anchor does not resolve")
            continue
        want = {s for ss in spans.values() for s in ss}
        reported = spans.get(REPORTED.get(claim["type"], ""), [])
        best, best_score = None, 0.0
        for c, fspans in checks:
            ctype = rel_type.get(c.relation, c.rule)
            if FAMILY.get(ctype, ctype) != FAMILY.get(claim["type"], claim["type"]):
                continue
            hit = sum(1 for s in want if any(_holds(f, s) for f in fspans))
            if hit == 0:
                continue
            jacc = hit / (len(want) + len(fspans) - hit)
            on_reported = any(_holds((c.start, c.end), s) for s in reported)
            score = jacc + (1 if on_reported else 0)
            # (The reported figure alone is no match: 其中 A、B and 其中 C、D、E of one total
            # are two claims.)
            if score > best_score and (jacc >= 0.5 or (on_reported and hit >= 2)):
                best, best_score = c, score
        scores.claims += 1
        status = claim["status"]
        got = best.status if best is not None else "none"
        if got == status:
            scores.right_status += 1
        else:
            scores.wrong_status.append(f"{where}: want {status}, got {got}")
        if claim.get("error"):
            scores.errors += 1
            if got == "fail":
                scores.errors_failed += 1
            else:
                scores.missed_errors.append(f"{where}: real error, got {got}")
        if best is not None:
            prev = matched.get(best.id)
            if prev is None or best_score > prev[1]:
                matched[best.id] = (claim, best_score)
    for c, _ in checks:
        if c.status != "fail":
            continue
        hit = matched.get(c.id)
        if hit is None and tables_left_out and any(i in cells for i in c.figures):
            # A table's claim in a document whose gold covers its prose only: not judged.
            scores.unannotated_fails.append(f"{name} {c.id} {c.rule} at {c.start}: {c.message}")
            continue
        scores.fails += 1
        if hit is not None and hit[0]["status"] == "fail":
            scores.true_fails += 1
        else:
            why = "no such claim in the gold" if hit is None else \
                f"gold {hit[0].get('id')} says {hit[0]['status']}"
            scores.false_fails.append(f"{name} {c.id} {c.rule} at {c.start}: {why}: "
                                      f"{c.message}")


def real_root(explicit: str | os.PathLike | None = None) -> Path | None:
    """Where the real documents are: the given folder, $PERFPARSE_SHARED/real, or
    ../shared/real beside the working folder; None when none exists."""
    for cand in (explicit, os.environ.get("PERFPARSE_SHARED") and
                 Path(os.environ["PERFPARSE_SHARED"]) / "real",
                 Path.cwd().parent / "shared" / "real", Path.cwd() / ".." / "shared" / "real"):
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def evaluate_real(folder: str | os.PathLike, root: str | os.PathLike,
                  progress: Callable[[str], None] | None = None) -> dict[str, RealScores]:
    """The checker scored against every gold file under `folder`, per set (the gold's first
    path component: excerpts, files, pages). A document that cannot be read counts its gold
    claims as wrong and says why."""
    from .errors import PerfparseError
    from .pipeline import parse_file
    out: dict[str, RealScores] = {}
    for path, gold in load_gold(folder):
        rel = gold["real_path"]
        scores = out.setdefault(rel.split("/", 1)[0], RealScores())
        if progress is not None:
            progress(rel)
        try:
            rep = parse_file(Path(root) / rel)
        except (PerfparseError, OSError) as exc:
            scores.documents += 1
            scores.claims += len(gold.get("claims", []))
            scores.problems.append(f"{rel}: cannot be read: {exc}")
            continue
        score_document(rep, gold, scores, rel)
    return out


def format_real(scores: dict[str, RealScores], verbose: bool = False) -> str:
    """The per-set table the issue asks for, and with `verbose` every miss."""
    lines = [f"{'set':<10} {'docs':>4} {'fail precision':>15} {'errors failed':>14} "
             f"{'right status':>13} {'uncertain rate':>15}"]
    for name, s in sorted(scores.items()):
        lines.append(
            f"{name:<10} {s.documents:>4} {s.fail_precision:>8.3f} ({s.true_fails}/{s.fails})"
            f" {s.error_recall:>6.3f} ({s.errors_failed}/{s.errors})"
            f" {s.status_accuracy:>6.3f} ({s.right_status}/{s.claims})"
            f" {s.uncertain_rate:>8.3f} ({s.uncertain}/{s.checks})"
            + (f"  +{len(s.unannotated_fails)} fails in tables not annotated"
               if s.unannotated_fails else ""))
    if verbose:
        for name, s in sorted(scores.items()):
            for title, items in (("false fails", s.false_fails), ("missed errors", s.missed_errors),
                                 ("fails in tables the gold leaves out", s.unannotated_fails),
                                 ("wrong status", s.wrong_status), ("problems", s.problems)):
                lines.extend(f"{name}: {title}: {x}" for x in items)
    return "\n".join(lines) + "\n"
