"""Assemble a Document from paragraphs and tables while keeping every offset exact."""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from ..records import Attachment, Cell, Document, Table

CELL_SEP = " | "


class DocumentBuilder:
    """Append paragraphs and tables in reading order, then `build()` a Document.

    Tables are written into the text one row per line with cells joined by " | ", and each
    cell keeps its own span, so figures found in the text can be traced to their cell.

    >>> b = DocumentBuilder()
    >>> b.add_paragraph("收入合计")
    >>> t = b.add_table([["项目", "金额"], ["收入", "12.5"]], unit="万元")
    >>> doc = b.build()
    >>> doc.text
    '收入合计\\n项目 | 金额\\n收入 | 12.5\\n'
    >>> cell = doc.tables[0].rows[1][1]
    >>> doc.text[cell.start:cell.end], doc.tables[0].unit
    ('12.5', '万元')
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._tables: list[Table] = []
        self._attachments: list[Attachment] = []

    def _append(self, s: str) -> None:
        self._parts.append(s)
        self._length += len(s)

    @property
    def offset(self) -> int:
        return self._length

    def add_paragraph(self, text: str) -> None:
        text = " ".join(text.split("\n")).strip() if "\n" in text else text.strip()
        if text:
            self._append(text + "\n")

    def add_lines(self, text: str) -> None:
        """Add text that keeps its own line breaks (plain text, PDF pages)."""
        for line in text.splitlines():
            line = line.strip()
            if line:
                self._append(line + "\n")

    def add_table(self, rows: Sequence[Sequence[str]], unit: str | None = None,
                  title: str = "", header_rows: int = 1) -> Table | None:
        clean = [[" ".join(str(c or "").split()) for c in row] for row in rows]
        clean = [row for row in clean if any(row)]
        if not clean:
            return None
        start = self._length
        out_rows = []
        for r, row in enumerate(clean):
            cells = []
            for c, value in enumerate(row):
                if c:
                    self._append(CELL_SEP)
                cells.append(Cell(r, c, self._length, self._length + len(value), value))
                self._append(value)
            self._append("\n")
            out_rows.append(tuple(cells))
        table = Table(start, self._length, tuple(out_rows), min(header_rows, len(out_rows)),
                      unit, title)
        self._tables.append(table)
        return table

    def add_attachment(self, url: str, name: str = "") -> None:
        if all(a.url != url for a in self._attachments):
            self._attachments.append(Attachment(url, name))

    def add_attachments(self, items: Iterable[Attachment]) -> None:
        for a in items:
            self.add_attachment(a.url, a.name)

    def build(self, meta: Mapping[str, str] | None = None, source: str = "") -> Document:
        return Document("".join(self._parts), dict(meta or {}), tuple(self._tables),
                        tuple(self._attachments), source)
