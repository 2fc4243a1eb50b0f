"""Tables as grids of cell text: spreadsheet sheets (.xlsx, .xls), and the shaping every
office reader shares (merged cells, title rows, units, multi-row headers, displayed numbers).
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Iterable, NamedTuple, Sequence
from xml.etree.ElementTree import iterparse

from ..errors import BrokenFile, MissingExtra
from ..records import Document, Table
from ..rules import table_units as rules
from .builder import DocumentBuilder

# Caps so that a huge workbook costs bounded time and memory; rows past a cap are not read.
MAX_SHEETS = 100
MAX_ROWS = 20_000
MAX_COLS = 256
# Header rows are few; a longer non-numeric run is a form, not a header.
MAX_HEADER_ROWS = 4
MAX_TITLE_ROWS = 4

_SPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s{1,3}(?=[\u3000-\u9fff\uff00-\uffef])")
# Quoted literals, [Red]/[$-804] blocks and backslash escapes carry no digits of the value.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_FORMAT_DECIMALS = re.compile(r"\.([0#?]+)")
_FORMAT_DATE = re.compile(r"[ymdhs]", re.IGNORECASE)


class Merge(NamedTuple):
    """A merged block of cells, inclusive bounds (row0, col0, row1, col1)."""
    r0: int
    c0: int
    r1: int
    c1: int


# --------------------------------------------------------------------------- shaping

def clean_cell(text: object) -> str:
    """Cell text on one line; a break between two CJK characters is dropped, not spaced.

    >>> clean_cell("基本支\\n出"), clean_cell(" 12.5 \\n万元"), clean_cell(None)
    ('基本支出', '12.5 万元', '')
    """
    if text is None:
        return ""
    s = str(text).replace("\u3000", " ").replace("\xa0", " ")
    if "\n" in s or "\r" in s:
        lines = [ln.strip() for ln in s.splitlines() if ln.strip()]
        out = lines[0] if lines else ""
        for ln in lines[1:]:
            glue = "" if _is_cjk(out[-1]) and _is_cjk(ln[0]) else " "
            out += glue + ln
        s = out
    return _SPACE.sub(" ", s).strip()


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def is_numeric(text: str) -> bool:
    """True for a cell that holds only a number (1925.67, -3, 1,234.5, 97.06%)."""
    return bool(text) and rules.NUMERIC_CELL.fullmatch(text) is not None


def find_unit(text: str) -> str | None:
    """The unit a caption declares, if the text is short enough to be a caption.

    >>> find_unit("（单位：万元）"), find_unit("金额单位:元"), find_unit("编制单位：县财政局")
    ('万元', '元', None)
    """
    if not text or len(text) > rules.MAX_CAPTION_CHARS:
        return None
    # PDF extraction may space out CJK characters: "单 位 ： 万 元".
    m = rules.UNIT_CAPTION.search(_CJK_GAP.sub("", text))
    return m.group(1) if m else None


Grid = list[list[str]]


def _drop_empty(rows: Grid, merges: list[Merge]) -> tuple[Grid, list[Merge]]:
    keep_r = [r for r, row in enumerate(rows) if any(row)]
    width = max((len(row) for row in rows), default=0)
    keep_c = [c for c in range(width) if any(c < len(row) and row[c] for row in rows)]
    r_new = {r: i for i, r in enumerate(keep_r)}
    c_new = {c: i for i, c in enumerate(keep_c)}
    out = [[row[c] if c < len(row) else "" for c in keep_c] for row in (rows[r] for r in keep_r)]
    moved = []
    for m in merges:
        rs = [r_new[r] for r in range(m.r0, m.r1 + 1) if r in r_new]
        cs = [c_new[c] for c in range(m.c0, m.c1 + 1) if c in c_new]
        if rs and cs and (len(rs) > 1 or len(cs) > 1) and m.r0 in r_new and m.c0 in c_new:
            moved.append(Merge(rs[0], cs[0], rs[-1], cs[-1]))
    return out, moved


def _title_rows(rows: list[list[str]], merges: list[Merge]) -> int:
    """Leading rows that hold only a caption: the table's name, its unit, 公开01表."""
    width = len(rows[0])
    n = 0
    while n < min(MAX_TITLE_ROWS, len(rows) - 1):
        row = rows[n]
        values = [v for v in row if v]
        if any(is_numeric(v) for v in values):
            break
        if any(find_unit(v) for v in values):
            n += 1
            continue
        # A lone label is a title only when a header, not data, follows it.
        if width > 1 and len(set(values)) == 1 and (
                len(values) == 1 or any(m.r0 == n and m.c1 > m.c0 for m in merges)) \
                and not any(is_numeric(v) for v in rows[n + 1]):
            n += 1
            continue
        break
    return n


