"""PDF files: page text in reading order with tables kept as tables, page furniture dropped.

pdfium (pypdfium2) gives each page's text in reading order: it follows the content stream,
so digits set in a second font on a lower baseline stay inside their sentence, where a
layout analysis by position (pdfminer) puts every number on a line of its own. Only pages
that draw lines or boxes can hold a ruled table; on those, pdfplumber's table finder turns
the ruling lines pdfium reports into cells, each cell's text is read from pdfium inside the
cell's box, and the text around the tables from pdfium inside the bands between them.
Hard-wrapped lines are rejoined into paragraphs (readers/unwrap.py).
"""
from __future__ import annotations

import ctypes
import re
import threading
from collections import Counter
from typing import Any, Union

from ..errors import BrokenFile, MissingExtra, UnsupportedFormat
from ..records import Document
from ..rules import table_units as rules
from .builder import DocumentBuilder
from .sheets import Merge, emit_table, find_unit
from .unwrap import rejoin

PDFIUM_LOCK = threading.Lock()
# Pages past this cap are not parsed at all.
MAX_PAGES = 500
# A real PDF's header sits in its first kilobyte; its last %%EOF within the last few.
HEAD_BYTES = 1024
TAIL_BYTES = 4096
# A header or footer line repeats on at least this share of pages (and on two or more).
FURNITURE_SHARE = 0.5
# Cell edges closer than this (in points) are the same grid line.
EDGE_TOLERANCE = 1.0
# pdfplumber's table settings (its defaults): lines closer than SNAP are one line, collinear
# pieces with gaps under JOIN are one line, shorter than MIN_EDGE are noise, and lines that
# pass within INTERSECT of each other cross.
SNAP = 3.0
JOIN = 3.0
MIN_EDGE = 3.0
INTERSECT = 3.0
# A page needs this many ruling lines before a table is looked for (a box has four).
MIN_EDGES = 4
# A table's cell is read a little inside its ruling lines, so that text touching a border
# from outside (a caption, the next cell's overhang) stays out.
CELL_INSET = 2.5
# Past this many path segments on one page (a drawing, a chart) no table is looked for.
MAX_SEGMENTS = 50_000
# Running headers and footers sit within this share of the page's height from its top or
# bottom edge, page numbers within the wider share (公文 pages keep 35 mm below the text).
# pdfium gives text in the order it was drawn, so a page number drawn first is not the
# page's last line: the margins are read by position.
MARGIN_SHARE = 0.06
NUMBER_MARGIN_SHARE = 0.13
# Form XObjects nest; past this depth their contents are not searched for ruling lines.
MAX_FORM_DEPTH = 8

_DIGITS = re.compile(r"\d+")
# A line that ends inside a sentence (a character or a digit, no mark), and one that ends one.
_MID_SENTENCE = re.compile(r"[\u3400-\u9fffA-Za-z\d]$")
_SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]?$")
UNMAPPED = "\ufffd"
# Past this share of unmapped glyphs the text layer is unreadable as a whole.
MAX_UNMAPPED_SHARE = 0.2
_HTML_HEAD = re.compile(rb"^\s*<(?:!doctype|html|head|body|meta|title|\?xml)", re.IGNORECASE)
# pdfium writes soft hyphens as \x02 and may leave other controls; none is text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Item = Union[str, "_TableItem"]


class _TableItem:
    __slots__ = ("rows", "merges")

    def __init__(self, rows: list[list[str]], merges: list[Merge]):
        self.rows = rows
        self.merges = merges


class _Page:
    """One page read: its items (lines and tables), the lines in its top and bottom margins
    (where headers, footers and page numbers sit: near the edge, then a little further in),
    and its count of unmapped glyphs."""
    __slots__ = ("items", "top", "bottom", "wide_top", "wide_bottom", "width", "unmapped",
                 "chars")

    def __init__(self, items: list[Item], margins: list[list[str]], width: float,
                 unmapped: int, chars: int):
        self.items = items
        self.top, self.bottom, self.wide_top, self.wide_bottom = margins
        self.width = width
        self.unmapped = unmapped
        self.chars = chars


