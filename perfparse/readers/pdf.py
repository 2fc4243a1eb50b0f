"""PDF files: page text in reading order with tables kept as tables, page furniture dropped."""
from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any, Union

from ..errors import BrokenFile, MissingExtra, UnsupportedFormat
from ..records import Document
from ..rules import table_units as rules
from .builder import DocumentBuilder
from .sheets import Merge, emit_table

# Pages past this cap are not parsed at all.
MAX_PAGES = 500
# A real PDF's header sits in its first kilobyte; its last %%EOF within the last few.
HEAD_BYTES = 1024
TAIL_BYTES = 4096
# A header or footer line repeats on at least this share of pages (and on two or more).
FURNITURE_SHARE = 0.5
# Cell edges closer than this (in points) are the same grid line.
EDGE_TOLERANCE = 1.0

_DIGITS = re.compile(r"\d+")
# pdfminer writes a glyph it cannot map to Unicode as "(cid:123)"; its digits are no figure.
_CID = re.compile(r"\(cid:\d{1,6}\)")
UNMAPPED = "\ufffd"
# Past this share of unmapped glyphs the text layer is unreadable as a whole.
MAX_UNMAPPED_SHARE = 0.2
_HTML_HEAD = re.compile(rb"^\s*<(?:!doctype|html|head|body|meta|title|\?xml)", re.IGNORECASE)

Item = Union[str, "_TableItem"]


class _TableItem:
    __slots__ = ("rows", "merges")

    def __init__(self, rows: list[list[str]], merges: list[Merge]):
        self.rows = rows
        self.merges = merges


def read_pdf(data: bytes, source: str) -> Document:
    """Read a PDF's text layer: lines outside tables, and each ruled table as rows and cells.

    Raises BrokenFile for a file that is encrypted, truncated, or not a PDF at all (an HTML
    error page), and UnsupportedFormat for a PDF with no text layer (scanned pages) or one
    whose fonts carry no Unicode map (its "text" would be glyph ids, not characters).
    """
    try:
        import pdfplumber
    except ImportError as exc:
        raise MissingExtra("pdf", "pdfplumber", "PDF files") from exc
    _check_envelope(data, source)
    try:
        pdf = pdfplumber.open(io.BytesIO(data), pages=list(range(1, MAX_PAGES + 1)))
    except Exception as exc:   # pdfplumber wraps every pdfminer error in one class
        raise _broken(exc, source) from exc
    pages: list[list[Item]] = []
    try:
        meta = _meta(pdf.metadata)
        for page in pdf.pages:
            pages.append(_read_page(page))
            page.close()   # drop the page's cached layout: memory stays flat
    except Exception as exc:
        raise _broken(exc, source) from exc
    finally:
        try:
            pdf.close()
        except Exception:   # close() walks the page tree again; a broken one fails there
            pdf.stream.close()
    if not any(pages_items for pages_items in pages):
        raise UnsupportedFormat(
            f"{source}: the PDF has no text layer (scanned pages?); OCR is not supported")
    unmapped, total = _count_unmapped(pages)
    if unmapped > MAX_UNMAPPED_SHARE * total:
        raise UnsupportedFormat(
            f"{source}: the PDF's text cannot be decoded ({unmapped} of {total} characters "
            "come from fonts without a Unicode map)")
    return _assemble(pages, meta, source)


