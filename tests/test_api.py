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

    def test_every_error_exported(self):
        """Every exception class of errors.py is importable from perfparse."""
        import inspect
        from perfparse import errors
        classes = {name for name, obj in vars(errors).items()
                   if inspect.isclass(obj) and issubclass(obj, Exception)
                   and obj.__module__ == errors.__name__}
        assert classes <= set(perfparse.__all__)

    def test_store_frames_exported(self):
        """store_frames is part of the top-level API."""
        from perfparse.export import store_frames
        assert perfparse.store_frames is store_frames

    def test_typed_and_licensed(self):
        """The package ships py.typed; the repository has its LICENSE."""
        assert (INIT.parent / "py.typed").is_file()
        assert "MIT License" in (INIT.parents[1] / "LICENSE").read_text("utf-8")

    def test_one_version(self):
        """setup.cfg takes the version from __init__; nothing else writes it."""
        cfg = (INIT.parents[1] / "setup.cfg").read_text("utf-8")
        assert "version = attr: perfparse.__version__" in cfg
        assert perfparse.__version__.count(".") == 2


class TestReportRepr:
    def report(self):
        return perfparse.parse_file(INIT.parents[1] / "corpus" / "docs" /
                                    "kaixian-2023-budget-execution-report-errors.txt")

    def test_repr_short(self):
        """repr names the source and counts; it does not dump the text."""
        rep = self.report()
        text = repr(rep)
        assert len(text) < 300 and text.startswith("<Report ")
        assert f"{len(rep.figures)} figures" in text and f"fail {len(rep.failed)}" in text
        assert rep.text[:200] not in text

    def test_repr_html_card(self):
        """The notebook card shows counts by status and lists the failures, escaped."""
        rep = self.report()
        html = rep._repr_html_()
        assert len(html) < 5000 and "<table>" in html
        assert f"<th>fail</th><td>{len(rep.failed)}</td>" in html
        assert rep.failed[0].message.split("，")[0] in html.replace("&#x27;", "'")