def read_pdf(data: bytes, source: str) -> Document:
    """Read a PDF's text layer: lines outside tables, and each ruled table as rows and cells.

    Raises BrokenFile for a file that is encrypted, truncated, or not a PDF at all (an HTML
    error page), and UnsupportedFormat for a PDF with no text layer (scanned pages) or one
    whose fonts carry no Unicode map (its "text" would be glyph ids, not characters).
    """
    pdfium, raw, table_finder = _libraries()
    _check_envelope(data, source)
    # pdfium is not thread-safe, not even across documents: one thread at a time in it (a
    # batch worker reads attachments on many host threads at once).
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise _broken(exc, source) from exc
        pages: list[_Page] = []
        try:
            meta = _meta(pdf)
            for index in range(min(len(pdf), MAX_PAGES)):
                page = pdf[index]
                try:
                    pages.append(_read_page(page, raw, table_finder))
                finally:
                    page.close()
        except Exception as exc:   # pdfium and the table finder fail each in their own way
            raise _broken(exc, source) from exc
        finally:
            pdf.close()
    if not any(p.items for p in pages):
        raise UnsupportedFormat(
            f"{source}: the PDF has no text layer (scanned pages?); OCR is not supported")
    unmapped = sum(p.unmapped for p in pages)
    total = sum(p.chars for p in pages)
    if unmapped > MAX_UNMAPPED_SHARE * total:
        raise UnsupportedFormat(
            f"{source}: the PDF's text cannot be decoded ({unmapped} of {total} characters "
            "come from fonts without a Unicode map)")
    return _assemble(pages, meta, source)


def _libraries() -> tuple[Any, Any, Any]:
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError as exc:
        raise MissingExtra("pdf", "pypdfium2", "PDF files") from exc
    try:
        import pdfplumber.table as table_finder
    except ImportError as exc:
        raise MissingExtra("pdf", "pdfplumber", "PDF files") from exc
    return pdfium, raw, table_finder


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
    message = str(exc)
    if "password" in message.lower() or "security" in message.lower():
        return BrokenFile(f"{source}: encrypted PDF (a password is needed to open it)")
    return BrokenFile(f"{source}: unreadable PDF ({message})")


def _meta(pdf: Any) -> dict[str, str]:
    try:
        title = pdf.get_metadata_value("Title")
    except Exception:   # a damaged Info dictionary is no reason to lose the text
        return {}
    if isinstance(title, str) and any("\u4e00" <= ch <= "\u9fff" for ch in title):
        return {"title": " ".join(title.split())}
    return {}


# --------------------------------------------------------------------------- one page

def _read_page(page: Any, raw: Any, table_finder: Any) -> _Page:
    """A page as text lines and tables, top to bottom as displayed."""
    textpage = page.get_textpage()
    try:
        frame = _Frame(page.get_bbox(), page.get_rotation())
        unmapped, chars, bad = _unmapped(textpage, raw)
        edges = _edges(page, raw, frame)
        tables = _find_tables(edges, table_finder) if len(edges) >= MIN_EDGES else []
        items: list[Item] = []
        if not tables:
            items.extend(_lines(textpage.get_text_range(), bad))
        else:
            items.extend(_around_tables(textpage, tables, frame, bad))
        margins = []
        for share in (MARGIN_SHARE, NUMBER_MARGIN_SHARE):
            depth = frame.height * share
            margins.append(_lines(frame.text(textpage, 0, 0, frame.width, depth), bad))
            margins.append(_lines(frame.text(textpage, 0, frame.height - depth, frame.width,
                                             frame.height), bad))
    finally:
        textpage.close()
    top, bottom, wide_top, wide_bottom = margins
    return _Page(items, [top, bottom, wide_top, wide_bottom], frame.width, unmapped, chars)