def _check_envelope(data: bytes, source: str) -> None:
    head = data[:HEAD_BYTES]
    if b"%PDF-" not in head:
        if _HTML_HEAD.match(head):
            raise BrokenFile(f"{source}: holds an HTML page, not a PDF "
                             "(the portal answered with an error page?)")
        raise BrokenFile(f"{source}: not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-TAIL_BYTES:]:
        raise BrokenFile(f"{source}: truncated PDF (no %%EOF at the end; "
                         "incomplete download?)")


def _broken(exc: Exception, source: str) -> BrokenFile:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return BrokenFile(f"{source}: encrypted PDF (a password is needed to open it)")
    return BrokenFile(f"{source}: unreadable PDF ({name}: {inner})")


def _meta(info: dict[str, Any]) -> dict[str, str]:
    title = info.get("Title")
    if isinstance(title, str) and any("\u4e00" <= ch <= "\u9fff" for ch in title):
        return {"title": " ".join(title.split())}
    return {}


def _read_page(page: Any) -> list[Item]:
    """A page as a list of text lines and tables, top to bottom."""
    tables = []
    for found in page.find_tables():
        rows, merges = _grid(found)
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append((found.bbox, rows, merges))
    tables.sort(key=lambda t: t[0][1])
    boxes = [t[0] for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if "x0" not in obj:
            return True
        xc, yc = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= xc <= x1 and top <= yc <= bottom
                       for x0, top, x1, bottom in boxes)

    items: list[Item] = []
    if not tables:
        items.extend(_lines(page.extract_text() or ""))
        return items
    text_page = page.filter(outside)
    cuts = [float("-inf")] + [b[3] for b in boxes]
    # Text between the previous table's bottom and the next table's top, then the table.
    lower_edges = [b[1] for b in boxes] + [float("inf")]
    for i, lower in enumerate(lower_edges):
        upper = cuts[i]
        band = text_page.filter(
            lambda o, a=upper, b=lower: "top" not in o or a <= (o["top"] + o["bottom"]) / 2 < b)
        items.extend(_lines(band.extract_text() or ""))
        if i < len(tables):
            items.append(_TableItem(tables[i][1], tables[i][2]))
    return items


def _lines(text: str) -> list[str]:
    text = _CID.sub(UNMAPPED, text)
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def _count_unmapped(pages: list[list[Item]]) -> tuple[int, int]:
    unmapped = total = 0
    for items in pages:
        for item in items:
            for text in [item] if isinstance(item, str) else [c for r in item.rows for c in r]:
                unmapped += text.count(UNMAPPED)
                total += len(text) - text.count(" ")
    return unmapped, total


def _grid(table: Any) -> tuple[list[list[str]], list[Merge]]:
    """pdfplumber's table as a grid of text, with cells spanning grid lines as Merge blocks."""
    text_rows = table.extract()
    xs = sorted({round(c[0], 1) for c in table.cells})
    tops = sorted({round(c[1], 1) for c in table.cells})
    rows: list[list[str]] = []
    merges: list[Merge] = []
    for r, (row, cells) in enumerate(zip(text_rows, table.rows)):
        rows.append([_CID.sub(UNMAPPED, cell or "") for cell in row])
        for c, bbox in enumerate(cells.cells):
            if bbox is None:
                continue
            x0, top, x1, bottom = bbox
            c1 = c + sum(1 for x in xs if x0 + EDGE_TOLERANCE < x < x1 - EDGE_TOLERANCE)
            r1 = r + sum(1 for t in tops if top + EDGE_TOLERANCE < t < bottom - EDGE_TOLERANCE)
            if c1 > c or r1 > r:
                merges.append(Merge(r, c, r1, c1))
    return rows, merges


def _furniture(pages: list[list[Item]]) -> set[str]:
    """Header and footer lines: first or last lines that repeat across pages, digits aside."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for items in pages:
        edges = {_DIGITS.sub("#", it) for it in (items[:1] + items[-1:]) if isinstance(it, str)}
        counts.update(edges)
    need = max(2, int(len(pages) * FURNITURE_SHARE + 0.999))
    return {line for line, n in counts.items() if n >= need}


def _assemble(pages: list[list[Item]], meta: dict[str, str], source: str) -> Document:
    furniture = _furniture(pages)
    builder = DocumentBuilder()
    caption = ""
    for items in pages:
        items = list(items)
        # Strip page furniture from both ends of the page only: inside a page a bare
        # number line is a table cell, not a page number.
        while items and isinstance(items[0], str) and _is_furniture(items[0], furniture):
            items.pop(0)
        while items and isinstance(items[-1], str) and _is_furniture(items[-1], furniture):
            items.pop()
        for item in items:
            if isinstance(item, str):
                builder.add_lines(item)
                caption = item
            else:
                emit_table(builder, item.rows, item.merges, caption=caption)
                caption = ""
    return builder.build(meta, source=source)


def _is_furniture(line: str, furniture: set[str]) -> bool:
    return rules.PAGE_NUMBER.fullmatch(line) is not None or _DIGITS.sub("#", line) in furniture
