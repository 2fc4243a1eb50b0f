"""Word .docx files: paragraphs and tables in document order, merged cells kept as spans."""
from __future__ import annotations

import io
from typing import Any, Iterator

from ..errors import BrokenFile, MissingExtra
from ..records import Document
from .builder import DocumentBuilder
from .sheets import MAX_COLS, MAX_ROWS, Merge, emit_table
from .text import REJOINED
from .unwrap import looks_hard_wrapped, rejoin

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W_NS
# Body paragraphs and table cells past these caps are not read.
MAX_BLOCKS = 200_000


def read_docx(data: bytes, source: str) -> Document:
    """Read a .docx: each paragraph a line, each table rows and cells, in body order."""
    try:
        import docx
        from docx.text.paragraph import Paragraph
    except ImportError as exc:
        raise MissingExtra("office", "python-docx", ".docx files") from exc
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _read_blocks(document, Paragraph)
        title = (document.core_properties.title or "").strip()
    except Exception as exc:   # python-docx, lxml and zlib each fail in their own way
        raise BrokenFile(f"{source}: not a readable .docx document "
                         f"({type(exc).__name__}: {exc})") from exc
    builder = DocumentBuilder()
    # A .docx converted from a PDF keeps every printed line as a paragraph (or a line
    # break): such a document is rejoined into paragraphs, as the PDF would be.
    lines = [ln for b in blocks if isinstance(b, str) for ln in b.split("\n")]
    wrapped = looks_hard_wrapped(lines)
    caption = ""
    run: list[str] = []

    def flush() -> str:
        paragraphs = rejoin(run) if wrapped else [" ".join(p.split("\n")) for p in run]
        for paragraph in paragraphs:
            builder.add_paragraph(paragraph)
        run.clear()
        return next((p.strip() for p in reversed(paragraphs) if p.strip()), "")

    for block in blocks:
        if isinstance(block, str):
            # Each printed line is a paragraph of its own: rejoin decides where one ends.
            run.extend(block.split("\n") if wrapped else [block])
            continue
        caption = flush() or caption
        emit_table(builder, block[0], block[1], caption=caption)
        caption = ""
    flush()
    meta = {"title": title} if title else {}
    if wrapped:
        meta[REJOINED] = "true"
    return builder.build(meta, source=source)


def _read_blocks(document: Any, paragraph_cls: Any) -> list[Any]:
    """The body as paragraph strings and (rows, merges) tables, in order."""
    out: list[Any] = []
    for n, elem in enumerate(_blocks(document.element.body)):
        if n >= MAX_BLOCKS:
            break
        if elem.tag == _W + "p":
            out.append(paragraph_cls(elem, document).text)
        else:
            out.append(_grid(elem, paragraph_cls, document))
    return out


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables under `parent`, descending into content controls (TOC blocks)."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag in (_W + "p", _W + "tbl"):
            yield child
        elif tag in (_W + "sdt", _W + "customXml", _W + "sdtContent"):
            inner = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
            if inner is not None:
                yield from _blocks(inner)


def _attr_int(elem: Any, path: str, default: int) -> int:
    node = elem.find(path)
    if node is None:
        return default
    try:
        return max(1, int(node.get(_W + "val", default)))
    except (TypeError, ValueError):
        return default


def _grid(tbl: Any, paragraph_cls: Any, parent: Any) -> tuple[list[list[str]], list[Merge]]:
    """A table's cell text on a grid, with gridSpan and vMerge turned into Merge blocks."""
    rows: list[list[str]] = []
    merges: list[Merge] = []
    open_v: dict[int, list[int]] = {}     # start column -> [row0, col0, col1, row1]
    for r, tr in enumerate(tbl.iterchildren(_W + "tr")):
        if r >= MAX_ROWS:
            break
        row: list[str] = [""] * _attr_int(tr, f"{_W}trPr/{_W}gridBefore", 0)
        seen: set[int] = set()
        for tc in tr.iterchildren(_W + "tc"):
            c = len(row)
            if c >= MAX_COLS:
                break
            span = _attr_int(tc, f"{_W}tcPr/{_W}gridSpan", 1)
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            state = None if vmerge is None else (vmerge.get(_W + "val") or "continue")
            seen.add(c)
            if state == "continue" and c in open_v:
                open_v[c][3] = r
                row.extend([""] * span)
                continue
            if c in open_v:
                _close(open_v.pop(c), merges)
            text = "\n".join(paragraph_cls(p, parent).text for p in tc.iter(_W + "p"))
            row.append(text)
            row.extend([""] * (span - 1))
            if state == "restart":
                open_v[c] = [r, c, c + span - 1, r]
            elif span > 1:
                merges.append(Merge(r, c, r, c + span - 1))
        for c in [c for c in open_v if c not in seen]:
            _close(open_v.pop(c), merges)
        rows.append(row)
    for block in open_v.values():
        _close(block, merges)
    return rows, merges


def _close(block: list[int], merges: list[Merge]) -> None:
    r0, c0, c1, r1 = block
    if r1 > r0 or c1 > c0:
        merges.append(Merge(r0, c0, r1, c1))
