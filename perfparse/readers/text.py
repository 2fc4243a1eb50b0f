"""Plain text: decoding bytes, and reading a .txt report without changing its text (unless
it is evidently a PDF's printed lines, which are rejoined into paragraphs)."""
from __future__ import annotations

import regex

from ..errors import UndecodableInput
from ..records import Cell, Document, Table
from .encoding import decode_html
from .meta import extract_meta
from .texttables import cell_line_tables, merge, selfeval_tables
from .unwrap import looks_hard_wrapped, rejoin

# Set in Document.meta when the text was rejoined: its offsets no longer index the file.
REJOINED = "text_rejoined"


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


_UNIT_LINE = regex.compile(r"(?:金额)?单位[:：]\s*(亿元|万元|千元|元)")


# How cells are separated in a plain-text table, tried in this order: " | " (HTML tables
# flattened), tabs (spreadsheet exports), runs of spaces (aligned columns), commas (CSV).
_SEPARATORS = (
    ("pipe", regex.compile(r"[ \t]*\|[ \t]*"), 2),
    ("tab", regex.compile(r"\t+"), 3),
    ("spaces", regex.compile(r"(?<=\S)(?:[ ]{2,}|\u3000+)(?=\S)"), 3),
    ("comma", regex.compile(r","), 3),
)
_ANY_SEPARATOR = regex.compile(r"[|\t,\u3000]|  ")
# A row of a separated table is short cells, not a sentence.
_SENTENCE = regex.compile(r"[。；;！？]|，.*，")
MAX_CELL_CHARS = 40


def _split_line(m) -> tuple[str, list[tuple[int, int, str]]] | None:
    """(separator, cells with their spans) when the line reads as a table row."""
    line = m.group()
    body = line.strip()
    if not body or not _ANY_SEPARATOR.search(body):
        return None
    sentence = _SENTENCE.search(body) is not None
    for name, sep, least in _SEPARATORS:
        if name != "pipe" and sentence:
            continue
        cells, pos = [], 0
        for piece in sep.finditer(line):
            cells.append((pos, piece.start()))
            pos = piece.end()
        cells.append((pos, len(line)))
        out = []
        for lo, hi in cells:
            raw = line[lo:hi]
            lead = len(raw) - len(raw.lstrip())
            cell = raw.strip()
            if cell or name != "spaces":  # an empty cell keeps its column, but alignment
                out.append((m.start() + lo + lead, m.start() + lo + lead + len(cell), cell))
        if len(out) >= least and all(len(c[2]) <= MAX_CELL_CHARS for c in out) \
                and (name == "pipe" or any(_NUMBER_CELL.fullmatch(c[2]) for c in out)
                     or all(not _NUMBER_CELL.fullmatch(c[2]) for c in out)):
            return name, out
    return None


def pipe_tables(text: str) -> tuple[Table, ...]:
    """Tables written in plain text as runs of lines whose cells a separator divides:
    " | ", tabs, aligned runs of spaces or commas. A run needs two lines with the same
    separator; a table of commas or spaces also needs the same number of cells in each."""
    tables = []
    run: list = []
    lines = list(_LINE.finditer(text)) + [None]
    for m in lines:
        split = _split_line(m) if m is not None else None
        if split is not None and run and (split[0] != run[-1][0] or (
                split[0] != "pipe" and len(split[1]) != len(run[-1][1]))):
            tables.extend(_separated_table(text, run))
            run = []
        if split is None:
            tables.extend(_separated_table(text, run))
            run = []
        else:
            run.append(split)
    return tuple(tables)


def _separated_table(text: str, run: list) -> list[Table]:
    if len(run) < 2 or not any(_NUMBER_CELL.fullmatch(c[2]) for _, row in run for c in row):
        return []
    rows = tuple(tuple(Cell(r, c, lo, hi, cell) for c, (lo, hi, cell) in enumerate(cells))
                 for r, (_, cells) in enumerate(run))
    start, end = rows[0][0].start, rows[-1][-1].end
    unit = _UNIT_LINE.findall(text[max(0, start - 200):start])
    return [Table(start, end, rows, 1, unit[-1] if unit else None)]


