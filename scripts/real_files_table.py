"""Per real file: figures, checks and fails as the perfparse on the import path reads them.

    python scripts/real_files_table.py [--shared ../shared] [--sets files excerpts]

To compare two revisions, run it once from each (for an older one: `git worktree add
/tmp/old REV` and `PYTHONPATH=/tmp/old python scripts/real_files_table.py`); it uses only
`perfparse.parse_file` and the report's `figures` and `checks`, which every revision has. A
file the revision cannot read shows the error's first words instead of numbers.
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--sets", nargs="+", default=["files"])
    args = ap.parse_args()
    import perfparse
    print(f"perfparse from {Path(perfparse.__file__).parent}")
    print(f"{'file':<48} {'figures':>8} {'checks':>7} {'pass':>5} {'fail':>5} {'uncert':>6} "
          f"{'n/a':>5} {'s':>6}")
    totals: Counter = Counter()
    for name in args.sets:
        for path in sorted((Path(args.shared) / "real" / name).iterdir()):
            if not path.is_file() or path.name.startswith(".") or path.suffix == ".md":
                continue
            start = time.perf_counter()
            try:
                rep = perfparse.parse_file(path)
            except Exception as exc:  # the revision's own error, whatever it is
                print(f"{path.name[:48]:<48} {type(exc).__name__}: {str(exc)[:60]}")
                totals["unread"] += 1
                continue
            took = time.perf_counter() - start
            by = Counter(c.status for c in rep.checks)
            totals.update(figures=len(rep.figures), checks=len(rep.checks), **by)
            print(f"{path.name[:48]:<48} {len(rep.figures):>8} {len(rep.checks):>7} "
                  f"{by['pass']:>5} {by['fail']:>5} {by['uncertain']:>6} "
                  f"{by['not_assessable']:>5} {took:>6.1f}")
    print(f"{'all':<48} {totals['figures']:>8} {totals['checks']:>7} {totals['pass']:>5} "
          f"{totals['fail']:>5} {totals['uncertain']:>6} {totals['not_assessable']:>5}"
          f"   unread: {totals['unread']}")


if __name__ == "__main__":
    main()
