import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the clone (as CI has it), or wherever PERFPARSE_SHARED points.
SHARED = Path(os.environ.get("PERFPARSE_SHARED") or ROOT.parent / "shared")
SEED = SHARED / "seed" / "longling-2020-zwfw-self-eval.txt"
REAL = SHARED / "real"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, or a skip saying where it was looked for."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED} (set PERFPARSE_SHARED to use another place)")
    return SHARED


@pytest.fixture(scope="session")
def real_dir(shared_dir) -> Path:
    """../shared/real: the real published documents of the development set."""
    if not REAL.is_dir():
        pytest.skip(f"real documents not found at {REAL}")
    return REAL


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed report not found at {SEED} (it lives in ../shared/seed/)")
    return SEED.read_text("utf-8")


@pytest.fixture(scope="session")
def seed_report(seed_text):
    from perfparse import parse_text
    return parse_text(seed_text)
