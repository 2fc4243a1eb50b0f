"""The command line as a user runs it: exit statuses, one-line errors, progress, formats."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "corpus" / "docs" / "tongxi-czj-2023-final-accounts.txt"
ERRORS = ROOT / "corpus" / "docs" / "kaixian-2023-budget-execution-report-errors.txt"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "perfparse", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=300)


class TestExitStatus:
    def test_parse_json_contract(self):
        """parse --format json prints an array of reports with the contract's keys."""
        out = run("parse", str(DOC), "--format", "json")
        assert out.returncode == 0
        (rep,) = json.loads(out.stdout)
        # DESIGN.md's keys, and the additions: the standard tables typed, and the findings.
        assert set(rep) == {"source", "meta", "figures", "relations", "checks", "tables",
                            "findings"}
        f = rep["figures"][0]
        assert {"id", "start", "end", "text", "value", "unit", "kind", "decimals", "metric",
                "period", "section"} <= set(f)
        text = DOC.read_text("utf-8")
        assert all(text[g["start"]:g["end"]] == g["text"] for g in rep["figures"])

    def test_check_exit_1_on_fail(self):
        """check exits 1 when a check fails, 0 on a consistent report."""
        assert run("check", str(ERRORS)).returncode == 1
        assert run("check", str(DOC)).returncode == 0

    @pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\x00" * 50])
    def test_bad_input_one_line(self, tmp_path, content):
        """Empty or binary input: exit 2, one line on stderr, no traceback."""
        bad = tmp_path / "bad.txt"
        bad.write_bytes(content)
        out = run("check", str(bad))
        assert out.returncode == 2
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr

    def test_missing_path(self):
        """A path that does not exist: exit 2 with its name."""
        out = run("parse", "/no/such/report.txt")
        assert out.returncode == 2 and "/no/such/report.txt" in out.stderr

    def test_bad_file_in_folder_skipped(self, tmp_path):
        """A broken file among good ones is reported and the rest are still checked."""
        (tmp_path / "good.txt").write_bytes(DOC.read_bytes())
        (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
        out = run("parse", str(tmp_path), "--format", "jsonl", "--no-progress")
        assert out.returncode == 0
        assert len(out.stdout.splitlines()) == 1
        assert "skipped" in out.stderr and "broken.pdf" in out.stderr


class TestProgress:
    def test_folder_shows_progress(self, tmp_path):
        """Checking a folder of many documents draws a progress bar that reaches the end."""
        for i in range(40):
            (tmp_path / f"r{i:03d}.txt").write_bytes(DOC.read_bytes())
        out = run("check", str(tmp_path), "-o", str(tmp_path / "out.txt"))
        assert out.returncode == 0
        assert "40/40" in out.stderr
        assert "40 documents" in (tmp_path / "out.txt").read_text("utf-8")


class TestCrawlErrors:
    def test_unreachable_host(self, tmp_path):
        """A host that does not answer: exit 2, one line naming why, not 'disallowed'."""
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        out = run("crawl", f"http://127.0.0.1:{port}/xxgk/index.html", "--store",
                  str(tmp_path / "s.db"), "--delay", "0", "--no-progress")
        assert out.returncode == 2
        assert "unreachable" in out.stderr and out.stderr.count("\n") == 1
        assert "disallowed by robots.txt" in out.stdout and "0 disallowed" in out.stdout