def _header_depth(rows: list[list[str]], merges: list[Merge]) -> int:
    """How many leading rows form one header: rows under a merged header cell.

    A row joins the header only when every filled cell of it sits under a horizontally
    merged cell above (决算数 over 小计/基本支出/项目支出); a form whose second row holds
    new labels (主管部门 …) keeps its rows.
    """
    limit = 0
    while limit < min(MAX_HEADER_ROWS, len(rows) - 1) and \
            not any(is_numeric(v) for v in rows[limit]):
        limit += 1
    depth = 1
    while depth < limit:
        row = rows[depth]
        spans = [m for m in merges if m.c1 > m.c0 and m.r1 < depth]
        if not spans or not _splits(row, depth, spans, merges):
            break
        depth += 1
    return depth if depth > 1 else 1


def _splits(row: list[str], r: int, spans: list[Merge], merges: list[Merge]) -> bool:
    """True when row `r` only subdivides merged cells above it: each filled cell lies under
    a span, and each span with cells beneath is cut into two or more of them."""
    if any(v and not any(m.c0 <= c <= m.c1 for m in spans) for c, v in enumerate(row)):
        return False
    inner = {c for m in merges if m.r0 <= r <= m.r1 for c in range(m.c0 + 1, m.c1 + 1)}
    for m in spans:
        cols = range(m.c0, m.c1 + 1)
        if any(row[c] for c in cols) and sum(1 for c in cols if c not in inner) < 2:
            return False
    return True


def _fill(rows: list[list[str]], merges: list[Merge], header: int) -> None:
    """Copy a merged cell's text into the cells it covers.

    In a multi-row header every covered cell gets the label, so that each column's levels
    can be joined; elsewhere only the first column of the block does (a label merged down
    several rows). Numbers are never copied, so that no figure is read twice.
    """
    for m in merges:
        value = rows[m.r0][m.c0]
        if not value or is_numeric(value):
            continue
        for r in range(m.r0, m.r1 + 1):
            for c in range(m.c0, m.c1 + 1):
                if (header > 1 and r < header) or c == m.c0:
                    if not rows[r][c]:
                        rows[r][c] = value


def _join_header(rows: list[list[str]], depth: int) -> list[str]:
    out = []
    for c in range(len(rows[0])):
        parts: list[str] = []
        for r in range(depth):
            v = rows[r][c]
            if v and (not parts or parts[-1] != v):
                parts.append(v)
        out.append(rules.HEADER_JOIN.join(parts))
    return out


def _header_unit(header: Sequence[str]) -> str | None:
    found = {m.group(1) for v in header for m in rules.HEADER_UNIT.finditer(v)}
    found &= rules.MONEY_UNITS
    return found.pop() if len(found) == 1 else None


def emit_table(builder: DocumentBuilder, rows: Sequence[Sequence[object]],
               merges: Iterable[Merge] = (), caption: str = "",
               name: str = "") -> Table | None:
    """Shape a raw grid and append it to `builder`: the one path every reader's tables take.

    Title rows (the table's name, 单位：万元) become a paragraph before the table and the
    table's `title`; the unit comes from them, else from `caption` (the paragraph just before
    the table), else from the header cells; a merged multi-row header becomes one row.
    `name` (a sheet name) is used as the title when the grid has no title row.
    """
    grid = [[clean_cell(v) for v in row] for row in rows]
    width = max((len(r) for r in grid), default=0)
    grid = [r + [""] * (width - len(r)) for r in grid]
    grid, merge_list = _drop_empty(grid, list(merges))
    if not grid:
        return None
    n_title = _title_rows(grid, merge_list)
    title_parts: list[str] = []
    for row in grid[:n_title]:
        for v in row:
            if v and v not in title_parts:
                title_parts.append(v)
    title = " ".join(title_parts)
    unit = next((u for u in map(find_unit, title_parts) if u), None)
    if unit is None and caption:
        unit = find_unit(clean_cell(caption))
    body = grid[n_title:]
    body_merges = [Merge(m.r0 - n_title, m.c0, m.r1 - n_title, m.c1)
                   for m in merge_list if m.r0 >= n_title]
    # The title rows are gone: a column may now be empty.
    body, body_merges = _drop_empty(body, body_merges)
    if not body:
        return None
    depth = _header_depth(body, body_merges)
    _fill(body, body_merges, depth)
    if depth > 1:
        body = [_join_header(body, depth)] + body[depth:]
    if unit is None:
        unit = _header_unit(body[0])
    if title:
        builder.add_paragraph(title)
    return builder.add_table(body, unit=unit, title=title or name, header_rows=1)


