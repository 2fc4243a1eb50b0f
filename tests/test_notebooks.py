"""The notebooks run top to bottom in a fresh python3 kernel and show what they promise."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TIMEOUT = 120  # per cell; each notebook takes a few seconds


def _run(name: str):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        from ipykernel.kernelspec import install
        install(user=True)
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def _outputs(nb) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _tables(nb) -> list[int]:
    """Row counts of the DataFrames the notebook displayed."""
    counts = []
    for out in _outputs(nb):
        html = out.get("data", {}).get("text/html", "")
        if "<table" in html:
            body = html.split("<tbody>", 1)[-1]
            counts.append(len(re.findall(r"<tr[ >]", body)))
    return counts


def _text(nb) -> str:
    return "".join(out.get("text", "") for out in _outputs(nb) if out["output_type"] == "stream")


class TestNotebooksAreClean:
    @pytest.mark.parametrize("name", ["quickstart.ipynb", "batch_analysis.ipynb"])
    def test_saved_without_outputs(self, name) -> None:
        """The saved notebooks carry no outputs or execution counts."""
        nbformat = pytest.importorskip("nbformat")
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None


def _images(nb) -> int:
    """How many plots the notebook showed inline."""
    return sum("image/png" in out.get("data", {}) for out in _outputs(nb))


@pytest.mark.slow
class TestQuickstart:
    def test_runs_and_shows_frames(self) -> None:
        """Figures and checks come out as DataFrames with rows; nothing needs ../shared."""
        nb = _run("quickstart.ipynb")
        tables = _tables(nb)
        assert len(tables) >= 4 and all(n > 0 for n in tables)
        text = _text(nb)
        assert "figures," in text and "元 in all (exact)" in text and "<Report " in text
        cards = [out["data"]["text/html"] for out in _outputs(nb)
                 if "<th>fail</th>" in out.get("data", {}).get("text/html", "")]
        assert len(cards) == 1  # the report with errors, shown as its card


@pytest.mark.slow
class TestBatchAnalysis:
    def test_runs_shows_plots_leaves_nothing(self, tmp_path, monkeypatch) -> None:
        """The batch covers every demo county, both plots show inline, and the temporary
        folder is gone at the end."""
        monkeypatch.setenv("TMPDIR", str(tmp_path))  # the kernel's temporary files land here
        before = set(tmp_path.iterdir())
        nb = _run("batch_analysis.ipynb")
        text = _text(nb)
        from perfparse.scrape.command import DEMO_ROOT
        portals = list(DEMO_ROOT.glob("*/_portal.json"))
        assert text.count("county: ") == len(portals)
        assert _images(nb) == 2
        assert all(n > 0 for n in _tables(nb))
        assert "exists: False" in text
        assert not [p for p in set(tmp_path.iterdir()) - before
                    if p.name.startswith("perfparse-batch-")]
