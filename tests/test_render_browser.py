"""The HTML audit page as a real headless Chromium loads, draws and runs it.

No browser driver package: the live-page tests talk to the system Chromium over the
DevTools protocol on a pipe (`--remote-debugging-pipe`: commands on fd 3, answers on fd 4,
one JSON message per NUL-terminated line), which needs nothing beyond the standard library.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

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
VIEWPORT = (1000, 700)
TIMEOUT = 30  # seconds for one browser run or one protocol answer; a normal one takes 1–2

# Markup in the report text and its metadata that would change the page if it ran.
HOSTILE = ("<script>document.title='pwned'</script>"
           "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">")
# A long text, so that the page scrolls and a figure can be far from where a link is.
FILLER = "本段为说明文字，不含数字。\n" * 120
TEXT = ("一、收支情况\n2020年收入337.10万元,支出249.52万元,结余87.57万元。" + HOSTILE + "\n"
        + FILLER + "项目执行率69.06%,完成率99.55%,覆盖率100%。\n" + FILLER)


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
            Report("b.txt", {"title": "第二份报告"}, TEXT, tuple(figs), (), checks[:2]),
            Report("c.txt", {"title": "第三份报告"}, TEXT, tuple(figs), (), checks[:1])]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "check.html"
    path.write_text(to_html(_reports(), command="perfparse check a.txt b.txt c.txt",
                            inputs=["a.txt", "b.txt", "c.txt"]), encoding="utf-8")
    return path


def _run(args: list[str], tmp: Path) -> subprocess.CompletedProcess[bytes]:
    cmd = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False,
                          env={**os.environ, "HOME": str(tmp)})


class DevTools:
    """One headless Chromium driven over --remote-debugging-pipe, with one page open."""

    def __init__(self, tmp: Path):
        cmd_r, self._cmd_w = os.pipe()   # our commands; Chromium reads them on fd 3
        self._res_r, res_w = os.pipe()   # its answers; Chromium writes them on fd 4

        def wire() -> None:  # in the child: put the pipe ends on fds 3 and 4
            a = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(res_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [str(CHROMIUM), *CHROMIUM_FLAGS, "--remote-debugging-pipe",
             f"--user-data-dir={tmp / 'profile'}", "about:blank"],
            preexec_fn=wire, pass_fds=(3, 4), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": str(tmp)})
        os.close(cmd_r)
        os.close(res_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=VIEWPORT[0],
                  height=VIEWPORT[1], deviceScaleFactor=1, mobile=False)

    def _message(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._res_r], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._res_r, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed its DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        while True:
            answer = self._message()
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
            self.events.append(answer)

    def wait_event(self, method: str) -> dict[str, Any]:
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._message())

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", session=True, expression=expression,
                           returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (scrolled into view first)."""
        box = self.js(f"(() => {{const e = document.querySelector({json.dumps(selector)});"
                      "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                      "return [r.left + r.width / 2, r.top + r.height / 2];})()")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", session=True, type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)
        self.js("new Promise(r => setTimeout(r, 300))")  # let the scroll settle

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (OSError, EOFError, TimeoutError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._cmd_w)
        os.close(self._res_r)


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
            ("status-pass", "check-1-c1"), ("status-fail", "check-1-c2"),
            ("status-pass", "check-2-c1")])
        assert dom.count('<tr id="row-') == 3

    def test_hostile_markup_inert(self, page_file: Path, tmp_path: Path) -> None:
        """Script and image markup from the report never became elements or ran."""
        dom = _run(["--dump-dom", page_file.as_uri()], tmp_path).stdout.decode("utf-8")
        assert dom.count("<script") == 1 and "<img" not in dom
        assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
        assert "<title>perfparse 核对报告</title>" in dom
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
    """The loaded page, inspected and clicked over the DevTools protocol."""

    @pytest.fixture(scope="class")
    def browser(self, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
        tools = DevTools(tmp_path_factory.mktemp("chromium"))
        try:
            yield tools
        finally:
            tools.close()

    @pytest.fixture
    def page(self, browser: DevTools, page_file: Path) -> DevTools:
        browser.open(page_file.as_uri())
        return browser

    def test_chinese_labels(self, page: DevTools) -> None:
        """Heading, summary columns and list headings are Chinese."""
        assert page.js("document.querySelector('h1').innerText") == "绩效与预决算报告数字核对"
        heads = page.js("[...document.querySelectorAll('table.summary th')].map(t => t.innerText)")
        assert heads[-4:] == ["不一致", "存疑", "无法核对", "通过"]
        titles = page.js("[...document.querySelectorAll('h2')].map(h => h.innerText)")
        assert "图例" in titles and "不一致的数字（2）" in titles and "存疑的数字（1）" in titles

    def test_legend_drawn(self, page: DevTools) -> None:
        """The legend shows four coloured swatches with their meaning."""
        items = page.js("[...document.querySelectorAll('.legend li')].map(l => l.innerText)")
        assert [i[:2] for i in items] == ["不一", "存疑", "无法", "通过"]
        colour = page.js("getComputedStyle(document.querySelector('.legend .status-fail'))"
                         ".backgroundColor")
        r, g, b = (int(x) for x in re.findall(r"\d+", colour)[:3])
        assert r > 200 and r - g > 60

    def test_run_shown(self, page: DevTools) -> None:
        """The page says which tool version made it, when, and from what command."""
        run = page.js("document.querySelector('dl.run').innerText")
        assert "perfparse 0." in run and "UTC" in run and "perfparse check a.txt" in run

    def test_status_filter(self, page: DevTools) -> None:
        """Unticking 通过 takes the colour off passing figures, not off failing ones."""
        page.click("input[name=status][value=pass]")
        assert page.js("document.body.classList.contains('hide-pass')") is True
        assert page.js("getComputedStyle(document.querySelector('mark.status-pass'))"
                       ".backgroundColor") == "rgba(0, 0, 0, 0)"
        assert page.js("getComputedStyle(document.querySelector('mark.status-fail'))"
                       ".backgroundColor") != "rgba(0, 0, 0, 0)"

    def test_status_filter_hides_list_items(self, page: DevTools) -> None:
        """Unticking 存疑 hides the uncertain list's items."""
        page.click("input[name=status][value=uncertain]")
        shown = page.js("[...document.querySelectorAll('ul.issues li.status-uncertain')]"
                        ".filter(li => li.offsetParent !== null).length")
        assert shown == 0

    def test_document_filter(self, page: DevTools) -> None:
        """Choosing one document hides the others' sections, rows and list items."""
        page.js("const s = document.getElementById('doc-filter'); s.value = 'doc-1';"
                "s.dispatchEvent(new Event('change', {bubbles: true}))")
        visible = page.js("[...document.querySelectorAll('details.report')]"
                          ".filter(d => !d.hidden).map(d => d.id)")
        assert visible == ["doc-1"]
        rows = page.js("[...document.querySelectorAll('table.summary tbody tr')]"
                       ".filter(r => r.offsetParent !== null).length")
        items = page.js("[...document.querySelectorAll('ul.issues li[data-doc]')]"
                        ".filter(li => li.offsetParent !== null).map(li => li.dataset.doc)")
        assert rows == 1 and set(items) == {"doc-1"}

    def test_collapsible(self, page: DevTools) -> None:
        """Documents with nothing to look at start folded; 全部展开 opens them all."""
        assert page.js("document.getElementById('doc-2').open") is False
        assert page.js("document.getElementById('doc-0').open") is True
        page.click("#expand-all")
        assert page.js("[...document.querySelectorAll('details.report')].every(d => d.open)")

    def test_failure_link_scrolls_to_highlighted_figure(self, page: DevTools) -> None:
        """A failure link, even into a folded document, lands on its figure: unfolded,
        in the middle of the window rather than at its top edge, outlined."""
        page.click("#collapse-all")
        page.click("a[href='#check-1-c2']")
        mark = "document.getElementById('check-1-c2')"
        assert page.js("document.getElementById('doc-1').open") is True
        top = page.js(f"{mark}.getBoundingClientRect().top")
        assert VIEWPORT[1] * 0.2 < top < VIEWPORT[1] * 0.8, top
        assert page.js(f"{mark}.classList.contains('current')") is True
        assert page.js(f"getComputedStyle({mark}).outlineStyle") == "solid"
        assert page.js(f"getComputedStyle({mark}).outlineWidth") == "3px"

    def test_merged_check_anchor_highlights_its_mark(self, page: DevTools) -> None:
        """A check merged into another's mark is found through its own anchor."""
        page.js("location.hash = 'check-0-c2b'")
        page.js("new Promise(r => setTimeout(r, 300))")
        assert page.js("document.getElementById('check-0-c2').classList.contains('current')")

    def test_hostile_markup_did_not_run(self, page: DevTools) -> None:
        """The report's <script> and onerror never ran: title and body are untouched."""
        assert page.js("document.title") == "perfparse 核对报告"
        assert page.js("document.body.getAttribute('data-pwned')") is None
        assert page.js("document.scripts.length") == 1

    def test_print_styles(self, page: DevTools) -> None:
        """Printed, the filters disappear and colours are kept."""
        page.call("Emulation.setEmulatedMedia", session=True, media="print")
        try:
            assert page.js("getComputedStyle(document.getElementById('filters')).display") \
                == "none"
        finally:
            page.call("Emulation.setEmulatedMedia", session=True, media="")
