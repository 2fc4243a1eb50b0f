from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "longling-2020-zwfw-self-eval.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed report not found at {SEED} (it lives in ../shared/seed/)")
    return SEED.read_text("utf-8")


@pytest.fixture(scope="session")
def seed_report(seed_text):
    from perfparse import parse_text
    return parse_text(seed_text)
