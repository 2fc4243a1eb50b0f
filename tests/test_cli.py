"""The command line as a user runs it: exit statuses, one-line errors, progress, formats."""
import json
import os
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

    def test_page_without_text_says_why(self, tmp_path):
        """A page whose body is only pictures: the terminal report says so and where to look,
        rather than a bare 0 figures."""
        page = tmp_path / "gb.html"
        imgs = "".join(f"<p><img src='/uploads/gb{i}.png'></p>" for i in range(3))
        page.write_text("<html><head><meta charset='utf-8'><title>统计公报</title></head><body>"
                        "<h1>某县2024年国民经济和社会发展统计公报</h1><p>发布日期：2025-03-05</p>"
                        f"<div class='article-content'>{imgs}</div></body></html>", "utf-8")
        out = run("check", str(page), "--no-progress")
        assert out.returncode == 0
        assert "no article text on this page: the body is images only" in out.stdout

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
    def test_no_bar_when_redirected(self, tmp_path):
        """stderr not a terminal: no progress bar unless asked for."""
        for i in range(5):
            (tmp_path / f"r{i:03d}.txt").write_bytes(DOC.read_bytes())
        out = run("check", str(tmp_path), "-o", str(tmp_path / "out.txt"))
        assert out.returncode == 0
        assert "5/5" not in out.stderr and "\r" not in out.stderr

    def test_progress_asked_for(self, tmp_path):
        """--progress draws a bar that reaches the end, even into a pipe."""
        for i in range(40):
            (tmp_path / f"r{i:03d}.txt").write_bytes(DOC.read_bytes())
        out = run("check", str(tmp_path), "-o", str(tmp_path / "out.txt"), "--progress")
        assert out.returncode == 0
        assert "40/40" in out.stderr
        assert "40 documents" in (tmp_path / "out.txt").read_text("utf-8")

    @pytest.mark.parametrize("command", ["parse", "check", "crawl", "batch", "eval", "demo"])
    def test_every_long_command_has_the_switch(self, command):
        """--progress/--no-progress and -v/-q exist on every long-running command."""
        text = run(command, "--help").stdout
        assert "--progress" in text and "--no-progress" in text
        assert "-v" in text and "-q" in text


class TestCrawlErrors:
    def test_unreachable_host(self, tmp_path):
        """A refused connection fails at once with 'cannot connect to HOST', no retries."""
        import socket
        import time
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        began = time.monotonic()
        out = run("crawl", f"http://127.0.0.1:{port}/xxgk/index.html", "--store",
                  str(tmp_path / "s.db"), "--delay", "0", "--no-progress")
        assert out.returncode == 2
        assert f"cannot connect to 127.0.0.1:{port}" in out.stderr
        assert out.stderr.count("\n") == 1
        assert "0 disallowed" in out.stdout
        # No backoff of 1 + 2 + 4 s: the whole command is interpreter start-up and one attempt.
        assert time.monotonic() - began < 5

    def test_check_url_refused(self):
        """check on a URL nobody serves says it cannot connect, exit 2."""
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        out = run("check", f"http://127.0.0.1:{port}/a.html")
        assert out.returncode == 2 and f"cannot connect to 127.0.0.1:{port}" in out.stderr


class TestHelp:
    COMMANDS = ("parse", "check", "eval", "crawl", "demo", "batch", "export")

    @pytest.mark.parametrize("command", COMMANDS)
    def test_every_option_explained_with_an_example(self, command):
        """Each command's help has an example and a text for every option."""
        from perfparse.cli import build_parser
        parser = build_parser()
        sub = next(a for a in parser._actions if a.dest == "command").choices[command]
        assert "examples:" in sub.epilog and f"perfparse {command}" in sub.epilog
        for action in sub._actions:
            assert action.help, (command, action.option_strings or action.dest)

    def test_defaults_shown(self):
        """Defaults that matter appear in the help text."""
        def text(command):
            return " ".join(run(command, "--help").stdout.split())
        assert "(default: perfparse.db)" in text("crawl") and "(default: 1.0)" in text("crawl")
        assert "(default: json)" in text("parse") and "(default: perfparse.db)" in text("batch")


