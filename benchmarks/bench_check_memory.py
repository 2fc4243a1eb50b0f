"""Peak memory of `perfparse check` over folders of 1,000 and 5,000 documents.

Each copy of a corpus report gets its own publisher, so the cross-year index holds one
entry per document, as in a real folder. Memory should stay flat: reports are written as
they are done (JSON Lines here; the HTML page spools its sections to disk).

    PYTHONPATH=. python benchmarks/bench_check_memory.py            # 1000 and 5000
    PYTHONPATH=. python benchmarks/bench_check_memory.py -n 200 1000 --format html
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"


def make_folder(folder: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT))
    from perfparse import parse_file
    sources = []
    for path in sorted(DOCS.glob("*.txt")):
        publisher = parse_file(path).meta.get("publisher") or ""
        sources.append((path.name, path.read_text("utf-8"), publisher))
    for i in range(n):
        name, text, publisher = sources[i % len(sources)]
        if publisher:
            text = text.replace(publisher, f"{publisher}第{i}分局")
        (folder / f"{i:05d}-{name}").write_text(text, "utf-8")


def peak_check(folder: Path, fmt: str) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, exit status) of one `perfparse check` run."""
    out = folder.parent / f"out.{fmt}"
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "perfparse", "check", str(folder),
                             "--format", fmt, "-o", str(out), "--no-progress", "-q"],
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, nargs="+", default=[1000, 5000], help="folder sizes")
    ap.add_argument("--format", default="jsonl", choices=("jsonl", "json", "text", "html"))
    args = ap.parse_args()
    for n in args.n:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "docs"
            folder.mkdir()
            make_folder(folder, n)
            seconds, mib, code = peak_check(folder, args.format)
        print(f"{n:>6} documents, --format {args.format}: peak RSS {mib:.0f} MiB, "
              f"{seconds:.1f} s ({n / seconds:.0f} documents/s), exit status {code}")


if __name__ == "__main__":
    main()
