"""Plain text: decoding bytes, and reading a .txt report without changing its text."""
from __future__ import annotations

import codecs

import regex

from ..errors import UndecodableInput
from ..records import Document
from .builder import CELL_SEP
from .meta import extract_meta
from ..records import Cell, Table

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_CHARSET = regex.compile(r"charset\s*=\s*[\"']?([\w\-]+)", regex.I)
# Labels that portals get wrong: gb2312 pages hold GBK/GB18030 characters.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
          "cp936": "gb18030", "ascii": "utf-8", "iso-8859-1": "utf-8"}


def _is_garbage(text: str) -> bool:
    """Text with many control characters is binary that happened to decode."""
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    return bad / len(sample) > 0.02


def decode(data: bytes, content_type: str | None = None, source: str = "input") -> str:
    """Decode report bytes: BOM, then a declared charset that fits, then UTF-8, GB18030, detection.

    >>> decode("增长6.67%".encode("gbk"))
    '增长6.67%'
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    if b"\x00" in data[:4096] and not data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UndecodableInput(f"{source}: binary data, not text")
    candidates = []
    declared = None
    if content_type:
        m = _CHARSET.search(content_type)
        declared = m.group(1).lower() if m else None
    if declared:
        candidates.append(_WIDER.get(declared, declared))
    candidates += ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _is_garbage(text):
            return text
    from charset_normalizer import from_bytes
    best = from_bytes(data[:200000]).best()
    if best is not None:
        text = data.decode(best.encoding, errors="replace")
        if not _is_garbage(text):
            return text
    raise UndecodableInput(f"{source}: bytes are not text in UTF-8, GB18030 or any detected encoding")


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