class TestLogging:
    def test_library_configures_nothing(self):
        """Importing perfparse adds no logging handler anywhere."""
        code = ("import logging, perfparse, perfparse.cli, perfparse.scrape.command;"
                "print(len(logging.getLogger().handlers), "
                "len(logging.getLogger('perfparse').handlers))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.stdout.split() == ["0", "0"]

    def test_verbose_says_what_is_done(self, tmp_path):
        """-v logs what the demo serves and checks; -q keeps stdout and stderr quiet."""
        out = run("demo", "-v", "-o", str(tmp_path / "d.html"))
        assert out.returncode == 0
        assert "serving trs" in out.stderr and "checked " in out.stderr
        quiet = run("demo", "-q", "-o", str(tmp_path / "q.html"))
        assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


class TestSkipping:
    def test_missing_path_among_several(self, tmp_path):
        """A missing path among several is skipped; the rest are read."""
        out = run("check", str(DOC), str(tmp_path / "gone.txt"))
        assert out.returncode == 0
        assert f"perfparse: skipped: {tmp_path / 'gone.txt'}: no such file or folder" \
            in out.stderr
        assert "1 document," in out.stdout and "1 skipped" in out.stdout

    def test_all_unreadable_is_exit_2(self, tmp_path):
        """When no input can be read: each one named, then one error line, exit 2."""
        (tmp_path / "a.txt").write_bytes(b"")
        (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 truncated")
        out = run("check", str(tmp_path))
        lines = out.stderr.splitlines()
        assert out.returncode == 2 and len(lines) == 3
        assert lines[0].startswith("perfparse: skipped: ") and "a.txt" in lines[0]
        assert lines[-1].startswith("perfparse: error: none of the 2 inputs could be read")

    def test_fail_found_beside_a_skip_is_1(self, tmp_path):
        """A fail in what was read gives 1 even when another input was skipped."""
        (tmp_path / "a.txt").write_bytes(ERRORS.read_bytes())
        (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 truncated")
        out = run("check", str(tmp_path))
        assert out.returncode == 1 and "skipped" in out.stderr

    def test_bug_in_one_document_does_not_stop_the_folder(self, tmp_path, monkeypatch,
                                                          capsys):
        """An unexpected exception is that document's error (type and message); -v adds
        the traceback; the other documents are still checked."""
        import perfparse.cli as cli
        (tmp_path / "a.txt").write_bytes(DOC.read_bytes())
        (tmp_path / "b.txt").write_bytes(DOC.read_bytes())
        real = cli._report_for

        def flaky(item, fetch=None):
            if item.endswith("a.txt"):
                raise KeyError("boom")
            return real(item, fetch)
        monkeypatch.setattr(cli, "_report_for", flaky)
        assert cli.main(["check", str(tmp_path), "--format", "jsonl"]) == 0
        captured = capsys.readouterr()
        assert f"perfparse: skipped: {tmp_path / 'a.txt'}: KeyError: 'boom'" in captured.err
        assert "Traceback" not in captured.err
        assert len(captured.out.splitlines()) == 1
        assert cli.main(["check", str(tmp_path), "--format", "jsonl", "-v"]) == 0
        assert "Traceback" in capsys.readouterr().err

    def test_single_bug_is_one_line(self, tmp_path, monkeypatch, capsys):
        """With a single input, an unexpected exception is one error line, exit 2."""
        import perfparse.cli as cli
        monkeypatch.setattr(cli, "_report_for", lambda item, fetch=None: 1 / 0)
        assert cli.main(["check", str(DOC)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "ZeroDivisionError" in err


class TestStreaming:
    def test_jsonl_written_as_read(self, tmp_path):
        """Each report is one JSON line, in input order."""
        for i in range(3):
            (tmp_path / f"r{i}.txt").write_bytes(DOC.read_bytes())
        out = run("parse", str(tmp_path), "--format", "jsonl")
        sources = [json.loads(line)["source"] for line in out.stdout.splitlines()]
        assert sources == [str(tmp_path / f"r{i}.txt") for i in range(3)]

    def test_json_array_valid(self, tmp_path):
        """check --format json streams one valid array."""
        for i in range(3):
            (tmp_path / f"r{i}.txt").write_bytes(DOC.read_bytes())
        out = run("check", str(tmp_path), "--format", "json")
        assert len(json.loads(out.stdout)) == 3

    def test_cross_year_whichever_comes_first(self, tmp_path):
        """The later year's report is checked against the earlier one even when it is
        read first; the output keeps the input order."""
        from test_checks import LATER, PRIOR
        (tmp_path / "a-2023.txt").write_text(LATER.format(prev="12.80", chg="2.80"), "utf-8")
        (tmp_path / "b-2022.txt").write_text(PRIOR, "utf-8")
        (tmp_path / "c-other.txt").write_bytes(DOC.read_bytes())
        out = run("check", str(tmp_path), "--format", "json")
        reports = json.loads(out.stdout)
        assert out.returncode == 1
        assert [os.path.basename(r["source"]) for r in reports] == \
            ["a-2023.txt", "b-2022.txt", "c-other.txt"]
        assert [c["status"] for c in reports[0]["checks"] if c["rule"] == "cross_year"] == \
            ["fail"]

    def test_output_file_summary(self, tmp_path):
        """check -o says on stderr what it wrote."""
        out = run("check", str(ERRORS), "--format", "html", "-o", str(tmp_path / "a.html"))
        assert out.returncode == 1
        assert "1 documents" in out.stderr and f"wrote {tmp_path / 'a.html'}" in out.stderr


class TestEvalAndExport:
    def test_eval_without_gold(self, tmp_path):
        """eval on a folder without gold files exits 2 with one line."""
        (tmp_path / "a.txt").write_bytes(DOC.read_bytes())
        out = run("eval", str(tmp_path))
        assert out.returncode == 2 and out.stderr.count("\n") == 1
        assert "no gold files" in out.stderr

    def test_export_missing_store_creates_nothing(self, tmp_path):
        """export with a store that does not exist leaves no -o folder behind."""
        out = run("export", "--store", str(tmp_path / "none.db"), "--format", "csv",
                  "-o", str(tmp_path / "tables"))
        assert out.returncode == 2 and "no such store" in out.stderr
        assert not (tmp_path / "tables").exists()

    def test_parked_report_round_trip(self):
        """A report parked on disk comes back the same, down to its JSON."""
        from perfparse import parse_file
        from perfparse.cli import _pack, _unpack
        report = parse_file(ERRORS)
        back = _unpack(_pack(report))
        assert back.to_dict(include_text=True) == report.to_dict(include_text=True)
        assert back.meta == report.meta and back.document is None