# --------------------------------------------------------------------------- numbers

def render_number(value: float | int | Decimal, number_format: str = "General") -> str:
    """A number as the cell displays it: the format's decimals, no float noise, no '.0'.

    Thousands separators are left out: the digits and the precision are what matter.

    >>> render_number(1925.6699999999998, "0.00"), render_number(20.0), render_number(3.5, "0")
    ('1925.67', '20', '4')
    >>> render_number(0.9706, "0.00%"), render_number(1234.5, "#,##0.00_ "), render_number(0.1+0.2)
    ('97.06%', '1234.50', '0.3')
    """
    if isinstance(value, bool):
        return str(value).upper()
    try:
        d = Decimal(value) if isinstance(value, (int, Decimal)) else Decimal(repr(float(value)))
    except (InvalidOperation, ValueError, OverflowError):
        return str(value)
    if not d.is_finite():
        return str(value)
    section = _FORMAT_NOISE.sub("", (number_format or "General").split(";")[0])
    percent = "%" in section
    if percent:
        d = d * 100
    m = _FORMAT_DECIMALS.search(section)
    if section.strip().lower() in ("general", "@", "") or not re.search(r"[0#?]", section):
        # General shows up to 15 significant digits: this drops binary float noise.
        d = Decimal(format(d, ".15g")) if not isinstance(value, int) else d
        text = _plain(d)
    else:
        places = len(m.group(1)) if m else 0
        min_places = m.group(1).count("0") if m else 0
        q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = format(q, "f")
        if places > min_places and "." in text:
            head, tail = text.split(".")
            tail = tail.rstrip("0")
            tail = tail + "0" * max(0, min_places - len(tail))
            text = head + ("." + tail if tail else "")
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]
    return text + ("%" if percent else "")


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def render_value(value: object, number_format: str = "General") -> str:
    """Any cell value as text: numbers as displayed, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)):
        return render_number(value, number_format)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return str(value)
    return str(value)


# --------------------------------------------------------------------------- xlsx

def _xlsx_merges(archive: zipfile.ZipFile, path: str) -> list[Merge]:
    """The merged ranges of one sheet, read by streaming its XML (read-only mode hides them)."""
    from openpyxl.utils.cell import range_boundaries
    path = path.lstrip("/")
    if path not in archive.namelist():
        return []
    out = []
    with archive.open(path) as src:
        for _, elem in iterparse(src):
            tag = elem.tag.rsplit("}", 1)[-1]
            if tag == "mergeCell":
                ref = elem.get("ref", "")
                try:
                    c0, r0, c1, r1 = range_boundaries(ref)
                except (ValueError, TypeError):
                    continue
                if None not in (c0, r0, c1, r1):
                    out.append(Merge(r0 - 1, c0 - 1, r1 - 1, c1 - 1))
            elif tag == "row":
                elem.clear()   # keep memory flat while streaming past sheetData
    return out


def read_xlsx(data: bytes, source: str, archive: zipfile.ZipFile) -> Document:
    """Each sheet of a workbook as one table, in workbook order."""
    try:
        import openpyxl
    except ImportError as exc:
        raise MissingExtra("office", "openpyxl", ".xlsx files") from exc
    sheets: list[tuple[str, list[list[str]], list[Merge]]] = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not keep; we need neither.
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                for ws in wb.worksheets[:MAX_SHEETS]:
                    if hasattr(ws, "iter_rows"):      # chartsheets hold no cells
                        sheets.append(_read_sheet(ws, archive))
            finally:
                wb.close()
    except Exception as exc:   # openpyxl, lxml, zipfile and zlib each fail their own way
        raise BrokenFile(f"{source}: not a readable .xlsx workbook "
                         f"({type(exc).__name__}: {exc})") from exc
    return _workbook(sheets, source)


def _workbook(sheets: list[tuple[str, list[list[str]], list[Merge]]], source: str) -> Document:
    """A Document holding each sheet as one table, in workbook order."""
    builder = DocumentBuilder()
    for name, rows, merges in sheets:
        emit_table(builder, rows, merges, name=name)
    return builder.build(source=source)


def _read_sheet(ws: Any, archive: zipfile.ZipFile) -> tuple[str, list[list[str]], list[Merge]]:
    if (ws.max_row, ws.max_column) in ((1, 1), (None, None)):
        ws.reset_dimensions()           # some writers declare A1 for the whole sheet
    max_col = min(ws.max_column or MAX_COLS, MAX_COLS)
    rows = [[render_value(getattr(cell, "value", None),
                          getattr(cell, "number_format", "General")) for cell in row]
            for row in ws.iter_rows(max_row=MAX_ROWS, max_col=max_col)]
    path = getattr(ws, "_worksheet_path", "")
    return ws.title, rows, _xlsx_merges(archive, path) if path else []


# --------------------------------------------------------------------------- xls

def read_xls(data: bytes, source: str) -> Document:
    """Each sheet of a binary .xls workbook as one table, merged cells filled."""
    try:
        import xlrd
    except ImportError as exc:
        raise MissingExtra("office", "xlrd", ".xls files") from exc
    sheets: list[tuple[str, list[list[str]], list[Merge]]] = []
    try:
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True,
                                      on_demand=True, logfile=io.StringIO())
        except NotImplementedError:
            # Some old BIFF variants cannot give formatting: read values without it.
            book = xlrd.open_workbook(file_contents=data, on_demand=True,
                                      logfile=io.StringIO())
        try:
            for index in range(min(book.nsheets, MAX_SHEETS)):
                sheets.append(_read_xls_sheet(book, index, xlrd))
                book.unload_sheet(index)
        finally:
            book.release_resources()
    except Exception as exc:   # xlrd reports damage through many exception types
        raise BrokenFile(f"{source}: not a readable .xls workbook "
                         f"({type(exc).__name__}: {exc})") from exc
    return _workbook(sheets, source)


def _read_xls_sheet(book: Any, index: int, xlrd: Any) -> tuple[str, list[list[str]],
                                                               list[Merge]]:
    sheet = book.sheet_by_index(index)
    n_rows, n_cols = min(sheet.nrows, MAX_ROWS), min(sheet.ncols, MAX_COLS)
    rows = [[_xls_cell(book, sheet, r, c, xlrd) for c in range(n_cols)] for r in range(n_rows)]
    merges = [Merge(r0, c0, min(r1 - 1, n_rows - 1), min(c1 - 1, n_cols - 1))
              for r0, r1, c0, c1 in sheet.merged_cells if r0 < n_rows and c0 < n_cols]
    return sheet.name, rows, merges


def _xls_cell(book: object, sheet: object, r: int, c: int, xlrd: object) -> str:
    cell = sheet.cell(r, c)  # type: ignore[attr-defined]
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):  # type: ignore
        return ""
    if kind == xlrd.XL_CELL_TEXT:  # type: ignore[attr-defined]
        return str(cell.value)
    if kind == xlrd.XL_CELL_BOOLEAN:  # type: ignore[attr-defined]
        return "TRUE" if cell.value else "FALSE"
    fmt = "General"
    try:
        xf = book.xf_list[cell.xf_index]  # type: ignore[attr-defined]
        fmt = book.format_map[xf.format_key].format_str  # type: ignore[attr-defined]
    except (AttributeError, IndexError, KeyError, TypeError):
        pass
    if kind == xlrd.XL_CELL_DATE:  # type: ignore[attr-defined]
        try:
            return render_value(xlrd.xldate_as_datetime(  # type: ignore[attr-defined]
                cell.value, book.datemode))  # type: ignore[attr-defined]
        except (ValueError, OverflowError):
            return render_number(cell.value, "General")
    if _FORMAT_DATE.search(_FORMAT_NOISE.sub("", fmt)) and fmt.lower() != "general":
        fmt = "General"   # a date-like format on a plain number: show the number
    return render_number(cell.value, fmt)