class _Frame:
    """The page as displayed: pdfium's coordinates run upwards from the page's lower left
    corner before the page's /Rotate is applied; pdfplumber's (and the tables') run from the
    displayed page's top left corner downwards."""
    __slots__ = ("left", "bottom", "right", "top", "rotation", "width", "height")

    def __init__(self, box: tuple[float, float, float, float], rotation: int):
        self.left, self.bottom, self.right, self.top = box
        self.rotation = rotation % 360
        w, h = self.right - self.left, self.top - self.bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def shown(self, x: float, y: float) -> tuple[float, float]:
        """A point of the page as displayed: (distance from the left, from the top)."""
        r = self.rotation
        if r == 90:
            return y - self.bottom, x - self.left
        if r == 180:
            return self.right - x, y - self.bottom
        if r == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def rect(self, x0: float, t0: float, x1: float,
             t1: float) -> tuple[float, float, float, float]:
        """A displayed box (left, top, right, bottom) as pdfium's (left, bottom, right, top)."""
        r = self.rotation
        if r == 90:
            return self.left + t0, self.bottom + x0, self.left + t1, self.bottom + x1
        if r == 180:
            return self.right - x1, self.bottom + t0, self.right - x0, self.bottom + t1
        if r == 270:
            return self.right - t1, self.top - x1, self.right - t0, self.top - x0
        return self.left + x0, self.top - t1, self.left + x1, self.top - t0

    def text(self, textpage: Any, x0: float, t0: float, x1: float, t1: float) -> str:
        return textpage.get_text_bounded(*self.rect(x0, t0, x1, t1))


def _unmapped(textpage: Any, raw: Any) -> tuple[int, int, str]:
    """How many characters come from fonts without a Unicode map, of how many, and which
    characters pdfium put in their place (their char codes, which must not read as text)."""
    count = textpage.count_chars()
    has_error = getattr(raw, "FPDFText_HasUnicodeMapError", None)
    if has_error is None:   # a pdfium older than the call: no way to tell
        return 0, count, ""
    handle = textpage.raw
    bad = [i for i in range(count) if has_error(handle, i)]
    if not bad:
        return 0, count, ""
    get = raw.FPDFText_GetUnicode
    return len(bad), count, "".join(sorted({chr(get(handle, i)) for i in bad}))


def _lines(text: str, bad: str = "") -> list[str]:
    text = _CONTROL.sub("", text)
    if bad:
        text = re.sub("[" + re.escape(bad) + "]", UNMAPPED, text)
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def _edges(page: Any, raw: Any, frame: _Frame) -> list[dict[str, Any]]:
    """Horizontal and vertical ruling lines the page draws, as pdfplumber edges (y downwards).

    Every painted path counts: stroked lines, the sides of rectangles, and the thin filled
    rectangles many writers draw table borders with; curves are skipped.
    """
    out: list[dict[str, Any]] = []
    budget = [MAX_SEGMENTS]
    handle = page.raw
    for i in range(raw.FPDFPage_CountObjects(handle)):
        _object_edges(raw, raw.FPDFPage_GetObject(handle, i), (1, 0, 0, 1, 0, 0), frame, out,
                      budget, 0)
        if budget[0] <= 0:
            return []
    return out


def _object_edges(raw: Any, obj: Any, ctm: tuple[float, ...], frame: _Frame,
                  out: list[dict[str, Any]], budget: list[int], depth: int) -> None:
    kind = raw.FPDFPageObj_GetType(obj)
    if kind == raw.FPDF_PAGEOBJ_FORM:
        if depth >= MAX_FORM_DEPTH:
            return
        m = _matrix(raw, obj, ctm)
        for j in range(raw.FPDFFormObj_CountObjects(obj)):
            _object_edges(raw, raw.FPDFFormObj_GetObject(obj, j), m, frame, out, budget,
                          depth + 1)
        return
    if kind != raw.FPDF_PAGEOBJ_PATH:
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and \
            not fill.value and not stroke.value:
        return   # a path that paints nothing (a clip) is no ruling line
    a, b, c, d, e, f = _matrix(raw, obj, ctm)
    n = raw.FPDFPath_CountSegments(obj)
    budget[0] -= max(n, 0)
    if budget[0] <= 0:
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for k in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        if not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        px, py = x.value, y.value
        point = frame.shown(a * px + c * py + e, b * px + d * py + f)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = prev = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            _add_edge(prev, point, out)
        prev = point
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_edge(point, start, out)
            prev = start


def _matrix(raw: Any, obj: Any, ctm: tuple[float, ...]) -> tuple[float, ...]:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return ctm
    a0, b0, c0, d0, e0, f0 = ctm
    # The object's matrix applies first, then its form's (row vectors: p' = p · M · CTM).
    return (m.a * a0 + m.b * c0, m.a * b0 + m.b * d0,
            m.c * a0 + m.d * c0, m.c * b0 + m.d * d0,
            m.e * a0 + m.f * c0 + e0, m.e * b0 + m.f * d0 + f0)


