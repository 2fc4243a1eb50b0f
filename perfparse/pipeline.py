"""Wiring only: document → figures → relations → checks → Report."""
from __future__ import annotations

import os
from typing import Mapping

from .judge import check_relations
from .figures import extract_figures
from .readers import read_bytes, read_path
from .readers.html import read_html
from .readers.text import read_text
from .records import Document, Report
from .claims import find_relations
from .statements import read_statements


def check_document(doc: Document) -> Report:
    """Figures, standard tables, relations, checks and findings of one Document."""
    figures = extract_figures(doc)
    recognised, tables, findings = read_statements(doc, figures)
    relations = find_relations(doc, figures, recognised)
    checks = check_relations(doc, figures, relations)
    return Report(doc.source, dict(doc.meta), doc.text, figures, relations, checks, doc,
                  tables, findings)


def parse_text(text: str, meta: Mapping[str, str] | None = None) -> Report:
    """Parse report text; `meta` overrides what the text's own metadata block says."""
    doc = read_text(text)
    if meta:
        doc = Document(doc.text, {**doc.meta, **meta}, doc.tables, doc.attachments, doc.source)
    return check_document(doc)


def parse_html(html: str, url: str | None = None) -> Report:
    """Parse an article page's HTML."""
    return check_document(read_html(html, url or ""))


def parse_file(path: str | os.PathLike) -> Report:
    """Parse a file of any supported format."""
    return check_document(read_path(path))


def parse_bytes(data: bytes, name: str = "", source: str | None = None) -> Report:
    """Parse a file's bytes; the format comes from the content, then the name."""
    return check_document(read_bytes(data, name, source=source))
