"""Plain text: decoding bytes, and reading a .txt report without changing its text."""
from __future__ import annotations

import regex

from ..errors import UndecodableInput
from ..records import Cell, Document, Table
from .builder import CELL_SEP
from .encoding import decode_html
from .meta import extract_meta


def _is_garbage(text: str) -> bool:
    """Text with many control characters is binary that happened to decode."""
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    return bad / len(sample) > 0.02


def decode(data: bytes, content_type: str | None = None, source: str = "input") -> str:
    """Decode report bytes with the crawler's rules (BOM, declared label, GB18030, detection),
    refusing binary data that happens to decode.

    >>> decode("增长6.67%".encode("gbk"))
    '增长6.67%'
    """
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UndecodableInput(f"{source}: binary data, not text")
    try:
        text, _ = decode_html(data, content_type)
    except UndecodableInput as exc:
        raise UndecodableInput(f"{source}: {exc}") from exc
    if _is_garbage(text):
        raise UndecodableInput(f"{source}: bytes are not text in UTF-8, GB18030 or any "
                               "detected encoding")
    return text


_PIPE_ROW = regex.compile(r"^[^\n]*\S \| \S[^\n]*$", regex.M)
_UNIT_LINE = regex.compile(r"(?:金额)?单位[:：]\s*(亿元|万元|千元|元)")


def pipe_tables(text: str) -> tuple[Table, ...]:
    """Tables written in plain text as runs of lines with cells separated by " | "."""
    tables = []
    lines = list(_PIPE_ROW.finditer(text))
    i = 0
    while i < len(lines):
        run = [lines[i]]
        while i + 1 < len(lines) and lines[i + 1].start() == run[-1].end() + 1:
            i += 1
            run.append(lines[i])
        i += 1
        rows = []
        for r, m in enumerate(run):
            cells, pos = [], m.start()
            for c, part in enumerate(m.group().split(CELL_SEP)):
                stripped = part.strip()
                lead = len(part) - len(part.lstrip())
                cells.append(Cell(r, c, pos + lead, pos + lead + len(stripped), stripped))
                pos += len(part) + len(CELL_SEP)
            rows.append(tuple(cells))
        before = text[max(0, run[0].start() - 200):run[0].start()]
        unit = _UNIT_LINE.findall(before)
        tables.append(Table(run[0].start(), run[-1].end(), tuple(rows), 1,
                            unit[-1] if unit else None))
    return tuple(tables)


_LINE = regex.compile(r"^.*$", regex.M)
_NUMBER_CELL = regex.compile(r"-?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?[ ]?%?")
# A line that can be one cell of a flattened table: short, no sentence punctuation.
MAX_ROW_LABELS = 3
_CELL_LINE = regex.compile(r"[^。，,；;|！？]{1,24}")


def _fit(cells: list, labels: int, numbers: int) -> list[list]:
    """Rows from the front of `cells`, each `labels` text cells then `numbers` numbers."""
    n = labels + numbers
    shape = [False] * labels + [True] * numbers
    rows = []
    for i in range(0, len(cells) - n + 1, n):
        row = cells[i:i + n]
        if [bool(_NUMBER_CELL.fullmatch(c.group().strip())) for c in row] != shape:
            break
        rows.append(row)
    return rows


def line_tables(text: str) -> tuple[Table, ...]:
    """Tables flattened one cell per line (PDF and .xls extractions): a run of header lines,
    then rows of the same width, each up to three labels and then numbers.

    >>> t = line_tables("编制数\\n实际在职人数\\n控制率\\n46\\n50\\n108.70%\\n")[0]
    >>> [[c.text for c in row] for row in t.rows]
    [['编制数', '实际在职人数', '控制率'], ['46', '50', '108.70%']]
    """
    tables = []
    run: list = []
    for m in list(_LINE.finditer(text)) + [None]:
        cell = m is not None and _CELL_LINE.fullmatch(m.group().strip() or "。")
        if cell:
            run.append(m)
            continue
        tables.extend(_tables_in_run(text, run))
        run = []
    return tuple(tables)


def _tables_in_run(text: str, run: list) -> list[Table]:
    out = []
    i = 0
    while i < len(run):
        if _NUMBER_CELL.fullmatch(run[i].group().strip()):
            i += 1
            continue
        j = i  # run[i:j] are text lines, run[j:k] the numbers after them
        while j < len(run) and not _NUMBER_CELL.fullmatch(run[j].group().strip()):
            j += 1
        k = j
        while k < len(run) and _NUMBER_CELL.fullmatch(run[k].group().strip()):
            k += 1
        numbers, best = k - j, None
        # The first row's labels sit just above its numbers, the header above them; the
        # reading that fits the most rows wins (fewer labels on a tie).
        for labels in range(MAX_ROW_LABELS + 1):
            n = numbers + labels
            if n < 2 or j - i < n + labels:
                continue
            head = run[j - n - labels:j - labels]
            rows = _fit(run[j - labels:], labels, numbers)
            if rows and (best is None or len(rows) > len(best[1])):
                best = (head, rows)
        if best is None:
            i = max(k, i + 1)
            continue
        head, rows = best
        grid = []
        for r, row in enumerate([head] + rows):
            cells = []
            for c, m in enumerate(row):
                s = m.group()
                lead = len(s) - len(s.lstrip())
                cells.append(Cell(r, c, m.start() + lead, m.start() + lead + len(s.strip()),
                                  s.strip()))
            grid.append(tuple(cells))
        start, end = grid[0][0].start, grid[-1][-1].end
        unit = _UNIT_LINE.findall(text[max(0, start - 200):start])
        out.append(Table(start, end, tuple(grid), 1, unit[-1] if unit else None))
        i = run.index(rows[-1][-1]) + 1
    return out


def read_text(text: str, source: str = "") -> Document:
    """A plain-text report: the text is kept exactly as decoded (offsets stay valid)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    tables = sorted(pipe_tables(text) + line_tables(text), key=lambda t: t.start)
    return Document(text, extract_meta(text), tuple(tables), (), source)