def _add_edge(p: tuple[float, float], q: tuple[float, float],
              out: list[dict[str, Any]]) -> None:
    """A line between two displayed points, if it is horizontal or vertical."""
    (x0, t0), (x1, t1) = p, q
    if abs(t0 - t1) < 1e-3 * max(1.0, abs(x1 - x0)) and abs(x1 - x0) >= 1:
        lo, hi = min(x0, x1), max(x0, x1)
        out.append({"x0": lo, "x1": hi, "top": t0, "bottom": t0, "width": hi - lo,
                    "height": 0.0, "orientation": "h", "object_type": "line"})
    elif abs(x0 - x1) < 1e-3 * max(1.0, abs(t1 - t0)) and abs(t1 - t0) >= 1:
        lo, hi = min(t0, t1), max(t0, t1)
        out.append({"x0": x0, "x1": x0, "top": lo, "bottom": hi, "width": 0.0,
                    "height": hi - lo, "orientation": "v", "object_type": "line"})


def _find_tables(edges: list[dict[str, Any]], tf: Any) -> list[Any]:
    """pdfplumber's table finder over the page's ruling lines: tables of 2+ rows and columns."""
    merged = tf.merge_edges(edges, SNAP, SNAP, JOIN, JOIN)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"])
              >= MIN_EDGE]
    if len(merged) < MIN_EDGES:
        return []
    cells = tf.intersections_to_cells(tf.edges_to_intersections(merged, INTERSECT, INTERSECT))
    tables = []
    for group in tf.cells_to_tables(cells):
        table = tf.Table(None, group)
        rows = table.rows
        if len(rows) >= 2 and max(len(r.cells) for r in rows) >= 2:
            tables.append(table)
    tables.sort(key=lambda t: t.bbox[1])
    return tables


def _around_tables(textpage: Any, tables: list[Any], frame: _Frame, bad: str) -> list[Item]:
    """Text in the bands above, between and below the tables, and each table in its place."""
    items: list[Item] = []
    width, height = frame.width, frame.height
    cursor = 0.0   # distance from the page's top already read
    for i, table in enumerate(tables):
        x0, t0, x1, t1 = table.bbox
        if t0 > cursor:
            items.extend(_lines(frame.text(textpage, 0, cursor, width, t0), bad))
        rows, merges = _grid(textpage, table, frame, bad)
        items.append(_TableItem(rows, merges))
        alone = not any(j != i and other.bbox[1] < t1 and other.bbox[3] > t0
                        for j, other in enumerate(tables))
        if alone:   # text beside the table (a note in the margin) reads after it
            for lo, hi in ((0.0, x0), (x1, width)):
                if hi - lo > 1:
                    items.extend(_lines(frame.text(textpage, lo, max(t0, cursor), hi, t1),
                                        bad))
        cursor = max(cursor, t1)
    items.extend(_lines(frame.text(textpage, 0, cursor, width, height), bad))
    return items


def _grid(textpage: Any, table: Any, frame: _Frame,
          bad: str) -> tuple[list[list[str]], list[Merge]]:
    """A found table as a grid of cell text, with cells spanning grid lines as Merge blocks."""
    xs = sorted({round(c[0], 1) for c in table.cells})
    tops = sorted({round(c[1], 1) for c in table.cells})
    rows: list[list[str]] = []
    merges: list[Merge] = []
    for r, row in enumerate(table.rows):
        texts = []
        for c, bbox in enumerate(row.cells):
            if bbox is None:
                texts.append("")
                continue
            x0, t0, x1, t1 = bbox
            inset = min(CELL_INSET, (x1 - x0) / 4, (t1 - t0) / 4)
            text = frame.text(textpage, x0 + inset, t0 + inset, x1 - inset, t1 - inset)
            texts.append("\n".join(_lines(text, bad)))
            c1 = c + sum(1 for x in xs if x0 + EDGE_TOLERANCE < x < x1 - EDGE_TOLERANCE)
            r1 = r + sum(1 for t in tops if t0 + EDGE_TOLERANCE < t < t1 - EDGE_TOLERANCE)
            if c1 > c or r1 > r:
                merges.append(Merge(r, c, r1, c1))
        rows.append(texts)
    return rows, merges


