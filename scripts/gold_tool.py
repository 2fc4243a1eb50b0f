"""Write and verify gold for the real documents in ../shared/real (see corpus/real-gold/README.md).

    python scripts/gold_tool.py text   excerpts/NAME.txt [--from N] [--to M]
        the text, offsets per line
    python scripts/gold_tool.py nums   excerpts/NAME.txt [--from N] [--to M]
        every numeral with its offset
    python scripts/gold_tool.py fill   corpus/real-gold/excerpts/NAME.gold.json
        offsets -> anchors, then verify
    python scripts/gold_tool.py verify corpus/real-gold/excerpts/NAME.gold.json
        recompute every claim
    python scripts/gold_tool.py compare corpus/real-gold/excerpts/NAME.gold.json
        the checker against it

Paths of documents are relative to the real root: $PERFPARSE_SHARED/real, else ../shared/real.
Nothing this prints may be pasted into the project: gold holds anchors, values and our own words.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfparse import realgold as G  # noqa: E402


def real_root() -> Path:
    shared = os.environ.get("PERFPARSE_SHARED")
    return Path(shared) / "real" if shared else ROOT.parent / "shared" / "real"


def doc_text(rel: str) -> str:
    from perfparse.readers import read_path
    return read_path(real_root() / rel).text


def cmd_text(a) -> None:
    text = doc_text(a.path)
    pos = 0
    for line in text.splitlines(keepends=True):
        if a.start <= pos < a.end:
            print(f"{pos:>7}| {line.rstrip()}")
        pos += len(line)


def cmd_nums(a) -> None:
    text = doc_text(a.path)
    for n in G.numerals(text):
        if a.start <= n.start < a.end:
            before = text[max(0, n.start - 14):n.start].replace("\n", "⏎")
            print(f"{n.start:>7} {n.num:>14} {n.unit:<6} …{before}")


def _anchorise(value, text, nums):
    if isinstance(value, int):
        return G.anchor_at(text, value, nums)
    if isinstance(value, list):
        return [_anchorise(v, text, nums) for v in value]
    if isinstance(value, dict) and "pieces" in value:
        return {**value, "pieces": [_anchorise(v, text, nums) for v in value["pieces"]]}
    if isinstance(value, dict) and "at" in value and "num" not in value:
        extra = {k: v for k, v in value.items() if k != "at"}
        return {**G.anchor_at(text, value["at"], nums), **extra}
    return value


def cmd_fill(a) -> None:
    path = Path(a.gold)
    gold = json.loads(path.read_text("utf-8"))
    text = doc_text(gold["real_path"])
    nums = G.numerals(text)
    for i, claim in enumerate(gold["claims"], 1):
        claim.setdefault("id", f"g{i}")
        claim["operands"] = {k: _anchorise(v, text, nums) for k, v in claim["operands"].items()}
    gold["text_sha1"] = hashlib.sha1(text.encode("utf-8")).hexdigest()
    path.write_text(G.dump_gold(gold), "utf-8")
    cmd_verify(a)


def cmd_verify(a) -> None:
    gold = json.loads(Path(a.gold).read_text("utf-8"))
    text = doc_text(gold["real_path"])
    nums = G.numerals(text)
    bad = 0
    for claim in gold["claims"]:
        for role, ops in claim["operands"].items():
            for op in (p for o in (ops if isinstance(ops, list) else [ops]) for p in G.pieces(o)):
                n = G.resolve(op, nums)
                if n is None:
                    print(f"{claim['id']}: {role} anchor {op} does not resolve")
                    bad += 1
        exp, rep = G.recompute(claim)
        should = G.expected_status(claim)
        shown = "" if exp is None else f"expected [{exp.lo:.4f}, {exp.hi:.4f}]"
        flag = ""
        if should is not None and should != claim["status"]:
            flag = f"  <-- arithmetic says {should}"
            bad += 1
        if claim.get("error") and claim["status"] != "fail":
            flag += "  <-- an error must be fail"
            bad += 1
        how = 'explicit' if claim.get('explicit') else 'inferred'
        print(f"{claim['id']:>5} {claim['type']:<12} {how:<8} "
              f"{claim['status']:<14} {shown}{flag}")
    print(f"{len(gold['claims'])} claims, {bad} to look at")


def cmd_compare(a) -> None:
    from perfparse.pipeline import parse_file
    gold = json.loads(Path(a.gold).read_text("utf-8"))
    rep = parse_file(real_root() / gold["real_path"])
    s = G.RealScores()
    G.score_document(rep, gold, s, Path(gold["real_path"]).name)
    print(f"claims {s.claims}, right status {s.right_status}; fails {s.fails}, "
          f"true {s.true_fails}; errors {s.errors}, failed {s.errors_failed}")
    for title, items in (("wrong status", s.wrong_status), ("false fails", s.false_fails),
                         ("missed errors", s.missed_errors), ("problems", s.problems)):
        for x in items:
            print(f"{title}: {x}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    for name, fn in (("text", cmd_text), ("nums", cmd_nums)):
        q = sub.add_parser(name)
        q.add_argument("path")
        q.add_argument("--from", dest="start", type=int, default=0)
        q.add_argument("--to", dest="end", type=int, default=10**9)
        q.set_defaults(fn=fn)
    for name, fn in (("fill", cmd_fill), ("verify", cmd_verify), ("compare", cmd_compare)):
        q = sub.add_parser(name)
        q.add_argument("gold")
        q.set_defaults(fn=fn)
    a = p.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
