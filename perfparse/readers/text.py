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


def read_text(text: str, source: str = "") -> Document:
    """A plain-text report: the text is kept exactly as decoded (offsets stay valid)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return Document(text, extract_meta(text), pipe_tables(text), (), source)
