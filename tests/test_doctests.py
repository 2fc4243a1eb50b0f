"""The doctests of the pure helpers run as part of the suite."""
import doctest
import importlib

import pytest

MODULES = ["perfparse.options", "perfparse.judge.intervals", "perfparse.judge.verdict",
           "perfparse.figures", "perfparse.sections",
           "perfparse.metrics", "perfparse.readers", "perfparse.readers.meta",
           "perfparse.readers.builder", "perfparse.readers.text", "perfparse.readers.doc",
           "perfparse.readers.mht", "perfparse.export"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    """Every example in the module's docstrings holds."""
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
