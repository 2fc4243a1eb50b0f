"""`perfparse check` on a folder of N documents (the corpus's text reports, copied)."""
import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "docs"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=1000, help="how many documents")
    args = ap.parse_args()
    sources = sorted(DOCS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.n):
            src = sources[i % len(sources)]
            shutil.copy(src, Path(tmp) / f"{i:05d}-{src.name}")
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "perfparse", "check", tmp, "--format",
                              "json", "-o", str(Path(tmp) / "out.json")],
                             capture_output=True, text=True)
        elapsed = time.perf_counter() - t
    bar = [ln for ln in out.stderr.replace("\r", "\n").splitlines() if "checking" in ln]
    print(f"{args.n} documents in {elapsed:.1f} s ({args.n / elapsed:.0f} documents/s), "
          f"exit status {out.returncode}; last progress line: {bar[-1].strip() if bar else '-'}")


if __name__ == "__main__":
    main()
