"""Median time to parse (and parse+check) the seed report; jionlp's money extractor beside it."""
import statistics
import sys
import time
from pathlib import Path

from perfparse.figures import extract_figures
from perfparse.pipeline import check_document
from perfparse.readers.text import read_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "longling-2020-zwfw-self-eval.txt"


def median_ms(fn, n=50):
    fn()  # warm up: jieba and the dictionaries load once
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main():
    text = (Path(sys.argv[1]) if len(sys.argv) > 1 else SEED).read_text("utf-8")
    doc = read_text(text)
    print(f"figures only:    {median_ms(lambda: extract_figures(read_text(text))):.2f} ms")
    print(f"parse and check: {median_ms(lambda: check_document(read_text(text))):.2f} ms")
    try:
        import jionlp
        ms = median_ms(lambda: jionlp.ner.extract_money(text), 10)
        ours = sum(1 for f in extract_figures(doc) if f.kind == "money")
        theirs = len(jionlp.ner.extract_money(text))
        print(f"jionlp.ner.extract_money: {ms:.2f} ms (money spans: jionlp {theirs}, "
              f"perfparse {ours})")
    except ImportError:
        print("jionlp not installed: pip install jionlp to compare")


if __name__ == "__main__":
    main()
