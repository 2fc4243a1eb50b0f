"""The HTML audit page as a real headless Chromium loads and draws it."""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from perfparse.records import Check, Figure, Report
from perfparse.render.html import to_html

pytestmark = pytest.mark.browser

# Flags that keep a headless run quiet, offline and quick: no first-run UI, no background
# fetches (updates, sync, QUIC probes), no GPU, and no sandbox since CI runs as root.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars")
WINDOW = (1200, 1400)
TIMEOUT = 30  # seconds for one browser run; a normal run takes one or two

# Markup in the report text and its metadata that would change the page if it ran.
HOSTILE = ("<script>document.title='pwned'</script>"
           "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">")
TEXT = ("一、收支情况\n2020年收入337.10万元,支出249.52万元,结余87.57万元。" + HOSTILE +
        "\n项目执行率69.06%,完成率99.55%,覆盖率100%。")


def _chromium() -> str | None:
    for name in (os.environ.get("PERFPARSE_CHROMIUM", ""), "chromium", "chromium-browser",
                 "google-chrome"):
        if name and (path := shutil.which(name)):
            return path
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary on PATH (Debian: apt-get install -y chromium)")


def _figure(fid: str, surface: str) -> Figure:
    start = TEXT.index(surface)
    digits = surface.rstrip("万元%")
    return Figure(fid, start, start + len(surface), surface, Decimal(digits), "万元", "money",
                  len(digits.partition(".")[2]))


def _check(cid: str, status: str, figure: Figure, message: str) -> Check:
    return Check(cid, "ratio", status, message, figure.text, None, None, figure.start,
                 figure.end, (figure.id,))


def _reports() -> list[Report]:
    figs = [_figure("f1", "337.10万元"), _figure("f2", "249.52万元"), _figure("f3", "87.57万元"),
            _figure("f4", "69.06%"), _figure("f5", "99.55%"), _figure("f6", "100%")]
    checks = (_check("c1", "pass", figs[2], "337.10−249.52=87.58,在舍入范围内"),
              _check("c2", "fail", figs[3], "0.84÷2.55=32.94%,与报告的69.06%不符"),
              _check("c2b", "pass", figs[3], "另一读法一致"),
              _check("c3", "uncertain", figs[4], "按截断时相符"),
              _check("c4", "not_assessable", figs[5], "缺少分母"))
    meta = {"title": "2020年度某局绩效自评报告" + HOSTILE, "publisher": "某县某局"}
    return [Report("a.txt", meta, TEXT, tuple(figs), (), checks),
            Report("b.txt", {"title": "第二份报告"}, TEXT, tuple(figs), (), checks[:2])]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "check.html"
    path.write_text(to_html(_reports()), encoding="utf-8")
    return path


def _run(args: list[str], tmp: Path) -> subprocess.CompletedProcess[bytes]:
    cmd = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False,
                          env={**os.environ, "HOME": str(tmp)})


@needs_chromium
class TestDumpedDom:
    def test_marks_after_load(self, page_file: Path, tmp_path: Path) -> None:
        """After load the DOM holds one mark per checked figure, with status classes."""
        done = _run(["--dump-dom", page_file.as_uri()], tmp_path)
        dom = done.stdout.decode("utf-8")
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-500:]
        marks = re.findall(r'<mark class="(status-[a-z_]+)" id="(check-\d+-\w+)"', dom)
        assert sorted(marks) == sorted([
            ("status-pass", "check-0-c1"), ("status-fail", "check-0-c2"),
            ("status-uncertain", "check-0-c3"), ("status-not_assessable", "check-0-c4"),
            ("status-pass", "check-1-c1"), ("status-fail", "check-1-c2")])
        assert dom.count('<tr id="row-') == 2

    def test_hostile_markup_inert(self, page_file: Path, tmp_path: Path) -> None:
        """Script and image markup in the report never became elements or ran."""
        dom = _run(["--dump-dom", page_file.as_uri()], tmp_path).stdout.decode("utf-8")
        assert "<script" not in dom and "<img" not in dom
        assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
        assert "<title>perfparse check</title>" in dom
        assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom


