"""Parse time against text size: is relation finding linear? (Run on demand, not a test.)

    PYTHONPATH=. python benchmarks/bench_scaling.py [--sizes 1 5 20] [--parts 20000]

Builds texts of the genre's sentences (our own, repeated with varied figures) of 1, 5 and 20
MB, with a line break after every sentence and with none, and a 、-list of N parts; prints
seconds and seconds per MB. Linear means seconds per MB stays flat as the size grows.
"""
from __future__ import annotations

import argparse
import time

SENTENCES = (
    "本年收入合计{a}.{b}万元，比上年增加{c}.{d}万元，增长{e}.{f}%。",
    "其中：基本支出{a}.{b}万元，占{e}.{f}%；项目支出{c}.{d}万元，占{f}.{e}%。",
    "全年完成{a}{b}万元，为预算的{e}.{f}%，较上年{c}{d}万元增长{f}.{e}%。",
    "地方一般公共预算收入{a}{b}万元，上级补助收入{c}{d}万元，上年结转{b}{a}万元，收入总计{c}{a}{b}万元。",
    "三次产业结构为{e}.{f}:{f}.{e}:{a}.{b}，第一产业增加值{a}.{b}亿元，增长{e}.{f}%。",
)


def text_of(size_mb: float, lines: bool) -> str:
    out, n, i = [], 0, 0
    target = int(size_mb * 1024 * 1024 / 3)  # about 3 bytes per character in UTF-8
    while n < target:
        s = SENTENCES[i % len(SENTENCES)].format(
            a=10 + i % 89, b=i % 97, c=1 + i % 13, d=i % 7, e=1 + i % 9, f=i % 10)
        out.append(s + ("\n" if lines else ""))
        n += len(s) + 1
        i += 1
    return "".join(out)


def list_of(parts: int) -> str:
    items = "、".join(f"项目{k}支出{1 + k % 9}.{k % 10}万元" for k in range(parts))
    return f"支出合计{parts * 5}万元，其中：{items}。"


def timed(label: str, text: str) -> float:
    from perfparse import parse_text
    start = time.perf_counter()
    rep = parse_text(text)
    took = time.perf_counter() - start
    mb = len(text.encode("utf-8")) / 1024 / 1024
    print(f"{label:<34} {mb:6.1f} MB {took:8.2f} s {took / mb:7.2f} s/MB "
          f"{len(rep.figures):>8} figures {len(rep.checks):>7} checks", flush=True)
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", type=float, default=[1, 5, 20])
    ap.add_argument("--parts", nargs="+", type=int, default=[2000, 20000])
    args = ap.parse_args()
    for size in args.sizes:
        timed(f"{size:g} MB, a line per sentence", text_of(size, True))
        timed(f"{size:g} MB, one line", text_of(size, False))
    for parts in args.parts:
        timed(f"a 、-list of {parts} parts", list_of(parts))


if __name__ == "__main__":
    main()