_LINE = regex.compile(r"^.*$", regex.M)
_NUMBER_CELL = regex.compile(r"-?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?[ ]?%?")
# A value cell of a flattened table: a number, a target or result with its comparator and
# unit (≥12处, ＝100%, ≤5个工作日), or a placeholder for no value (—, /).
_VALUE_CELL = regex.compile(
    r"(?:[≥≤＞＜>=<＝]{1,2}[ ]?)?-?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?[ ]?(?:%|\p{Han}{1,4})?"
    r"|[—–\-/／－]{1,2}")
# A line that can be one cell of a flattened table: short, no sentence punctuation.
MAX_ROW_LABELS = 3
_CELL_LINE = regex.compile(r"[^。，,；;|！？]{1,24}")


def _fit(cells: list, labels: int, numbers: int) -> list[list]:
    """Rows from the front of `cells`: up to `labels` text cells, then `numbers` values.

    The first row has all its labels; a later one may have fewer, the cells a merged label
    spanned in the original being left out (None stands in for them, on the left)."""
    rows: list[list] = []
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and j - i < labels and \
                not _VALUE_CELL.fullmatch(cells[j].group().strip()):
            j += 1
        if (not rows and j - i != labels) or j + numbers > len(cells) or \
                not all(_VALUE_CELL.fullmatch(c.group().strip()) for c in cells[j:j + numbers]):
            break
        rows.append([None] * (labels - (j - i)) + cells[i:j + numbers])
        i = j + numbers
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
        if _VALUE_CELL.fullmatch(run[i].group().strip()):
            i += 1
            continue
        j = i  # run[i:j] are text lines, run[j:k] the numbers after them
        while j < len(run) and not _VALUE_CELL.fullmatch(run[j].group().strip()):
            j += 1
        k = j
        while k < len(run) and _VALUE_CELL.fullmatch(run[k].group().strip()):
            k += 1
        numbers, best = k - j, None
        if numbers == 0:  # labels alone, no table
            i = max(k, i + 1)
            continue
        # The first row's labels sit just above its numbers, the header above them; the
        # reading that fits the most rows wins, then the one whose rows keep all their
        # labels, then the one with fewer labels.
        for labels in range(MAX_ROW_LABELS + 1):
            n = numbers + labels
            if n < 2 or j - i < n + labels:
                continue
            head = run[j - n - labels:j - labels]
            rows = _fit(run[j - labels:], labels, numbers)
            key = (len(rows), sum(None not in row for row in rows))
            if rows and (best is None or key > best[0]):
                best = (key, head, rows)
        if best is None:
            i = max(k, i + 1)
            continue
        _, head, rows = best
        grid = []
        for r, row in enumerate([head] + rows):
            first = next(m for m in row if m is not None)
            cells = []
            for c, m in enumerate(row):
                if m is None:  # a label the flattening left out: an empty cell
                    cells.append(Cell(r, c, first.start(), first.start(), ""))
                    continue
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
    """A plain-text report: the text is kept exactly as decoded (offsets stay valid).

    The exception is a text that is evidently hard-wrapped (a PDF's text saved as .txt:
    most lines of one width, ending mid-sentence). Its lines are rejoined into paragraphs,
    as a PDF's are, and meta["text_rejoined"] says so: offsets then index Document.text,
    not the file.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    rejoined = False
    lines = text.splitlines()
    if looks_hard_wrapped(lines):
        text = "\n".join(rejoin(lines, keep_blank=True)) + ("\n" if text.endswith("\n") else "")
        rejoined = True
    # 绩效自评表 forms are rebuilt by their own words first (readers/texttables.py).
    tables = merge(selfeval_tables(text),
                   merge(cell_line_tables(text), pipe_tables(text) + line_tables(text)))
    meta = extract_meta(text)
    if rejoined:
        meta = {**meta, REJOINED: "true"}
    return Document(text, meta, tables, (), source)