@needs_chromium
class TestScreenshot:
    def test_screenshot_drawn(self, page_file: Path, tmp_path: Path) -> None:
        """Chromium draws the page into a PNG of the window's size with real content."""
        shot = tmp_path / "check.png"
        _run([f"--screenshot={shot}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
              page_file.as_uri()], tmp_path)
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == WINDOW
        assert len(data) > 20_000  # a blank page of this size compresses to a few kB


@needs_chromium
class TestLivePage:
    """The loaded page inspected over the DevTools protocol through Playwright."""

    @pytest.fixture(scope="class")
    def page(self, page_file: Path):  # type: ignore[no-untyped-def]
        sync_api = pytest.importorskip(
            "playwright.sync_api", reason="pip package playwright not installed")
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True,
                args=[f for f in CHROMIUM_FLAGS if f != "--headless"])
            try:
                page = browser.new_page(viewport={"width": 1000, "height": 700})
                page.goto(page_file.as_uri(), wait_until="load", timeout=TIMEOUT * 1000)
                yield page
            finally:
                browser.close()

    def test_fail_marks_counted(self, page) -> None:  # type: ignore[no-untyped-def]
        """The live DOM has one failing mark per report and four marks in the first."""
        assert page.evaluate("document.querySelectorAll('mark.status-fail').length") == 2
        assert page.evaluate("document.querySelectorAll('#doc-0 mark').length") == 4

    def test_fail_mark_red_and_visible(self, page) -> None:  # type: ignore[no-untyped-def]
        """A failing mark is drawn on a red-ish background with a non-empty box."""
        colour = page.evaluate(
            "getComputedStyle(document.getElementById('check-0-c2')).backgroundColor")
        r, g, b = (int(x) for x in re.findall(r"\d+", colour)[:3])
        assert r > 200 and r - g > 60 and r - b > 60, colour
        box = page.locator("#check-0-c2").bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0
        assert page.locator("#check-0-c2").is_visible()

    def test_status_colours_differ(self, page) -> None:  # type: ignore[no-untyped-def]
        """Pass is green-ish, uncertain amber-ish, not_assessable grey."""
        def rgb(selector: str) -> tuple[int, ...]:
            colour = page.evaluate(
                f"getComputedStyle(document.querySelector('{selector}')).backgroundColor")
            return tuple(int(x) for x in re.findall(r"\d+", colour)[:3])
        r, g, b = rgb("mark.status-pass")
        assert g > r and g > b
        r, g, b = rgb("mark.status-uncertain")
        assert r > b + 60 and g > b + 60
        r, g, b = rgb("mark.status-not_assessable")
        assert r == g == b

    def test_merged_mark_text_and_message(self, page) -> None:  # type: ignore[no-untyped-def]
        """The figure judged twice is one fail mark whose tooltip joins both messages."""
        assert page.locator("#check-0-c2").inner_text() == "69.06%"
        title = page.locator("#check-0-c2").get_attribute("title") or ""
        assert "32.94%" in title and "另一读法一致" in title
        explain = page.evaluate(
            "document.getElementById('check-0-c2').nextElementSibling.className")
        assert explain == "explain status-fail"

    def test_hostile_markup_did_not_run(self, page) -> None:  # type: ignore[no-untyped-def]
        """The report's <script> and onerror never ran: title and body are untouched."""
        assert page.title() == "perfparse check"
        assert page.evaluate("document.body.getAttribute('data-pwned')") is None
        assert page.evaluate("document.scripts.length") == 0

    def test_failure_link_scrolls_to_mark(self, page) -> None:  # type: ignore[no-untyped-def]
        """Following a failure link brings its mark into the viewport."""
        page.click("a[href='#check-1-c2']")
        top = page.evaluate("document.getElementById('check-1-c2').getBoundingClientRect().top")
        assert 0 <= top < 700
