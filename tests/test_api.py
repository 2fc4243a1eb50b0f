"""The public surface: __init__ only re-exports, and __all__ is complete."""
import ast
from pathlib import Path

import perfparse

INIT = Path(perfparse.__file__)


class TestPublicSurface:
    def test_all_names_exist(self):
        """Every name in __all__ is importable from perfparse."""
        for name in perfparse.__all__:
            assert hasattr(perfparse, name), name

    def test_all_is_complete(self):
        """Every public name bound in __init__ is listed in __all__."""
        tree = ast.parse(INIT.read_text("utf-8"))
        bound = {a.asname or a.name for node in tree.body if isinstance(node, ast.ImportFrom)
                 for a in node.names}
        assert bound - {"annotations"} <= set(perfparse.__all__)

    def test_init_defines_nothing(self):
        """__init__ holds imports, __version__ and __all__ only: no functions or classes."""
        tree = ast.parse(INIT.read_text("utf-8"))
        assert not [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]

    def test_design_entry_points(self):
        """The entry points DESIGN.md promises are callables."""
        for name in ("parse_text", "parse_file", "parse_html", "crawl", "batch", "to_frame"):
            assert callable(getattr(perfparse, name))