# --------------------------------------------------------------------------- the document

def _furniture(pages: list[_Page]) -> tuple[set[str], set[str]]:
    """Header and footer lines: lines near a page's top or bottom edge that repeat across
    pages, digits aside (the page number in "第 3 页" changes); and the page number forms
    (bare "3" included) that repeat a little further in."""
    if len(pages) < 2:
        return set(), set()
    near: Counter[str] = Counter()
    further: Counter[str] = Counter()
    for page in pages:
        near.update({_DIGITS.sub("#", line) for line in page.top + page.bottom})
        further.update({_DIGITS.sub("#", line) for line in page.wide_top + page.wide_bottom
                        if rules.PAGE_NUMBER.fullmatch(line)})
    need = max(2, int(len(pages) * FURNITURE_SHARE + 0.999))
    return ({line for line, n in near.items() if n >= need},
            {line for line, n in further.items() if n >= need})


def _strip_furniture(page: _Page, furniture: tuple[set[str], set[str]]) -> list[Item]:
    """The page's items without its header, footer and page number lines, wherever pdfium
    put them: margin lines that repeat across pages, and page numbers ("- 3 -", "第3页";
    a bare "3" when the document numbers its pages so)."""
    near, further = furniture
    items = list(page.items)
    margins = ((page.top, False, near), (page.bottom, True, near),
               (page.wide_top, False, further), (page.wide_bottom, True, further))
    for lines, from_end, known in margins:
        for line in lines:
            shape = _DIGITS.sub("#", line)
            if shape not in known and not _decorated_number(line) or find_unit(line):
                continue   # a unit caption above each table is no furniture
            order = range(len(items) - 1, -1, -1) if from_end else range(len(items))
            for i in order:
                if items[i] == line:
                    del items[i]
                    break
    return items


def _decorated_number(line: str) -> bool:
    return rules.PAGE_NUMBER.fullmatch(line) is not None and \
        rules.PAGE_DECORATION.search(line) is not None


def _assemble(pages: list[_Page], meta: dict[str, str], source: str) -> Document:
    """The pages' lines rejoined into paragraphs (across page breaks too), tables between."""
    furniture = _furniture(pages)
    builder = DocumentBuilder()
    lines: list[str] = []
    groups: list[int] = []

    def flush() -> str:
        paragraphs = rejoin(lines, groups)
        for paragraph in paragraphs:
            builder.add_lines(paragraph)
        lines.clear()
        groups.clear()
        return paragraphs[-1] if paragraphs else ""

    notes: list[str] = []
    for page in pages:
        items = _with_notes(_strip_furniture(page, furniture), notes)
        items, notes = _split_notes(items)
        # Pages of one width share a measure: a landscape table page sets its own.
        key = round(page.width)
        for item in items:
            if isinstance(item, str):
                lines.append(item)
                groups.append(key)
            else:
                caption = flush()
                emit_table(builder, item.rows, item.merges, caption=caption)
    lines.extend(notes)
    groups.extend([-1] * len(notes))
    flush()
    return builder.build(meta, source=source)


def _split_notes(items: list[Item]) -> tuple[list[Item], list[str]]:
    """Footnotes (①…) that end a page whose last sentence runs on to the next page: pdfium
    reads them before that sentence's end, which would cut the sentence in two. They are
    taken out, to follow the sentence's end on the next page."""
    k = len(items)
    while k > 0 and isinstance(items[k - 1], str):
        k -= 1
    for i in range(max(k, 1), len(items)):
        line, before = items[i], items[i - 1]
        if isinstance(before, str) and rules.FOOTNOTE.match(line) and \
                _MID_SENTENCE.search(before):
            return items[:i], [str(x) for x in items[i:]]
    return items, []


def _with_notes(items: list[Item], notes: list[str]) -> list[Item]:
    """The page's items with the last page's footnotes after its first sentence's end
    (before its first table at the latest)."""
    if not notes:
        return items
    at = 0
    while at < len(items) and isinstance(items[at], str):
        at += 1
        if _SENTENCE_END.search(str(items[at - 1])):
            break
    return items[:at] + list(notes) + items[at:]
